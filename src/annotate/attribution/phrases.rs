//! Reading source phrases around a cue: noun phrases backwards and forwards, the subject of a
//! clause, the nearest subject pronoun, and the adverbs and auxiliaries between a subject and its cue.

use crate::annotate::attribution::Source;
use crate::annotate::doc::Doc;
use crate::annotate::gazetteer::{Known, phrase_at};
use crate::annotate::lexicon::Class;
use crate::annotate::tokens::TokenKind;

/// Longest phrase, in tokens, read as a source.
const MAX_NP: usize = 8;

/// A noun phrase read backwards from its head token `head` (inclusive), not before token `lo`.
pub(super) fn np_back(doc: &Doc<'_>, head: usize, lo: usize) -> Option<Source> {
    if doc.in_quote.get(head).copied().flatten().is_some() || doc.is_punct(head) {
        return None;
    }
    if doc.is(head, Class::Pronoun) {
        return Some(Source {
            span: doc.span(head, head)?,
            head,
        });
    }
    if let Some(start) = ratio_start(doc, head, lo) {
        return Some(Source {
            span: doc.span(start, head)?,
            head,
        });
    }
    let determined = || {
        (head.saturating_sub(4).max(lo)..head)
            .rev()
            .take_while(|&k| {
                !doc.is_punct(k) && !doc.is(k, Class::Clause) && !doc.is(k, Class::Aux)
            })
            .any(|k| {
                doc.is(k, Class::Determiner)
                    || doc.is(k, Class::Possessive)
                    || matches!(doc.word(k), "’s" | "'s")
            })
    };
    // "32 percent said": a share of those polled speaks.
    let share = matches!(doc.word(head), "percent" | "%") && head > lo && number(doc, head - 1);
    // "…, another says", "others argue": a determiner standing alone for those who speak.
    let pro_form =
        matches!(
            doc.word(head),
            "another" | "others" | "some" | "many" | "most" | "both" | "several" | "few" | "none"
        ) && (head == lo || doc.is_punct(head - 1) || matches!(doc.word(head - 1), "and" | "but"));
    let head_ok = doc.is_cap(head)
        || doc.is(head, Class::SourceNoun)
        || share
        || pro_form
        || bare_plural_subject(doc, head, lo)
        || (head > lo && doc.is_cap(head - 1) && plural_noun(doc, head))
        || (doc.tokens[head].kind == TokenKind::Word && determined());
    if !head_ok || doc.cue(head).is_some() && !doc.is_cap(head) {
        return None;
    }
    let mut start = head;
    let mut lowercase = 0;
    while start > lo && head - start < MAX_NP {
        let k = start - 1;
        if doc.in_quote[k].is_some() {
            break;
        }
        let raw = doc.raw(k);
        if doc.is_punct(k) {
            // "Sen. Ted Cruz": an abbreviation's dot.
            if raw == "."
                && k > lo
                && doc.is_cap(k - 1)
                && doc.raw(k - 1).len() <= 5
                && doc.tokens[k - 1].span.end() == doc.tokens[k].span.start()
            {
                start = k - 1;
                continue;
            }
            break;
        }
        let w = doc.word(k);
        if w == "’s" || w == "'s" {
            start = k;
            continue;
        }
        if doc.is(k, Class::Clause) {
            let between_names =
                matches!(w, "of" | "for") && doc.is_cap(k + 1) && k > lo && doc.is_cap(k - 1);
            if !between_names {
                break;
            }
        } else if doc.is(k, Class::Aux)
            || doc.is(k, Class::Pronoun)
            || (doc.cue(k).is_some() && !doc.is_cap(k))
        {
            break;
        }
        if doc.is(k, Class::Determiner) || doc.is(k, Class::Possessive) {
            start = k;
            break;
        }
        if !doc.is_cap(k) && !doc.is(k, Class::SourceNoun) {
            lowercase += 1;
            if lowercase > 2 {
                break;
            }
        }
        start = k;
    }
    // Do not start on lowercase filler: "failed talks official" → keep from a determiner, capital or source noun.
    while start < head
        && !doc.is_cap(start)
        && !doc.is(start, Class::Determiner)
        && !doc.is(start, Class::Possessive)
        && !doc.is(start, Class::SourceNoun)
        && (!share || start + 1 != head)
    {
        start += 1;
    }
    // "the head of Germany’s state railway", "a spokesman for the campaign": the noun before
    // "of"/"for" is who speaks; so is the noun before "from" a place ("the senator from Vermont").
    let mut who = head;
    let linked = match doc.word(start.saturating_sub(1)) {
        "of" | "for" => true,
        "from" => place_at(doc, start),
        _ => false,
    };
    if start >= lo + 3 && linked {
        let noun = start - 2;
        let plain_noun = doc.tokens[noun].kind == TokenKind::Word
            && !doc.is_cap(noun)
            && !doc.is(noun, Class::Clause)
            && !doc.is(noun, Class::Aux)
            && doc.cue(noun).is_none();
        let det = (noun.saturating_sub(2).max(lo)..noun)
            .rev()
            .find(|&d| doc.is(d, Class::Determiner) || doc.is(d, Class::Possessive));
        if let (true, Some(d)) = (plain_noun, det) {
            start = d;
            who = noun;
        }
    }
    // "Senator Ted Cruz of Texas": the person before "of" speaks, not the state.
    if who == head
        && let Some(of) = (start + 1..head).find(|&k| {
            doc.word(k) == "of" && doc.is_cap(k - 1) && doc.is_cap(k + 1) && place_at(doc, k + 1)
        })
        && !doc
            .words
            .of(of - 1)
            .is_some_and(|f| f.info.org_word || f.info.title.is_some())
    {
        who = of - 1;
    }
    Some(Source {
        span: doc.span(start, head)?,
        head: who,
    })
}

