//! The side panel: Speakers (colour, name, quote count), Quotes (speaker and opening words, in
//! text order) and Topics, one row each, with the cursor on the selected row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::panel::{PanelItem, Section};
use crate::app::reader::Reader;
use crate::app::{App, Focus, layout};

pub fn render(app: &App, frame: &mut Frame<'_>, rect: Rect) {
    frame.render_widget(
        super::pane_block(app, " Who said what ", Focus::Panel),
        rect,
    );
    let area = layout::inner(rect);
    let buf = frame.buffer_mut();
    let Some(reader) = app.reader.as_ref() else {
        let hint = ["Open an article to see", "who said what."];
        for (y, text) in (area.y..area.y + area.height).zip(hint) {
            buf.set_line(area.x, y, &Line::styled(text, app.theme.dim), area.width);
        }
        return;
    };
    let rows = area.y..area.y + area.height;
    for (y, (i, item)) in rows.zip(app.panel.items.iter().enumerate().skip(app.panel.offset)) {
        let mut line = item_line(app, reader, *item);
        if i == app.panel.selected {
            line = line.patch_style(app.theme.selected(app.focus == Focus::Panel));
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                app.theme.selected(app.focus == Focus::Panel),
            );
        }
        buf.set_line(area.x, y, &line, area.width);
    }
}

fn item_line<'a>(app: &App, reader: &'a Reader, item: PanelItem) -> Line<'a> {
    let ann = &reader.ann;
    let theme = &app.theme;
    match item {
        PanelItem::Header(section) => {
            let n = match section {
                Section::Speakers => ann.speakers.len(),
                Section::Quotes => ann.quotes.len(),
                Section::Topics => ann.topics.len(),
            };
            Line::styled(
                format!("{} ({n})", section.title()),
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            )
        }
        PanelItem::Speaker(s) => {
            let name = ann.speakers.get(s).map_or("?", |sp| sp.name.as_str());
            let count = app.panel.quote_counts.get(s).copied().unwrap_or(0);
            let mut style = theme.quote(Some(s));
            if reader.speaker == Some(s) {
                style = style.add_modifier(Modifier::BOLD);
            }
            let marker = if reader.speaker == Some(s) {
                "▶ "
            } else {
                "● "
            };
            Line::from(vec![
                Span::styled(marker, style),
                Span::styled(format!("{count:>2} "), theme.dim),
                Span::styled(name, style),
            ])
        }
        PanelItem::Quote(q) => {
            let Some(quote) = ann.quotes.get(q) else {
                return Line::raw("");
            };
            let who = quote
                .speaker
                .and_then(|s| ann.speakers.get(s))
                .map_or("unknown", |s| short_name(&s.name));
            let words: Vec<&str> = quote
                .span
                .slice(reader.doc.body.as_str())
                .split_whitespace()
                .take(8)
                .collect();
            let current = reader.current == Some(crate::app::reader::Mark::Quote(q));
            let mut who_style = theme.quote(quote.speaker).add_modifier(Modifier::BOLD);
            if current {
                who_style = who_style.add_modifier(Modifier::REVERSED);
            }
            Line::from(vec![
                Span::styled(format!("{}:", clip(who, 14)), who_style),
                Span::raw(" "),
                Span::raw(words.join(" ")),
            ])
        }
        PanelItem::Topic(t) => {
            let label = ann.topics.get(t).map_or("", |t| t.label.as_str());
            let n = ann.topics.get(t).map_or(0, |t| t.mentions.len());
            Line::from(vec![
                Span::raw("# "),
                Span::raw(label),
                Span::styled(format!("  {n}"), theme.dim),
            ])
        }
    }
}

/// "Barack Obama" → "Obama"; descriptions ("a senior US official") stay whole.
fn short_name(name: &str) -> &str {
    let first_is_capital = name.chars().next().is_some_and(char::is_uppercase);
    if first_is_capital {
        name.rsplit(' ').next().unwrap_or(name)
    } else {
        name
    }
}

/// At most `max` characters, with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
