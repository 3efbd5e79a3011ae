//! Capitalised name sequences ("chunks") cut out of the tokens and read as people, places,
//! organisations or unresolved single words. Knows nothing of the rest of the article except which
//! capitalised words also occur mid-sentence; merging people is `people.rs`'s job.

use std::ops::Range;

use crate::annotate::gazetteer::{self as gz, Known};
use crate::annotate::sentences::Sentence;
use crate::annotate::tokens::{Token, TokenKind};
use crate::annotate::words::{Form, Words};
use crate::span::Span;

/// A title attached to a person ("Russian President" → `president`, foreign).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Role {
    pub key: &'static str,
    /// Qualified by a place or demonym other than the United States ("Russian President").
    pub foreign: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PieceKind {
    /// A person; `name` is the name without its title. `single` when the name is one word.
    Person {
        name: Span,
        role: Option<Role>,
        single: bool,
    },
    /// A place from the gazetteer, or `u32::MAX` for one known by its last word ("Finney County").
    Place(u32),
    Org(String),
    Other,
    /// One capitalised word that may be a person named earlier or later ("Obama").
    Single {
        given: bool,
        surname: bool,
        speech: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub kind: PieceKind,
    /// The mention as written (title included for people, "the" excluded).
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Title(u32),
    Place(u32),
    Demonym(u32),
    Org(u32),
    Acronym,
    OrgWord,
    Name,
    Connector,
}

#[derive(Clone, Debug)]
pub(super) struct Unit {
    pub(super) toks: Range<usize>,
    pub(super) class: Class,
    pub(super) given: bool,
    pub(super) surname: bool,
    pub(super) stop: bool,
}

/// Verbs of speech right after a single capitalised word make it a person ("Lavrov said").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "explained",
    "wrote",
    "argued",
    "insisted",
    "stated",
    "noted",
    "tweeted",
    "replied",
    "warned",
    "claimed",
    "acknowledged",
    "announced",
    "recalled",
    "testified",
    "declared",
    "urged",
    "says,",
    "continued",
    "responded",
    "admitted",
    "suggested",
];

const OPENERS: &[&str] = &[
    "“", "\"", "‘", "'", "«", "„", "(", "[", "—", "–", "-", ":", "''", "‹", "‚",
];

pub fn is_speech_verb(word: &str) -> bool {
    SPEECH.contains(&word)
}

/// The verbs of speech (all lowercase).
pub fn speech_verbs() -> &'static [&'static str] {
    SPEECH
}

pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub words: &'a Words<'a>,
    /// Token starts a sentence (after any opening quotes or brackets).
    pub initial: Vec<bool>,
    /// Per form: a capitalised word seen somewhere other than at a sentence start.
    mid_caps: Vec<bool>,
    /// Per form: how it reads as part of a name, or `None` when it cannot be one.
    names: Vec<Option<NameForm>>,
}

/// What a form is as part of a name, worked out once per form rather than per occurrence; only a
/// following dot and multi-word entries depend on where it stands.
#[derive(Clone, Copy, Debug)]
struct NameForm {
    class: Class,
    /// An adjacent "." belongs to the unit: a title ("Sen.") or an initial ("W.").
    takes_dot: bool,
    given: bool,
    surname: bool,
    stop: bool,
    /// A multi-word gazetteer entry may start here.
    phrase_start: bool,
}

fn known_class(k: Known) -> Class {
    match k {
        Known::Place(p) => Class::Place(p),
        Known::Demonym(p) => Class::Demonym(p),
        Known::Org(o) => Class::Org(o),
        Known::Title(t) => Class::Title(t),
    }
}

impl NameForm {
    fn of(form: &Form<'_>) -> Option<Self> {
        if !name_like(form) {
            return None;
        }
        let (w, info) = (form.text, form.info);
        let mut takes_dot = false;
        let class = if let Some(k) = form.known {
            known_class(k)
        } else if let Some(x) = info.title {
            takes_dot = true;
            Class::Title(x)
        } else if is_acronym(w) {
            acronym_class(w)
        } else if info.org_word {
            Class::OrgWord
        } else {
            // An initial: "George W. Bush".
            takes_dot = w.chars().count() == 1;
            Class::Name
        };
        let person_like = matches!(class, Class::Name | Class::Place(_) | Class::OrgWord);
        Some(Self {
            class,
            takes_dot,
            given: person_like && info.given,
            surname: person_like && info.surname,
            stop: info.stop,
            phrase_start: info.phrase_start,
        })
    }
}

