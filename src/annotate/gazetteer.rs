//! Word lists that ship in `assets/gazetteer/`: given names and surnames (1990 US Census), titles,
//! organisation words, known organisations, countries with demonyms, US states and cities.
//!
//! Everything is compiled in with `include_str!` and parsed once into hash sets and one
//! Aho-Corasick automaton for the multi-word entries. Lookups of single words are case-insensitive
//! except for acronyms and known organisation names, which must match as written.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small, fast, non-cryptographic hasher for short keys (the FxHash mixing step).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    /// The product's high bits are its well-mixed ones, but hash tables pick buckets by the low
    /// bits: rotated down, so that keys differing only in later bytes do not share buckets.
    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((head, tail)) = rest.split_first_chunk::<8>() {
            self.mix(u64::from_le_bytes(*head));
            rest = tail;
        }
        if !rest.is_empty() {
            self.mix(tail_word(rest));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.mix(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.mix(i);
    }
    #[inline]
    fn write_u128(&mut self, i: u128) {
        // Both halves; the truncations are the point.
        self.mix(i as u64);
        self.mix((i >> 64) as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }
}

/// Up to eight bytes, zero-padded, as a little-endian word. Two overlapping loads (or three
/// bytes) instead of a copy of variable length, which would be a call to `memcpy` for every
/// short key.
pub(crate) fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    if let Ok(eight) = <[u8; 8]>::try_from(rest) {
        return u64::from_le_bytes(eight);
    }
    let load4 = |at: usize| {
        rest.get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    let byte = |at: usize| rest.get(at).map_or(0, |&b| u64::from(b));
    if n >= 4 {
        // Bytes 0..4 and n-4..n; the overlap holds the same bytes in both.
        load4(0) | (load4(n - 4) << (8 * (n - 4)))
    } else if n > 0 {
        byte(0) | (byte(n / 2) << (8 * (n / 2))) | (byte(n - 1) << (8 * (n - 1)))
    } else {
        0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// What a multi-word gazetteer entry (or a single known name) stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// A place; the index names its canonical entry in [`place_name`].
    Place(u32),
    /// A demonym ("Russian") of the place with this index.
    Demonym(u32),
    /// A known organisation; index into [`org_name`].
    Org(u32),
    /// A title or role ("Secretary of State"); index into [`title_name`].
    Title(u32),
}

/// Flags of a lowercase word, looked up once per capitalised token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    pub given: bool,
    pub surname: bool,
    pub stop: bool,
    pub org_word: bool,
    /// A single-word title ("president", "sen"); index for [`title_name`].
    pub title: Option<u32>,
    /// Some multi-word entry starts with this word (worth a [`phrase_at`] call).
    pub phrase_start: bool,
}

/// A multi-word entry as the token texts it is made of.
struct Phrase {
    words: Box<[Box<str>]>,
    known: Known,
    /// Titles match in any case ("the secretary of state"); names only as written.
    any_case: bool,
}

struct Gazetteer {
    /// Lowercase words whose flags come from the entries below rather than from a word list:
    /// single-word titles and the first words of multi-word entries. With the word lists they
    /// make the lowercase table, which is kept in [`crate::annotate::words`]'s vocabulary (one
    /// table for every lookup of a lowercase word), not here.
    lower_extra: Vec<(Box<str>, WordInfo)>,
    ignore_caps: FastSet<Box<str>>,
    title_names: Vec<Box<str>>,
    /// Single words as written ("Syria", "US", "NATO", "Russian") → what they are.
    words: FastMap<Box<str>, Known>,
    place_names: Vec<Box<str>>,
    org_names: Vec<Box<str>>,
    /// Multi-word entries by first word (lowercase), longest first.
    phrases: FastMap<Box<str>, Vec<Phrase>>,
}

fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn build() -> Gazetteer {
    let mut g = Gazetteer {
        // Sized for the name lists, so the table is not rehashed while it fills.
        lower_extra: Vec::new(),
        ignore_caps: FastSet::default(),
        title_names: Vec::new(),
        words: FastMap::default(),
        place_names: Vec::new(),
        org_names: Vec::new(),
        phrases: FastMap::default(),
    };
    g.ignore_caps = lines(include_str!("../../assets/gazetteer/acronyms_ignore.txt"))
        .map(Into::into)
        .collect();
    let mut phrases: Vec<(Box<str>, Known)> = Vec::new();
    let mut add = |g: &mut Gazetteer, name: &str, known: Known| {
        if name.contains(' ') {
            phrases.push((name.into(), known));
        } else if let Known::Title(t) = known {
            let info = WordInfo {
                title: Some(t),
                ..WordInfo::default()
            };
            g.lower_extra.push((name.to_lowercase().into(), info));
        } else {
            g.words.entry(name.into()).or_insert(known);
        }
    };
    for t in lines(include_str!("../../assets/gazetteer/titles.txt")) {
        let idx = index(g.title_names.len());
        g.title_names.push(t.into());
        add(&mut g, t, Known::Title(idx));
    }
    let mut place = |g: &mut Gazetteer, name: &str, demonyms: &str, aliases: &str, strict: bool| {
        let idx = index(g.place_names.len());
        g.place_names.push(name.into());
        add(g, name, Known::Place(idx));
        for a in aliases.split(',').map(str::trim).filter(|a| !a.is_empty()) {
            // Two-letter postal codes ("IN", "OR", "ME") are words too often to be places.
            if !strict || a.contains('.') || a == "DC" {
                add(g, a, Known::Place(idx));
            }
        }
        for d in demonyms
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty() && *d != name)
        {
            add(g, d, Known::Demonym(idx));
        }
    };
    for l in lines(include_str!("../../assets/gazetteer/cities.txt")) {
        let (name, aliases) = l.split_once('|').unwrap_or((l, ""));
        place(&mut g, name, "", aliases, false);
    }
    for l in lines(include_str!("../../assets/gazetteer/countries.txt")) {
        let mut parts = l.split('|');
        let (name, dem, al) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        place(&mut g, name, dem, al, false);
    }
    for l in lines(include_str!("../../assets/gazetteer/us_states.txt")) {
        let (name, aliases) = l.split_once('|').unwrap_or((l, ""));
        place(&mut g, name, "", aliases, true);
    }
    for l in lines(include_str!("../../assets/gazetteer/orgs.txt")) {
        let (name, aliases) = l.split_once('|').unwrap_or((l, ""));
        let idx = index(g.org_names.len());
        g.org_names.push(name.into());
        add(&mut g, name, Known::Org(idx));
        for a in aliases.split(',').map(str::trim).filter(|a| !a.is_empty()) {
            add(&mut g, a, Known::Org(idx));
        }
    }
    for (text, known) in phrases {
        let words: Box<[Box<str>]> = crate::annotate::tokens::tokenize(&text)
            .iter()
            .map(|t| t.text(&text).into())
            .collect();
        let Some(first) = words.first() else { continue };
        let key: Box<str> = first.to_lowercase().into();
        let any_case = matches!(known, Known::Title(_));
        let info = WordInfo {
            phrase_start: true,
            ..WordInfo::default()
        };
        g.lower_extra.push((key.clone(), info));
        let list = g.phrases.entry(key).or_default();
        list.push(Phrase {
            words,
            known,
            any_case,
        });
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }
    g
}

