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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Entry {
    info: WordInfo,
    classes: u16,
    cue: Option<Cue>,
    speech: bool,
}

impl Entry {
    /// The entry in one word: flags in the low byte, the cue in the next, the classes above
    /// them, and the title index (plus one) in the top half. A small value keeps the table small,
    /// and the table is looked up for every new form of every document, mostly missing the cache.
    fn pack(self) -> u64 {
        let bit = |on: bool, at: u32| u64::from(on) << at;
        let i = self.info;
        let flags = bit(i.given, 0)
            | bit(i.surname, 1)
            | bit(i.stop, 2)
            | bit(i.org_word, 3)
            | bit(i.phrase_start, 4)
            | bit(self.speech, 5);
        let cue = self.cue.map_or(0, |c| {
            1 | bit(c.object, 1) | bit(c.weak, 2) | bit(c.participle, 3) | bit(c.stance, 4)
        });
        // Title indexes are a few hundred; one past `u32::MAX` cannot be stored and is dropped.
        let title = i.title.and_then(|t| t.checked_add(1)).map_or(0, u64::from);
        flags | (cue << 8) | (u64::from(self.classes) << 16) | (title << 32)
    }

    fn unpack(v: u64) -> Self {
        let on = |at: u32| v >> at & 1 == 1;
        let cue = v >> 8 & 0xff;
        let title = u32::try_from(v >> 32).unwrap_or(0);
        Self {
            info: WordInfo {
                given: on(0),
                surname: on(1),
                stop: on(2),
                org_word: on(3),
                phrase_start: on(4),
                title: title.checked_sub(1),
            },
            classes: u16::try_from(v >> 16 & 0xffff).unwrap_or(0),
            cue: (cue & 1 == 1).then_some(Cue {
                object: cue & 2 != 0,
                weak: cue & 4 != 0,
                participle: cue & 8 != 0,
                stance: cue & 16 != 0,
            }),
            speech: on(5),
        }
    }
}

/// A string of up to 8 bytes as one integer, zero-padded: `bytes` holds it at `start`. A string
/// ending in a zero byte is left to the wider keys, so that no two strings share a key (words
/// hold no zero bytes; the check keeps that from mattering).
fn packed8(bytes: &[u8], start: usize, len: usize) -> Option<u64> {
    if len == 0 || len > 8 || bytes.get(start + len - 1).is_none_or(|&b| b == 0) {
        return None;
    }
    if let Some(Ok(eight)) = bytes.get(start..start + 8).map(<[u8; 8]>::try_from) {
        let mask = u64::MAX >> (8 * (8 - len));
        return Some(u64::from_le_bytes(eight) & mask);
    }
    let mut eight = [0u8; 8];
    eight
        .get_mut(..len)?
        .copy_from_slice(bytes.get(start..start + len)?);
    Some(u64::from_le_bytes(eight))
}

/// The gazetteers' lowercase table, the lexicon's classes and cues and the verbs of speech merged
/// into one table, so that a new form costs one lookup instead of four. Words of up to 8 bytes
/// (nine in ten of the name lists) sit in a table of 16-byte slots, longer ones up to 15 bytes in
/// one keyed by [`packed`], and the rest by text.
#[derive(Default)]
struct Vocabulary {
    short: FastMap<u64, u64>,
    mid: FastMap<u128, u64>,
    long: FastMap<Box<str>, u64>,
}

impl Vocabulary {
    /// Merges `f`'s change into the entry of `w`.
    fn update(&mut self, w: &str, f: impl FnOnce(&mut Entry)) {
        let b = w.as_bytes();
        let slot = if let Some(key) = packed8(b, 0, w.len()) {
            self.short.entry(key).or_default()
        } else if let Some(key) = packed(b, 0, w.len()) {
            self.mid.entry(key).or_default()
        } else {
            self.long.entry(w.into()).or_default()
        };
        let mut e = Entry::unpack(*slot);
        f(&mut e);
        *slot = e.pack();
    }

    /// The entry of `w`, which `buf` holds at `start`.
    fn get(&self, buf: &str, start: usize, w: &str) -> Entry {
        let b = buf.as_bytes();
        let found = if let Some(key) = packed8(b, start, w.len()) {
            self.short.get(&key)
        } else if let Some(key) = packed(b, start, w.len()) {
            self.mid.get(&key)
        } else {
            self.long.get(w)
        };
        found.map_or_else(Entry::default, |&v| Entry::unpack(v))
    }
}

/// About how many words the vocabulary holds (it is sized for them, so it is not rehashed as it
/// fills).
const VOCABULARY_SIZE: usize = 26_000;

/// What the gazetteers' lowercase tables know of `lower`, a lowercase word.
#[must_use]
pub fn lower_info(lower: &str) -> WordInfo {
    vocabulary().get(lower, 0, lower).info
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let lex = Lexicon::get();
        let gazetteer = gz::lower_words();
        let mut v = Vocabulary {
            // The name lists are nine in ten of the words.
            short: FastMap::with_capacity_and_hasher(
                VOCABULARY_SIZE,
                BuildHasherDefault::default(),
            ),
            ..Vocabulary::default()
        };
        for (w, info) in gazetteer {
            v.update(&w, |e| e.info = e.info.merge(info));
        }
        for (w, classes) in lex.class_words() {
            v.update(w, |e| e.classes = classes);
        }
        for (w, cue) in lex.cue_words() {
            v.update(w, |e| e.cue = Some(cue));
        }
        for &w in speech_verbs() {
            v.update(w, |e| e.speech = true);
        }
        v.short.shrink_to_fit();
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
    fn entries_pack_into_one_word_and_back() {
        let cues = [
            None,
            Some(Cue {
                object: true,
                weak: false,
                participle: true,
                stance: false,
            }),
            Some(Cue {
                object: false,
                weak: true,
                participle: false,
                stance: true,
            }),
        ];
        for (k, cue) in cues.into_iter().enumerate() {
            for title in [None, Some(0), Some(7), Some(u32::MAX - 1)] {
                let e = Entry {
                    info: WordInfo {
                        given: k == 0,
                        surname: k == 1,
                        stop: k != 2,
                        org_word: k == 2,
                        title,
                        phrase_start: k == 1,
                    },
                    classes: 0x8001 >> k,
                    cue,
                    speech: k == 2,
                };
                assert_eq!(Entry::unpack(e.pack()), e);
            }
        }
        assert_eq!(Entry::unpack(0), Entry::default());
    }

    #[test]
    fn keys_of_up_to_eight_bytes_are_distinct_and_read_in_place() {
        let b = b"said official";
        assert_eq!(packed8(b, 0, 4), packed8(b"said", 0, 4));
        assert_ne!(packed8(b, 0, 4), packed8(b, 0, 3));
        assert_eq!(packed8(b, 5, 8), packed8(b"official", 0, 8));
        assert_eq!(
            packed8(b"officials", 0, 9),
            None,
            "nine bytes go to the wider keys"
        );
        assert_eq!(
            packed8(b"ab\0", 0, 3),
            None,
            "a trailing zero byte would look like padding"
        );
        assert_eq!(packed8(b"", 0, 0), None);
        let v = vocabulary();
        let t = "the official said Obama";
        assert!(v.get(t, 4, "official").classes != 0);
        assert!(v.get(t, 13, "said").cue.is_some());
        assert!(v.get("barack", 0, "barack").info.given);
        assert!(
            v.get("spokeswoman", 0, "spokeswoman").classes != 0,
            "nine to 15 bytes"
        );
        assert!(v.get("internationalisation", 0, "internationalisation") == Entry::default());
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
