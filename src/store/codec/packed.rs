//! The packed blob the store writes (`{"v":2,…}`): the same annotations as the compact
//! `byline.annotations/1` form, but as JSON arrays, with speakers and groups as indexes and
//! mentions as flat `[start, end, start, end, …]` lists. A 620-word article's blob went from
//! ~5.9 KB to ~2 KB, which is most of what a fetch writes after the bodies.
//!
//! Speakers: `[name, kind, [aliases], [mentions]]`; quotes: `[kind, start, end, speaker, cue
//! start, cue end, group]` with `-1` for none; entities: `[name, kind, [mentions]]`; topics:
//! `[label, score, [mentions]]`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Annotations, Body, Entity, EntityKind, Quote, QuoteKind, Speaker, Topic};
use crate::span::Span;

/// The value of `"v"` in a packed blob.
pub const VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Packed<'a> {
    v: u32,
    #[serde(borrow)]
    s: Vec<PackedSpeaker<'a>>,
    q: Vec<PackedQuote>,
    #[serde(borrow)]
    e: Vec<PackedEntity<'a>>,
    #[serde(borrow)]
    t: Vec<PackedTopic<'a>>,
}

#[derive(Serialize, Deserialize)]
struct PackedSpeaker<'a>(
    #[serde(borrow)] Cow<'a, str>,
    EntityKind,
    #[serde(borrow)] Vec<Cow<'a, str>>,
    Vec<usize>,
);

#[derive(Serialize, Deserialize)]
struct PackedQuote(QuoteKind, usize, usize, i64, i64, i64, i64);

#[derive(Serialize, Deserialize)]
struct PackedEntity<'a>(#[serde(borrow)] Cow<'a, str>, EntityKind, Vec<usize>);

#[derive(Serialize, Deserialize)]
struct PackedTopic<'a>(#[serde(borrow)] Cow<'a, str>, f32, Vec<usize>);

fn flat(spans: &[Span]) -> Vec<usize> {
    spans.iter().flat_map(|s| [s.start(), s.end()]).collect()
}

fn index(i: Option<usize>) -> i64 {
    i.and_then(|i| i64::try_from(i).ok()).unwrap_or(-1)
}

/// The packed blob of `ann`.
#[must_use]
pub fn to_json(ann: &Annotations) -> String {
    let packed = Packed {
        v: VERSION,
        s: ann
            .speakers
            .iter()
            .map(|s| {
                let aliases = s
                    .aliases
                    .iter()
                    .map(|a| Cow::Borrowed(a.as_str()))
                    .collect();
                PackedSpeaker(Cow::Borrowed(&s.name), s.kind, aliases, flat(&s.mentions))
            })
            .collect(),
        q: ann
            .quotes
            .iter()
            .map(|q| {
                let (cue_start, cue_end) = q
                    .cue
                    .map_or((-1, -1), |c| (index(Some(c.start())), index(Some(c.end()))));
                PackedQuote(
                    q.kind,
                    q.span.start(),
                    q.span.end(),
                    index(q.speaker),
                    cue_start,
                    cue_end,
                    index(q.group),
                )
            })
            .collect(),
        e: ann
            .entities
            .iter()
            .map(|e| PackedEntity(Cow::Borrowed(&e.name), e.kind, flat(&e.mentions)))
            .collect(),
        t: ann
            .topics
            .iter()
            .map(|t| PackedTopic(Cow::Borrowed(&t.label), t.score, flat(&t.mentions)))
            .collect(),
    };
    serde_json::to_string(&packed).unwrap_or_default()
}

fn bad(what: &str) -> Error {
    Error::Input(format!("annotations: {what}"))
}

/// Reads a packed blob back over `body`.
///
/// # Errors
/// Not a packed blob, a span that does not fit `body`, or an index out of range.
pub fn from_json(text: &str, body: &Body) -> Result<Annotations> {
    let p: Packed<'_> = serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
    if p.v != VERSION {
        return Err(bad(&format!("packed version {}, expected {VERSION}", p.v)));
    }
    let span = |start: usize, end: usize| {
        body.span(start, end)
            .ok_or_else(|| bad(&format!("span {start}..{end} does not fit the body")))
    };
    let spans = |flat: &[usize]| -> Result<Vec<Span>> {
        if !flat.len().is_multiple_of(2) {
            return Err(bad("odd mention list"));
        }
        flat.chunks_exact(2)
            .map(|pair| match pair {
                [s, e] => span(*s, *e),
                _ => Err(bad("odd mention list")),
            })
            .collect()
    };
    let speakers_len = p.s.len();
    let optional = |i: i64, len: usize, what: &str| -> Result<Option<usize>> {
        match usize::try_from(i) {
            Err(_) if i == -1 => Ok(None),
            Ok(i) if i < len => Ok(Some(i)),
            _ => Err(bad(&format!("{what} {i} out of range"))),
        }
    };
    let quotes =
        p.q.iter()
            .map(
                |&PackedQuote(kind, start, end, speaker, cue_start, cue_end, group)| {
                    let cue = match (usize::try_from(cue_start), usize::try_from(cue_end)) {
                        (Ok(s), Ok(e)) => Some(span(s, e)?),
                        _ if cue_start == -1 => None,
                        _ => return Err(bad("cue out of range")),
                    };
                    Ok(Quote {
                        kind,
                        span: span(start, end)?,
                        speaker: optional(speaker, speakers_len, "speaker")?,
                        cue,
                        group: optional(group, usize::MAX, "group")?,
                    })
                },
            )
            .collect::<Result<_>>()?;
    let speakers =
        p.s.into_iter()
            .map(|PackedSpeaker(name, kind, aliases, mentions)| {
                Ok(Speaker {
                    mentions: spans(&mentions)?,
                    name: name.into_owned(),
                    kind,
                    aliases: aliases.into_iter().map(Cow::into_owned).collect(),
                })
            })
            .collect::<Result<_>>()?;
    let entities =
        p.e.into_iter()
            .map(|PackedEntity(name, kind, mentions)| {
                Ok(Entity {
                    mentions: spans(&mentions)?,
                    name: name.into_owned(),
                    kind,
                })
            })
            .collect::<Result<_>>()?;
    let topics =
        p.t.into_iter()
            .map(|PackedTopic(label, score, mentions)| {
                Ok(Topic {
                    mentions: spans(&mentions)?,
                    label: label.into_owned(),
                    score,
                })
            })
            .collect::<Result<_>>()?;
    Ok(Annotations {
        speakers,
        quotes,
        entities,
        topics,
    })
}
