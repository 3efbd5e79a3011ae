//! Real-world robustness: every feed in `../shared/feed-fixtures` (newsboat's, feed-rs's and
//! feedparser's test feeds) is served on loopback and goes through the real `fetch` → `parse`
//! path. Well-formed feeds must parse; broken ones may be tolerated or rejected, but only with
//! one line naming the feed; nothing may panic or hang.
//!
//! The folder is read at run time (`BYLINE_FEED_FIXTURES` overrides the path) and never copied
//! into the repository; without it the test prints a note and passes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use byline::feeds::fetch::fetch;
use byline::feeds::parse::parse;
use byline::feeds::{FetchOptions, FetchOutcome, Validators};
use tiny_http::{Header, Response, Server};

fn fixtures_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("BYLINE_FEED_FIXTURES").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/feed-fixtures"),
        PathBuf::from,
    );
    dir.join("index.tsv").is_file().then_some(dir)
}

struct Row {
    path: String,
    expected: String,
}

fn rows(dir: &Path) -> Vec<Row> {
    let index = std::fs::read_to_string(dir.join("index.tsv")).expect("index.tsv is readable");
    index
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let (path, format, expected) = (cols.next()?, cols.next()?, cols.next()?);
            (format != "opml").then(|| Row {
                path: path.to_string(),
                expected: expected.to_string(),
            })
        })
        .collect()
}

/// feedparser cases name the HTTP headers their test served them with (`Header: Name: value`
/// in the leading comment); serving them the same way exercises charset handling for real.
fn declared_headers(bytes: &[u8]) -> Vec<Header> {
    let head = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes));
    let Some(comment_end) = head.find("-->") else {
        return Vec::new();
    };
    head.get(..comment_end)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Header:"))
        .filter_map(|h| h.trim().split_once(':'))
        .filter_map(|(name, value)| {
            Header::from_bytes(name.trim().as_bytes(), value.trim().as_bytes()).ok()
        })
        .collect()
}

fn default_content_type(path: &str) -> &'static str {
    if path.ends_with(".json") {
        "application/json"
    } else {
        "application/xml"
    }
}

/// A static file server over `dir` with two worker threads; lives until the test ends.
fn serve(dir: PathBuf) -> String {
    let server = Arc::new(Server::http("127.0.0.1:0").expect("bind loopback"));
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .expect("ip listener");
    for _ in 0..2 {
        let server = Arc::clone(&server);
        let dir = dir.clone();
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                let rel = request.url().trim_start_matches('/').to_string();
                let response = match std::fs::read(dir.join(&rel)) {
                    Ok(bytes) => {
                        let mut headers = declared_headers(&bytes);
                        if !headers
                            .iter()
                            .any(|h| h.field.to_string().eq_ignore_ascii_case("content-type"))
                        {
                            headers.push(
                                Header::from_bytes("Content-Type", default_content_type(&rel))
                                    .expect("header"),
                            );
                        }
                        headers
                            .into_iter()
                            .fold(Response::from_data(bytes), Response::with_header)
                    }
                    Err(_) => Response::from_data(b"not found".to_vec()).with_status_code(404),
                };
                let _ = request.respond(response);
            }
        });
    }
    format!("http://127.0.0.1:{port}")
}

enum Result_ {
    Parsed(usize),
    Rejected(String),
    /// Parsed, but `text::html` let markup through.
    BadText(String),
}

/// Every item's text through `text::html`, as `library` will do it: it must not panic, and no
/// script or style text may survive (the sanitize cases put them in titles and bodies).
fn check_text(draft: &byline::feeds::FeedDraft) -> Result<(), String> {
    for article in &draft.articles {
        let body = article
            .content
            .as_deref()
            .or(article.summary.as_deref())
            .unwrap_or_default();
        let text = byline::text::html::html_to_text(body);
        let title = byline::text::html::inline_text(article.title.as_deref().unwrap_or_default());
        for out in [&text, &title] {
            if out.contains("<script") || out.contains("<style") {
                return Err(format!("markup survived: {out:?}"));
            }
        }
    }
    Ok(())
}

