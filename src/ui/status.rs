//! The status line: the search prompt or the last message on the left, the position and key hints
//! (generated from the keymap) on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::app::App;
use crate::text::wrap::width;

pub fn render(app: &App, frame: &mut Frame<'_>, rect: Rect) {
    if rect.height == 0 || rect.width == 0 {
        return;
    }
    let theme = &app.theme;
    let left = if let Some(query) = app.search_input.as_deref() {
        Line::from(vec![
            Span::styled("/", theme.accent),
            Span::raw(query),
            Span::styled("█", theme.dim),
        ])
    } else if let Some(n) = app.count {
        Line::styled(format!("{n}"), theme.accent)
    } else if app.status.error {
        Line::styled(app.status.text.as_str(), theme.error)
    } else {
        Line::raw(app.status.text.as_str())
    };
    let mut hints = Vec::new();
    if let Some(progress) = app.fetching.as_ref() {
        hints.push(progress.clone());
    }
    if app.read_only {
        hints.push("read-only".to_owned());
    }
    if let Some(r) = app.reader.as_ref() {
        if let Some(name) = r.speaker.and_then(|s| r.ann.speakers.get(s)) {
            hints.push(format!(
                "speaker: {} ({} clears)",
                name.name,
                app.keymap.first(Action::Clear)
            ));
        }
        let pct = if r.max_scroll() == 0 {
            100
        } else {
            r.scroll * 100 / r.max_scroll()
        };
        hints.push(format!("{pct}%"));
    }
    hints.push(format!("{} help", app.keymap.first(Action::Help)));
    hints.push(format!("{} quit", app.keymap.first(Action::Quit)));
    // An error gets the whole line: it names a file, line and key that must not be cut off.
    if app.status.error && app.search_input.is_none() {
        hints.clear();
    }
    let right = hints.join("  ");
    let buf = frame.buffer_mut();
    let right_w = u16::try_from(width(&right))
        .unwrap_or(u16::MAX)
        .min(rect.width);
    let left_w = rect.width.saturating_sub(right_w + 1);
    buf.set_line(rect.x, rect.y, &left, left_w);
    if !right.is_empty() && right_w + 1 < rect.width {
        buf.set_line(
            rect.x + rect.width - right_w,
            rect.y,
            &Line::styled(right, theme.dim),
            right_w,
        );
    }
}
