//! Capitalised name sequences ("chunks") cut out of the tokens and read as people, places,
//! organisations or unresolved single words. Knows nothing of the rest of the article except which
//! capitalised words also occur mid-sentence; merging people is `people.rs`'s job.

use std::ops::Range;

use crate::annotate::gazetteer::{self as gz, FastSet, Known};
use crate::annotate::sentences::Sentence;
use crate::annotate::tokens::{Token, TokenKind};
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
enum Class {
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
struct Unit {
    toks: Range<usize>,
    class: Class,
    given: bool,
    surname: bool,
    stop: bool,
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

pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Token starts a sentence (after any opening quotes or brackets).
    pub initial: Vec<bool>,
    /// Capitalised words seen somewhere other than at a sentence start.
    pub mid_caps: FastSet<&'a str>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token], sentences: &[Sentence]) -> Self {
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
        let mut para_at = 0;
        for (i, t) in tokens.iter().enumerate() {
            if t.para_start {
                para_at = i;
            }
            // A new line also starts afresh (captions, headings, list items), and so does the
            // word after a dateline's dash ("LISBON — Dockworkers voted").
            let after_dateline = i > 0
                && i - para_at <= 6
                && tokens
                    .get(i - 1)
                    .is_some_and(|p| matches!(p.text(text), "—" | "–"));
            if (t.para_start || after_dateline)
                && let Some(flag) = initial.get_mut(i)
            {
                *flag = true;
            }
        }
        let mut mid_caps = FastSet::default();
        for (i, t) in tokens.iter().enumerate() {
            if !initial.get(i).copied().unwrap_or(true) && t.is_capitalized(text) {
                mid_caps.insert(t.text(text));
            }
        }
        Self {
            text,
            tokens,
            initial,
            mid_caps,
        }
    }

    fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    fn adjacent_dot(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => b.text(self.text) == "." && a.span.end() == b.span.start(),
            _ => false,
        }
    }

    /// The unit starting at token `i`, if a name can continue there.
    fn unit_at(&self, i: usize) -> Option<Unit> {
        let t = self.tokens.get(i)?;
        let w = t.text(self.text);
        if !name_like(*t, w, self.text) {
            return None;
        }
        let info = gz::word_info(w);
        if let Some((end, known)) = info
            .phrase_start
            .then(|| gz::phrase_at(self.text, self.tokens, i))
            .flatten()
        {
            let class = match known {
                Known::Place(p) => Class::Place(p),
                Known::Demonym(p) => Class::Demonym(p),
                Known::Org(o) => Class::Org(o),
                Known::Title(t) => Class::Title(t),
            };
            return Some(Unit {
                toks: i..end,
                class,
                given: false,
                surname: false,
                stop: false,
            });
        }
        let stop = info.stop;
        let mut end = i + 1;
        let class = if let Some(k) = gz::known_word(w) {
            match k {
                Known::Place(p) => Class::Place(p),
                Known::Demonym(p) => Class::Demonym(p),
                Known::Org(o) => Class::Org(o),
                Known::Title(x) => Class::Title(x),
            }
        } else if let Some(x) = info.title {
            if self.adjacent_dot(i) {
                end += 1;
            }
            Class::Title(x)
        } else if is_acronym(w) {
            acronym_class(w)
        } else if info.org_word {
            Class::OrgWord
        } else {
            // An initial: "George W. Bush".
            if w.chars().count() == 1 && self.adjacent_dot(i) {
                end += 1;
            }
            Class::Name
        };
        let (given, surname) = if matches!(class, Class::Name | Class::Place(_) | Class::OrgWord) {
            (info.given, info.surname)
        } else {
            (false, false)
        };
        Some(Unit {
            toks: i..end,
            class,
            given,
            surname,
            stop,
        })
    }
}

fn name_like(t: Token, w: &str, text: &str) -> bool {
    if t.kind != TokenKind::Word {
        return false;
    }
    if t.is_capitalized(text) {
        // Contractions are not names: "I’ll", "I'm", "We’re".
        let contraction = w.find(['’', '\'']).is_some_and(|at| {
            let tail = w.get(at..).unwrap_or("");
            ["ll", "m", "re", "ve", "d", "t"].iter().any(|c| {
                tail.get(tail.len().saturating_sub(c.len())..) == Some(c)
                    && tail.chars().count() == c.len() + 1
            })
        });
        return !contraction;
    }
    // "al-Assad", "el-Sisi"
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
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// Last words that make a capitalised name a place ("Finney County", "Garden City").
const PLACE_WORDS: &[&str] = &[
    "County",
    "City",
    "River",
    "Valley",
    "Island",
    "Islands",
    "Mountains",
    "Lake",
    "Province",
    "Region",
    "Basin",
    "Bay",
    "Coast",
    "Peninsula",
    "Strait",
    "Sea",
    "Ocean",
    "Desert",
    "Heights",
    "Square",
    "Airport",
];

const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "bin", "ibn", "da", "di", "du", "del", "dos", "la", "le",
];

