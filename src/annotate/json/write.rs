//! A direct writer for `byline.annotations/1`: the same bytes as serializing [`to_json`] with
//! serde_json, without the intermediate view and with a string escaper that jumps between the
//! bytes that need escaping. The batch mode writes about 18 KB a document, most of it body, quote text and
//! context, so escaping is most of the work.
//!
//! [`to_json`]: super::to_json

use crate::model::{Annotations, Document};
use crate::span::Span;

use super::{SCHEMA, context};

/// Writes `s` as a JSON string, escaped as serde_json does.
pub fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    body(out, s);
    out.push(b'"');
}

/// Writes `s` as a JSON string with every character outside ASCII as a `\uXXXX` escape (see
/// [`ascii`]): ASCII runs are escaped as [`string`] does, in place, so a document is written once.
pub fn string_ascii(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    non_ascii_escaped(out, s, body);
    out.push(b'"');
}

/// Appends `s`: its ASCII runs through `run`, every other character as `\uXXXX` escapes.
fn non_ascii_escaped(out: &mut Vec<u8>, s: &str, run: impl Fn(&mut Vec<u8>, &str)) {
    let mut rest = s;
    loop {
        let n = ascii_prefix(rest.as_bytes());
        run(out, rest.get(..n).unwrap_or_default());
        rest = rest.get(n..).unwrap_or_default();
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        let mut units = [0u16; 2];
        for &u in c.encode_utf16(&mut units).iter() {
            unicode_escape(out, u);
        }
        rest = chars.as_str();
    }
}

/// The inside of a JSON string: `s` with the bytes that must be escaped escaped.
fn body(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    // Names, labels, aliases and quotes are short and rarely hold a byte to escape: one look at
    // each byte settles it.
    // (A fold without early exit, so the test runs over many bytes at once.)
    if b.len() <= 64
        && !b.iter().fold(false, |acc, &c| {
            acc | (c < 0x20) | (c == b'"') | (c == b'\\')
        })
    {
        out.extend_from_slice(b);
        return;
    }
    // Branch-free over blocks, so the compiler can test many bytes at once: article text holds
    // no control character but the newline (normalisation removed them).
    let other_controls = b.chunks(64).any(|block| {
        block
            .iter()
            .fold(false, |acc, &c| acc | ((c < 0x20) & (c != b'\n')))
    });
    let mut start = 0;
    if other_controls {
        for (i, &c) in b.iter().enumerate() {
            if c < 0x20 || c == b'"' || c == b'\\' {
                out.extend_from_slice(b.get(start..i).unwrap_or_default());
                escape(out, c);
                start = i + 1;
            }
        }
    } else {
        for i in memchr::memchr3_iter(b'"', b'\\', b'\n', b) {
            out.extend_from_slice(b.get(start..i).unwrap_or_default());
            escape(out, b.get(i).copied().unwrap_or(b'\n'));
            start = i + 1;
        }
    }
    out.extend_from_slice(b.get(start..).unwrap_or_default());
}

/// The escape of one byte that must not appear in a JSON string as it is.
fn escape(out: &mut Vec<u8>, c: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match c {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0c => b'f',
        _ => {
            let hex = |n: u8| HEX.get(usize::from(n & 0xf)).copied().unwrap_or(b'0');
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex(c >> 4), hex(c)]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// Appends `json` with every character outside ASCII written as a `\uXXXX` escape (a surrogate
/// pair beyond the Basic Multilingual Plane), as Python's `json.dumps` does by default. The value
/// is the same JSON; a reader decodes pure ASCII faster (Python's `bytes.decode` copies it in
/// blocks instead of decoding it character by character), and it survives any byte-oriented pipe.
/// Characters outside ASCII occur only inside strings, so escaping them anywhere is correct.
pub fn ascii(out: &mut Vec<u8>, json: &str) {
    out.reserve(json.len() + json.len() / 8);
    non_ascii_escaped(out, json, |out, run| out.extend_from_slice(run.as_bytes()));
}

/// How many bytes at the start of `b` are ASCII, found a block at a time.
fn ascii_prefix(b: &[u8]) -> usize {
    let mut n = 0;
    for block in b.chunks(32) {
        if block.is_ascii() {
            n += block.len();
        } else {
            return n + block.iter().take_while(|c| c.is_ascii()).count();
        }
    }
    n
}

/// `\u` and four lowercase hex digits.
fn unicode_escape(out: &mut Vec<u8>, u: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hex = |shift: u16| {
        HEX.get(usize::from((u >> shift) & 0xf))
            .copied()
            .unwrap_or(b'0')
    };
    out.extend_from_slice(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)]);
}

