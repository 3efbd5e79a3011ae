//! The paged library list (issue 5, the 50,000-article library): only the rows on screen are
//! loaded, by keys; counts stay right when articles are opened; a reload after a fetch keeps the
//! selection on its article; a library that cannot list rows does not hang the app.
#![allow(clippy::unwrap_used)]

#[path = "support/fixture.rs"]
mod fixture;
#[path = "support/store_fixture.rs"]
mod store_fixture;

use byline::action::Task;
use byline::app::library::{Library, Opened, Section, run_task};
use byline::app::outline::PAGE;
use byline::app::store_library::StoreLibrary;
use byline::app::{App, Focus, ListMode, Row};
use byline::error::{Error, Result};
use byline::model::{ArticleMeta, Body};
use byline::store::{FeedGroup, NewArticle, Store, body_hash};
use fixture::{press, type_text};
use store_fixture::app;

/// Feed `feed`'s article `i`: newer for higher `i`, so the list shows `i = n - 1` first.
fn story(feed: usize, i: usize) -> NewArticle {
    let body = Body::from_normalized(format!("Story {i} of feed {feed} has no quotes."));
    NewArticle {
        key: format!("f{feed}-{i}"),
        guid: Some(format!("f{feed}-{i}")),
        title: format!("Feed {feed} story {i}"),
        published: Some(1_700_000_000 + i64::try_from(i).unwrap() * 60),
        body_hash: body_hash(&body),
        body,
        ..NewArticle::default()
    }
}

/// `feeds` feeds of `n` articles each, in `store`; returns the feed ids.
fn fill(store: &mut Store, feeds: usize, n: usize) -> Vec<i64> {
    (0..feeds)
        .map(|f| {
            let (id, _) = store
                .add_feed(
                    &format!("http://127.0.0.1:9/f{f}.xml"),
                    Some(&format!("Feed {f}")),
                )
                .unwrap();
            let items: Vec<NewArticle> = (0..n).map(|i| story(f, i)).collect();
            store.upsert_articles(Some(id), &items).unwrap();
            id
        })
        .collect()
}

fn big() -> StoreLibrary {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store, 3, 250);
    StoreLibrary::new(store)
}

fn selected(app: &App) -> Row<'_> {
    app.row(app.selected).unwrap()
}

fn selected_title(app: &App) -> String {
    match selected(app) {
        Row::Article(m) => m.title.clone(),
        Row::Group(g) => format!("# {}", g.title),
        other => format!("{other:?}"),
    }
}

fn unread_of(app: &App, title: &str) -> u32 {
    app.groups().find(|g| g.title == title).unwrap().unread
}

#[test]
fn only_the_rows_on_screen_are_loaded() {
    let mut lib = big();
    let mut app = app(&lib, 120, 24);
    assert_eq!(app.row_count(), 3 + 3 * 250, "every row is counted");
    assert_eq!(app.library.counts(), (750, 750));
    assert_eq!(app.library.held(), PAGE, "the first page of the first feed");
    assert_eq!(selected_title(&app), "Feed 0 story 249", "newest first");
    assert_eq!(app.row(PAGE + 5), Some(Row::Loading));

    press(&mut app, &mut lib, &["G"]);
    assert_eq!(
        selected_title(&app),
        "Feed 2 story 0",
        "the oldest of the last feed"
    );
    assert!(
        app.library.held() <= PAGE,
        "the first feed's rows were dropped: {}",
        app.library.held()
    );
    assert_eq!(app.row(1), Some(Row::Loading));

    press(&mut app, &mut lib, &["g"]);
    assert_eq!(selected_title(&app), "# Feed 0");
    press(&mut app, &mut lib, &["j"]);
    assert_eq!(selected_title(&app), "Feed 0 story 249");
}

#[test]
fn moving_down_loads_the_next_page_and_crosses_into_the_next_feed() {
    let mut lib = big();
    let mut app = app(&lib, 120, 24);
    press(&mut app, &mut lib, &["1", "2", "0", "j"]);
    assert_eq!(selected_title(&app), "Feed 0 story 129", "row 121: page 1");
    press(&mut app, &mut lib, &["1", "3", "0", "j"]);
    assert_eq!(selected_title(&app), "# Feed 1");
    press(&mut app, &mut lib, &["<Enter>"]);
    assert_eq!(
        selected_title(&app),
        "Feed 1 story 249",
        "Enter on a heading steps into its feed"
    );
    press(&mut app, &mut lib, &["<PageDown>"]);
    assert!(matches!(selected(&app), Row::Article(_)));
    let held = app.library.held();
    assert!(held <= 3 * PAGE, "{held} rows held");
}

