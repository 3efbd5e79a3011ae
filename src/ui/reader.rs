//! The reader pane: the title, then the body's wrapped lines, each cut at segment boundaries
//! (computed on byte spans before wrapping) and styled by the annotations active over it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::reader::{Mark, Reader};
use crate::app::{App, Focus, layout};
use crate::ui::theme::{CURRENT, Theme};

pub fn render(app: &App, frame: &mut Frame<'_>, rect: Rect) {
    let title = app
        .reading
        .as_ref()
        .map_or_else(|| " Reader ".to_owned(), |a| format!(" {} ", a.source));
    frame.render_widget(super::pane_block(app, title, Focus::Reader), rect);
    let area = layout::reader_text(rect);
    let Some(reader) = app.reader.as_ref() else {
        let hint = format!(
            "Select an article and press {} to read it. {} shows every key.",
            app.keymap.first(crate::action::Action::Open),
            app.keymap.first(crate::action::Action::Help)
        );
        frame.render_widget(
            Paragraph::new(hint)
                .style(app.theme.dim)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    };
    let buf = frame.buffer_mut();
    for (y, row) in (area.y..area.y + area.height).zip(reader.scroll..) {
        if let Some(line) = row_line(reader, &app.theme, row) {
            buf.set_line(area.x, y, &line, area.width);
        }
    }
}

/// The styled content of display row `row`, or `None` past the end.
#[must_use]
pub fn row_line<'a>(reader: &'a Reader, theme: &Theme, row: usize) -> Option<Line<'a>> {
    let header = reader.header_len();
    if row < header {
        let title = reader.doc.title.as_deref().unwrap_or("");
        let text = reader
            .title_lines
            .get(row)
            .and_then(|l| title.get(l.shown()))
            .unwrap_or("");
        return Some(Line::styled(
            text,
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    let line = reader.lines.get(row - header)?;
    let body = reader.doc.body.as_str();
    let (start, end) = (line.range.start, line.shown_end);
    let mut spans = Vec::new();
    let first = reader.segments.partition_point(|s| s.span.end() <= start);
    for seg in reader.segments.iter().skip(first) {
        if seg.span.start() >= end {
            break;
        }
        let (a, b) = (seg.span.start().max(start), seg.span.end().min(end));
        if let Some(text) = body.get(a..b).filter(|t| !t.is_empty()) {
            spans.push(Span::styled(text, style_of(reader, theme, &seg.active)));
        }
    }
    Some(Line::from(spans))
}

/// The style of a segment from the annotations active over it. A nested quote's colour wins over
/// its outer quote's; a mention inside a quote keeps the quote's colour and adds its marking.
/// Precedence, lowest first: quote colour, mention marking, search match, current mark.
#[must_use]
pub fn style_of(reader: &Reader, theme: &Theme, active: &[usize]) -> Style {
    let mut quote: Option<(usize, usize)> = None; // (start, quote index): the innermost wins
    let mut mention = None;
    let mut matched = false;
    let mut current = false;
    for &i in active {
        let Some(&mark) = reader.marks.get(i) else {
            continue;
        };
        current |= reader.current == Some(mark);
        match mark {
            Mark::Quote(q) => {
                let start = reader.spans.get(i).map_or(0, |s| s.start());
                if quote.is_none_or(|(s, _)| start >= s) {
                    quote = Some((start, q));
                }
            }
            Mark::Mention { speaker, .. } => mention = Some(speaker),
            Mark::Match(_) => matched = true,
        }
    }
    // With a speaker selected, only their quotes and mentions keep their highlight.
    let shown = |speaker: Option<usize>| reader.speaker.is_none() || reader.speaker == speaker;
    let mut style = Style::new();
    if let Some((_, q)) = quote {
        let speaker = reader.ann.quotes.get(q).and_then(|q| q.speaker);
        if shown(speaker) {
            style = theme.quote(speaker);
        }
    }
    if let Some(speaker) = mention.filter(|s| shown(Some(*s))) {
        let marked = theme.mention(speaker);
        style = if quote.is_some() {
            style.add_modifier(marked.add_modifier)
        } else {
            marked
        };
    }
    if matched {
        style = style.patch(theme.matched);
    }
    if current {
        style = style.add_modifier(CURRENT);
    }
    style
}
