//! People, organisations and places: capitalised name sequences read with titles and the
//! gazetteers of `assets/gazetteer/`, then merged so that each person is one entity however named.
//!
//! Stage order: `chunk` cuts capitalised sequences and reads each one (title + name, place, org,
//! unresolved single word); `people` merges full names, resolves single words and roles
//! ("the President") and keys places and organisations by canonical name. Pure, no I/O.

mod chunk;
mod people;
mod read;

use crate::annotate::sentences::Sentence;
use crate::annotate::tokens::Token;
use crate::annotate::words::Words;
use crate::model::Entity;
use crate::span::Span;

pub use crate::annotate::gazetteer::is_person_name;
pub use chunk::{is_speech_verb, speech_verbs};
pub use people::edit_distance;
pub use read::tidy;

/// Finds the named entities of `text`, each with every mention, sorted by first mention.
#[must_use]
pub fn find(
    text: &str,
    tokens: &[Token],
    words: &Words<'_>,
    sentences: &[Sentence],
) -> Vec<Entity> {
    let cx = chunk::Ctx::new(text, tokens, words, sentences);
    let pieces = chunk::pieces(&cx);
    let roles = read::roles(&cx);
    people::assemble(text, &pieces, &roles)
}

/// The entity with a mention overlapping `span` (the first such, in entity order).
#[must_use]
pub fn entity_at(entities: &[Entity], span: Span) -> Option<usize> {
    entities.iter().position(|e| {
        e.mentions
            .iter()
            .any(|m| m.overlaps(span) || (span.is_empty() && m.contains(span.start())))
    })
}

#[cfg(test)]
mod dev_corpus;
#[cfg(test)]
mod tests;
