//! The reader's state and the one place it changes: `App::update(Action) -> Option<Task>`.
//! Results of tasks come back through `App::opened`, `rows_loaded`, … Nothing here draws or does
//! I/O; `ui` reads this state and `tui` runs the loop.

pub mod browse;
pub mod layout;
pub mod library;
mod navigate;
pub mod opener;
pub mod outline;
pub mod panel;
pub mod reader;
pub mod store_library;

use ratatui::layout::Rect;

use crate::action::{Action, Task};
use crate::config::Config;
use crate::error::Result;
use crate::keymap::Keymap;
use crate::model::ArticleMeta;
use crate::ui::theme::Theme;

pub use browse::{Found, ListMode, Row};
pub use layout::{Focus, Panes};
use library::Opened;
use outline::Outline;
use panel::{Panel, PanelItem};

use reader::{Mark, Reader};

/// The status line's message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Clone, Debug)]
pub struct App {
    pub config: Config,
    pub keymap: Keymap,
    pub theme: Theme,
    pub focus: Focus,
    /// The library list: every feed's heading and counts, and the rows of the pages in view.
    pub library: Outline,
    /// What the list pane shows: the library, or `results`.
    pub mode: ListMode,
    /// The rows of a library search, the speakers index or one speaker's quotes.
    pub results: Vec<Found>,
    /// The selected row of the list pane (see `App::row`).
    pub selected: usize,
    /// First row shown.
    pub list_offset: usize,
    /// The library list's selected row while `results` are shown.
    pub library_selected: usize,
    /// The article the library list's selection should move to when its row is loaded (after a
    /// reload); forgotten at the next input.
    pub follow: Option<i64>,
    pub reader: Option<Reader>,
    /// The open article's list row (source, link, read and star state).
    pub reading: Option<ArticleMeta>,
    pub panel: Panel,
    /// The search prompt while it is being typed.
    pub search_input: Option<String>,
    /// A count prefix being typed (`3` of `3n`).
    pub count: Option<usize>,
    pub help: bool,
    pub status: Status,
    pub panel_hidden: bool,
    /// Terminal columns and rows.
    pub size: (u16, u16),
    /// A fetch's progress while it runs.
    pub fetching: Option<String>,
    /// The library is open read-only (another byline writes it); shown in the status bar.
    pub read_only: bool,
    pub quit: bool,
}

impl App {
    /// A new app with an empty list (the library arrives with `set_library`); `no_color` forces
    /// a monochrome theme. Problems with the keys or colours in `config` are shown in the status
    /// line.
    #[must_use]
    pub fn new(config: Config, no_color: bool) -> Self {
        let (keymap, key_errors) = Keymap::new(&config.keys);
        let (theme, colour_errors) = Theme::new(&config.theme, no_color);
        let mut problems: Vec<String> = key_errors
            .into_iter()
            .map(|(action, e)| format!("config keys.{}: {e}", action.name()))
            .collect();
        problems.extend(colour_errors);
        let panel_hidden = !config.layout.show_panel;
        let mut app = Self {
            config,
            keymap,
            theme,
            focus: Focus::List,
            library: Outline::default(),
            mode: ListMode::Library,
            results: Vec::new(),
            selected: 0,
            list_offset: 0,
            library_selected: 0,
            follow: None,
            reader: None,
            reading: None,
            panel: Panel::default(),
            search_input: None,
            count: None,
            help: false,
            status: Status::default(),
            panel_hidden,
            size: (80, 24),
            fetching: None,
            read_only: false,
            quit: false,
        };
        if let Some(first) = problems.first() {
            app.report(first, true);
        }
        app
    }

    /// Shows a message in the status line.
    pub fn report(&mut self, text: &str, error: bool) {
        self.status = Status {
            text: crate::text::normalize::normalize_line(text),
            error,
        };
    }

    /// The pane rectangles for the current size and mode.
    #[must_use]
    pub fn panes(&self) -> Panes {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        layout::panes(area, self.focus, &self.config.layout, self.panel_hidden)
    }

