//! The article list: two rows per article (unread mark and title; source, date, quote count).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::{App, Focus, layout};
use crate::model::ArticleMeta;

pub fn render(app: &App, frame: &mut Frame<'_>, rect: Rect) {
    let unread = app.articles.iter().filter(|a| !a.read).count();
    let title = format!(" Articles {}/{} ", unread, app.articles.len());
    frame.render_widget(super::pane_block(app, title, Focus::List), rect);
    let area = layout::inner(rect);
    let buf = frame.buffer_mut();
    if area.height == 0 {
        return;
    }
    if app.articles.is_empty() {
        buf.set_line(
            area.x,
            area.y,
            &Line::styled("No articles yet.", app.theme.dim),
            area.width,
        );
        return;
    }
    let rows = (area.y..area.y + area.height).step_by(2);
    for (y, (i, meta)) in rows.zip(app.articles.iter().enumerate().skip(app.list_offset)) {
        let [first, second] = row_lines(app, meta);
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
    let first = Line::from(vec![mark, Span::styled(meta.title.as_str(), title_style)]);
    let date = meta
        .published
        .map_or_else(|| "no date".to_owned(), format_date);
    let quotes = match meta.quote_count {
        1 => "1 quote".to_owned(),
        n => format!("{n} quotes"),
    };
    let second = Line::styled(
        format!("  {quotes} · {} · {date}", meta.source),
        app.theme.dim,
    );
    [first, second]
}

/// Unix seconds as `YYYY-MM-DD` (UTC), without a date crate.
#[must_use]
pub fn format_date(secs: i64) -> String {
    // Days to civil date (Howard Hinnant's algorithm).
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
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