/// Whether token `k` is a number, in digits or in words up to ten.
fn number(doc: &Doc<'_>, k: usize) -> bool {
    match doc.tokens.get(k).map(|t| t.kind) {
        Some(TokenKind::Number) => true,
        Some(TokenKind::Word) => matches!(
            doc.word(k),
            "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
        ),
        _ => false,
    }
}

/// The first token of a ratio of those polled that ends at `head`: "six in 10", "about one in
/// five", "nearly nine out of 10".
fn ratio_start(doc: &Doc<'_>, head: usize, lo: usize) -> Option<usize> {
    if !number(doc, head) || head < lo + 2 {
        return None;
    }
    let mut start = match doc.word(head - 1) {
        "in" => head - 2,
        "of" if head >= lo + 3 && doc.word(head - 2) == "out" => head - 3,
        _ => return None,
    };
    if !number(doc, start) {
        return None;
    }
    if start > lo
        && matches!(
            doc.word(start - 1),
            "about" | "nearly" | "almost" | "roughly" | "some" | "just" | "only" | "over"
        )
    {
        start -= 1;
    }
    Some(start)
}

/// A bare plural opening its sentence as the subject ("Protest groups say", "And Iowa biofuels
/// advocates say"): a lowercase noun in -s after at most three words, none of them a function
/// word.
fn bare_plural_subject(doc: &Doc<'_>, head: usize, lo: usize) -> bool {
    let plural = plural_noun(doc, head);
    let first = if matches!(doc.word(lo), "and" | "but") {
        lo + 1
    } else {
        lo
    };
    // (A preposition opens an adjunct, not a subject: "Despite pre-event disclaimers, …".)
    let preposition = matches!(
        doc.word(first),
        "despite" | "amid" | "among" | "unlike" | "like" | "including" | "besides" | "via"
    );
    plural
        && !preposition
        && head >= first
        && head - first <= 3
        && (first..=head).all(|k| {
            plain_word(doc, k)
                && !doc.is(k, Class::Pronoun)
                && !doc.is(k, Class::Time)
                && doc.cue(k).is_none()
        })
}