    /// The id of the selected article.
    #[must_use]
    pub fn selected_id(&self) -> Option<i64> {
        match self.row(self.selected)? {
            Row::Article(m) => Some(m.id),
            Row::Hit(h) => Some(h.meta.id),
            Row::Quote(q) => Some(q.article_id),
            Row::Group(_) | Row::Speaker(_) | Row::Loading => None,
        }
    }

    /// Receives an opened article (the result of `Task::Open`).
    pub fn opened(&mut self, id: i64, result: Result<Opened>) {
        match result {
            Ok(Opened {
                meta,
                doc,
                ann,
                newly_read,
            }) => {
                self.panel = Panel::build(&ann);
                self.reader = Some(Reader::new(id, doc, ann));
                let feed = meta.feed_id;
                self.reading = Some(meta);
                if newly_read {
                    self.note_read(id, feed);
                }
                if self.mode == ListMode::Library
                    && let Some(pos) = self.library.row_of(id)
                {
                    self.selected = pos;
                }
                self.focus = Focus::Reader;
                let hint = format!(
                    "{}/{} quotes · {} search · {} panes",
                    self.keymap.first(Action::Next),
                    self.keymap.first(Action::Prev),
                    self.keymap.first(Action::Search),
                    self.keymap.first(Action::FocusNext),
                );
                // A standing error (a broken config) stays until the user moves on.
                if !self.status.error {
                    self.report(&hint, false);
                }
            }
            Err(e) => self.report(&e.to_string(), true),
        }
        self.sync();
    }

    /// The one way to change the state from input.
    pub fn update(&mut self, action: Action) -> Option<Task> {
        self.follow = None;
        let task = self.dispatch(action);
        self.sync();
        task.or_else(|| self.wanted().map(Task::LoadRows))
    }

    fn dispatch(&mut self, action: Action) -> Option<Task> {
        if let Action::Resize { width, height } = action {
            self.size = (width, height);
            return None;
        }
        if self.help {
            if matches!(
                action,
                Action::Help | Action::Clear | Action::Quit | Action::Click { .. }
            ) {
                self.help = false;
            }
            return None;
        }
        if self.search_input.is_some() {
            return self.edit_search(action);
        }
        if let Action::Digit(d) = action {
            if d > 0 || self.count.is_some() {
                self.count = Some((self.count.unwrap_or(0) * 10 + usize::from(d)).min(9999));
            }
            return None;
        }
        let count = self.count.take().unwrap_or(1);
        if action.takes_count() {
            let signed = isize::try_from(count).unwrap_or(isize::MAX);
            return self.motion(action, signed);
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::Top | Action::Bottom => self.edge(action == Action::Bottom),
            Action::Open => return self.open(),
            Action::Clear => {
                if self.focus == Focus::List && matches!(self.mode, ListMode::Quotes(_)) {
                    // Back to the speakers index the quotes came from.
                    self.status = Status::default();
                    return Some(Task::Speakers);
                } else if self.focus == Focus::List && self.mode != ListMode::Library {
                    self.show_library();
                } else if let Some(r) = self.reader.as_mut() {
                    r.clear();
                }
                self.status = Status::default();
            }
            Action::Search => {
                if self.focus == Focus::List || self.reader.is_some() {
                    self.search_input = Some(String::new());
                } else {
                    self.report("open an article to search it", false);
                }
            }
            Action::TogglePanel => {
                self.panel_hidden = !self.panel_hidden;
                if self.panel_hidden && self.focus == Focus::Panel {
                    self.focus = Focus::Reader;
                }
            }
            Action::ToggleStar => return self.target().map(|t| Task::ToggleStar(t.id)),
            Action::OpenLink => {
                let url = self
                    .target()
                    .map(|t| (t.url.map(str::to_owned), t.feed_id.is_none()));
                match url {
                    Some((Some(url), local)) => return Some(Task::OpenLink { url, local }),
                    Some((None, _)) => self.report("this article has no link", false),
                    None => {}
                }
            }
            Action::Speakers => return Some(Task::Speakers),
            Action::Refresh => return self.refresh_selected(),
            Action::RefreshAll => return self.start_fetch(None),
            Action::Click { x, y } => return self.click(x, y),
            Action::Wheel { down, x, y } => self.wheel(down, x, y),
            _ => {}
        }
        None
    }

