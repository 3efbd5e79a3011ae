//! Drawing: `render(&App, &mut Frame)` lays out list | reader | panel above a status line, using
//! the same rectangles as `App` (`app::layout`). Views only read the state.

pub mod help;
pub mod list;
pub mod panel;
pub mod reader;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

use crate::app::{App, Focus};

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let panes = app.panes();
    if let Some(rect) = panes.list {
        list::render(app, frame, rect);
    }
    if let Some(rect) = panes.reader {
        reader::render(app, frame, rect);
    }
    if let Some(rect) = panes.panel {
        panel::render(app, frame, rect);
    }
    status::render(app, frame, panes.status);
    if app.help {
        help::render(app, frame);
    }
}

/// A pane's bordered block, highlighted when focused.
fn pane_block<'a>(app: &App, title: impl Into<Line<'a>>, focus: Focus) -> Block<'a> {
    let focused = app.focus == focus;
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(app.theme.border(focused))
        .title(title)
}
