//! Keyphrase statistics (RAKE/YAKE-like, written for byline): candidate phrases are runs of one to
//! three content words ("cessation of hostilities" may keep an inner "of"), never starting or
//! ending in a stopword, outside entity mentions; each is scored by frequency, spread over the
//! article and how early it first appears. Words are grouped by a light plural stemmer.
//!
//! Speed: words get ids in one pass; phrases are only formed from words seen twice (a phrase seen
//! twice needs that), and spans are collected only for candidates that qualify.

use std::borrow::Cow;
use std::hash::BuildHasherDefault;

use crate::annotate::gazetteer::{self as gz, FastMap};
use crate::annotate::tokens::{Token, TokenKind};
use crate::span::Span;

/// A scored candidate: its label (most frequent written form), score and occurrences.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub label: String,
    pub score: f32,
    pub mentions: Vec<Span>,
    /// Word ids, so that a phrase can absorb the single words it contains.
    pub words: Vec<u32>,
}

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
    /// Token is inside an entity mention or is a demonym (covered by entity topics).
    pub covered: &'a [bool],
}

/// `seq` marker for an "of" that may join two content words.
const OF: u32 = u32::MAX;
/// `seq` marker for anything that breaks a phrase.
const BREAK: u32 = u32::MAX - 1;
const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Default)]
struct Stat {
    count: u32,
    first: usize,
    last: usize,
    /// Index into the candidate list once the candidate qualifies.
    cand: Option<usize>,
}

