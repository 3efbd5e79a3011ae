//! Wrapping a text into display lines that keep their byte ranges into it. Pure: the reader draws
//! with it and "jump to quote" finds the line holding a span's start with it.
//!
//! Words come from `textwrap` (Unicode line-break rules, so CJK breaks between ideographs); their
//! widths are measured per grapheme, as the terminal cells are, and a word wider than the line is
//! cut between graphemes, never inside one (combining marks and emoji sequences stay whole).

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::Word;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One display line. Consecutive lines' `range`s are contiguous and cover the whole text; the
/// shown part excludes the spaces where the line was broken and the paragraph's newline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub range: Range<usize>,
    pub shown_end: usize,
}

impl Line {
    /// The bytes drawn on this line.
    #[must_use]
    pub const fn shown(&self) -> Range<usize> {
        self.range.start..self.shown_end
    }
}

/// Display width in terminal cells, summed per grapheme (as ratatui lays out cells).
#[must_use]
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Wraps `text` at `width` columns (at least 1). Each `\n`-separated line is wrapped on its own;
/// an empty one (a paragraph break) gives an empty display line.
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<Line> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut at = 0;
    for source in text.split_inclusive('\n') {
        let start = at;
        let end = at + source.len();
        at = end;
        let content = source.strip_suffix('\n').unwrap_or(source);
        let words = words_of(content, width);
        #[allow(clippy::cast_precision_loss)]
        let lines = textwrap::wrap_algorithms::wrap_first_fit(&words, &[width as f64]);
        if lines.is_empty() {
            out.push(Line {
                range: start..end,
                shown_end: start,
            });
            continue;
        }
        let first = out.len();
        for line in &lines {
            let from = line
                .first()
                .map_or(start, |w| start + offset_in(content, w.word));
            let to = line
                .last()
                .map_or(from, |w| start + offset_in(content, w.word) + w.word.len());
            out.push(Line {
                range: from..end,
                shown_end: to.max(from),
            });
        }
        // Each line owns the bytes up to the next line's start: contiguous by construction.
        if let Some(head) = out.get_mut(first) {
            head.range.start = start;
        }
        for i in first + 1..out.len() {
            let next_start = out[i].range.start;
            out[i - 1].range.end = next_start;
        }
    }
    out
}

/// Where `part` (a sub-slice of `base`) starts in `base`.
fn offset_in(base: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(base.as_ptr() as usize)
}

fn words_of(content: &str, width: usize) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    for w in WordSeparator::new().find_words(content) {
        let w_width = self::width(w.word);
        if w_width <= width {
            words.push(Word {
                width: w_width,
                ..w
            });
            continue;
        }
        let (mut piece_start, mut piece_width) = (0, 0);
        for (i, g) in w.word.grapheme_indices(true) {
            let g_width = g.width();
            if piece_width > 0 && piece_width + g_width > width {
                let word = w.word.get(piece_start..i).unwrap_or("");
                words.push(Word {
                    word,
                    whitespace: "",
                    penalty: "",
                    width: piece_width,
                });
                piece_start = i;
                piece_width = 0;
            }
            piece_width += g_width;
        }
        let word = w.word.get(piece_start..).unwrap_or("");
        words.push(Word {
            word,
            whitespace: w.whitespace,
            penalty: w.penalty,
            width: piece_width,
        });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shown(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width)
            .iter()
            .map(|l| text.get(l.shown()).unwrap_or("<bad>"))
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("", 10, &[]),
            ("one two three", 7, &["one two", "three"]),
            ("one two three", 80, &["one two three"]),
            ("p1\n\np2", 10, &["p1", "", "p2"]),
            ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
            (
                "日本語のテキストです",
                6,
                &["日本語", "のテキ", "ストで", "す"],
            ),
            (
                "cafe\u{301}s cafe\u{301}s",
                5,
                &["cafe\u{301}s", "cafe\u{301}s"],
            ),
            (
                "\u{1f469}\u{200d}\u{1f52c}\u{1f469}\u{200d}\u{1f52c}x",
                3,
                &["\u{1f469}\u{200d}\u{1f52c}", "\u{1f469}\u{200d}\u{1f52c}x"],
            ),
        ];
        for (text, w, want) in cases {
            assert_eq!(shown(text, *w), *want, "{text:?} at {w}");
        }
    }

    fn article() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            "[a-zA-Z]{1,12}[,.]?",
            "“[a-z]{1,8}”",
            "[日本語中文字]{1,6}",
            "(e\u{301}|a\u{308}|o){1,4}",
            "(\u{1f600}|\u{1f469}\u{200d}\u{1f52c}|\u{1f44d}\u{1f3fd}){1,3}",
            "[a-z]{20,60}",
        ];
        let para = proptest::collection::vec(word, 1..40).prop_map(|w| w.join(" "));
        proptest::collection::vec(para, 0..5).prop_map(|p| p.join("\n\n"))
    }

    proptest! {
        #[test]
        fn lines_are_contiguous_and_fit(text in article(), w in 20usize..=200) {
            let lines = wrap(&text, w);
            let mut at = 0;
            let mut seen = String::new();
            for l in &lines {
                prop_assert_eq!(l.range.start, at);
                prop_assert!(l.range.start <= l.shown_end && l.shown_end <= l.range.end);
                let part = text.get(l.shown());
                prop_assert!(part.is_some(), "char boundaries");
                let part = part.unwrap_or_default();
                prop_assert!(width(part) <= w, "{:?} wider than {}", part, w);
                seen.push_str(part);
                at = l.range.end;
            }
            prop_assert_eq!(at, text.len());
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(strip(&seen), strip(&text));
        }
    }
}
