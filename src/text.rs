//! Text preparation: from raw input (plain text, Markdown, HTML) to the canonical `Body`.

pub mod document;
pub mod html;
pub mod markdown;
pub mod normalize;
pub mod wrap;
