//! Feed bytes (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) to drafts via feed-rs.
//!
//! feed-rs gets the raw bytes, so the encoding declared in the XML prolog (or a BOM) is honoured.
//! Drafts keep the feed's own text: titles may hold entities or markup, content is HTML. Links
//! are made absolute against the feed URL (`xml:base` is applied by feed-rs first). Nothing here
//! is trusted by the UI: `library` normalises every field before storing it.

use std::panic::AssertUnwindSafe;

use feed_rs::model::{Entry, Feed, Link};
use feed_rs::parser::{ParseErrorKind, ParseFeedError};

use crate::error::{Error, Result};
use crate::feeds::{ArticleDraft, FeedDraft};

mod recover;

/// Parses a feed document fetched from `url`.
///
/// # Errors
/// Not a feed, or malformed beyond what feed-rs tolerates; the message is one line naming `url`.
pub fn parse(bytes: &[u8], url: &str) -> Result<FeedDraft> {
    let fail = |message: String| Error::Feed {
        url: url.to_string(),
        message,
    };
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .ok_or_else(|| fail("empty document, not a feed".into()))?;
    // A feed that starts with blank lines before `<?xml` is common in the wild; strict XML
    // rejects it, readers accept it.
    let body = bytes.get(start..).unwrap_or_default();
    let base = url::Url::parse(url).ok().filter(|u| !u.cannot_be_a_base());
    // feed-rs can panic on UTF-16 input: such documents are decoded to UTF-8 before it sees them.
    let utf8 = recover::utf16_to_utf8(body);
    let body = utf8.as_deref().unwrap_or(body);
    match attempt(body, base.as_ref()) {
        Ok(feed) => Ok(draft(feed, base.as_ref())),
        Err(first) => second_chance(body, base.as_ref()).ok_or_else(|| fail(describe(&first))),
    }
}

/// Why feed-rs gave up.
enum Failure {
    Refused(ParseFeedError),
    Panicked,
}

fn attempt(body: &[u8], base: Option<&url::Url>) -> std::result::Result<Feed, Failure> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.map(url::Url::as_str))
        // No invented ids: a draft's guid is the feed's own or None.
        .id_generator(|_, _, _| String::new())
        .build();
    // feed-rs is third-party code fed hostile input: a panic in it must not take byline down.
    match std::panic::catch_unwind(AssertUnwindSafe(|| parser.parse(body))) {
        Ok(Ok(feed)) => Ok(feed),
        Ok(Err(e)) => Err(Failure::Refused(e)),
        Err(_) => Err(Failure::Panicked),
    }
}

/// The repairs in `recover`, tried in turn on a UTF-8 copy; `None` keeps the first error.
fn second_chance(body: &[u8], base: Option<&url::Url>) -> Option<FeedDraft> {
    let mut doc = recover::to_utf8(body);
    if let Some(v2) = recover::rss_as_v2(&doc) {
        doc = v2;
    }
    let mut escaped = false;
    for _ in 0..4 {
        match attempt(doc.as_bytes(), base) {
            Ok(feed) => return Some(draft(feed, base)),
            Err(Failure::Refused(ParseFeedError::ParseError(
                ParseErrorKind::UnknownMimeType { mime, .. },
            ))) => {
                let retyped = recover::retype(&doc, &mime);
                if retyped == doc {
                    return None;
                }
                doc = retyped;
            }
            Err(Failure::Refused(ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot)))
                if recover::root_tag(&doc).is_some_and(|(_, _, name)| name == "rss")
                    && !recover::has_channel(&doc) =>
            {
                return Some(FeedDraft::default());
            }
            Err(Failure::Refused(ParseFeedError::XmlReader(_))) if !escaped => {
                escaped = true;
                doc = recover::escape_bare_ampersands(&doc);
            }
            Err(_) => return None,
        }
    }
    None
}

fn describe(failure: &Failure) -> String {
    let detail = match failure {
        Failure::Panicked => "the feed parser failed on this document".to_string(),
        Failure::Refused(ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot)) => {
            "not a feed (no RSS, Atom or JSON Feed root element)".to_string()
        }
        Failure::Refused(ParseFeedError::JsonUnsupportedVersion(v)) => {
            format!("unsupported JSON Feed version '{v}'")
        }
        Failure::Refused(ParseFeedError::XmlReader(e)) => format!("malformed XML: {e}"),
        Failure::Refused(ParseFeedError::JsonSerde(e)) => format!("malformed JSON Feed: {e}"),
        Failure::Refused(other) => other.to_string(),
    };
    one_line(&detail, 200)
}

