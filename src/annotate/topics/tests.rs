use super::*;
use crate::annotate::{entities, sentences, tokens};
use proptest::prelude::*;

fn run(t: &str) -> Vec<Topic> {
    let toks = tokens::tokenize(t);
    let words = Words::new(t, &toks);
    let sents = sentences::split(t, &toks);
    let ents = entities::find(t, &toks, &words, &sents);
    rank(t, &toks, &words, &ents)
}

fn labels(t: &str) -> Vec<String> {
    run(t).into_iter().map(|t| t.label).collect()
}

const STORY: &str = "Ministers from Chile and Peru met in Lima on Tuesday to discuss water rights along the border.\n\n\
The Chilean delegation said the drought had cut river flows by a third. Peruvian farmers want a share of the \
water rights that Chile has held since 1929.\n\n\
Water rights have long divided the two countries, and the drought has made the dispute sharper. \
A joint commission on water rights will meet again in March, officials said.\n\n\
Farmers in both countries say the drought is the worst in decades.";

#[test]
fn demonyms_join_their_place_and_phrases_stay_whole() {
    let got = labels(STORY);
    assert!(got.len() >= 5 && got.len() <= 10, "{got:?}");
    assert!(
        got.contains(&"Chile".to_string()) && got.contains(&"Peru".to_string()),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|l| l == "Chilean" || l == "Peruvian"),
        "{got:?}"
    );
    assert!(got.contains(&"water rights".to_string()), "{got:?}");
    assert!(
        !got.contains(&"water".to_string()) && !got.contains(&"rights".to_string()),
        "no single words inside a kept phrase: {got:?}"
    );
    assert!(got.contains(&"drought".to_string()), "{got:?}");
}

#[test]
fn scores_are_ranked_in_unit_range() {
    let topics = run(STORY);
    assert!((topics[0].score - 1.0).abs() < 1e-6);
    assert!(topics.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(
        topics
            .iter()
            .all(|t| (0.0..=1.0).contains(&t.score) && !t.mentions.is_empty())
    );
    let chile = topics.iter().find(|t| t.label == "Chile").map(|t| {
        t.mentions
            .iter()
            .map(|m| m.slice(STORY))
            .collect::<Vec<_>>()
    });
    assert_eq!(chile, Some(vec!["Chile", "Chilean", "Chile"]));
}

#[test]
fn light_stem_table() {
    for (w, s) in [
        ("talks", "talk"),
        ("policies", "policy"),
        ("crisis", "crisis"),
        ("press", "press"),
        ("status", "status"),
        ("gas", "gas"),
    ] {
        assert_eq!(light_stem(w), s, "{w}");
    }
}

proptest! {
    #[test]
    fn never_panics_and_spans_slice(t in "\\PC{0,300}") {
        for topic in run(&t) {
            for m in &topic.mentions {
                prop_assert!(t.get(m.start()..m.end()).is_some());
            }
        }
    }
}
