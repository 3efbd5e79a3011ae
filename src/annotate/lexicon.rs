//! Lexicons compiled in from `assets/lexicon/`.
