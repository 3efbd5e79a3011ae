//! The distinct words of one document, each looked up once. Every token gets the id of its text as
//! written (its *form*); each form carries its lowercase, its lexicon classes and cue, and what the
//! gazetteers know of it. The stages after tokenising read these facts instead of lowercasing and
//! hashing the same word again at each occurrence (and in each stage): an article of 900 tokens
//! has about 370 forms.
//!
//! Speed: token texts and vocabulary words of up to 15 bytes are keyed by one integer (see
//! [`packed`]), and lowercase copies of capitalised forms share one buffer per document.

use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::annotate::entities::speech_verbs;
use crate::annotate::gazetteer::{self as gz, FastMap, Known, WordInfo};
use crate::annotate::lexicon::{Cue, Lexicon};
use crate::annotate::tokens::Token;

/// One distinct token text and everything looked up for it.
#[derive(Clone, Debug)]
pub struct Form<'a> {
    /// The text as written.
    pub text: &'a str,
    /// Lowercase when the text has a capital, else the text itself (the attribution rules' form):
    /// a range of [`Words`]'s buffer, or `None` for the text itself.
    lower: Option<(u32, u32)>,
    /// The full Unicode lowercase, when it differs from `lower` (titlecase letters such as `ǅ`,
    /// which are not capitals): the gazetteers and keyphrases fold those too.
    folded: Option<(u32, u32)>,
    /// Lexicon word classes of the lowercase, as a bit set.
    pub classes: u16,
    /// The cue verb the lowercase is, if any.
    pub cue: Option<Cue>,
    /// What the lowercase gazetteer tables know of the word.
    pub info: WordInfo,
    /// What the word names as written ("Syria", "NATO", "Russian"); looked up only for words that
    /// can start a name (a capital, or "al-"/"el-").
    pub known: Option<Known>,
    /// The first character is a capital.
    pub capitalized: bool,
    /// A verb of speech as written ("said"): one after a capitalised word makes it a person.
    pub speech: bool,
}

/// The forms of a document and the form of each token.
pub struct Words<'a> {
    of: Vec<u32>,
    forms: Vec<Form<'a>>,
    /// The lowercase copies of forms that have capitals, one after another.
    lowered: String,
}

impl<'a> Words<'a> {
    #[must_use]
    pub fn new(text: &'a str, tokens: &[Token]) -> Self {
        let vocabulary = vocabulary();
        let mut short: FastMap<u128, u32> =
            FastMap::with_capacity_and_hasher(tokens.len() / 2, BuildHasherDefault::default());
        let mut long: FastMap<&'a str, u32> = FastMap::default();
        let mut words = Self {
            of: Vec::with_capacity(tokens.len()),
            forms: Vec::with_capacity(tokens.len() / 2),
            lowered: String::with_capacity(text.len() / 8),
        };
        for t in tokens {
            let next = u32::try_from(words.forms.len()).unwrap_or(u32::MAX);
            // The text itself is sliced only for a new or a long form: a short one is keyed by
            // its bytes.
            let id = match packed(text.as_bytes(), t.span.start(), t.span.len()) {
                Some(key) => *short.entry(key).or_insert(next),
                None => *long.entry(t.span.slice(text)).or_insert(next),
            };
            if id == next {
                let form = words.look_up(vocabulary, text, t.span.start(), t.span.slice(text));
                words.forms.push(form);
            }
            words.of.push(id);
        }
        words
    }

    /// The form id of token `i` (`u32::MAX` past the end).
    #[must_use]
    pub fn id(&self, i: usize) -> u32 {
        self.of.get(i).copied().unwrap_or(u32::MAX)
    }

