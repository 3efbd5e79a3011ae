//! Keyphrase statistics (RAKE/YAKE-like, written for byline): candidate phrases are runs of one to
//! three content words ("cessation of hostilities" may keep an inner "of"), never starting or
//! ending in a stopword, outside entity mentions; each is scored by frequency, spread over the
//! article and how early it first appears. Words are grouped by a light plural stemmer.
//!
//! Speed: words get ids in one pass; phrases are only formed from words seen twice (a phrase seen
//! twice needs that), and spans are collected only for candidates that qualify.

use std::borrow::Cow;
use std::hash::BuildHasherDefault;

use crate::annotate::gazetteer::FastMap;
use crate::annotate::tokens::{Token, TokenKind};
use crate::annotate::words::{Form, Words};
use crate::span::Span;

/// Strips plural endings: "talks" → "talk", "policies" → "policy" (after Harman's S-stemmer).
pub fn light_stem(word: &str) -> Cow<'_, str> {
    let n = word.len();
    if n > 4 && word.ends_with("ies") && !word.ends_with("eies") && !word.ends_with("aies") {
        return Cow::Owned(format!("{}y", word.get(..n - 3).unwrap_or(word)));
    }
    let keeps = ["ss", "us", "is"].iter().any(|e| word.ends_with(e));
    if n > 3 && word.ends_with('s') && !keeps {
        return Cow::Borrowed(word.get(..n - 1).unwrap_or(word));
    }
    Cow::Borrowed(word)
}

/// What the keyphrase pass needs to know of each token.
pub struct Input<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub words: &'a Words<'a>,
    /// Token is inside an entity mention or is a demonym (covered by entity topics).
    pub covered: &'a [bool],
}

/// `seq` marker for an "of" that may join two content words.
const OF: u32 = u32::MAX;
/// `seq` marker for anything that breaks a phrase.
const BREAK: u32 = u32::MAX - 1;
const NONE: u32 = u32::MAX;

/// Token positions as `u32`, so that a phrase's statistics and key fill a 32-byte table slot.
#[derive(Clone, Copy, Default)]
struct Stat {
    count: u32,
    first: u32,
    last: u32,
}

impl Stat {
    fn add(&mut self, at: usize) {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        if self.count == 0 {
            self.first = at;
        }
        self.count += 1;
        self.last = at;
    }

    fn first(&self) -> usize {
        self.first as usize
    }

    /// Square root of the frequency, raised by spread over the article and an early first use.
    #[allow(clippy::cast_precision_loss)]
    fn score(&self, n: usize) -> f32 {
        let n = n.max(1) as f32;
        let spread = self.last.saturating_sub(self.first) as f32 / n;
        let pos = self.first as f32 / n;
        (self.count as f32).sqrt() * (1.0 + 0.5 * spread) * (1.25 - 0.5 * pos)
    }
}

/// A content word, for a word token of three or more bytes outside entity mentions.
fn is_content(form: &Form<'_>) -> bool {
    let w = form.text;
    // Titles and roles ("president", "governor") are who, not what. (Flags first: they are
    // cheaper than the text and settle most words.)
    !form.info.stop
        && form.info.title.is_none()
        && w.chars().next().is_some_and(char::is_alphabetic)
        && !has_apostrophe(w)
}

/// `'` or `’` in the word: one branch-free pass for the straight mark and for any non-ASCII
/// byte, and a search for the curly one only when there is such a byte.
fn has_apostrophe(w: &str) -> bool {
    let (straight, other) = w.bytes().fold((false, false), |(s, o), b| {
        (s | (b == b'\''), o | (b >= 0x80))
    });
    straight || (other && w.contains('’'))
}

/// Calls `f(start, end, key)` for every phrase of two or three content words starting at `i`.
fn phrases_at(
    seq: &[u32],
    counts: &[u32],
    tokens: &[Token],
    i: usize,
    mut f: impl FnMut(usize, usize, [u32; 3]),
) {
    let mut key = [NONE; 3];
    key[0] = seq[i];
    let mut k = 1;
    let mut j = i + 1;
    while k < 3 && j < seq.len() {
        if tokens.get(j).is_some_and(|t| t.para_start) {
            break;
        }
        match seq[j] {
            OF if k == 1 && seq.get(j + 1).is_some_and(|&x| x < BREAK) => j += 1,
            b if b < BREAK && counts.get(b as usize).is_some_and(|&c| c >= 2) => {
                key[k] = b;
                k += 1;
                j += 1;
                f(i, j, key);
            }
            _ => break,
        }
    }
}

