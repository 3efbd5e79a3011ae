//! From sources to speakers: one speaker per person however named. A source phrase that holds a
//! named entity's mention is that entity ("President Barack Obama", "Mr Obama", "Obama’s"); a
//! role ("the President") is the person the article gives that title; a pronoun is the latest
//! compatible speaker; unnamed sources ("a senior US official", "the official") are speakers of
//! their own, merged by their head noun.

use std::cell::OnceCell;

use crate::annotate::attribution::{Found, Source};
use crate::annotate::doc::Doc;
use crate::annotate::lexicon::Class;
use crate::model::{Entity, EntityKind, Quote, Speaker};
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Key {
    Entity(usize),
    /// A name the entity stage did not find, keyed by its last word.
    Name(String),
    /// An unnamed source, keyed by its head noun.
    Nominal(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Plural,
}

struct Draft {
    key: Key,
    name: String,
    kind: EntityKind,
    forms: Vec<String>,
    mentions: Vec<Span>,
    /// The gender pronouns resolved to this speaker gave it.
    gender: Option<Gender>,
    /// The gender its honorifics give it, worked out when a pronoun first asks.
    honorific: OnceCell<Option<Gender>>,
    /// The source that made this speaker.
    origin: Span,
    last: usize,
}

impl Draft {
    /// What the speaker's honorifics say ("Mr. Trump"), else what pronouns said before.
    fn gender(&self, doc: &Doc<'_>, entities: &[Entity]) -> Option<Gender> {
        let honorific = *self.honorific.get_or_init(|| match self.key {
            _ if self.kind != EntityKind::Person => None,
            Key::Entity(e) => entities
                .get(e)
                .and_then(|e| gender_of(doc.text, &e.mentions)),
            Key::Name(_) | Key::Nominal(_) => gender_of(doc.text, &[self.origin]),
        });
        honorific.or(self.gender)
    }
}

/// The entity with a mention overlapping `span`, preferring the mention nearest its end.
fn entity_at(entities: &[Entity], span: Span) -> Option<usize> {
    entities
        .iter()
        .position(|e| e.mentions.iter().any(|m| m.overlaps(span)))
}

fn pronoun_gender(p: &str) -> Option<Gender> {
    match p {
        "he" | "him" => Some(Gender::Male),
        "she" | "her" => Some(Gender::Female),
        "they" | "we" | "them" | "us" => Some(Gender::Plural),
        _ => None,
    }
}

/// Leading determiners and titles are not part of a name: "Senator John McCain" → "John McCain".
fn clean_name(doc: &Doc<'_>, src: Source) -> String {
    let a = doc.token_at(src.span.start());
    let mut words: Vec<&str> = Vec::new();
    let mut started = false;
    for i in a..=src.head {
        let w = doc.word(i);
        let skip = !started
            && (doc.is(i, Class::Determiner)
                || doc.is(i, Class::Title)
                || doc.is_punct(i)
                || !doc.is_cap(i));
        if skip {
            continue;
        }
        if w == "’s" || w == "'s" {
            continue;
        }
        started = true;
        words.push(doc.raw(i));
    }
    let joined = words.join(" ").replace(" .", ".");
    if joined.is_empty() {
        src.span.slice(doc.text).to_string()
    } else {
        joined
    }
}

/// The role word of a source like "the President" / "the senator", if that is all it is.
fn role_of(doc: &Doc<'_>, src: Source) -> Option<String> {
    let a = doc.token_at(src.span.start());
    // "the President", "the presidential candidate", "the Republican nominee".
    let definite = doc.word(a) == "the" && a < src.head;
    let adjectives =
        (a + 1..src.head).all(|i| !doc.is_punct(i) && doc.word(i) != "’s" && doc.word(i) != "'s");
    (definite && adjectives && doc.is(src.head, Class::Title))
        .then(|| doc.word(src.head).to_string())
}

/// Entities introduced with a title: "President Barack Obama" gives the role "president".
fn entity_with_role(
    doc: &Doc<'_>,
    entities: &[Entity],
    role: &str,
    before: usize,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (e, ent) in entities.iter().enumerate() {
        if ent.kind != EntityKind::Person {
            continue;
        }
        for m in &ent.mentions {
            if m.start() >= before {
                continue;
            }
            let t = doc.token_at(m.start());
            let titled = (t.saturating_sub(3)..t).any(|i| doc.word(i) == role)
                || m.slice(doc.text).to_lowercase().split_whitespace().next() == Some(role);
            if titled && best.is_none_or(|(_, at)| m.start() > at) {
                best = Some((e, m.start()));
            }
        }
    }
    best.map(|(e, _)| e)
}

/// Resolves sources to speakers and returns the speakers (those with quotes) and the quotes.
#[must_use]
pub fn resolve(
    doc: &Doc<'_>,
    entities: &[Entity],
    found: &[Found],
    context: &[Source],
) -> (Vec<Speaker>, Vec<Quote>) {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut of_found: Vec<Option<usize>> = vec![None; found.len()];
    // Resolve in the text order of the sources, so pronouns look back correctly.
    // Resolve in the text order of the sources, so pronouns look back correctly. Sources of cues
    // that attribute nothing we report still count: "Inspector Grant said:" … “…,” he added.
    let mut order: Vec<(Source, Option<usize>)> = found
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.source.map(|s| (s, Some(i))))
        .chain(context.iter().map(|&s| (s, None)))
        .collect();
    order.sort_by_key(|(s, i)| (s.span.start(), i.is_none()));
    let mut by_span: Vec<(Span, usize)> = Vec::new();
    for (src, i) in order {
        let d = if let Some(&(_, d)) = by_span.iter().find(|(s, _)| *s == src.span) {
            Some(d)
        } else {
            let d = speaker_for(doc, entities, src, &mut drafts);
            if let Some(d) = d {
                let draft = &mut drafts[d];
                draft.last = src.span.start();
                if !draft.mentions.contains(&src.span) {
                    draft.mentions.push(src.span);
                }
                let form = src.span.slice(doc.text);
                if !draft.forms.iter().any(|f| f == form) {
                    draft.forms.push(form.to_string());
                }
                by_span.push((src.span, d));
            }
            d
        };
        if let Some(i) = i {
            of_found[i] = d;
        }
    }
    // Speakers in order of first quote; only those quoted.
    let mut index: Vec<Option<usize>> = vec![None; drafts.len()];
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut quotes = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let speaker = of_found[i].map(|d| {
            *index[d].get_or_insert_with(|| {
                speakers.push(finish(doc, entities, &drafts[d]));
                speakers.len() - 1
            })
        });
        quotes.push(Quote {
            kind: f.kind,
            span: f.span,
            speaker,
            cue: f.cue,
            group: f.group,
        });
    }
    (speakers, quotes)
}

