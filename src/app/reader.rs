//! The open article: its annotations as one list of marked spans, the segments drawn from them,
//! the wrapped lines for the current pane width, the scroll position, and navigation between
//! quotes, a speaker's quotes and mentions, or search matches.

use crate::model::{Annotations, Document, SpeakerIdx};
use crate::span::{Segment, Span, segments};
use crate::text::wrap::{self, Line};

/// What a marked span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    Quote(usize),
    Mention { speaker: SpeakerIdx, index: usize },
    Match(usize),
}

#[derive(Clone, Debug)]
pub struct Reader {
    pub id: i64,
    pub doc: Document,
    pub ann: Annotations,
    /// Every highlighted span, with `marks[i]` saying what `spans[i]` is.
    pub spans: Vec<Span>,
    pub marks: Vec<Mark>,
    /// The body cut at every span boundary (`span::segments`), in text order.
    pub segments: Vec<Segment>,
    pub title_lines: Vec<Line>,
    pub lines: Vec<Line>,
    pub width: usize,
    pub height: usize,
    /// First display row shown (title rows first, then a blank row, then body lines).
    pub scroll: usize,
    /// The emphasised annotation, set by n/N or a jump from the panel.
    pub current: Option<Mark>,
    /// With a speaker selected, n/N walk that speaker's quotes and mentions.
    pub speaker: Option<SpeakerIdx>,
    /// Search or topic matches; while any exist, n/N walk them.
    pub matches: Vec<Span>,
    pub match_label: Option<String>,
}

impl Reader {
    #[must_use]
    pub fn new(id: i64, doc: Document, ann: Annotations) -> Self {
        let mut reader = Self {
            id,
            doc,
            ann,
            spans: Vec::new(),
            marks: Vec::new(),
            segments: Vec::new(),
            title_lines: Vec::new(),
            lines: Vec::new(),
            width: 0,
            height: 0,
            scroll: 0,
            current: None,
            speaker: None,
            matches: Vec::new(),
            match_label: None,
        };
        reader.rebuild_marks();
        reader
    }

    fn rebuild_marks(&mut self) {
        let mut spans = Vec::new();
        let mut marks = Vec::new();
        for (i, q) in self.ann.quotes.iter().enumerate() {
            spans.push(q.span);
            marks.push(Mark::Quote(i));
        }
        for (s, speaker) in self.ann.speakers.iter().enumerate() {
            for (index, m) in speaker.mentions.iter().enumerate() {
                spans.push(*m);
                marks.push(Mark::Mention { speaker: s, index });
            }
        }
        for (i, m) in self.matches.iter().enumerate() {
            spans.push(*m);
            marks.push(Mark::Match(i));
        }
        self.segments = segments(self.doc.body.as_str(), &spans);
        self.spans = spans;
        self.marks = marks;
    }

