//! Moving between annotations: n/N over quotes, a speaker's quotes and mentions, or search
//! matches; jumps from the panel; the search prompt; mouse clicks and the wheel. Part of
//! `App::update`, split out to keep `app.rs` short.

use crate::action::{Action, Task};

use super::layout;
use super::panel::PanelItem;
use super::reader::Mark;
use super::{App, Focus};

impl App {
    /// The search prompt. In the list it searches the whole library (a task); in the reader,
    /// the open article.
    pub(super) fn edit_search(&mut self, action: Action) -> Option<Task> {
        let query = self.search_input.as_mut()?;
        match action {
            // Typed text is sanitised like any other: no controls, escapes or bidi overrides.
            Action::Char(c) => query.push_str(&crate::text::normalize::strip_controls(
                c.encode_utf8(&mut [0; 4]),
            )),
            Action::Backspace => {
                query.pop();
            }
            Action::Clear => self.search_input = None,
            Action::Open => {
                let query = self.search_input.take().unwrap_or_default();
                if self.focus == Focus::List {
                    if query.trim().is_empty() {
                        self.show_library();
                        return None;
                    }
                    return Some(Task::Search(query));
                }
                let r = self.reader.as_mut()?;
                let found = r.find(&query);
                let n = found.len();
                let label = crate::text::normalize::normalize_line(&query);
                r.set_matches(found, Some(label.clone()));
                if n == 0 {
                    self.report(&format!("'{label}' not found"), false);
                } else {
                    r.step(true, 1);
                    self.announce();
                }
            }
            _ => {}
        }
        None
    }

    pub(super) fn step(&mut self, forward: bool, count: usize) {
        let Some(r) = self.reader.as_mut() else {
            self.report("open an article first (Enter)", false);
            return;
        };
        if r.step(forward, count).is_none() {
            let what = if r.matches.is_empty() {
                "no quotes to go to"
            } else {
                "no matches"
            };
            self.report(what, false);
            return;
        }
        self.announce();
    }

    /// Describes the current mark in the status line: "quote 3/12 · Barack Obama".
    pub(super) fn announce(&mut self) {
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        let Some(current) = r.current else { return };
        let stops = r.stops();
        let pos = stops
            .iter()
            .position(|(_, m)| *m == current)
            .map_or(0, |p| p + 1);
        let what = match current {
            Mark::Quote(_) => "quote",
            Mark::Mention { .. } => "mention",
            Mark::Match(_) => "match",
        };
        let mut text = format!("{what} {pos}/{}", stops.len());
        if let Some(name) = r.speaker_of(current) {
            text.push_str(" · ");
            text.push_str(name);
        }
        if let (Mark::Match(_), Some(label)) = (current, r.match_label.as_ref()) {
            text.push_str(&format!(" · '{label}'"));
        }
        self.report(&text, false);
    }

    pub(super) fn open(&mut self) -> Option<Task> {
        match self.focus {
            Focus::List => self.open_row(),
            Focus::Panel => {
                self.jump_to_panel_item();
                None
            }
            Focus::Reader => None,
        }
    }

    pub(super) fn jump_to_panel_item(&mut self) {
        let Some(item) = self.panel.selected_item() else {
            return;
        };
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        match item {
            PanelItem::Speaker(s) => {
                r.set_matches(Vec::new(), None);
                r.speaker = Some(s);
                r.current = None;
                r.scroll = 0;
                r.step(true, 1);
            }
            PanelItem::Quote(q) => {
                r.set_matches(Vec::new(), None);
                r.jump(Mark::Quote(q));
            }
            PanelItem::Topic(t) => {
                let Some(topic) = r.ann.topics.get(t) else {
                    return;
                };
                let (mentions, label) = (topic.mentions.clone(), topic.label.clone());
                r.set_matches(mentions, Some(label));
                r.current = None;
                r.scroll = 0;
                r.step(true, 1);
            }
            PanelItem::Header(_) => return,
        }
        if self.panes().compact {
            self.focus = Focus::Reader;
        }
        self.announce();
    }

    /// A click selects the row under it; a click on the row already selected (and focused)
    /// opens it, as Enter would.
    pub(super) fn click(&mut self, x: u16, y: u16) -> Option<Task> {
        let panes = self.panes();
        if let Some(list) = panes.list.filter(|r| layout::hit(layout::inner(*r), x, y)) {
            let row = usize::from(y - layout::inner(list).y) / 2 + self.list_offset;
            let again = self.focus == Focus::List && row == self.selected;
            self.focus = Focus::List;
            if row < self.row_count() {
                self.selected = row;
                if again {
                    return self.open();
                }
            }
        } else if let Some(panel) = panes.panel.filter(|r| layout::hit(layout::inner(*r), x, y)) {
            let row = usize::from(y - layout::inner(panel).y) + self.panel.offset;
            let again = self.focus == Focus::Panel && row == self.panel.selected;
            self.focus = Focus::Panel;
            if self.panel.select_row(row) && again {
                return self.open();
            }
        } else if panes.reader.is_some_and(|r| layout::hit(r, x, y)) {
            self.focus = Focus::Reader;
        }
        None
    }

    pub(super) fn wheel(&mut self, down: bool, x: u16, y: u16) {
        let panes = self.panes();
        let delta = if down { 1 } else { -1 };
        if panes.list.is_some_and(|r| layout::hit(r, x, y)) {
            let last = self.row_count().saturating_sub(1);
            self.selected = self.selected.saturating_add_signed(delta).min(last);
        } else if panes.panel.is_some_and(|r| layout::hit(r, x, y)) {
            self.panel.step(delta);
        } else if let Some(r) = self.reader.as_mut() {
            r.scroll_by(delta * 3);
        }
    }
}
