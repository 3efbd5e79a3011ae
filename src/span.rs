//! Byte spans into a `Body`: the one offset type used by annotations, JSON, SQLite and the UI.
//!
//! A `Span` can only be built by [`Span::new`], which checks that both ends lie on UTF-8 char
//! boundaries of the text it indexes, so slicing with it never panics.

use serde::{Deserialize, Serialize};

/// A UTF-8 byte range `[start, end)` into a body text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// A span of `text`, or `None` when the range is reversed, out of bounds or cuts a character.
    #[must_use]
    pub fn new(text: &str, start: usize, end: usize) -> Option<Self> {
        (start <= end && text.is_char_boundary(start) && text.is_char_boundary(end))
            .then_some(Self { start, end })
    }

    /// The span of `part`, which must be a sub-slice of `text` (taken with `get`, `split`, …).
    #[must_use]
    pub fn of_subslice(text: &str, part: &str) -> Option<Self> {
        let base = text.as_ptr() as usize;
        let at = (part.as_ptr() as usize).checked_sub(base)?;
        Self::new(text, at, at + part.len())
    }

    #[must_use]
    pub const fn start(self) -> usize {
        self.start
    }

    #[must_use]
    pub const fn end(self) -> usize {
        self.end
    }

    #[must_use]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text under the span; empty when `text` is not the text the span was made for.
    #[must_use]
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    #[must_use]
    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    #[must_use]
    pub const fn covers(self, other: Self) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    #[must_use]
    pub const fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same span with surrounding whitespace removed.
    #[must_use]
    pub fn trim(self, text: &str) -> Self {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail >= s.len() {
            return Self {
                start: self.start + lead.min(s.len()),
                end: self.start + lead.min(s.len()),
            };
        }
        Self {
            start: self.start + lead,
            end: self.end - trail,
        }
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn join(self, other: Self) -> Self {
        Self {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A piece of the body with the indices of every annotation active over it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub span: Span,
    pub active: Vec<usize>,
}

/// Cuts `[0, len)` into consecutive, non-overlapping segments at every span boundary, each carrying
/// the indices (into `spans`) of the spans that cover it. Segments cover the text exactly once.
#[must_use]
pub fn segments(text: &str, spans: &[Span]) -> Vec<Segment> {
    let mut cuts: Vec<usize> = Vec::with_capacity(spans.len() * 2 + 2);
    cuts.push(0);
    cuts.push(text.len());
    for s in spans {
        if s.end <= text.len() {
            cuts.push(s.start);
            cuts.push(s.end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Sweep: spans sorted by start enter, and leave once their end is passed.
    let mut order: Vec<usize> = (0..spans.len())
        .filter(|&i| spans[i].end <= text.len())
        .collect();
    order.sort_by_key(|&i| spans[i].start);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while next < order.len() && spans[order[next]].start <= a {
            active.push(order[next]);
            next += 1;
        }
        active.retain(|&i| spans[i].end > a);
        let mut act: Vec<usize> = active
            .iter()
            .copied()
            .filter(|&i| !spans[i].is_empty())
            .collect();
        act.sort_unstable();
        out.push(Segment {
            span: Span { start: a, end: b },
            active: act,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn new_rejects_bad_ranges() {
        let t = "héllo";
        assert!(Span::new(t, 0, 1).is_some());
        assert!(Span::new(t, 0, 2).is_none(), "cuts é");
        assert!(Span::new(t, 3, 2).is_none(), "reversed");
        assert!(Span::new(t, 0, 7).is_none(), "past the end");
        assert_eq!(Span::new(t, 1, 3).map(|s| s.slice(t)), Some("é"));
    }

    #[test]
    fn subslice_and_trim() {
        let t = "say  \"hi there\" now";
        let part = t.get(4..16).unwrap_or_default();
        let s = Span::of_subslice(t, part).expect("sub-slice");
        assert_eq!(s.slice(t), " \"hi there\" ");
        assert_eq!(s.trim(t).slice(t), "\"hi there\"");
        assert!(Span::of_subslice(t, "elsewhere").is_none());
    }

    #[test]
    fn segments_split_overlaps() {
        let t = "abcdefghij";
        let spans = [Span { start: 2, end: 6 }, Span { start: 4, end: 8 }];
        let segs = segments(t, &spans);
        let got: Vec<(usize, usize, Vec<usize>)> = segs
            .iter()
            .map(|s| (s.span.start, s.span.end, s.active.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 2, vec![]),
                (2, 4, vec![0]),
                (4, 6, vec![0, 1]),
                (6, 8, vec![1]),
                (8, 10, vec![])
            ]
        );
    }

    proptest! {
        #[test]
        fn segments_cover_text_once(text in "\\PC{0,60}", raw in proptest::collection::vec((0usize..80, 0usize..80), 0..8)) {
            let spans: Vec<Span> = raw.iter().filter_map(|&(a, b)| Span::new(&text, a.min(b), a.max(b))).collect();
            let segs = segments(&text, &spans);
            let mut at = 0;
            for s in &segs {
                prop_assert_eq!(s.span.start, at);
                prop_assert!(s.span.end > s.span.start || text.is_empty());
                at = s.span.end;
                for &i in &s.active { prop_assert!(spans[i].covers(s.span)); }
            }
            prop_assert_eq!(at, text.len());
        }
    }
}
