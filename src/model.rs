//! Plain data shared by every layer: the normalised `Body` and the annotations made on it.
//! No I/O here; JSON and SQLite shapes live with their writers.

use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The canonical article text that every offset in byline indexes. Built only by
/// [`crate::text::normalize::normalize`] (or restored from the store), never edited afterwards.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Body(String);

impl Body {
    /// Wraps text that is already normalised (read back from the store or made by `normalize`).
    #[must_use]
    pub const fn from_normalized(text: String) -> Self {
        Self(text)
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[must_use]
    pub fn span(&self, start: usize, end: usize) -> Option<Span> {
        Span::new(&self.0, start, end)
    }

    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }
}

/// An article as a reader sees it: optional title and the normalised body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub title: Option<String>,
    pub body: Body,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quotation marks that are the whole of what is attributed.
    Direct,
    /// A few quoted words inside reported speech ("described it as “candid”").
    Partial,
    /// Reported speech: the span is the reported content.
    Indirect,
}

impl QuoteKind {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Partial => "partial",
            Self::Indirect => "indirect",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Org,
    Place,
    Other,
}

impl EntityKind {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Org => "org",
            Self::Place => "place",
            Self::Other => "other",
        }
    }
}

/// Index of a speaker in `Annotations::speakers`.
pub type SpeakerIdx = usize;

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub kind: QuoteKind,
    pub span: Span,
    pub speaker: Option<SpeakerIdx>,
    pub cue: Option<Span>,
    /// Quotes broken by their attribution (“…,” he said, “…”) share a group number.
    pub group: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// Canonical name: the fullest form used in the article ("Barack Obama", "a senior US official").
    pub name: String,
    pub kind: EntityKind,
    /// Other ways the article names the speaker ("Obama", "Mr Obama", "the President").
    pub aliases: Vec<String>,
    /// Every mention, pronouns included, sorted by start.
    pub mentions: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub mentions: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    pub label: String,
    pub score: f32,
    pub mentions: Vec<Span>,
}

/// Everything the annotator found in one body. Quotes are sorted by start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annotations {
    pub speakers: Vec<Speaker>,
    pub quotes: Vec<Quote>,
    pub entities: Vec<Entity>,
    pub topics: Vec<Topic>,
}

/// One row of the article list: what the list and side views need without loading the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Library id (0 for articles not in a library, such as files opened directly).
    pub id: i64,
    pub feed_id: Option<i64>,
    /// Feed title or file name: where the article came from.
    pub source: String,
    pub title: String,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Unix seconds.
    pub published: Option<i64>,
    pub read: bool,
    pub starred: bool,
    pub quote_count: u32,
}