/// The words of one article, read once: word ids per token and how often each occurs.
pub struct Keyphrases<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Word id per token, or `OF`/`BREAK`.
    seq: Vec<u32>,
    counts: Vec<u32>,
    /// First written form of each word id.
    forms: Vec<&'a str>,
}

/// A scored candidate: a word (`key[1] == NONE`) or a phrase of two or three words. Its label and
/// occurrences are only worked out for the few that become topics (`label`, `mentions`).
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    pub score: f32,
    /// Byte offset of the first occurrence, for ordering ties.
    pub first: usize,
    key: [u32; 3],
    /// Token range of the first occurrence.
    first_toks: (usize, usize),
}

impl Candidate {
    /// Word ids, so that a phrase can absorb the single words it contains.
    pub fn words(&self) -> impl Iterator<Item = u32> + '_ {
        self.key.iter().copied().filter(|&k| k != NONE)
    }
}

/// Reads the words and returns every candidate with a score, unsorted. Words and phrases must
/// occur at least twice.
pub fn candidates<'a>(input: &Input<'a>) -> (Keyphrases<'a>, Vec<Candidate>) {
    let kp = Keyphrases::read(input);
    let n = kp.tokens.len();
    let (seq, counts) = (&kp.seq, &kp.counts);
    // Statistics of words and phrases seen twice or more, and how often a word is followed by a
    // verb of speech.
    let mut singles: Vec<Stat> = vec![Stat::default(); counts.len()];
    let mut sourced = vec![0u32; counts.len()];
    // Keyed by the three ids as one integer (two steps to hash), each with its statistics and
    // the end of its first occurrence.
    let mut phrases: FastMap<u128, (Stat, u32)> =
        FastMap::with_capacity_and_hasher(n / 8, BuildHasherDefault::default());
    for i in 0..seq.len() {
        let a = seq[i];
        if a >= BREAK || counts.get(a as usize).is_none_or(|&c| c < 2) {
            continue;
        }
        if let Some(s) = singles.get_mut(a as usize) {
            s.add(i);
        }
        if near_speech(input.words, i + 1, n)
            && let Some(x) = sourced.get_mut(a as usize)
        {
            *x += 1;
        }
        phrases_at(seq, counts, kp.tokens, i, |s, e, key| {
            let entry = phrases.entry(phrase_key(key)).or_default();
            if entry.0.count == 0 {
                entry.1 = u32::try_from(e).unwrap_or(u32::MAX);
            }
            entry.0.add(s);
        });
    }
    let start = |i: usize| kp.tokens.get(i).map_or(0, |t| t.span.start());
    let kept = singles.iter().filter(|st| st.count >= 2).count();
    let mut out: Vec<Candidate> = Vec::with_capacity(kept + phrases.len());
    for (id, st) in singles.iter().enumerate() {
        if st.count >= 2 {
            let mut score = 0.8 * st.score(n);
            // Words that are mostly the subject of a verb of speech ("the official said") are sources.
            let src = sourced.get(id).copied().unwrap_or(0);
            if src > 0 && src * 3 >= st.count {
                score *= 0.3;
            }
            out.push(Candidate {
                score,
                first: start(st.first()),
                key: [u32::try_from(id).unwrap_or(NONE), NONE, NONE],
                first_toks: (st.first(), st.first() + 1),
            });
        }
    }
    for (&packed, (st, end)) in &phrases {
        if st.count >= 2 {
            let key = phrase_ids(packed);
            #[allow(clippy::cast_precision_loss)]
            let len = key.iter().filter(|&&k| k != NONE).count() as f32;
            out.push(Candidate {
                score: (1.0 + 0.6 * (len - 1.0)) * st.score(n),
                first: start(st.first()),
                key,
                first_toks: (st.first(), *end as usize),
            });
        }
    }
    (kp, out)
}

/// A phrase's three word ids as one integer.
fn phrase_key(ids: [u32; 3]) -> u128 {
    u128::from(ids[0]) | u128::from(ids[1]) << 32 | u128::from(ids[2]) << 64
}

