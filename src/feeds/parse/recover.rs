//! Second chances for feeds feed-rs refuses but readers accept. Each repair is narrow and only
//! runs after a failure, so a feed that parses as it is never goes through here.
//!
//! - Encodings feed-rs cannot start on (UTF-16 without a usable declaration; it can panic there)
//!   are decoded to UTF-8 up front, and the declaration rewritten to match.
//! - `<rss>` with no version, or one feed-rs does not dispatch on (0.93, 0.94, 2.01, 2.1, …), is
//!   read as RSS 2.0; an `<rss>` with no `<channel>` is an empty feed.
//! - UTF-32 (BOM or `<` pattern) is decoded by hand: encoding_rs follows WHATWG, which lacks it.
//! - A `&` that starts no reference (`?a=1&b=2`) is escaped, outside CDATA.
//! - An Atom text construct with a `type` feed-rs does not know (`""`, `application/xhtml+xml`,
//!   `application/octet-stream`) is read as text or HTML.

use crate::feeds::fetch::rewrite_xml_encoding;

/// Decodes `bytes` to UTF-8 when they are UTF-16 (by BOM or by the `<` pattern) and returns the
/// re-encoded document; `None` when the bytes are not UTF-16.
#[must_use]
pub fn utf16_to_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let encoding = match bytes.get(..2)? {
        [0xFF, 0xFE] | [b'<', 0] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF] | [0, b'<'] => encoding_rs::UTF_16BE,
        _ => return None,
    };
    // UTF-32 starts the same way; encoding_rs has no decoder for it (see `utf32_to_utf8`).
    if bytes.get(2..4) == Some(&[0, 0]) {
        return None;
    }
    let (text, _, _) = encoding.decode(bytes);
    Some(rewrite_xml_encoding(text.into_owned().into_bytes()))
}

/// Decodes UTF-32 (by BOM or by the `<` pattern), which the WHATWG encodings leave out; `None`
/// when the bytes are not UTF-32. Invalid code points become U+FFFD.
#[must_use]
pub fn utf32_to_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let big_endian = match bytes.get(..4)? {
        [0, 0, 0xFE, 0xFF] | [0, 0, 0, b'<'] => true,
        [0xFF, 0xFE, 0, 0] | [b'<', 0, 0, 0] => false,
        _ => return None,
    };
    let text: String = bytes
        .chunks_exact(4)
        .filter_map(|c| <[u8; 4]>::try_from(c).ok())
        .map(|c| {
            if big_endian {
                u32::from_be_bytes(c)
            } else {
                u32::from_le_bytes(c)
            }
        })
        .map(|u| char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER))
        .filter(|c| *c != '\u{feff}')
        .collect();
    Some(rewrite_xml_encoding(text.into_bytes()))
}