impl<'a> Ctx<'a> {
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        words: &'a Words<'a>,
        sentences: &[Sentence],
    ) -> Self {
        let mut initial = vec![false; tokens.len()];
        for s in sentences {
            let mut i = s.tokens.start;
            while let Some(t) = tokens.get(i).filter(|_| i < s.tokens.end) {
                if let Some(flag) = initial.get_mut(i) {
                    *flag = true;
                }
                if !(t.kind == TokenKind::Punct && OPENERS.contains(&t.text(text))) {
                    break;
                }
                i += 1;
            }
        }
        // One pass for the line starts and the capitals seen elsewhere: a token's `initial` is
        // settled before its capital is looked at.
        let mut mid_caps = vec![false; words.count()];
        let mut para_at = 0;
        for (i, t) in tokens.iter().enumerate() {
            if t.para_start {
                para_at = i;
            }
            // A new line also starts afresh (captions, headings, list items), and so does the
            // word after a dateline's dash ("LISBON — Dockworkers voted").
            let after_dateline = i > 0
                && i - para_at <= 6
                && words.of(i - 1).is_some_and(|p| matches!(p.text, "—" | "–"));
            if (t.para_start || after_dateline)
                && let Some(flag) = initial.get_mut(i)
            {
                *flag = true;
            }
            if t.kind == TokenKind::Word
                && !initial.get(i).copied().unwrap_or(true)
                && words.of(i).is_some_and(|f| f.capitalized)
                && let Some(seen) = mid_caps.get_mut(words.id(i) as usize)
            {
                *seen = true;
            }
        }
        let names = (0..words.count())
            .map(|id| {
                words
                    .form(u32::try_from(id).unwrap_or(u32::MAX))
                    .and_then(NameForm::of)
            })
            .collect();
        Self {
            text,
            tokens,
            words,
            initial,
            mid_caps,
            names,
        }
    }

    /// Token `i` is a word that also appears capitalised other than at a sentence start.
    pub(super) fn mid_cap(&self, i: usize) -> bool {
        self.mid_caps
            .get(self.words.id(i) as usize)
            .copied()
            .unwrap_or(false)
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.words.of(i).map_or("", |f| f.text)
    }

    pub(super) fn adjacent_dot(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => b.text(self.text) == "." && a.span.end() == b.span.start(),
            _ => false,
        }
    }

    /// The unit starting at token `i`, if a name can continue there.
    fn unit_at(&self, i: usize) -> Option<Unit> {
        let t = self.tokens.get(i)?;
        // Fast path: most tokens are lowercase words or punctuation ("al-"/"el-" names excepted).
        let first = self
            .text
            .as_bytes()
            .get(t.span.start())
            .copied()
            .unwrap_or(0);
        if t.kind != TokenKind::Word
            || (first.is_ascii_lowercase() && first != b'a' && first != b'e')
        {
            return None;
        }
        let name = (*self.names.get(self.words.id(i) as usize)?)?;
        if let Some((end, known)) = name
            .phrase_start
            .then(|| gz::phrase_at(self.text, self.tokens, i))
            .flatten()
        {
            return Some(Unit {
                toks: i..end,
                class: known_class(known),
                given: false,
                surname: false,
                stop: false,
            });
        }
        let end = if name.takes_dot && self.adjacent_dot(i) {
            i + 2
        } else {
            i + 1
        };
        Some(Unit {
            toks: i..end,
            class: name.class,
            given: name.given,
            surname: name.surname,
            stop: name.stop,
        })
    }
}

