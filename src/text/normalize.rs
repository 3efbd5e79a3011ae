//! The canonical body: NFC, no control characters or terminal escape sequences, tidy whitespace,
//! paragraphs separated by exactly one blank line. Every annotation offset points into this text,
//! and the reader shows exactly this text, so nothing from a feed can drive the terminal.

use std::ops::Range;

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
    Body::from_normalized(to_nfc(tidy))
}

/// NFC. Most text is NFC already, and a quick check of each non-ASCII character says so; where one
/// is not, only the stretch around it is recomposed: from the last character before it that is
/// a starter and NFC by itself to the next such character (composition never reaches across one),
/// and the rest is copied.
fn to_nfc(text: String) -> String {
    let Some(first) = unsafe_char_from(&text, 0) else {
        return text;
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    let mut at = Some(first);
    while let Some((bad, stretch_start)) = at {
        let end = next_safe_char(&text, bad);
        out.push_str(text.get(copied..stretch_start).unwrap_or(""));
        out.extend(text.get(stretch_start..end).unwrap_or("").nfc());
        copied = end;
        at = unsafe_char_from(&text, end);
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
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
    let mut pending_break = false; // a blank line owed before the next word
    for line in text.split('\n') {
        let Some(first) = next_word(line.as_bytes(), 0) else {
            if !out.is_empty() {
                pending_break = true;
            }
            continue;
        };
        if pending_break {
            out.push_str("\n\n");
            pending_break = false;
        } else if !out.is_empty() {
            let word = line.get(first.clone()).unwrap_or("");
            out.push(if starts_list_item(word) { '\n' } else { ' ' });
        }
        push_words(line, first, &mut out);
    }
    out
}

/// Appends the words of `line`, the first of which is `first`, joined by single spaces. Stretches
/// already joined so are copied whole: most text has only the odd double or no-break space.
fn push_words(line: &str, first: Range<usize>, out: &mut String) {
    let b = line.as_bytes();
    let mut run = first.start; // start of the stretch to copy as it is
    let mut j = first.end;
    while j < b.len() {
        // A single space before a word byte is as tidy text has it.
        if b.get(j) == Some(&b' ')
            && b.get(j + 1)
                .is_some_and(|&c| !MAY_START_SPACE[usize::from(c)])
        {
            j = skip_word_bytes(b, j + 1);
            continue;
        }
        let n = space_len(b, j);
        if n == 0 {
            // A lead byte of something else (a curly quote): still the word.
            j = skip_word_bytes(b, j + 1);
            continue;
        }
        out.push_str(line.get(run..j).unwrap_or(""));
        let Some(next) = next_word(b, j) else {
            return;
        };
        out.push(' ');
        run = next.start;
        j = next.end;
    }
    out.push_str(line.get(run..).unwrap_or(""));
}

/// The first byte at or after `i` that can start a separator (or the end).
fn skip_word_bytes(b: &[u8], i: usize) -> usize {
    i + b
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&c| !MAY_START_SPACE[usize::from(c)])
        .count()
}

/// The byte range of the next word of `b` at or after `from` (a char boundary); `None` when only
/// separators are left.
fn next_word(b: &[u8], mut from: usize) -> Option<Range<usize>> {
    while from < b.len() {
        match space_len(b, from) {
            0 => break,
            n => from += n,
        }
    }
    if from >= b.len() {
        return None;
    }
    let mut end = from;
    loop {
        // Jump to the next byte that can start a separator, then look closer.
        end = skip_word_bytes(b, end);
        if end >= b.len() || space_len(b, end) > 0 {
            return Some(from..end);
        }
        end += 1;
    }
}

/// `MAY_START_SPACE[b]`: byte `b` can start a separator (see [`space_len`]).
const MAY_START_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let starts: [u8; 9] = [b' ', b'\t', 0x0b, 0x0c, b'\r', 0xc2, 0xe1, 0xe2, 0xe3];
    let mut k = 0;
    while k < starts.len() {
        t[starts[k] as usize] = true;
        k += 1;
    }
    t
};