/// Summaries shorter than this (in chars, as text) are teasers: the article is on its page.
pub const SHORT_TEXT: usize = 400;

/// Whether the article's text must come from its page: it has a web link, the feed carries no
/// full content (`content:encoded`, Atom or JSON content), and its summary is missing or a teaser
/// (under `SHORT_TEXT` chars once markup is removed).
#[must_use]
pub fn needs_page(article: &ArticleDraft) -> bool {
    let has_web_link = article.url.as_deref().is_some_and(is_web_url);
    let summary_len = article
        .summary
        .as_deref()
        .map(|s| crate::text::html::html_to_text(s).trim().chars().count())
        .unwrap_or_default();
    has_web_link && article.content.is_none() && summary_len < SHORT_TEXT
}

/// Collapses whitespace and cuts at `max` chars, so an error fits the status line.
fn one_line(s: &str, max: usize) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", joined.get(..cut).unwrap_or_default()),
        None => joined,
    }
}

fn draft(feed: Feed, base: Option<&url::Url>) -> FeedDraft {
    let site_url = alternate_link(&feed.links).map(|href| resolve(base, href));
    FeedDraft {
        title: feed
            .title
            .map(|t| t.content)
            .filter(|t| !t.trim().is_empty()),
        site_url,
        articles: feed.entries.into_iter().map(|e| article(e, base)).collect(),
    }
}

fn article(entry: Entry, base: Option<&url::Url>) -> ArticleDraft {
    let author = authors(&entry);
    let guid = Some(entry.id).filter(|id| !id.trim().is_empty());
    let url = alternate_link(&entry.links)
        .map(|href| resolve(base, href))
        // RSS: a guid is a permalink unless it says otherwise; feed-rs keeps it as the id.
        .or_else(|| guid.clone().filter(|g| is_web_url(g)));
    ArticleDraft {
        url,
        guid,
        title: entry
            .title
            .map(|t| t.content)
            .filter(|t| !t.trim().is_empty()),
        author,
        published: entry.published.or(entry.updated).map(|d| d.timestamp()),
        content: entry
            .content
            .and_then(|c| c.body)
            .filter(|c| !c.trim().is_empty()),
        summary: entry
            .summary
            .map(|s| s.content)
            .filter(|s| !s.trim().is_empty()),
    }
}