    fn motion(&mut self, action: Action, count: isize) -> Option<Task> {
        if matches!(action, Action::Next | Action::Prev) {
            self.step(action == Action::Next, count.unsigned_abs());
            return None;
        }
        let page = |h: usize| isize::try_from(h.max(1)).unwrap_or(1);
        let height = self.focused_height();
        let delta = match action {
            Action::Down => count,
            Action::Up => -count,
            Action::HalfPageDown => count * page(height / 2),
            Action::HalfPageUp => -count * page(height / 2),
            Action::PageDown => count * page(height.saturating_sub(1)),
            Action::PageUp => -count * page(height.saturating_sub(1)),
            _ => 0,
        };
        self.move_focused(delta);
        None
    }

    /// Rows of content in the focused pane.
    fn focused_height(&self) -> usize {
        let panes = self.panes();
        let rect = match self.focus {
            Focus::List => panes.list,
            Focus::Reader => panes.reader,
            Focus::Panel => panes.panel,
        };
        let rows = rect.map_or(0, |r| usize::from(layout::inner(r).height));
        if self.focus == Focus::List {
            rows / 2
        } else {
            rows
        }
    }

    fn move_focused(&mut self, delta: isize) {
        match self.focus {
            Focus::List => {
                let last = self.row_count().saturating_sub(1);
                self.selected = self.selected.saturating_add_signed(delta).min(last);
            }
            Focus::Reader => {
                if let Some(r) = self.reader.as_mut() {
                    r.scroll_by(delta);
                }
            }
            Focus::Panel => self.panel.step(delta),
        }
    }

    fn edge(&mut self, last: bool) {
        match self.focus {
            Focus::List => {
                self.selected = if last {
                    self.row_count().saturating_sub(1)
                } else {
                    0
                }
            }
            Focus::Reader => {
                if let Some(r) = self.reader.as_mut() {
                    r.scroll = if last { r.max_scroll() } else { 0 };
                }
            }
            Focus::Panel => self.panel.select_edge(last),
        }
    }

    fn cycle_focus(&mut self, forward: bool) {
        let mut order = vec![Focus::List, Focus::Reader];
        if !self.panel_hidden {
            order.push(Focus::Panel);
        }
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % order.len()
        } else {
            (at + order.len() - 1) % order.len()
        };
        self.focus = order[next];
    }

    /// Brings derived state in line with the layout: the reader's wrap width and height, and the
    /// list and panel offsets that keep their selections visible.
    fn sync(&mut self) {
        let panes = self.panes();
        if let (Some(rect), Some(r)) = (panes.reader, self.reader.as_mut()) {
            let text = layout::reader_text(rect);
            let width = usize::from(text.width.min(self.config.layout.wrap_width)).max(1);
            r.set_viewport(width, usize::from(text.height));
        }
        if let Some(rect) = panes.list {
            let rows = usize::from(layout::inner(rect).height) / 2;
            self.list_offset =
                panel::keep_visible(self.selected, self.list_offset, rows, self.row_count());
        }
        // Outside the panel, its cursor follows the current quote so the panel shows it.
        if self.focus != Focus::Panel
            && let Some(Mark::Quote(q)) = self.reader.as_ref().and_then(|r| r.current)
            && let Some(row) = self
                .panel
                .items
                .iter()
                .position(|it| *it == PanelItem::Quote(q))
        {
            self.panel.select_row(row);
        }
        if let Some(rect) = panes.panel {
            self.panel
                .keep_visible(usize::from(layout::inner(rect).height));
        }
    }
}
