//! Fetching from the reader with no live network: a feed with nothing listening (every stored
//! article stays listed and readable), a loopback RSS server (the list reloads), and how the
//! library is opened (first run, read-only second instance).
#![allow(clippy::unwrap_used)]

#[path = "support/fixture.rs"]
mod fixture;
#[path = "support/store_fixture.rs"]
mod store_fixture;

use byline::action::{Action, Task};
use byline::app::library::Library;
use byline::app::store_library::StoreLibrary;
use byline::app::{Focus, Row};
use byline::store::Store;
use fixture::press;
use store_fixture::{app, fill};

/// A fetch with nothing listening: every feed fails, the failure is marked, and every stored
/// article is still listed and opens with its annotations.
#[test]
fn offline_fetch_keeps_every_article_readable() {
    let dir = tempfile::tempdir().unwrap();
    // Bind and drop a loopback port so nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut store = Store::open(dir.path()).unwrap();
    fill(&mut store, &format!("http://127.0.0.1:{port}/gazette.xml"));
    let mut lib = StoreLibrary::new(store);
    let mut app = app(&lib, 120, 40);
    let task = app.update(Action::RefreshAll).unwrap();
    assert_eq!(task, Task::Fetch(None));
    let worker = lib.connect_again().unwrap().unwrap();
    let rx = byline::tui::fetch::spawn(worker, None, Default::default());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !byline::tui::drain(&mut app, &mut lib, &rx) {
        assert!(std::time::Instant::now() < deadline, "fetch did not end");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(app.fetching.is_none());
    assert!(app.status.text.contains("failed"), "{}", app.status.text);
    assert!(app.groups().all(|g| g.last_error.is_some()));
    let ids: Vec<i64> = app
        .rows()
        .filter_map(|r| match r {
            Row::Article(m) => Some(m.id),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), 3);
    for id in ids {
        let row = app
            .rows()
            .position(|r| matches!(r, Row::Article(m) if m.id == id))
            .unwrap();
        app.focus = Focus::List;
        app.selected = row;
        press(&mut app, &mut lib, &["<Enter>"]);
        let r = app.reader.as_ref().unwrap();
        assert_eq!(r.id, id);
        let quotes = lib.store().article(id).unwrap().1.quotes.len();
        assert_eq!(r.ann.quotes.len(), quotes);
    }
    assert!(app.rows().all(|r| !matches!(r, Row::Article(m) if !m.read)));
    assert_eq!(app.library.counts(), (0, 3));
}

/// How many articles the library lists.
fn listed(lib: &dyn Library) -> u32 {
    lib.sections()
        .unwrap()
        .iter()
        .map(|s| s.group.articles)
        .sum()
}

#[test]
fn first_run_shows_the_bundled_samples_and_a_second_instance_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, note) = byline::tui::open_library(Some(dir.path()));
    assert_eq!(
        listed(lib.as_ref()) as usize,
        byline::bundled::ARTICLES.len()
    );
    assert!(note.text.unwrap().contains("bundled samples"));

    let mut writer = Store::open(dir.path()).unwrap();
    fill(&mut writer, "http://127.0.0.1:9/gazette.xml");
    let (mut lib, note) = byline::tui::open_library(Some(dir.path()));
    assert!(
        note.read_only,
        "the first store still holds the writer lock"
    );
    assert!(note.text.unwrap().starts_with("read-only"));
    assert_eq!(listed(lib.as_ref()), 3);
    let first = lib.sections().unwrap()[0].group.feed_id;
    let id = lib.page(first, 0, 1).unwrap()[0].id;
    assert!(lib.open(id).is_ok(), "reading works read-only");
    assert!(
        lib.mark_read(id).is_ok(),
        "read marks are skipped, not errors"
    );
    assert!(
        lib.toggle_star(id)
            .unwrap_err()
            .to_string()
            .contains("read-only")
    );
    assert!(lib.connect_again().unwrap().is_err(), "no fetch");
    drop(writer);
    let (_, note) = byline::tui::open_library(Some(dir.path()));
    assert!(!note.read_only);
}

/// A loopback server that answers every request with the RSS 2.0 fixture.
fn serve_rss() -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let body = std::fs::read("tests/fixtures/feeds/rss2.xml").unwrap();
    std::thread::spawn(move || {
        while let Ok(request) = server.recv() {
            let header =
                tiny_http::Header::from_bytes("Content-Type", "application/rss+xml").unwrap();
            let response = tiny_http::Response::from_data(body.clone()).with_header(header);
            let _ = request.respond(response);
        }
    });
    format!("http://127.0.0.1:{port}/feed.xml")
}

/// `r` on a feed fetches it on the worker (progress in the status bar) and the list reloads with
/// the new articles under that feed; the other feed's failure mark stays.
#[test]
fn refresh_from_a_loopback_feed_reloads_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    fill(&mut store, &serve_rss());
    let mut lib = StoreLibrary::new(store);
    let mut app = app(&lib, 120, 40);
    let before = app.library.counts().1;
    let Some(Task::Fetch(ids)) = app.update(Action::Refresh) else {
        panic!("r hands out a fetch")
    };
    let worker = lib.connect_again().unwrap().unwrap();
    let rx = byline::tui::fetch::spawn(worker, ids, Default::default());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !byline::tui::drain(&mut app, &mut lib, &rx) {
        assert!(std::time::Instant::now() < deadline, "fetch did not end");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(app.fetching.is_none());
    assert!(!app.status.error, "{}", app.status.text);
    assert!(
        app.status.text.starts_with("fetched 1 feed:"),
        "{}",
        app.status.text
    );
    assert!(app.library.counts().1 > before, "new articles listed");
    let gazette = lib.sections().unwrap()[0].group.feed_id;
    let first = app.groups().find(|g| g.feed_id == gazette);
    assert!(first.is_some_and(|g| g.last_error.is_none() && g.articles > 2));
    assert!(
        app.groups()
            .any(|g| g.title == "Courier" && g.last_error.is_some())
    );
}