fn authors(entry: &Entry) -> Option<String> {
    let names: Vec<&str> = entry
        .authors
        .iter()
        .filter_map(|p| {
            p.name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .or_else(|| p.email.as_deref().map(str::trim).filter(|n| !n.is_empty()))
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// The link a reader opens: `rel="alternate"` (or no rel), preferring HTML, never `self`,
/// `enclosure`, `replies` and the like.
fn alternate_link(links: &[Link]) -> Option<&str> {
    let is_alternate = |l: &&Link| {
        l.rel
            .as_deref()
            .is_none_or(|r| r.trim().is_empty() || r.eq_ignore_ascii_case("alternate"))
            && !l.href.trim().is_empty()
    };
    let is_html = |l: &&Link| l.media_type.as_deref().is_none_or(|m| m.contains("html"));
    links
        .iter()
        .filter(is_alternate)
        .find(is_html)
        .or_else(|| links.iter().find(is_alternate))
        .map(|l| l.href.trim())
}

fn resolve(base: Option<&url::Url>, href: &str) -> String {
    match base {
        Some(base) => base
            .join(href)
            .map_or_else(|_| href.to_string(), String::from),
        None => url::Url::parse(href).map_or_else(|_| href.to_string(), String::from),
    }
}

fn is_web_url(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://example.com/feeds/main.xml";

    #[test]
    fn rss2_item_fields() {
        let xml = br#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>News &amp; Views</title><link>/</link>
<item><title>One</title><link>../a/1.html</link><guid isPermaLink="false">id-1</guid>
<dc:creator>Ann Lee</dc:creator><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
<description>Short</description><content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded></item>
<item><guid>http://example.com/p/2</guid><description>Only a summary</description></item>
</channel></rss>"#;
        let feed = parse(xml, BASE).expect("parses");
        assert_eq!(feed.title.as_deref(), Some("News & Views"));
        assert_eq!(feed.site_url.as_deref(), Some("http://example.com/"));
        let a = &feed.articles[0];
        assert_eq!(a.url.as_deref(), Some("http://example.com/a/1.html"));
        assert_eq!(a.guid.as_deref(), Some("id-1"));
        assert_eq!(a.author.as_deref(), Some("Ann Lee"));
        assert_eq!(a.published, Some(1_055_217_600));
        assert_eq!(a.content.as_deref(), Some("<p>Full <b>text</b></p>"));
        assert_eq!(a.summary.as_deref(), Some("Short"));
        let b = &feed.articles[1];
        assert_eq!(b.url.as_deref(), Some("http://example.com/p/2"));
        assert_eq!(b.title, None);
        assert_eq!(b.content, None);
    }

    #[test]
    fn errors_name_the_feed_in_one_line() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "empty document"),
            (b"  \n ", "empty document"),
            (b"<html><body>hi</body></html>", "not a feed"),
            (
                b"<rss version=\"2.0\"><channel><item><title>x</titl",
                "malformed XML",
            ),
            (b"{\"version\": 3", "malformed JSON"),
            (b"hello", "not a feed"),
        ];
        for (input, want) in cases {
            let msg = parse(input, BASE)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(msg.starts_with(&format!("feed '{BASE}': ")), "{msg}");
            assert!(msg.contains(want), "{msg}");
            assert!(!msg.contains('\n'), "{msg}");
        }
    }

    #[test]
    fn link_choice() {
        let link = |href: &str, rel: Option<&str>, ty: Option<&str>| Link {
            href: href.to_string(),
            target: None,
            rel: rel.map(str::to_string),
            media_type: ty.map(str::to_string),
            href_lang: None,
            title: None,
            length: None,
        };
        let links = [
            link("http://x/self", Some("self"), None),
            link("http://x/a.mp3", Some("enclosure"), None),
            link("http://x/a.pdf", Some("alternate"), Some("application/pdf")),
            link("http://x/a.html", Some("alternate"), Some("text/html")),
        ];
        assert_eq!(alternate_link(&links), Some("http://x/a.html"));
        assert_eq!(
            alternate_link(links.get(..3).unwrap_or_default()),
            Some("http://x/a.pdf")
        );
        assert_eq!(alternate_link(links.get(..2).unwrap_or_default()), None);
    }

    #[test]
    fn teasers_need_their_page() {
        let long = format!("<p>{}</p>", "word ".repeat(100));
        let draft =
            |url: Option<&str>, content: Option<&str>, summary: Option<&str>| ArticleDraft {
                url: url.map(str::to_string),
                content: content.map(str::to_string),
                summary: summary.map(str::to_string),
                ..ArticleDraft::default()
            };
        let web = Some("https://x.test/a");
        let cases = [
            (draft(web, None, None), true),
            (draft(web, None, Some("<p>Read more…</p>")), true),
            (draft(web, Some(&long), None), false),
            (draft(web, Some("<p>Short but full.</p>"), None), false),
            (draft(web, None, Some(&long)), false),
            (draft(None, None, None), false),
            (draft(Some("/relative"), None, None), false),
        ];
        for (article, want) in cases {
            assert_eq!(needs_page(&article), want, "{article:?}");
        }
    }

    #[test]
    fn relative_links_without_a_base_stay_as_written() {
        assert_eq!(resolve(None, "/a"), "/a");
        assert_eq!(one_line("a\n b", 10), "a b");
        assert_eq!(one_line("abcdef", 3), "abc…");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_errors_are_one_line(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
            text in "[<>a-z/ =\"'&;#!?\\[\\]{}:,0-9-]{0,300}",
        ) {
            let template = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>{text}</title></item></channel></rss>");
            for input in [bytes.as_slice(), text.as_bytes(), template.as_bytes()] {
                if let Err(e) = parse(input, BASE) {
                    let msg = e.to_string();
                    proptest::prop_assert!(msg.starts_with(&format!("feed '{BASE}': ")), "{}", msg);
                    proptest::prop_assert!(!msg.contains('\n'), "{}", msg);
                }
            }
        }
    }
}
