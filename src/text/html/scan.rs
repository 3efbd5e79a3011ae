//! A linear-time HTML tokenizer: text runs, start tags (with their raw attribute text) and end
//! tags, in document order. Comments, doctypes and processing instructions are skipped (a
//! `<![CDATA[` in HTML is a bogus comment to the next `>`, as in browsers), and the contents of raw-text elements (`script`, `style`, …) are
//! reported whole so nothing inside them is read as markup. It builds no tree, so hostile nesting
//! costs nothing; deciding what a tag means is `render`'s job.

use memchr::{memchr, memmem};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text between tags, entities not yet decoded.
    Text(&'a str),
    /// The contents of a raw-text element (script, style, …), never markup.
    Raw(&'a str),
    Start(Tag<'a>),
    /// An end tag's name as written.
    End(&'a str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The name as written; compare with [`is`].
    pub name: &'a str,
    /// Everything between the name and the closing `>` (or `/>`).
    pub attrs: &'a str,
    pub self_closing: bool,
}

/// Elements whose contents are text to the end tag, never markup.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Case-insensitive tag name comparison.
#[must_use]
pub fn is(name: &str, want: &str) -> bool {
    name.eq_ignore_ascii_case(want)
}

/// Calls `on` for every token of `html`, in order.
pub fn scan<'a>(html: &'a str, mut on: impl FnMut(Token<'a>)) {
    let mut pos = 0;
    let bytes = html.as_bytes();
    while pos < bytes.len() {
        let Some(lt) = memchr(b'<', bytes.get(pos..).unwrap_or_default()).map(|i| pos + i) else {
            on(Token::Text(html.get(pos..).unwrap_or_default()));
            return;
        };
        if lt > pos {
            on(Token::Text(html.get(pos..lt).unwrap_or_default()));
        }
        pos = markup(html, lt, &mut on);
    }
}

/// Reads the markup starting at `lt` (a `<`) and returns where text resumes.
fn markup<'a>(html: &'a str, lt: usize, on: &mut impl FnMut(Token<'a>)) -> usize {
    let rest = html.get(lt..).unwrap_or_default();
    let after = |needle: &str, from: usize| {
        memmem::find(
            rest.as_bytes().get(from..).unwrap_or_default(),
            needle.as_bytes(),
        )
        .map_or(html.len(), |i| lt + from + i + needle.len())
    };
    if rest.starts_with("<!--") {
        return after("-->", 4);
    }
    let next = rest.as_bytes().get(1).copied().unwrap_or(b' ');
    if next == b'!' || next == b'?' {
        return after(">", 2);
    }
    if next == b'/' {
        let name = name_at(rest, 2);
        if name.is_empty() {
            // `</>` or `</ x`: skipped as a bogus comment, as browsers do.
            return after(">", 2);
        }
        on(Token::End(name));
        return after(">", 2 + name.len());
    }
    if !next.is_ascii_alphabetic() {
        on(Token::Text("<"));
        return lt + 1;
    }
    let name = name_at(rest, 1);
    let attrs_from = 1 + name.len();
    let close = tag_end(rest, attrs_from);
    let inner = rest.get(attrs_from..close).unwrap_or_default();
    let self_closing = inner.ends_with('/');
    let attrs = if self_closing {
        inner.get(..inner.len() - 1).unwrap_or_default()
    } else {
        inner
    };
    on(Token::Start(Tag {
        name,
        attrs,
        self_closing,
    }));
    let resume = (lt + close + 1).min(html.len());
    if !self_closing && RAW_TEXT.iter().any(|r| is(name, r)) {
        let end = raw_text_end(html, resume, name);
        if end > resume {
            on(Token::Raw(html.get(resume..end).unwrap_or_default()));
        }
        return end;
    }
    resume
}

/// The tag name starting at `from`: letters, digits and `-`, `_`, `:`, `.`.
fn name_at(s: &str, from: usize) -> &str {
    let tail = s.get(from..).unwrap_or_default();
    let len = tail
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .count();
    tail.get(..len).unwrap_or_default()
}

/// The index of the `>` that ends a start tag, skipping `>` inside quoted attribute values;
/// the end of `s` when it never closes.
fn tag_end(s: &str, from: usize) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (i, &b) in s.as_bytes().iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return i,
            None if after_equals && (b == b'"' || b == b'\'') => quote = Some(b),
            None => {}
        }
        if !b.is_ascii_whitespace() {
            after_equals = quote.is_none() && b == b'=';
        }
    }
    s.len()
}

/// Where a raw-text element opened at `from` ends: at its `</name` (followed by space, `/` or
/// `>`), or the end of the document.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(i) = memmem::find(bytes.get(at..).unwrap_or_default(), b"</") {
        let start = at + i;
        let cand = bytes
            .get(start + 2..start + 2 + name.len())
            .unwrap_or_default();
        let after = bytes.get(start + 2 + name.len()).copied();
        if cand.eq_ignore_ascii_case(name.as_bytes())
            && after.is_none_or(|b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
        {
            return start;
        }
        at = start + 2;
    }
    html.len()
}

