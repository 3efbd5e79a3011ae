//! The reader over the SQLite library (issue 5): the list grouped by feed, star, open link,
//! library search, the speakers view and fetch tasks, driven by keys; TestBackend snapshots of
//! the grouped list and the speakers view. Fetching itself is in `library_fetch.rs`.
#![allow(clippy::unwrap_used)]

#[path = "support/fixture.rs"]
mod fixture;
#[path = "support/store_fixture.rs"]
mod store_fixture;

use byline::action::{Action, Task};
use byline::app::library::Library;
use byline::app::reader::Mark;
use byline::app::{App, Focus, ListMode, Row};
use fixture::press;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use store_fixture::{app, library};

fn titles(app: &App) -> Vec<String> {
    app.rows()
        .map(|r| match r {
            Row::Group(g) => format!("# {}", g.title),
            Row::Article(m) => m.title.clone(),
            Row::Loading => "…".to_owned(),
            Row::Hit(h) => format!("hit {}", h.meta.title),
            Row::Quote(q) => format!("quote {}", q.text),
            Row::Speaker(s) => format!("speaker {}", s.name),
        })
        .collect()
}

fn row_titled(app: &App, title: &str) -> usize {
    app.rows()
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
        matches!(app.row(app.selected), Some(Row::Article(_))),
        "starts on an article"
    );
    let gazette = app.groups().find(|g| g.title == "Fixture Gazette");
    assert_eq!(gazette.map(|g| g.unread), Some(2));
    let courier = app.groups().find(|g| g.title == "Courier").unwrap();
    assert_eq!(courier.last_error.as_deref(), Some("connection refused"));

    let id = app.selected_id().unwrap();
    press(&mut app, &mut lib, &["<Enter>"]);
    let gazette = app.groups().find(|g| g.title == "Fixture Gazette");
    assert_eq!(gazette.map(|g| g.unread), Some(1), "counted off its feed");
    assert!(matches!(app.row(0), Some(Row::Group(g)) if g.unread == 1));
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.as_ref().map(|r| r.id), Some(id));
    assert!(lib.store().article_meta(id).unwrap().read, "stored as read");
    assert!(
        app.rows()
            .any(|r| matches!(r, Row::Article(m) if m.id == id && m.read))
    );
}

#[test]
fn star_toggles_in_the_store() {
    let mut lib = library();
    let mut app = app(&lib, 120, 40);
    let id = app.selected_id().unwrap();
    press(&mut app, &mut lib, &["s"]);
    assert!(lib.store().article_meta(id).unwrap().starred);
    assert!(matches!(app.row(app.selected), Some(Row::Article(m)) if m.starred));
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
        Some(Task::OpenLink {
            url: "https://example.test/bridge".into(),
            local: false
        })
    );
    app.selected = row_titled(&app, "Second story");
    assert_eq!(app.update(Action::OpenLink), None, "no link");
    assert_eq!(app.status.text, "this article has no link");
}

#[test]
fn refresh_fetches_the_selected_feed_and_refresh_all_every_feed() {
    let lib = library();
    let mut app = app(&lib, 120, 40);
    let feed = lib.sections().unwrap()[0].group.feed_id;
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
        .rows()
        .position(|r| matches!(r, Row::Quote(q) if q.text.contains("Nothing is ready")))
        .unwrap();
    let Some(Row::Quote(q)) = app.row(quote_row) else {
        unreachable!()
    };
    let want = q.index;
    app.selected = quote_row;
    press(&mut app, &mut lib, &["<Enter>"]);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(current_quote(&app), Some(want));

    press(&mut app, &mut lib, &["<S-Tab>", "<Esc>"]);
    assert_eq!(app.mode, ListMode::Library);
    assert_eq!(app.row_count(), 5);
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
    assert_eq!(app.row_count(), 2);
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
