//! Web pages: feed discovery, character decoding and main-text extraction. No I/O here: the
//! caller fetches the page with `feeds::fetch` and passes its bytes or text in.

use std::panic::AssertUnwindSafe;

use crate::text::html;

/// Feed types a page may advertise, in order of preference when it advertises several. Plain
/// `application/json` is left out: WordPress uses it for its REST API, not for a feed.
const FEED_TYPES: [&str; 4] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
];

/// The feed advertised by an HTML page (`<link rel="alternate" type="application/rss+xml" …>`),
/// resolved against `base_url` (or the page's own `<base href>`).
#[must_use]
pub fn discover_feed(html: &str, base_url: &str) -> Option<String> {
    let html = without_comments(html);
    let base = page_base(&html, base_url);
    let mut best: Option<(usize, String)> = None;
    for attrs in tags(&html, "link") {
        let rel = attr(&attrs, "rel").unwrap_or_default().to_ascii_lowercase();
        if !rel.split_ascii_whitespace().any(|r| r == "alternate") {
            continue;
        }
        let ty = attr(&attrs, "type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let ty = ty.split(';').next().unwrap_or_default().trim().to_string();
        let Some(rank) = FEED_TYPES.iter().position(|t| *t == ty) else {
            continue;
        };
        let Some(href) = attr(&attrs, "href").filter(|h| !h.trim().is_empty()) else {
            continue;
        };
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, resolve(base.as_ref(), href.trim())));
        }
    }
    best.map(|(_, url)| url)
}

/// The main text of an article page as (title, text with numbered link references).
///
/// A readability-style pass (dom_smoothie) picks the main content; when it finds none, the whole
/// page's text is returned instead.
#[must_use]
pub fn extract_article(html: &str, url: &str) -> (Option<String>, String) {
    // dom_smoothie's time grows steeply with nesting depth; a page nested deeper than real pages
    // go gets the whole-page text (which `text::html` reads with a linear scanner).
    if html::nesting_depth(html) > html::MAX_NESTING {
        return html::to_text_at(html, Some(url));
    }
    let absolute = url::Url::parse(url).ok().filter(|u| !u.cannot_be_a_base());
    // dom_smoothie is third-party code fed hostile pages: a panic in it means "no main text".
    let main = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let document_url = absolute.as_ref().map(url::Url::as_str);
        let mut readability = dom_smoothie::Readability::new(html, document_url, None).ok()?;
        readability.parse().ok()
    }))
    .ok()
    .flatten();
    if let Some(article) = main {
        let text = html::html_to_text_at(&article.content, Some(url));
        if !text.trim().is_empty() {
            let title = Some(article.title.trim().to_string())
                .filter(|t| !t.is_empty())
                .or_else(|| html::to_text(html).0);
            return (title, text);
        }
    }
    html::to_text_at(html, Some(url))
}

/// Decodes a fetched HTML page: BOM, then the Content-Type charset, then `<meta charset>` in the
/// first 1024 bytes, then UTF-8 (invalid sequences replaced).
#[must_use]
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let from_header = content_type.and_then(|ct| {
        ct.split(';')
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
            .and_then(|(_, v)| {
                encoding_rs::Encoding::for_label(v.trim().trim_matches('"').as_bytes())
            })
    });
    // A page that reached us as bytes declaring UTF-16 in a <meta> is really ASCII-compatible:
    // HTML says to read it as UTF-8.
    let from_meta = meta_charset(bytes.get(..1024).unwrap_or(bytes)).map(|e| {
        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            e
        }
    });
    let encoding = from_header.or(from_meta).unwrap_or(encoding_rs::UTF_8);
    // `decode` sniffs a BOM first, which wins over both labels.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(head);
    tags(&head, "meta").into_iter().find_map(|attrs| {
        let label = attr(&attrs, "charset").or_else(|| {
            let content = attr(&attrs, "content")?;
            let lower = content.to_ascii_lowercase();
            let at = lower.find("charset=")?;
            Some(content.get(at + "charset=".len()..)?.trim().to_string())
        })?;
        encoding_rs::Encoding::for_label(label.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

fn page_base(html: &str, base_url: &str) -> Option<url::Url> {
    let base = url::Url::parse(base_url).ok();
    let declared = tags(html, "base")
        .into_iter()
        .find_map(|attrs| attr(&attrs, "href"));
    match (declared, &base) {
        (Some(d), Some(b)) => b.join(d.trim()).ok().or(base),
        (Some(d), None) => url::Url::parse(d.trim()).ok(),
        (None, _) => base,
    }
}

fn resolve(base: Option<&url::Url>, href: &str) -> String {
    base.and_then(|b| b.join(href).ok())
        .map_or_else(|| href.to_string(), String::from)
}

fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 4..).unwrap_or_default();
        rest = after
            .find("-->")
            .and_then(|e| after.get(e + 3..))
            .unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The attribute text of every `<name …>` start tag, case-insensitively.
fn tags(html: &str, name: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let needle = format!("<{name}");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(hit) = lower.get(from..).and_then(|s| s.find(&needle)) {
        let start = from + hit + needle.len();
        from = start;
        let Some(rest) = html.get(start..) else { break };
        if !rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>') {
            continue;
        }
        let end = tag_end(rest);
        found.push(rest.get(..end).unwrap_or_default().to_string());
        from = start + end;
    }
    found
}

/// Where a tag's attributes end: the first `>` outside quotes.
fn tag_end(rest: &str) -> usize {
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    rest.len()
}

/// The value of attribute `name` in a tag's attribute text, entities `&amp;` etc. decoded.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let key_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let key = rest.get(..key_end)?;
        rest = rest.get(key_end..)?.trim_start();
        let value = if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let (value, remaining) = match after_eq.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = after_eq.get(1..)?;
                    let close = body.find(q).unwrap_or(body.len());
                    (
                        body.get(..close)?,
                        body.get(close + 1..).unwrap_or_default(),
                    )
                }
                _ => {
                    let end = after_eq
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after_eq.len());
                    (
                        after_eq.get(..end)?,
                        after_eq.get(end..).unwrap_or_default(),
                    )
                }
            };
            rest = remaining;
            value
        } else {
            ""
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(decode_attr(value));
        }
    }
}