/// Cuts all chunks and reads each one; pieces come out in text order.
pub(super) fn pieces(cx: &Ctx<'_>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = cx.tokens.len();
    while i < n {
        let Some(first) = cx.unit_at(i) else {
            i += 1;
            continue;
        };
        let mut units = vec![first];
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
            let unknown = u.class == Class::Name
                && !u.given
                && !u.surname
                && !cx.mid_caps.contains(cx.word(u.toks.start));
            if initial
                && single
                && !matches!(u.class, Class::Title(_))
                && (u.stop || unknown || u.class == Class::Connector)
            {
                skip += 1;
            } else {
                break;
            }
        }
        let units = units.get(skip..).unwrap_or(&[]);
        let speech = is_speech_verb(cx.word(at));
        read(cx, units, speech, &mut out);
    }
    out
}

fn span_of(cx: &Ctx<'_>, units: &[Unit]) -> Option<Span> {
    let (a, b) = (units.first()?, units.last()?);
    let start = cx.tokens.get(a.toks.start)?.span.start();
    let end = cx.tokens.get(b.toks.end.checked_sub(1)?)?.span.end();
    Span::new(cx.text, start, end)
}

fn name_unit(u: &Unit) -> bool {
    matches!(u.class, Class::Name | Class::Connector)
        || (u.given && matches!(u.class, Class::Place(_) | Class::OrgWord))
}

fn place_unit(u: &Unit) -> Option<u32> {
    match u.class {
        Class::Place(p) | Class::Demonym(p) => Some(p),
        _ => None,
    }
}

fn role_key(idx: u32) -> &'static str {
    match gz::title_name(idx).trim_end_matches('.') {
        "sen" | "sens" | "senator" => "senator",
        "gov" | "governor" => "governor",
        "rep" | "representative" | "congressman" | "congresswoman" => "representative",
        "gen" | "general" => "general",
        "adm" | "admiral" => "admiral",
        "col" | "colonel" => "colonel",
        "capt" | "captain" => "captain",
        "lt" | "lieutenant" => "lieutenant",
        "sgt" | "sergeant" => "sergeant",
        "maj" | "major" => "major",
        "prof" | "professor" => "professor",
        "dr" => "doctor",
        "rev" | "reverend" => "reverend",
        other => other,
    }
}

/// Honorifics do not make "the <title>" refer to anyone.
pub fn is_honorific(key: &str) -> bool {
    matches!(
        key,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "mister"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "monsieur"
            | "madame"
            | "herr"
            | "frau"
            | "señor"
            | "señora"
    )
}

fn read(cx: &Ctx<'_>, units: &[Unit], speech: bool, out: &mut Vec<Piece>) {
    let Some(span) = span_of(cx, units) else {
        return;
    };
    // "The Associated Press": the article is not part of the name unless the name is known with it;
    // mid-sentence, a capitalised "The" marks the name of an organisation or a work.
    if let [first, rest @ ..] = units
        && !rest.is_empty()
        && first.stop
        && first.class == Class::Name
        && gz::phrase(span.slice(cx.text)).is_none()
    {
        let initial = cx.initial.get(first.toks.start).copied().unwrap_or(true);
        let the = cx.word(first.toks.start) == "The";
        match span_of(cx, rest) {
            Some(s)
                if the
                    && !initial
                    && rest.iter().all(|u| {
                        matches!(u.class, Class::Name | Class::OrgWord | Class::Connector)
                    }) =>
            {
                out.push(Piece {
                    kind: PieceKind::Org(tidy(s.slice(cx.text))),
                    span: s,
                });
            }
            _ => read(cx, rest, speech, out),
        }
        return;
    }
    // A title followed only by name words: a titled person, with what precedes as qualifier.
    let title_at = units
        .iter()
        .rposition(|u| matches!(u.class, Class::Title(_)));
    if let Some(t) = title_at {
        let rest = units.get(t + 1..).unwrap_or(&[]);
        if !rest.is_empty() && rest.iter().all(name_unit) {
            let mut first_title = t;
            while first_title > 0
                && units
                    .get(first_title - 1)
                    .is_some_and(|u| matches!(u.class, Class::Title(_)))
            {
                first_title -= 1;
            }
            let prefix = units.get(..first_title).unwrap_or(&[]);
            let mut foreign = false;
            for u in prefix {
                if let Some(p) = place_unit(u) {
                    foreign |= gz::place_name(p) != "United States";
                }
            }
            emit_prefix(cx, prefix, out);
            let key = match units.get(t).map(|u| u.class) {
                Some(Class::Title(x)) => role_key(x),
                _ => "",
            };
            let role = (!key.is_empty()).then_some(Role { key, foreign });
            let (Some(name), Some(whole)) = (
                span_of(cx, rest),
                span_of(cx, units.get(first_title..).unwrap_or(&[])),
            ) else {
                return;
            };
            let single = rest.len() == 1;
            out.push(Piece {
                kind: PieceKind::Person { name, role, single },
                span: whole,
            });
            return;
        }
    }
    let [only] = units else {
        read_many(cx, units, span, speech, out);
        return;
    };
    let kind = match only.class {
        Class::Place(p) => PieceKind::Place(p),
        Class::Org(o) => PieceKind::Org(gz::org_name(o).to_string()),
        Class::Acronym => PieceKind::Org(span.slice(cx.text).to_string()),
        Class::Name if only.toks.len() == 1 && !only.stop => PieceKind::Single {
            given: only.given,
            surname: only.surname,
            speech,
        },
        _ => return,
    };
    out.push(Piece { kind, span });
}

