//! The annotator: `annotate(&Body) -> Annotations`. Pure, no I/O; the stages run in order:
//! tokens (and their distinct words, looked up once) → sentences → entities → quotation marks → cues and sources → speakers → topics.
//! Lexicons and gazetteers ship in `assets/` and are compiled in.

pub mod attribution;
pub mod doc;
pub mod entities;
pub mod gazetteer;
pub mod json;
pub mod lexicon;
pub mod quotes;
pub mod sentences;
pub mod speakers;
pub mod tokens;
pub mod topics;
pub mod words;

use crate::model::{Annotations, Body};

/// Bumped whenever annotations for the same body can change; the store re-annotates older rows.
pub const ANNOTATOR_VERSION: u32 = 6;

/// Annotates one normalised body.
#[must_use]
pub fn annotate(body: &Body) -> Annotations {
    let text = body.as_str();
    let tokens = tokens::tokenize(text);
    let words = words::Words::new(text, &tokens);
    let sentences = sentences::split(text, &tokens);
    let entities = entities::find(text, &tokens, &words, &sentences);
    let stretches = quotes::stretches(text);
    let doc = doc::Doc::new(text, &tokens, &words, &sentences, &stretches);
    let hits = attribution::hits(&doc);
    let found = attribution::find(&doc, &stretches, &hits);
    let context: Vec<_> = hits.iter().filter_map(|h| h.source).collect();
    let (speakers, quotes) = speakers::resolve(&doc, &entities, &found, &context);
    let topics = topics::rank(text, &tokens, &words, &entities);
    Annotations {
        speakers,
        quotes,
        entities,
        topics,
    }
}
