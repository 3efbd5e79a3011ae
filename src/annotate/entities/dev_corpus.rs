//! Measures the entity and topic stages on the dev corpus and prints the seed article's results:
//! `cargo test --release --lib dev_corpus -- --ignored --nocapture` (`BYLINE_SHOW=N` prints the
//! entities and topics of documents N and N+1). Reads `../shared` at run time; nothing of the
//! corpus is kept in the project.

use crate::annotate::words::Words;
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

/// CPU time of this thread in seconds (utime + stime from /proc, 10 ms ticks): steadier than wall
/// time on a shared machine.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = after
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    // After the state letter: ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime.
    (f.get(10).copied().unwrap_or(0.0) + f.get(11).copied().unwrap_or(0.0)) / 100.0
}

fn show(t: &str, k: &[tokens::Token], s: &[sentences::Sentence]) {
    let w = Words::new(t, k);
    let e = entities::find(t, k, &w, s);
    for x in &e {
        let m: Vec<&str> = x.mentions.iter().map(|m| m.slice(t)).collect();
        println!("  {:?} {} ×{}: {:?}", x.kind, x.name, x.mentions.len(), m);
    }
    for x in topics::rank(t, k, &w, &e) {
        println!("  topic {:.2} {} ×{}", x.score, x.label, x.mentions.len());
    }
}

#[test]
#[ignore = "reads ../shared; run by hand"]
#[allow(clippy::cast_precision_loss)]
fn dev_corpus_timing_and_seed() {
    let docs = texts();
    let prepared: Vec<_> = docs
        .iter()
        .map(|t| {
            let k = tokens::tokenize(t);
            let w = Words::new(t, &k);
            let s = sentences::split(t, &k);
            (t, k, w, s)
        })
        .collect();
    let rounds: usize = std::env::var("BYLINE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let t0 = std::time::Instant::now();
    let _ = crate::annotate::gazetteer::is_given_name("Warm");
    println!(
        "gazetteer built in {:.1} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );
    let (mut n_ent, mut n_top) = (0, 0);
    let c0 = cpu_seconds();
    for _ in 0..rounds {
        for (t, k, w, s) in &prepared {
            n_ent += entities::find(t, k, w, s).len();
        }
    }
    let c1 = cpu_seconds();
    let topic_rounds = if std::env::var("BYLINE_ONLY_ENTITIES").is_ok() {
        0
    } else {
        rounds
    };
    for _ in 0..topic_rounds {
        for (t, k, w, s) in &prepared {
            let e = entities::find(t, k, w, s);
            n_top += topics::rank(t, k, w, &e).len();
        }
    }
    let c2 = cpu_seconds();
    let d = (rounds * docs.len()).max(1) as f64;
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "{} docs, {:.1} KB avg; CPU time per doc: entities {:.1} µs, entities+topics {:.1} µs; {:.1} entities, {:.1} topics per doc",
        docs.len(),
        bytes as f64 / docs.len().max(1) as f64 / 1024.0,
        (c1 - c0) / d * 1e6,
        (c2 - c1) / d * 1e6,
        n_ent as f64 / d,
        n_top as f64 / d,
    );
    if let Some(n) = std::env::var("BYLINE_SHOW")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        for (t, k, _, s) in prepared.iter().skip(n).take(2) {
            println!("doc:");
            show(t, k, s);
        }
    }
    let mut files: Vec<_> = std::fs::read_dir("assets/articles")
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for path in files {
        let raw = std::fs::read_to_string(&path).unwrap_or_default();
        let body = raw.split_once("\n\n").map_or(raw.as_str(), |(_, b)| b);
        let t = normalize(body).into_string();
        let k = tokens::tokenize(&t);
        let s = sentences::split(&t, &k);
        println!("{}:", path.display());
        show(&t, &k, &s);
    }
}
