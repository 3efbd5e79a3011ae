//! HTML to plain text: one paragraph per block (separated by a blank line), links kept as
//! numbered references (`text[1]`, with `[1]: url` lines at the end), scripts, styles and the
//! `<head>` dropped, no markup characters added for emphasis. The result is raw text for
//! `text::normalize`; nothing here decides what is safe to show.
//!
//! `scan` tokenizes, `render` turns tokens into blocks, `entities` decodes character
//! references. All three are linear in the input and build no tree, so hostile markup (10,000
//! nested `<div>`s, unclosed tags) costs no more than plain text.

mod entities;
mod render;
mod scan;

pub use scan::nesting_depth;

use render::Options;
use scan::Token;

/// Deeper than real pages go (they stay well under 100): tree-building parsers (the
/// readability pass in `feeds::page`) are not given pages nested deeper than this.
pub const MAX_NESTING: usize = 256;

/// Returns the document title (`<title>` or first `<h1>`) and the text.
#[must_use]
pub fn to_text(raw: &str) -> (Option<String>, String) {
    to_text_at(raw, None)
}

/// As `to_text`, with relative link references resolved against `base`.
#[must_use]
pub fn to_text_at(raw: &str, base: Option<&str>) -> (Option<String>, String) {
    (title(raw), html_to_text_at(raw, base))
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
    let base = base.and_then(|b| url::Url::parse(b).ok());
    let options = Options {
        base: base.as_ref(),
        references: true,
    };
    render::blocks(raw, &options).join("\n\n")
}

/// A title, author or other one-line field that may hold markup or entities, as one line of
/// text (links without references). Text without markup comes back unchanged but for spacing.
#[must_use]
pub fn inline_text(raw: &str) -> String {
    let options = Options {
        base: None,
        references: false,
    };
    let text = if raw.contains(['<', '&']) {
        render::blocks(raw, &options).join(" ")
    } else {
        raw.to_string()
    };
    one_line(&text)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document's `<title>`, else the text of its first `<h1>`.
fn title(raw: &str) -> Option<String> {
    let mut title = None;
    let mut h1: Option<String> = None;
    let mut in_title = false;
    let mut in_h1 = false;
    scan::scan(raw, |token| match token {
        Token::Start(tag) if scan::is(tag.name, "title") => in_title = title.is_none(),
        Token::Raw(text) if in_title => {
            title = Some(one_line(&entities::decode(text))).filter(|t| !t.is_empty());
            in_title = false;
        }
        Token::Start(tag) if scan::is(tag.name, "h1") && h1.is_none() => {
            in_h1 = true;
            h1 = Some(String::new());
        }
        Token::End(name) if scan::is(name, "h1") => in_h1 = false,
        Token::Text(text) if in_h1 => {
            if let Some(h) = h1.as_mut() {
                h.push_str(&entities::decode(text));
                h.push(' ');
            }
        }
        _ => {}
    });
    let h1 = h1.filter(|_| !in_h1).map(|h| one_line(&h));
    title.or(h1).filter(|t| !t.is_empty())
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
    fn titles() {
        let cases = [
            ("<titlebar>x</titlebar><title>Real</title>", Some("Real")),
            ("<title>unclosed", Some("unclosed")),
            ("<h1 class=a>A <i>b</i></h1><h1>second</h1>", Some("A b")),
            ("<h1>unclosed", None),
            ("<title> </title><h1>Fallback</h1>", Some("Fallback")),
            ("<TITLE>Caf&eacute;\n news</TITLE>", Some("Café news")),
            ("<p>none</p>", None),
        ];
        for (html, want) in cases {
            assert_eq!(title(html).as_deref(), want, "{html}");
        }
    }

    #[test]
    fn structure() {
        let cases = [
            (
                "<blockquote><p>a</p><p>b</p></blockquote><p>c</p>",
                "> a\n\n> b\n\nc",
            ),
            ("<pre>  x = 1\n  y = 2\n</pre>", "  x = 1\n\n  y = 2"),
            (
                "<ol start=3><li>a<li>b</ol><ul><li>c</ul>",
                "3. a\n\n4. b\n\n- c",
            ),
            ("<ul><li>a<ul><li>b</ul></li></ul>", "- a\n\n- b"),
            (
                "<table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td></td><td>2</td></tr></table>",
                "k | v\n\n1 | 2",
            ),
            ("line<br>break<br/>", "line\n\nbreak"),
            ("<p>He said <q>no</q>.</p>", "He said “no”."),
            ("<p>caf<b>é</b> <i>au</i>  lait</p>", "café au lait"),
            ("<img alt='A map'><p>t</p>", "[A map]\n\nt"),
            ("<img alt='&amp;amp;'>", "[&amp;]"),
            (
                "<head><meta charset=utf-8><title>T</title><p>body without body tag",
                "body without body tag",
            ),
            (
                "<p>a</p><svg><text>drawn</text></svg><noscript><img alt=x></noscript><p>b</p>",
                "a\n\nb",
            ),
            (
                "<select><option>x</option></select><button>Share</button>ok",
                "ok",
            ),
            ("<div><p>&lt;tag&gt; &amp;amp;</p></div>", "<tag> &amp;"),
        ];
        for (html, want) in cases {
            assert_eq!(html_to_text(html), want, "{html}");
        }
    }

    #[test]
    fn link_references() {
        let cases = [
            (
                "<a href='/a'>x</a> <a href='/a'>again</a>",
                "x[1] again[1]\n\n[1]: /a",
            ),
            (
                "<a href='#top'>top</a> <a href='javascript:void(0)'>js</a>",
                "top js",
            ),
            ("<a href='/e'></a><a href='/i'><img alt=''></a>t", "t"),
            (
                "<a href='/p'><p>block link</p></a>",
                "block link[1]\n\n[1]: /p",
            ),
            (
                "<a href='/1'>one <a href='/2'>two</a>",
                "one[1] two[2]\n\n[1]: /1\n\n[2]: /2",
            ),
            ("<a href='/x?a=1&amp;b=2'>q</a>", "q[1]\n\n[1]: /x?a=1&b=2"),
            ("<a name=anchor>plain</a>", "plain"),
        ];
        for (html, want) in cases {
            assert_eq!(html_to_text(html), want, "{html}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_markup_gives_tidy_text(html in "[<>a-z/ =\"'&;#!\n-]{0,300}") {
            let text = html_to_text(&html);
            proptest::prop_assert!(!text.contains("\n\n\n"), "{:?}", text);
            proptest::prop_assert!(text.lines().all(|l| l == l.trim_end()), "{:?}", text);
        }

        #[test]
        fn whitespace_collapses_to_single_spaces(
            words in "[a-zé., \t\r\n]{0,80}",
            inline in proptest::bool::ANY,
        ) {
            // Inside one paragraph, with or without an inline element cutting the text.
            let html = if inline {
                let cut = words.char_indices().nth(words.chars().count() / 2).map_or(0, |(i, _)| i);
                let (a, b) = words.split_at(cut);
                format!("<p>{a}<b>{b}</b></p>")
            } else {
                format!("<p>{words}</p>")
            };
            let want = words.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(html_to_text(&html), want, "{:?}", html);
        }
    }
}
