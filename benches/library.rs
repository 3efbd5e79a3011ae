//! Library search and list queries against a big stored library.
//!
//! Point `BYLINE_BENCH_DATA` at a library filled by `scripts/bench-library.sh` (50,000 articles),
//! then `BYLINE_BENCH_DATA=/tmp/byline-bench-library/data cargo bench --bench library`.
//! Without it the benchmarks are skipped with a note.

use byline::store::{ArticleFilter, Store};

fn main() {
    if std::env::var_os("BYLINE_BENCH_DATA").is_none() {
        eprintln!("note: BYLINE_BENCH_DATA not set; see benches/library.rs");
        return;
    }
    divan::main();
}

fn store() -> Store {
    let dir = std::env::var_os("BYLINE_BENCH_DATA").unwrap_or_default();
    Store::open_read_only(std::path::Path::new(&dir))
        .unwrap_or_else(|e| panic!("BYLINE_BENCH_DATA: {e}"))
}

#[divan::bench(args = ["said", "minister said", "ferry", "climate talks", "zzzznotfound"])]
fn search(bencher: divan::Bencher, query: &str) {
    let store = store();
    bencher.bench_local(|| {
        store
            .search(divan::black_box(query), 50)
            .map(|r| r.articles.len() + r.quotes.len())
    });
}

#[divan::bench]
fn speakers_index(bencher: divan::Bencher) {
    let store = store();
    bencher.bench_local(|| store.speakers().map(|s| s.len()));
}

#[divan::bench]
fn groups(bencher: divan::Bencher) {
    let store = store();
    bencher.bench_local(|| store.groups().map(|g| g.len()));
}

#[divan::bench]
fn one_feed_list(bencher: divan::Bencher) {
    let store = store();
    bencher.bench_local(|| {
        store
            .articles(ArticleFilter::Feed(Some(1)))
            .map(|l| l.len())
    });
}

#[divan::bench]
fn open_article(bencher: divan::Bencher) {
    let store = store();
    bencher.bench_local(|| {
        store
            .article(divan::black_box(25_000))
            .map(|(_, a)| a.quotes.len())
    });
}

/// Every quote of the most quoted speaker (the speakers view's Enter).
#[divan::bench]
fn quotes_of_top_speaker(bencher: divan::Bencher) {
    let store = store();
    let top = store
        .speakers()
        .ok()
        .and_then(|s| s.into_iter().next())
        .map(|s| s.name)
        .unwrap_or_default();
    bencher.bench_local(|| {
        store
            .quotes_of(divan::black_box(&top), 2_000)
            .map(|q| q.len())
    });
}
