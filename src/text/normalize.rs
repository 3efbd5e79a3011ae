//! The canonical body: NFC, no control characters or terminal escape sequences, tidy whitespace,
//! paragraphs separated by exactly one blank line. Every annotation offset points into this text,
//! and the reader shows exactly this text, so nothing from a feed can drive the terminal.

use unicode_normalization::UnicodeNormalization;

use crate::model::Body;

/// Normalises raw article text into a `Body`.
#[must_use]
pub fn normalize(raw: &str) -> Body {
    normalize_stripped(&strip_controls(raw))
}

/// `normalize` for text that `strip_controls` has already cleaned.
#[must_use]
pub fn normalize_stripped(clean: &str) -> Body {
    let tidy = if is_tidy(clean) {
        clean.to_string()
    } else {
        tidy_whitespace(clean)
    };
    // Most text is already NFC: the quick check saves recomposing it.
    if is_nfc_fast(&tidy)
        || unicode_normalization::is_nfc_quick(tidy.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return Body::from_normalized(tidy);
    }
    Body::from_normalized(tidy.nfc().collect())
}

/// Normalises one line of metadata (a title, an author): as `normalize`, folded onto one line.
#[must_use]
pub fn normalize_line(raw: &str) -> String {
    let body = normalize(raw);
    body.as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes escape sequences (CSI, OSC, DCS, SOS, PM, APC, and two-byte ESC forms, in their 7-bit and
/// C1 spellings), C0 and C1 controls, bidi overrides and the BOM. Newlines survive; CR and CRLF
/// become LF; tabs, form feeds and vertical tabs become spaces.
#[must_use]
pub fn strip_controls(raw: &str) -> String {
    if !may_hold_controls(raw.as_bytes()) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' | '\u{b}' | '\u{c}' => out.push(' '),
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // A two-byte escape (ESC 7, ESC c, ESC ( B …): the second char is dropped too,
                // and an intermediate byte takes its final byte with it.
                Some(c2) if ('\u{20}'..='\u{2f}').contains(&c2) => {
                    chars.next();
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_invisible_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A byte scan that is true whenever `strip_controls` could change the text: C0 controls but
/// newline, DEL, C1 controls (UTF-8 `C2 80`–`C2 9F`), and the lead bytes of the bidi marks and
/// overrides (`E2 80 8E`…) and BOM (`EF BB BF`), checked exactly where a lead byte appears.
fn may_hold_controls(bytes: &[u8]) -> bool {
    // Branch-free over blocks, so the compiler can test many bytes at once.
    let c0 = bytes.chunks(64).any(|block| {
        block.iter().fold(false, |acc, &b| {
            acc | ((b < 0x20) & (b != b'\n')) | (b == 0x7f)
        })
    });
    c0 || memchr::memchr3_iter(0xc2, 0xe2, 0xef, bytes).any(|i| {
        let (n1, n2) = (bytes.get(i + 1), bytes.get(i + 2));
        match bytes.get(i) {
            Some(0xc2) => n1.is_some_and(|n| (0x80..=0x9f).contains(n)),
            Some(0xe2) => matches!(
                (n1, n2),
                (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ),
            _ => matches!(
                (n1, n2),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xb9..=0xbb))
            ),
        }
    })
}

fn is_invisible_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{feff}')
        || matches!(c, '\u{fff9}'..='\u{fffb}')
}

/// Skips parameter and intermediate bytes up to and including the final byte (0x40–0x7E).
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) || !('\u{20}'..='\u{3f}').contains(&c) {
            return;
        }
    }
}

/// Skips a control string up to BEL, ST (ESC \\) or C1 ST; an unterminated one runs to the end.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// Collapses horizontal whitespace, trims lines, joins the lines of a paragraph with one space
/// (list items and hard breaks in Markdown style keep their own line), and separates paragraphs
/// with one blank line.
#[must_use]
pub fn tidy_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_break: Option<&str> = None; // separator owed before the next word
    for line in text.split('\n') {
        let mut words = line.split(is_space).filter(|w| !w.is_empty()).peekable();
        let Some(first) = words.peek().copied() else {
            if !out.is_empty() {
                pending_break = Some("\n\n");
            }
            continue;
        };
        if let Some(sep) = pending_break.take() {
            out.push_str(sep);
        } else if !out.is_empty() {
            out.push(if starts_list_item(first) { '\n' } else { ' ' });
        }
        let mut started = false;
        for w in words {
            if started {
                out.push(' ');
            }
            out.push_str(w);
            started = true;
        }
    }
    out
}

/// True when `tidy_whitespace` would return the text unchanged: single spaces between words,
/// paragraphs split by exactly one blank line, no other whitespace, nothing at either end. Byte
/// searches; any doubt (a single line break, a non-ASCII space) sends the text the slow way.
fn is_tidy(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first().is_some_and(|c| c.is_ascii_whitespace())
        || b.last().is_some_and(|c| c.is_ascii_whitespace())
    {
        return false;
    }
    let other_space = b.chunks(64).any(|block| {
        block.iter().fold(false, |acc, &c| {
            acc | matches!(c, b'\t' | b'\r' | 0x0b | 0x0c)
        })
    });
    if other_space
        || [&b"  "[..], b" \n", b"\n ", b"\n\n\n"]
            .iter()
            .any(|p| memchr::memmem::find(b, p).is_some())
    {
        return false;
    }
    // Every line break is one of a pair: "\n\n" (three in a row were ruled out above).
    let mut breaks = memchr::memchr_iter(b'\n', b);
    while let Some(i) = breaks.next() {
        if b.get(i + 1) != Some(&b'\n') || breaks.next() != Some(i + 1) {
            return false;
        }
    }
    // Non-ASCII whitespace (NBSP, thin spaces, U+2028…) and zero-width spaces start with these.
    let lead = |i: usize| text.get(i..).and_then(|s| s.chars().next());
    !memchr::memchr3_iter(0xc2, 0xe1, 0xe3, b)
        .chain(memchr::memchr_iter(0xe2, b))
        .any(|i| lead(i).is_some_and(|c| c.is_whitespace() || c == '\u{200b}'))
}