/// The word itself when it is lowercase already (the name lists are), else a lowercase copy.
fn lowercase(w: &'static str) -> Cow<'static, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(build)
}

/// Calls `f` with `word` lowercased; ASCII words (nearly all) go through a stack buffer, so
/// lookups do not allocate.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if !word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        return f(word);
    }
    let mut buf = [0u8; 48];
    if word.is_ascii()
        && let Some(dst) = buf.get_mut(..word.len())
    {
        dst.copy_from_slice(word.as_bytes());
        dst.make_ascii_lowercase();
        if let Ok(s) = std::str::from_utf8(dst) {
            return f(s);
        }
    }
    f(&word.to_lowercase())
}

/// Everything the lowercase tables know of `word`, in one lookup.
#[must_use]
pub fn word_info(word: &str) -> WordInfo {
    with_lower(word, crate::annotate::words::lower_info)
}

/// The lowercase tables as (word, flags) pairs, for [`crate::annotate::words`], which merges
/// them with the lexicon into one table. A word may come more than once (a given name that is a
/// surname too): its flags are the union, and of several titles the first.
pub fn lower_words() -> impl Iterator<Item = (Cow<'static, str>, WordInfo)> {
    let flag = |f: fn(&mut WordInfo)| {
        move |w: &'static str| {
            let mut info = WordInfo::default();
            f(&mut info);
            (lowercase(w), info)
        }
    };
    let given = include_str!("../../assets/gazetteer/given.txt");
    let extra = include_str!("../../assets/gazetteer/given_extra.txt");
    lines(given)
        .chain(lines(extra))
        .map(flag(|i| i.given = true))
        .chain(
            lines(include_str!("../../assets/gazetteer/surnames.txt"))
                .map(flag(|i| i.surname = true)),
        )
        .chain(
            lines(include_str!("../../assets/gazetteer/stopwords.txt"))
                .flat_map(str::split_whitespace)
                .map(flag(|i| i.stop = true)),
        )
        .chain(
            lines(include_str!("../../assets/gazetteer/org_words.txt"))
                .map(flag(|i| i.org_word = true)),
        )
        .chain(
            gaz()
                .lower_extra
                .iter()
                .map(|(w, info)| (Cow::Borrowed(w.as_ref()), *info)),
        )
}

