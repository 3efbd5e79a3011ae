//! The SQLite store: migrations, transactions, dedupe, read state, annotations, search, speakers,
//! and the one-writer lock.

use byline::annotate::ANNOTATOR_VERSION;
use byline::error::Error;
use byline::model::{Annotations, EntityKind, Quote, QuoteKind, Speaker};
use byline::span::Span;
use byline::store::{
    ArticleFilter, FetchRecord, NewArticle, Store, StoredAnnotations, body_hash, schema,
};
use byline::text::normalize::normalize;

/// An article whose quotes are the given substrings, attributed to `speaker`.
fn article(key: &str, title: &str, text: &str, speaker: &str, quotes: &[&str]) -> NewArticle {
    let body = normalize(text);
    let t = body.as_str();
    let spans: Vec<Span> = quotes
        .iter()
        .map(|q| {
            let i = t.find(q).expect("quote in the text");
            Span::new(t, i, i + q.len()).expect("char boundaries")
        })
        .collect();
    let annotations = Annotations {
        speakers: vec![Speaker {
            name: speaker.into(),
            kind: EntityKind::Person,
            aliases: vec![],
            mentions: vec![],
        }],
        quotes: spans
            .iter()
            .map(|&span| Quote {
                kind: QuoteKind::Direct,
                span,
                speaker: Some(0),
                cue: None,
                group: None,
            })
            .collect(),
        ..Annotations::default()
    };
    NewArticle {
        key: key.into(),
        url: Some(format!("http://example.test/{key}")),
        guid: Some(key.into()),
        title: title.into(),
        published: Some(1_700_000_000),
        body_hash: body_hash(&body),
        body,
        annotations: annotations.into(),
        ..NewArticle::default()
    }
}

fn sample() -> Vec<NewArticle> {
    vec![
        article(
            "a1",
            "Ferry fares vote delayed",
            "“We owe them a considered answer,” said Mirela Okafor. The vote was postponed.",
            "Mirela Okafor",
            &["We owe them a considered answer,"],
        ),
        article(
            "a2",
            "Library hours",
            "“Students asked for quiet space,” said Hana Sato. “Café close early,” she added. Ünïcödé text.",
            "Hana Sato",
            &["Students asked for quiet space,", "Café close early,"],
        ),
    ]
}

#[test]
fn migrations_from_empty_reach_the_current_version() {
    let store = Store::open_in_memory().expect("opens");
    assert_eq!(store.user_version().expect("version"), schema::VERSION);
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

#[test]
fn migrations_from_each_older_version_keep_data() {
    for from in 1..schema::VERSION {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let mut conn =
                rusqlite::Connection::open(dir.path().join(byline::store::DB_FILE)).expect("db");
            schema::migrate_to(&mut conn, 0, from).expect("old schema");
            conn.execute(
                "INSERT INTO feeds (id, url, added) VALUES (1, 'http://old.test/feed', 0)",
                [],
            )
            .expect("feed");
            conn.execute(
                "INSERT INTO articles (feed_id, key, title, fetched, body, body_hash)
                 VALUES (1, 'k', 'Old harbour story', 0, 'An older body about ferries.', 'x')",
                [],
            )
            .expect("article");
            if from >= 3 {
                // From step 3 on the store indexes the articles it inserts (no trigger).
                conn.execute(
                    "INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM articles",
                    [],
                )
                .expect("indexed");
            }
        }
        let mut store = Store::open(dir.path()).expect("migrates");
        assert_eq!(store.user_version().expect("version"), schema::VERSION);
        let list = store.articles(ArticleFilter::All).expect("list");
        assert_eq!(list.len(), 1, "from v{from}");
        assert_eq!(list[0].title, "Old harbour story");
        assert_eq!(
            store.search("ferries", 10).expect("search").articles.len(),
            1,
            "old rows indexed"
        );
        assert_eq!(
            store.stale_annotations().expect("stale").len(),
            1,
            "old rows need annotating"
        );
        assert_eq!(
            byline::library::reannotate(&mut store).expect("reannotate"),
            1
        );
        assert!(store.stale_annotations().expect("stale").is_empty());
        assert_eq!(store.integrity_check().expect("check"), "ok");
    }
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(Store::open(dir.path()).expect("creates"));
    let conn = rusqlite::Connection::open(dir.path().join(byline::store::DB_FILE)).expect("db");
    conn.pragma_update(None, "user_version", schema::VERSION + 1)
        .expect("bump");
    drop(conn);
    let err = Store::open(dir.path()).expect_err("refused").to_string();
    assert!(err.contains("newer byline"), "{err}");
}

