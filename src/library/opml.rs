//! OPML 2.0 subscription lists: read the feed outlines (at any depth, categories ignored), write
//! the library's feeds. Pure: text in, text out.

use quick_xml::XmlVersion;
use quick_xml::escape::escape;
use quick_xml::events::Event;

use crate::store::Feed;
use crate::text::normalize::normalize_line;

/// One subscription read from OPML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outline {
    pub url: String,
    pub title: Option<String>,
}

/// The feed outlines (`<outline xmlUrl="…">`) of an OPML document, in document order, without
/// repeats. Titles come from `title`, else `text`, sanitised.
///
/// # Errors
/// Malformed XML (with its position), or a document that is not OPML.
pub fn parse(text: &str) -> Result<Vec<Outline>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out: Vec<Outline> = Vec::new();
    let mut saw_opml = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                if name.as_ref().eq_ignore_ascii_case("opml") {
                    saw_opml = true;
                }
                if !name.as_ref().eq_ignore_ascii_case("outline") {
                    continue;
                }
                let (mut url, mut title, mut label) = (None, None, None);
                for attr in e.attributes().flatten() {
                    let value = attr
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match attr.key.as_ref() {
                        k if k.eq_ignore_ascii_case("xmlurl") => {
                            url = Some(value.trim().to_string())
                        }
                        "title" => title = Some(value),
                        "text" => label = Some(value),
                        _ => {}
                    }
                }
                let Some(url) = url.filter(|u| !u.is_empty()) else {
                    continue;
                };
                if out.iter().any(|o| o.url == url) {
                    continue;
                }
                let title = title
                    .or(label)
                    .map(|t| normalize_line(&t))
                    .filter(|t| !t.is_empty());
                out.push(Outline { url, title });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err("not an OPML document (no <opml> element)".into());
    }
    Ok(out)
}

/// The feeds as an OPML 2.0 document.
#[must_use]
pub fn write(feeds: &[Feed]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>byline feeds</title>\n  </head>\n  <body>\n",
    );
    for f in feeds {
        let title = f.title.as_deref().unwrap_or(&f.url);
        s.push_str(&format!(
            "    <outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{u}\"",
            t = escape(title),
            u = escape(f.url.as_str())
        ));
        if let Some(site) = &f.site_url {
            s.push_str(&format!(" htmlUrl=\"{}\"", escape(site.as_str())));
        }
        s.push_str("/>\n");
    }
    s.push_str("  </body>\n</opml>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_and_round_trip() {
        let doc = r#"<?xml version="1.0"?><opml version="1.0"><head/><body>
            <outline text="News"><outline text="A &amp; B" xmlUrl="http://a/feed"/>
            <outline title="Bee" text="ignored" xmlURL=" http://b/rss "></outline></outline>
            <outline text="dup" xmlUrl="http://a/feed"/><outline text="no url"/></body></opml>"#;
        let got = parse(doc).expect("parses");
        assert_eq!(
            got,
            vec![
                Outline {
                    url: "http://a/feed".into(),
                    title: Some("A & B".into())
                },
                Outline {
                    url: "http://b/rss".into(),
                    title: Some("Bee".into())
                },
            ]
        );
        let feeds: Vec<Feed> = got
            .iter()
            .map(|o| Feed {
                url: o.url.clone(),
                title: o.title.clone(),
                ..Feed::default()
            })
            .collect();
        assert_eq!(parse(&write(&feeds)).expect("own output parses"), got);
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(
            parse("<opml><body><outline xmlUrl='x'></body>")
                .is_err_and(|e| e.contains("malformed"))
        );
        assert!(parse("<rss/>").is_err_and(|e| e.contains("not an OPML")));
    }
}
