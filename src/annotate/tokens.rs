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

/// What a byte starts, for the tokenizer's dispatch.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// ASCII whitespace other than the newline.
    Space,
    Newline,
    Letter,
    Digit,
    /// `'`: a possessive or a punctuation mark.
    Apostrophe,
    /// Any other ASCII byte: one punctuation token.
    Punct,
    /// The first byte of a character beyond ASCII (or a continuation byte, never seen here).
    Other,
}

/// `LEAD[b]`: what byte `b` starts.
const LEAD: [Lead; 256] = {
    let mut t = [Lead::Other; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c == b'\n' {
            Lead::Newline
        } else if c.is_ascii_whitespace() || c == 0x0b {
            Lead::Space
        } else if c.is_ascii_alphabetic() {
            Lead::Letter
        } else if c.is_ascii_digit() {
            Lead::Digit
        } else if c == b'\'' {
            Lead::Apostrophe
        } else {
            Lead::Punct
        };
        b += 1;
    }
    t
};

/// Splits `text` into tokens. Whitespace separates; a newline marks the next token `para_start`.
#[must_use]
pub fn tokenize(text: &str) -> Vec<Token> {
    // About one token per five bytes of English text; one more reservation at most.
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut para = true;
    // Byte positions throughout: ASCII (most of any English text) is dispatched on its byte by
    // table, and a character is decoded only where one beyond ASCII starts.
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let (kind, end) = match LEAD[usize::from(b)] {
            Lead::Space => {
                i += 1;
                continue;
            }
            Lead::Newline => {
                para = true;
                i += 1;
                continue;
            }
            Lead::Letter => (TokenKind::Word, ascii_word_end(text, start, i + 1, false)),
            Lead::Digit => (TokenKind::Number, ascii_word_end(text, start, i + 1, true)),
            Lead::Apostrophe if possessive_after(text, start, i + 1) => {
                // A possessive after a word: "Jones's" → "Jones", "'s".
                (TokenKind::Word, i + 2)
            }
            Lead::Apostrophe | Lead::Punct => (TokenKind::Punct, i + 1),
            Lead::Other => {
                let Some(c) = char_at(text, i) else { break };
                let next = i + c.len_utf8();
                if c.is_whitespace() {
                    i = next;
                    continue;
                }
                if c.is_alphanumeric() {
                    (TokenKind::Word, word_end(text, start, next, false))
                } else if c == '’' && possessive_after(text, start, next) {
                    (TokenKind::Word, next + 1)
                } else {
                    (TokenKind::Punct, next)
                }
            }
        };
        i = end;
        if let Some(span) = Span::new(text, start, end) {
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

/// `ASCII_ALNUM[b]`: byte `b` is an ASCII letter or digit.
const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// [`word_end`] for a word or number starting with an ASCII letter or digit. Most are a run of
/// ASCII letters and digits ended by a space or punctuation: that is settled here, and only a
/// word going on through `-`, `'`, `,`, `.` or a non-ASCII character is read the long way.
fn ascii_word_end(text: &str, start: usize, next: usize, numeric: bool) -> usize {
    let bytes = text.as_bytes();
    let run = next
        + bytes
            .get(next..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| ASCII_ALNUM[usize::from(b)])
            .count();
    match bytes.get(run) {
        None => run,
        // A comma or dot goes on only inside a number ("1,000.5") or dotted initials ("U.S.",
        // whose letters come one at a time): after a word ("said,") it is punctuation.
        Some(b',' | b'.') if numeric => {
            if bytes.get(run + 1).is_some_and(u8::is_ascii_digit) {
                word_end(text, start, run, numeric)
            } else {
                run
            }
        }
        Some(b',') => run,
        Some(b'.') if run - start > 1 => run,
        Some(&b) if b.is_ascii() && !matches!(b, b'-' | b'\'' | b'.') => run,
        Some(_) => word_end(text, start, run, numeric),
    }
}

/// The end of the word or number that starts at `start`, whose first character ends at `i`.
fn word_end(text: &str, start: usize, mut i: usize, numeric: bool) -> usize {
    let bytes = text.as_bytes();
    let at = |i: usize| char_at(text, i);
    let after = |i: usize| at(i).map_or(i, |c| i + c.len_utf8());
    loop {
        // ASCII letters and digits continue a word (a run of them at a time, by table); other ASCII
        // but these four ends it.
        i += bytes
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| ASCII_ALNUM[usize::from(b)])
            .count();
        match bytes.get(i) {
            Some(b'-' | b'\'' | b',' | b'.') => {}
            Some(b) if b.is_ascii() => break,
            _ => {}
        }
        let Some(c2) = at(i) else { break };
        let n1 = after(i);
        match c2 {
            c2 if c2.is_alphanumeric() || is_mark(c2) => i = n1,
            '-' | '‑' if at(n1).is_some_and(char::is_alphanumeric) => i = n1,
            c2 if is_apostrophe(c2) && at(n1).is_some_and(char::is_alphabetic) => {
                // Possessive or contraction 's at the end of a word: split it off.
                let s_end = matches!(at(n1), Some('s' | 'S'))
                    && !at(after(n1)).is_some_and(char::is_alphanumeric);
                if s_end {
                    break;
                }
                i = n1;
            }
            ',' | '.' if numeric && at(n1).is_some_and(|d| d.is_ascii_digit()) => i = n1,
            '.' if is_initials(text.get(start..i).unwrap_or(""))
                && at(n1).is_some_and(char::is_alphabetic) =>
            {
                i = n1;
            }
            _ => break,
        }
    }
    // Dotted initials keep their final dot: "U.S." (but not a lone "A.").
    if bytes.get(i) == Some(&b'.') {
        let word = text.get(start..i).unwrap_or("");
        if word.chars().count() >= 3 && is_initials(word) {
            i += 1;
        }
    }
    i
}

/// The apostrophe ending at `next` (starting at `start`) opens a possessive `’s` that ends there:
/// "s" or "S" follows and no letter or digit after it, and a letter or digit comes before.
fn possessive_after(text: &str, start: usize, next: usize) -> bool {
    matches!(text.as_bytes().get(next), Some(b's' | b'S'))
        && !char_at(text, next + 1).is_some_and(char::is_alphanumeric)
        && text
            .get(..start)
            .and_then(|r| r.chars().next_back())
            .is_some_and(char::is_alphanumeric)
}

/// The character starting at byte `i` (ASCII read straight from the byte).
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some(char::from(b));
    }
    text.get(i..)?.chars().next()
}

fn is_mark(c: char) -> bool {
    // Combining marks keep a word whole even in text that is not NFC-composable.
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Letters separated by dots, each a single letter: "U", "U.S", "D.C".
fn is_initials(word: &str) -> bool {
    word.chars().enumerate().all(|(k, c)| {
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
            ("said, then left.", &["said", ",", "then", "left", "."]),
            (
                "In 2016, 5.5 or 7.",
                &["In", "2016", ",", "5.5", "or", "7", "."],
            ),
            ("1,2 a.m. Jan. X.Y.", &["1,2", "a.m.", "Jan", ".", "X.Y."]),
            ("tab\there\r\x0bthere", &["tab", "here", "there"]),
            ("Jones's 'quoted'", &["Jones", "'s", "'", "quoted", "'"]),
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