#[test]
fn upsert_dedupes_and_keeps_read_state() {
    let mut store = Store::open_in_memory().expect("opens");
    let (feed, new) = store
        .add_feed("http://example.test/feed", Some("Example"))
        .expect("feed");
    assert!(new);
    assert_eq!(
        store
            .add_feed("http://example.test/feed", None)
            .expect("again"),
        (feed, false)
    );
    let up = store
        .upsert_articles(Some(feed), &sample())
        .expect("stores");
    assert_eq!((up.added, up.updated, up.unchanged), (2, 0, 0));
    let again = store
        .upsert_articles(Some(feed), &sample())
        .expect("stores");
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));

    let list = store.articles(ArticleFilter::All).expect("list");
    let id = list
        .iter()
        .find(|m| m.title == "Library hours")
        .expect("listed")
        .id;
    store.set_read(id, true).expect("read");
    assert!(store.toggle_star(id).expect("star"));
    let mut changed = sample();
    changed[1] = article(
        "a2",
        "Library hours (updated)",
        "“Students asked for quiet space,” said Hana Sato, updated.",
        "Hana Sato",
        &["Students asked for quiet space,"],
    );
    let up = store.upsert_articles(Some(feed), &changed).expect("stores");
    assert_eq!((up.added, up.updated, up.unchanged), (0, 1, 1));
    let meta = store.article_meta(id).expect("meta");
    assert_eq!(meta.title, "Library hours (updated)");
    assert!(meta.read && meta.starred, "read and star survive an update");
    // The index follows the new body: its old words no longer find it.
    assert!(
        store
            .search("Ünïcödé", 10)
            .expect("search")
            .articles
            .is_empty()
    );
    assert_eq!(
        store.search("updated", 10).expect("search").articles.len(),
        1
    );
    assert_eq!(meta.quote_count, 1);
    assert!(!store.toggle_star(id).expect("unstar"));

    let groups = store.groups().expect("groups");
    assert_eq!(groups.len(), 1);
    assert_eq!(
        (
            groups[0].title.as_str(),
            groups[0].articles,
            groups[0].unread
        ),
        ("Example", 2, 1)
    );
    assert_eq!(
        store.articles(ArticleFilter::Unread).expect("unread").len(),
        1
    );
    assert!(matches!(
        store.set_read(9999, true),
        Err(Error::NoArticle { id: 9999, .. })
    ));
}

#[test]
fn a_failed_batch_stores_nothing() {
    let mut store = Store::open_in_memory().expect("opens");
    // Feed 42 does not exist: the foreign key fails on the first insert and the batch rolls back.
    assert!(store.upsert_articles(Some(42), &sample()).is_err());
    assert!(store.articles(ArticleFilter::All).expect("list").is_empty());
    let (feed, _) = store
        .add_feed("http://example.test/feed", None)
        .expect("feed");
    store
        .upsert_articles(Some(feed), &sample())
        .expect("stores");
    assert_eq!(store.articles(ArticleFilter::All).expect("list").len(), 2);
}

/// The list's pages (`articles_page`) come in the order of `articles(Feed(..))`: newest first,
/// undated last, ties by id; for a feed and for the local articles.
#[test]
fn pages_of_a_group_follow_the_list_order() {
    let mut store = Store::open_in_memory().expect("opens");
    let (feed, _) = store
        .add_feed("http://example.test/feed", None)
        .expect("feed");
    let dated = |key: &str, published: Option<i64>| NewArticle {
        published,
        ..article(key, key, &format!("Text of {key}."), "Nobody", &[])
    };
    let items = [
        dated("old", Some(100)),
        dated("undated", None),
        dated("new", Some(300)),
        dated("tie-a", Some(200)),
        dated("tie-b", Some(200)),
        dated("undated-2", None),
    ];
    store.upsert_articles(Some(feed), &items).expect("stores");
    store.upsert_articles(None, &items[..3]).expect("stores");
    for group in [Some(feed), None] {
        let whole = store.articles(ArticleFilter::Feed(group)).expect("list");
        let mut paged = Vec::new();
        for offset in (0..8).step_by(2) {
            paged.extend(store.articles_page(group, offset, 2).expect("page"));
        }
        assert_eq!(paged, whole, "{group:?}");
    }
    let titles: Vec<String> = store
        .articles_page(Some(feed), 0, 10)
        .expect("page")
        .into_iter()
        .map(|m| m.title)
        .collect();
    assert_eq!(
        titles,
        ["new", "tie-b", "tie-a", "old", "undated-2", "undated"]
    );

    assert!(store.has_articles().expect("exists"));
    let id = store.articles_page(None, 0, 1).expect("page")[0].id;
    assert!(store.mark_read(id).expect("marks"), "was unread");
    assert!(!store.mark_read(id).expect("marks"), "already read");
    assert!(
        !Store::open_in_memory()
            .expect("opens")
            .has_articles()
            .expect("empty")
    );
}