fn speaker_for(
    doc: &Doc<'_>,
    entities: &[Entity],
    src: Source,
    drafts: &mut Vec<Draft>,
) -> Option<usize> {
    let head = doc.word(src.head);
    // ("according to him": an object pronoun names its speaker as well.)
    if doc.is(src.head, Class::Pronoun) || doc.is(src.head, Class::ObjectPronoun) {
        let g = pronoun_gender(head);
        let fits = |d: &Draft| match g {
            Some(Gender::Plural) => {
                d.gender(doc, entities).is_none_or(|x| x == Gender::Plural)
                    && (d.kind != EntityKind::Person || matches!(d.key, Key::Nominal(_)))
            }
            Some(x) => {
                d.kind == EntityKind::Person
                    && d.gender(doc, entities).is_none_or(|y| y == x)
                    && !matches!(&d.key, Key::Nominal(n) if n.ends_with('s'))
            }
            None => head != "it" || d.kind != EntityKind::Person,
        };
        let best = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| d.last < src.span.start() && fits(d))
            .max_by_key(|(_, d)| d.last)
            .map(|(k, _)| k);
        // An unnamed speaker of unknown gender ("the front-runner") fits "he" and "she" alike: a
        // person named since, whose honorifics say the pronoun fits, is the likelier referent
        // ("… Mrs. Clinton's account, later admitting she …").
        let best = match (best, g) {
            (Some(k), Some(x @ (Gender::Male | Gender::Female)))
                if drafts[k].gender(doc, entities).is_none()
                    && matches!(drafts[k].key, Key::Nominal(_)) =>
            {
                let since = drafts[k].last;
                latest_entity_before(entities, src.span.start(), |e| {
                    e.kind == EntityKind::Person
                        && e.mentions
                            .iter()
                            .any(|m| m.start() > since && m.end() <= src.span.start())
                        && gender_of(doc.text, &e.mentions) == Some(x)
                })
                .map(|e| draft_for(doc, entities, Key::Entity(e), src, drafts))
                .or(Some(k))
            }
            _ => best,
        };
        let best = best.or_else(|| {
            // No speaker yet: the latest person named before the pronoun.
            let e = latest_entity_before(entities, src.span.start(), |e| {
                e.kind == EntityKind::Person || g == Some(Gender::Plural)
            })?;
            Some(draft_for(doc, entities, Key::Entity(e), src, drafts))
        });
        // Nobody to refer to: the pronoun stands for a speaker of its own.
        let best = best.unwrap_or_else(|| {
            draft_for(doc, entities, Key::Nominal(head.to_string()), src, drafts)
        });
        if let Some(g) = g {
            drafts[best].gender.get_or_insert(g);
        }
        return Some(best);
    }
    // Only the head names the speaker: "a US official" is an official, not the United States.
    let key = if let Some(e) = doc
        .span(src.head, src.head)
        .and_then(|h| entity_at(entities, h))
    {
        Key::Entity(e)
    } else if let Some(e) =
        role_of(doc, src).and_then(|r| entity_with_role(doc, entities, &r, src.span.start()))
    {
        Key::Entity(e)
    } else if let Some(role) = role_of(doc, src) {
        // "the president" with no titled person known: the latest speaker who was given that title.
        let titled = drafts.iter().enumerate().rev().find(|(_, d)| {
            d.forms.iter().any(|f| {
                f.to_lowercase()
                    .split_whitespace()
                    .any(|w| w.trim_end_matches('.') == role)
            })
        });
        if let Some((k, _)) = titled {
            return Some(k);
        }
        // Otherwise a definite role refers back to the latest named person who spoke.
        let named = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                d.kind == EntityKind::Person
                    && matches!(d.key, Key::Entity(_) | Key::Name(_))
                    && d.last < src.span.start()
            })
            .max_by_key(|(_, d)| d.last);
        if let Some((k, _)) = named {
            return Some(k);
        }
        Key::Nominal(role)
    } else if doc.is_cap(src.head) {
        let surname = strip_possessives(head).to_string();
        // A surname already known as an entity's last name.
        entities
            .iter()
            .position(|e| {
                e.kind == EntityKind::Person
                    && e.name
                        .split_whitespace()
                        .last()
                        .is_some_and(|l| l.eq_ignore_ascii_case(&surname))
            })
            .map_or(Key::Name(surname), Key::Entity)
    } else if let Some(e) = named_org(doc, entities, src) {
        Key::Entity(e)
    } else {
        Key::Nominal(head.trim_end_matches('s').to_string())
    };
    if let Some(k) = drafts.iter().position(|d| d.key == key) {
        return Some(k);
    }
    Some(draft_for(doc, entities, key, src, drafts))
}

