//! Lexicons compiled in from `assets/lexicon/`: cue verbs with their forms and the word classes
//! that the attribution rules read. Parsed once, on first use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// What a cue form is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The verb takes a listener or object before its content ("told CNN that …").
    pub object: bool,
    /// A verb of belief or evidence: reports content but never introduces a direct quote.
    pub weak: bool,
    /// A participle ("saying", "noting"): after a comma it borrows the clause's subject.
    pub participle: bool,
    /// A verb of stance ("endorsed", "opposed"): its content is its object clause, not the sentence.
    pub stance: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u16)]
pub enum Class {
    Pronoun,
    ObjectPronoun,
    Possessive,
    Determiner,
    Aux,
    Clause,
    Time,
    SourceNoun,
    Title,
    OrgNoun,
    Work,
    Small,
}

impl Class {
    #[must_use]
    pub const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// FNV-1a: lexicon keys are short words looked up once per token, where SipHash's set-up cost
/// dominates; the keys are our own lists, so no hash-flooding concern applies.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

pub struct Lexicon {
    cues: FastMap<String, Cue>,
    /// Word → bit set of its classes (bit = `Class as u16`).
    classes: FastMap<String, u16>,
}

const CUES: &str = include_str!("../../assets/lexicon/cues.txt");
const WORDS: &str = include_str!("../../assets/lexicon/words.txt");

impl Lexicon {
    fn parse() -> Self {
        let mut cues = FastMap::default();
        for line in CUES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (forms, flags) = line.split_once('|').unwrap_or((line, ""));
            let object = flags.contains("obj");
            let stance = flags.contains("stance");
            let weak = flags.contains("weak") || stance;
            for form in forms.split_whitespace() {
                cues.insert(
                    form.to_string(),
                    Cue {
                        object,
                        weak,
                        participle: form.ends_with("ing"),
                        stance,
                    },
                );
            }
        }
        let mut classes: FastMap<String, u16> = FastMap::default();
        for line in WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let Some((name, words)) = line.split_once(':') else {
                continue;
            };
            let class = match name.trim() {
                "pronoun" => Class::Pronoun,
                "object-pronoun" => Class::ObjectPronoun,
                "possessive" => Class::Possessive,
                "determiner" => Class::Determiner,
                "aux" => Class::Aux,
                "clause" => Class::Clause,
                "time" => Class::Time,
                "source-noun" => Class::SourceNoun,
                "title" => Class::Title,
                "org-noun" => Class::OrgNoun,
                "work" => Class::Work,
                "small" => Class::Small,
                _ => continue,
            };
            for w in words.split_whitespace() {
                *classes.entry(w.to_string()).or_default() |= class.bit();
            }
        }
        Self { cues, classes }
    }

    /// The lexicon, parsed on first use.
    pub fn get() -> &'static Self {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Self::parse)
    }

    /// The cue for a lowercase word form.
    #[must_use]
    pub fn cue(&self, lower: &str) -> Option<Cue> {
        self.cues.get(lower).copied()
    }

    #[must_use]
    pub fn is(&self, lower: &str, class: Class) -> bool {
        self.classes(lower) & class.bit() != 0
    }

    /// Every word with classes, and its class bits.
    pub fn class_words(&self) -> impl ExactSizeIterator<Item = (&str, u16)> {
        self.classes.iter().map(|(w, c)| (w.as_str(), *c))
    }

    /// Every cue form.
    pub fn cue_words(&self) -> impl ExactSizeIterator<Item = (&str, Cue)> {
        self.cues.iter().map(|(w, c)| (w.as_str(), *c))
    }

    /// `is` for a word in any case (lowercased as `str::to_lowercase` does; short ASCII words,
    /// nearly all, in a stack buffer rather than a new string).
    #[must_use]
    pub fn is_any_case(&self, word: &str, class: Class) -> bool {
        let mut buf = [0u8; 32];
        if word.is_ascii()
            && let Some(dst) = buf.get_mut(..word.len())
        {
            dst.copy_from_slice(word.as_bytes());
            dst.make_ascii_lowercase();
            if let Ok(lower) = std::str::from_utf8(dst) {
                return self.is(lower, class);
            }
        }
        self.is(&word.to_lowercase(), class)
    }

    /// All classes of a lowercase word, as a bit set.
    #[must_use]
    pub fn classes(&self, lower: &str) -> u16 {
        self.classes.get(lower).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads() {
        let lex = Lexicon::get();
        assert!(lex.cue("said").is_some());
        assert!(lex.cue("told").is_some_and(|c| c.object));
        assert!(lex.cue("believes").is_some_and(|c| c.weak));
        assert!(lex.cue("saying").is_some_and(|c| c.participle));
        assert!(lex.cue("table").is_none());
        assert!(lex.is("he", Class::Pronoun));
        assert!(lex.is("official", Class::SourceNoun));
        assert!(!lex.is("told", Class::Aux));
        assert!(lex.is_any_case("He", Class::Pronoun) && lex.is_any_case("THEY", Class::Pronoun));
        assert!(!lex.is_any_case("Obama", Class::Pronoun));
    }
}
