//! Library use cases: add (files, folders, feed and page URLs), OPML, the fetch pipeline, exports.
//! Network functions are swapped for fakes (`Net`), so these run without the `feeds` module; the
//! real binary, the loopback server and SIGKILL are in `library/cli.rs`.

#[path = "library/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use byline::error::{Error, Result};
use byline::feeds::{ArticleDraft, FeedDraft, FetchOptions, FetchOutcome, Validators};
use byline::library::{self, Added, FeedOutcome, FetchConfig, Net, Progress, export, opml};
use byline::store::{ArticleFilter, Store};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

static PAGE_FETCHES: AtomicUsize = AtomicUsize::new(0);

const NEWS: &str = r#"{"title": "Test News", "site": "test://site", "items": [
  {"guid": "n1", "url": "test://site/n1", "title": "Full item", "content": "<p>“We will rebuild the pier,” said mayor Lena Holt.</p><p>Work starts in May.</p>"},
  {"guid": "n2", "url": "test://page/n2", "title": "Link only"},
  {"guid": "n3", "url": "test://page/n3", "title": "Short summary", "summary": "Teaser."},
  {"guid": "n4", "url": "test://missing/n4", "title": "Dead link"}
]}"#;

fn fake_fetch(url: &str, v: &Validators, _o: &FetchOptions) -> Result<FetchOutcome> {
    let ok = |body: &str, etag: Option<&str>| {
        Ok(FetchOutcome::Fetched {
            bytes: body.as_bytes().to_vec(),
            final_url: url.to_string(),
            content_type: None,
            validators: Validators {
                etag: etag.map(str::to_string),
                last_modified: None,
            },
        })
    };
    match url {
        "test://news" => ok(NEWS, Some("\"v1\"")),
        "test://cached" if v.etag.as_deref() == Some("\"v1\"") => Ok(FetchOutcome::NotModified),
        "test://cached" => ok(NEWS, Some("\"v1\"")),
        "test://broken" => ok("<rss><channel><item>", None),
        "test://home" => ok(
            "<html><head><link rel=alternate href=FEED:test://news></head></html>",
            None,
        ),
        "test://essay" => ok(
            "<html><title>An essay</title><p>A page with no feed, but text.</p></html>",
            None,
        ),
        u if u.starts_with("test://page/") => {
            PAGE_FETCHES.fetch_add(1, Ordering::SeqCst);
            ok(
                &format!(
                    "<title>Page</title><p>The full text of {u}, fetched from its page, with “a quote,” said Ana Diaz.</p>"
                ),
                None,
            )
        }
        _ => Err(Error::Feed {
            url: url.into(),
            message: "connection refused".into(),
        }),
    }
}

