//! Ranked topic labels from keyphrase statistics and entities. (Placeholder.)

use crate::annotate::tokens::Token;
use crate::model::{Entity, Topic};

/// 5–10 ranked, de-duplicated topics.
#[must_use]
pub fn rank(_text: &str, _tokens: &[Token], _entities: &[Entity]) -> Vec<Topic> {
    Vec::new()
}
