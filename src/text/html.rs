//! HTML to plain text: one paragraph per block (separated by a blank line), links kept as
//! numbered references (`text[1]`, with `[1]: url` lines at the end), scripts, styles and the
//! `<head>` dropped, no markup characters added for emphasis. The result is raw text for
//! `text::normalize`; nothing here decides what is safe to show.

use html2text::render::TextDecorator;

mod fallback;

pub use fallback::{MAX_NESTING, nesting_depth};

/// Wide enough that html2text never wraps: wrapping is the reader's job, at the pane's width.
const NO_WRAP: usize = 1_000_000;

/// Returns the document title (`<title>` or first `<h1>`) and the text.
#[must_use]
pub fn to_text(raw: &str) -> (Option<String>, String) {
    to_text_at(raw, None)
}

/// As `to_text`, with relative link references resolved against `base`.
#[must_use]
pub fn to_text_at(raw: &str, base: Option<&str>) -> (Option<String>, String) {
    let title = element_text(raw, "title").or_else(|| element_text(raw, "h1"));
    (title, html_to_text_at(raw, base))
}

/// The text of an HTML fragment or document, links as numbered references.
#[must_use]
pub fn html_to_text(raw: &str) -> String {
    html_to_text_at(raw, None)
}

/// As `html_to_text`, with relative link references made absolute against `base` (the
/// article's or the feed's URL), since feed content often links `/docs/report.pdf`.
#[must_use]
pub fn html_to_text_at(raw: &str, base: Option<&str>) -> String {
    if nesting_depth(raw) > MAX_NESTING {
        return fallback::plain_text(raw);
    }
    let base = base.and_then(|b| url::Url::parse(b).ok());
    // html2text is third-party code fed hostile pages: an error or a panic in it falls back to
    // plain tag stripping rather than taking byline down.
    let rendered = std::panic::catch_unwind(|| {
        html2text::config::with_decorator(Reader { base })
            .link_footnotes(true)
            .no_table_borders()
            .string_from_read(raw.as_bytes(), NO_WRAP)
    })
    .ok()
    .and_then(std::result::Result::ok)
    .unwrap_or_else(|| fallback::plain_text(raw));
    paragraphs(&rendered)
}