impl WordInfo {
    /// The flags of both; the first title of the two.
    #[must_use]
    pub fn merge(self, other: Self) -> Self {
        Self {
            given: self.given | other.given,
            surname: self.surname | other.surname,
            stop: self.stop | other.stop,
            org_word: self.org_word | other.org_word,
            title: self.title.or(other.title),
            phrase_start: self.phrase_start | other.phrase_start,
        }
    }
}

/// A common given name ("Barack", "Mary", "Vladimir"), any case.
#[must_use]
pub fn is_given_name(word: &str) -> bool {
    word_info(word).given
}

/// One of the 20,000 most frequent US surnames, any case.
#[must_use]
pub fn is_surname(word: &str) -> bool {
    word_info(word).surname
}

/// A function word or a generic news word ("the", "said", "Monday"), any case.
#[must_use]
pub fn is_stopword(word: &str) -> bool {
    word_info(word).stop
}

/// A word that makes a name an organisation ("Ministry", "Party", "Times"), any case.
#[must_use]
pub fn is_org_word(word: &str) -> bool {
    word_info(word).org_word
}

/// An all-capital word that is not an organisation ("TV", "CEO").
#[must_use]
pub fn is_ignored_caps(word: &str) -> bool {
    gaz().ignore_caps.contains(word)
}

/// A single-word title ("President", "Sen", "Mr"), any case; its index for [`title_name`].
#[must_use]
pub fn title(word: &str) -> Option<u32> {
    word_info(word).title
}

/// A title or role word, single ("Sen") or multi-word ("Secretary of State"), any case.
#[must_use]
pub fn is_title(text: &str) -> bool {
    title(text).is_some() || matches!(phrase(text), Some(Known::Title(_)))
}

/// A single word as written: a place, a demonym or a known organisation ("Syria", "Russian", "NATO").
#[must_use]
pub fn known_word(word: &str) -> Option<Known> {
    gaz().words.get(word).copied()
}

/// A multi-word entry exactly as written ("United States", "Group of 20", "Secretary of State").
#[must_use]
pub fn phrase(text: &str) -> Option<Known> {
    let toks = crate::annotate::tokens::tokenize(text);
    let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
    match_words(&words)
        .filter(|&(n, _)| n == words.len())
        .map(|(_, k)| k)
}

fn word_eq(a: &str, b: &str, any_case: bool) -> bool {
    // For ASCII words the ASCII comparison is the whole answer; only others need lowercasing.
    a == b
        || (any_case
            && (a.eq_ignore_ascii_case(b)
                || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())))
}

/// The longest multi-word entry that starts the word sequence: `(words used, what)`.
fn match_words(words: &[&str]) -> Option<(usize, Known)> {
    let first = words.first()?;
    let list = with_lower(first, |w| gaz().phrases.get(w))?;
    list.iter().find_map(|p| {
        let n = p.words.len();
        let ok = words.len() >= n
            && p.words
                .iter()
                .zip(words)
                .all(|(a, b)| word_eq(a, b, p.any_case));
        ok.then_some((n, p.known))
    })
}

