//! Words, numbers and punctuation with their byte spans. Possessive `’s`/`'s` is its own token
//! ("Russia’s" → "Russia", "’s"); dotted initials stay whole ("U.S.", "D.C.").

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// A paragraph break (blank line) or line break separates this token from the previous one.
    pub para_start: bool,
}

impl Token {
    #[must_use]
    pub fn text(self, text: &str) -> &str {
        self.span.slice(text)
    }

    /// First character is uppercase.
    #[must_use]
    pub fn is_capitalized(self, text: &str) -> bool {
        self.kind == TokenKind::Word
            && self
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Splits `text` into tokens. Whitespace separates; a newline marks the next token `para_start`.
#[must_use]
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let ch = |i: usize| if i < n { Some(chars[i].1) } else { None };
    let mut i = 0;
    let mut para = true;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' {
                para = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            kind = if numeric {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            i += 1;
            loop {
                match ch(i) {
                    Some(c2) if c2.is_alphanumeric() || is_mark(c2) => i += 1,
                    Some('-' | '‑') if ch(i + 1).is_some_and(char::is_alphanumeric) => i += 1,
                    Some(c2) if is_apostrophe(c2) && ch(i + 1).is_some_and(char::is_alphabetic) => {
                        // Possessive or contraction 's at the end of a word: split it off.
                        let s_end = matches!(ch(i + 1), Some('s' | 'S'))
                            && !ch(i + 2).is_some_and(char::is_alphanumeric);
                        if s_end {
                            break;
                        }
                        i += 1;
                    }
                    Some(',' | '.') if numeric && ch(i + 1).is_some_and(|d| d.is_ascii_digit()) => {
                        i += 1
                    }
                    Some('.')
                        if is_initials(&chars[start..i])
                            && ch(i + 1).is_some_and(char::is_alphabetic) =>
                    {
                        i += 1
                    }
                    _ => break,
                }
            }
            // Dotted initials keep their final dot: "U.S." (but not a lone "A.").
            if ch(i) == Some('.') && i - start >= 3 && is_initials(&chars[start..i]) {
                i += 1;
            }
        } else if is_apostrophe(c)
            && matches!(ch(i + 1), Some('s' | 'S'))
            && !ch(i + 2).is_some_and(char::is_alphanumeric)
            && i > 0
            && chars[i - 1].1.is_alphanumeric()
        {
            kind = TokenKind::Word;
            i += 2;
        } else {
            kind = TokenKind::Punct;
            i += 1;
        }
        if let Some(span) = Span::new(text, byte_at(start), byte_at(i)) {
            out.push(Token {
                span,
                kind,
                para_start: para,
            });
        }
        para = false;
    }
    out
}

fn is_mark(c: char) -> bool {
    // Combining marks keep a word whole even in text that is not NFC-composable.
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Letters separated by dots, each a single letter: "U", "U.S", "D.C".
fn is_initials(chars: &[(usize, char)]) -> bool {
    chars.iter().enumerate().all(|(k, &(_, c))| {
        if k % 2 == 0 {
            c.is_alphabetic()
        } else {
            c == '.'
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokenize(t).iter().map(|k| k.text(t)).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("Russia’s cyber", &["Russia", "’s", "cyber"]),
            ("don't O’Brien", &["don't", "O’Brien"]),
            ("the U.S. and D.C.", &["the", "U.S.", "and", "D.C."]),
            ("near-term G-20", &["near-term", "G-20"]),
            ("1,000.5 people", &["1,000.5", "people"]),
            ("“Hi,” he said.", &["“", "Hi", ",", "”", "he", "said", "."]),
            ("officials’ view", &["officials", "’", "view"]),
            ("A. Lincoln", &["A", ".", "Lincoln"]),
            ("both… to", &["both", "…", "to"]),
        ];
        for (t, want) in cases {
            assert_eq!(words(t), *want, "{t}");
        }
    }

    #[test]
    fn paragraph_flags() {
        let t = "one two\n\nthree";
        let toks = tokenize(t);
        assert_eq!(
            toks.iter().map(|k| k.para_start).collect::<Vec<_>>(),
            vec![true, false, true]
        );
    }
}
