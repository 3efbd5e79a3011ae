//! Each quoted stretch's attribution, its kind (direct or partial), titles and scare quotes left
//! out, and the reported speech found by the cues.

use crate::annotate::attribution::phrases::{clause_subject, np_back, np_forward};
use crate::annotate::attribution::{Found, Hit, Source};
use crate::annotate::doc::Doc;
use crate::annotate::lexicon::Class;
use crate::annotate::quotes::Stretch;
use crate::annotate::tokens::TokenKind;
use crate::model::QuoteKind;
use crate::span::Span;

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
        let cue_before = open_tok > 0 && doc.cue(open_tok - 1).is_some();
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
    let groups = link_broken_quotes(doc, stretches, &attr);
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
        if is_title(doc, s) && cues[k].is_none() {
            // "the TV show “Shark Tank”": a title names a work; no one is quoted.
            continue;
        }
        // Six words or fewer (counting stops at seven).
        let short = || s.inner.slice(doc.text).split_whitespace().take(7).count() <= 6;
        if attr[k].is_none() && short() {
            // A scare quote or a title: no one is reported as saying it.
            continue;
        }
        let (cue, source) = attr[k].map_or((None, None), |(c, s)| (c, Some(s)));
        found.push(Found {
            kind: kinds[k],
            span: s.inner,
            cue,
            source,
            group: groups[k],
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
    // Words (not punctuation or a possessive), and among them the content words (all but small
    // words, the first excepted) and how many of those are capitalised or numbers.
    let (mut words, mut content, mut capped) = (0usize, 0usize, 0usize);
    for k in a..b {
        let Some(t) = doc.tokens.get(k) else { break };
        if t.kind == TokenKind::Punct || doc.word(k) == "’s" || doc.word(k) == "'s" {
            continue;
        }
        words += 1;
        if doc.is(k, Class::Small) && k != a {
            continue;
        }
        content += 1;
        if doc.is_cap(k) || t.kind == TokenKind::Number {
            capped += 1;
        }
    }
    let sentence_like = words > 6
        && s.inner
            .slice(doc.text)
            .trim_end_matches(['”', '"', '\'', '’'])
            .ends_with(['.', '?', '!']);
    let title_case = (2..=10).contains(&words) && capped * 4 >= content * 3 && capped == content;
    (introduced && words <= 12 || title_case) && !sentence_like
}

/// Groups: a quote over several paragraphs already has one; a quote broken by its attribution
/// (“…,” she said, “…”) gets one too: two stretches in one sentence with the same source.
fn link_broken_quotes(
    doc: &Doc<'_>,
    stretches: &[Stretch],
    attr: &[Option<(Option<Span>, Source)>],
) -> Vec<Option<usize>> {
    let mut groups: Vec<Option<usize>> = stretches.iter().map(|s| s.group).collect();
    let mut next = groups.iter().flatten().max().map_or(0, |g| g + 1);
    for k in 1..stretches.len() {
        let (Some((cue, a)), Some((_, b))) = (attr[k - 1], attr[k]) else {
            continue;
        };
        let (Some(close), open) = (stretches[k - 1].close, stretches[k].open) else {
            continue;
        };
        let one_sentence = doc.sentence_of.get(doc.token_at(close.start()))
            == doc.sentence_of.get(doc.token_at(open.start()));
        // The attribution sits between the two stretches: “…,” she said, “…”.
        let between = |s: Span| s.start() >= close.end() && s.end() <= open.start();
        let attributed_between = between(a.span) && cue.is_some_and(between);
        if a.span == b.span && one_sentence && attributed_between && groups[k].is_none() {
            let g = *groups[k - 1].get_or_insert_with(|| {
                next += 1;
                next - 1
            });
            groups[k] = Some(g);
        }
    }
    groups
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
        let close_sentence = doc.sentence_of[close_tok.min(doc.tokens.len() - 1)];
        // … or the one that starts right after it when the quote ends with its own question or
        // exclamation mark: “Can we win Illinois?” Mr. Manafort asked.
        let last_inside = (0..close_tok)
            .rev()
            .find(|&j| !doc.is_quote_mark(j))
            .unwrap_or(0);
        // (A closing `''` is two tokens.)
        let past_close = (close_tok + 1..h.cue_tok)
            .find(|&j| !doc.is_quote_mark(j))
            .unwrap_or(h.cue_tok);
        let asked_after = matches!(doc.raw(last_inside), "?" | "!")
            && doc.sentence_of[h.cue_tok] == close_sentence + 1
            && doc
                .sentences
                .get(close_sentence + 1)
                .is_some_and(|s| s.tokens.start == past_close)
            && n <= 6;
        let same_sentence = doc.sentence_of[h.cue_tok] == close_sentence || asked_after;
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
