//! Reading one chunk: a titled person, an organisation, a place, a name or a single word to
//! resolve later; also "the <title>" roles. Works on the units `chunk.rs` cut.

use std::borrow::Cow;

use crate::annotate::entities::chunk::{Class, Ctx, Piece, PieceKind, Role, Unit};
use crate::annotate::gazetteer::{self as gz, Known};
use crate::annotate::tokens::TokenKind;
use crate::span::Span;

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

pub(super) fn span_of(cx: &Ctx<'_>, units: &[Unit]) -> Option<Span> {
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

pub(super) fn read(cx: &Ctx<'_>, units: &[Unit], speech: bool, out: &mut Vec<Piece>) {
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
    // "De Blasio", "Van Hollen": a surname with its particle (not an article: "Le Monde", "Der
    // Spiegel").
    let particle_first = cx.words.of(first.toks.start).is_some_and(|f| {
        matches!(
            cx.words.lower_of(f),
            "de" | "van" | "von" | "da" | "di" | "del" | "dos" | "bin" | "ibn"
        )
    });
    if (first.given || particle_first) && units.iter().skip(1).all(name_unit)
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
    tidy_cow(s).into_owned()
}

/// [`tidy`], borrowing `s` when it is tidy already: names come from the normalised body, so they
/// nearly always are.
pub fn tidy_cow(s: &str) -> Cow<'_, str> {
    if is_tidy_ascii(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// ASCII words separated by single spaces, nothing around them.
fn is_tidy_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    s.is_ascii()
        && b.first().is_none_or(|&c| c != b' ')
        && b.last().is_none_or(|&c| c != b' ')
        && !b
            .iter()
            .any(|&c| matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        && !b.windows(2).any(|w| w == b"  ")
}

/// "the <title>" not followed by a name: a role that may refer to a titled person.
pub(super) fn roles(cx: &Ctx<'_>) -> Vec<(&'static str, Span)> {
    let mut out = Vec::new();
    for (i, t) in cx.tokens.iter().enumerate() {
        if t.span.len() != 3 || !t.text(cx.text).eq_ignore_ascii_case("the") {
            continue;
        }
        let j = i + 1;
        let next = cx.words.of(j).map(|f| f.info).unwrap_or_default();
        let phrase = next
            .phrase_start
            .then(|| gz::phrase_at(cx.text, cx.tokens, j))
            .flatten();
        let (end, idx) = if let Some((end, Known::Title(x))) = phrase {
            (end, x)
        } else if let Some(x) = cx
            .tokens
            .get(j)
            .filter(|t| t.kind == TokenKind::Word)
            .and(next.title)
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