#[test]
fn opening_counts_the_article_off_its_feed_once() {
    let mut lib = big();
    let mut app = app(&lib, 120, 24);
    press(&mut app, &mut lib, &["<Enter>"]);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(unread_of(&app, "Feed 0"), 249);
    assert_eq!(app.library.counts(), (749, 750));
    assert!(matches!(selected(&app), Row::Article(m) if m.read));
    assert!(app.reading.as_ref().is_some_and(|m| m.read));

    press(&mut app, &mut lib, &["<S-Tab>", "<Enter>"]);
    assert_eq!(
        unread_of(&app, "Feed 0"),
        249,
        "already read: not counted twice"
    );
    press(&mut app, &mut lib, &["<S-Tab>", "j", "<Enter>"]);
    assert_eq!(unread_of(&app, "Feed 0"), 248);
    assert_eq!(unread_of(&app, "Feed 1"), 250);

    // The counts agree with the store's after a reload.
    run_task(&mut app, &mut lib, Task::Reload);
    assert_eq!(app.library.counts(), (748, 750));
}

#[test]
fn opening_from_the_speakers_view_counts_its_feed_too() {
    let mut lib = store_fixture::library();
    let mut app = app(&lib, 120, 40);
    assert_eq!(unread_of(&app, "Fixture Gazette"), 2);
    press(&mut app, &mut lib, &["S", "<Enter>", "<Enter>"]);
    assert!(matches!(app.mode, ListMode::Quotes(_)));
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(unread_of(&app, "Fixture Gazette"), 1);
    press(&mut app, &mut lib, &["<S-Tab>", "<Esc>", "<Esc>"]);
    assert_eq!(app.mode, ListMode::Library);
    assert!(
        matches!(selected(&app), Row::Article(m) if m.read && m.title == "Bridge delay splits the council"),
        "back at the open article, shown read"
    );
}

#[test]
fn a_read_only_library_counts_nothing_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Store::open(dir.path()).unwrap();
    fill(&mut writer, 1, 3);
    let mut lib = StoreLibrary::new(Store::open_read_only(dir.path()).unwrap());
    let mut app = app(&lib, 120, 24);
    press(&mut app, &mut lib, &["<Enter>"]);
    assert!(app.reader.is_some());
    assert_eq!(unread_of(&app, "Feed 0"), 3, "nothing was stored as read");
    assert!(matches!(selected(&app), Row::Article(m) if !m.read));
}

#[test]
fn a_reload_after_a_fetch_keeps_the_selection_on_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let feeds = fill(&mut store, 2, 150);
    let mut lib = StoreLibrary::new(store);
    let mut app = app(&lib, 120, 24);
    press(&mut app, &mut lib, &["5", "j"]);
    assert_eq!(selected_title(&app), "Feed 0 story 144");

    // What a fetch does on its own connection: three newer articles in the first feed.
    let mut worker = lib.connect_again().unwrap().unwrap();
    let newer: Vec<NewArticle> = (150..153).map(|i| story(0, i)).collect();
    worker.upsert_articles(Some(feeds[0]), &newer).unwrap();
    run_task(&mut app, &mut lib, Task::Reload);

    assert_eq!(app.library.counts(), (303, 303));
    assert_eq!(
        selected_title(&app),
        "Feed 0 story 144",
        "followed its article"
    );
    assert_eq!(app.selected, 9, "three rows further down");
    assert!(matches!(app.row(1), Some(Row::Article(m)) if m.title == "Feed 0 story 152"));
}

#[test]
fn esc_from_a_search_goes_back_to_where_the_list_was() {
    let mut lib = big();
    let mut app = app(&lib, 120, 24);
    press(&mut app, &mut lib, &["3", "0", "0", "j"]);
    let before = selected_title(&app);
    press(&mut app, &mut lib, &["/"]);
    type_text(&mut app, &mut lib, "story");
    press(&mut app, &mut lib, &["<Enter>"]);
    assert_eq!(app.mode, ListMode::Search("story".into()));
    press(&mut app, &mut lib, &["<Esc>"]);
    assert_eq!(app.mode, ListMode::Library);
    assert_eq!(selected_title(&app), before);
}

/// A library whose rows cannot be read.
struct Broken;

impl Library for Broken {
    fn sections(&self) -> Result<Vec<Section>> {
        Ok(vec![Section {
            group: FeedGroup {
                feed_id: Some(1),
                title: "Broken".into(),
                articles: 5,
                unread: 5,
                last_error: None,
            },
            heading: true,
        }])
    }

    fn page(&self, _: Option<i64>, _: usize, _: usize) -> Result<Vec<ArticleMeta>> {
        Err(Error::Input("disk on fire".into()))
    }

    fn open(&mut self, _: i64) -> Result<Opened> {
        Err(Error::Input("no".into()))
    }

    fn mark_read(&mut self, _: i64) -> Result<bool> {
        Ok(false)
    }
}

#[test]
fn rows_that_cannot_be_loaded_are_reported_once_and_not_asked_for_again() {
    let mut lib = Broken;
    let mut app = app(&lib, 120, 24);
    assert!(app.status.error);
    assert!(
        app.status.text.contains("disk on fire"),
        "{}",
        app.status.text
    );
    assert_eq!(app.row(1), Some(Row::Loading));
    assert_eq!(app.update(byline::action::Action::Down), None);
    press(&mut app, &mut lib, &["<Enter>"]);
    assert!(app.reader.is_none());
}
