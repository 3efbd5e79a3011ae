//! Cue words and their sources and reported content, sentence by sentence.

use crate::annotate::attribution::phrases::{
    clause_subject, nearest_pronoun, negation, np_back, np_forward, plain_word, plausible,
    skip_aux_back, subject_end,
};
use crate::annotate::attribution::{Hit, Source};
use crate::annotate::doc::Doc;
use crate::annotate::lexicon::{Class, Cue};
use crate::annotate::tokens::TokenKind;
use crate::span::Span;

/// The subject of the verb that the infinitive marker at token `to` hangs on ("Ms. Lee went on
/// to say" → "Ms. Lee"): `Some(None)` when that verb denies the report ("declined to say",
/// "would not say"), `None` when no subject is found.
fn infinitive_subject(doc: &Doc<'_>, to: usize, lo: usize) -> Option<Option<Source>> {
    let mut k = to;
    // The verb or adjective it hangs on ("was quick to add"), past a particle ("went on to say").
    while k > lo + 1 && matches!(doc.word(k - 1), "on" | "ahead" | "up") {
        k -= 1;
    }
    let verb = k.checked_sub(1).filter(|&v| v > lo)?;
    let w = doc.word(verb);
    if doc.is_punct(verb) || doc.is_cap(verb) || doc.in_quote[verb].is_some() {
        return None;
    }
    let denied = matches!(
        w,
        "declined"
            | "declines"
            | "declining"
            | "refused"
            | "refuses"
            | "refusing"
            | "failed"
            | "fails"
            | "hesitated"
            | "reluctant"
            | "unwilling"
            | "unable"
            | "afraid"
    ) || (verb.saturating_sub(3).max(lo)..verb).any(|j| negation(doc.word(j)));
    if denied {
        return Some(None);
    }
    let head = skip_aux_back(doc, verb, lo).checked_sub(1)?;
    let np = np_back(doc, head, lo)?;
    let named = doc.is_cap(np.head)
        || doc.is(np.head, Class::Pronoun)
        || doc.is(np.head, Class::SourceNoun);
    Some(named.then_some(np))
}

/// The last token of a noun phrase that a participle of publication and a time or its agent
/// follow, ending at token `end` (exclusive): "new polls released Sunday", "a poll conducted last
/// week", "a fundraising email sent out by Sanders on Tuesday night".
fn before_release(doc: &Doc<'_>, end: usize, lo: usize) -> Option<usize> {
    let mut j = end;
    while j > lo + 1
        && (doc.is(j - 1, Class::Time) || matches!(doc.word(j - 1), "on" | "in" | "this" | "last"))
    {
        j -= 1;
    }
    let agent = (j.saturating_sub(6).max(lo + 1)..j)
        .rev()
        .take_while(|&k| !doc.is_punct(k) && doc.in_quote[k].is_none())
        .find(|&k| doc.word(k) == "by");
    let mut p = agent.unwrap_or(j);
    if agent.is_some() && matches!(doc.word(p - 1), "out" | "up") {
        p -= 1;
    }
    let participle = p.checked_sub(1).filter(|&q| q > lo)?;
    let released = matches!(
        doc.word(participle),
        "released"
            | "conducted"
            | "published"
            | "issued"
            | "taken"
            | "out"
            | "unveiled"
            | "sent"
            | "written"
            | "signed"
            | "posted"
            | "circulated"
            | "commissioned"
            | "sponsored"
    );
    (released && (j < end || agent.is_some())).then(|| participle - 1)
}

/// "when asked by a reporter whether …": the asker is the source and the question, up to the
/// clause's end, the content. ("Asked by CNN about his meeting" names a topic, not a question.)
fn asked_by(doc: &Doc<'_>, i: usize, hi: usize) -> Option<Hit> {
    if doc.word(i) != "asked" {
        return None;
    }
    let (source, mut k) = np_forward(doc, i + 2, hi)?;
    while k < hi && (doc.is(k, Class::Time) || doc.word(k) == "on") {
        k += 1;
    }
    if !matches!(doc.word(k), "if" | "whether" | "what" | "why" | "how") {
        return None;
    }
    let end = (k + 1..hi)
        .find(|&j| doc.in_quote[j].is_none() && matches!(doc.raw(j), "," | ";" | ":" | "—"))
        .unwrap_or(hi);
    Some(Hit {
        cue: doc.span(i, i)?,
        cue_tok: i,
        source: Some(source),
        content: content_span(doc, k, end),
        weak: false,
    })
}

