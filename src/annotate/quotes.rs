//! Quote spans. (Placeholder.)

use crate::annotate::sentences::Sentence;
use crate::annotate::tokens::Token;
use crate::model::Entity;
use crate::model::Quote;

#[must_use]
pub fn find(_text: &str, _tokens: &[Token], _sentences: &[Sentence], _entities: &[Entity]) -> Vec<Quote> {
    Vec::new()
}