/// A title, author or other one-line field that may hold markup or entities, as one line of
/// text (links without references). Text without markup comes back unchanged but for spacing.
#[must_use]
pub fn inline_text(raw: &str) -> String {
    if !raw.contains(['<', '&']) {
        return raw.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if nesting_depth(raw) > MAX_NESTING {
        return fallback::plain_text(raw)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    let rendered = std::panic::catch_unwind(|| {
        html2text::config::with_decorator(Reader { base: None })
            .string_from_read(raw.as_bytes(), NO_WRAP)
    })
    .ok()
    .and_then(std::result::Result::ok)
    .unwrap_or_else(|| fallback::plain_text(raw));
    rendered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One blank line between blocks, no trailing spaces: html2text puts list items and footnotes on
/// consecutive lines, which the normaliser would fold into one paragraph.
fn paragraphs(rendered: &str) -> String {
    let blocks: Vec<&str> = rendered
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    blocks.join("\n\n")
}

/// The decorator for article text: links as `text[n]`, list bullets, no emphasis marks,
/// headings as plain paragraphs, images as their alt text in brackets when they have one.
#[derive(Clone, Debug)]
struct Reader {
    /// Relative link references are resolved against this.
    base: Option<url::Url>,
}

impl TextDecorator for Reader {
    type Annotation = ();

    fn decorate_link_start(&mut self, _url: &str) -> (String, Self::Annotation) {
        (String::new(), ())
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, Self::Annotation) {
        (String::new(), ())
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, Self::Annotation) {
        (String::new(), ())
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, Self::Annotation) {
        (String::new(), ())
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, Self::Annotation) {
        (String::new(), ())
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) -> Self::Annotation {}
    fn decorate_preformat_cont(&self) -> Self::Annotation {}
    fn decorate_image(&mut self, _src: &str, title: &str) -> (String, Self::Annotation) {
        let title = title.trim();
        let text = if title.is_empty() {
            String::new()
        } else {
            format!("[{title}]")
        };
        (text, ())
    }
    fn header_prefix(&self, _level: usize) -> String {
        String::new()
    }
    fn quote_prefix(&self) -> String {
        "> ".into()
    }
    fn unordered_item_prefix(&self) -> String {
        // ASCII: html2text measures this prefix in bytes against widths in columns.
        "- ".into()
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }
    fn make_subblock_decorator(&self) -> Self {
        self.clone()
    }
    fn finalise(&mut self, urls: Vec<String>) -> Vec<html2text::render::TaggedLine<()>> {
        urls.into_iter()
            .enumerate()
            .map(|(i, href)| {
                let href = match &self.base {
                    Some(base) => base.join(href.trim()).map_or(href, String::from),
                    None => href,
                };
                html2text::render::TaggedLine::from_string(format!("[{}]: {href}", i + 1), &())
            })
            .collect()
    }
}

/// Tags dropped, text kept, for the inside of a `<title>` or `<h1>`.
fn strip_tags(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

/// The text inside the first `<tag …>…</tag>`, with inner tags removed.
fn element_text(raw: &str, tag: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let open = find_open_tag(&lower, tag)?;
    let start = open + lower.get(open..)?.find('>')? + 1;
    let end = start + lower.get(start..)?.find(&format!("</{tag}"))?;
    let inner = raw.get(start..end)?;
    let out = strip_tags(inner)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!out.is_empty()).then_some(out)
}

/// `<tag` followed by `>` or whitespace, so `<title` does not match `<titlebar`.
fn find_open_tag(lower: &str, tag: &str) -> Option<usize> {
    let needle = format!("<{tag}");
    let mut from = 0;
    while let Some(found) = lower.get(from..)?.find(&needle) {
        let at = from + found;
        let next = lower.get(at + needle.len()..)?.chars().next()?;
        if next == '>' || next.is_ascii_whitespace() {
            return Some(at);
        }
        from = at + needle.len();
    }
    None
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp..).unwrap_or_default();
        let decoded = tail
            .get(1..)
            .and_then(|t| t.find(';').filter(|semi| *semi <= 10).map(|semi| (t, semi)))
            .and_then(|(t, semi)| Some((entity(t.get(..semi)?)?, semi + 2)));
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = tail.get(used..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_text() {
        let (t, text) = to_text(
            "<html><head><title>A &amp; B</title></head><body><p>One <a href=\"http://x.example/\">link</a>.</p><p>Two</p></body></html>",
        );
        assert_eq!(t.as_deref(), Some("A & B"));
        assert_eq!(text, "One link[1].\n\nTwo\n\n[1]: http://x.example/");
    }

    #[test]
    fn conversions() {
        let cases = [
            (
                "<p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>",
                "a\n\nb",
            ),
            (
                "<h2>Head</h2><p>Para <em>one</em> and <b>bold</b>.</p>",
                "Head\n\nPara one and bold.",
            ),
            ("<ul><li>x</li><li>y</li></ul>", "- x\n\n- y"),
            (
                "<p>a <a href='/r'>b</a> <a href='http://z/'>c</a></p>",
                "a b[1] c[2]\n\n[1]: /r\n\n[2]: http://z/",
            ),
            ("plain &amp; simple", "plain & simple"),
            ("<p>caf\u{e9}</p>", "caf\u{e9}"),
            ("", ""),
            ("<img src='x.png' alt=''><p>t</p>", "t"),
        ];
        for (html, want) in cases {
            assert_eq!(html_to_text(html), want, "{html}");
        }
    }

    #[test]
    fn relative_references_resolve_against_the_base() {
        let html = "<p><a href='/docs/a.pdf'>a</a> <a href='b.html'>b</a> <a href='https://o.test/'>o</a></p>";
        assert_eq!(
            html_to_text_at(html, Some("https://news.test/2024/story.html")),
            "a[1] b[2] o[3]\n\n[1]: https://news.test/docs/a.pdf\n\n[2]: https://news.test/2024/b.html\n\n[3]: https://o.test/"
        );
        assert_eq!(
            html_to_text_at("<a href='/x'>x</a>", Some("not a url")),
            "x[1]\n\n[1]: /x"
        );
    }

    #[test]
    fn inline_fields() {
        let cases = [
            ("Birds &amp; bees", "Birds & bees"),
            ("<b>Bold</b> <a href='/x'>move</a>", "Bold move"),
            ("AT&T  rises", "AT&T rises"),
            ("a < b", "a < b"),
            ("it&apos;s", "it's"),
            ("", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(inline_text(raw), want, "{raw}");
        }
    }

    #[test]
    fn entities() {
        let cases = [
            ("a &amp; b", "a & b"),
            ("&#8220;q&#x201D; &rsquo;", "“q” ’"),
            ("&bogus; & &#xZZ; &#0;", "&bogus; & &#xZZ; &#0;"),
            ("AT&T", "AT&T"),
        ];
        for (raw, want) in cases {
            assert_eq!(decode_entities(raw), want, "{raw}");
        }
    }

    #[test]
    fn deep_nesting_is_read_linearly() {
        let deep = format!(
            "{}<p>deep &amp; text{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        assert_eq!(html_to_text(&deep), "deep & text");
        assert_eq!(inline_text(&deep), "deep & text");
    }

    #[test]
    fn element_text_is_exact_about_tags() {
        assert_eq!(
            element_text("<titlebar>x</titlebar><title>Real</title>", "title").as_deref(),
            Some("Real")
        );
        assert_eq!(element_text("<title>unclosed", "title"), None);
        assert_eq!(
            element_text("<h1 class=a>A <i>b</i></h1>", "h1").as_deref(),
            Some("A b")
        );
    }

    proptest::proptest! {
        #[test]
        fn any_markup_gives_tidy_text(html in "[<>a-z/ =\"'&;#!\n-]{0,300}") {
            let text = html_to_text(&html);
            proptest::prop_assert!(!text.contains("\n\n\n"), "{:?}", text);
            proptest::prop_assert!(text.lines().all(|l| l == l.trim_end()), "{:?}", text);
        }
    }
}