#[test]
fn articles_load_with_their_standoff_annotations() {
    let mut store = Store::open_in_memory().expect("opens");
    let items = sample();
    store.upsert_articles(None, &items).expect("stores");
    for meta in store.articles(ArticleFilter::Feed(None)).expect("list") {
        let (doc, ann) = store.article(meta.id).expect("loads");
        let want = items
            .iter()
            .find(|a| a.title == meta.title)
            .expect("same article");
        assert_eq!(doc.body, want.body);
        assert_eq!(StoredAnnotations::from(&ann), want.annotations);
        for q in &ann.quotes {
            assert!(!q.span.slice(doc.body.as_str()).is_empty());
        }
    }
    assert!(matches!(store.article(777), Err(Error::NoArticle { .. })));
}

#[test]
fn stale_annotations_are_redone_without_refetching() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("opens");
    store.upsert_articles(None, &sample()).expect("stores");
    assert!(store.stale_annotations().expect("stale").is_empty());
    let raw = rusqlite::Connection::open(store.path()).expect("second connection");
    raw.execute(
        "UPDATE annotations SET annotator_version = ?1",
        [ANNOTATOR_VERSION - 1],
    )
    .expect("age them");
    assert_eq!(store.stale_annotations().expect("stale").len(), 2);
    assert_eq!(byline::library::reannotate(&mut store).expect("redo"), 2);
    assert!(store.stale_annotations().expect("stale").is_empty());
}

#[test]
fn search_covers_titles_bodies_and_quotes() {
    let mut store = Store::open_in_memory().expect("opens");
    store.upsert_articles(None, &sample()).expect("stores");
    let r = store.search("ferry", 10).expect("search");
    assert_eq!(r.articles.len(), 1, "title match (prefix)");
    assert_eq!(r.articles[0].meta.title, "Ferry fares vote delayed");
    let r = store.search("quiet space", 10).expect("search");
    assert_eq!(r.quotes.len(), 1);
    assert_eq!(r.quotes[0].speaker.as_deref(), Some("Hana Sato"));
    let (doc, _) = store.article(r.quotes[0].article_id).expect("loads");
    let span = r.quotes[0].span(&doc.body).expect("fits the body");
    assert_eq!(span.slice(doc.body.as_str()), r.quotes[0].text);
    for hostile in ["\"", "NEAR(", "a OR", "*", "-x", "ünïcödé", "café"] {
        assert!(store.search(hostile, 10).is_ok(), "{hostile:?}");
    }
    assert_eq!(store.search("café", 10).expect("search").quotes.len(), 1);
    assert!(store.search("   ", 10).expect("search").articles.is_empty());
}

#[test]
fn speakers_index_spans_the_library() {
    let mut store = Store::open_in_memory().expect("opens");
    let mut items = sample();
    items.push(article(
        "a3",
        "Second Sato story",
        "“More hours,” Hana Sato said.",
        "Hana Sato",
        &["More hours,"],
    ));
    store.upsert_articles(None, &items).expect("stores");
    let speakers = store.speakers().expect("speakers");
    assert_eq!(speakers[0].name, "Hana Sato");
    assert_eq!((speakers[0].quotes, speakers[0].articles), (3, 2));
    assert_eq!(speakers[1].name, "Mirela Okafor");
    let quotes = store.quotes_of("Hana Sato", 100).expect("quotes");
    assert_eq!(quotes.len(), 3);
    for q in quotes {
        let (doc, ann) = store.article(q.article_id).expect("loads");
        assert_eq!(ann.quotes[q.index].span, q.span(&doc.body).expect("span"));
    }
    // Part of a speaker's name is nobody's name.
    assert!(store.quotes_of("Sato", 100).expect("quotes").is_empty());
    assert!(store.quotes_of("Hana", 100).expect("quotes").is_empty());
}

#[test]
fn quotes_of_come_newest_article_first_and_stop_at_the_limit() {
    let mut store = Store::open_in_memory().expect("opens");
    let one = |key: &str, published: Option<i64>| NewArticle {
        published,
        ..article(
            key,
            key,
            "“Open the pool,” Hana Sato said.",
            "Hana Sato",
            &["Open the pool,"],
        )
    };
    let items = vec![
        one("old", Some(1_600_000_000)),
        one("undated", None),
        one("new", Some(1_800_000_000)),
        one("mid", Some(1_700_000_000)),
        // Another speaker whose name holds hers is not hers.
        article(
            "other",
            "other",
            "“No,” Hana Satoh said.",
            "Hana Satoh",
            &["No,"],
        ),
    ];
    store.upsert_articles(None, &items).expect("stores");
    let titles = |limit| -> Vec<String> {
        store
            .quotes_of("Hana Sato", limit)
            .expect("quotes")
            .into_iter()
            .map(|q| q.article_title)
            .collect()
    };
    assert_eq!(titles(100), ["new", "mid", "old", "undated"]);
    assert_eq!(titles(2), ["new", "mid"]);
    assert!(titles(0).is_empty());
}