/// The ids [`phrase_key`] packed; the truncations take each id back out.
#[allow(clippy::cast_possible_truncation)]
fn phrase_ids(key: u128) -> [u32; 3] {
    [key as u32, (key >> 32) as u32, (key >> 64) as u32]
}

impl<'a> Keyphrases<'a> {
    fn read(input: &Input<'a>) -> Self {
        let Input {
            text,
            tokens,
            words,
            covered,
        } = *input;
        let n = tokens.len();
        let mut ids: FastMap<Cow<'_, str>, u32> =
            FastMap::with_capacity_and_hasher(n / 3, BuildHasherDefault::default());
        let mut forms: Vec<&str> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut seq: Vec<u32> = Vec::with_capacity(n);
        // Form (surface text) → word id (or OF/BREAK): most tokens repeat, so each form is judged
        // once and a token costs two array reads.
        let mut seen: Vec<Option<u32>> = vec![None; words.count()];
        for (i, t) in tokens.iter().enumerate() {
            if covered.get(i).copied().unwrap_or(false) || t.kind != TokenKind::Word {
                seq.push(BREAK);
                continue;
            }
            let form_id = words.id(i);
            let id = if let Some(&Some(id)) = seen.get(form_id as usize) {
                id
            } else {
                let id = match words.form(form_id) {
                    Some(f) if f.text == "of" => OF,
                    Some(f) if f.text.len() >= 3 && is_content(f) => {
                        let key = light_stem(words.folded(f));
                        let next = u32::try_from(counts.len())
                            .unwrap_or(BREAK - 1)
                            .min(BREAK - 1);
                        let id = *ids.entry(key).or_insert(next);
                        if id == next {
                            counts.push(0);
                            forms.push(f.text);
                        }
                        id
                    }
                    _ => BREAK,
                };
                if let Some(slot) = seen.get_mut(form_id as usize) {
                    *slot = Some(id);
                }
                id
            };
            if let Some(c) = counts.get_mut(id as usize) {
                *c += 1;
            }
            seq.push(id);
        }
        Self {
            text,
            tokens,
            seq,
            counts,
            forms,
        }
    }

    fn span(&self, a: usize, b: usize) -> Option<Span> {
        let (s, e) = (self.tokens.get(a)?, self.tokens.get(b.checked_sub(1)?)?);
        Span::new(self.text, s.span.start(), e.span.end())
    }

    /// The label: a word's first written form, or a phrase's first occurrence, in lowercase.
    pub fn label(&self, c: &Candidate) -> String {
        if c.key[1] == NONE {
            return self
                .forms
                .get(c.key[0] as usize)
                .map_or_else(String::new, |f| f.to_lowercase());
        }
        self.span(c.first_toks.0, c.first_toks.1)
            .map(|sp| {
                sp.slice(self.text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .unwrap_or_default()
    }

    /// Every occurrence of each candidate, in text order: one pass over the article for all of
    /// them, looking closer only at the words that start one.
    pub fn mentions(&self, cands: &[Candidate]) -> Vec<Vec<Span>> {
        let mut starts = vec![false; self.counts.len()];
        for c in cands {
            if let Some(s) = starts.get_mut(c.key[0] as usize) {
                *s = true;
            }
        }
        let mut out = vec![Vec::new(); cands.len()];
        for (i, &a) in self.seq.iter().enumerate() {
            if !starts.get(a as usize).copied().unwrap_or(false) {
                continue;
            }
            for (c, spans) in cands.iter().zip(out.iter_mut()) {
                if a != c.key[0] {
                    continue;
                }
                if c.key[1] == NONE {
                    spans.extend(self.span(i, i + 1));
                } else {
                    phrases_at(&self.seq, &self.counts, self.tokens, i, |s, e, key| {
                        if key == c.key {
                            spans.extend(self.span(s, e));
                        }
                    });
                }
            }
        }
        out
    }
}

/// A verb of speech within the three tokens from `b` ("official said", "officials have said"),
/// of `n` tokens.
fn near_speech(words: &Words<'_>, b: usize, n: usize) -> bool {
    (b..(b + 3).min(n)).any(|k| words.of(k).is_some_and(|f| f.speech))
}
