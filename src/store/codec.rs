//! The stored annotation blob: the packed form written now (`packed`), and a reader for it and
//! for `byline.annotations/1` JSON (the compact form earlier libraries stored, or the full one). The reader is the
//! inverse of `annotate::json`: every span is rebuilt with `Span::new` against the stored body,
//! so a blob that does not fit its body is an error, not a panic.

use std::collections::HashMap;

use serde::Deserialize;

mod packed;

use crate::annotate::json;
use crate::error::{Error, Result};
use crate::model::{Annotations, Body, Entity, EntityKind, Quote, QuoteKind, Speaker, Topic};
use crate::span::Span;

#[derive(Deserialize)]
struct FileJson {
    schema: String,
    #[serde(default)]
    speakers: Vec<SpeakerJson>,
    #[serde(default)]
    quotes: Vec<QuoteJson>,
    #[serde(default)]
    entities: Vec<EntityJson>,
    #[serde(default)]
    topics: Vec<TopicJson>,
}

#[derive(Deserialize)]
struct MentionJson {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct SpeakerJson {
    id: String,
    name: String,
    kind: EntityKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    mentions: Vec<MentionJson>,
}

#[derive(Deserialize)]
struct QuoteJson {
    kind: QuoteKind,
    start: usize,
    end: usize,
    speaker: Option<String>,
    cue: Option<MentionJson>,
    group: Option<String>,
}

#[derive(Deserialize)]
struct EntityJson {
    name: String,
    kind: EntityKind,
    #[serde(default)]
    mentions: Vec<MentionJson>,
}

#[derive(Deserialize)]
struct TopicJson {
    label: String,
    score: f32,
    #[serde(default)]
    mentions: Vec<MentionJson>,
}

/// Reads a stored blob (packed, or the `byline.annotations/1` form that libraries written before
/// the packed one hold) back into `Annotations` over `body`.
///
/// # Errors
/// Not JSON, another schema, a span that does not fit `body`, or an unknown speaker id.
pub fn annotations_from_json(text: &str, body: &Body) -> Result<Annotations> {
    if text.starts_with("{\"v\":") {
        return packed::from_json(text, body);
    }
    let f: FileJson =
        serde_json::from_str(text).map_err(|e| Error::Input(format!("annotations: {e}")))?;
    if f.schema != json::SCHEMA {
        return Err(Error::Input(format!(
            "annotations: schema '{}', expected '{}'",
            f.schema,
            json::SCHEMA
        )));
    }
    let span = |m: &MentionJson| {
        body.span(m.start, m.end).ok_or_else(|| {
            Error::Input(format!(
                "annotations: span {}..{} does not fit the body",
                m.start, m.end
            ))
        })
    };
    let spans = |ms: &[MentionJson]| ms.iter().map(span).collect::<Result<Vec<Span>>>();
    let ids: HashMap<&str, usize> = f
        .speakers
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut groups: HashMap<&str, usize> = HashMap::new();
    let mut quotes = Vec::with_capacity(f.quotes.len());
    for q in &f.quotes {
        let speaker = match q.speaker.as_deref() {
            None => None,
            Some(id) => Some(
                *ids.get(id)
                    .ok_or_else(|| Error::Input(format!("annotations: unknown speaker '{id}'")))?,
            ),
        };
        let group = q.group.as_deref().map(|g| {
            let n = groups.len();
            *groups.entry(g).or_insert(n)
        });
        quotes.push(Quote {
            kind: q.kind,
            span: span(&MentionJson {
                start: q.start,
                end: q.end,
            })?,
            speaker,
            cue: q.cue.as_ref().map(span).transpose()?,
            group,
        });
    }
    let speakers = f
        .speakers
        .into_iter()
        .map(|s| {
            Ok(Speaker {
                mentions: spans(&s.mentions)?,
                name: s.name,
                kind: s.kind,
                aliases: s.aliases,
            })
        })
        .collect::<Result<_>>()?;
    let entities = f
        .entities
        .into_iter()
        .map(|e| {
            Ok(Entity {
                mentions: spans(&e.mentions)?,
                name: e.name,
                kind: e.kind,
            })
        })
        .collect::<Result<_>>()?;
    let topics = f
        .topics
        .into_iter()
        .map(|t| {
            Ok(Topic {
                mentions: spans(&t.mentions)?,
                label: t.label,
                score: t.score,
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

/// The blob stored for one article: the packed form (see `packed`). The body and the
/// `text`/`context` copies are left out (the body is in the article row and the blob is always
/// read back against it); `byline export` writes the full `byline.annotations/1` form.
#[must_use]
pub fn annotations_to_json(ann: &Annotations) -> String {
    packed::to_json(ann)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::body_hash;
    use crate::text::normalize::normalize;

    #[test]
    fn round_trip_through_json() {
        let body = normalize("“We will win,” said Ana Diaz. Diaz said the plan was “candid”.");
        let t = body.as_str();
        let at = |s: &str| {
            let i = t.find(s).expect("in the text");
            Span::new(t, i, i + s.len()).expect("on char boundaries")
        };
        let ann = Annotations {
            speakers: vec![Speaker {
                name: "Ana Diaz".into(),
                kind: EntityKind::Person,
                aliases: vec!["Diaz".into()],
                mentions: vec![at("Ana Diaz"), at("Diaz said")],
            }],
            quotes: vec![
                Quote {
                    kind: QuoteKind::Direct,
                    span: at("We will win,"),
                    speaker: Some(0),
                    cue: Some(at("said")),
                    group: Some(0),
                },
                Quote {
                    kind: QuoteKind::Partial,
                    span: at("candid"),
                    speaker: Some(0),
                    cue: None,
                    group: None,
                },
            ],
            entities: vec![Entity {
                name: "Ana Diaz".into(),
                kind: EntityKind::Person,
                mentions: vec![at("Ana Diaz")],
            }],
            topics: vec![Topic {
                label: "plan".into(),
                score: 0.5,
                mentions: vec![at("plan")],
            }],
        };
        let packed = annotations_to_json(&ann);
        assert!(packed.starts_with("{\"v\":2,"), "{packed}");
        let back = annotations_from_json(&packed, &body);
        assert_eq!(back.ok(), Some(ann.clone()));
        // Libraries written before the packed form hold `byline.annotations/1` blobs.
        let doc = crate::model::Document {
            title: None,
            body: body.clone(),
        };
        let schema_form = serde_json::to_string(&crate::annotate::json::to_json(&doc, &ann, None))
            .expect("serialises");
        let back = annotations_from_json(&schema_form, &body);
        assert_eq!(back.ok(), Some(ann));
    }

    #[test]
    fn rejects_bad_input() {
        let body = normalize("héllo");
        for bad in [
            "not json",
            r#"{"schema":"other/1"}"#,
            r#"{"schema":"byline.annotations/1","quotes":[{"kind":"direct","start":0,"end":2,"speaker":null,"cue":null}]}"#,
            r#"{"schema":"byline.annotations/1","quotes":[{"kind":"direct","start":0,"end":1,"speaker":"s9","cue":null}]}"#,
            r#"{"schema":"byline.annotations/1","quotes":[{"kind":"direct","start":0,"end":99,"speaker":null,"cue":null}]}"#,
            r#"{"v":3,"s":[],"q":[],"e":[],"t":[]}"#,
            r#"{"v":2,"s":[],"q":[["direct",0,2,-1,-1,-1,-1]],"e":[],"t":[]}"#,
            r#"{"v":2,"s":[],"q":[["direct",0,1,0,-1,-1,-1]],"e":[],"t":[]}"#,
            r#"{"v":2,"s":[],"q":[["direct",0,1,-1,0,-1,-1]],"e":[],"t":[]}"#,
            r#"{"v":2,"s":[["x","person",[],[0]]],"q":[],"e":[],"t":[]}"#,
            r#"{"v":2,"s":[],"q":[],"e":[],"t":[["x",0.5,[0,99]]]}"#,
        ] {
            assert!(annotations_from_json(bad, &body).is_err(), "{bad}");
        }
    }

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            body_hash(&normalize("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
