//! Golden tests: the `byline.annotations/1` JSON of the seed article and of the sample articles in
//! `assets/articles/`, as insta snapshots. A reviewed snapshot diff shows exactly what an annotator
//! change did. The body itself is left out of the snapshot (it is the input); every offset is
//! checked against it here instead.

use byline::annotate::{annotate, json};
use byline::text::document::{self, Format};

fn annotations_json(name: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles")
        .join(name);
    let raw =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let doc = document::parse(&raw, Some(Format::Text));
    let ann = annotate(&doc.body);
    let mut v = serde_json::to_value(json::to_json(&doc, &ann, None)).expect("serialisable");
    // Every span in the output slices its text out of the body.
    let body = doc.body.as_str().as_bytes();
    let mut spans = Vec::new();
    for q in v["quotes"].as_array().into_iter().flatten() {
        spans.push(q.clone());
        if !q["cue"].is_null() {
            spans.push(q["cue"].clone());
        }
    }
    for key in ["speakers", "entities", "topics"] {
        for item in v[key].as_array().into_iter().flatten() {
            spans.extend(item["mentions"].as_array().into_iter().flatten().cloned());
        }
    }
    for s in &spans {
        let (a, b) = (
            s["start"].as_u64().unwrap_or(0) as usize,
            s["end"].as_u64().unwrap_or(0) as usize,
        );
        let piece = body.get(a..b).and_then(|p| std::str::from_utf8(p).ok());
        assert!(
            piece.is_some_and(|p| !p.is_empty()),
            "{name}: span {a}..{b} does not slice the body"
        );
        // Quotes and cues carry their text; bare mentions are offsets only.
        if let Some(text) = s["text"].as_str() {
            assert_eq!(piece, Some(text), "{name}: span {a}..{b}");
        }
    }
    if let Some(obj) = v.as_object_mut() {
        obj.remove("body");
    }
    v
}

#[test]
fn seed_article() {
    insta::assert_json_snapshot!("seed", annotations_json("seed-obama-putin-syria.txt"));
}

#[test]
fn sample_berlin_rail_budget() {
    insta::assert_json_snapshot!(
        "berlin_rail_budget",
        annotations_json("berlin-rail-budget.txt")
    );
}

#[test]
fn sample_county_water_report() {
    insta::assert_json_snapshot!(
        "county_water_report",
        annotations_json("county-water-report.txt")
    );
}

#[test]
fn sample_lisbon_port_strike() {
    insta::assert_json_snapshot!(
        "lisbon_port_strike",
        annotations_json("lisbon-port-strike.txt")
    );
}

#[test]
fn sample_senate_broadband_vote() {
    insta::assert_json_snapshot!(
        "senate_broadband_vote",
        annotations_json("senate-broadband-vote.txt")
    );
}