/// The entity matching `keep` whose last mention before `offset` is the latest.
fn latest_entity_before(
    entities: &[Entity],
    offset: usize,
    keep: impl Fn(&Entity) -> bool,
) -> Option<usize> {
    entities
        .iter()
        .enumerate()
        .filter(|(_, e)| keep(e))
        .filter_map(|(k, e)| {
            e.mentions
                .iter()
                .filter(|m| m.end() <= offset)
                .map(|m| m.start())
                .max()
                .map(|at| (k, at))
        })
        .max_by_key(|&(_, at)| at)
        .map(|(k, _)| k)
}

/// "the ministry" after "the Ministry of Infrastructure": the organisation named with that word
/// most recently before.
fn named_org(doc: &Doc<'_>, entities: &[Entity], src: Source) -> Option<usize> {
    let first = doc.token_at(src.span.start());
    if doc.word(first) != "the" || !doc.is(src.head, Class::OrgNoun) || src.head != first + 1 {
        return None;
    }
    let head = doc.word(src.head);
    latest_entity_before(entities, src.span.start(), |e| {
        e.kind == EntityKind::Org
            && e.name
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case(head))
    })
}

/// The gender that a person's mentions show by an honorific before or inside one ("Mr. Trump",
/// "Mrs Clinton"). `None` when they show none, or both.
fn gender_of(text: &str, mentions: &[Span]) -> Option<Gender> {
    let (mut male, mut female) = (false, false);
    for m in mentions {
        // An honorific opens the mention or comes just before it ("Mr. Trump" mentioned as
        // "Trump").
        let prev = text
            .get(..m.start())
            .unwrap_or_default()
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        let first = m.slice(text).split_whitespace().next().unwrap_or_default();
        for w in [prev, first] {
            match honorific(w) {
                Some(Gender::Male) => male = true,
                Some(Gender::Female) => female = true,
                _ => {}
            }
        }
    }
    match (male, female) {
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        _ => None,
    }
}

/// The gender an honorific gives ("Mr.", "Mrs", "Ms.", "Sir", "Queen"), in any case. Honorifics
/// only: role nouns mislead ("Trump spokesman Hope Hicks … she said").
fn honorific(word: &str) -> Option<Gender> {
    const MALE: &[&str] = &["mr", "sir", "lord", "king", "prince"];
    const FEMALE: &[&str] = &["mrs", "ms", "miss", "dame", "lady", "queen", "princess"];
    let w = word.strip_suffix('.').unwrap_or(word);
    // Most words are settled by their first letter or their length.
    if w.len() > 8 || !w.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    if MALE.iter().any(|h| h.eq_ignore_ascii_case(w)) {
        Some(Gender::Male)
    } else if FEMALE.iter().any(|h| h.eq_ignore_ascii_case(w)) {
        Some(Gender::Female)
    } else {
        None
    }
}

