//! An SQLite library filled by hand (two feeds, one with a failed fetch) and an `App` over it,
//! for the library UI tests.
#![allow(dead_code, clippy::unwrap_used)]

use byline::action::Action;
use byline::app::App;
use byline::app::library::Library;
use byline::app::store_library::StoreLibrary;
use byline::config::Config;
use byline::model::{Annotations, Body, Document};
use byline::store::{FetchRecord, NewArticle, Store, body_hash};

use super::fixture;

pub fn new_article(key: &str, doc: Document, ann: Annotations, url: Option<&str>) -> NewArticle {
    NewArticle {
        key: key.into(),
        url: url.map(str::to_owned),
        guid: Some(key.into()),
        title: doc.title.clone().unwrap_or_default(),
        published: Some(1_700_000_000),
        body_hash: body_hash(&doc.body),
        body: doc.body,
        annotations: ann.into(),
        ..NewArticle::default()
    }
}

pub fn plain(title: &str, text: &str) -> (Document, Annotations) {
    let doc = Document {
        title: Some(title.into()),
        body: Body::from_normalized(text.into()),
    };
    (doc, Annotations::default())
}

/// Two feeds: the Gazette (the fixture article with its quotes, and a story with no quotes) and
/// the Courier (one story, its last fetch failed); `feed_url` is the Gazette's address.
pub fn fill(store: &mut Store, feed_url: &str) {
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

pub fn library() -> StoreLibrary {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store, "http://127.0.0.1:9/gazette.xml");
    StoreLibrary::new(store)
}

pub fn app(lib: &dyn Library, width: u16, height: u16) -> App {
    let mut app = App::new(Config::default(), false);
    app.update(Action::Resize { width, height });
    byline::app::library::reload(&mut app, lib);
    app
}
