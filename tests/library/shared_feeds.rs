//! Real-world robustness at the library level: every feed in `../shared/feed-fixtures` (other
//! projects' test feeds) served on loopback and added one by one through `library::add`: no
//! panic, no hang; every well-formed one stored as a feed; every other one stored or refused
//! with one line naming it. Skipped with a note when `../shared` is absent.

use std::path::Path;

use byline::library::{self, Added, FetchConfig};
use byline::store::{ArticleFilter, Store};

#[test]
fn every_shared_fixture_feed_is_stored_or_refused_in_one_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/feed-fixtures");
    let Ok(index) = std::fs::read_to_string(root.join("index.tsv")) else {
        eprintln!("note: ../shared/feed-fixtures not found; skipped");
        return;
    };
    let server = tiny_http::Server::http("127.0.0.1:0").expect("binds");
    let base = format!("http://{}", server.server_addr().to_ip().expect("ip"));
    let served = root.clone();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let path = served.join(req.url().trim_start_matches('/'));
            let _ = match std::fs::read(&path) {
                Ok(bytes) => req.respond(tiny_http::Response::from_data(bytes)),
                Err(_) => req.respond(tiny_http::Response::empty(404)),
            };
        }
    });
    let mut store = Store::open_in_memory().expect("opens");
    let cfg = FetchConfig::default();
    let (mut feeds, mut refused, mut pages) = (0, 0, 0);
    let mut failures = Vec::new();
    for row in index.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (path, format, expected) = (cols[0], cols[1], cols[2]);
        if format == "opml" {
            continue;
        }
        let url = format!("{base}/{path}");
        match library::add(&mut store, &url, &cfg) {
            Ok(Added::Feed { .. }) => feeds += 1,
            Ok(other) if expected != "wellformed" => {
                pages += usize::from(matches!(other, Added::Page { .. }));
            }
            Ok(other) => failures.push(format!("{path}: well-formed but {other:?}")),
            Err(e) => {
                refused += 1;
                let msg = e.to_string();
                if expected == "wellformed" {
                    failures.push(format!("{path}: well-formed but refused: {msg}"));
                } else if msg.contains('\n') || !msg.contains(path) {
                    failures.push(format!("{path}: not one line naming the feed: {msg:?}"));
                }
            }
        }
    }
    for m in store.articles(ArticleFilter::All).expect("list") {
        let (doc, _) = store.article(m.id).expect("loads");
        assert!(
            !doc.body
                .as_str()
                .chars()
                .any(|c| c.is_control() && c != '\n'),
            "{}",
            m.title
        );
        assert!(!m.title.chars().any(char::is_control), "{:?}", m.title);
    }
    eprintln!("shared fixtures: {feeds} feeds stored, {pages} stored as pages, {refused} refused");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