    /// Sets the text area; rewraps only when the width changes.
    pub fn set_viewport(&mut self, width: usize, height: usize) {
        if width != self.width || (self.lines.is_empty() && !self.doc.body.as_str().is_empty()) {
            // Keep the line at the top of the view in view across a rewrap.
            let top = self.byte_at_row(self.scroll);
            self.width = width;
            self.title_lines = self
                .doc
                .title
                .as_deref()
                .map_or_else(Vec::new, |t| wrap::wrap(t, width));
            self.lines = wrap::wrap(self.doc.body.as_str(), width);
            if self.scroll > 0 {
                self.scroll = self.row_of(top);
            }
        }
        self.height = height;
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Rows above the body: the title's lines and a blank one.
    #[must_use]
    pub fn header_len(&self) -> usize {
        if self.title_lines.is_empty() {
            0
        } else {
            self.title_lines.len() + 1
        }
    }

    #[must_use]
    pub fn total_rows(&self) -> usize {
        self.header_len() + self.lines.len()
    }

    #[must_use]
    pub fn max_scroll(&self) -> usize {
        self.total_rows().saturating_sub(self.height)
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
    }

    /// The display row holding body byte `byte`.
    #[must_use]
    pub fn row_of(&self, byte: usize) -> usize {
        let line = self.lines.partition_point(|l| l.range.end <= byte);
        self.header_len() + line.min(self.lines.len().saturating_sub(1))
    }

    /// The first body byte on a display row (0 for title rows).
    #[must_use]
    pub fn byte_at_row(&self, row: usize) -> usize {
        row.checked_sub(self.header_len())
            .and_then(|i| self.lines.get(i))
            .map_or(
                if row < self.header_len() {
                    0
                } else {
                    self.doc.body.as_str().len()
                },
                |l| l.range.start,
            )
    }

    #[must_use]
    pub fn span_of(&self, mark: Mark) -> Option<Span> {
        match mark {
            Mark::Quote(i) => self.ann.quotes.get(i).map(|q| q.span),
            Mark::Mention { speaker, index } => self
                .ann
                .speakers
                .get(speaker)
                .and_then(|s| s.mentions.get(index))
                .copied(),
            Mark::Match(i) => self.matches.get(i).copied(),
        }
    }

    /// What n/N walk, in text order: matches, else the selected speaker's quotes and mentions,
    /// else every quote.
    #[must_use]
    pub fn stops(&self) -> Vec<(Span, Mark)> {
        let mut stops: Vec<(Span, Mark)> = if !self.matches.is_empty() {
            self.matches
                .iter()
                .enumerate()
                .map(|(i, s)| (*s, Mark::Match(i)))
                .collect()
        } else if let Some(sp) = self.speaker {
            let quotes = self
                .ann
                .quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.speaker == Some(sp));
            let mut v: Vec<(Span, Mark)> = quotes.map(|(i, q)| (q.span, Mark::Quote(i))).collect();
            if let Some(s) = self.ann.speakers.get(sp) {
                v.extend(
                    s.mentions
                        .iter()
                        .enumerate()
                        .map(|(index, m)| (*m, Mark::Mention { speaker: sp, index })),
                );
            }
            v
        } else {
            self.ann
                .quotes
                .iter()
                .enumerate()
                .map(|(i, q)| (q.span, Mark::Quote(i)))
                .collect()
        };
        stops.sort_by_key(|(s, _)| (s.start(), s.end()));
        stops
    }

    /// Moves the current mark `count` stops forward or back; returns (position, total) when
    /// there is anywhere to go.
    pub fn step(&mut self, forward: bool, count: usize) -> Option<(usize, usize)> {
        let stops = self.stops();
        if stops.is_empty() {
            return None;
        }
        let count = count.max(1);
        let here = self
            .current
            .and_then(|m| stops.iter().position(|(_, s)| *s == m));
        let target = match here {
            Some(i) if forward => (i + count).min(stops.len() - 1),
            Some(i) => i.saturating_sub(count),
            None => {
                let top = self.byte_at_row(self.scroll);
                let after = stops.partition_point(|(s, _)| s.start() < top);
                if forward {
                    (after + count - 1).min(stops.len() - 1)
                } else {
                    after.saturating_sub(count)
                }
            }
        };
        let (span, mark) = stops[target];
        self.current = Some(mark);
        self.show(span);
        Some((target + 1, stops.len()))
    }

    /// Makes `mark` current and scrolls it into view.
    pub fn jump(&mut self, mark: Mark) {
        if let Some(span) = self.span_of(mark) {
            self.current = Some(mark);
            self.show(span);
        }
    }

    /// Scrolls so that the whole span is in view if it fits, else its start, with some context
    /// above.
    pub fn show(&mut self, span: Span) {
        let first = self.row_of(span.start());
        let last = self.row_of(span.end().saturating_sub(1).max(span.start()));
        if first < self.scroll || last >= self.scroll + self.height.max(1) {
            // Up to two rows of context above, fewer in a short pane.
            let context = (self.height / 4).min(2);
            self.scroll = first.saturating_sub(context).min(self.max_scroll());
        }
    }