/// "an MSNBC show", "the Sanders claim", "the countervailing fear": a cue that is also a common
/// noun, after an article and a singular modifier, is the noun ("the officials say", "the
/// political spectrum favor" are verbs).
fn modified_noun(doc: &Doc<'_>, i: usize, lo: usize) -> bool {
    let noun = matches!(
        doc.word(i),
        "claim"
            | "show"
            | "fear"
            | "support"
            | "plan"
            | "view"
            | "hope"
            | "promise"
            | "pledge"
            | "vow"
            | "doubt"
            | "concern"
            | "estimate"
            | "release"
            | "order"
            | "request"
            | "demand"
            | "praise"
            | "push"
            | "bid"
            | "charge"
            | "threat"
            | "answer"
            | "reply"
            | "response"
            | "comment"
            | "question"
            | "warning"
            | "report"
            | "finding"
            | "showing"
    );
    if !noun || i < lo + 2 {
        return false;
    }
    let m = i - 1;
    let article = |k: usize| {
        matches!(doc.word(k), "a" | "an" | "the" | "some") || doc.is(k, Class::Possessive)
    };
    let singular = |k: usize| {
        let v = doc.word(k);
        let plural =
            v.ends_with('s') && !v.ends_with("ous") && !v.ends_with("ss") && !doc.is_cap(k);
        plain_word(doc, k)
            && !doc.is(k, Class::Pronoun)
            && !doc.is(k, Class::Determiner)
            && !plural
            && !matches!(
                v,
                "people" | "public" | "police" | "staff" | "media" | "press" | "men" | "women"
            )
    };
    singular(m) && (article(m - 1) || (m > lo + 1 && singular(m - 1) && article(m - 2)))
}

/// The source after "according to": a noun phrase ([`np_forward`]), or whatever words run up to
/// the next punctuation or clause word, since nothing else can stand there ("according to recent
/// polls", "according to him").
fn according_source(doc: &Doc<'_>, start: usize, hi: usize) -> Option<(Source, usize)> {
    if let Some(found) = np_forward(doc, start, hi) {
        return Some(found);
    }
    let word = |k: usize| {
        doc.tokens[k].kind == TokenKind::Word
            && doc.in_quote[k].is_none()
            && (!doc.is(k, Class::Clause) || matches!(doc.word(k), "of" | "for"))
            && doc.cue(k).is_none()
    };
    let end = (start..hi.min(start + 6)).take_while(|&k| word(k)).last()?;
    if !word(start) || matches!(doc.word(end), "of" | "for") {
        return None;
    }
    let span = doc.span(start, end)?;
    Some((Source { span, head: end }, end + 1))
}

/// "As Obama said, …" / "As Akhil Amar, professor of law at Yale, put it, …": the name opening
/// an "As" clause whose cue is at token `before`, with nothing but its appositive between.
fn as_clause_subject(doc: &Doc<'_>, lo: usize, before: usize) -> Option<Source> {
    // ("As for Trump, Cruz said …" names a topic, not the speaker.)
    if doc.word(lo) != "as"
        || before < lo + 2
        || doc.in_quote[lo + 1].is_some()
        || doc.is(lo + 1, Class::Clause)
    {
        return None;
    }
    let (np, next) = np_forward(doc, lo + 1, before)?;
    // "As the LinkedIn chief executive, Jeff Weiner, put it": the name after the role.
    if doc.raw(next) == ","
        && let Some((name, after)) = np_forward(doc, next + 1, before)
        && doc.is_cap(name.head)
        && doc.is_cap(next + 1)
        && matches!(doc.raw(after), ",")
        && (doc.is(np.head, Class::SourceNoun) || doc.is(np.head, Class::Title))
    {
        return Some(name);
    }
    let named = (doc.is_cap(np.head) && !doc.is(np.head, Class::Determiner))
        || doc.is(np.head, Class::SourceNoun);
    // The name runs up to the cue or to the comma of an appositive.
    (named && (next == before || doc.raw(next) == ",")).then_some(np)
}

/// The noun phrase ending before the comma at token `c`, stepping over a bracket right before it
/// ("Rep. Sander M. Levin (Mich.), a superdelegate, said" → "Rep. Sander M. Levin").
fn np_before_comma(doc: &Doc<'_>, c: usize, lo: usize) -> Option<Source> {
    let last = c.checked_sub(1)?;
    if doc.raw(last) == ")" {
        let open = (lo..last).rev().take(8).find(|&k| doc.raw(k) == "(")?;
        return np_back(doc, open.checked_sub(1)?, lo).filter(|np| doc.is_cap(np.head));
    }
    np_back(doc, last, lo)
}

/// "Gov. John Kasich (R-OH), said": a capitalised name just before a bracket that closes just
/// before the comma ending at token `before`.
fn bracketed_name_before_comma(doc: &Doc<'_>, before: usize, lo: usize) -> Option<Source> {
    if before < lo + 4 || doc.raw(before - 1) != "," || doc.raw(before - 2) != ")" {
        return None;
    }
    let open = (lo..before - 2)
        .rev()
        .take(8)
        .find(|&k| doc.raw(k) == "(")?;
    let np = np_back(doc, open.checked_sub(1)?, lo)?;
    (doc.is_cap(np.head) && open > lo).then_some(np)
}

/// Documents whose findings a sentence can open with: "In a CBS News poll, …".
const FINDINGS: &[&str] = &[
    "poll", "polls", "survey", "surveys", "study", "report", "analysis", "memo", "filing",
];

