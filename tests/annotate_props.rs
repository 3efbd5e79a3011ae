//! Properties of the annotator on any input: it never panics, and every span it returns lies on
//! char boundaries of the body and slices the text it claims.

use byline::annotate::{annotate, json};
use byline::model::Document;
use byline::text::normalize::normalize;
use proptest::prelude::*;

/// Text made of news-like pieces, quotation marks of every style (often unbalanced), and noise.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("''".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just(" said ".to_string()),
        Just(" told CNN that ".to_string()),
        Just("according to ".to_string()),
        Just(", he said. ".to_string()),
        Just("Mr. Obama".to_string()),
        Just(" the official ".to_string()),
        Just("(D-N.Y.)".to_string()),
        Just("\n\n".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(":".to_string()),
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8} ",
        "\\PC{1,6}",
        "[\u{301}\u{1F600}\u{4E2D}\u{200D}é]{1,3}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check_spans(raw: &str) -> Result<(), TestCaseError> {
    let body = normalize(raw);
    let text = body.as_str();
    let ann = annotate(&body);
    let ok = |s: byline::span::Span| {
        text.is_char_boundary(s.start())
            && text.is_char_boundary(s.end())
            && s.start() <= s.end()
            && s.end() <= text.len()
    };
    for q in &ann.quotes {
        prop_assert!(ok(q.span), "quote span {:?}", q.span);
        if let Some(c) = q.cue {
            prop_assert!(ok(c));
        }
        if let Some(s) = q.speaker {
            prop_assert!(s < ann.speakers.len());
        }
    }
    for s in &ann.speakers {
        for m in &s.mentions {
            prop_assert!(ok(*m));
        }
    }
    for e in &ann.entities {
        for m in &e.mentions {
            prop_assert!(ok(*m));
        }
    }
    for t in &ann.topics {
        for m in &t.mentions {
            prop_assert!(ok(*m));
        }
    }
    // The JSON writer slices the same text the spans claim.
    let doc = Document {
        title: None,
        body: body.clone(),
    };
    let v = serde_json::to_value(json::to_json(&doc, &ann, None))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let bytes = text.as_bytes();
    for q in v["quotes"].as_array().into_iter().flatten() {
        let (a, b) = (
            q["start"].as_u64().unwrap_or(0) as usize,
            q["end"].as_u64().unwrap_or(0) as usize,
        );
        let piece = bytes.get(a..b).and_then(|p| std::str::from_utf8(p).ok());
        prop_assert_eq!(piece, q["text"].as_str());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn spans_slice_the_body_news_like(raw in newsish()) {
        check_spans(&raw)?;
    }

    #[test]
    fn spans_slice_the_body_any_unicode(raw in "\\PC{0,300}") {
        check_spans(&raw)?;
    }
}

#[test]
fn huge_paragraph_and_unbalanced_marks() {
    let mut raw = String::new();
    for i in 0..4000 {
        raw.push_str(if i % 7 == 0 {
            "“Open without close, "
        } else {
            "the minister said the plan is “fine” and "
        });
    }
    check_spans(&raw).expect("spans");
    let marks_only = "“”\"'‘’«»„".repeat(2000);
    check_spans(&marks_only).expect("spans");
}
