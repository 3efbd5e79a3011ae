//! The `byline.annotations/1` JSON shape (see `docs/ANNOTATION.md`), written from `Annotations`.

mod write;

use serde::Serialize;

pub use write::{
    annotations as write_annotations, annotations_ascii as write_annotations_ascii,
    number as write_number, string as write_string,
};

use crate::model::{Annotations, Document};
use crate::span::Span;

pub const SCHEMA: &str = "byline.annotations/1";

#[derive(Debug, Serialize)]
pub struct AnnotationsJson<'a> {
    pub schema: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a serde_json::Value>,
    pub title: Option<&'a str>,
    pub body: &'a str,
    pub annotator_version: u32,
    pub speakers: Vec<SpeakerJson<'a>>,
    pub quotes: Vec<QuoteJson<'a>>,
    pub entities: Vec<EntityJson<'a>>,
    pub topics: Vec<TopicJson<'a>>,
}

/// A span. Mentions of speakers, entities and topics are bare offsets, as in the schema (their
/// text is the body's, and repeating it would triple the output); a cue carries its word.
#[derive(Debug, Serialize)]
pub struct MentionJson<'a> {
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct SpeakerJson<'a> {
    pub id: String,
    pub name: &'a str,
    pub kind: &'static str,
    pub aliases: &'a [String],
    pub mentions: Vec<MentionJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct QuoteJson<'a> {
    pub id: String,
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub speaker: Option<String>,
    pub cue: Option<MentionJson<'a>>,
    /// Quotes broken by their attribution share a group id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// A few words either side, so the quote can be found again in a changed text.
    pub context: ContextJson<'a>,
}

#[derive(Debug, Serialize)]
pub struct ContextJson<'a> {
    pub prefix: &'a str,
    pub suffix: &'a str,
}

#[derive(Debug, Serialize)]
pub struct EntityJson<'a> {
    pub name: &'a str,
    pub kind: &'static str,
    pub mentions: Vec<MentionJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TopicJson<'a> {
    pub label: &'a str,
    pub score: f32,
    pub mentions: Vec<MentionJson<'a>>,
}

/// A bare mention: offsets only.
fn mention(span: Span) -> MentionJson<'static> {
    MentionJson {
        start: span.start(),
        end: span.end(),
        text: None,
    }
}

/// A cue: offsets and its word.
fn cue(text: &str, span: Span) -> MentionJson<'_> {
    MentionJson {
        start: span.start(),
        end: span.end(),
        text: Some(span.slice(text)),
    }
}

/// Up to `n` bytes (on char boundaries) before and after the span.
#[must_use]
pub fn context(text: &str, span: Span, n: usize) -> (&str, &str) {
    let mut a = span.start().saturating_sub(n);
    while !text.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (span.end() + n).min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    (
        text.get(a..span.start()).unwrap_or(""),
        text.get(span.end()..b).unwrap_or(""),
    )
}

/// Builds the JSON view of one annotated document.
#[must_use]
pub fn to_json<'a>(
    doc: &'a Document,
    ann: &'a Annotations,
    id: Option<&'a serde_json::Value>,
) -> AnnotationsJson<'a> {
    let text = doc.body.as_str();
    AnnotationsJson {
        schema: SCHEMA,
        id,
        title: doc.title.as_deref(),
        body: text,
        annotator_version: super::ANNOTATOR_VERSION,
        speakers: ann
            .speakers
            .iter()
            .enumerate()
            .map(|(i, s)| SpeakerJson {
                id: format!("s{}", i + 1),
                name: &s.name,
                kind: s.kind.as_str(),
                aliases: &s.aliases,
                mentions: s.mentions.iter().map(|m| mention(*m)).collect(),
            })
            .collect(),
        quotes: ann
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let (prefix, suffix) = context(text, q.span, 32);
                QuoteJson {
                    id: format!("q{}", i + 1),
                    kind: q.kind.as_str(),
                    start: q.span.start(),
                    end: q.span.end(),
                    text: q.span.slice(text),
                    speaker: q.speaker.map(|s| format!("s{}", s + 1)),
                    cue: q.cue.map(|c| cue(text, c)),
                    group: q.group.map(|g| format!("g{}", g + 1)),
                    context: ContextJson { prefix, suffix },
                }
            })
            .collect(),
        entities: ann
            .entities
            .iter()
            .map(|e| EntityJson {
                name: &e.name,
                kind: e.kind.as_str(),
                mentions: e.mentions.iter().map(|m| mention(*m)).collect(),
            })
            .collect(),
        topics: ann
            .topics
            .iter()
            .map(|t| TopicJson {
                label: &t.label,
                score: t.score,
                mentions: t.mentions.iter().map(|m| mention(*m)).collect(),
            })
            .collect(),
    }
}
