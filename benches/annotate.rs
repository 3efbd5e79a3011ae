//! Annotator throughput: the bundled articles, one by one and as a batch of 1,000.
//! Run with `cargo bench --bench annotate`; figures go in docs/PERFORMANCE.md.

use byline::annotate::annotate;
use byline::model::Body;
use byline::text::document;

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../assets/articles/seed-obama-putin-syria.txt");

fn bodies() -> Vec<Body> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let mut out: Vec<Body> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|raw| document::parse(&raw, None).body)
        .collect();
    if out.is_empty() {
        out.push(document::parse(SEED, None).body);
    }
    out
}

#[divan::bench]
fn seed_article(bencher: divan::Bencher<'_, '_>) {
    let body = document::parse(SEED, None).body;
    bencher.bench(|| annotate(divan::black_box(&body)));
}

/// 1,000 documents cycled from the bundled articles: the per-document cost in a library fetch.
#[divan::bench(sample_count = 20)]
fn batch_of_1000(bencher: divan::Bencher<'_, '_>) {
    let bodies = bodies();
    bencher
        .counter(divan::counter::ItemsCount::new(1000usize))
        .bench(|| {
            for body in bodies.iter().cycle().take(1000) {
                divan::black_box(annotate(body));
            }
        });
}
