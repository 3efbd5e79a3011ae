//! One entity per person however named: full names grouped by surname and similar given names
//! (misspellings merged), single words ("Obama", "Mr Obama") and roles ("the President") resolved
//! to those groups; then places, organisations and other names, keyed by canonical name.

use crate::annotate::entities::chunk::{Piece, PieceKind, Role};
use crate::annotate::entities::read::{tidy, tidy_cow};
use crate::annotate::gazetteer::{self as gz, FastMap};
use crate::model::{Entity, EntityKind};
use crate::span::Span;

#[derive(Debug, Default)]
struct Group {
    /// Ways the full name was written, with counts.
    variants: Vec<(String, usize)>,
    surname: String,
    given: String,
    mentions: Vec<Span>,
    roles: Vec<Role>,
}

impl Group {
    fn canonical(&mut self) -> String {
        let best = self
            .variants
            .iter()
            .enumerate()
            .max_by_key(|(i, (v, n))| {
                let words = v.split_whitespace().count();
                let known = v.split_whitespace().next().is_some_and(gz::is_given_name);
                (words, *n, known, usize::MAX - i)
            })
            .map(|(i, _)| i);
        match best {
            Some(i) => std::mem::take(&mut self.variants[i].0),
            None => self.surname.clone(),
        }
    }

    fn add_variant(&mut self, name: &str) {
        if let Some(v) = self.variants.iter_mut().find(|(v, _)| v == name) {
            v.1 += 1;
        } else {
            self.variants.push((name.to_string(), 1));
        }
    }

    fn nearest_before(&self, at: usize) -> Option<usize> {
        self.mentions
            .iter()
            .filter(|m| m.start() < at)
            .map(|m| at - m.start())
            .min()
    }
}

/// Levenshtein distance on chars, giving up (returning `limit + 1`) past `limit`.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

fn same_given(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (ia, ib) = (a.trim_end_matches('.'), b.trim_end_matches('.'));
    let initial = |s: &str| s.chars().count() == 1;
    if initial(ia) || initial(ib) {
        return ia.chars().next() == ib.chars().next();
    }
    let shorter = a.chars().count().min(b.chars().count());
    shorter >= 4
        && a.chars().next() == b.chars().next()
        && edit_distance(a, b, 2) <= if shorter >= 6 { 2 } else { 1 }
}

fn split_name(name: &str) -> (&str, &str) {
    let mut words = name.split_whitespace();
    let given = words.next().unwrap_or("");
    let surname = words.next_back().map_or(given, |s| s.trim_end_matches('.'));
    (given, surname)
}

type Others = Vec<(EntityKind, String, Vec<Span>)>;

fn put_keyed<'k>(
    keyed: &mut FastMap<(EntityKind, &'k str), usize>,
    others: &mut Others,
    kind: EntityKind,
    key: &'k str,
    span: Span,
) {
    if let Some(&i) = keyed.get(&(kind, key)) {
        if let Some(e) = others.get_mut(i) {
            e.2.push(span);
        }
    } else {
        keyed.insert((kind, key), others.len());
        others.push((kind, tidy(key), vec![span]));
    }
}

