//! What the full-text index is given for a body: each distinct word once.
//!
//! The index keeps no positions (`detail=none`, schema step 3), so it records only which words an
//! article contains: a body and the list of its distinct words index alike, and the list is about
//! half as many tokens for FTS5 to fold and hash (a fetch of 50,000 articles spent an eighth of
//! its instructions there). The list is cut only where FTS5's tokenizer cuts too (ASCII
//! punctuation and spaces), so every token FTS5 finds in the body it also finds in the list;
//! words differing only in case stay separate entries (FTS5 folds them).

use std::hash::BuildHasherDefault;

use crate::annotate::gazetteer::FastSet;
use crate::annotate::words::packed;

/// The distinct words of `text`, in order of first use, separated by single spaces. Words are
/// cut at ASCII bytes other than letters and digits, where FTS5 cuts too; any other character
/// stays inside its word (FTS5 may cut there as well, which only means more tokens per entry).
#[must_use]
pub fn index_terms(text: &str) -> String {
    let bytes = text.as_bytes();
    // Words of up to 15 bytes are keyed by their bytes as one integer; longer ones by text.
    let mut short: FastSet<u128> =
        FastSet::with_capacity_and_hasher(text.len() / 12, BuildHasherDefault::default());
    let mut long: FastSet<&str> = FastSet::default();
    let mut out = String::with_capacity(text.len() / 2);
    let inside = |b: &u8| *b >= 0x80 || b.is_ascii_alphanumeric();
    let mut at = 0;
    while let Some(s) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(inside))
        .map(|p| at + p)
    {
        let len = bytes
            .get(s..)
            .and_then(|rest| rest.iter().position(|b| !inside(b)))
            .unwrap_or(bytes.len() - s);
        at = s + len;
        // Cut at ASCII bytes only, so `s..at` lies on character boundaries.
        let Some(word) = text.get(s..at) else {
            continue;
        };
        let new = match packed(bytes, s, len) {
            Some(key) => short.insert(key),
            None => long.insert(word),
        };
        if new {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_word_once_in_order() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("  ,. ", ""),
            ("the cat and the hat", "the cat and hat"),
            ("The minister said, the minister", "The minister said the"),
            ("Obama's \"aides\" (2016)", "Obama s aides 2016"),
            ("Café — café\u{a0}naïve café", "Café — café\u{a0}naïve café"),
            (
                "a-very-long-compound-word-indeed a-very-long-compound-word-indeed",
                "a very long compound word indeed",
            ),
            (
                "internationalisation internationalisation",
                "internationalisation",
            ),
            ("a\nb\n\nb a", "a b"),
        ];
        for (text, want) in cases {
            assert_eq!(index_terms(text), *want, "{text:?}");
        }
    }

    /// FTS5 `unicode61` with the store's categories, approximated for the test: tokens are runs
    /// of alphanumeric characters and marks, lowercased.
    fn fts_tokens(s: &str) -> std::collections::BTreeSet<String> {
        s.split(|c: char| !(c.is_alphanumeric() || unicode_mark(c)))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    fn unicode_mark(c: char) -> bool {
        ('\u{300}'..='\u{36f}').contains(&c)
    }

    proptest! {
        #[test]
        fn the_terms_hold_the_same_tokens(text in "[a-zA-Zé0-9 ,.'’\u{a0}\u{301}\n-]{0,200}") {
            prop_assert_eq!(fts_tokens(&index_terms(&text)), fts_tokens(&text));
        }
    }
}
