//! The distinct words of one document, each looked up once. Every token gets the id of its text as
//! written (its *form*); each form carries its lowercase, its lexicon classes and cue, and what the
//! gazetteers know of it. The stages after tokenising read these facts instead of lowercasing and
//! hashing the same word again at each occurrence (and in each stage): an article of 900 tokens
//! has about 370 forms.

use std::borrow::Cow;
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
    /// Lowercase when the text has a capital, else the text itself (the attribution rules' form).
    pub lower: Cow<'a, str>,
    /// The full Unicode lowercase, when it differs from `lower` (titlecase letters such as `ǅ`,
    /// which are not capitals): the gazetteers and keyphrases fold those too.
    folded: Option<String>,
    /// Lexicon word classes of `lower`, as a bit set.
    pub classes: u16,
    /// The cue verb `lower` is, if any.
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

impl Form<'_> {
    /// The lowercase form the gazetteers and keyphrases compare.
    #[must_use]
    pub fn folded(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.lower)
    }
}

/// The forms of a document and the form of each token.
pub struct Words<'a> {
    of: Vec<u32>,
    forms: Vec<Form<'a>>,
}

impl<'a> Words<'a> {
    #[must_use]
    pub fn new(text: &'a str, tokens: &[Token]) -> Self {
        let vocabulary = vocabulary();
        let mut short: FastMap<u128, u32> =
            FastMap::with_capacity_and_hasher(tokens.len() / 2, BuildHasherDefault::default());
        let mut long: FastMap<&'a str, u32> = FastMap::default();
        let mut forms: Vec<Form<'a>> = Vec::with_capacity(tokens.len() / 2);
        let mut of = Vec::with_capacity(tokens.len());
        for t in tokens {
            let w = t.span.slice(text);
            let next = u32::try_from(forms.len()).unwrap_or(u32::MAX);
            let id = match packed(text.as_bytes(), t.span.start(), w.len()) {
                Some(key) => *short.entry(key).or_insert(next),
                None => *long.entry(w).or_insert(next),
            };
            if id == next {
                forms.push(look_up(vocabulary, w));
            }
            of.push(id);
        }
        Self { of, forms }
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
}

/// A token text of up to 15 bytes as one integer: its bytes, and its length in the top byte.
/// Most tokens are that short, and an integer key hashes in two steps and compares without a call
/// to `memcmp`, which halves the cost of giving every token its form id.
fn packed(text: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > 15 {
        return None;
    }
    let tag = (len as u128) << 120;
    // Away from the end of the text, read 16 bytes and keep the token's.
    if let Some(Ok(bytes)) = text.get(start..start + 16).map(<[u8; 16]>::try_from) {
        let mask = (1u128 << (8 * len)) - 1;
        return Some(u128::from_le_bytes(bytes) & mask | tag);
    }
    let mut bytes = [0u8; 16];
    bytes
        .get_mut(..len)?
        .copy_from_slice(text.get(start..start + len)?);
    Some(u128::from_le_bytes(bytes) | tag)
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
/// into one table, so that a new form costs one lookup instead of four. Built once.
fn vocabulary() -> &'static FastMap<&'static str, Entry> {
    static V: OnceLock<FastMap<&'static str, Entry>> = OnceLock::new();
    V.get_or_init(|| {
        let lex = Lexicon::get();
        let gazetteer = gz::lower_words();
        let mut v: FastMap<&'static str, Entry> = FastMap::with_capacity_and_hasher(
            gazetteer.len() + lex.class_words().len() + lex.cue_words().len(),
            BuildHasherDefault::default(),
        );
        for (w, info) in gazetteer {
            v.entry(w).or_default().info = info;
        }
        for (w, classes) in lex.class_words() {
            v.entry(w).or_default().classes = classes;
        }
        for (w, cue) in lex.cue_words() {
            v.entry(w).or_default().cue = Some(cue);
        }
        for &w in speech_verbs() {
            v.entry(w).or_default().speech = true;
        }
        v
    })
}

fn look_up<'a>(vocabulary: &FastMap<&'static str, Entry>, w: &'a str) -> Form<'a> {
    let capitalized = w.chars().next().is_some_and(char::is_uppercase);
    let lower: Cow<'a, str> = if w.is_ascii() {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(w.to_ascii_lowercase())
        } else {
            Cow::Borrowed(w)
        }
    } else if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    };
    let folded = (!w.is_ascii())
        .then(|| w.to_lowercase())
        .filter(|f| *f != *lower);
    let entry = vocabulary.get(lower.as_ref()).copied().unwrap_or_default();
    // The gazetteers fold titlecase letters too (rare: only then a second lookup).
    let info = folded.as_deref().map_or(entry.info, |f| {
        vocabulary.get(f).map(|e| e.info).unwrap_or_default()
    });
    let name_start = capitalized || w.starts_with("al-") || w.starts_with("el-");
    Form {
        text: w,
        // The verbs of speech are lowercase and match only as written.
        speech: entry.speech && matches!(lower, Cow::Borrowed(_)),
        lower,
        folded,
        classes: entry.classes,
        cue: entry.cue,
        info,
        known: if name_start { gz::known_word(w) } else { None },
        capitalized,
    }
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
        let the = w.of(0).map(|f| f.lower.to_string());
        assert_eq!(the.as_deref(), Some("the"));
        assert!(w.of(2).is_some_and(|f| f.cue.is_some() && f.speech));
        assert!(
            w.of(4)
                .is_some_and(|f| f.capitalized && matches!(f.known, Some(Known::Demonym(_))))
        );
        assert!(w.of(9).is_none());
    }

    #[test]
    fn titlecase_letters_fold_for_the_gazetteers_only() {
        let t = "ǅemal";
        let toks = tokenize(t);
        let w = Words::new(t, &toks);
        let f = w.of(0);
        assert_eq!(f.map(|f| f.lower.as_ref()), Some("ǅemal"));
        assert_eq!(f.map(Form::folded), Some("ǆemal"));
    }
}