/// Whether token `k` is a word outside quotation marks that is neither a clause word nor an
/// auxiliary: a word that can sit inside a noun phrase.
pub(super) fn plain_word(doc: &Doc<'_>, k: usize) -> bool {
    doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Word)
        && doc.in_quote[k].is_none()
        && !doc.is(k, Class::Clause)
        && !doc.is(k, Class::Aux)
}

/// A lowercase word in -s that can be a plural noun ("agents", "advocates"; not "news", "years").
fn plural_noun(doc: &Doc<'_>, k: usize) -> bool {
    let w = doc.word(k);
    !doc.is_cap(k)
        && doc.tokens[k].kind == TokenKind::Word
        && w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("ous")
        && !w.ends_with("’s")
        && !w.ends_with("'s")
        && !TIME_NOUNS.contains(&w)
        && !matches!(w, "news" | "series" | "politics" | "economics")
        && doc.cue(k).is_none()
}

/// Whether a place name starts at token `k` ("Texas", "New Hampshire").
fn place_at(doc: &Doc<'_>, k: usize) -> bool {
    let known = |known: Option<Known>| matches!(known, Some(Known::Place(_)));
    known(doc.words.of(k).and_then(|f| f.known))
        || doc.words.of(k).is_some_and(|f| f.info.phrase_start)
            && known(phrase_at(doc.text, doc.tokens, k).map(|(_, kn)| kn))
}

/// A noun phrase read forwards from `start`, before token `hi`; returns it and the token after it.
pub(super) fn np_forward(doc: &Doc<'_>, start: usize, hi: usize) -> Option<(Source, usize)> {
    let first = start;
    if first >= hi || doc.in_quote[first].is_some() {
        return None;
    }
    let named_start = doc.is_cap(first);
    // "said former congressman Barney Frank", "said pollster Frank Luntz".
    let titled_name = !doc.is_punct(first)
        && (first + 1..hi.min(first + 4))
            .take_while(|&k| !doc.is_punct(k) && !doc.is(k, Class::Clause))
            .any(|k| doc.is_cap(k));
    let ok_start = titled_name
        || doc.is_cap(first)
        || doc.is(first, Class::Determiner)
        || doc.is(first, Class::Possessive)
        || doc.is(first, Class::Pronoun)
        || doc.is(first, Class::SourceNoun);
    if !ok_start {
        return None;
    }
    if doc.is(first, Class::Pronoun) {
        return Some((
            Source {
                span: doc.span(first, first)?,
                head: first,
            },
            first + 1,
        ));
    }
    let mut end = first; // inclusive
    let mut j = first + 1;
    let mut lowercase = 0;
    while j < hi && j - first < MAX_NP {
        if doc.in_quote[j].is_some() {
            break;
        }
        let w = doc.word(j);
        if doc.is_punct(j) {
            if w == "."
                && doc.is_cap(j - 1)
                && doc.raw(j - 1).len() <= 5
                && doc.tokens[j - 1].span.end() == doc.tokens[j].span.start()
                && j + 1 < hi
                && doc.is_cap(j + 1)
            {
                j += 1;
                continue;
            }
            break;
        }
        if w == "’s" || w == "'s" {
            end = j;
            j += 1;
            continue;
        }
        if doc.is(j, Class::Clause) {
            let joins = matches!(w, "of" | "for")
                && j + 1 < hi
                && (doc.is_cap(j + 1) || doc.is(j + 1, Class::Determiner));
            if !joins {
                break;
            }
            j += 1;
            continue;
        }
        if doc.is(j, Class::Aux)
            || doc.is(j, Class::Time)
            || (doc.cue(j).is_some() && !doc.is_cap(j))
        {
            break;
        }
        if !doc.is_cap(j) && !doc.is(j, Class::SourceNoun) && !doc.is(j, Class::Determiner) {
            // "Weaver didn’t seem…": a name does not run on into lowercase words.
            if named_start {
                break;
            }
            lowercase += 1;
            if lowercase > 2 {
                break;
            }
        }
        end = j;
        j += 1;
    }
    Some((
        Source {
            span: doc.span(first, end)?,
            head: end,
        },
        end + 1,
    ))
}

