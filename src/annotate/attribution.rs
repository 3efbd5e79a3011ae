//! Cues and sources. For each sentence, cue words (`said`, `told`, `according to`, …) outside
//! quotation marks are found with their source phrase (before the cue: "a senior US official
//! said"; after it: "said Mr Smith") and, for reported speech, the reported content. Each quoted
//! stretch then takes the cue right after it (“…,” she said), else the one before it in its
//! sentence (she said, “…”), else the attribution of a neighbouring quote in its paragraph, else
//! the last source of the paragraph before (a quote-only paragraph after a speaker's paragraph).

use crate::annotate::doc::Doc;
use crate::annotate::lexicon::{Class, Cue};
use crate::annotate::quotes::Stretch;
use crate::annotate::tokens::TokenKind;
use crate::model::QuoteKind;
use crate::span::Span;

/// Where a source phrase is and which token is its head (the last word).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub span: Span,
    pub head: usize,
}

/// A cue word with its source and, for reported speech, its content.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub cue: Span,
    pub cue_tok: usize,
    pub source: Option<Source>,
    pub content: Option<Span>,
    pub weak: bool,
}

/// A quote found, before speakers are resolved.
#[derive(Clone, Copy, Debug)]
pub struct Found {
    pub kind: QuoteKind,
    pub span: Span,
    pub cue: Option<Span>,
    pub source: Option<Source>,
    pub group: Option<usize>,
}

const MAX_NP: usize = 8;

