//! Cues and sources. For each sentence, cue words (`said`, `told`, `according to`, …) outside
//! quotation marks are found with their source phrase (before the cue: "a senior US official
//! said"; after it: "said Mr Smith") and, for reported speech, the reported content. Each quoted
//! stretch then takes the cue right after it (“…,” she said), else the one before it in its
//! sentence (she said, “…”), else the attribution of a neighbouring quote in its paragraph, else
//! the last source of the paragraph before (a quote-only paragraph after a speaker's paragraph).

mod assign;
mod cues;
mod phrases;

pub use assign::find;
pub use cues::hits;

use crate::model::QuoteKind;
use crate::span::Span;

/// Where a source phrase is and which token names who speaks ("the head of the railway" → "head").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub span: Span,
    pub head: usize,
}

/// A cue word with its source and, for reported speech, its content.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub cue: Span,
    pub cue_tok: usize,
    pub source: Option<Source>,
    pub content: Option<Span>,
    pub weak: bool,
}

/// A quote found, before speakers are resolved.
#[derive(Clone, Copy, Debug)]
pub struct Found {
    pub kind: QuoteKind,
    pub span: Span,
    pub cue: Option<Span>,
    pub source: Option<Source>,
    pub group: Option<usize>,
}
