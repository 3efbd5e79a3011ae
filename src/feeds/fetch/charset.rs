//! Undoing ureq's charset conversion so fetched bytes describe their own encoding.

/// With its `charset` feature, ureq turns a `text/*; charset=X` body into UTF-8. The bytes we
/// return must describe themselves, so the content type then says UTF-8 and an XML declaration
/// that still names X is rewritten (feed-rs would otherwise decode the UTF-8 as X again).
pub(super) fn undo_transcoding(
    bytes: Vec<u8>,
    content_type: Option<String>,
) -> (Vec<u8>, Option<String>) {
    let Some(ct) = content_type else {
        return (bytes, None);
    };
    if !ureq_transcodes(&ct) {
        return (bytes, Some(ct));
    }
    let mime = ct
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    (
        rewrite_xml_encoding(bytes),
        Some(format!("{mime}; charset=utf-8")),
    )
}

/// Exactly ureq 3.5's rule (`split_content_type` and `is_text` in its body module): the MIME
/// type starts with `text/`, and the last `charset=` parameter, as written, is a label
/// encoding_rs knows for an encoding other than UTF-8.
fn ureq_transcodes(content_type: &str) -> bool {
    let mut parts = content_type.split(';');
    let is_text = parts.next().is_some_and(|m| m.starts_with("text/"));
    let charset = parts.rev().find_map(|p| p.trim().strip_prefix("charset="));
    is_text
        && charset
            .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
            .is_some_and(|enc| enc != encoding_rs::UTF_8)
}
/// Replaces the `encoding="…"` of a leading XML declaration with `utf-8`.
#[must_use]
pub fn rewrite_xml_encoding(bytes: Vec<u8>) -> Vec<u8> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(0);
    let Some(head) = bytes.get(start..) else {
        return bytes;
    };
    if !head.starts_with(b"<?xml") {
        return bytes;
    }
    let Some(end) = head.windows(2).position(|w| w == b"?>") else {
        return bytes;
    };
    let Some(decl) = head.get(..end).and_then(|d| std::str::from_utf8(d).ok()) else {
        return bytes;
    };
    let Some(at) = decl.find("encoding") else {
        return bytes;
    };
    let after = decl.get(at + "encoding".len()..).unwrap_or("");
    let Some(q_pos) = after.find(['"', '\'']) else {
        return bytes;
    };
    let quote = after.get(q_pos..=q_pos).unwrap_or("\"");
    let value_start = at + "encoding".len() + q_pos + 1;
    let Some(value_len) = decl.get(value_start..).and_then(|r| r.find(quote)) else {
        return bytes;
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(bytes.get(..start + value_start).unwrap_or_default());
    out.extend_from_slice(b"utf-8");
    out.extend_from_slice(
        bytes
            .get(start + value_start + value_len..)
            .unwrap_or_default(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_declared_encoding() {
        let cases: &[(&[u8], &[u8])] = &[
            (
                b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss/>",
                b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss/>",
            ),
            (
                b"\n <?xml version='1.0' encoding='big5' ?><a/>",
                b"\n <?xml version='1.0' encoding='utf-8' ?><a/>",
            ),
            (
                b"<?xml version=\"1.0\"?><rss/>",
                b"<?xml version=\"1.0\"?><rss/>",
            ),
            (b"<rss encoding=\"x\"/>", b"<rss encoding=\"x\"/>"),
            (b"<?xml encoding=\"", b"<?xml encoding=\""),
            (b"", b""),
        ];
        for (input, want) in cases {
            assert_eq!(
                rewrite_xml_encoding(input.to_vec()),
                want.to_vec(),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn transcoding_only_for_text_with_legacy_charset() {
        let body = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss/>".to_vec();
        let cases = [
            ("text/xml; charset=windows-1252", true),
            ("text/xml; charset=\"ISO-8859-1\"", false),
            ("text/xml; Charset=ISO-8859-1", false),
            ("text/xml;charset=iso-8859-1; charset=utf-8", false),
            ("text/html; charset= koi8-r", true),
            ("text/xml; charset=utf-8", false),
            ("application/rss+xml; charset=windows-1252", false),
            ("text/xml; charset=no-such-thing", false),
            ("text/xml", false),
        ];
        for (ct, rewritten) in cases {
            let (out, out_ct) = undo_transcoding(body.clone(), Some(ct.to_string()));
            assert_eq!(out != body, rewritten, "{ct}");
            assert_eq!(
                out_ct
                    .as_deref()
                    .is_some_and(|c| c.ends_with("charset=utf-8")),
                rewritten || ct.ends_with("utf-8"),
                "{ct}"
            );
        }
    }
}
