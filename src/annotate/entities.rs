//! People, organisations and places: capitalised name sequences, titles and gazetteers.
//! (Placeholder until the entity stage lands.)

use crate::annotate::sentences::Sentence;
use crate::annotate::tokens::Token;
use crate::model::Entity;

/// Finds the named entities of `text`, each with every mention, sorted by first mention.
#[must_use]
pub fn find(_text: &str, _tokens: &[Token], _sentences: &[Sentence]) -> Vec<Entity> {
    Vec::new()
}