    /// The form of token `i`.
    #[must_use]
    pub fn of(&self, i: usize) -> Option<&Form<'a>> {
        self.forms.get(self.id(i) as usize)
    }

    /// The form with id `id`.
    #[must_use]
    pub fn form(&self, id: u32) -> Option<&Form<'a>> {
        self.forms.get(id as usize)
    }

    /// How many distinct forms the document has (ids are `0..count`).
    #[must_use]
    pub fn count(&self) -> usize {
        self.forms.len()
    }

    /// The lowercase of token `i` (the text itself when it has no capital); "" past the end.
    #[must_use]
    pub fn lower(&self, i: usize) -> &str {
        self.of(i).map_or("", |f| self.lower_of(f))
    }

    /// The lowercase of a form of this document.
    #[must_use]
    pub fn lower_of<'s>(&'s self, form: &'s Form<'a>) -> &'s str {
        form.lower.map_or(form.text, |r| self.stored(r))
    }

    /// The lowercase the gazetteers and keyphrases compare (titlecase letters folded too).
    #[must_use]
    pub fn folded<'s>(&'s self, form: &'s Form<'a>) -> &'s str {
        form.folded
            .map_or_else(|| self.lower_of(form), |r| self.stored(r))
    }

    fn stored(&self, (start, end): (u32, u32)) -> &str {
        self.lowered
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// Appends `s` to the buffer and returns its range.
    fn store(&mut self, s: &str) -> (u32, u32) {
        let start = u32::try_from(self.lowered.len()).unwrap_or(u32::MAX);
        self.lowered.push_str(s);
        (start, u32::try_from(self.lowered.len()).unwrap_or(u32::MAX))
    }

    /// Everything the word lists say of `w`, the token text at byte `start` of `text`.
    fn look_up(
        &mut self,
        vocabulary: &Vocabulary,
        text: &str,
        start: usize,
        w: &'a str,
    ) -> Form<'a> {
        let capitalized = w.chars().next().is_some_and(char::is_uppercase);
        let lower = if w.is_ascii() {
            w.bytes().any(|b| b.is_ascii_uppercase()).then(|| {
                let at = self.lowered.len();
                self.lowered.push_str(w);
                if let Some(copy) = self.lowered.get_mut(at..) {
                    copy.make_ascii_lowercase();
                }
                (
                    u32::try_from(at).unwrap_or(u32::MAX),
                    u32::try_from(self.lowered.len()).unwrap_or(u32::MAX),
                )
            })
        } else if w.chars().any(char::is_uppercase) {
            Some(self.store(&w.to_lowercase()))
        } else {
            None
        };
        let entry = match lower {
            None => vocabulary.get(text, start, w),
            Some(r) => {
                let at = r.0 as usize;
                let l = self.stored(r);
                vocabulary.get(&self.lowered, at, l)
            }
        };
        // The gazetteers fold titlecase letters too (rare: only then a second lookup).
        let mut folded = None;
        let mut info = entry.info;
        if !w.is_ascii() {
            let full = w.to_lowercase();
            let same = match lower {
                Some(r) => self.stored(r) == full,
                None => full == w,
            };
            if !same {
                info = vocabulary.get(&full, 0, &full).info;
                folded = Some(self.store(&full));
            }
        }
        let name_start = capitalized || w.starts_with("al-") || w.starts_with("el-");
        Form {
            text: w,
            // The verbs of speech are lowercase and match only as written.
            speech: entry.speech && lower.is_none(),
            lower,
            folded,
            classes: entry.classes,
            cue: entry.cue,
            info,
            known: if name_start { gz::known_word(w) } else { None },
            capitalized,
        }
    }
}

/// A string of up to 15 bytes as one integer: its bytes, and its length in the top byte. `bytes`
/// holds the string at `start`. Most words are that short, and an integer key hashes in two steps
/// and compares without a call to `memcmp`, which halves the cost of giving every token its form.
pub(crate) fn packed(bytes: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > 15 {
        return None;
    }
    let tag = (len as u128) << 120;
    // Away from the end of the buffer, read 16 bytes and keep the string's.
    if let Some(Ok(sixteen)) = bytes.get(start..start + 16).map(<[u8; 16]>::try_from) {
        let mask = (1u128 << (8 * len)) - 1;
        return Some(u128::from_le_bytes(sixteen) & mask | tag);
    }
    let mut sixteen = [0u8; 16];
    sixteen
        .get_mut(..len)?
        .copy_from_slice(bytes.get(start..start + len)?);
    Some(u128::from_le_bytes(sixteen) | tag)
}

