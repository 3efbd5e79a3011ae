//! A tokenised body with the lookups the attribution rules need: lowercase forms, which tokens lie
//! inside quotation marks, and which sentence and paragraph hold a byte offset.

use crate::annotate::lexicon::{Class, Cue, Lexicon};
use crate::annotate::quotes::Stretch;
use crate::annotate::sentences::Sentence;
use crate::annotate::tokens::{Token, TokenKind};
use crate::annotate::words::Words;
use crate::span::Span;

pub struct Doc<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    /// Each token's form: lowercase, lexicon classes and cue, looked up once per distinct word.
    pub words: &'a Words<'a>,
    /// For each token, the index of the stretch whose marks enclose it (marks included).
    pub in_quote: Vec<Option<usize>>,
    /// For each token, its sentence.
    pub sentence_of: Vec<usize>,
    pub lex: &'static Lexicon,
}

impl<'a> Doc<'a> {
    #[must_use]
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        words: &'a Words<'a>,
        sentences: &'a [Sentence],
        stretches: &[Stretch],
    ) -> Self {
        let mut in_quote = vec![None; tokens.len()];
        for (k, s) in stretches.iter().enumerate() {
            let outer = s.outer();
            let first = tokens.partition_point(|t| t.span.start() < outer.start());
            for (i, t) in tokens.iter().enumerate().skip(first) {
                if t.span.start() >= outer.end() {
                    break;
                }
                in_quote[i] = Some(k);
            }
        }
        let mut sentence_of = vec![0; tokens.len()];
        for (k, s) in sentences.iter().enumerate() {
            for i in s.tokens.clone() {
                if let Some(slot) = sentence_of.get_mut(i) {
                    *slot = k;
                }
            }
        }
        Self {
            text,
            tokens,
            sentences,
            words,
            in_quote,
            sentence_of,
            lex: Lexicon::get(),
        }
    }

    /// The first token starting at or after `offset`.
    #[must_use]
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start() < offset)
    }

    #[must_use]
    pub fn word(&self, i: usize) -> &str {
        self.words.lower(i)
    }

    /// The cue that token `i` is, if any.
    #[must_use]
    pub fn cue(&self, i: usize) -> Option<Cue> {
        self.words.of(i).and_then(|f| f.cue)
    }

    #[must_use]
    pub fn raw(&self, i: usize) -> &'a str {
        // The form's text is the token's, without slicing the body again.
        self.words.of(i).map_or("", |f| f.text)
    }

    #[must_use]
    pub fn is(&self, i: usize, class: Class) -> bool {
        self.words
            .of(i)
            .is_some_and(|f| f.classes & class.bit() != 0)
    }

    #[must_use]
    pub fn is_punct(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct)
    }

    #[must_use]
    pub fn is_cap(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word)
            && self.words.of(i).is_some_and(|f| f.capitalized)
    }

    #[must_use]
    pub fn is_quote_mark(&self, i: usize) -> bool {
        matches!(
            self.raw(i),
            "“" | "”" | "\"" | "‘" | "’" | "'" | "«" | "»" | "„"
        )
    }

    /// Span from the start of token `a` to the end of token `b` (inclusive).
    #[must_use]
    pub fn span(&self, a: usize, b: usize) -> Option<Span> {
        let (ta, tb) = (self.tokens.get(a)?, self.tokens.get(b)?);
        Span::new(self.text, ta.span.start(), tb.span.end())
    }

    /// The paragraph number of token `i`.
    #[must_use]
    pub fn para(&self, i: usize) -> usize {
        self.sentence_of
            .get(i)
            .and_then(|&s| self.sentences.get(s))
            .map_or(0, |s| s.para)
    }
}