/// The value of attribute `want` in a tag's attribute text, entities not yet decoded.
#[must_use]
pub fn attr<'a>(attrs: &'a str, want: &str) -> Option<&'a str> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    loop {
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let name_start = i;
        while bytes
            .get(i)
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'/'))
        {
            i += 1;
        }
        let name = attrs.get(name_start..i).unwrap_or_default();
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let value = if bytes.get(i) == Some(&b'=') {
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let (start, end, next) = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr(q, bytes.get(i + 1..).unwrap_or_default())
                        .map_or(bytes.len(), |e| i + 1 + e);
                    (i + 1, end, end + 1)
                }
                _ => {
                    let end = bytes
                        .get(i..)
                        .unwrap_or_default()
                        .iter()
                        .position(u8::is_ascii_whitespace)
                        .map_or(bytes.len(), |e| i + e);
                    (i, end, end)
                }
            };
            i = next;
            attrs.get(start..end).unwrap_or_default()
        } else {
            ""
        };
        if is(name, want) {
            return Some(value);
        }
        if i <= name_start {
            i = name_start + 1; // never loop in place on a stray byte
        }
    }
}

/// Elements that never hold children.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag is often left out (`<p>a<p>b`); counting them would make sloppy but
/// shallow pages look deep.
const IMPLIED_END: [&str; 11] = [
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "rt",
];

/// A close estimate of how deeply elements nest (void and implied-end elements not counted).
/// Tree-building parsers (the readability pass) slow down sharply with depth; callers check
/// this first.
#[must_use]
pub fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let counted = |name: &str| !VOID.iter().chain(&IMPLIED_END).any(|v| is(name, v));
    scan(html, |token| match token {
        Token::Start(tag) if !tag.self_closing && counted(tag.name) => {
            depth += 1;
            max = max.max(depth);
        }
        Token::End(name) if counted(name) => depth = depth.saturating_sub(1),
        _ => {}
    });
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan(html, |t| {
            out.push(match t {
                Token::Text(s) => format!("T{s}"),
                Token::Raw(s) => format!("R{s}"),
                Token::Start(tag) => format!(
                    "<{}|{}{}",
                    tag.name,
                    tag.attrs.trim(),
                    if tag.self_closing { "/" } else { "" }
                ),
                Token::End(name) => format!("/{name}"),
            });
        });
        out
    }

    #[test]
    fn tokens_in_order() {
        let cases: [(&str, &[&str]); 10] = [
            ("a<b>c</b>", &["Ta", "<b|", "Tc", "/b"]),
            ("<a href='x>y'>t</a>", &["<a|href='x>y'", "Tt", "/a"]),
            ("<br/><img src=x />", &["<br|/", "<img|src=x/"]),
            ("x<!-- <p> -->y", &["Tx", "Ty"]),
            ("<![CDATA[<script>]]&gt;", &["T]]&gt;"]),
            ("<!DOCTYPE html><?xml x?>t", &["Tt"]),
            ("1 < 2 <3", &["T1 ", "T<", "T 2 ", "T<", "T3"]),
            (
                "<script>if (a<b) '</p>'</script><p>",
                &["<script|", "Rif (a<b) '</p>'", "/script", "<p|"],
            ),
            ("<STYLE>p{}</Style >t", &["<STYLE|", "Rp{}", "/Style", "Tt"]),
            ("<p unclosed", &["<p|unclosed"]),
        ];
        for (html, want) in cases {
            assert_eq!(tokens(html), want, "{html}");
        }
    }

    #[test]
    fn attributes() {
        let cases = [
            ("href=\"/a\" class=x", "href", Some("/a")),
            ("class=x HREF='/b'", "href", Some("/b")),
            ("data-href=x href=y", "href", Some("y")),
            ("alt", "alt", Some("")),
            ("alt = 'a b' src=c", "alt", Some("a b")),
            ("src=c", "alt", None),
            ("= = =", "alt", None),
            ("alt='unclosed", "alt", Some("unclosed")),
        ];
        for (attrs, name, want) in cases {
            assert_eq!(attr(attrs, name), want, "{attrs}");
        }
    }

    #[test]
    fn depth_estimates() {
        let cases = [
            ("<div><div><p>a<p>b</div></div>", 2),
            ("<ul><li>a<li>b</ul>", 1),
            ("<br><img src=x><hr/><x-tag/>", 0),
            ("<script>if (a<b) { '<div>' }</script><div></div>", 1),
            ("<!-- <div><div> --><p>x", 0),
            ("a < b and c<d", 1),
            ("", 0),
        ];
        for (html, want) in cases {
            assert_eq!(nesting_depth(html), want, "{html}");
        }
        assert_eq!(nesting_depth(&"<div>".repeat(10_000)), 10_000);
    }
}