    /// Replaces the matches (search results or a topic's mentions).
    pub fn set_matches(&mut self, matches: Vec<Span>, label: Option<String>) {
        self.matches = matches;
        self.match_label = label;
        if matches!(self.current, Some(Mark::Match(_))) {
            self.current = None;
        }
        self.rebuild_marks();
    }

    /// Finds `query` in the body: ASCII queries ignore case, others match exactly.
    #[must_use]
    pub fn find(&self, query: &str) -> Vec<Span> {
        let body = self.doc.body.as_str();
        if query.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        if query.is_ascii() {
            let (hay, needle) = (body.as_bytes(), query.as_bytes());
            let mut i = 0;
            while i + needle.len() <= hay.len() {
                if hay
                    .get(i..i + needle.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(needle))
                {
                    out.extend(Span::new(body, i, i + needle.len()));
                    i += needle.len();
                } else {
                    i += 1;
                }
            }
        } else {
            out.extend(
                body.match_indices(query)
                    .filter_map(|(i, m)| Span::new(body, i, i + m.len())),
            );
        }
        out
    }

    /// Clears the speaker, the matches and the current mark.
    pub fn clear(&mut self) {
        self.speaker = None;
        self.current = None;
        if !self.matches.is_empty() {
            self.set_matches(Vec::new(), None);
        }
        self.match_label = None;
    }

    /// The speaker of a mark, for the status line.
    #[must_use]
    pub fn speaker_of(&self, mark: Mark) -> Option<&str> {
        let idx = match mark {
            Mark::Quote(i) => self.ann.quotes.get(i)?.speaker?,
            Mark::Mention { speaker, .. } => speaker,
            Mark::Match(_) => return None,
        };
        self.ann.speakers.get(idx).map(|s| s.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Body, Quote, QuoteKind};

    fn reader(text: &str, quotes: &[(usize, usize)]) -> Reader {
        let quotes = quotes
            .iter()
            .map(|&(a, b)| Quote {
                kind: QuoteKind::Direct,
                span: Span::new(text, a, b).expect("fixture span"),
                speaker: None,
                cue: None,
                group: None,
            })
            .collect();
        let doc = Document {
            title: None,
            body: Body::from_normalized(text.to_owned()),
        };
        let mut r = Reader::new(
            1,
            doc,
            Annotations {
                quotes,
                ..Annotations::default()
            },
        );
        r.set_viewport(10, 2);
        r
    }

    #[test]
    fn find_ignores_ascii_case_and_matches_other_text_exactly() {
        let r = reader("Ready, READY already. Ünïcode ünïcode", &[]);
        let found = |q: &str| -> Vec<&str> {
            r.find(q)
                .iter()
                .map(|s| s.slice(r.doc.body.as_str()))
                .collect()
        };
        assert_eq!(found("ready"), ["Ready", "READY", "ready"]);
        assert_eq!(found("ünïcode"), ["ünïcode"]);
        assert!(found("").is_empty());
        assert!(found("absent").is_empty());
    }

    #[test]
    fn step_starts_from_the_view_and_stops_at_the_ends() {
        // Ten lines of "aaaa bbbb" at width 10; quotes on lines 0, 4 and 8.
        let text = ["aaaa bbbb"; 10].join("\n\n");
        let line = |i: usize| i * 11;
        let mut r = reader(
            &text,
            &[
                (line(0), line(0) + 4),
                (line(4), line(4) + 4),
                (line(8), line(8) + 4),
            ],
        );
        r.scroll = r.row_of(line(3));
        assert_eq!(
            r.step(true, 1),
            Some((2, 3)),
            "the first quote at or below the top of the view"
        );
        assert!(r.scroll <= r.row_of(line(4)) && r.row_of(line(4)) < r.scroll + r.height);
        assert_eq!(r.step(true, 5), Some((3, 3)), "clamped at the last");
        assert_eq!(r.step(false, 1), Some((2, 3)));
        r.current = None;
        r.scroll = r.row_of(line(6));
        assert_eq!(
            r.step(false, 1),
            Some((2, 3)),
            "the last quote above the view"
        );
    }
}