fn read_many(cx: &Ctx<'_>, units: &[Unit], span: Span, speech: bool, out: &mut Vec<Piece>) {
    let (Some(first), Some(last)) = (units.first(), units.last()) else {
        return;
    };
    let is_org = |u: &Unit| matches!(u.class, Class::OrgWord | Class::Org(_));
    if is_org(last) || (first.class == Class::OrgWord && !first.given) {
        let written = span.slice(cx.text);
        let name = match gz::phrase(written).or_else(|| gz::known_word(written)) {
            Some(Known::Org(o)) => gz::org_name(o).to_string(),
            _ => tidy(written),
        };
        out.push(Piece {
            kind: PieceKind::Org(name),
            span,
        });
        return;
    }
    if PLACE_WORDS.contains(&cx.word(last.toks.start)) {
        out.push(Piece {
            kind: PieceKind::Place(u32::MAX),
            span,
        });
        return;
    }
    if first.given && units.iter().skip(1).all(name_unit)
        || last.surname && units.len() <= 3 && units.iter().all(name_unit)
    {
        out.push(Piece {
            kind: PieceKind::Person {
                name: span,
                role: None,
                single: false,
            },
            span,
        });
        return;
    }
    // Leading places and demonyms qualify what follows ("Syrian Bashar al-Assad", "Texas Gov").
    let lead = units
        .iter()
        .take_while(|u| {
            place_unit(u).is_some() || matches!(u.class, Class::Org(_) | Class::Acronym)
        })
        .count();
    if lead > 0 {
        emit_prefix(cx, units.get(..lead).unwrap_or(&[]), out);
        let rest = units.get(lead..).unwrap_or(&[]);
        if let Some(s) = span_of(cx, rest) {
            read_many_or_one(cx, rest, s, speech, out);
        }
        return;
    }
    if units.iter().all(|u| !u.stop) && units.iter().any(|u| u.class == Class::Name) {
        out.push(Piece {
            kind: PieceKind::Other,
            span,
        });
    }
}

fn read_many_or_one(cx: &Ctx<'_>, units: &[Unit], span: Span, speech: bool, out: &mut Vec<Piece>) {
    if units.len() == 1 {
        read(cx, units, speech, out);
    } else {
        read_many(cx, units, span, speech, out);
    }
}

/// Places and organisations named before a title or a name.
fn emit_prefix(cx: &Ctx<'_>, prefix: &[Unit], out: &mut Vec<Piece>) {
    for u in prefix {
        let Some(span) = span_of(cx, std::slice::from_ref(u)) else {
            continue;
        };
        match u.class {
            Class::Place(p) => out.push(Piece {
                kind: PieceKind::Place(p),
                span,
            }),
            Class::Org(o) => out.push(Piece {
                kind: PieceKind::Org(gz::org_name(o).to_string()),
                span,
            }),
            Class::Acronym => out.push(Piece {
                kind: PieceKind::Org(span.slice(cx.text).to_string()),
                span,
            }),
            _ => {}
        }
    }
}

/// Whitespace collapsed to single spaces.
pub fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "the <title>" not followed by a name: a role that may refer to a titled person.
pub(super) fn roles(cx: &Ctx<'_>) -> Vec<(&'static str, Span)> {
    let mut out = Vec::new();
    for (i, t) in cx.tokens.iter().enumerate() {
        if !t.text(cx.text).eq_ignore_ascii_case("the") {
            continue;
        }
        let j = i + 1;
        let (end, idx) = if let Some((end, Known::Title(x))) = gz::phrase_at(cx.text, cx.tokens, j)
        {
            (end, x)
        } else if let Some(x) = cx
            .tokens
            .get(j)
            .filter(|t| t.kind == TokenKind::Word)
            .and_then(|t| gz::title(t.text(cx.text)))
        {
            (j + 1, x)
        } else {
            continue;
        };
        let key = role_key(idx);
        let next = cx.tokens.get(end);
        let followed = next.is_some_and(|n| {
            !n.para_start && (n.is_capitalized(cx.text) || n.text(cx.text) == "of")
        });
        if followed || is_honorific(key) {
            continue;
        }
        let (Some(a), Some(b)) = (cx.tokens.get(j), cx.tokens.get(end - 1)) else {
            continue;
        };
        if let Some(span) = Span::new(cx.text, a.span.start(), b.span.end()) {
            out.push((key, span));
        }
    }
    out
}