/// "00", "01", … "99": two digits per division.
const PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut k = 0;
    while k < 100 {
        t[2 * k] = b'0' + (k / 10) as u8;
        t[2 * k + 1] = b'0' + (k % 10) as u8;
        k += 1;
    }
    t
};

/// `n` in decimal. The digits are written left-aligned into a fixed block of 20 bytes that is
/// appended whole and then cut back: a copy of fixed size is a few moves, where one of variable
/// size would be a call to `memcpy` for each of the many offsets.
pub fn number(out: &mut Vec<u8>, mut n: usize) {
    // The number of digits (offsets have a few, so counting beats a logarithm).
    let mut len = 1;
    let mut power: usize = 10;
    while n >= power {
        len += 1;
        match power.checked_mul(10) {
            Some(p) => power = p,
            None => break,
        }
    }
    let mut digits = [0u8; 20];
    let mut at = len;
    let mut put = |at: usize, pair: usize| {
        if let (Some(dst), Some(src)) = (
            digits.get_mut(at..at + 2),
            PAIRS.get(2 * pair..2 * pair + 2),
        ) {
            dst.copy_from_slice(src);
        }
    };
    while n >= 100 {
        at -= 2;
        put(at, n % 100);
        n /= 100;
    }
    if n >= 10 {
        put(at - 2, n);
    } else if let Some(d) = digits.first_mut() {
        // One digit left, so it is below 10 and the cast keeps it.
        #[allow(clippy::cast_possible_truncation)]
        let digit = n as u8;
        *d = b'0' + digit;
    }
    let keep = out.len() + len;
    out.extend_from_slice(&digits);
    out.truncate(keep);
}

/// `"key":` — keys are our own and need no escaping.
fn key(out: &mut Vec<u8>, k: &str) {
    out.push(b'"');
    out.extend_from_slice(k.as_bytes());
    out.extend_from_slice(b"\":");
}

/// `{"start":…,"end":…}`, with the cue's word when given.
/// Writes a string value: [`string`] or [`string_ascii`].
type StringWriter = fn(&mut Vec<u8>, &str);

fn span(out: &mut Vec<u8>, s: Span, text: Option<(&str, StringWriter)>) {
    out.extend_from_slice(b"{\"start\":");
    number(out, s.start());
    out.extend_from_slice(b",\"end\":");
    number(out, s.end());
    if let Some((t, string)) = text {
        out.extend_from_slice(b",\"text\":");
        string(out, t);
    }
    out.push(b'}');
}

fn spans(out: &mut Vec<u8>, list: &[Span]) {
    out.push(b'[');
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        span(out, *s, None);
    }
    out.push(b']');
}

/// `"<prefix><n>"`, as in `"s1"`.
fn ident(out: &mut Vec<u8>, prefix: u8, n: usize) {
    out.extend_from_slice(&[b'"', prefix]);
    number(out, n + 1);
    out.push(b'"');
}

/// Appends one document's annotations as a JSON object (no newline).
///
/// # Errors
/// Only from serializing the caller's `id` value or a score, which cannot fail into memory.
pub fn annotations(
    out: &mut Vec<u8>,
    doc: &Document,
    ann: &Annotations,
    id: Option<&serde_json::Value>,
) -> serde_json::Result<()> {
    write(out, doc, ann, id, false)
}

/// [`annotations`] as pure ASCII: the same JSON as [`ascii`] of it, written in one pass.
///
/// # Errors
/// As [`annotations`].
pub fn annotations_ascii(
    out: &mut Vec<u8>,
    doc: &Document,
    ann: &Annotations,
    id: Option<&serde_json::Value>,
) -> serde_json::Result<()> {
    write(out, doc, ann, id, true)
}

