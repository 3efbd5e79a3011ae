use super::*;
use crate::annotate::words::Words;
use crate::annotate::{sentences, tokens};
use crate::model::EntityKind;
use proptest::prelude::*;

fn run(t: &str) -> Vec<Entity> {
    let toks = tokens::tokenize(t);
    let words = Words::new(t, &toks);
    let sents = sentences::split(t, &toks);
    find(t, &toks, &words, &sents)
}

/// `(name, kind, mentions as written)` for every entity.
fn table(t: &str) -> Vec<(String, EntityKind, Vec<&str>)> {
    run(t)
        .into_iter()
        .map(|e| {
            (
                e.name,
                e.kind,
                e.mentions.iter().map(|m| m.slice(t)).collect(),
            )
        })
        .collect()
}

fn person<'a>(t: &'a str, name: &str) -> Option<Vec<&'a str>> {
    table(t)
        .into_iter()
        .find(|(n, k, _)| n == name && *k == EntityKind::Person)
        .map(|(_, _, m)| m)
}

#[test]
fn one_person_however_named() {
    let t = "President Barack Obama met reporters. Mr Obama said little. Later Obama’s aides left. \
             The President declined to comment, and Mr. Obama flew home.";
    assert_eq!(
        person(t, "Barack Obama"),
        Some(vec![
            "President Barack Obama",
            "Mr Obama",
            "Obama",
            "President",
            "Mr. Obama"
        ])
    );
}

#[test]
fn misspelt_given_names_merge() {
    let t = "Russian President Vladmir Putin spoke. Vladimir Putin later met Kerry. Putin left.";
    let ents = table(t);
    let putins: Vec<_> = ents
        .iter()
        .filter(|(n, _, _)| n.ends_with("Putin"))
        .collect();
    assert_eq!(putins.len(), 1, "{ents:?}");
    assert_eq!(
        putins[0].0, "Vladimir Putin",
        "the spelling with a known given name wins a tie"
    );
    assert_eq!(putins[0].2.len(), 3);
}

#[test]
fn roles_prefer_the_domestic_holder() {
    let t = "Russian President Vladimir Putin met United States President Barack Obama. \
             Asked by CNN, the president described it as candid.";
    let obama = person(t, "Barack Obama").unwrap_or_default();
    assert!(obama.contains(&"president"), "{obama:?}");
    let ents = table(t);
    assert!(
        ents.iter()
            .any(|(n, k, _)| n == "United States" && *k == EntityKind::Place),
        "{ents:?}"
    );
    assert!(
        ents.iter()
            .any(|(n, k, _)| n == "Cable News Network" && *k == EntityKind::Org),
        "{ents:?}"
    );
    assert!(
        !ents.iter().any(|(n, _, _)| n.contains("Asked")),
        "{ents:?}"
    );
}

#[test]
fn ambiguous_role_is_left_alone() {
    let t = "Sen. Elizabeth Warren and Sen. Bernie Sanders spoke. The senator left.";
    let ents = table(t);
    assert!(
        ents.iter().all(|(_, _, m)| !m.contains(&"senator")),
        "{ents:?}"
    );
}

#[test]
fn kinds_table() {
    let cases: &[(&str, &str, EntityKind)] = &[
        (
            "Officials at the Russian Foreign Ministry disagreed.",
            "Russian Foreign Ministry",
            EntityKind::Org,
        ),
        (
            "He spoke at the University of Chicago on Monday.",
            "University of Chicago",
            EntityKind::Org,
        ),
        (
            "Leaders met at the Group of 20 summit.",
            "Group of 20",
            EntityKind::Org,
        ),
        (
            "Talks at the G20 summit stalled.",
            "Group of 20",
            EntityKind::Org,
        ),
        (
            "He works for the FBI now.",
            "Federal Bureau of Investigation",
            EntityKind::Org,
        ),
        (
            "A senior US official spoke.",
            "United States",
            EntityKind::Place,
        ),
        (
            "They flew to New York on Friday.",
            "New York",
            EntityKind::Place,
        ),
        (
            "Secretary of State John Kerry flew in.",
            "John Kerry",
            EntityKind::Person,
        ),
        (
            "The talks with Sergey Lavrov ended.",
            "Sergey Lavrov",
            EntityKind::Person,
        ),
        (
            "House Speaker Paul Ryan agreed.",
            "Paul Ryan",
            EntityKind::Person,
        ),
        (
            "Syrian President Bashar al-Assad refused.",
            "Bashar al-Assad",
            EntityKind::Person,
        ),
        (
            "President George W. Bush spoke.",
            "George W. Bush",
            EntityKind::Person,
        ),
        (
            "The New York Times reported it first.",
            "The New York Times",
            EntityKind::Org,
        ),
    ];
    for (t, name, kind) in cases {
        let ents = table(t);
        assert!(
            ents.iter().any(|(n, k, _)| n == name && k == kind),
            "{t}: {ents:?}"
        );
    }
}

