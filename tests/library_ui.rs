//! The reader over the SQLite library (issue 5): the list grouped by feed, star, open link,
//! library search, the speakers view, fetch tasks, and a fetch with nothing listening that leaves
//! every stored article readable. App state driven by keys, plus TestBackend snapshots.
#![allow(clippy::unwrap_used)]

#[path = "support/fixture.rs"]
mod fixture;

use byline::action::{Action, Task};
use byline::app::library::Library;
use byline::app::reader::Mark;
use byline::app::store_library::StoreLibrary;
use byline::app::{App, Focus, ListMode, Row};
use byline::config::Config;
use byline::model::{Annotations, Body, Document};
use byline::store::{FetchRecord, NewArticle, Store, body_hash};
use fixture::press;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn new_article(key: &str, doc: Document, ann: Annotations, url: Option<&str>) -> NewArticle {
    NewArticle {
        key: key.into(),
        url: url.map(str::to_owned),
        guid: Some(key.into()),
        title: doc.title.clone().unwrap_or_default(),
        published: Some(1_700_000_000),
        body_hash: body_hash(&doc.body),
        body: doc.body,
        annotations: ann,
        ..NewArticle::default()
    }
}

fn plain(title: &str, text: &str) -> (Document, Annotations) {
    let doc = Document {
        title: Some(title.into()),
        body: Body::from_normalized(text.into()),
    };
    (doc, Annotations::default())
}

/// Two feeds: the Gazette (the fixture article with its quotes, and a story with no quotes) and
/// the Courier (one story, its last fetch failed); `feed_url` is the Gazette's address.
fn fill(store: &mut Store, feed_url: &str) {
    let (gazette, _) = store.add_feed(feed_url, Some("Fixture Gazette")).unwrap();
    let (doc, ann) = fixture::article(0);
    let (d2, a2) = plain("Second story", "Story two has no quotes at all.");
    store
        .upsert_articles(
            Some(gazette),
            &[
                new_article("bridge", doc, ann, Some("https://example.test/bridge")),
                new_article("second", d2, a2, None),
            ],
        )
        .unwrap();
    let (courier, _) = store
        .add_feed("http://127.0.0.1:9/courier.xml", Some("Courier"))
        .unwrap();
    let (d3, a3) = plain("Harbour works begin", "The harbour works began on Monday.");
    store
        .upsert_articles(Some(courier), &[new_article("harbour", d3, a3, None)])
        .unwrap();
    store
        .record_fetch(courier, &FetchRecord::Failed("connection refused".into()))
        .unwrap();
}

fn library() -> StoreLibrary {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store, "http://127.0.0.1:9/gazette.xml");
    StoreLibrary::new(store)
}

fn app(lib: &dyn Library, width: u16, height: u16) -> App {
    let mut app = App::new(Config::default(), Vec::new(), false);
    app.set_library(lib.list(), lib.groups());
    app.update(Action::Resize { width, height });
    app
}

fn titles(app: &App) -> Vec<String> {
    app.rows
        .iter()
        .map(|r| match r {
            Row::Group(g) => format!("# {}", g.title),
            Row::Article(m) => m.title.clone(),
            Row::Hit(h) => format!("hit {}", h.meta.title),
            Row::Quote(q) => format!("quote {}", q.text),
            Row::Speaker(s) => format!("speaker {}", s.name),
        })
        .collect()
}

fn row_titled(app: &App, title: &str) -> usize {
    app.rows
        .iter()
        .position(|r| matches!(r, Row::Article(m) if m.title == title))
        .unwrap()
}

fn current_quote(app: &App) -> Option<usize> {
    match app.reader.as_ref()?.current? {
        Mark::Quote(i) => Some(i),
        _ => None,
    }
}

#[test]
fn list_is_grouped_by_feed_and_opening_marks_read() {
    let mut lib = library();
    let mut app = app(&lib, 120, 40);
    let rows = titles(&app);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert_eq!(rows[0], "# Fixture Gazette");
    assert!(rows.contains(&"# Courier".to_owned()));
    assert!(
        matches!(&app.rows[app.selected], Row::Article(_)),
        "starts on an article"
    );
    let gazette = app.groups.iter().find(|g| g.title == "Fixture Gazette");
    assert_eq!(gazette.map(|g| g.unread), Some(2));
    let courier = app.groups.iter().find(|g| g.title == "Courier").unwrap();
    assert_eq!(courier.last_error.as_deref(), Some("connection refused"));

    let id = app.selected_id().unwrap();
    press(&mut app, &mut lib, &["<Enter>"]);
    let gazette = app.groups.iter().find(|g| g.title == "Fixture Gazette");
    assert_eq!(gazette.map(|g| g.unread), Some(1), "counted off its feed");
    assert!(matches!(&app.rows[0], Row::Group(g) if g.unread == 1));
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.as_ref().map(|r| r.id), Some(id));
    assert!(lib.store().article_meta(id).unwrap().read, "stored as read");
    assert!(app.articles.iter().any(|m| m.id == id && m.read));
}

#[test]
fn star_toggles_in_the_store() {
    let mut lib = library();
    let mut app = app(&lib, 120, 40);
    let id = app.selected_id().unwrap();
    press(&mut app, &mut lib, &["s"]);
    assert!(lib.store().article_meta(id).unwrap().starred);
    assert!(matches!(&app.rows[app.selected], Row::Article(m) if m.starred));
    press(&mut app, &mut lib, &["s"]);
    assert!(!lib.store().article_meta(id).unwrap().starred);
}

