//! The list pane: two lines per row. Articles (unread mark, star and title; quotes, source,
//! date) under their feed's heading (title, unread/total, a mark when its last fetch failed);
//! or library search results, the speakers index, one speaker's quotes. Only the rows on screen
//! are looked at (`App::row`); an article whose page is not loaded yet is drawn as `…`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::{App, Focus, ListMode, Row, layout};
use crate::model::ArticleMeta;

fn title(app: &App) -> String {
    match &app.mode {
        ListMode::Library => {
            let (unread, articles) = app.library.counts();
            format!(" Articles {unread}/{articles} ")
        }
        ListMode::Search(q) => format!(" Search '{q}' · {} ", app.row_count()),
        ListMode::Speakers => format!(" Speakers {} ", app.row_count()),
        ListMode::Quotes(name) => format!(" Quotes of {name} · {} ", app.row_count()),
    }
}

pub fn render(app: &App, frame: &mut Frame<'_>, rect: Rect) {
    frame.render_widget(super::pane_block(app, title(app), Focus::List), rect);
    let area = layout::inner(rect);
    let buf = frame.buffer_mut();
    if area.height == 0 {
        return;
    }
    if app.row_count() == 0 {
        let empty = match app.mode {
            ListMode::Library => "No articles yet.",
            _ => "Nothing found. Esc: back to the list.",
        };
        buf.set_line(
            area.x,
            area.y,
            &Line::styled(empty, app.theme.dim),
            area.width,
        );
        return;
    }
    let rows = (area.y..area.y + area.height).step_by(2);
    for (y, i) in rows.zip(app.list_offset..app.row_count()) {
        let Some(row) = app.row(i) else { break };
        let [first, second] = lines_of(app, row);
        let selected = i == app.selected;
        let patch = if selected {
            app.theme.selected(app.focus == Focus::List)
        } else {
            Style::new()
        };
        buf.set_line(area.x, y, &first.patch_style(patch), area.width);
        if y + 1 < area.y + area.height {
            buf.set_line(area.x, y + 1, &second.patch_style(patch), area.width);
        }
        if selected {
            buf.set_style(
                Rect {
                    y,
                    height: 2.min(area.y + area.height - y),
                    ..area
                },
                patch,
            );
        }
    }
}

fn lines_of<'a>(app: &App, row: Row<'a>) -> [Line<'a>; 2] {
    let theme = &app.theme;
    match row {
        Row::Article(meta) => row_lines(app, meta),
        Row::Loading => [Line::styled("  …", theme.dim), Line::default()],
        Row::Group(g) => {
            let mut first = vec![Span::styled(g.title.as_str(), theme.accent)];
            if g.last_error.is_some() {
                first.push(Span::styled(" ⚠", theme.error));
            }
            let second = g.last_error.as_ref().map_or_else(
                || {
                    Line::styled(
                        format!("{} unread · {} articles", g.unread, g.articles),
                        theme.dim,
                    )
                },
                |e| Line::styled(format!("fetch failed: {e}"), theme.error),
            );
            [Line::from(first), second]
        }
        Row::Hit(h) => {
            let [first, _] = row_lines(app, &h.meta);
            [first, snippet_line(app, &h.snippet)]
        }
        Row::Quote(q) => {
            let who = q.speaker.as_deref().unwrap_or("unattributed");
            [
                Line::from(vec![
                    Span::styled(format!("{who}: "), theme.accent),
                    Span::raw(q.text.as_str()),
                ]),
                Line::styled(format!("  in {}", q.article_title), theme.dim),
            ]
        }
        Row::Speaker(s) => {
            let quotes = plural(s.quotes, "quote");
            let articles = plural(s.articles, "article");
            [
                Line::styled(s.name.as_str(), Style::new().add_modifier(Modifier::BOLD)),
                Line::styled(format!("  {quotes} in {articles}"), theme.dim),
            ]
        }
    }
}

/// A search snippet with the store's `[…]` around matches, the matches highlighted.
fn snippet_line<'a>(app: &App, snippet: &'a str) -> Line<'a> {
    let mut spans = vec![Span::raw("  ")];
    for (i, part) in snippet.split(['[', ']']).enumerate() {
        if part.is_empty() {
            continue;
        }
        let style = if i % 2 == 1 {
            app.theme.matched
        } else {
            app.theme.dim
        };
        spans.push(Span::styled(part, style));
    }
    Line::from(spans)
}

fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn row_lines<'a>(app: &App, meta: &'a ArticleMeta) -> [Line<'a>; 2] {
    let mark = if meta.read {
        Span::raw("  ")
    } else {
        Span::styled("● ", app.theme.accent)
    };
    let title_style = if meta.read {
        Style::new()
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    let mut first = vec![mark];
    if meta.starred {
        first.push(Span::styled("★ ", app.theme.accent));
    }
    first.push(Span::styled(meta.title.as_str(), title_style));
    let first = Line::from(first);
    let date = meta
        .published
        .map_or_else(|| "no date".to_owned(), format_date);
    let quotes = plural(meta.quote_count, "quote");
    let second = Line::styled(
        format!("  {quotes} · {} · {date}", meta.source),
        app.theme.dim,
    );
    [first, second]
}

/// Unix seconds as `YYYY-MM-DD` (UTC), without a date crate.
#[must_use]
pub fn format_date(secs: i64) -> String {
    let (year, month, day) = crate::date::civil(secs);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::format_date;

    #[test]
    fn dates() {
        assert_eq!(format_date(0), "1970-01-01");
        assert_eq!(format_date(1_473_120_000), "2016-09-06");
        assert_eq!(format_date(951_782_400), "2000-02-29");
        assert_eq!(format_date(-86_400), "1969-12-31");
    }
}