fn draft_for(
    doc: &Doc<'_>,
    entities: &[Entity],
    key: Key,
    src: Source,
    drafts: &mut Vec<Draft>,
) -> usize {
    if let Some(k) = drafts.iter().position(|d| d.key == key) {
        return k;
    }
    let (name, kind) = match &key {
        Key::Entity(e) => entities.get(*e).map_or_else(
            || (clean_name(doc, src), EntityKind::Person),
            |e| (e.name.clone(), e.kind),
        ),
        Key::Name(_) => (clean_name(doc, src), EntityKind::Person),
        Key::Nominal(_) => {
            let kind = if doc.is(src.head, Class::OrgNoun) {
                EntityKind::Org
            } else {
                EntityKind::Person
            };
            (nominal_name(src.span.slice(doc.text)).to_string(), kind)
        }
    };
    drafts.push(Draft {
        key,
        name,
        kind,
        forms: Vec::new(),
        mentions: Vec::new(),
        gender: None,
        honorific: OnceCell::new(),
        origin: src.span,
        last: src.span.start(),
    });
    drafts.len() - 1
}

fn finish(doc: &Doc<'_>, entities: &[Entity], d: &Draft) -> Speaker {
    let mut mentions = d.mentions.clone();
    let entity = match d.key {
        Key::Entity(e) => entities.get(e),
        _ => None,
    };
    if let Some(ent) = entity {
        for m in &ent.mentions {
            if !mentions.iter().any(|x| x.overlaps(*m)) {
                mentions.push(*m);
            }
        }
    }
    mentions.sort_unstable();
    mentions.dedup();
    // The draft's own forms, then every mention of its entity; copied only when kept.
    let forms = d.forms.iter().map(String::as_str).chain(
        entity
            .into_iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.slice(doc.text))),
    );
    let mut aliases: Vec<String> = Vec::new();
    for f in forms {
        let f = strip_possessives(f).trim();
        let pronoun = doc.lex.is_any_case(f, Class::Pronoun);
        if !pronoun
            && f != d.name
            && !f.is_empty()
            && !aliases.iter().any(|a| a == f)
            && aliases.len() < 12
        {
            aliases.push(f.to_string());
        }
    }
    Speaker {
        name: d.name.clone(),
        kind: d.kind,
        aliases,
        mentions,
    }
}

/// `s` without trailing possessives: every "’s", then every "'s" ("Obama’s" → "Obama").
fn strip_possessives(mut s: &str) -> &str {
    while let Some(rest) = s.strip_suffix("’s") {
        s = rest;
    }
    while let Some(rest) = s.strip_suffix("'s") {
        s = rest;
    }
    s
}

/// The name shown for an unnamed source: its phrase without the relative pronoun or the
/// dangling small words a phrase can end on ("the report, which" → "the report"; "a transcript
/// of the" → "a transcript"). The phrase itself stays the mention.
fn nominal_name(phrase: &str) -> &str {
    const DANGLING: &[&str] = &[
        "who", "which", "that", "whose", "whom", "to", "in", "of", "for", "on", "at", "by", "with",
        "from", "the", "a", "an", "and", "or", "but",
    ];
    let mut s = phrase.trim_end_matches([',', ' ', ';', ':']);
    while let Some((rest, last)) = s.rsplit_once(' ') {
        if !DANGLING.contains(&last.to_lowercase().as_str()) {
            break;
        }
        s = rest.trim_end_matches([',', ' ', ';', ':']);
    }
    if s.is_empty() { phrase } else { s }
}

#[cfg(test)]
mod tests {
    use super::nominal_name;

    #[test]
    fn nominal_names_drop_dangling_words() {
        for (phrase, want) in [
            ("the report, which", "the report"),
            ("a candidate who", "a candidate"),
            ("a transcript of the", "a transcript"),
            (
                "the cufflink wing of the party to",
                "the cufflink wing of the party",
            ),
            (
                "a spokesman for the campaign",
                "a spokesman for the campaign",
            ),
            ("the ministry", "the ministry"),
            ("officials", "officials"),
            ("who", "who"),
            ("", ""),
        ] {
            assert_eq!(nominal_name(phrase), want, "{phrase:?}");
        }
    }
}