#[test]
fn not_entities() {
    let cases: &[&str] = &[
        "Negotiators failed to agree. However the talks go on.",
        "The two leaders met. Following the meeting, nothing changed.",
        "In Syria, officials said they would try.",
    ];
    for t in cases {
        let ents = table(t);
        assert!(
            ents.iter()
                .all(|(_, k, _)| *k != EntityKind::Person && *k != EntityKind::Other),
            "{t}: {ents:?}"
        );
    }
    // Demonyms alone are not places.
    assert!(table("The Syrian crisis deepened.").is_empty());
}

#[test]
fn single_words_become_people_with_a_speech_verb() {
    let t = "Lavrov said the talks were over. Kerry and Lavrov will meet again.";
    assert_eq!(person(t, "Lavrov"), Some(vec!["Lavrov", "Lavrov"]));
}

#[test]
fn entity_at_finds_overlaps() {
    let t = "Barack Obama met Vladimir Putin.";
    let ents = run(t);
    let at = |a, b| Span::new(t, a, b).and_then(|s| entity_at(&ents, s));
    assert_eq!(
        at(0, 5).map(|i| ents[i].name.as_str()),
        Some("Barack Obama")
    );
    assert_eq!(
        at(17, 31).map(|i| ents[i].name.as_str()),
        Some("Vladimir Putin")
    );
    assert_eq!(at(13, 16), None);
}

#[test]
fn non_ascii_offsets() {
    let t = "Die Ministerin Inês Müller-Łukasz 🙂 traf José Ñúñez in München. Müller-Łukasz sagte „nein“.";
    for e in run(t) {
        for m in &e.mentions {
            assert!(!m.slice(t).is_empty(), "{e:?}");
        }
    }
}

proptest! {
    #[test]
    fn spans_slice_valid_text(t in "\\PC{0,200}") {
        let ents = run(&t);
        for e in &ents {
            for m in &e.mentions {
                prop_assert!(t.get(m.start()..m.end()).is_some());
            }
        }
    }

    #[test]
    fn capitalised_soup_never_panics(words in proptest::collection::vec("(President|Mr\\.?|the|of|Obama|Putin|New|York|U\\.S\\.|al-Assad|[A-Z][a-zé]{0,6}|[A-Z]{2,4}|“|”|,|\\.|\n\n)", 0..60)) {
        let t = words.join(" ");
        let _ = run(&t);
    }
}

/// The bundled sample articles: the people each must yield, and role mentions where the article
/// gives the title to one person.
#[test]
fn sample_articles_people() {
    let cases: &[(&str, &[&str])] = &[
        (
            include_str!("../../../assets/articles/seed-obama-putin-syria.txt"),
            &[
                "Barack Obama",
                "Vladimir Putin",
                "John Kerry",
                "Sergey Lavrov",
            ],
        ),
        (
            include_str!("../../../assets/articles/senate-broadband-vote.txt"),
            &[
                "Margaret Holloway",
                "Daniel Okafor",
                "Raymond Pike",
                "Laura Brandt",
                "Denise Whitaker",
            ],
        ),
        (
            include_str!("../../../assets/articles/county-water-report.txt"),
            &["Elena Marsh", "Tom Reyes", "Carla Benton", "Walter Grimes"],
        ),
        (
            include_str!("../../../assets/articles/lisbon-port-strike.txt"),
            &["João Valente", "Inês Carvalho", "Zhang Wei", "Ana Ferreira"],
        ),
        (
            include_str!("../../../assets/articles/berlin-rail-budget.txt"),
            &[
                "Katrin Vogel",
                "Stefan Krämer",
                "Lena Hoffmann",
                "Claudia Neumann",
            ],
        ),
    ];
    for (raw, people) in cases {
        let body = raw.split_once("\n\n").map_or(*raw, |(_, b)| b);
        let ents = table(body);
        for p in *people {
            assert!(
                ents.iter()
                    .any(|(n, k, _)| n == p && *k == EntityKind::Person),
                "{p}: {ents:?}"
            );
        }
        assert!(
            !ents
                .iter()
                .any(|(n, _, _)| n.contains('’') || n.contains('\'')),
            "no contractions: {ents:?}"
        );
    }
    let berlin = include_str!("../../../assets/articles/berlin-rail-budget.txt");
    let kramer = person(berlin, "Stefan Krämer").unwrap_or_default();
    assert!(
        kramer.iter().filter(|m| **m == "minister").count() >= 2,
        "{kramer:?}"
    );
    let seed = include_str!("../../../assets/articles/seed-obama-putin-syria.txt");
    assert!(person(seed, "Barack Obama").unwrap_or_default().len() >= 6);
}

/// A huge paragraph of repeated names stays fast (no quadratic blow-up worth noticing).
#[test]
fn huge_paragraph_is_fast() {
    let t = "Barack Obama met Vladimir Putin. Obama said no, the President said. ".repeat(2000);
    let start = std::time::Instant::now();
    let ents = run(&t);
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    assert!(
        ents.iter()
            .any(|e| e.name == "Barack Obama" && e.mentions.len() >= 4000)
    );
}