/// NFC already, by a quick check that decodes only non-ASCII characters: below U+0300 every
/// character is NFC and starts afresh (combining class 0); above, a character must be a starter
/// whose NFC quick check is yes. Anything else is left to the full check.
fn is_nfc_fast(text: &str) -> bool {
    use unicode_normalization::char::canonical_combining_class;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Skip ASCII eight bytes at a time.
        while let Some(w) = b.get(i..i + 8) {
            let word = u64::from_le_bytes(w.try_into().unwrap_or([0x80; 8]));
            if word & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
        }
        let Some(&lead) = b.get(i) else { break };
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            return false;
        };
        i += c.len_utf8();
        if c < '\u{300}' {
            continue;
        }
        if canonical_combining_class(c) != 0
            || unicode_normalization::is_nfc_quick(std::iter::once(c))
                != unicode_normalization::IsNormalized::Yes
        {
            return false;
        }
    }
    true
}

fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\n' || matches!(c, '\u{200b}')
}

fn starts_list_item(word: &str) -> bool {
    matches!(word, "-" | "*" | "+" | "•" | "–" | "—")
        || word
            .strip_suffix(['.', ')'])
            .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("  a   b \t c  ", "a b c"),
            ("one\ntwo", "one two"),
            ("p1\n\n\n\np2", "p1\n\np2"),
            ("p1\r\n\r\np2\rx", "p1\n\np2 x"),
            ("\u{1b}[31mred\u{1b}[0m", "red"),
            ("a\u{1b}]0;title\u{7}b", "ab"),
            (
                "a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\b",
                "alinkb",
            ),
            ("a\u{9b}2Jb", "ab"),
            ("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b", "ab"),
            ("a\u{1b}(Bb", "ab"),
            ("bell\u{7} nul\u{0} del\u{7f}", "bell nul del"),
            ("\u{202e}evil\u{202c}", "evil"),
            ("\u{feff}bom", "bom"),
            ("e\u{301}", "\u{e9}"),
            ("list:\n- one\n- two", "list:\n- one\n- two"),
            ("steps\n1. a\n2) b", "steps\n1. a\n2) b"),
            ("nbsp\u{a0}here", "nbsp here"),
            ("\n\n  \nlead and trail\n\n", "lead and trail"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize(raw).as_str(), *want, "input {raw:?}");
        }
    }

    #[test]
    fn tidy_fast_path() {
        for t in ["a b", "a b\n\nc d", "“quoted” text", "é\n\nb"] {
            assert!(is_tidy(t), "{t:?}");
        }
        for t in [
            " a",
            "a ",
            "a  b",
            "a\nb",
            "a\n\n\nb",
            "a\n\n b",
            "a\tb",
            "a\u{a0}b",
            "a\u{200b}b",
        ] {
            assert!(!is_tidy(t), "{t:?}");
        }
    }

    #[test]
    fn line_folds_paragraphs() {
        assert_eq!(normalize_line("A\n\nB\u{1b}[1m C"), "A B C");
    }

    proptest! {
        /// The tidy fast path is only taken for text the slow way would leave as it is.
        #[test]
        fn tidy_check_is_safe(raw in "[ a\\n\\t\u{a0}\u{2009}\u{200b}é“-]{0,40}") {
            if is_tidy(&raw) {
                prop_assert_eq!(tidy_whitespace(&raw), raw.clone());
            }
        }

        /// The byte scan never misses text that `strip_controls` would change.
        #[test]
        fn byte_scan_is_conservative(raw in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{9f}\\u{200e}\\u{200f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{feff}\\u{fff9}-\\u{fffb}“”a]{0,40}") {
            let changed = raw.chars().any(|c| c != '\n' && (is_invisible_control(c) || c == '\u{1b}'));
            prop_assert!(!changed || may_hold_controls(raw.as_bytes()), "{:?}", raw);
        }

        /// The fast NFC check never says yes to text that is not NFC.
        #[test]
        fn nfc_fast_is_safe(raw in "\\PC{0,40}|[ae\u{300}-\u{36f}\u{e9}\u{1100}-\u{1112}\u{1161}\u{ac00}\u{212b}\u{f900}“]{0,20}") {
            if is_nfc_fast(&raw) {
                prop_assert!(unicode_normalization::is_nfc(&raw), "{:?}", raw);
            }
        }

        #[test]
        fn no_controls_survive(raw in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}]{0,80}") {
            let body = normalize(&raw);
            let t = body.as_str();
            prop_assert!(!t.chars().any(|c| c.is_control() && c != '\n'));
            prop_assert!(!t.contains("\n\n\n"));
            prop_assert_eq!(t.trim(), t);
            let again = normalize(t);
            prop_assert_eq!(again.as_str(), t, "idempotent");
        }
    }
}
