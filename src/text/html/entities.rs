//! HTML character references: every HTML5 named entity (the table ships in quick-xml), decimal
//! and hex references with the HTML5 fix-ups (Windows-1252 for 0x80–0x9F, U+FFFD for NUL,
//! surrogates and out-of-range numbers), and the few legacy names browsers accept without a `;`.
//! Anything else stays as written.

use std::borrow::Cow;

/// Longest entity name looked up (the longest HTML5 name has 31 characters).
const MAX_NAME: usize = 32;

/// Names browsers still decode without the closing `;` ("AT&amp T", "&copy 2024").
const LEGACY: [(&str, &str); 7] = [
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("nbsp", "\u{a0}"),
    ("copy", "©"),
    ("reg", "®"),
];

/// What 0x80–0x9F mean in numeric references (HTML5: as in Windows-1252).
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// `s` with its character references decoded; borrowed when it has none.
#[must_use]
pub fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp + 1..).unwrap_or_default();
        match reference(tail, &mut out) {
            Some(used) => rest = tail.get(used..).unwrap_or_default(),
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decodes the reference at the start of `tail` (just after a `&`) into `out`; returns how many
/// bytes of `tail` it used, or `None` when `tail` does not start with one.
fn reference(tail: &str, out: &mut String) -> Option<usize> {
    if let Some(num) = tail.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let digit = |b: u8| char::from(b).to_digit(radix);
        let len = digits.bytes().take_while(|b| digit(*b).is_some()).count();
        if len == 0 {
            return None;
        }
        let code = digits.bytes().take(len).fold(0u32, |n, b| {
            n.saturating_mul(radix)
                .saturating_add(digit(b).unwrap_or_default())
        });
        out.push(numeric(code));
        let semi = usize::from(digits.as_bytes().get(len) == Some(&b';'));
        return Some(skip + len + semi);
    }
    let len = tail
        .bytes()
        .take(MAX_NAME)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = tail.get(..len)?;
    if tail.as_bytes().get(len) == Some(&b';')
        && let Some(text) = quick_xml::escape::resolve_html5_entity(name)
    {
        out.push_str(text);
        return Some(len + 1);
    }
    let (legacy, text) = LEGACY.iter().find(|(l, _)| name.starts_with(l))?;
    out.push_str(text);
    Some(legacy.len())
}

fn numeric(code: u32) -> char {
    match code {
        0x80..=0x9f => CP1252
            .get((code - 0x80) as usize)
            .copied()
            .unwrap_or('\u{fffd}'),
        0 => '\u{fffd}',
        _ => char::from_u32(code).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        let cases = [
            ("a &amp; b", "a & b"),
            ("&#8220;q&#x201D; &rsquo;", "“q” ’"),
            ("&eacute;t&eacute; &Auml; &hellip;", "été Ä …"),
            ("&#146;&#x96;", "’–"),
            ("&#0; &#xD800; &#99999999;", "\u{fffd} \u{fffd} \u{fffd}"),
            ("&bogus; & &#xZZ; &#;", "&bogus; & &#xZZ; &#;"),
            ("AT&T, AT&amp T, &copy 2024", "AT&T, AT& T, © 2024"),
            ("&#38;amp;", "&amp;"),
            ("&#0000000065;&#x0000041;", "AA"),
            ("&", "&"),
            ("no references", "no references"),
        ];
        for (raw, want) in cases {
            assert_eq!(decode(raw), want, "{raw}");
        }
    }

    proptest::proptest! {
        #[test]
        fn decoding_never_panics(s in "[&#;xa-f0-9 ]{0,60}") {
            let _ = decode(&s);
        }
    }
}