/// Builds the entities from the pieces and the "the <title>" roles, sorted by first mention.
pub(super) fn assemble(
    text: &str,
    pieces: &[Piece],
    roles: &[(&'static str, Span)],
) -> Vec<Entity> {
    let mut groups: Vec<Group> = Vec::new();
    // Full names first, so that single words resolve to names written later too.
    for p in pieces {
        let PieceKind::Person {
            name,
            role,
            single: false,
        } = &p.kind
        else {
            continue;
        };
        let written = tidy_cow(name.slice(text));
        let (given, surname) = split_name(&written);
        let found = groups.iter().position(|g| {
            g.surname.eq_ignore_ascii_case(surname)
                && (g.given.is_empty() || same_given(&g.given, given))
        });
        let g = match found {
            Some(i) => &mut groups[i],
            None => {
                groups.push(Group {
                    surname: surname.to_string(),
                    given: given.to_string(),
                    ..Group::default()
                });
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        g.add_variant(&written);
        g.mentions.push(p.span);
        g.roles.extend(role.iter().copied());
    }
    let mut single_counts: FastMap<&str, usize> = FastMap::default();
    for p in pieces {
        if let PieceKind::Single { .. } = p.kind {
            *single_counts.entry(p.span.slice(text)).or_default() += 1;
        }
    }
    let mut others: Vec<(EntityKind, String, Vec<Span>)> = Vec::new();
    // Keys borrow from the text, the pieces or the gazetteer; names are made once per entity.
    let mut keyed: FastMap<(EntityKind, &str), usize> = FastMap::default();
    let mut put = |kind, key, span, others: &mut _| put_keyed(&mut keyed, others, kind, key, span);
    for p in pieces {
        match &p.kind {
            PieceKind::Person { single: false, .. } => {}
            PieceKind::Person {
                name,
                role,
                single: true,
            } => {
                let w = tidy_cow(name.slice(text));
                let g = resolve_single(&mut groups, &w, p.span.start(), true);
                if let Some(g) = groups.get_mut(g) {
                    g.mentions.push(p.span);
                    g.roles.extend(role.iter().copied());
                }
            }
            PieceKind::Single {
                given,
                surname,
                speech,
            } => {
                let w = p.span.slice(text);
                let count = single_counts.get(w).copied().unwrap_or(0);
                let person_like = *speech || ((*given || *surname) && count >= 2);
                let found = resolve_single(&mut groups, w, p.span.start(), person_like);
                if let Some(g) = groups.get_mut(found) {
                    g.mentions.push(p.span);
                } else if count >= 2 {
                    put(EntityKind::Other, w, p.span, &mut others);
                }
            }
            PieceKind::Place(i) => {
                let key = if *i == u32::MAX {
                    p.span.slice(text)
                } else {
                    gz::place_name(*i)
                };
                put(EntityKind::Place, key, p.span, &mut others);
            }
            PieceKind::Org(name) => put(EntityKind::Org, name, p.span, &mut others),
            PieceKind::Other => put(EntityKind::Other, p.span.slice(text), p.span, &mut others),
        }
    }
    for &(key, span) in roles {
        if let Some(g) = resolve_role(&groups, key) {
            groups[g].mentions.push(span);
        }
    }
    let mut out: Vec<Entity> = groups
        .into_iter()
        .map(|mut g| Entity {
            name: g.canonical(),
            kind: EntityKind::Person,
            mentions: g.mentions,
        })
        .chain(others.into_iter().map(|(kind, name, mentions)| Entity {
            name,
            kind,
            mentions,
        }))
        .filter(|e| !e.mentions.is_empty())
        .collect();
    for e in &mut out {
        e.mentions.sort_unstable();
        e.mentions.dedup();
    }
    out.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start()));
    out
}

/// The group a single word names: a surname (nearest earlier mention wins), else a unique given
/// name; a new group when `create` and nothing matches. Returns `usize::MAX` for none.
fn resolve_single(groups: &mut Vec<Group>, w: &str, at: usize, create: bool) -> usize {
    let mut best: Option<(usize, usize)> = None;
    for (i, g) in groups.iter().enumerate() {
        if g.surname == w {
            let d = g.nearest_before(at).unwrap_or(usize::MAX);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, i));
            }
        }
    }
    if let Some((_, i)) = best {
        return i;
    }
    let mut by_given = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.given == w && g.variants.iter().any(|(v, _)| v.contains(' ')));
    if let (Some((i, _)), None) = (by_given.next(), by_given.next()) {
        return i;
    }
    if create {
        groups.push(Group {
            surname: w.to_string(),
            ..Group::default()
        });
        return groups.len() - 1;
    }
    usize::MAX
}

/// The one person the article gives this title; a domestic (unqualified or US) holder beats
/// foreign ones ("the President" is Obama when Putin is "Russian President").
fn resolve_role(groups: &[Group], key: &str) -> Option<usize> {
    let holders: Vec<(usize, bool)> = groups
        .iter()
        .enumerate()
        .filter_map(|(i, g)| {
            let mine: Vec<&Role> = g.roles.iter().filter(|r| r.key == key).collect();
            (!mine.is_empty()).then(|| (i, mine.iter().all(|r| r.foreign)))
        })
        .collect();
    let domestic: Vec<usize> = holders
        .iter()
        .filter(|(_, f)| !f)
        .map(|(i, _)| *i)
        .collect();
    match (domestic.as_slice(), holders.as_slice()) {
        ([only], _) | ([], [(only, _)]) => Some(*only),
        _ => None,
    }
}