/// "In an early-October CBS News poll, she led Mr. Sanders 56 percent to 32 percent": a sentence
/// opening with a poll, survey or study, and no verb of report of its own, reports its finding.
fn opening_finding(doc: &Doc<'_>, lo: usize, hi: usize) -> Option<Hit> {
    if doc.word(lo) != "in" || doc.in_quote[lo].is_some() {
        return None;
    }
    let comma = (lo + 2..hi.min(lo + 14))
        .take_while(|&k| doc.in_quote[k].is_none() && !matches!(doc.raw(k), ";" | ":" | "—"))
        .find(|&k| doc.raw(k) == ",")?;
    let head = (lo + 1..comma)
        .rev()
        .find(|&k| FINDINGS.contains(&doc.word(k)))?;
    if (comma + 1..hi).any(|k| doc.cue(k).is_some_and(|c| !c.weak)) {
        return None;
    }
    let source = np_back(doc, head, lo + 1)?;
    let content = content_span(doc, comma + 1, hi)?;
    Some(Hit {
        cue: doc.span(lo, lo)?,
        cue_tok: lo,
        source: Some(source),
        content: Some(content),
        weak: true,
    })
}

/// Cue hits of one sentence.
fn sentence_hits(doc: &Doc<'_>, lo: usize, hi: usize, out: &mut Vec<Hit>) {
    let first_hit = out.len();
    out.extend(opening_finding(doc, lo, hi));
    let mut i = lo;
    while i < hi {
        // Only a cue word, "according (to)" and "put (it)" can start a hit: the other words
        // (nearly all) are passed over on their form, the lowercase looked at only for words of
        // those lengths (lowercasing keeps the length of the ASCII words it can give these).
        let may_start = doc.words.of(i).is_some_and(|f| {
            f.cue.is_some()
                || (matches!(f.text.len(), 3 | 4 | 9)
                    && matches!(doc.words.lower_of(f), "according" | "put" | "puts"))
        });
        if !may_start || doc.in_quote[i].is_some() {
            i += 1;
            continue;
        }
        let w = doc.word(i);
        if w == "according"
            && doc.word(i + 1) == "to"
            && i + 2 < hi
            && let Some((src, after)) = according_source(doc, i + 2, hi)
        {
            let content = if i <= lo + 1 || matches!(doc.raw(i - 1), ":" | ";") {
                // "According to X, CONTENT."
                let comma = (after..hi)
                    .find(|&k| doc.raw(k) == ",")
                    .map_or(after, |k| k + 1);
                content_span(doc, comma, hi)
            } else if matches!(doc.raw(after), "," | "—" | "–" | "-")
                && !GLOSS_OPENERS.contains(&doc.word(after + 1))
                && content_span(doc, after + 1, hi).is_some()
            {
                // "CONTENT, according to X, MORE CONTENT.": a parenthetical attribution reports
                // the whole sentence (the span is one range, so it takes the attribution in) …
                // unless what comes before it is only a conjunction or a subordinate clause of
                // the writer's ("But, according to the poll, 46 percent …", "While most were …,
                // according to an official, two were …"): then the main clause after it.
                let lead_in = (lo..i).all(|k| {
                    doc.is_punct(k)
                        || matches!(doc.word(k), "but" | "and" | "yet" | "still" | "so")
                        || doc.word(k) == "however"
                }) || SUBORDINATORS.contains(&doc.word(lo));
                if lead_in {
                    content_span(doc, after + 1, hi)
                } else {
                    content_span(doc, lo, hi)
                }
            } else {
                let end = if doc.raw(i - 1) == "," { i - 1 } else { i };
                // "…: CONTENT, according to X": the clause after the last colon or semicolon.
                let start = (lo..end)
                    .rev()
                    .find(|&k| doc.in_quote[k].is_none() && matches!(doc.raw(k), ":" | ";"))
                    .map_or(lo, |k| k + 1);
                content_span(doc, start, end)
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
        let Some(cue) = doc.cue(i).or_else(|| {
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
        // … or a possessive noun ("the president’s praise", "Obama's claim").
        let noun_use = i > lo
            && (matches!(
                doc.word(i - 1),
                "a" | "an" | "the" | "this" | "that" | "these" | "those" | "’s" | "'s"
            ) || doc.is(i - 1, Class::Possessive)
                || modified_noun(doc, i, lo));
        let opening_cue = i == lo && matches!(w, "said" | "says" | "added" | "wrote" | "asked");
        // "asked not to be named", "was told by", "a book written by": not a report; but "said
        // by telephone" is.
        let passive = doc.word(i + 1) == "by"
            && !matches!(
                doc.word(i + 2),
                "telephone"
                    | "phone"
                    | "email"
                    | "e-mail"
                    | "text"
                    | "video"
                    | "videolink"
                    | "satellite"
                    | "letter"
                    | "radio"
                    | "fax"
                    | "cellphone"
                    | "speakerphone"
            );
        if passive && let Some(hit) = asked_by(doc, i, hi) {
            // "When asked by a reporter whether …": the one who asks reports the question.
            out.push(hit);
            i += 1;
            continue;
        }
        // "found himself embroiled", "are found slain": no finding reported.
        let no_finding = matches!(w, "found" | "find" | "finds")
            && (matches!(
                doc.word(i + 1),
                "himself" | "herself" | "itself" | "themselves" | "ourselves" | "myself" | "ways"
            ) || (i > lo
                && matches!(
                    doc.word(i - 1),
                    "is" | "are" | "was" | "were" | "be" | "been"
                )));
        // "Do you support Ted Cruz?": a question asks, it reports nothing.
        let question = matches!(
            doc.word(lo),
            "do" | "does" | "did" | "would" | "will" | "can" | "could" | "should"
        ) && doc.raw(hi - 1) == "?";
        // "continued a fierce contest": only "…,” he continued" or "continued: …" speaks.
        let goes_on = matches!(w, "continued" | "continues" | "continuing")
            && !matches!(doc.raw(i + 1), "," | ":" | "." | "")
            && !doc.is_quote_mark(i + 1)
            && doc.word(i + 1) != "that";
        if (doc.is_cap(i) && !opening_cue)
            || noun_use
            || goes_on
            || no_finding
            || question
            || passive
            || naming(doc, i, lo)
            || doc.word(i + 1) == "not"
        {
            i += 1;
            continue;
        }
        let Some(cue_span) = doc.span(i, i) else {
            break;
        };
        let before = if cue.participle {
            skip_aux_back(doc, i, lo)
        } else {
            subject_end(doc, i, lo)
        };
        let mut source = None;
        let mut source_after = false;
        let mut np_start = before;
        let and_before = before > lo + 1
            && matches!(
                doc.word(before - 1),
                "and" | "but" | "by" | "before" | "after" | "while"
            );
        // "…, said Steve Grubbs, an Iowa operative": a name after the cue is the source, whatever
        // precedes the comma.
        let inverted_name = before == i
            && i > lo
            && doc.raw(i - 1) == ","
            && !cue.object
            && !cue.weak
            && !cue.participle
            && doc.is_cap(i + 1)
            && doc.tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word)
            && !doc.is(i + 1, Class::Time)
            // ("Sanders, meanwhile, said Clinton lied": a name opening the content.)
            && np_forward(doc, i + 1, hi).is_some_and(|(_, next)| {
                next >= hi || matches!(doc.raw(next), "," | "." | ";" | "(" | "?" | "!")
            });
        if inverted_name {
            // No source before the cue: the inversion below reads the name after it.
        } else if before > lo + 1
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
        } else if let Some(prev) = (and_before && !cue.participle)
            .then(|| coordinated_report(doc, &out[first_hit..], before - 1))
            .flatten()
        {
            // "Ortiz said the budget was balanced and added that …": the first report's source.
            source = Some(prev);
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
        } else if before > lo + 2 && doc.word(before - 1) == "to" {
            // "Ms. Lee went on to say, …", "he was quick to add": the subject of the verb the
            // infinitive hangs on; "declined to say" reports nothing.
            match infinitive_subject(doc, before - 1, lo) {
                Some(Some(np)) => {
                    np_start = doc.token_at(np.span.start());
                    source = Some(np);
                }
                Some(None) => {
                    i += 1;
                    continue;
                }
                None => {}
            }
        } else if let Some(np) = as_clause_subject(doc, lo, before) {
            // "As Akhil Amar, professor of law at Yale, put it, …": the name after "As".
            np_start = lo + 1;
            source = Some(np);
        } else if let Some(np) = bracketed_name_before_comma(doc, before, lo) {
            // "…, Gov. John Kasich (R-OH), said": the name before the bracket.
            np_start = doc.token_at(np.span.start());
            source = Some(np);
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
            // … or a name after an opening phrase ("Speaking later on the show, Sen. Claire
            // McCaskill (D-Mo.), who has endorsed Clinton, said").
            let opens_chain = |c: usize| {
                np_before_comma(doc, c, lo).is_some_and(|np| {
                    let a = doc.token_at(np.span.start());
                    a == lo
                        || doc.in_quote[a - 1].is_some()
                        || (a > lo + 1 && doc.raw(a - 1) == "," && doc.in_quote[a - 2].is_some())
                        || (a > lo + 1
                            && doc.raw(a - 1) == ","
                            && doc.is_cap(a)
                            && doc.is_cap(np.head)
                            && !doc.is(np.head, Class::Determiner))
                })
            };
            let chosen = commas
                .iter()
                .rev()
                .copied()
                .find(|&c| opens_chain(c))
                .or_else(|| commas.first().copied());
            if let Some(prev) = chosen {
                // "The union’s leader, João Valente, said": a role, then the name: the name speaks.
                let name_after = np_back(doc, comma - 1, prev + 1)
                    .filter(|n| doc.is_cap(n.head) && doc.token_at(n.span.start()) == prev + 1);
                match np_before_comma(doc, prev, lo) {
                    Some(np) => {
                        // "Its agent in Lisbon, Zhang Wei, said": a name after a preposition
                        // is where the role is, not who speaks.
                        let a = doc.token_at(np.span.start());
                        let after_preposition =
                            a > lo && !doc.is_punct(a - 1) && doc.is(a - 1, Class::Clause);
                        source = Some(if doc.is_cap(np.head) && !after_preposition {
                            np
                        } else {
                            name_after.unwrap_or(np)
                        });
                        np_start = doc.token_at(np.span.start());
                    }
                    // "The chief of staff, Joe Kasper, said": a role the phrase reader cannot
                    // read whole; the name between the commas still speaks, and the role opens
                    // the source phrase.
                    None => {
                        if let Some(name) = name_after {
                            let mut a = prev;
                            // Back to the clause's start ("Rep." keeps its dot).
                            while a > lo
                                && doc.in_quote[a - 1].is_none()
                                && !matches!(
                                    doc.raw(a - 1),
                                    "," | ";" | ":" | "(" | ")" | "—" | "–"
                                )
                            {
                                a -= 1;
                            }
                            np_start = a;
                            source = Some(name);
                        }
                    }
                }
            }
        } else if before > lo {
            // "Sen. Marco Rubio (R-Fla.) said": the name before the bracket.
            let mut head = before - 1;
            if doc.raw(head) == ")"
                && let Some(open) = (lo..head).rev().take(20).find(|&k| doc.raw(k) == "(")
            {
                head = open.saturating_sub(1);
            }
            // "A CNN/ORC poll released on Tuesday showed": the phrase before its participle
            // (and its time, which the auxiliaries were read past).
            let release = before_release(doc, head + 1, lo).or_else(|| {
                (head + 1 == before)
                    .then(|| before_release(doc, i, lo))
                    .flatten()
            });
            if let Some(h) = release {
                head = h;
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
        // "put it" is the cue whole.
        let mut after_cue = if put_it { i + 2 } else { i + 1 };
        if source.is_none() && !cue.weak {
            // Inversion: "“…,” said Jane Doe" or "…, says the report". Not after a verb that
            // takes a listener ("told CNN"), and never "said that …" (the content follows).
            let inverts = !cue.object && doc.word(i + 1) != "that";
            let starts_clause = inverts
                && (before == lo
                    || matches!(doc.raw(before - 1), "," | ":")
                    || (doc.is_quote_mark(before - 1) && doc.in_quote[before - 1].is_some()));
            if starts_clause && let Some((np, next)) = np_forward(doc, i + 1, hi) {
                source = Some(np);
                source_after = true;
                after_cue = next;
            }
        }
        if let Some(s) = source
            && !plausible(doc, s, lo)
        {
            // A misread subject ("However", "Last", "her to"): the clause's own subject, if any.
            source = nearest_pronoun(doc, lo, before)
                .or_else(|| clause_subject(doc, lo, before))
                .filter(|s| plausible(doc, *s, lo));
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

/// The source of the report in `hits` whose content ends just before the "and" at `and`: the verb
/// after that "and" is the same subject's next report.
fn coordinated_report(doc: &Doc<'_>, hits: &[Hit], and: usize) -> Option<Source> {
    let last = doc.tokens.get(and.checked_sub(1)?)?.span.end();
    hits.iter()
        .rev()
        .find(|h| h.content.is_some_and(|c| c.end() == last))
        .and_then(|h| h.source)
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
        // "referring to the bill": the object follows the preposition.
        let after = if doc.word(after) == "to" && doc.word(cue).starts_with("refer") {
            after + 1
        } else {
            after
        };
        // (A stop inside the sentence is an abbreviation's: "Donald J. Trump", "Mrs. Clinton".)
        let hard = |k: usize| {
            doc.in_quote[k].is_none()
                && matches!(doc.raw(k), ";" | ":" | "—" | "–" | "(" | "?" | "!")
        };
        // A comma ends it too, unless a list goes on past it: "A, B and C", "A, B, C …" (but
        // ", and …" opens a clause of its own).
        let list_goes_on = |k: usize| {
            // (", saying …", ", calling …": a participle of the writer's, no list item.)
            if matches!(doc.word(k + 1), "and" | "or" | "but")
                || doc.cue(k + 1).is_some_and(|c| c.participle)
                || trailing_participle(doc, k + 1)
            {
                return false;
            }
            let end = (k + 1..hi)
                .find(|&j| hard(j) || doc.raw(j) == ",")
                .unwrap_or(hi);
            let short = end - k <= 4 && doc.raw(end) == ",";
            short || (k + 1..end).any(|j| matches!(doc.word(j), "and" | "or"))
        };
        // A clause of the writer's own ends it too: "announced his candidacy when …", "endorsed
        // Clinton during a call …", "denounced the plan and warned of …".
        let adjunct = |k: usize| {
            doc.in_quote[k].is_none()
                && k > after
                && (matches!(
                    doc.word(k),
                    "when"
                        | "because"
                        | "before"
                        | "after"
                        | "while"
                        | "during"
                        | "since"
                        | "until"
                ) || (doc.word(k) == "and" && doc.cue(k + 1).is_some_and(|c| !c.participle)))
        };
        let stop = (after..hi)
            .find(|&k| {
                hard(k)
                    || adjunct(k)
                    || (doc.raw(k) == "," && doc.in_quote[k].is_none() && !list_goes_on(k))
            })
            .unwrap_or(hi);
        let mut stop = stop;
        while stop > after && doc.is_punct(stop - 1) && !doc.is_quote_mark(stop - 1) {
            stop -= 1;
        }
        // One word is an object ("endorsed Clinton"), but a bare pronoun ("rejected that") says
        // nothing a reader could check.
        let bare_pronoun = stop == after + 1
            && matches!(
                doc.word(after),
                "that" | "this" | "it" | "them" | "him" | "her" | "those" | "these"
            );
        return (stop > after && !bare_pronoun)
            .then(|| doc.span(after, stop - 1))
            .flatten();
    }
    // Trailing sentence punctuation is not content.
    while end > after && doc.is_punct(end - 1) && !doc.is_quote_mark(end - 1) {
        end -= 1;
    }
    // "The solution, the partner told them, was simple": past the listener of a parenthetical.
    let after = if listener && doc.word(after) != "that" {
        (after..end.min(after + 5))
            .take_while(|&k| {
                doc.tokens[k].kind == TokenKind::Word
                    && doc.in_quote[k].is_none()
                    && (!doc.is(k, Class::Clause) || matches!(doc.word(k), "of" | "for"))
            })
            .last()
            .filter(|&k| doc.raw(k + 1) == ",")
            .map_or(after, |k| k + 1)
    } else {
        after
    };
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
        // "He had “wanted to be a pilot since he was 5,” his friend told The Post": a quotation
        // that opens after the writer's own words is a mixed quote, and the whole clause before
        // the source is reported speech (the quoted words stay a quote of their own).
        return mixed_quote_clause(doc, lo, np_start);
    }
    if !source_after {
        // ("warned that the dam would fail": "that" opens the content, it is no listener.)
        if listener
            && doc.word(start) != "that"
            && let Some((_, next)) = np_forward(doc, start, end)
        {
            start = next;
        }
        // "said in a statement on Monday that …": jump to the "that" past an adverbial, but not
        // past a clause ("said the budget was balanced and added that …").
        if let Some(t) = (start..end.min(start + 8))
            .find(|&k| doc.word(k) == "that" && doc.in_quote[k].is_none())
            && !(start..t).any(|k| doc.is_punct(k) || doc.is(k, Class::Aux) || doc.cue(k).is_some())
        {
            start = t;
        }
        // "Trump said to a crowd of about 500.": a listener, not content.
        if matches!(doc.word(cue), "said" | "says" | "say")
            && doc.word(start) == "to"
            && (doc.is(start + 1, Class::Determiner)
                || doc.is(start + 1, Class::ObjectPronoun)
                || doc.is_cap(start + 1)
                || doc.is(start + 1, Class::SourceNoun))
        {
            start = (start + 1..end.min(start + 12))
                .take_while(|&k| doc.in_quote[k].is_none())
                .find(|&k| doc.raw(k) == ",")
                .map_or(end, |c| c + 1);
        }
        // "put it in a memo to employees, “…”": an adverbial before a quotation is not content.
        if matches!(
            doc.word(start),
            "in" | "on" | "at" | "during" | "via" | "through"
        ) && let Some(c) = (start + 1..end.min(start + 12))
            .take_while(|&k| doc.in_quote[k].is_none())
            .find(|&k| doc.raw(k) == ",")
            && doc.in_quote.get(c + 1).copied().flatten().is_some()
        {
            start = c + 1;
        }
        while start < end && matches!(doc.raw(start), "," | ":" | "—" | "–") {
            start += 1;
        }
        // Cut at ", adding …" or ", according to …".
        if let Some(c) = (start..end).find(|&k| {
            doc.raw(k) == ","
                && doc.in_quote[k].is_none()
                && (doc.cue(k + 1).is_some_and(|c| c.participle)
                    || doc.word(k + 1) == "according"
                    || trailing_participle(doc, k + 1))
        }) {
            end = c;
        }
        if let Some(c) = clause_end(doc, start, end) {
            end = c;
        }
        // "called her fallen son her hero before explaining …": a naming ends at the writer's
        // adjunct.
        if doc.word(cue).starts_with("call")
            && let Some(c) = (start + 2..end).find(|&k| {
                doc.in_quote[k].is_none()
                    && matches!(
                        doc.word(k),
                        "before" | "after" | "when" | "while" | "during" | "instead" | "because"
                    )
            })
        {
            end = c;
        }
        // "While those surveyed said Bush has the “best experience,” Trump is …": a cue in a
        // fronted subordinate clause reports up to the comma that closes the clause.
        let fronted_clause = SUBORDINATORS.contains(&doc.word(lo))
            && !(lo..cue).any(|k| doc.raw(k) == "," && doc.in_quote[k].is_none());
        if fronted_clause && let Some(c) = (start + 2..end).find_map(|k| clause_comma(doc, k, end))
        {
            end = c;
        }
    }
    // "CONTENT, she said in an interview later." / "…, X said Tuesday in Paris.": after the cue
    // only adverbials, so the content is the clause before the source.
    let only_adverbials = !source_after
        && np_after_comma
        && end > start
        && end - start <= 8
        && (doc.is(start, Class::Time)
            || matches!(
                doc.word(start),
                "in" | "on" | "at" | "during" | "after" | "before" | "via" | "through" | "from"
            ))
        && !(start..end)
            .any(|k| doc.word(k) == "that" || doc.is(k, Class::Pronoun) || doc.is(k, Class::Aux));
    // "calling them rapists": a naming's object and name can be two words.
    let naming_pair = !source_after
        && doc.word(cue).starts_with("call")
        && end == start + 2
        && (start..end).all(|k| doc.tokens[k].kind == TokenKind::Word && doc.in_quote[k].is_none());
    if naming_pair {
        return doc.span(start, end - 1);
    }
    if end <= start + 2 || source_after || only_adverbials {
        // Nothing after the cue: "CONTENT, X said." — the content is the clause before the source.
        let stop = if source_after { cue } else { np_start };
        let comma = stop
            .checked_sub(1)
            .filter(|&k| k >= lo && doc.raw(k) == ",")?;
        return content_span(doc, lo, comma);
    }
    content_span(doc, start, end)
}

/// Words after a source's comma that describe the source rather than go on with the report
/// ("…, according to Jason Delisle, who was an adviser", "…, according to three polls,
/// including …").
const GLOSS_OPENERS: &[&str] = &[
    "who",
    "whom",
    "whose",
    "which",
    "including",
    "a",
    "an",
    "the",
    "one",
    "and",
    "or",
    "with",
    "as",
    "among",
    "based",
    "such",
];

/// Words that open a fronted clause ("that if elected, he would …"): a pronoun after its comma
/// is the main clause's subject, still reported.
const SUBORDINATORS: &[&str] = &[
    "if", "when", "although", "though", "because", "while", "after", "before", "as", "once",
    "unless", "since", "whether", "until", "whereas",
];

/// Where a clause ends at token `k`, before `end`: a comma outside quotation marks ends it there;
/// a comma closing a quotation (“…,”) ends it after the closing mark.
fn clause_comma(doc: &Doc<'_>, k: usize, end: usize) -> Option<usize> {
    if doc.raw(k) != "," {
        return None;
    }
    let Some(q) = doc.in_quote[k] else {
        return Some(k);
    };
    let closes = k + 1 < end
        && doc.is_quote_mark(k + 1)
        && doc.in_quote[k + 1] == Some(q)
        && doc.in_quote.get(k + 2).copied().flatten() != Some(q);
    closes.then_some(k + 2)
}

/// The clause `[lo, np_start)` when it holds a quotation that closes just before the source
/// (at `np_start`) but opens after unquoted words of the same sentence.
fn mixed_quote_clause(doc: &Doc<'_>, lo: usize, np_start: usize) -> Option<Span> {
    let close = (np_start.saturating_sub(2)..np_start)
        .rev()
        .find(|&k| k >= lo && doc.in_quote[k].is_some())?;
    let q = doc.in_quote[close];
    let open = (lo..=close).find(|&k| doc.in_quote[k] == q)?;
    let unquoted_words = (lo..open)
        .filter(|&k| doc.in_quote[k].is_none() && doc.tokens[k].kind == TokenKind::Word)
        .count();
    if unquoted_words == 0 || (lo..open).any(|k| doc.in_quote[k].is_some()) {
        return None;
    }
    content_span(doc, lo, close + 1)
}

/// Where the reported content in tokens `[a, b)` gives way to words of the writer's own: at a
/// comma or dash outside quotation marks, before
/// - a second cue ("…, said one voter") or "and" with a cue ("…, and accused the government of …"):
///   the subject goes on to say something else;
/// - a subject pronoun ("…, he appears uneasy") or a contrast ("…, but they would not …", "…,
///   despite …"), unless the content opened with a subordinate clause ("that if elected, he
///   would …");
/// - "which" ("…, which he believes will …"), or "who" after a name ("… Bryan Pagliano, who worked
///   on …"): the writer's gloss;
/// - a last dash ("… — a play on words with …"); a pair of dashes is a parenthesis inside it.
fn clause_end(doc: &Doc<'_>, a: usize, b: usize) -> Option<usize> {
    let fronted = SUBORDINATORS.contains(&doc.word(a)) || SUBORDINATORS.contains(&doc.word(a + 1));
    let is_dash = |k: usize| matches!(doc.raw(k), "—" | "–");
    (a + 2..b).find(|&k| {
        if doc.in_quote[k].is_some() {
            return false;
        }
        if is_dash(k) {
            return !(k + 1..b).any(is_dash);
        }
        // "calling them rapists and vowing to make Mexico pay", "said the move was Bratton's and
        // added that …", "had met him twice but said …": "and"/"but" with a second participle or
        // finite verb of report is a second report.
        if matches!(doc.word(k), "and" | "but") && k + 1 < b {
            let mut v = k + 1;
            while v < k + 4 && (is_adverb_word(doc.word(v)) || doc.is(v, Class::Aux)) {
                v += 1;
            }
            if doc.cue(v).is_some_and(|c| c.participle && !c.weak)
                || (!doc.is_cap(v)
                    && doc
                        .cue(v)
                        .is_some_and(|c| !c.participle && !c.weak && !c.stance))
            {
                return true;
            }
        }
        if doc.raw(k) != "," {
            return false;
        }
        let mut next = k + 1;
        let w = doc.word(next);
        // "…, who worked on …" after a name: the writer's gloss on that person.
        let gloss_on_name = w == "who" && doc.is_cap(k - 1);
        if w == "which"
            || (matches!(w, "but" | "although" | "though" | "despite") && !fronted)
            || gloss_on_name
            || (!fronted && doc.is(next, Class::Pronoun) && !matches!(w, "it" | "you"))
        {
            return true;
        }
        if w == "and" {
            next += 1;
            while doc.is(next, Class::Aux) && next < k + 4 {
                next += 1;
            }
        }
        // "…, another says …", "…, and Spanish stevedores said …": a short subject and a verb of
        // report.
        {
            let from = next;
            while next < from + 3 && plain_word(doc, next) && doc.cue(next).is_none() {
                next += 1;
            }
        }
        next < b && doc.cue(next).is_some_and(|c| !c.participle && !c.stance)
    })
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
    // Content that opens a quotation runs on to its close: 'added that he had "fought for the
    // Constitution. I'll tell you this, …"' reports all of the quoted words, past the sentence
    // end the marks enclose.
    if let Some(k) = doc.in_quote.get(b - 1).copied().flatten() {
        let mut end = b;
        while doc.in_quote.get(end).copied().flatten() == Some(k) {
            end += 1;
        }
        // Only for words past the sentence end: a quotation closed in the sentence keeps the
        // content as it was (without its final stop and mark).
        if doc.sentence_of.get(end - 1) > doc.sentence_of.get(b - 1)
            && (b..end).any(|t| !doc.is_punct(t))
        {
            b = end;
        }
    }
    doc.span(a, b - 1)
}

/// "called" or "named" naming rather than reporting: passive ("as the bill is called", "who has
/// been called a Republican Obama"), or a participle after an indefinite noun phrase that a name or
/// a quotation follows ("a group called Citizens for Trump", "a man named John Ward").
fn naming(doc: &Doc<'_>, i: usize, lo: usize) -> bool {
    if !matches!(doc.word(i), "called" | "calls" | "calling" | "named") {
        return false;
    }
    let be = |k: usize| {
        matches!(
            doc.word(k),
            "is" | "was" | "were" | "are" | "be" | "been" | "being"
        )
    };
    if i > lo && (be(i - 1) || (i > lo + 1 && be(i - 2) && is_adverb_word(doc.word(i - 1)))) {
        return true;
    }
    let indefinite = (i.saturating_sub(3).max(lo)..i).any(|k| matches!(doc.word(k), "a" | "an"));
    let name_follows = doc.is_cap(i + 1) || doc.is_quote_mark(i + 1);
    indefinite && name_follows && i > lo && !doc.is_cap(i - 1)
}

fn is_adverb_word(w: &str) -> bool {
    w.ends_with("ly") || matches!(w, "also" | "often" | "sometimes" | "once" | "long")
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
    transcript_turns(doc, &mut out);
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

/// Words that open a paragraph with a colon without naming who speaks ("Update: …").
const NOT_SPEAKERS: &[&str] = &[
    "note",
    "update",
    "updated",
    "correction",
    "editor",
    "editors",
    "photo",
    "photos",
    "source",
    "sources",
    "related",
    "watch",
    "video",
    "listen",
    "read",
    "more",
    "caption",
    "credit",
    "see",
    "also",
    "warning",
    "breaking",
    "disclosure",
    "clarification",
    "background",
    "q&a",
];

/// A transcript's turns: a paragraph opened by a speaker's name and a colon ("Chris Matthews:
/// Seriously, …", "Q: …", "A: …") reports the rest of the paragraph, in the speaker's words.
fn transcript_turns(doc: &Doc<'_>, out: &mut Vec<Hit>) {
    let before = out.len();
    let mut k = 0;
    while let Some(first) = doc.sentences.get(k) {
        let para_end = doc.sentences[k..]
            .iter()
            .take_while(|s| s.para == first.para)
            .last()
            .map_or(first.tokens.end, |s| s.tokens.end);
        k += doc.sentences[k..]
            .iter()
            .take_while(|s| s.para == first.para)
            .count()
            .max(1);
        let lo = first.tokens.start;
        let Some(colon) = (lo + 1..(lo + 4).min(para_end)).find(|&t| doc.raw(t) == ":") else {
            continue;
        };
        let names_a_speaker =
            (lo..colon).all(|t| {
                let raw = doc.raw(t);
                doc.in_quote[t].is_none()
                    && doc.tokens.get(t).is_some_and(|x| x.kind == TokenKind::Word)
                    && doc.is_cap(t)
                    && (raw.len() == 1 || !raw.bytes().all(|b| b.is_ascii_uppercase()))
                    && !NOT_SPEAKERS.contains(&doc.word(t))
                    && (!crate::annotate::gazetteer::is_stopword(raw) || raw == "A")
            }) && (colon > lo + 1 || doc.raw(lo).len() > 1 || matches!(doc.raw(lo), "Q" | "A"));
        if !names_a_speaker {
            continue;
        }
        let (Some(span), Some(cue)) = (doc.span(lo, colon - 1), doc.span(colon, colon)) else {
            continue;
        };
        let Some(content) = content_span(doc, colon + 1, para_end) else {
            continue;
        };
        out.push(Hit {
            cue,
            cue_tok: colon,
            source: Some(Source {
                span,
                head: colon - 1,
            }),
            content: Some(content),
            // The turn is reported whole; quoted words inside it are the speaker's own quoting
            // ("Saying to people ‘Wall Street speculation’ …"), not quotes of theirs.
            weak: true,
        });
    }
    // A transcript gives someone a second turn; a list of labelled sections ("Sanders: Win in a
    // walk", "Clinton: Keep it") names each once.
    let turns = out.split_off(before);
    // (An interview's "Q" and "A" are one pair of voices.)
    let speaker = |h: &Hit| match h.source.map_or("", |s| doc.word(s.head)) {
        "q" | "a" => "q&a",
        w => w,
    };
    for h in &turns {
        if turns.iter().filter(|o| speaker(o) == speaker(h)).count() >= 2 {
            out.push(*h);
        }
    }
    if out.len() > before {
        out.sort_by_key(|h| h.cue.start());
    }
}