/// The last subject pronoun before `upto` in its clause, with no comma or quote between:
/// "… when he brought up the bombing and later said" → "he".
pub(super) fn nearest_pronoun(doc: &Doc<'_>, lo: usize, upto: usize) -> Option<Source> {
    let k = (lo..upto)
        .rev()
        .take(16)
        .take_while(|&k| doc.in_quote[k].is_none() && !matches!(doc.raw(k), "," | ";" | ":"))
        .find(|&k| matches!(doc.word(k), "he" | "she" | "they" | "we" | "i"))?;
    Some(Source {
        span: doc.span(k, k)?,
        head: k,
    })
}

/// A manner adverb between a subject and its cue: "famously responded", "quickly added".
pub(super) fn is_adverb(doc: &Doc<'_>, k: usize) -> bool {
    let w = doc.word(k);
    !doc.is_cap(k)
        && w.len() > 4
        && w.ends_with("ly")
        && !matches!(
            w,
            "only"
                | "early"
                | "family"
                | "july"
                | "italy"
                | "ally"
                | "rally"
                | "daily"
                | "weekly"
                | "monthly"
                | "assembly"
        )
}

/// The subject of the clause that a participle cue (", saying …") hangs on: the phrase opening the
/// sentence, or the one after an opening phrase ("In a statement, Rep. Jane Doe reacted, saying …").
pub(super) fn clause_subject(doc: &Doc<'_>, lo: usize, upto: usize) -> Option<Source> {
    let commas = (lo..upto)
        .filter(|&k| doc.raw(k) == ",")
        .map(|k| k + 1)
        .take(2);
    for a in std::iter::once(lo).chain(commas) {
        if doc.is(a, Class::Clause) {
            continue;
        }
        // ("Husted continued …": a name before a verb is no participle.)
        let participle_opener = a == lo && {
            let w = doc.word(a);
            (doc.cue(a).is_some() || w.ends_with("ed") || w.ends_with("ing"))
                && doc.cue(a + 1).is_none()
        };
        if participle_opener {
            continue;
        }
        // "Then, later that month on CNN: …" — a discourse word is no subject.
        let discourse = |k: usize| {
            doc.is(k, Class::Aux)
                || doc.is(k, Class::Clause)
                || doc.is(k, Class::Time)
                || matches!(
                    doc.word(k),
                    "indeed"
                        | "however"
                        | "meanwhile"
                        | "still"
                        | "yet"
                        | "now"
                        | "instead"
                        | "here"
                        | "there"
                        | "thus"
                )
        };
        if discourse(a) && doc.tokens.get(a + 1).is_some_and(|_| doc.is_punct(a + 1)) {
            continue;
        }
        if let Some((mut np, _)) = np_forward(doc, a, upto) {
            // "The letter continues: …", "A footnote in the report makes that clear: …": a
            // capital article that the name reader stops after, with the noun it determines.
            let noun = np.head + 1;
            if np.head == a
                && doc.is(a, Class::Determiner)
                && noun + 1 < upto
                && doc.tokens[noun].kind == TokenKind::Word
                && !doc.is_cap(noun)
                && !doc.is(noun, Class::Clause)
                && !doc.is(noun, Class::Aux)
                && !doc.is(noun, Class::Time)
                && doc.cue(noun).is_none()
                && let Some(span) = doc.span(a, noun)
            {
                np = Source { span, head: noun };
            }
            let a_name = (doc.token_at(np.span.start())..=np.head).any(|k| doc.is_cap(k) && k > lo);
            if (doc.is_cap(np.head)
                || doc.is(np.head, Class::Pronoun)
                || doc.is(np.head, Class::SourceNoun)
                || doc.is(a, Class::Determiner)
                || a_name)
                && plausible(doc, np, lo)
            {
                return Some(np);
            }
        }
    }
    None
}

