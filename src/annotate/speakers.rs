//! Attribution and speakers. (Placeholder.)

use crate::annotate::sentences::Sentence;
use crate::annotate::tokens::Token;
use crate::model::{Entity, Quote, Speaker};

#[must_use]
pub fn resolve(
    _text: &str,
    _tokens: &[Token],
    _sentences: &[Sentence],
    _entities: &[Entity],
    quotes: Vec<Quote>,
) -> (Vec<Speaker>, Vec<Quote>) {
    (Vec::new(), quotes)
}