#[test]
fn open_link_hands_the_url_out_as_a_task() {
    let lib = library();
    let mut app = app(&lib, 120, 40);
    app.selected = row_titled(&app, "Bridge delay splits the council");
    assert_eq!(
        app.update(Action::OpenLink),
        Some(Task::OpenLink("https://example.test/bridge".into()))
    );
    app.selected = row_titled(&app, "Second story");
    assert_eq!(app.update(Action::OpenLink), None, "no link");
    assert_eq!(app.status.text, "this article has no link");
}

#[test]
fn refresh_fetches_the_selected_feed_and_refresh_all_every_feed() {
    let lib = library();
    let mut app = app(&lib, 120, 40);
    let feed = lib.groups()[0].feed_id;
    assert_eq!(
        app.update(Action::Refresh),
        Some(Task::Fetch(Some(vec![feed.unwrap()])))
    );
    assert!(app.fetching.is_some());
    assert_eq!(app.update(Action::RefreshAll), None, "one fetch at a time");
    app.fetch_done(Ok("done".into()));
    assert_eq!(app.update(Action::RefreshAll), Some(Task::Fetch(None)));
}

#[test]
fn slash_in_the_list_searches_the_library_and_opens_at_the_quote() {
    let mut lib = library();
    let mut app = app(&lib, 120, 40);
    press(&mut app, &mut lib, &["/"]);
    fixture::type_text(&mut app, &mut lib, "ready");
    press(&mut app, &mut lib, &["<Enter>"]);
    assert_eq!(app.mode, ListMode::Search("ready".into()));
    let rows = titles(&app);
    assert!(
        rows.contains(&"hit Bridge delay splits the council".to_owned()),
        "{rows:?}"
    );
    let quote_row = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Quote(q) if q.text.contains("Nothing is ready")))
        .unwrap();
    let Row::Quote(q) = &app.rows[quote_row] else {
        unreachable!()
    };
    let want = q.index;
    app.selected = quote_row;
    press(&mut app, &mut lib, &["<Enter>"]);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(current_quote(&app), Some(want));

    press(&mut app, &mut lib, &["<S-Tab>", "<Esc>"]);
    assert_eq!(app.mode, ListMode::Library);
    assert_eq!(app.rows.len(), 5);
}

#[test]
fn speakers_view_lists_quotes_and_opens_at_one() {
    let mut lib = library();
    let mut app = app(&lib, 120, 40);
    press(&mut app, &mut lib, &["S"]);
    assert_eq!(app.mode, ListMode::Speakers);
    assert_eq!(
        titles(&app),
        ["speaker Ana Lima", "speaker Tom Berg"],
        "by quote count"
    );
    press(&mut app, &mut lib, &["j", "<Enter>"]);
    assert_eq!(app.mode, ListMode::Quotes("Tom Berg".into()));
    assert_eq!(app.rows.len(), 2);
    press(&mut app, &mut lib, &["j", "<Enter>"]);
    assert_eq!(
        current_quote(&app),
        Some(3),
        "Not the road, not the lights."
    );
    press(&mut app, &mut lib, &["<S-Tab>", "<Esc>"]);
    assert_eq!(app.mode, ListMode::Speakers, "Esc goes back one step");
    press(&mut app, &mut lib, &["<Esc>"]);
    assert_eq!(app.mode, ListMode::Library);
}

#[test]
fn memory_library_refuses_library_only_actions_with_a_message() {
    let mut lib = fixture::library(0);
    let mut app = fixture::app(&lib, 120, 40);
    press(&mut app, &mut lib, &["S"]);
    assert!(app.status.error);
    assert!(app.status.text.contains("needs the library"));
    press(&mut app, &mut lib, &["s"]);
    assert!(app.status.text.contains("needs the library"));
}

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
    assert!(app.groups.iter().all(|g| g.last_error.is_some()));
    let ids: Vec<i64> = app.articles.iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), 3);
    for id in ids {
        let row = app
            .rows
            .iter()
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
    assert!(app.articles.iter().all(|m| m.read));
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| byline::ui::render(app, f)).unwrap();
    terminal
}

#[test]
fn snapshot_library_grouped_by_feed() {
    let mut lib = library();
    let mut app = app(&lib, 120, 24);
    app.selected = row_titled(&app, "Bridge delay splits the council");
    press(&mut app, &mut lib, &["s"]);
    insta::assert_snapshot!(screen(&app).backend());
}

#[test]
fn snapshot_speakers_view() {
    let mut lib = library();
    let mut app = app(&lib, 120, 24);
    press(&mut app, &mut lib, &["S"]);
    insta::assert_snapshot!("speakers", screen(&app).backend());
    press(&mut app, &mut lib, &["<Enter>"]);
    insta::assert_snapshot!("quotes_of_a_speaker", screen(&app).backend());
}

#[test]
fn first_run_shows_the_bundled_samples_and_a_second_instance_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, note) = byline::tui::open_library(Some(dir.path()));
    assert_eq!(lib.list().len(), byline::bundled::ARTICLES.len());
    assert!(note.text.unwrap().contains("bundled samples"));

    let mut writer = Store::open(dir.path()).unwrap();
    fill(&mut writer, "http://127.0.0.1:9/gazette.xml");
    let (mut lib, note) = byline::tui::open_library(Some(dir.path()));
    assert!(
        note.read_only,
        "the first store still holds the writer lock"
    );
    assert!(note.text.unwrap().starts_with("read-only"));
    assert_eq!(lib.list().len(), 3);
    let id = lib.list()[0].id;
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
    let before = app.articles.len();
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
    assert!(app.articles.len() > before, "new articles listed");
    let first = app
        .groups
        .iter()
        .find(|g| g.feed_id == lib.groups()[0].feed_id);
    assert!(first.is_some_and(|g| g.last_error.is_none() && g.articles > 2));
    assert!(
        app.groups
            .iter()
            .any(|g| g.title == "Courier" && g.last_error.is_some())
    );
}