/// The byte length of the separator starting at byte `i` (whitespace but the newline, and the
/// zero-width space), or 0. Read from the bytes: a separator is ASCII or starts with one of four
/// lead bytes.
fn space_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b' ' | b'\t' | 0x0b | 0x0c | b'\r' => 1,
        0xc2 if matches!(at(1), 0x85 | 0xa0) => 2,
        0xe1 if at(1) == 0x9a && at(2) == 0x80 => 3,
        // U+2000–U+200B, U+2028, U+2029, U+202F; U+205F.
        0xe2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8b | 0xa8 | 0xa9 | 0xaf) => 3,
        0xe2 if at(1) == 0x81 && at(2) == 0x9f => 3,
        0xe3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
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

/// NFC already, by a quick check that decodes only non-ASCII characters (see [`is_safe`]).
#[cfg(test)]
fn is_nfc_fast(text: &str) -> bool {
    unsafe_char_from(text, 0).is_none()
}

/// A starter that is NFC by itself: no character before it can compose with it or anything
/// after it, so NFC can be applied on either side of it separately. Below U+0300 every character
/// is one.
fn is_safe(c: char) -> bool {
    use unicode_normalization::char::canonical_combining_class;
    c < '\u{300}'
        || (canonical_combining_class(c) == 0
            && unicode_normalization::is_nfc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes)
}

/// The first character at or after byte `from` that is not [`is_safe`], and where the stretch to
/// recompose around it starts (the last safe character before it, or `from`).
fn unsafe_char_from(text: &str, from: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut i = from;
    let mut last_safe = from;
    while i < b.len() {
        // Skip ASCII eight bytes at a time.
        while let Some(w) = b.get(i..i + 8) {
            let word = u64::from_le_bytes(w.try_into().unwrap_or([0x80; 8]));
            if word & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
            last_safe = i - 1;
        }
        let lead = *b.get(i)?;
        if lead < 0x80 {
            last_safe = i;
            i += 1;
            continue;
        }
        let c = text.get(i..)?.chars().next()?;
        if !is_safe(c) {
            return Some((i, last_safe));
        }
        last_safe = i;
        i += c.len_utf8();
    }
    None
}

/// The byte offset of the first safe character after the one at `bad` (or the end).
fn next_safe_char(text: &str, bad: usize) -> usize {
    text.get(bad..)
        .and_then(|rest| {
            rest.char_indices()
                .skip(1)
                .find(|&(_, c)| is_safe(c))
                .map(|(k, _)| bad + k)
        })
        .unwrap_or(text.len())
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

    fn is_space(c: char) -> bool {
        c.is_whitespace() && c != '\n' || matches!(c, '\u{200b}')
    }

    /// `tidy_whitespace` as first written, the specification of the fast one.
    fn tidy_reference(text: &str) -> String {
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

    #[test]
    fn separators_by_bytes_are_the_spaces() {
        for c in '\0'..=char::MAX {
            let mut buf = [0u8; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            let want = if c != '\n' && is_space(c) {
                enc.len()
            } else {
                0
            };
            assert_eq!(space_len(enc, 0), want, "{c:?}");
        }
    }

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
        /// The byte-wise tidying gives what splitting on whitespace gave.
        #[test]
        fn tidy_as_reference(raw in "[ a\\n\\t\\r\u{a0}\u{2009}\u{200b}\u{85}\u{3000}é“1.)-]{0,60}|\\PC{0,60}") {
            prop_assert_eq!(tidy_whitespace(&raw), tidy_reference(&raw));
        }

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

        /// Recomposing only around the characters that need it gives full NFC.
        #[test]
        fn nfc_by_stretches_is_nfc(raw in "\\PC{0,40}|[aen \u{300}-\u{36f}\u{e9}\u{1100}-\u{1112}\u{1161}-\u{1175}\u{11a8}-\u{11c2}\u{ac00}\u{212b}\u{f900}\u{340}\u{344}\u{f71}-\u{f81}\u{b47}\u{b3e}\u{b57}“]{0,30}") {
            let want: String = raw.nfc().collect();
            prop_assert_eq!(to_nfc(raw.clone()), want, "{:?}", raw);
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