/// What the word lists say of one lowercase word.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    info: WordInfo,
    classes: u16,
    cue: Option<Cue>,
    speech: bool,
}

/// The gazetteers' lowercase table, the lexicon's classes and cues and the verbs of speech merged
/// into one table, so that a new form costs one lookup instead of four; keyed as the forms are.
#[derive(Default)]
struct Vocabulary {
    short: FastMap<u128, Entry>,
    long: FastMap<&'static str, Entry>,
}

impl Vocabulary {
    fn entry(&mut self, w: &'static str) -> &mut Entry {
        match packed(w.as_bytes(), 0, w.len()) {
            Some(key) => self.short.entry(key).or_default(),
            None => self.long.entry(w).or_default(),
        }
    }

    /// The entry of `w`, which `buf` holds at `start`.
    fn get(&self, buf: &str, start: usize, w: &str) -> Entry {
        let found = match packed(buf.as_bytes(), start, w.len()) {
            Some(key) => self.short.get(&key),
            None => self.long.get(w),
        };
        found.copied().unwrap_or_default()
    }
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let lex = Lexicon::get();
        let gazetteer = gz::lower_words();
        let mut v = Vocabulary {
            short: FastMap::with_capacity_and_hasher(
                gazetteer.len() + lex.class_words().len() + lex.cue_words().len(),
                BuildHasherDefault::default(),
            ),
            long: FastMap::default(),
        };
        for (w, info) in gazetteer {
            v.entry(w).info = info;
        }
        for (w, classes) in lex.class_words() {
            v.entry(w).classes = classes;
        }
        for (w, cue) in lex.cue_words() {
            v.entry(w).cue = Some(cue);
        }
        for &w in speech_verbs() {
            v.entry(w).speech = true;
        }
        v
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::tokens::tokenize;

    #[test]
    fn forms_are_shared_and_looked_up() {
        let t = "The official said the Syrian official said";
        let toks = tokenize(t);
        let w = Words::new(t, &toks);
        assert_eq!(w.count(), 5, "The, official, said, the, Syrian");
        assert_eq!(w.id(1), w.id(5));
        assert_ne!(w.id(0), w.id(3), "forms are as written");
        assert_eq!(w.lower(0), "the");
        assert_eq!(w.lower(4), "syrian");
        assert!(w.of(2).is_some_and(|f| f.cue.is_some() && f.speech));
        assert!(
            w.of(4)
                .is_some_and(|f| f.capitalized && matches!(f.known, Some(Known::Demonym(_))))
        );
        assert!(w.of(9).is_none());
        assert_eq!(w.lower(9), "");
    }

    #[test]
    fn titlecase_letters_fold_for_the_gazetteers_only() {
        let t = "ǅemal Ǆemal";
        let toks = tokenize(t);
        let w = Words::new(t, &toks);
        let (a, b) = (w.of(0), w.of(1));
        assert_eq!(w.lower(0), "ǅemal");
        assert_eq!(a.map(|f| w.folded(f)), Some("ǆemal"));
        assert_eq!(w.lower(1), "ǆemal");
        assert_eq!(b.map(|f| w.folded(f)), Some("ǆemal"));
    }

    #[test]
    fn short_and_long_words_are_keyed_apart() {
        let t = "a abcdefghijklmno abcdefghijklmnop abcdefghijklmnop a";
        let toks = tokenize(t);
        let w = Words::new(t, &toks);
        assert_eq!(w.count(), 3);
        assert_eq!(w.id(0), w.id(4));
        assert_eq!(w.id(2), w.id(3));
        assert_eq!(packed(b"ab", 0, 2), packed(b"abc", 0, 2));
        assert_ne!(packed(b"ab", 0, 2), packed(b"ab\0", 0, 3));
    }
}