/// Escapes every `&` that does not start an entity or character reference (`a.php?x=1&y=2`),
/// leaving CDATA sections alone.
#[must_use]
pub fn escape_bare_ampersands(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len() + 64);
    let mut rest = doc;
    while let Some(i) = rest.find(['&', '<']) {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        if tail.starts_with("<![CDATA[") {
            let end = tail.find("]]>").map_or(tail.len(), |e| e + 3);
            out.push_str(tail.get(..end).unwrap_or_default());
            rest = tail.get(end..).unwrap_or_default();
            continue;
        }
        if tail.starts_with('&') && !starts_reference(tail) {
            out.push_str("&amp;");
        } else {
            out.push_str(tail.get(..1).unwrap_or_default());
        }
        rest = tail.get(1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

fn starts_reference(tail: &str) -> bool {
    let body = tail.get(1..).unwrap_or_default();
    let Some(semi) = body.find(';').filter(|s| *s <= 32) else {
        return false;
    };
    let name = body.get(..semi).unwrap_or_default();
    if let Some(hex) = name.strip_prefix("#x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(dec) = name.strip_prefix('#') {
        return !dec.is_empty() && dec.chars().all(|c| c.is_ascii_digit());
    }
    name.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
}

/// The document as UTF-8: BOM, then the XML declaration's encoding, then UTF-8 (lossy).
#[must_use]
pub fn to_utf8(bytes: &[u8]) -> String {
    if let Some(utf8) = utf16_to_utf8(bytes).or_else(|| utf32_to_utf8(bytes)) {
        return String::from_utf8_lossy(&utf8).into_owned();
    }
    let declared = declared_encoding(bytes).unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = declared.decode(bytes);
    String::from_utf8_lossy(&rewrite_xml_encoding(text.into_owned().into_bytes())).into_owned()
}

fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(bytes.get(..512).unwrap_or(bytes));
    let decl = head.get(head.find("<?xml")?..)?;
    let decl = decl.get(..decl.find("?>")?)?;
    let after = decl.get(decl.find("encoding")? + "encoding".len()..)?;
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = after.get(1..)?;
    let label = value.get(..value.find(quote)?)?;
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
}

/// Where the root element's start tag is: `(start of '<', end after '>', local name)`.
#[must_use]
pub fn root_tag(doc: &str) -> Option<(usize, usize, String)> {
    let mut at = 0;
    loop {
        let rest = doc.get(at..)?;
        let lt = at + rest.find('<')?;
        let tail = doc.get(lt..)?;
        let skip_to = |end: &str| tail.find(end).map(|e| lt + e + end.len());
        at = if tail.starts_with("<?") {
            skip_to("?>")?
        } else if tail.starts_with("<!--") {
            skip_to("-->")?
        } else if tail.starts_with("<!") {
            // DOCTYPE, possibly with an internal subset in brackets.
            match (tail.find('['), tail.find('>')) {
                (Some(b), Some(g)) if b < g => skip_to("]>").or_else(|| skip_to(">"))?,
                _ => skip_to(">")?,
            }
        } else {
            let end = lt + tail.find('>')? + 1;
            let name: String = tail
                .get(1..)?
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            let local = name.rsplit(':').next().unwrap_or_default().to_string();
            return Some((lt, end, local));
        };
    }
}

/// An `<rss>` root with its version set to 2.0 (0.91 and 0.92 are left, feed-rs reads them).
#[must_use]
pub fn rss_as_v2(doc: &str) -> Option<String> {
    let (start, end, local) = root_tag(doc)?;
    if local != "rss" {
        return None;
    }
    let tag = doc.get(start..end)?;
    let fixed = match attr_span(tag, "version") {
        Some((_, _, v)) if v == "0.91" || v == "0.92" || v == "2.0" => return None,
        Some((vs, ve, _)) => format!("{}2.0{}", tag.get(..vs)?, tag.get(ve..)?),
        None => {
            let name_end = tag.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            format!(
                "{} version=\"2.0\"{}",
                tag.get(..name_end)?,
                tag.get(name_end..)?
            )
        }
    };
    Some(format!("{}{fixed}{}", doc.get(..start)?, doc.get(end..)?))
}

/// The byte range of attribute `name`'s value inside a start tag, and the value.
fn attr_span(tag: &str, name: &str) -> Option<(usize, usize, String)> {
    let mut from = 0;
    while let Some(found) = tag.get(from..)?.find(name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = tag.get(..at)?.ends_with(char::is_whitespace);
        let after = tag.get(from..)?.trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_part = after.get(1..)?.trim_start();
        let quote = value_part
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')?;
        let value_start = tag.len() - value_part.len() + 1;
        let len = tag.get(value_start..)?.find(quote)?;
        return Some((
            value_start,
            value_start + len,
            tag.get(value_start..value_start + len)?.to_string(),
        ));
    }
    None
}

/// Every `type="<mime>"` attribute replaced by `html` (for XML or HTML types) or `text`.
#[must_use]
pub fn retype(doc: &str, mime: &str) -> String {
    let with = if mime.contains("html") || mime.contains("xml") {
        "html"
    } else {
        "text"
    };
    [('"', '"'), ('\'', '\'')]
        .iter()
        .fold(doc.to_string(), |acc, (q, _)| {
            acc.replace(&format!("type={q}{mime}{q}"), &format!("type={q}{with}{q}"))
        })
}

/// True when the document has an element named `channel` (any prefix).
#[must_use]
pub fn has_channel(doc: &str) -> bool {
    doc.contains("<channel") || doc.contains(":channel")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_tags() {
        let cases = [
            (
                "<?xml version=\"1.0\"?>\n<!-- <feed> -->\n<rss version=\"0.93\">",
                Some("rss"),
            ),
            ("<!DOCTYPE rss [<!ENTITY x \"y\">]><rss>", Some("rss")),
            ("<!DOCTYPE html><html>", Some("html")),
            ("<r:rss xmlns:r=\"x\">", Some("rss")),
            ("<!-- unterminated", None),
            ("", None),
        ];
        for (doc, want) in cases {
            assert_eq!(root_tag(doc).map(|(_, _, n)| n).as_deref(), want, "{doc}");
        }
    }

    #[test]
    fn rss_versions() {
        let cases = [
            (
                "<rss version=\"0.93\"><channel/></rss>",
                Some("<rss version=\"2.0\"><channel/></rss>"),
            ),
            (
                "<rss><channel/></rss>",
                Some("<rss version=\"2.0\"><channel/></rss>"),
            ),
            (
                "<!-- c -->\n<rss xmlns:a='b' version='2.01'>",
                Some("<!-- c -->\n<rss xmlns:a='b' version='2.0'>"),
            ),
            ("<rss version=\"0.91\">", None),
            ("<rss version=\"2.0\">", None),
            ("<feed>", None),
        ];
        for (doc, want) in cases {
            assert_eq!(rss_as_v2(doc).as_deref(), want, "{doc}");
        }
    }

    #[test]
    fn encodings() {
        let utf16: Vec<u8> = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-16\"?><rss/>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            to_utf8(&utf16),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss/>"
        );
        assert_eq!(
            to_utf8(b"<?xml version='1.0' encoding='iso-8859-1'?><a>\xe9</a>"),
            "<?xml version='1.0' encoding='utf-8'?><a>\u{e9}</a>"
        );
        assert_eq!(utf16_to_utf8(b"<rss/>"), None);
        assert_eq!(
            utf16_to_utf8(&[0xFF, 0xFE, 0, 0]),
            None,
            "UTF-32 is left alone"
        );
    }

    #[test]
    fn utf32() {
        let be: Vec<u8> = "\u{feff}<rss/>"
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        assert_eq!(utf32_to_utf8(&be), Some(b"<rss/>".to_vec()));
        let le: Vec<u8> = "<a>\u{e9}</a>"
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        assert_eq!(to_utf8(&le), "<a>\u{e9}</a>");
        assert_eq!(utf32_to_utf8(b"<rss"), None);
    }

    #[test]
    fn bare_ampersands() {
        let cases = [
            ("<a href=\"x?a=1&b=2\">", "<a href=\"x?a=1&amp;b=2\">"),
            (
                "&amp; &#38; &#x26; &nbsp; AT&T",
                "&amp; &#38; &#x26; &nbsp; AT&amp;T",
            ),
            ("<![CDATA[a & b]]> & c", "<![CDATA[a & b]]> &amp; c"),
            ("tail &", "tail &amp;"),
            ("&#xZZ;", "&amp;#xZZ;"),
        ];
        for (doc, want) in cases {
            assert_eq!(escape_bare_ampersands(doc), want, "{doc}");
        }
    }

    #[test]
    fn retyping() {
        assert_eq!(
            retype("<title type=\"\">x</title>", ""),
            "<title type=\"text\">x</title>"
        );
        assert_eq!(
            retype("<t type='application/xhtml+xml'>", "application/xhtml+xml"),
            "<t type='html'>"
        );
    }

    proptest::proptest! {
        #[test]
        fn escaping_is_idempotent(doc in "[<>a-z&;#x0-9\\[\\]!A-Z ]{0,200}") {
            let once = escape_bare_ampersands(&doc);
            proptest::prop_assert_eq!(escape_bare_ampersands(&once), once.clone());
            let _ = rss_as_v2(&doc);
            let _ = root_tag(&doc);
            let _ = to_utf8(doc.as_bytes());
        }
    }
}