impl Stat {
    fn add(&mut self, at: usize) {
        if self.count == 0 {
            self.first = at;
        }
        self.count += 1;
        self.last = at;
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

fn is_content(t: Token, w: &str, covered: bool) -> bool {
    t.kind == TokenKind::Word
        && !covered
        && w.len() >= 3
        && w.chars().next().is_some_and(char::is_alphabetic)
        && !w.contains(['’', '\''])
        && {
            let info = gz::word_info(w);
            // Titles and roles ("president", "governor") are who, not what.
            !info.stop && info.title.is_none()
        }
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

/// All candidates with a score, unsorted. Words and phrases must occur at least twice.
pub fn candidates(input: &Input<'_>) -> Vec<Candidate> {
    let Input {
        text,
        tokens,
        covered,
    } = *input;
    let n = tokens.len();
    let mut ids: FastMap<Cow<'_, str>, u32> =
        FastMap::with_capacity_and_hasher(n / 3, BuildHasherDefault::default());
    let mut forms: Vec<&str> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut seq: Vec<u32> = Vec::with_capacity(n);
    // Surface form → word id (or BREAK): most tokens repeat, so each form is judged once.
    let mut seen: FastMap<&str, u32> =
        FastMap::with_capacity_and_hasher(n / 2, BuildHasherDefault::default());
    for (i, t) in tokens.iter().enumerate() {
        let w = t.text(text);
        if covered.get(i).copied().unwrap_or(false) || t.kind != TokenKind::Word {
            seq.push(BREAK);
            continue;
        }
        if w.len() < 3 {
            seq.push(if w == "of" { OF } else { BREAK });
            continue;
        }
        if let Some(&id) = seen.get(w) {
            if let Some(c) = counts.get_mut(id as usize) {
                *c += 1;
            }
            seq.push(id);
            continue;
        }
        if !is_content(*t, w, false) {
            let mark = if w == "of" { OF } else { BREAK };
            seen.insert(w, mark);
            seq.push(mark);
            continue;
        }
        let key: Cow<'_, str> = if w.bytes().any(|b| b.is_ascii_uppercase()) || !w.is_ascii() {
            Cow::Owned(light_stem(&w.to_lowercase()).into_owned())
        } else {
            light_stem(w)
        };
        let next = u32::try_from(counts.len())
            .unwrap_or(BREAK - 1)
            .min(BREAK - 1);
        let id = *ids.entry(key).or_insert(next);
        if id == next {
            counts.push(0);
            forms.push(w);
        }
        if let Some(c) = counts.get_mut(id as usize) {
            *c += 1;
        }
        seen.insert(w, id);
        seq.push(id);
    }
    // Pass 1: statistics of words and phrases seen twice or more.
    let mut singles: Vec<Stat> = vec![Stat::default(); counts.len()];
    let mut phrases: FastMap<[u32; 3], Stat> =
        FastMap::with_capacity_and_hasher(n / 8, BuildHasherDefault::default());
    for i in 0..seq.len() {
        let a = seq[i];
        if a >= BREAK || counts.get(a as usize).is_none_or(|&c| c < 2) {
            continue;
        }
        if let Some(s) = singles.get_mut(a as usize) {
            s.add(i);
        }
        phrases_at(&seq, &counts, tokens, i, |s, _, key| {
            phrases.entry(key).or_default().add(s)
        });
    }
    // Candidates, then one more pass for the spans of those that qualified.
    let mut out: Vec<Candidate> = Vec::new();
    for (id, st) in singles.iter_mut().enumerate() {
        if st.count >= 2 {
            st.cand = Some(out.len());
            let label = forms.get(id).map_or_else(String::new, |f| f.to_lowercase());
            let id = u32::try_from(id).unwrap_or(NONE);
            out.push(Candidate {
                label,
                score: 0.8 * st.score(n),
                mentions: Vec::new(),
                words: vec![id],
            });
        }
    }
    for (key, st) in &mut phrases {
        if st.count >= 2 {
            st.cand = Some(out.len());
            #[allow(clippy::cast_precision_loss)]
            let len = key.iter().filter(|&&k| k != NONE).count() as f32;
            let words = key.iter().copied().filter(|&k| k != NONE).collect();
            out.push(Candidate {
                label: String::new(),
                score: (1.0 + 0.6 * (len - 1.0)) * st.score(n),
                mentions: Vec::new(),
                words,
            });
        }
    }
    let span = |a: usize, b: usize| {
        let (s, e) = (tokens.get(a)?, tokens.get(b.checked_sub(1)?)?);
        Span::new(text, s.span.start(), e.span.end())
    };
    let mut sourced = vec![0u32; out.len()];
    for i in 0..seq.len() {
        let a = seq[i];
        let Some(c) = singles.get(a as usize).and_then(|s| s.cand) else {
            continue;
        };
        if let (Some(cand), Some(s)) = (out.get_mut(c), span(i, i + 1)) {
            cand.mentions.push(s);
        }
        if near_speech(text, tokens, i + 1)
            && let Some(x) = sourced.get_mut(c)
        {
            *x += 1;
        }
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        phrases_at(&seq, &counts, tokens, i, |s, e, key| {
            if let Some(c) = phrases.get(&key).and_then(|st| st.cand) {
                found.push((c, s, e));
            }
        });
        for (c, s, e) in found {
            if let (Some(cand), Some(sp)) = (out.get_mut(c), span(s, e)) {
                if cand.label.is_empty() {
                    cand.label = sp
                        .slice(text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                }
                cand.mentions.push(sp);
            }
        }
    }
    // Words that are mostly the subject of a verb of speech ("the official said") are sources.
    for (cand, &src) in out.iter_mut().zip(&sourced) {
        if cand.words.len() == 1
            && src * 3 >= u32::try_from(cand.mentions.len()).unwrap_or(u32::MAX)
            && src > 0
        {
            cand.score *= 0.3;
        }
    }
    out
}

/// A verb of speech within the three tokens from `b` ("official said", "officials have said").
fn near_speech(text: &str, tokens: &[Token], b: usize) -> bool {
    let after = tokens.get(b..(b + 3).min(tokens.len())).unwrap_or(&[]);
    after
        .iter()
        .any(|t| crate::annotate::entities::is_speech_verb(t.text(text)))
}
