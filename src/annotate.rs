//! The annotator: `annotate(&Body) -> Annotations`. Pure, no I/O; the stages run in order:
//! tokens → sentences → entities → quotes (marks) → cues and attribution → speakers → topics.
//! Lexicons and gazetteers ship in `assets/` and are compiled in.

pub mod entities;
pub mod gazetteer;
pub mod json;
pub mod lexicon;
pub mod quotes;
pub mod sentences;
pub mod speakers;
pub mod tokens;
pub mod topics;

use crate::model::{Annotations, Body};

/// Bumped whenever annotations for the same body can change; the store re-annotates older rows.
pub const ANNOTATOR_VERSION: u32 = 1;

/// Annotates one normalised body.
#[must_use]
pub fn annotate(body: &Body) -> Annotations {
    let text = body.as_str();
    let tokens = tokens::tokenize(text);
    let sentences = sentences::split(text, &tokens);
    let entities = entities::find(text, &tokens, &sentences);
    let found = quotes::find(text, &tokens, &sentences, &entities);
    let (speakers, quotes) = speakers::resolve(text, &tokens, &sentences, &entities, found);
    let topics = topics::rank(text, &tokens, &entities);
    Annotations { speakers, quotes, entities, topics }
}