#[test]
fn feeds_remember_their_last_result() {
    let mut store = Store::open_in_memory().expect("opens");
    let (id, _) = store
        .add_feed("http://example.test/feed", None)
        .expect("feed");
    let v = byline::feeds::Validators {
        etag: Some("\"abc\"".into()),
        last_modified: Some("Tue, 01 Jan 2030 00:00:00 GMT".into()),
    };
    store
        .record_fetch(
            id,
            &FetchRecord::Ok {
                validators: Some(v.clone()),
                title: Some("T".into()),
                site_url: None,
            },
        )
        .expect("ok");
    store
        .record_fetch(id, &FetchRecord::Failed("timed out".into()))
        .expect("failed");
    let f = &store.feeds().expect("feeds")[0];
    assert_eq!(f.validators, v, "a failure keeps the validators");
    assert_eq!(f.last_error.as_deref(), Some("timed out"));
    assert_eq!(f.title.as_deref(), Some("T"));
    store
        .record_fetch(
            id,
            &FetchRecord::Ok {
                validators: None,
                title: None,
                site_url: None,
            },
        )
        .expect("304");
    let f = &store.feeds().expect("feeds")[0];
    assert_eq!((f.last_error.as_deref(), &f.validators), (None, &v));
}

#[test]
fn one_writer_at_a_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = Store::open(dir.path()).expect("opens");
    first.upsert_articles(None, &sample()).expect("stores");
    let err = Store::open(dir.path()).expect_err("second writer refused");
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("pid {}", std::process::id())),
        "names the process: {msg}"
    );
    assert!(
        msg.contains("library.sqlite3") && msg.contains("byline.lock"),
        "names the files: {msg}"
    );
    let (reader, writable) = Store::open_or_read_only(dir.path()).expect("read-only");
    assert!(!writable);
    assert_eq!(reader.articles(ArticleFilter::All).expect("list").len(), 2);
    let mut reader = reader;
    let id = reader.articles(ArticleFilter::All).expect("list")[0].id;
    assert!(
        reader.set_read(id, true).is_err(),
        "read-only refuses writes"
    );
    let worker = first
        .connect_again()
        .expect("worker connection shares the lock");
    assert_eq!(worker.articles(ArticleFilter::All).expect("list").len(), 2);
    drop(worker);
    drop(first);
    let (_again, writable) = Store::open_or_read_only(dir.path()).expect("reopens");
    assert!(writable, "the lock goes with the writer");
}

/// (name, quotes, articles) of everyone in the speakers index, in its order.
fn speaker_counts(store: &Store) -> Vec<(String, u32, u32)> {
    store
        .speakers()
        .expect("speakers")
        .into_iter()
        .map(|s| (s.name, s.quotes, s.articles))
        .collect()
}

#[test]
fn the_speakers_index_survives_the_move_to_per_article_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut conn =
            rusqlite::Connection::open(dir.path().join(byline::store::DB_FILE)).expect("db");
        schema::migrate_to(&mut conn, 0, 3).expect("schema 3");
        conn.execute_batch(
            "INSERT INTO articles (id, key, title, fetched, body, body_hash)
                 VALUES (1, 'a', 'A', 0, 'x', 'h'), (2, 'b', 'B', 0, 'y', 'h');
             INSERT INTO quotes (article_id, ord, kind, start, end, speaker) VALUES
                 (1, 0, 'direct', 0, 1, 'Ana Diaz'), (1, 1, 'direct', 0, 1, 'Ana Diaz'),
                 (2, 0, 'indirect', 0, 1, 'Ana Diaz'), (2, 1, 'direct', 0, 1, NULL),
                 (2, 2, 'direct', 0, 1, 'Bo Li');",
        )
        .expect("old rows");
    }
    let store = Store::open(dir.path()).expect("migrates");
    assert_eq!(
        speaker_counts(&store),
        [("Ana Diaz".into(), 3, 2), ("Bo Li".into(), 1, 1)]
    );
    drop(store);
    // From step 6 on the index is one row per article, and goes with its article.
    let conn = rusqlite::Connection::open(dir.path().join(byline::store::DB_FILE)).expect("db");
    conn.execute_batch("PRAGMA foreign_keys = ON; DELETE FROM articles WHERE id = 1;")
        .expect("delete");
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM article_speakers", [], |r| r.get(0))
        .expect("rows");
    assert_eq!(rows, 1);
    drop(conn);
    let store = Store::open(dir.path()).expect("opens");
    assert_eq!(
        speaker_counts(&store),
        [("Ana Diaz".into(), 1, 1), ("Bo Li".into(), 1, 1)]
    );
}
