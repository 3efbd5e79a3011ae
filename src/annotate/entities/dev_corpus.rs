//! Measures the entity and topic stages on the dev corpus and prints the seed article's results:
//! `cargo test --release --lib dev_corpus -- --ignored --nocapture`. Reads `../shared` at run time;
//! nothing of the corpus is kept in the project.

use std::time::Instant;

use crate::annotate::{entities, sentences, tokens, topics};
use crate::text::normalize::normalize;

fn texts() -> Vec<String> {
    let path =
        std::env::var("BYLINE_DEV").unwrap_or_else(|_| "../shared/eval/dev/polnear.jsonl".into());
    let Ok(raw) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            v.get("text")
                .and_then(|t| t.as_str())
                .map(|t| normalize(t).into_string())
        })
        .collect()
}

#[test]
#[ignore = "reads ../shared; run by hand"]
fn dev_corpus_timing_and_seed() {
    let docs = texts();
    let bytes: usize = docs.iter().map(String::len).sum();
    let prepared: Vec<_> = docs
        .iter()
        .map(|t| {
            let k = tokens::tokenize(t);
            let s = sentences::split(t, &k);
            (t, k, s)
        })
        .collect();
    let _ = entities::find("warm up", &[], &[]);
    let rounds = 5;
    let start = Instant::now();
    let mut n_ent = 0;
    let mut n_top = 0;
    for _ in 0..rounds {
        for (t, k, s) in &prepared {
            let e = entities::find(t, k, s);
            let tp = topics::rank(t, k, &e);
            n_ent += e.len();
            n_top += tp.len();
        }
    }
    let mut phase = [f64::MAX; 5];
    for _ in 0..5 {
        let mut round = [0f64; 5];
        for (t, k, s) in &prepared {
            let a = Instant::now();
            let _ = crate::annotate::gazetteer::word_info(t);
            let b = Instant::now();
            let cx = super::chunk::Ctx::new(t, k, s);
            let c = Instant::now();
            let pieces = super::chunk::pieces(&cx);
            let d = Instant::now();
            let roles = super::chunk::roles(&cx);
            let e = Instant::now();
            let _ = super::people::assemble(t, &pieces, &roles);
            let f = Instant::now();
            for (slot, (x, y)) in round
                .iter_mut()
                .zip([(a, b), (b, c), (c, d), (d, e), (e, f)])
            {
                *slot += (y - x).as_secs_f64();
            }
        }
        for (p, r) in phase.iter_mut().zip(round) {
            *p = p.min(r);
        }
    }
    println!(
        "phases µs/doc (phrases, ctx incl. phrases, pieces, roles, assemble): {:?}",
        phase.map(|p| (p / docs.len().max(1) as f64 * 1e6).round())
    );
    let per = start.elapsed().as_secs_f64() / (rounds * docs.len().max(1)) as f64;
    println!(
        "{} docs, {:.1} KB avg: entities+topics {:.1} µs/doc ({} entities, {} topics per doc)",
        docs.len(),
        bytes as f64 / docs.len().max(1) as f64 / 1024.0,
        per * 1e6,
        n_ent / (rounds * docs.len().max(1)),
        n_top / (rounds * docs.len().max(1))
    );
    if let Ok(n) = std::env::var("BYLINE_SHOW").map(|v| v.parse::<usize>().unwrap_or(0)) {
        for (t, k, s) in prepared.iter().skip(n).take(2) {
            let e = entities::find(t, k, s);
            for x in &e {
                println!(
                    "  {:?} {} ×{}: {:?}",
                    x.kind,
                    x.name,
                    x.mentions.len(),
                    x.mentions
                        .iter()
                        .take(4)
                        .map(|m| m.slice(t))
                        .collect::<Vec<_>>()
                );
            }
            for x in topics::rank(t, k, &e) {
                println!("  topic {:.2} {} ×{}", x.score, x.label, x.mentions.len());
            }
        }
    }
    let seed =
        std::fs::read_to_string("assets/articles/seed-obama-putin-syria.txt").unwrap_or_default();
    let body = seed.split_once("\n\n").map_or(seed.as_str(), |(_, b)| b);
    let t = normalize(body).into_string();
    let k = tokens::tokenize(&t);
    let s = sentences::split(&t, &k);
    let e = entities::find(&t, &k, &s);
    println!("seed entities:");
    for x in &e {
        println!(
            "  {:?} {} ×{}: {:?}",
            x.kind,
            x.name,
            x.mentions.len(),
            x.mentions.iter().map(|m| m.slice(&t)).collect::<Vec<_>>()
        );
    }
    println!("seed topics:");
    for x in topics::rank(&t, &k, &e) {
        println!("  {:.2} {} ×{}", x.score, x.label, x.mentions.len());
    }
}
