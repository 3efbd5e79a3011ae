//! Sentence and paragraph boundaries over tokens. A sentence ends at `.`, `!`, `?` (with any
//! closing quotes and brackets after it) before a capital, a quote mark or a new paragraph, unless
//! the word before the dot is a known abbreviation ("Mr.", "Sen.", "Jan.").

use std::ops::Range;

use crate::annotate::tokens::{Token, TokenKind};
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Token indices of this sentence.
    pub tokens: Range<usize>,
    /// Paragraph number, from 0.
    pub para: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gov", "sen", "sens", "rep", "reps", "sgt", "gen", "col", "lt",
    "capt", "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "co", "corp", "ltd", "vs", "jan", "feb",
    "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "pres", "prof", "rev", "hon", "ft",
    "mt", "messrs", "atty", "supt", "gens", "approx", "dept", "est", "fig", "al", "etc",
];

fn is_closer(t: &str) -> bool {
    matches!(t, "”" | "\"" | "’" | "'" | ")" | "]" | "»")
}

fn is_abbreviation(word: &str) -> bool {
    // The list is ASCII without a "k", so no other word lowercases into it (the Kelvin sign
    // would be the only one): an ASCII comparison without lowercasing a copy is the same.
    (word.is_ascii() && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// Splits the tokens of `text` into sentences.
#[must_use]
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut para = 0;
    let mut i = 0;
    // Bracket depth: "(D-N.Y.)" does not end a sentence; a paragraph break resets it.
    let mut depth = 0usize;
    while i < tokens.len() {
        if i > 0 && tokens[i].para_start {
            if i > start {
                push(text, tokens, start..i, para, &mut out);
                start = i;
            }
            para += 1;
            depth = 0;
        }
        // Brackets and stops are punctuation: words (most tokens) settle nothing here.
        if tokens[i].kind != TokenKind::Punct {
            i += 1;
            continue;
        }
        let t = tokens[i].text(text);
        match t {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            _ => {}
        }
        let terminal = depth == 0 && matches!(t, "." | "!" | "?" | "…");
        if terminal {
            let mut end = i + 1;
            // Closing marks glued to the stop belong to this sentence; a spaced one opens the next.
            while end < tokens.len()
                && !tokens[end].para_start
                && is_closer(tokens[end].text(text))
                && tokens[end - 1].span.end() == tokens[end].span.start()
            {
                end += 1;
            }
            let next = tokens.get(end);
            let next_starts = next.is_none_or(|n| {
                n.para_start
                    || n.is_capitalized(text)
                    || n.kind == TokenKind::Number
                    || matches!(n.text(text), "“" | "\"" | "‘" | "'" | "«" | "„" | "(" | "[")
            });
            let abbreviated = t == "."
                && i > 0
                && tokens[i - 1].span.end() == tokens[i].span.start()
                && (is_abbreviation(tokens[i - 1].text(text))
                    || (matches!(tokens[i - 1].text(text), "No" | "no" | "Nos")
                        && next.is_some_and(|n| n.kind == TokenKind::Number)));
            let ellipsis_mid =
                t == "…" && next.is_some_and(|n| !n.para_start && !n.is_capitalized(text));
            if next_starts && !abbreviated && !ellipsis_mid {
                push(text, tokens, start..end, para, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        // Dotted initials like "U.S." end a sentence only before a paragraph break, handled above.
        i += 1;
    }
    if start < tokens.len() {
        push(text, tokens, start..tokens.len(), para, &mut out);
    }
    out
}

fn push(text: &str, tokens: &[Token], range: Range<usize>, para: usize, out: &mut Vec<Sentence>) {
    let (Some(first), Some(last)) = (
        tokens.get(range.start),
        tokens.get(range.end.saturating_sub(1)),
    ) else {
        return;
    };
    if let Some(span) = Span::new(text, first.span.start(), last.span.end()) {
        out.push(Sentence {
            span,
            tokens: range,
            para,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::tokens::tokenize;

    fn sents(t: &str) -> Vec<&str> {
        split(t, &tokenize(t))
            .iter()
            .map(|s| s.span.slice(t))
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            (
                "Mr. Obama said so. He left.",
                &["Mr. Obama said so.", "He left."],
            ),
            ("“It was fine.” He left.", &["“It was fine.”", "He left."]),
            ("He said “no.” Then left.", &["He said “no.”", "Then left."]),
            ("Para one\n\nPara two", &["Para one", "Para two"]),
            ("It was 3.5 percent. Yes.", &["It was 3.5 percent.", "Yes."]),
            ("in the U.S. on Monday", &["in the U.S. on Monday"]),
            ("Really? Yes!", &["Really?", "Yes!"]),
            (
                "Rep. Jane Roe (D-N.Y.) said so. Yes.",
                &["Rep. Jane Roe (D-N.Y.) said so.", "Yes."],
            ),
            ("us both… to focus", &["us both… to focus"]),
            (
                "Sen. John Smith, R-Texas, said",
                &["Sen. John Smith, R-Texas, said"],
            ),
        ];
        for (t, want) in cases {
            assert_eq!(sents(t), *want, "{t}");
        }
    }

    #[test]
    fn abbreviations_compare_in_ascii() {
        // `is_abbreviation` relies on this: only the Kelvin sign lowercases into ASCII ("k").
        assert!(
            ABBREVIATIONS
                .iter()
                .all(|a| a.is_ascii() && !a.contains('k'))
        );
        assert!(is_abbreviation("Sen") && is_abbreviation("JAN") && is_abbreviation("Q"));
        assert!(!is_abbreviation("Senate") && !is_abbreviation("é"));
    }

    #[test]
    fn paragraphs_are_numbered() {
        let t = "One. Two.\n\nThree.";
        let s = split(t, &tokenize(t));
        assert_eq!(s.iter().map(|s| s.para).collect::<Vec<_>>(), vec![0, 0, 1]);
    }
}