/// The longest multi-word entry starting at token `i` (not crossing a line break): the token
/// after its end and what it is.
#[must_use]
pub fn phrase_at(
    text: &str,
    tokens: &[crate::annotate::tokens::Token],
    i: usize,
) -> Option<(usize, Known)> {
    let first = tokens.get(i)?;
    let list = with_lower(first.text(text), |w| gaz().phrases.get(w))?;
    list.iter().find_map(|p| {
        let n = p.words.len();
        let toks = tokens.get(i..i + n)?;
        let ok = toks
            .iter()
            .enumerate()
            .all(|(k, t)| k == 0 || !t.para_start)
            && p.words
                .iter()
                .zip(toks)
                .all(|(a, t)| word_eq(a, t.text(text), p.any_case));
        ok.then_some((i + n, p.known))
    })
}

/// The canonical name of a place ("United States" for "US").
#[must_use]
pub fn place_name(idx: u32) -> &'static str {
    gaz().place_names.get(idx as usize).map_or("", |s| s)
}

/// The canonical name of a known organisation ("Group of 20" for "G20").
#[must_use]
pub fn org_name(idx: u32) -> &'static str {
    gaz().org_names.get(idx as usize).map_or("", |s| s)
}

/// A title as listed ("secretary of state", "sen.").
#[must_use]
pub fn title_name(idx: u32) -> &'static str {
    gaz().title_names.get(idx as usize).map_or("", |s| s)
}

/// A demonym's place ("Syrian" → "Syria"), for topics.
#[must_use]
pub fn demonym_place(word: &str) -> Option<&'static str> {
    match known_word(word) {
        Some(Known::Demonym(i)) => Some(place_name(i)),
        _ => None,
    }
}

/// Looks like a person's name: a given name followed by capitalised words ("Barack Obama"), or
/// capitalised words ending in a common surname ("J. Smith").
#[must_use]
pub fn is_person_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    if words.len() < 2 || words.len() > 5 || !words.iter().all(capital) {
        return false;
    }
    if words
        .iter()
        .any(|w| known_word(w).is_some() || is_org_word(w))
    {
        return false;
    }
    is_given_name(first) || is_surname(last.trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn tail_words_are_the_bytes_zero_padded() {
        for n in 0..=8 {
            let bytes: Vec<u8> = (1..=n).map(|b| b * 17).collect();
            let mut padded = [0u8; 8];
            padded[..bytes.len()].copy_from_slice(&bytes);
            assert_eq!(tail_word(&bytes), u64::from_le_bytes(padded), "{n} bytes");
        }
    }

    #[test]
    fn lookups() {
        assert!(is_given_name("Barack") && is_given_name("mary") && is_given_name("Vladimir"));
        assert!(is_surname("Smith") && is_surname("CLINTON"));
        assert!(
            !is_surname("said"),
            "stopwords are removed from the census lists"
        );
        assert!(is_org_word("Ministry") && is_title("president") && is_title("Secretary of State"));
        assert_eq!(demonym_place("Syrian"), Some("Syria"));
        assert_eq!(
            known_word("US").map(|k| matches!(k, Known::Place(_))),
            Some(true)
        );
        assert!(matches!(known_word("NATO"), Some(Known::Org(_))));
        assert!(is_person_name("Barack Obama") && is_person_name("Sergey Lavrov"));
        assert!(
            !is_person_name("Foreign Ministry")
                && !is_person_name("Obama")
                && !is_person_name("new york")
        );
    }

    #[test]
    fn phrases_match_tokens() {
        let t = "the United States and the Group of 20 met; the secretary of state spoke in St. Louis. united states";
        let toks = crate::annotate::tokens::tokenize(t);
        let got: Vec<&str> = (0..toks.len())
            .filter_map(|i| phrase_at(t, &toks, i).map(|(end, _)| (i, end)))
            .filter_map(|(i, end)| Span::new(t, toks[i].span.start(), toks[end - 1].span.end()))
            .map(|s| s.slice(t))
            .collect();
        assert_eq!(
            got,
            vec![
                "United States",
                "Group of 20",
                "secretary of state",
                "St. Louis"
            ]
        );
        assert!(matches!(
            phrase("Secretary of State"),
            Some(Known::Title(_))
        ));
    }
}
