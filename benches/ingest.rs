//! The fetch pipeline stage by stage, on one generated feed of 1,000 items (~620 words of HTML
//! each, the feeds of `../shared/bench/genfeed.py`): parse the feed, HTML → text, normalise,
//! annotate, and write to a fresh store file. `byline fetch` of 50 such feeds is the library
//! benchmark (`scripts/bench-library.sh`); this one says where its time goes.
//!
//!     cargo bench --bench ingest
//!
//! `BYLINE_BENCH_FEED=FILE` picks the feed; otherwise `genfeed.py` writes one to a temp dir.
//! Without either the benchmarks are skipped with a note.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use byline::feeds::FeedDraft;
use byline::library::ingest;
use byline::model::Body;
use byline::store::{NewArticle, Store};
use byline::text::{html, normalize};

fn main() {
    if feed_bytes().is_none() {
        eprintln!(
            "note: no feed (set BYLINE_BENCH_FEED or install ../shared/bench); see benches/ingest.rs"
        );
        return;
    }
    divan::main();
}

/// The feed's bytes, read (or generated) once.
fn feed_bytes() -> Option<&'static [u8]> {
    static FEED: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    FEED.get_or_init(|| std::fs::read(feed_path()?).ok())
        .as_deref()
}

fn feed_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BYLINE_BENCH_FEED") {
        return Some(PathBuf::from(p));
    }
    let genfeed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/genfeed.py");
    let out = std::env::temp_dir().join("byline-bench-ingest");
    let feed = out.join("feed-000.xml");
    if !feed.exists() {
        let ok = std::process::Command::new("python3")
            .arg(&genfeed)
            .args([
                "--feeds",
                "1",
                "--items",
                "1000",
                "--base-url",
                "http://127.0.0.1:8765/",
            ])
            .arg("--out")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return None;
        }
    }
    Some(feed)
}

fn draft() -> &'static FeedDraft {
    static DRAFT: OnceLock<FeedDraft> = OnceLock::new();
    DRAFT.get_or_init(|| {
        byline::feeds::parse::parse(feed_bytes().unwrap_or_default(), "http://127.0.0.1:8765/")
            .unwrap_or_else(|e| panic!("bench feed does not parse: {e}"))
    })
}

fn contents() -> Vec<&'static str> {
    draft()
        .articles
        .iter()
        .filter_map(|a| a.content.as_deref())
        .collect()
}

fn texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| contents().iter().map(|c| html::html_to_text(c)).collect())
}

fn bodies() -> &'static [Body] {
    static BODIES: OnceLock<Vec<Body>> = OnceLock::new();
    BODIES.get_or_init(|| texts().iter().map(|t| normalize::normalize(t)).collect())
}

fn articles() -> &'static [NewArticle] {
    static ARTICLES: OnceLock<Vec<NewArticle>> = OnceLock::new();
    ARTICLES.get_or_init(|| {
        draft()
            .articles
            .iter()
            .filter_map(|a| ingest::from_draft(a, None, None))
            .collect()
    })
}

#[divan::bench(sample_count = 10)]
fn parse_feed() -> usize {
    let draft = byline::feeds::parse::parse(
        divan::black_box(feed_bytes().unwrap_or_default()),
        "http://127.0.0.1:8765/",
    );
    draft.map(|d| d.articles.len()).unwrap_or(0)
}

#[divan::bench(sample_count = 10)]
fn html_to_text(bencher: divan::Bencher) {
    let contents = contents();
    bencher.bench(|| {
        contents
            .iter()
            .map(|c| html::html_to_text(divan::black_box(c)).len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn normalise(bencher: divan::Bencher) {
    let texts = texts();
    bencher.bench(|| {
        texts
            .iter()
            .map(|t| normalize::normalize(divan::black_box(t)).as_str().len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn annotate(bencher: divan::Bencher) {
    let bodies = bodies();
    bencher.bench(|| {
        bodies
            .iter()
            .map(|b| byline::annotate::annotate(divan::black_box(b)).quotes.len())
            .sum::<usize>()
    });
}

/// The distinct words the full-text index is given for each body (`store::terms`).
#[divan::bench(sample_count = 10)]
fn index_terms(bencher: divan::Bencher) {
    let bodies = bodies();
    bencher.bench(|| {
        bodies
            .iter()
            .map(|b| byline::store::terms::index_terms(divan::black_box(b.as_str())).len())
            .sum::<usize>()
    });
}

/// The whole item → `NewArticle` step a fetch worker runs (HTML, normalise, hash, annotate).
#[divan::bench(sample_count = 10)]
fn prepare_articles(bencher: divan::Bencher) {
    let draft = draft();
    bencher.bench(|| {
        draft
            .articles
            .iter()
            .filter_map(|a| ingest::from_draft(divan::black_box(a), None, None))
            .count()
    });
}

/// The writer's share: 10,000 new articles with their annotations (the feed's 1,000 under ten
/// sets of keys) into a fresh library file, in chunks as `byline fetch` writes them. Ten
/// thousand, not one, because the full-text index's merging grows with the library.
#[divan::bench(sample_count = 5)]
fn store_10000_articles(bencher: divan::Bencher) {
    let rounds: Vec<Vec<NewArticle>> = (0..10)
        .map(|round| {
            articles()
                .iter()
                .map(|a| NewArticle {
                    key: format!("{round}:{}", a.key),
                    ..a.clone()
                })
                .collect()
        })
        .collect();
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
            let store = Store::open(dir.path()).unwrap_or_else(|e| panic!("store: {e}"));
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            for chunk in rounds.iter().flat_map(|r| r.chunks(250)) {
                store
                    .upsert_articles(None, chunk)
                    .unwrap_or_else(|e| panic!("upsert: {e}"));
            }
            drop(store);
            dir
        });
}