/// A word that can be part of a name (the token is known to be a word).
fn name_like(form: &Form<'_>) -> bool {
    let w = form.text;
    if form.capitalized {
        // Contractions are not names: "I’ll", "I'm", "We’re". (Most words have no apostrophe,
        // which one pass over the bytes tells.)
        let apostrophe = w.as_bytes().contains(&b'\'') || (!w.is_ascii() && w.contains('’'));
        let contraction = apostrophe
            && w.find(['’', '\'']).is_some_and(|at| {
                let tail = w.get(at..).unwrap_or("");
                ["ll", "m", "re", "ve", "d", "t"].iter().any(|c| {
                    tail.get(tail.len().saturating_sub(c.len())..) == Some(c)
                        && tail.chars().count() == c.len() + 1
                })
            });
        return !contraction;
    }
    // "al-Assad", "el-Sisi"
    if w.as_bytes().get(2) != Some(&b'-') {
        return false;
    }
    let rest = w.strip_prefix("al-").or_else(|| w.strip_prefix("el-"));
    rest.is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase))
}

/// Short capitals are organisations ("NATO", "CNN"); long ones are words set in capitals, often a
/// dateline ("WASHINGTON —"), read as the place they name if they name one.
fn acronym_class(w: &str) -> Class {
    if gz::is_ignored_caps(w) {
        return Class::Name;
    }
    if w.chars().count() <= 5 {
        return Class::Acronym;
    }
    let mut chars = w.chars();
    let titled: String = chars
        .next()
        .into_iter()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    match gz::known_word(&titled) {
        Some(Known::Place(p)) => Class::Place(p),
        _ => Class::Name,
    }
}

fn is_acronym(w: &str) -> bool {
    // The character test first: it fails on the second letter of most capitalised words.
    w.chars()
        .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "bin", "ibn", "da", "di", "du", "del", "dos", "la", "le",
];

/// Cuts all chunks and reads each one; pieces come out in text order.
pub(super) fn pieces(cx: &Ctx<'_>) -> Vec<Piece> {
    let mut units: Vec<Unit> = Vec::with_capacity(8);
    let mut out = Vec::new();
    let mut i = 0;
    let n = cx.tokens.len();
    while i < n {
        let Some(first) = cx.unit_at(i) else {
            i += 1;
            continue;
        };
        units.clear();
        units.push(first);
        let mut at = units.last().map_or(i + 1, |u| u.toks.end);
        while at < n {
            if cx.tokens.get(at).is_some_and(|t| t.para_start) {
                break;
            }
            if let Some(u) = cx.unit_at(at) {
                // Weekdays and months end a name: "met Putin Monday".
                if u.stop && u.class == Class::Name {
                    break;
                }
                at = u.toks.end;
                units.push(u);
                continue;
            }
            let w = cx.word(at);
            let has_org = units
                .iter()
                .any(|u| matches!(u.class, Class::OrgWord | Class::Org(_)));
            let connects = match w {
                "of" | "for" | "&" => has_org,
                _ => PARTICLES.contains(&w) && units.iter().any(|u| u.given),
            };
            let next = if connects {
                cx.tokens
                    .get(at + 1)
                    .filter(|t| !t.para_start)
                    .and_then(|_| cx.unit_at(at + 1))
            } else {
                None
            };
            match next {
                Some(u) if connects => {
                    units.push(Unit {
                        toks: at..at + 1,
                        class: Class::Connector,
                        given: false,
                        surname: false,
                        stop: true,
                    });
                    at = u.toks.end;
                    units.push(u);
                }
                _ => break,
            }
        }
        i = at;
        // Sentence-initial capitals: drop function words and unknown words never capitalised elsewhere.
        let mut skip = 0;
        while let Some(u) = units.get(skip) {
            let initial = cx.initial.get(u.toks.start).copied().unwrap_or(false) || skip > 0;
            let single = u.toks.len() == 1;
            let unknown =
                u.class == Class::Name && !u.given && !u.surname && !cx.mid_cap(u.toks.start);
            // "De Blasio said": a particle opening a name is part of it.
            let particle = skip + 1 < units.len()
                && cx
                    .words
                    .of(u.toks.start)
                    .is_some_and(|f| PARTICLES.contains(&cx.words.lower_of(f)));
            if initial
                && single
                && !particle
                && !matches!(u.class, Class::Title(_))
                && (u.stop || unknown || u.class == Class::Connector)
            {
                skip += 1;
            } else {
                break;
            }
        }
        let units = units.get(skip..).unwrap_or(&[]);
        let speech = cx.words.of(at).is_some_and(|f| f.speech);
        super::read::read(cx, units, speech, &mut out);
    }
    out
}