fn fake_parse(bytes: &[u8], url: &str) -> Result<FeedDraft> {
    let bad = |m: String| Error::Feed {
        url: url.into(),
        message: m,
    };
    let v: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("not a feed: {e}")))?;
    let s = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    Ok(FeedDraft {
        title: s(&v, "title"),
        site_url: s(&v, "site"),
        articles: v
            .get("items")
            .and_then(|i| i.as_array())
            .map(|items| {
                items
                    .iter()
                    .map(|i| ArticleDraft {
                        url: s(i, "url"),
                        guid: s(i, "guid"),
                        title: s(i, "title"),
                        content: s(i, "content"),
                        summary: s(i, "summary"),
                        ..ArticleDraft::default()
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

fn fake_discover(html: &str, _base: &str) -> Option<String> {
    let at = html.find("FEED:")? + 5;
    html.get(at..)?.split('>').next().map(str::to_string)
}

fn fake_extract(html: &str, _url: &str) -> (Option<String>, String) {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    (
        Some("Page".into()),
        text.trim_start_matches("Page").to_string(),
    )
}

fn cfg() -> FetchConfig {
    FetchConfig {
        threads: 3,
        net: Net {
            fetch: fake_fetch,
            parse: fake_parse,
            discover_feed: fake_discover,
            extract_article: fake_extract,
        },
        ..FetchConfig::default()
    }
}

#[test]
fn fetch_stores_items_pages_and_errors_per_feed() {
    let mut store = Store::open_in_memory().expect("opens");
    for url in [
        "test://news",
        "test://broken",
        "test://down",
        "test://cached",
    ] {
        store.add_feed(url, None).expect("feed");
    }
    let mut events = Vec::new();
    let report =
        library::fetch_all(&mut store, &cfg(), &mut |p| events.push(p.clone())).expect("fetch");
    assert_eq!(events.first(), Some(&Progress::Started { feeds: 4 }));
    assert_eq!(events.len(), 5, "one event per feed");
    assert_eq!(report.errors.len(), 2, "{:?}", report.errors);
    assert_eq!(report.added, 6, "3 storable items in each of two feeds");
    let feeds = store.feeds().expect("feeds");
    let by_url = |u: &str| feeds.iter().find(|f| f.url == u).expect("feed");
    assert_eq!(by_url("test://news").title.as_deref(), Some("Test News"));
    assert_eq!(
        by_url("test://news").validators.etag.as_deref(),
        Some("\"v1\"")
    );
    assert!(
        by_url("test://broken")
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("not a feed"))
    );
    assert!(
        by_url("test://down")
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("refused"))
    );
    let news = by_url("test://news").id;
    let list = store
        .articles(ArticleFilter::Feed(Some(news)))
        .expect("list");
    let titles: Vec<&str> = list.iter().map(|m| m.title.as_str()).collect();
    assert!(
        !titles.contains(&"Dead link"),
        "an item whose page failed waits for the next fetch"
    );
    let link_only = list
        .iter()
        .find(|m| m.title == "Link only")
        .expect("stored");
    let (doc, _) = store.article(link_only.id).expect("loads");
    assert!(
        doc.body.as_str().contains("fetched from its page"),
        "{:?}",
        doc.body
    );
    assert!(events.iter().any(|e| matches!(
        e,
        Progress::Feed {
            outcome: FeedOutcome::Stored {
                pages_failed: 1,
                ..
            },
            ..
        }
    )));

    let pages_before = PAGE_FETCHES.load(Ordering::SeqCst);
    let again = library::fetch_all(&mut store, &cfg(), &mut |_| {}).expect("fetch");
    assert_eq!(again.added, 0);
    assert_eq!(again.not_modified, 1, "the stored ETag makes a 304");
    assert_eq!(again.unchanged, 1, "the full item is seen again, unchanged");
    // Only the dead link's page is tried again (it is never found); stored pages are not refetched.
    assert_eq!(PAGE_FETCHES.load(Ordering::SeqCst), pages_before);
    assert_eq!(
        store.articles(ArticleFilter::All).expect("all").len(),
        6,
        "failures lose nothing"
    );
}

#[test]
fn add_urls_finds_feeds_and_pages() {
    let mut store = Store::open_in_memory().expect("opens");
    let a = library::add(&mut store, "test://news", &cfg()).expect("feed");
    assert!(matches!(a, Added::Feed { new: true, .. }), "{a:?}");
    let b = library::add(&mut store, "test://home", &cfg()).expect("page with feed link");
    assert!(
        matches!(b, Added::Feed { new: true, ref url, .. } if url == "test://news")
            || matches!(b, Added::Feed { new: false, .. }),
        "{b:?}"
    );
    let c = library::add(&mut store, "test://essay", &cfg()).expect("page");
    let Added::Page { id, .. } = c else {
        panic!("{c:?}")
    };
    let meta = store.article_meta(id).expect("stored");
    assert_eq!((meta.title.as_str(), meta.feed_id), ("Page", None));
    let err = library::add(&mut store, "no/such/path", &cfg())
        .expect_err("refused")
        .to_string();
    assert!(err.contains("'no/such/path'"), "{err}");
    let err = library::add(&mut store, "test://down", &cfg())
        .expect_err("refused")
        .to_string();
    assert!(err.contains("test://down"), "{err}");
}

#[test]
fn add_a_folder_of_articles() {
    let mut store = Store::open_in_memory().expect("opens");
    let dir = fixtures().join("library");
    let Added::Files { upserted, skipped } =
        library::add(&mut store, dir.to_str().expect("utf-8"), &cfg()).expect("adds")
    else {
        panic!("files")
    };
    assert_eq!(
        upserted.added, 3,
        "txt, md and html (recursively); .bin and .rss ignored"
    );
    assert!(skipped.is_empty());
    let list = store.articles(ArticleFilter::All).expect("list");
    let titles: Vec<&str> = list.iter().map(|m| m.title.as_str()).collect();
    for t in [
        "Harbour council delays vote on ferry fares",
        "Library extends evening hours",
        "Rail workers call off strike",
    ] {
        assert!(titles.contains(&t), "{titles:?}");
    }
    let Added::Files { upserted, .. } =
        library::add(&mut store, dir.to_str().expect("utf-8"), &cfg()).expect("again")
    else {
        panic!("files")
    };
    assert_eq!(upserted.unchanged, 3, "re-adding dedupes by path");
}

#[test]
fn opml_import_and_export() {
    let mut store = Store::open_in_memory().expect("opens");
    let (new, old) = library::import_opml(&mut store, &fixtures().join("opml/subscriptions.opml"))
        .expect("imports");
    assert_eq!((new, old), (3, 0));
    let feeds = store.feeds().expect("feeds");
    assert_eq!(feeds[1].title.as_deref(), Some("Rail & Road Weekly"));
    assert_eq!(
        feeds[2].title.as_deref(),
        Some("Title with bidi override"),
        "sanitised"
    );
    let out = opml::write(&feeds);
    let back = opml::parse(&out).expect("parses");
    assert_eq!(
        back.iter().map(|o| o.url.as_str()).collect::<Vec<_>>(),
        feeds.iter().map(|f| f.url.as_str()).collect::<Vec<_>>()
    );
    assert_eq!(
        library::import_opml(&mut store, &fixtures().join("opml/subscriptions.opml"))
            .expect("again"),
        (0, 3)
    );
    let err = library::import_opml(&mut store, &fixtures().join("opml/broken.opml"))
        .expect_err("broken")
        .to_string();
    assert!(
        err.contains("broken.opml") && err.contains("malformed"),
        "{err}"
    );
}

fn stored_library() -> Store {
    let mut store = Store::open_in_memory().expect("opens");
    library::add(
        &mut store,
        fixtures().join("library").to_str().expect("utf-8"),
        &cfg(),
    )
    .expect("adds");
    store
}

#[test]
fn json_export_is_one_annotations_object_per_line() {
    let store = stored_library();
    let mut out = Vec::new();
    assert_eq!(
        export::json_lines(&store, None, &mut out).expect("exports"),
        3
    );
    let text = String::from_utf8(out).expect("utf-8");
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        assert_eq!(v["schema"], "byline.annotations/1");
        let body = v["body"].as_str().expect("body");
        for q in v["quotes"].as_array().expect("quotes") {
            let (s, e) = (
                q["start"].as_u64().expect("start") as usize,
                q["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(body.get(s..e), q["text"].as_str());
        }
        assert!(
            v["id"].as_i64().is_some()
                && v["url"].as_str().is_some_and(|u| u.starts_with("file://"))
        );
    }
    let mut one = Vec::new();
    let id = store.article_ids().expect("ids")[0];
    assert_eq!(
        export::json_lines(&store, Some(&[id]), &mut one).expect("one"),
        1
    );
    assert!(export::json_lines(&store, Some(&[9999]), &mut Vec::new()).is_err());
}

/// Every TextPositionSelector (code points into the stored body) slices its TextQuoteSelector.
pub fn check_w3c_positions(store: &Store, annotations: &[serde_json::Value]) {
    for a in annotations {
        let id = a["id"].as_str().expect("id");
        let article: i64 = id
            .trim_start_matches("urn:byline:article:")
            .split(':')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("article id");
        let (doc, _) = store.article(article).expect("article");
        let sel = a["target"]["selector"].as_array().expect("selectors");
        let exact = sel[0]["exact"].as_str().expect("exact");
        let (s, e) = (
            sel[1]["start"].as_u64().expect("start") as usize,
            sel[1]["end"].as_u64().expect("end") as usize,
        );
        let sliced: String = doc.body.as_str().chars().skip(s).take(e - s).collect();
        assert_eq!(sliced, exact, "{id}");
    }
}

#[test]
fn w3c_export_positions_slice_the_stored_body() {
    let store = stored_library();
    let mut out = Vec::new();
    let n = export::w3c(&store, None, &mut out).expect("exports");
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out).expect("a JSON array");
    assert_eq!(all.len(), n);
    check_w3c_positions(&store, &all);
    let check =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/w3c-annotation-tests/check.py");
    if n == 0 || !check.exists() {
        eprintln!(
            "note: W3C suite check skipped ({} annotations, check.py present: {})",
            n,
            check.exists()
        );
        return;
    }
    let file = tempfile::NamedTempFile::new().expect("temp");
    std::fs::write(file.path(), &out).expect("write");
    match std::process::Command::new("python3")
        .arg(&check)
        .arg("-q")
        .arg(file.path())
        .output()
    {
        Ok(o) if o.status.code() == Some(2) => eprintln!(
            "note: check.py cannot run here: {}",
            String::from_utf8_lossy(&o.stdout)
        ),
        Ok(o) => {
            let report = String::from_utf8_lossy(&o.stdout);
            assert!(
                o.status.success() && report.contains(" 0 failing MUST"),
                "{report}"
            );
        }
        Err(e) => eprintln!("note: python3 not available ({e}); W3C suite check skipped"),
    }
}

#[test]
fn w3c_positions_count_code_points() {
    use byline::model::{Annotations, ArticleMeta, Document, Quote, QuoteKind};
    let body = byline::text::normalize::normalize("Ünïcödé 日本 “𝒜 quote” end");
    let t = body.as_str();
    let i = t.find("𝒜 quote").expect("in text");
    let span = body.span(i, i + "𝒜 quote".len()).expect("span");
    let ann = Annotations {
        quotes: vec![Quote {
            kind: QuoteKind::Direct,
            span,
            speaker: None,
            cue: None,
            group: None,
        }],
        ..Annotations::default()
    };
    let meta = ArticleMeta {
        id: 5,
        url: Some("http://x.test/a".into()),
        ..ArticleMeta::default()
    };
    let doc = Document { title: None, body };
    let a = &export::w3c_annotations(&meta, &doc, &ann)[0];
    assert_eq!(a["target"]["selector"][1]["start"], 12);
    assert_eq!(a["target"]["selector"][1]["end"], 19);
    assert_eq!(a["target"]["source"], "http://x.test/a");
    assert_eq!(
        a["body"].as_array().map(Vec::len),
        Some(1),
        "no speaker: only the kind"
    );
}
