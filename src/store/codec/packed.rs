//! The packed blob the store writes (`{"v":2,…}`): the same annotations as the compact
//! `byline.annotations/1` form, but as JSON arrays, with speakers and groups as indexes and
//! mentions as flat `[start, end, start, end, …]` lists. A 620-word article's blob went from
//! ~5.9 KB to ~2 KB, which is most of what a fetch writes after the bodies.
//!
//! Speakers: `[name, kind, [aliases], [mentions]]`; quotes: `[kind, start, end, speaker, cue
//! start, cue end, group]` with `-1` for none; entities: `[name, kind, [mentions]]`; topics:
//! `[label, score, [mentions]]`.

use std::borrow::Cow;

use serde::Deserialize;

use crate::annotate::json::{write_number, write_string};

use crate::error::{Error, Result};
use crate::model::{Annotations, Body, Entity, EntityKind, Quote, QuoteKind, Speaker, Topic};
use crate::span::Span;

/// The value of `"v"` in a packed blob.
pub const VERSION: u32 = 2;

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
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

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct PackedSpeaker<'a>(
    #[serde(borrow)] Cow<'a, str>,
    EntityKind,
    #[serde(borrow)] Vec<Cow<'a, str>>,
    Vec<usize>,
);

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct PackedQuote(QuoteKind, usize, usize, i64, i64, i64, i64);

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct PackedEntity<'a>(#[serde(borrow)] Cow<'a, str>, EntityKind, Vec<usize>);

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct PackedTopic<'a>(#[serde(borrow)] Cow<'a, str>, f32, Vec<usize>);

/// The packed blob of `ann`: the bytes `serde_json` writes for [`Packed`], written directly (a
/// fetch makes one per article, and the serde form built a vector per mention list and per
/// speaker's aliases first).
#[must_use]
pub fn to_json(ann: &Annotations) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(512 + 16 * mention_count(ann));
    out.extend_from_slice(b"{\"v\":");
    write_number(&mut out, usize::try_from(VERSION).unwrap_or_default());
    out.extend_from_slice(b",\"s\":[");
    for (i, s) in ann.speakers.iter().enumerate() {
        comma(&mut out, i);
        out.push(b'[');
        write_string(&mut out, &s.name);
        out.push(b',');
        write_string(&mut out, s.kind.as_str());
        out.extend_from_slice(b",[");
        for (j, a) in s.aliases.iter().enumerate() {
            comma(&mut out, j);
            write_string(&mut out, a);
        }
        out.extend_from_slice(b"],");
        flat(&mut out, &s.mentions);
        out.push(b']');
    }
    out.extend_from_slice(b"],\"q\":[");
    for (i, q) in ann.quotes.iter().enumerate() {
        comma(&mut out, i);
        out.push(b'[');
        write_string(&mut out, q.kind.as_str());
        for n in [q.span.start(), q.span.end()] {
            out.push(b',');
            write_number(&mut out, n);
        }
        let (cue_start, cue_end) = q
            .cue
            .map_or((None, None), |c| (Some(c.start()), Some(c.end())));
        for n in [q.speaker, cue_start, cue_end, q.group] {
            out.push(b',');
            index(&mut out, n);
        }
        out.push(b']');
    }
    out.extend_from_slice(b"],\"e\":[");
    for (i, e) in ann.entities.iter().enumerate() {
        comma(&mut out, i);
        out.push(b'[');
        write_string(&mut out, &e.name);
        out.push(b',');
        write_string(&mut out, e.kind.as_str());
        out.push(b',');
        flat(&mut out, &e.mentions);
        out.push(b']');
    }
    out.extend_from_slice(b"],\"t\":[");
    for (i, t) in ann.topics.iter().enumerate() {
        comma(&mut out, i);
        out.push(b'[');
        write_string(&mut out, &t.label);
        out.push(b',');
        // Scores are finite (0..1); serde_json writes a non-finite one as `null`, and so do we.
        if serde_json::to_writer(&mut out, &t.score).is_err() {
            out.extend_from_slice(b"null");
        }
        out.push(b',');
        flat(&mut out, &t.mentions);
        out.push(b']');
    }
    out.extend_from_slice(b"]}");
    // Only whole UTF-8 strings and ASCII were written.
    String::from_utf8(out).unwrap_or_default()
}

fn mention_count(ann: &Annotations) -> usize {
    ann.speakers.iter().map(|s| s.mentions.len()).sum::<usize>()
        + ann.quotes.len()
        + ann.entities.iter().map(|e| e.mentions.len()).sum::<usize>()
        + ann.topics.iter().map(|t| t.mentions.len()).sum::<usize>()
}

fn comma(out: &mut Vec<u8>, i: usize) {
    if i > 0 {
        out.push(b',');
    }
}

/// Mentions as `[start,end,start,end,…]`.
fn flat(out: &mut Vec<u8>, spans: &[Span]) {
    out.push(b'[');
    for (i, s) in spans.iter().enumerate() {
        comma(out, i);
        write_number(out, s.start());
        out.push(b',');
        write_number(out, s.end());
    }
    out.push(b']');
}

/// An index, or `-1` for none.
fn index(out: &mut Vec<u8>, i: Option<usize>) {
    match i {
        Some(i) if i64::try_from(i).is_ok() => write_number(out, i),
        _ => out.extend_from_slice(b"-1"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::annotate;
    use crate::text::document;

    /// The blob as the serde form of [`Packed`] writes it: what `to_json` must match byte for byte.
    fn serde_form(ann: &Annotations) -> String {
        let flat = |spans: &[Span]| spans.iter().flat_map(|s| [s.start(), s.end()]).collect();
        let index = |i: Option<usize>| i.and_then(|i| i64::try_from(i).ok()).unwrap_or(-1);
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
                    PackedQuote(
                        q.kind,
                        q.span.start(),
                        q.span.end(),
                        index(q.speaker),
                        index(q.cue.map(|c| c.start())),
                        index(q.cue.map(|c| c.end())),
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

    #[test]
    fn same_bytes_as_serde_and_round_trips() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("assets/articles") {
            let path = entry.expect("entry").path();
            let raw = std::fs::read_to_string(&path).expect("article");
            let doc = document::parse(&raw, None);
            let ann = annotate(&doc.body);
            assert!(!ann.quotes.is_empty(), "{}", path.display());
            let blob = to_json(&ann);
            assert_eq!(blob, serde_form(&ann), "{}", path.display());
            assert_eq!(from_json(&blob, &doc.body).ok(), Some(ann));
            seen += 1;
        }
        assert!(seen >= 3);
        let empty = Annotations::default();
        assert_eq!(to_json(&empty), serde_form(&empty));
        assert_eq!(to_json(&empty), r#"{"v":2,"s":[],"q":[],"e":[],"t":[]}"#);
    }
}