/// Skips auxiliaries and adverbs backwards from `i` (exclusive): "Obama has also said" → at "Obama".
pub(super) fn skip_aux_back(doc: &Doc<'_>, mut i: usize, lo: usize) -> usize {
    // "Priebus later Thursday told": adverbs, auxiliaries and days, but not a name like "Will".
    while i > lo
        && doc.in_quote[i - 1].is_none()
        && (doc.is(i - 1, Class::Aux) && !doc.is_cap(i - 1)
            || doc.is(i - 1, Class::Time) && i - 1 > lo
            || is_adverb(doc, i - 1))
    {
        i -= 1;
    }
    i
}

/// Where the subject of the cue at `i` ends: past adverbs and auxiliaries ([`skip_aux_back`]) and
/// a short adjunct between the subject and the verb: a time ("Sean Spicer on Thursday evening
/// said"), the channel ("the mayor in a statement said"), or a reflexive ("Ford itself said").
pub(super) fn subject_end(doc: &Doc<'_>, i: usize, lo: usize) -> usize {
    let j = skip_aux_back(doc, i, lo);
    if j > lo + 1
        && matches!(
            doc.word(j - 1),
            "itself" | "himself" | "herself" | "themselves"
        )
    {
        return j - 1;
    }
    let Some(prep) = (j.saturating_sub(5).max(lo + 1)..j)
        .rev()
        .take_while(|&k| doc.in_quote[k].is_none() && !doc.is_punct(k))
        .find(|&k| matches!(doc.word(k), "on" | "in" | "during" | "at"))
    else {
        return j;
    };
    // The adjunct is a phrase of its own: no clause word, verb of speaking or pronoun in it ("on
    // Thursday when asked", "in his remarks on Tuesday night but argued").
    let adjunct = prep + 1..j;
    // … after the subject itself, not a passive's agent ("a fundraising email sent out by Sanders
    // on Tuesday night warned").
    let agent = (prep.saturating_sub(4).max(lo)..prep)
        .rev()
        .take_while(|&k| !doc.is_punct(k))
        .any(|k| doc.word(k) == "by");
    if agent
        || adjunct
            .clone()
            .any(|k| doc.is(k, Class::Clause) || doc.is(k, Class::Pronoun) || doc.cue(k).is_some())
    {
        return j;
    }
    let timed = (prep + 1..i).any(|k| doc.is(k, Class::Time) || MONTHS.contains(&doc.word(k)));
    let channel = j - 1 > prep && CHANNELS.contains(&doc.word(j - 1));
    // … after a noun, not a verb ("the scholars I interviewed in the past week thought").
    let before = doc.word(prep - 1);
    let subject_before = doc.tokens[prep - 1].kind == TokenKind::Word
        && doc.in_quote[prep - 1].is_none()
        && !doc.is(prep - 1, Class::Aux)
        && !doc.is(prep - 1, Class::Clause)
        && doc.cue(prep - 1).is_none()
        && (doc.is_cap(prep - 1) || !(before.ends_with("ed") || before.ends_with("ing")));
    if (timed || channel) && subject_before {
        skip_aux_back(doc, prep, lo)
    } else {
        j
    }
}

/// Nouns naming the channel of a report ("in a statement", "on Twitter", "in an interview").
const CHANNELS: &[&str] = &[
    "statement",
    "statements",
    "interview",
    "interviews",
    "speech",
    "letter",
    "tweet",
    "tweets",
    "twitter",
    "email",
    "e-mail",
    "memo",
    "briefing",
    "conference",
    "call",
    "post",
    "release",
    "op-ed",
    "appearance",
    "remarks",
];

