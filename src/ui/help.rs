//! The help overlay: every bindable action with its live keys and a description, generated from
//! the keymap, so remapped keys show as they are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::action::Action;
use crate::app::App;
use crate::text::wrap::width;

pub fn render(app: &App, frame: &mut Frame<'_>) {
    let rows: Vec<(String, &str)> = Action::BINDABLE
        .iter()
        .map(|a| (app.keymap.describe(*a), a.description()))
        .collect();
    let key_w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let mut lines: Vec<Line<'_>> = rows
        .iter()
        .map(|(keys, desc)| {
            Line::from(vec![
                Span::styled(
                    format!("{keys:<key_w$}  "),
                    app.theme.accent.add_modifier(Modifier::BOLD),
                ),
                Span::raw(*desc),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Digits before a key repeat it (3n). Mouse: click selects, wheel scrolls.",
        app.theme.dim,
    ));
    lines.push(Line::styled(
        format!(
            "{} or {} closes this help.",
            app.keymap.first(Action::Help),
            app.keymap.first(Action::Clear)
        ),
        app.theme.dim,
    ));
    let area = frame.area();
    let want_w =
        u16::try_from(lines.iter().map(Line::width).max().unwrap_or(0) + 4).unwrap_or(u16::MAX);
    let want_h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let w = want_w.min(area.width);
    let h = want_h.min(area.height);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(" Keys ")
        .border_style(app.theme.accent)
        .style(Style::new());
    frame.render_widget(
        Paragraph::new(lines).block(block.padding(ratatui::widgets::Padding::horizontal(1))),
        rect,
    );
}