fn decode_attr(value: &str) -> String {
    value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://news.example/section/page.html";

    #[test]
    fn discovery_table() {
        let cases = [
            (
                r#"<link rel="alternate" type="application/rss+xml" href="/feed.xml">"#,
                Some("https://news.example/feed.xml"),
            ),
            (
                r#"<LINK REL=alternate TYPE="application/atom+xml" HREF=atom.xml>"#,
                Some("https://news.example/section/atom.xml"),
            ),
            (
                r#"<link type='application/feed+json' rel='alternate home' href='https://cdn.example/f.json'/>"#,
                Some("https://cdn.example/f.json"),
            ),
            (
                r#"<link rel="stylesheet" type="text/css" href="/s.css">"#,
                None,
            ),
            (r#"<link rel="alternate" type="application/rss+xml">"#, None),
            (
                r#"<!-- <link rel="alternate" type="application/rss+xml" href="/old"> -->"#,
                None,
            ),
            (
                r#"<link rel="alternate" type="application/atom+xml" href="/a"><link rel="alternate" type="application/rss+xml" href="/r?x=1&amp;y=2">"#,
                Some("https://news.example/r?x=1&y=2"),
            ),
            (
                r#"<base href="https://other.example/x/"><link rel="alternate" type="application/rss+xml" href="f">"#,
                Some("https://other.example/x/f"),
            ),
            (
                r#"<linkx rel="alternate" type="application/rss+xml" href="/no">"#,
                None,
            ),
            (
                "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/unterminated",
                Some("https://news.example/unterminated"),
            ),
            (
                r#"<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">"#,
                None,
            ),
            ("", None),
        ];
        for (html, want) in cases {
            assert_eq!(discover_feed(html, BASE).as_deref(), want, "{html}");
        }
    }

    #[test]
    fn extraction_keeps_main_text_and_links() {
        let para = "The minister said the plan would go ahead despite the objections raised by the committee last week. ";
        let html = format!(
            "<html><head><title>Plan | Site</title><script>var x = 1;</script></head><body>\
             <nav><a href='/'>Home</a> <a href='/a'>About</a></nav>\
             <article><h1>Plan goes ahead</h1><p>{p}{p}</p><p>{p}See <a href='/doc.pdf'>the report</a>.</p><p>{p}{p}</p></article>\
             <footer>Copyright</footer></body></html>",
            p = para
        );
        let (title, text) = extract_article(&html, BASE);
        assert!(title.is_some_and(|t| t.contains("Plan")));
        assert!(text.contains("The minister said"), "{text}");
        assert!(text.contains("the report[1]"), "{text}");
        assert!(text.contains("[1]: https://news.example/doc.pdf"), "{text}");
        assert!(!text.contains("var x"), "{text}");
    }

    #[test]
    fn extraction_falls_back_to_whole_page() {
        let (title, text) = extract_article("<title>T</title><p>short</p>", "not a url");
        assert_eq!(title.as_deref(), Some("T"));
        assert_eq!(text, "short");
        let (_, text) = extract_article("<p><a href='/a'>short</a></p>", BASE);
        assert_eq!(text, "short[1]\n\n[1]: https://news.example/a");
        let (title, text) = extract_article("", BASE);
        assert_eq!((title, text), (None, String::new()));
    }

    #[test]
    fn deep_pages_fall_back_to_whole_page_text() {
        let deep = format!("<title>Deep</title>{}<p>text", "<ul><li>".repeat(20_000));
        assert_eq!(
            extract_article(&deep, BASE),
            (Some("Deep".into()), "- text".into())
        );
    }

    #[test]
    fn decoding() {
        assert_eq!(
            decode(b"caf\xe9", Some("text/html; charset=iso-8859-1")),
            "caf\u{e9}"
        );
        assert_eq!(
            decode(b"<meta charset=\"windows-1252\">caf\xe9", None),
            "<meta charset=\"windows-1252\">caf\u{e9}"
        );
        assert_eq!(
            decode(
                b"<meta http-equiv=Content-Type content=\"text/html; charset=koi8-r\">\xc1",
                None
            )
            .chars()
            .last(),
            Some('\u{430}')
        );
        assert_eq!(
            decode(b"\xef\xbb\xbfok", Some("text/html; charset=iso-8859-1")),
            "ok"
        );
        assert_eq!(decode(b"bad \xff", None), "bad \u{fffd}");
        assert_eq!(
            decode(b"<meta charset=utf-16>ok", None),
            "<meta charset=utf-16>ok"
        );
    }

    proptest::proptest! {
        #[test]
        fn discovery_never_panics(html in "[<>a-zA-Z/ =\"'&;#!:.?+-]{0,300}") {
            if let Some(found) = discover_feed(&html, BASE) {
                proptest::prop_assert!(url::Url::parse(&found).is_ok(), "{}", found);
            }
            let _ = extract_article(&html, BASE);
            let _ = decode(html.as_bytes(), Some("text/html; charset=koi8-r"));
        }
    }
}