/// Whether a source phrase can name who speaks. A phrase whose head is an article or a function
/// word ("However, Jill Martin said" read as "However"; "led her to declare" as "her to"), an
/// auxiliary ("doesn’t mention") or a stretch of time ("Last year, he argued"; "in the past
/// described") is a misreading, not a speaker. A capital that does not open its sentence keeps a
/// name that is also a common word ("Will urged").
pub(super) fn plausible(doc: &Doc<'_>, src: Source, lo: usize) -> bool {
    let head = src.head;
    if doc.is(head, Class::Pronoun) || doc.is(head, Class::ObjectPronoun) {
        return true;
    }
    let opens = head == lo
        || head
            .checked_sub(1)
            .is_some_and(|k| doc.is_punct(k) && !matches!(doc.raw(k), "," | "." | "(" | ")"));
    let w = doc.word(head);
    // Months and "-style" words are capitalised anywhere: "Last September", "Trump-style".
    let months_or_styles = MONTHS.contains(&w) || w.ends_with("-style") || w.ends_with("-like");
    if months_or_styles {
        return false;
    }
    if doc.is_cap(head) && !opens {
        return true;
    }
    let time = doc.is(head, Class::Time) || TIME_NOUNS.contains(&w);
    // "One month after …", "Two years ago": a count of time.
    let counted_time = doc.is(head, Class::Determiner)
        && (doc.is(head + 1, Class::Time) || TIME_NOUNS.contains(&doc.word(head + 1)));
    // "Hastily, …", "Essentially, …": an adverb opening the sentence.
    let opening_adverb = opens
        && w.len() > 4
        && w.ends_with("ly")
        && !doc
            .words
            .of(head)
            .is_some_and(|f| f.info.given || f.info.surname);
    // "his best", "his own": a modifier whose noun the reader lost.
    let modifier = matches!(
        w,
        "best" | "worst" | "own" | "latest" | "greatest" | "biggest" | "no" | "such"
    ) || (!doc.is_cap(head)
        && !doc.is(head, Class::SourceNoun)
        && !doc.is(head, Class::OrgNoun)
        && !doc.is(head, Class::Title)
        && (ADJECTIVES.contains(&w)
            || ["ous", "ful", "able", "ible", "ish", "less", "ical"]
                .iter()
                .any(|e| w.ends_with(e))));
    let function_word = opening_adverb
        || modifier
        || matches!(w, "a" | "an" | "the")
        || doc.is(head, Class::Aux)
        || doc.is(head, Class::Clause)
        || SENTENCE_ADVERBS.contains(&w)
        || negation(w);
    !(function_word || time || counted_time)
}

/// Adjectives that head a phrase only when its noun was read as a cue ("the same show", "a false
/// claim").
const ADJECTIVES: &[&str] = &[
    "same", "false", "full", "vain", "average", "whole", "entire", "new", "old", "big", "small",
    "great", "good", "bad", "real", "true", "final", "initial", "previous", "recent", "snappy",
];

/// Nouns of time that head no source ("the past", "two weeks ago").
const TIME_NOUNS: &[&str] = &[
    "past", "future", "ago", "years", "months", "weeks", "days", "hours", "decades", "time",
    "moment", "times",
];

/// Month names ("May" is left out: also a name).
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Adverbs and prepositions that open or link sentences and never name a speaker.
const SENTENCE_ADVERBS: &[&str] = &[
    "however",
    "meanwhile",
    "instead",
    "yet",
    "now",
    "here",
    "there",
    "thus",
    "indeed",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "otherwise",
    "therefore",
    "hence",
    "perhaps",
    "maybe",
    "next",
    "finally",
    "even",
    "again",
    "today",
    "more",
    "less",
    // Prepositions the lexicon's clause words lack.
    "amid",
    "among",
    "despite",
    "following",
    "like",
    "unlike",
    "within",
    "across",
    "toward",
    "towards",
    "upon",
    "via",
    "per",
    "along",
    "around",
    "behind",
    "beyond",
    "near",
    "throughout",
];

/// "not", "never", or a contraction with "n't" ("doesn’t", "won't").
pub(super) fn negation(w: &str) -> bool {
    matches!(w, "not" | "never") || w.ends_with("n’t") || w.ends_with("n't")
}