/// A noun phrase read backwards from its head token `head` (inclusive), not before token `lo`.
fn np_back(doc: &Doc<'_>, head: usize, lo: usize) -> Option<Source> {
    if doc.in_quote.get(head).copied().flatten().is_some() || doc.is_punct(head) {
        return None;
    }
    if doc.is(head, Class::Pronoun) {
        return Some(Source {
            span: doc.span(head, head)?,
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
    let head_ok = doc.is_cap(head)
        || doc.is(head, Class::SourceNoun)
        || (doc.tokens[head].kind == TokenKind::Word && determined());
    if !head_ok || doc.lex.cue(doc.word(head)).is_some() && !doc.is_cap(head) {
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
            || (doc.lex.cue(w).is_some() && !doc.is_cap(k))
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
    {
        start += 1;
    }
    Some(Source {
        span: doc.span(start, head)?,
        head,
    })
}

/// A noun phrase read forwards from `start`, before token `hi`; returns it and the token after it.
fn np_forward(doc: &Doc<'_>, start: usize, hi: usize) -> Option<(Source, usize)> {
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
            || (doc.lex.cue(w).is_some() && !doc.is_cap(j))
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
fn nearest_pronoun(doc: &Doc<'_>, lo: usize, upto: usize) -> Option<Source> {
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
fn is_adverb(doc: &Doc<'_>, k: usize) -> bool {
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
fn clause_subject(doc: &Doc<'_>, lo: usize, upto: usize) -> Option<Source> {
    let commas = (lo..upto)
        .filter(|&k| doc.raw(k) == ",")
        .map(|k| k + 1)
        .take(2);
    for a in std::iter::once(lo).chain(commas) {
        if doc.is(a, Class::Clause) {
            continue;
        }
        let participle_opener = a == lo && {
            let w = doc.word(a);
            doc.lex.cue(w).is_some() || w.ends_with("ed") || w.ends_with("ing")
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
        if let Some((np, _)) = np_forward(doc, a, upto) {
            let a_name = (doc.token_at(np.span.start())..=np.head).any(|k| doc.is_cap(k) && k > lo);
            if doc.is_cap(np.head)
                || doc.is(np.head, Class::Pronoun)
                || doc.is(np.head, Class::SourceNoun)
                || a_name
            {
                return Some(np);
            }
        }
    }
    None
}

/// Skips auxiliaries and adverbs backwards from `i` (exclusive): "Obama has also said" → at "Obama".
fn skip_aux_back(doc: &Doc<'_>, mut i: usize, lo: usize) -> usize {
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

/// Cue hits of one sentence.
fn sentence_hits(doc: &Doc<'_>, lo: usize, hi: usize, out: &mut Vec<Hit>) {
    let first_hit = out.len();
    let mut i = lo;
    while i < hi {
        if doc.in_quote[i].is_some() {
            i += 1;
            continue;
        }
        let w = doc.word(i);
        if w == "according"
            && doc.word(i + 1) == "to"
            && i + 2 < hi
            && let Some((src, after)) = np_forward(doc, i + 2, hi)
        {
            let content = if i <= lo + 1 {
                // "According to X, CONTENT."
                let comma = (after..hi)
                    .find(|&k| doc.raw(k) == ",")
                    .map_or(after, |k| k + 1);
                content_span(doc, comma, hi)
            } else {
                let end = if doc.raw(i - 1) == "," { i - 1 } else { i };
                content_span(doc, lo, end)
            };
            out.push(Hit {
                cue: doc.span(i, i + 1).unwrap_or(src.span),
                cue_tok: i,
                source: Some(src),
                content,
                weak: false,
            });
            i = after;
            continue;
        }
        let put_it = matches!(w, "put" | "puts") && doc.word(i + 1) == "it";
        let Some(cue) = doc.lex.cue(w).or_else(|| {
            put_it.then_some(crate::annotate::lexicon::Cue {
                object: false,
                weak: false,
                participle: false,
                stance: false,
            })
        }) else {
            i += 1;
            continue;
        };
        // "a call", "his comments": an article or possessive makes the cue a noun ("the two write" does not).
        let noun_use = i > lo
            && (matches!(
                doc.word(i - 1),
                "a" | "an" | "the" | "this" | "that" | "these" | "those"
            ) || doc.is(i - 1, Class::Possessive));
        let opening_cue = i == lo && matches!(w, "said" | "says" | "added" | "wrote" | "asked");
        // "asked not to be named", "was told by": not a report.
        if (doc.is_cap(i) && !opening_cue) || noun_use || matches!(doc.word(i + 1), "by" | "not") {
            i += 1;
            continue;
        }
        let Some(cue_span) = doc.span(i, i) else {
            break;
        };
        let before = skip_aux_back(doc, i, lo);
        let mut source = None;
        let mut source_after = false;
        let mut np_start = before;
        let and_before = before > lo + 1
            && matches!(
                doc.word(before - 1),
                "and" | "by" | "before" | "after" | "while"
            );
        if before > lo + 1
            && matches!(doc.word(before - 1), "who" | "which")
            && doc.raw(before - 2) == ","
        {
            // "the report, which notes …": the antecedent speaks through the relative pronoun.
            if let Some(np) = np_back(doc, before - 3, lo) {
                let span = doc
                    .span(before - 1, before - 1)
                    .map_or(np.span, |r| np.span.join(r));
                np_start = doc.token_at(np.span.start());
                source = Some(Source {
                    span,
                    head: np.head,
                });
            }
        } else if and_before
            && !cue.participle
            && before > lo + 2
            && !doc.is_cap(before - 2)
            && doc.tokens[before - 2].kind == TokenKind::Word
            && !doc.is(before - 2, Class::Clause)
        {
            // "he laughed and said": the subject of the first verb.
            let np = nearest_pronoun(doc, lo, before - 1)
                .or_else(|| {
                    np_back(
                        doc,
                        skip_aux_back(doc, before - 2, lo).saturating_sub(1),
                        lo,
                    )
                })
                .or_else(|| clause_subject(doc, lo, before - 1));
            if let Some(np) = np {
                np_start = doc.token_at(np.span.start());
                source = Some(np);
            }
        } else if and_before && !cue.participle && doc.word(before - 1) == "and" {
            // "he supported Barack Obama over Clinton and said": the clause's subject.
            source = nearest_pronoun(doc, lo, before - 1)
                .or_else(|| clause_subject(doc, lo, before - 1));
        } else if cue.participle && before > lo && (doc.raw(before - 1) == "," || and_before) {
            // ", saying …": the clause's own source speaks.
            source = out[first_hit..]
                .iter()
                .rev()
                .find_map(|h| h.source)
                .or_else(|| clause_subject(doc, lo, before - 1));
        } else if before > lo
            && doc.raw(before - 1) == ","
            && !doc.is_quote_mark(before.saturating_sub(2))
        {
            // "Jane Doe, a spokeswoman for the ministry, said": the name before the appositive.
            let comma = before - 1;
            // In a chain of commas ("Mr. Daniloff, now 81 and retired in Cambridge, Mass., said")
            // the name is the phrase that opens the chain: after a quote or at the sentence start.
            let commas: Vec<usize> = (lo..comma)
                .rev()
                .take(18)
                .take_while(|&k| doc.in_quote[k].is_none())
                .filter(|&k| doc.raw(k) == ",")
                .collect();
            let opens_chain = |c: usize| {
                np_back(doc, c.saturating_sub(1), lo).is_some_and(|np| {
                    let a = doc.token_at(np.span.start());
                    a == lo
                        || doc.in_quote[a - 1].is_some()
                        || (a > lo + 1 && doc.raw(a - 1) == "," && doc.in_quote[a - 2].is_some())
                })
            };
            let chosen = commas
                .iter()
                .rev()
                .copied()
                .find(|&c| opens_chain(c))
                .or_else(|| commas.first().copied());
            if let Some(prev) = chosen
                && let Some(np) = np_back(doc, prev.saturating_sub(1), lo)
            {
                // "The union’s leader, João Valente, said": a role, then the name: the name speaks.
                let name_after = np_back(doc, comma - 1, prev + 1)
                    .filter(|n| doc.is_cap(n.head) && doc.token_at(n.span.start()) == prev + 1);
                source = Some(if doc.is_cap(np.head) {
                    np
                } else {
                    name_after.unwrap_or(np)
                });
                np_start = doc.token_at(np.span.start());
            }
        } else if before > lo {
            // "Sen. Marco Rubio (R-Fla.) said": the name before the bracket.
            let mut head = before - 1;
            if doc.raw(head) == ")"
                && let Some(open) = (lo..head).rev().take(8).find(|&k| doc.raw(k) == "(")
            {
                head = open.saturating_sub(1);
            }
            if head >= lo
                && let Some(np) = np_back(doc, head, lo)
            {
                np_start = doc.token_at(np.span.start());
                source = Some(np);
            }
        }
        if source.is_none() && before > lo + 1 && !cue.participle {
            // "a White House official who spoke anonymously … said": the phrase before "who".
            let rel = (lo + 1..before)
                .rev()
                .take(12)
                .take_while(|&k| !doc.is_punct(k) && doc.in_quote[k].is_none())
                .find(|&k| matches!(doc.word(k), "who" | "which"));
            if let Some(np) = rel.and_then(|w| np_back(doc, w - 1, lo)) {
                np_start = doc.token_at(np.span.start());
                source = Some(np);
            }
        }
        let mut after_cue = i + 1;
        if source.is_none() && !cue.weak {
            // Inversion: "“…,” said Jane Doe" or "…, says the report".
            let starts_clause = before == lo
                || matches!(doc.raw(before - 1), "," | ":")
                || (doc.is_quote_mark(before - 1) && doc.in_quote[before - 1].is_some());
            if starts_clause && let Some((np, next)) = np_forward(doc, i + 1, hi) {
                source = Some(np);
                source_after = true;
                after_cue = next;
            }
        }
        let content = if source.is_some() {
            reported_content(doc, i, after_cue, np_start, source_after, cue, lo, hi)
        } else {
            None
        };
        if source.is_some() && (!cue.weak || content.is_some()) {
            out.push(Hit {
                cue: cue_span,
                cue_tok: i,
                source,
                content,
                weak: cue.weak,
            });
        }
        i += 1;
    }
}

/// The reported content of a cue: what follows it ("said (that) …") or, when the source and cue close
/// the sentence, what precedes them ("…, the official said").
#[allow(clippy::too_many_arguments)]
fn reported_content(
    doc: &Doc<'_>,
    cue: usize,
    after: usize,
    np_start: usize,
    source_after: bool,
    cue_kind: Cue,
    lo: usize,
    hi: usize,
) -> Option<Span> {
    let listener = cue_kind.object;
    let mut end = hi;
    if cue_kind.stance {
        // A stance's content is its object: up to the end of the clause.
        if source_after {
            return None;
        }
        let stop = (after..hi)
            .find(|&k| {
                doc.in_quote[k].is_none()
                    && matches!(
                        doc.raw(k),
                        "," | ";" | ":" | "—" | "–" | "." | "(" | "?" | "!"
                    )
            })
            .unwrap_or(hi);
        return (stop > after + 1)
            .then(|| doc.span(after, stop - 1))
            .flatten();
    }
    // Trailing sentence punctuation is not content.
    while end > after && doc.is_punct(end - 1) && !doc.is_quote_mark(end - 1) {
        end -= 1;
    }
    let mut start = after;
    let np_after_comma = np_start > lo && doc.raw(np_start - 1) == ",";
    let attributes_quote = np_start > lo
        && (doc.in_quote[np_start - 1].is_some()
            || (np_after_comma && np_start > lo + 1 && doc.in_quote[np_start - 2].is_some()));
    let quote_follows = doc
        .tokens
        .get(after + 1)
        .is_some_and(|_| doc.in_quote[after + 1].is_some());
    if !source_after && np_after_comma && doc.raw(after) == "," && !quote_follows {
        // "A, a senior official said, and B." covers both parts.
        let mut tail_end = hi;
        while tail_end > after && doc.is_punct(tail_end - 1) && !doc.is_quote_mark(tail_end - 1) {
            tail_end -= 1;
        }
        return if attributes_quote {
            None
        } else {
            content_span(doc, lo, tail_end)
        };
    }
    if attributes_quote && !source_after && doc.word(after) != "that" {
        return None;
    }
    if !source_after {
        if listener && let Some((_, next)) = np_forward(doc, start, end) {
            start = next;
        }
        // "said in a statement on Monday that …": jump to the "that".
        if let Some(t) = (start..end.min(start + 8))
            .find(|&k| doc.word(k) == "that" && doc.in_quote[k].is_none())
            && !(start..t).any(|k| doc.is_punct(k))
        {
            start = t;
        }
        while start < end && matches!(doc.raw(start), "," | ":" | "—" | "–") {
            start += 1;
        }
        // Cut at ", adding …" or ", according to …".
        if let Some(c) = (start..end).find(|&k| {
            doc.raw(k) == ","
                && doc.in_quote[k].is_none()
                && (doc.lex.cue(doc.word(k + 1)).is_some_and(|c| c.participle)
                    || doc.word(k + 1) == "according"
                    || trailing_participle(doc, k + 1))
        }) {
            end = c;
        }
    }
    if end <= start + 2 || source_after {
        // Nothing after the cue: "CONTENT, X said." — the content is the clause before the source.
        let stop = if source_after { cue } else { np_start };
        let comma = stop
            .checked_sub(1)
            .filter(|&k| k >= lo && doc.raw(k) == ",")?;
        return content_span(doc, lo, comma);
    }
    content_span(doc, start, end)
}

/// The span of tokens `[a, b)` as reported content, unless it is (nearly) all one quotation.
fn content_span(doc: &Doc<'_>, a: usize, mut b: usize) -> Option<Span> {
    while b > a && doc.is_punct(b - 1) && !doc.is_quote_mark(b - 1) {
        b -= 1;
    }
    if b <= a + 2 {
        return None;
    }
    // All words quoted: a direct quote, not reported speech. Mixed content stays.
    let all_quoted = (a..b).all(|k| doc.in_quote[k].is_some() || doc.is_punct(k));
    if all_quoted {
        return None;
    }
    doc.span(a, b - 1)
}

/// ", compared with …", ", prompting …": a participle phrase that ends the reported content.
fn trailing_participle(doc: &Doc<'_>, k: usize) -> bool {
    let w = doc.word(k);
    doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Word)
        && !doc.is_cap(k)
        && w.len() > 5
        && (w.ends_with("ing") || matches!(w, "compared" | "followed" | "prompted" | "based"))
}

/// Every cue hit of the document, in text order.
#[must_use]
pub fn hits(doc: &Doc<'_>) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in doc.sentences {
        sentence_hits(doc, s.tokens.start, s.tokens.end, &mut out);
    }
    // A belief or stance inside someone's reported speech ("Obama said the gaps would, as they
    // think, …") is part of what was reported, not a second report.
    let speech: Vec<Span> = out
        .iter()
        .filter(|h| !h.weak)
        .filter_map(|h| h.content)
        .collect();
    out.retain(|h| !h.weak || !speech.iter().any(|c| c.contains(h.cue.start())));
    out
}

/// Attributes every quoted stretch and collects reported speech.
#[must_use]
pub fn find(doc: &Doc<'_>, stretches: &[Stretch], hits: &[Hit]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::with_capacity(stretches.len() + hits.len());
    // Per stretch: its attribution (cue, source), if any, and its kind.
    let mut attr: Vec<Option<(Option<Span>, Source)>> = vec![None; stretches.len()];
    let mut kinds = vec![QuoteKind::Direct; stretches.len()];
    // The cue right after a stretch ("“…,” she said"), which no title has.
    let mut cues: Vec<Option<Span>> = vec![None; stretches.len()];
    for (k, s) in stretches.iter().enumerate() {
        let open_tok = doc.token_at(s.open.start());
        let close_tok = s.close.map_or_else(
            || doc.token_at(s.inner.end()).saturating_sub(1),
            |c| doc.token_at(c.start()),
        );
        let sent_open = doc.sentence_of.get(open_tok).copied().unwrap_or(0);
        let sent_lo = doc.sentences.get(sent_open).map_or(0, |x| x.tokens.start);
        let at_start = open_tok == sent_lo
            || (open_tok > 0 && matches!(doc.raw(open_tok - 1), ":" | "," | "—" | "–"));
        let after = after_hit(doc, hits, k, close_tok);
        let before = before_hit(hits, open_tok, sent_lo);
        let adjacent = after.is_some_and(|h| {
            let first = h
                .source
                .map_or(h.cue_tok, |s| doc.token_at(s.span.start()).min(h.cue_tok));
            (close_tok + 1..first).all(|j| doc.raw(j) == ",")
        });
        // "someone shouted, “Cruz,” Beck joked": a cue right before the mark speaks it.
        let direct_before = before
            .is_some_and(|h| (h.cue_tok + 1..open_tok).all(|j| matches!(doc.raw(j), "," | ":")));
        let chosen = if direct_before {
            before
        } else if at_start || adjacent {
            after.or(before)
        } else {
            before.or(after)
        };
        if let Some(h) = chosen
            && let Some(src) = h.source
        {
            attr[k] = Some((Some(h.cue), src));
        }
        cues[k] = after.filter(|_| adjacent).map(|h| h.cue);
        if attr[k].is_none() {
            attr[k] = colon_source(doc, open_tok, sent_lo)
                .or_else(|| name_verb_after(doc, s, close_tok))
                .map(|src| (None, src));
        }
        let cue_before = open_tok > 0 && doc.lex.cue(doc.word(open_tok - 1)).is_some();
        let starts_upper = s
            .inner
            .slice(doc.text)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic());
        if !(at_start || cue_before && starts_upper) {
            kinds[k] = QuoteKind::Partial;
        }
    }
    // Quotes of one group (a quote over several paragraphs) share one attribution.
    for k in 0..stretches.len() {
        if attr[k].is_none()
            && let Some(g) = stretches[k].group
        {
            attr[k] = (0..stretches.len())
                .filter(|&j| stretches[j].group == Some(g))
                .find_map(|j| attr[j]);
        }
    }
    // Neighbours in the paragraph, then the paragraph before.
    let paras: Vec<usize> = stretches
        .iter()
        .map(|s| doc.para(doc.token_at(s.open.start())))
        .collect();
    for k in 0..stretches.len() {
        if attr[k].is_some() {
            continue;
        }
        let prev = (0..k)
            .rev()
            .take_while(|&j| paras[j] == paras[k])
            .find_map(|j| attr[j]);
        let next = (k + 1..stretches.len())
            .take_while(|&j| paras[j] == paras[k])
            .find_map(|j| attr[j]);
        attr[k] = prev.or(next).map(|(_, src)| (None, src));
        if attr[k].is_none() && paras[k] > 0 {
            let para_starts_with_quote = doc
                .tokens
                .get(doc.token_at(stretches[k].open.start()))
                .is_some_and(|t| t.para_start);
            if para_starts_with_quote {
                attr[k] = last_source_in_para(doc, hits, stretches, &attr, paras[k] - 1)
                    .map(|src| (None, src));
            }
        }
    }
    for (k, s) in stretches.iter().enumerate() {
        let words = s.inner.slice(doc.text).split_whitespace().count();
        if is_title(doc, s) && cues[k].is_none() {
            // "the TV show “Shark Tank”": a title names a work; no one is quoted.
            continue;
        }
        if attr[k].is_none() && words <= 6 {
            // A scare quote or a title: no one is reported as saying it.
            continue;
        }
        let (cue, source) = attr[k].map_or((None, None), |(c, s)| (c, Some(s)));
        found.push(Found {
            kind: kinds[k],
            span: s.inner,
            cue,
            source,
            group: s.group,
        });
    }
    for h in hits {
        if let Some(content) = h.content {
            found.push(Found {
                kind: QuoteKind::Indirect,
                span: content,
                cue: Some(h.cue),
                source: h.source,
                group: None,
            });
        }
    }
    found.sort_by_key(|f| (f.span.start(), f.span.end()));
    found
}

/// “…,” Oliver barked. — a quote ending in a comma, then a name or pronoun and one more word:
/// an attribution by a verb the lexicon does not know.
fn name_verb_after(doc: &Doc<'_>, s: &Stretch, close_tok: usize) -> Option<Source> {
    s.close?;
    let ends_with_comma = s.inner.slice(doc.text).ends_with([',', '?', '!']);
    let next = close_tok + 1;
    if !ends_with_comma || doc.tokens.get(next).is_none_or(|t| t.para_start) {
        return None;
    }
    let hi = doc
        .sentences
        .get(doc.sentence_of[next])
        .map_or(next, |x| x.tokens.end);
    let (np, after) = np_forward(doc, next, hi)?;
    let named = doc.is_cap(np.head) || doc.is(np.head, Class::Pronoun);
    let verb = after < hi
        && !doc.is_punct(after)
        && !doc.is_cap(after)
        && doc.word(after).ends_with(['d', 's']);
    // A past tense ("riffed on …") is enough; a present form must end the clause ("she quips.").
    let then_stop = doc.word(after).ends_with("ed")
        || doc
            .tokens
            .get(after + 1)
            .is_none_or(|_| doc.is_punct(after + 1) || after + 1 >= hi);
    (named && verb && then_stop).then_some(np)
}

/// A title of a work: introduced by a work noun or "called", or short and in title case.
fn is_title(doc: &Doc<'_>, s: &Stretch) -> bool {
    let open_tok = doc.token_at(s.open.start());
    let before = (open_tok.saturating_sub(3)..open_tok)
        .rev()
        .find(|&k| !doc.is_punct(k));
    let introduced = before.is_some_and(|k| doc.is(k, Class::Work) && !doc.is_cap(k));
    let a = doc.token_at(s.inner.start());
    let b = doc.token_at(s.inner.end());
    let words: Vec<usize> = (a..b)
        .filter(|&k| {
            doc.tokens[k].kind != TokenKind::Punct && doc.word(k) != "’s" && doc.word(k) != "'s"
        })
        .collect();
    let sentence_like = s
        .inner
        .slice(doc.text)
        .trim_end_matches(['”', '"', '\'', '’'])
        .ends_with(['.', '?', '!'])
        && words.len() > 6;
    let content: Vec<usize> = words
        .iter()
        .copied()
        .filter(|&k| !doc.is(k, Class::Small) || k == a)
        .collect();
    let capped = content
        .iter()
        .filter(|&&k| doc.is_cap(k) || doc.tokens[k].kind == TokenKind::Number)
        .count();
    let title_case = words.len() >= 2
        && words.len() <= 10
        && capped * 4 >= content.len() * 3
        && capped == content.len();
    (introduced && words.len() <= 12 || title_case) && !sentence_like
}

/// "Rep. Jane Roe (D-Ohio): “…”" — a name opening the sentence, then a colon, then the quote.
fn colon_source(doc: &Doc<'_>, open_tok: usize, sent_lo: usize) -> Option<Source> {
    if open_tok < sent_lo + 2 || doc.raw(open_tok - 1) != ":" {
        return None;
    }
    let mut head = open_tok - 2;
    if doc.raw(head) == ")" {
        head = (sent_lo..head)
            .rev()
            .take(8)
            .find(|&k| doc.raw(k) == "(")?
            .checked_sub(1)?;
    }
    if let Some(np) = np_back(doc, head, sent_lo)
        && doc.token_at(np.span.start()) == sent_lo
        && doc.is_cap(np.head)
    {
        return Some(np);
    }
    // "She then addressed the supporters again: “…”" — the sentence's subject introduces it.
    clause_subject(doc, sent_lo, open_tok - 1)
}

/// The hit attributing a stretch from after its closing mark: “…,” she said / “…,” said Jane.
fn after_hit<'h>(doc: &Doc<'_>, hits: &'h [Hit], k: usize, close_tok: usize) -> Option<&'h Hit> {
    let para = doc.para(close_tok);
    let from = hits.partition_point(|h| h.cue_tok <= close_tok);
    hits[from..].iter().filter(|h| !h.weak).take(2).find(|h| {
        let n = h.cue_tok - close_tok;
        let src_after_close = h
            .source
            .is_some_and(|s| s.span.start() >= doc.tokens[close_tok].span.end());
        let src_adjacent = h
            .source
            .is_some_and(|s| doc.token_at(s.span.start()) <= close_tok + 3);
        let unbroken = (close_tok + 1..h.cue_tok)
            .all(|j| !doc.is_punct(j) || matches!(doc.raw(j), "," | "." | "-"));
        // The cue must be in the quote's own sentence: “…,” he said. — not the next one.
        let same_sentence =
            doc.sentence_of[h.cue_tok] == doc.sentence_of[close_tok.min(doc.tokens.len() - 1)];
        (n <= 12 || src_adjacent && n <= 30 || unbroken && n <= 25)
            && same_sentence
            && doc.para(h.cue_tok) == para
            && src_after_close
            && !(close_tok + 1..h.cue_tok).any(|j| doc.in_quote[j].is_some_and(|q| q != k))
    })
}

/// The hit attributing a stretch from before it in its sentence: she said, “…” / called it “…”.
/// Other quotes between the cue and this one do not block it ("described it as “candid” and “blunt”").
fn before_hit(hits: &[Hit], open_tok: usize, sent_lo: usize) -> Option<&Hit> {
    let upto = hits.partition_point(|h| h.cue_tok < open_tok);
    hits[..upto]
        .iter()
        .rev()
        .take_while(|h| h.cue_tok >= sent_lo)
        .find(|h| !h.weak)
}

/// The last source named in paragraph `para`: by a cue there, or by a quote attributed there.
fn last_source_in_para(
    doc: &Doc<'_>,
    hits: &[Hit],
    stretches: &[Stretch],
    attr: &[Option<(Option<Span>, Source)>],
    para: usize,
) -> Option<Source> {
    let from_hits = hits
        .iter()
        .rev()
        .find(|h| doc.para(h.cue_tok) == para)
        .and_then(|h| h.source);
    let from_quotes = stretches
        .iter()
        .zip(attr)
        .rev()
        .find(|(s, _)| doc.para(doc.token_at(s.open.start())) == para)
        .and_then(|(_, a)| a.map(|(_, s)| s));
    match (from_hits, from_quotes) {
        (Some(a), Some(b)) => Some(if a.span.start() >= b.span.start() {
            a
        } else {
            b
        }),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod debug_tests {
    use super::*;
    use crate::annotate::{quotes, sentences, tokens};

    #[test]
    fn dump() {
        let Ok(text) = std::fs::read_to_string("/tmp/dbg.txt") else {
            return;
        };
        let text = text.as_str();
        let toks = tokens::tokenize(text);
        let sents = sentences::split(text, &toks);
        let st = quotes::stretches(text);
        let doc = Doc::new(text, &toks, &sents, &st);
        for s in &sents {
            println!("S {:?}", s.span.slice(text));
        }
        for s in &st {
            println!("Q {:?}", s.inner.slice(text));
        }
        for h in hits(&doc) {
            println!(
                "H {} {:?}",
                h.cue.slice(text),
                h.source.map(|s| s.span.slice(text))
            );
        }
    }
}