/// The object, all of it ASCII when `pure_ascii`.
fn write(
    out: &mut Vec<u8>,
    doc: &Document,
    ann: &Annotations,
    id: Option<&serde_json::Value>,
    pure_ascii: bool,
) -> serde_json::Result<()> {
    let string: fn(&mut Vec<u8>, &str) = if pure_ascii { string_ascii } else { string };
    let text = doc.body.as_str();
    out.push(b'{');
    key(out, "schema");
    string(out, SCHEMA);
    if let Some(id) = id {
        out.push(b',');
        key(out, "id");
        // The caller's value, as serde_json writes it, with its strings through `string`.
        let raw = serde_json::to_string(id)?;
        if pure_ascii {
            ascii(out, &raw);
        } else {
            out.extend_from_slice(raw.as_bytes());
        }
    }
    out.push(b',');
    key(out, "title");
    match &doc.title {
        Some(t) => string(out, t),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b',');
    key(out, "body");
    string(out, text);
    out.push(b',');
    key(out, "annotator_version");
    number(out, crate::annotate::ANNOTATOR_VERSION as usize);

    out.push(b',');
    key(out, "speakers");
    out.push(b'[');
    for (i, s) in ann.speakers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        key(out, "id");
        ident(out, b's', i);
        out.push(b',');
        key(out, "name");
        string(out, &s.name);
        out.push(b',');
        key(out, "kind");
        string(out, s.kind.as_str());
        out.push(b',');
        key(out, "aliases");
        out.push(b'[');
        for (k, a) in s.aliases.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            string(out, a);
        }
        out.extend_from_slice(b"],");
        key(out, "mentions");
        spans(out, &s.mentions);
        out.push(b'}');
    }
    out.extend_from_slice(b"],");

    key(out, "quotes");
    out.push(b'[');
    for (i, q) in ann.quotes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        key(out, "id");
        ident(out, b'q', i);
        out.push(b',');
        key(out, "kind");
        string(out, q.kind.as_str());
        out.push(b',');
        key(out, "start");
        number(out, q.span.start());
        out.push(b',');
        key(out, "end");
        number(out, q.span.end());
        out.push(b',');
        key(out, "text");
        string(out, q.span.slice(text));
        out.push(b',');
        key(out, "speaker");
        match q.speaker {
            Some(s) => ident(out, b's', s),
            None => out.extend_from_slice(b"null"),
        }
        out.push(b',');
        key(out, "cue");
        match q.cue {
            Some(c) => span(out, c, Some((c.slice(text), string))),
            None => out.extend_from_slice(b"null"),
        }
        if let Some(g) = q.group {
            out.push(b',');
            key(out, "group");
            ident(out, b'g', g);
        }
        let (prefix, suffix) = context(text, q.span, 32);
        out.push(b',');
        key(out, "context");
        out.push(b'{');
        key(out, "prefix");
        string(out, prefix);
        out.push(b',');
        key(out, "suffix");
        string(out, suffix);
        out.extend_from_slice(b"}}");
    }
    out.extend_from_slice(b"],");

    key(out, "entities");
    out.push(b'[');
    for (i, e) in ann.entities.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        key(out, "name");
        string(out, &e.name);
        out.push(b',');
        key(out, "kind");
        string(out, e.kind.as_str());
        out.push(b',');
        key(out, "mentions");
        spans(out, &e.mentions);
        out.push(b'}');
    }
    out.extend_from_slice(b"],");

    key(out, "topics");
    out.push(b'[');
    for (i, t) in ann.topics.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        key(out, "label");
        string(out, &t.label);
        out.push(b',');
        key(out, "score");
        serde_json::to_writer(&mut *out, &t.score)?;
        out.push(b',');
        key(out, "mentions");
        spans(out, &t.mentions);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::annotate;
    use crate::text::document;
    use proptest::prelude::*;

    fn same_as_serde(raw: &str, id: Option<&serde_json::Value>) {
        let doc = document::from_text(raw);
        let ann = annotate(&doc.body);
        let want = serde_json::to_vec(&super::super::to_json(&doc, &ann, id)).unwrap_or_default();
        let mut got = Vec::new();
        assert!(annotations(&mut got, &doc, &ann, id).is_ok());
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want)
        );
        same_in_ascii(&doc, &ann, id, &got);
    }

    /// The one-pass ASCII writer gives exactly `ascii` of the plain writer's output.
    fn same_in_ascii(
        doc: &Document,
        ann: &Annotations,
        id: Option<&serde_json::Value>,
        plain: &[u8],
    ) {
        let mut want = Vec::new();
        ascii(&mut want, &String::from_utf8_lossy(plain));
        let mut got = Vec::new();
        assert!(annotations_ascii(&mut got, doc, ann, id).is_ok());
        assert!(got.is_ascii());
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want)
        );
    }

    #[test]
    fn same_bytes_as_serde_on_the_samples() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if let Ok(raw) = std::fs::read_to_string(entry.path()) {
                same_as_serde(&raw, Some(&serde_json::json!({"n": n, "path": "a\"b"})));
                same_as_serde(&raw, Some(&serde_json::json!(format!("é“{n}”😀\u{1}"))));
                n += 1;
            }
        }
        assert!(n >= 3, "samples found: {n}");
    }

    #[test]
    fn numbers_as_display() {
        let mut cases: Vec<usize> = (0..1_000).collect();
        cases.extend([
            9_999,
            10_000,
            65_535,
            99_999,
            123_456_789,
            usize::MAX - 1,
            usize::MAX,
        ]);
        for n in cases {
            let mut got = b"x".to_vec();
            number(&mut got, n);
            assert_eq!(String::from_utf8_lossy(&got), format!("x{n}"));
        }
    }

    #[test]
    fn escapes_table() {
        for s in [
            "",
            "plain",
            "a\"b",
            "back\\slash",
            "nl\nx",
            "\u{1}\u{1f}\u{7f}",
            "tab\tcr\r",
            "\u{8}\u{c}",
            "é“”",
            "12345678\"12345678\\",
        ] {
            let mut got = Vec::new();
            string(&mut got, s);
            assert_eq!(
                String::from_utf8_lossy(&got),
                serde_json::to_string(s).unwrap_or_default(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn ascii_escapes_table() {
        for (raw, want) in [
            ("", ""),
            ("{\"a\":1}", "{\"a\":1}"),
            ("\"é\"", "\"\\u00e9\""),
            ("\"“x”\"", "\"\\u201cx\\u201d\""),
            ("\"😀\"", "\"\\ud83d\\ude00\""),
            ("\"a\\\"é\"", "\"a\\\"\\u00e9\""),
        ] {
            let mut got = Vec::new();
            ascii(&mut got, raw);
            assert_eq!(String::from_utf8_lossy(&got), want, "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn strings_escape_as_serde(s in "\\PC*|[\\x00-\\x7f\"\\\\é]{0,40}") {
            let mut got = Vec::new();
            string(&mut got, &s);
            prop_assert_eq!(String::from_utf8_lossy(&got), serde_json::to_string(&s).unwrap_or_default());
        }

        #[test]
        fn ascii_is_the_same_json(s in "\\PC*|[a-z\"\\\\é“”😀\n]{0,80}") {
            let json = serde_json::to_string(&serde_json::json!({"text": s, "list": [s]})).unwrap_or_default();
            let mut got = Vec::new();
            ascii(&mut got, &json);
            prop_assert!(got.is_ascii());
            let back: serde_json::Value = serde_json::from_slice(&got).unwrap_or_default();
            prop_assert_eq!(back, serde_json::json!({"text": s, "list": [s]}));
        }

        #[test]
        fn documents_write_as_serde(raw in "[a-zA-Z .,\"“”\\n]{0,200}") {
            same_as_serde(&raw, None);
        }

        #[test]
        fn documents_write_as_serde_any_unicode(raw in "\\PC{0,200}", id in "\\PC{0,8}") {
            same_as_serde(&raw, Some(&serde_json::json!(id)));
        }
    }
}