fn fetch_and_parse(url: &str) -> Result_ {
    let options = FetchOptions {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    };
    match fetch(url, &Validators::default(), &options) {
        Ok(FetchOutcome::Fetched {
            bytes, final_url, ..
        }) => match parse(&bytes, &final_url) {
            Ok(draft) => match check_text(&draft) {
                Ok(()) => Result_::Parsed(draft.articles.len()),
                Err(problem) => Result_::BadText(problem),
            },
            Err(e) => Result_::Rejected(e.to_string()),
        },
        Ok(FetchOutcome::NotModified) => Result_::Rejected("unexpected 304".into()),
        Err(e) => Result_::Rejected(e.to_string()),
    }
}

#[test]
fn every_shared_fixture_feed_is_parsed_or_cleanly_rejected() {
    let Some(dir) = fixtures_dir() else {
        eprintln!("note: ../shared/feed-fixtures not found (set BYLINE_FEED_FIXTURES); skipping");
        return;
    };
    let rows = rows(&dir);
    let base = serve(dir);

    // Two workers fetch and parse; the main thread waits with a deadline per feed so a hang in
    // any layer fails the test instead of blocking CI.
    let queue = Arc::new(Mutex::new(
        rows.iter().map(|r| r.path.clone()).collect::<Vec<_>>(),
    ));
    let (tx, rx) = mpsc::channel();
    for _ in 0..2 {
        let (queue, tx, base) = (Arc::clone(&queue), tx.clone(), base.clone());
        std::thread::spawn(move || {
            while let Some(path) = queue.lock().ok().and_then(|mut q| q.pop()) {
                let url = format!("{base}/{path}");
                let outcome = fetch_and_parse(&url);
                if tx.send((path, url, outcome)).is_err() {
                    return;
                }
            }
        });
    }
    drop(tx);
    let mut results = BTreeMap::new();
    for _ in 0..rows.len() {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok((path, url, outcome)) => {
                results.insert(path, (url, outcome));
            }
            Err(_) => panic!(
                "no result within 30 s: a fetch or parse hung (done: {})",
                results.len()
            ),
        }
    }

    let mut failures = Vec::new();
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut items = 0;
    for row in &rows {
        let Some((url, outcome)) = results.get(&row.path) else {
            failures.push(format!("{}: no result", row.path));
            continue;
        };
        match outcome {
            Result_::Parsed(n) => {
                items += n;
                *counts.entry((row.expected.as_str(), "parsed")).or_default() += 1;
            }
            Result_::BadText(problem) => failures.push(format!("{}: {problem}", row.path)),
            Result_::Rejected(message) => {
                *counts
                    .entry((row.expected.as_str(), "rejected"))
                    .or_default() += 1;
                println!("rejected ({}): {message}", row.expected);
                if row.expected == "wellformed" {
                    failures.push(format!("well-formed feed rejected: {message}"));
                }
                if !message.starts_with(&format!("feed '{url}': "))
                    || message.contains('\n')
                    || message.len() > 400
                {
                    failures.push(format!("not one clear line naming the feed: {message:?}"));
                }
            }
        }
    }
    let count = |e: &str, o: &str| counts.get(&(e, o)).copied().unwrap_or(0);
    let total = |e: &str| count(e, "parsed") + count(e, "rejected");
    println!(
        "feed-fixtures: {}/{} well-formed parsed ({items} items in all); illformed: {} tolerated, {} rejected with a message; unknown: {} tolerated, {} rejected",
        count("wellformed", "parsed"),
        total("wellformed"),
        count("illformed", "parsed"),
        count("illformed", "rejected"),
        count("unknown", "parsed"),
        count("unknown", "rejected"),
    );
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
