//! Ranked topic labels: entities (places and organisations weigh more; people count too, and a
//! demonym such as "Syrian" counts for its place) merged with keyphrase statistics over the rest
//! of the text. 5–10 de-duplicated topics, best first, scores in 0..1.

mod keyphrases;

use std::borrow::Cow;

use crate::annotate::gazetteer::{self as gz, Known};
use crate::annotate::tokens::{Token, TokenKind};
use crate::annotate::words::Words;
use crate::model::{Entity, EntityKind, Topic};
use crate::span::Span;

pub use keyphrases::light_stem;

const MAX_TOPICS: usize = 10;
const MIN_TOPICS: usize = 5;
/// Below this share of the best score a topic is dropped, once `MIN_TOPICS` are kept.
const FLOOR: f32 = 0.15;

struct Scored<'e> {
    score: f32,
    /// Byte offset of the first mention, for ordering ties.
    first: Option<usize>,
    what: What<'e>,
}

/// Where a topic comes from: an entity (with any demonym mentions of its place) is complete;
/// a keyphrase gets its label and mentions only when it is chosen.
enum What<'e> {
    Entity {
        label: &'e str,
        mentions: Cow<'e, [Span]>,
    },
    Keyphrase(keyphrases::Candidate),
}

fn weight(kind: EntityKind) -> f32 {
    match kind {
        EntityKind::Place => 1.5,
        EntityKind::Org => 1.3,
        EntityKind::Person => 1.2,
        EntityKind::Other => 0.8,
    }
}

/// Square root of the count, raised by spread over the article and an early first mention (byte positions).
#[allow(clippy::cast_precision_loss)]
fn position_score(mentions: &[Span], len: usize) -> f32 {
    let (Some(first), Some(last)) = (mentions.first(), mentions.last()) else {
        return 0.0;
    };
    let len = len.max(1) as f32;
    let spread = last.start().saturating_sub(first.start()) as f32 / len;
    let pos = first.start() as f32 / len;
    (mentions.len() as f32).sqrt() * (1.0 + 0.5 * spread) * (1.25 - 0.5 * pos)
}

/// 5–10 ranked, de-duplicated topics.
#[must_use]
pub fn rank(text: &str, tokens: &[Token], words: &Words<'_>, entities: &[Entity]) -> Vec<Topic> {
    let mut covered = vec![false; tokens.len()];
    let mut spans: Vec<Span> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().copied())
        .collect();
    spans.sort_unstable();
    let mut k = 0;
    for (i, t) in tokens.iter().enumerate() {
        while spans.get(k).is_some_and(|s| s.end() <= t.span.start()) {
            k += 1;
        }
        if spans.get(k).is_some_and(|s| s.overlaps(t.span)) {
            covered[i] = true;
        }
    }
    // Labels and mentions borrow from the entities (and the gazetteer): only the topics kept are
    // copied out, and a place's mentions only when a demonym adds to them.
    let mut topics: Vec<(&str, Cow<'_, [Span]>, EntityKind)> = Vec::new();
    let mut place_topic: Vec<(&str, usize)> = Vec::new();
    for e in entities {
        if e.kind == EntityKind::Other && e.mentions.len() < 2 {
            continue;
        }
        if e.kind == EntityKind::Place {
            place_topic.push((&e.name, topics.len()));
        }
        topics.push((&e.name, Cow::Borrowed(&e.mentions), e.kind));
    }
    // Demonyms count for their place: "Syrian crisis" is about Syria.
    for (i, t) in tokens.iter().enumerate() {
        // Demonyms start with a capital.
        let form = words
            .of(i)
            .filter(|f| f.capitalized && t.kind == TokenKind::Word);
        let Some(Known::Demonym(p)) = form.and_then(|f| f.known).filter(|_| !covered[i]) else {
            continue;
        };
        let place = gz::place_name(p);
        covered[i] = true;
        match place_topic.iter().find(|(n, _)| *n == place) {
            Some(&(_, at)) => {
                if let Some(s) = topics.get_mut(at) {
                    s.1.to_mut().push(t.span);
                }
            }
            None => {
                place_topic.push((place, topics.len()));
                topics.push((place, Cow::Owned(vec![t.span]), EntityKind::Place));
            }
        }
    }
    let mut scored: Vec<Scored<'_>> = topics
        .into_iter()
        .map(|(label, mut mentions, kind)| {
            if !mentions.is_sorted() {
                mentions.to_mut().sort_unstable();
            }
            Scored {
                score: weight(kind) * position_score(&mentions, text.len()),
                first: mentions.first().map(|m| m.start()),
                what: What::Entity { label, mentions },
            }
        })
        .collect();
    let input = keyphrases::Input {
        text,
        tokens,
        words,
        covered: &covered,
    };
    let (words, candidates) = keyphrases::candidates(&input);
    scored.extend(candidates.into_iter().map(|c| Scored {
        score: c.score,
        first: Some(c.first),
        what: What::Keyphrase(c),
    }));
    scored.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.first.cmp(&b.first))
    });
    let best = scored.first().map_or(1.0, |t| t.score).max(f32::EPSILON);
    let mut out: Vec<Topic> = Vec::new();
    let mut used_words: Vec<u32> = Vec::new();
    // Keyphrases kept: where in `out`, and which.
    let mut chosen: Vec<(usize, keyphrases::Candidate)> = Vec::new();
    for s in scored {
        if out.len() >= MAX_TOPICS || (out.len() >= MIN_TOPICS && s.score / best < FLOOR) {
            break;
        }
        let (label, mentions, phrase) = match s.what {
            What::Entity { label, mentions } => (label.to_string(), mentions.into_owned(), None),
            What::Keyphrase(c) => {
                if c.words().any(|w| used_words.contains(&w)) {
                    continue;
                }
                // Mentions are gathered for all the chosen keyphrases at once, below.
                (words.label(&c), Vec::new(), Some(c))
            }
        };
        if out.iter().any(|t| t.label.eq_ignore_ascii_case(&label)) {
            continue;
        }
        if let Some(c) = phrase {
            used_words.extend(c.words());
            chosen.push((out.len(), c));
        }
        out.push(Topic {
            label,
            score: (s.score / best).clamp(0.0, 1.0),
            mentions,
        });
    }
    let cands: Vec<keyphrases::Candidate> = chosen.iter().map(|&(_, c)| c).collect();
    for ((at, _), mentions) in chosen.iter().zip(words.mentions(&cands)) {
        if let Some(t) = out.get_mut(*at) {
            t.mentions = mentions;
        }
    }
    out
}

#[cfg(test)]
mod tests;
