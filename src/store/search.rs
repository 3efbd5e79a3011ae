//! Library search (FTS5 over titles and bodies, which hold the quote texts) and the speakers index: everyone
//! quoted across the library, and all the quotes of one speaker.

use rusqlite::params;

use crate::annotate::gazetteer::FastMap;
use crate::error::Result;
use crate::model::{ArticleMeta, Body, QuoteKind};
use crate::span::Span;
use crate::store::Store;
use crate::store::annotations::decode_speakers;
use crate::store::articles::meta_from_row;
use crate::store::codec::annotations_from_json;

/// An article matching a search, most recently stored first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleHit {
    pub meta: ArticleMeta,
    /// A few words around the match from the title or body, matches in `[…]`.
    pub snippet: String,
}

/// A quote, located in its article by a byte range of the stored body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRef {
    pub article_id: i64,
    pub article_title: String,
    /// Index of the quote in the article's `Annotations::quotes`.
    pub index: usize,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The article's link and feed, for the keys that act on it from a quote row.
    pub article_url: Option<String>,
    pub feed_id: Option<i64>,
}

impl QuoteRef {
    /// The quote's span in the article body (as loaded by [`Store::article`]).
    #[must_use]
    pub fn span(&self, body: &Body) -> Option<Span> {
        body.span(self.start, self.end)
    }
}

/// A quote matching a search.
pub type QuoteHit = QuoteRef;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResults {
    pub articles: Vec<ArticleHit>,
    pub quotes: Vec<QuoteHit>,
}

/// One entry of the speakers index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerCount {
    pub name: String,
    pub quotes: u32,
    pub articles: u32,
}

/// Turns what a person typed into an FTS5 query: every word must match (the last one as a
/// prefix, so results follow typing); FTS5 operators and punctuation in the input are literal.
#[must_use]
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = typed_words(input)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    let last = words.len().checked_sub(1)?;
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == last {
                    format!("{w}*")
                } else {
                    w.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The words of what a person typed: runs of letters and digits.
fn typed_words(input: &str) -> impl Iterator<Item = &str> {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of a search as the index matches them: lowercase, the last one a prefix.
fn query_words(input: &str) -> Vec<String> {
    typed_words(input).map(str::to_lowercase).collect()
}

/// Words of a snippet.
const SNIPPET_WORDS: usize = 12;

/// Whether the word `w` of a text matches one of the search `words` (lowercase, the last one a
/// prefix), as the index matches it (case folded; diacritics are folded by the index only).
fn matches_query(w: &str, words: &[String]) -> bool {
    let lower = if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(w.to_lowercase())
    };
    let last = words.len().saturating_sub(1);
    words.iter().enumerate().any(|(i, q)| {
        if i == last {
            lower.starts_with(q.as_str())
        } else {
            *lower == **q
        }
    })
}

/// Each word of `text` (a run of letters and digits, where the index cuts): its byte range and
/// whether it matches the search.
fn snippet_words(text: &str, words: &[String]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = text.get(s..i).unwrap_or_default();
                out.push((s, i, matches_query(w, words)));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The first word of the `n`-word window with the most matches (the first such window), then
/// moved so that its matches sit in the middle.
fn snippet_window(tokens: &[(usize, usize, bool)], n: usize) -> usize {
    let n = n.min(tokens.len());
    let hit = |i: usize| tokens.get(i).is_some_and(|t| t.2);
    let mut in_window = (0..n).filter(|&i| hit(i)).count();
    let (mut first, mut most) = (0, in_window);
    for start in 1..=tokens.len() - n {
        in_window = in_window - usize::from(hit(start - 1)) + usize::from(hit(start + n - 1));
        if in_window > most {
            (first, most) = (start, in_window);
        }
    }
    let hits: Vec<usize> = (first..first + n).filter(|&i| hit(i)).collect();
    match (hits.first(), hits.last()) {
        (Some(&a), Some(&b)) => a
            .saturating_sub((n - (b - a + 1)) / 2)
            .min(tokens.len() - n),
        _ => first,
    }
}

/// A few words of the title or (when the title has no match) the body around the matches of
/// `words` (lowercase, the last one a prefix), each match in `[…]`, `…` where text is cut. Text
/// brackets become parentheses, so that only matches are bracketed, and white space one space.
#[must_use]
pub fn snippet(title: &str, body: &str, words: &[String]) -> String {
    let title_words = snippet_words(title, words);
    let (text, tokens) = if title_words.iter().any(|t| t.2) {
        (title, title_words)
    } else {
        (body, snippet_words(body, words))
    };
    let first = snippet_window(&tokens, SNIPPET_WORDS);
    let window = tokens.get(first..).unwrap_or_default();
    let window = window
        .get(..SNIPPET_WORDS.min(window.len()))
        .unwrap_or_default();
    let Some(&(from, _, _)) = window.first() else {
        return String::new();
    };
    let mut out = String::new();
    if first > 0 {
        out.push('…');
    }
    let mut at = from;
    for &(s, e, matched) in window {
        for c in text.get(at..s).unwrap_or_default().chars() {
            out.push(match c {
                '[' => '(',
                ']' => ')',
                c if c.is_whitespace() => ' ',
                c => c,
            });
        }
        let w = text.get(s..e).unwrap_or_default();
        if matched {
            out.push('[');
            out.push_str(w);
            out.push(']');
        } else {
            out.push_str(w);
        }
        at = e;
    }
    if first + window.len() < tokens.len() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Store {
    /// Searches titles, bodies and quote texts; at most `limit` articles and `limit` quotes.
    /// An empty query finds nothing.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn search(&self, input: &str, limit: usize) -> Result<SearchResults> {
        let Some(q) = fts_query(input) else {
            return Ok(SearchResults::default());
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT a.id, a.feed_id, coalesce(f.title, f.url, a.source, ''), a.title, a.url, a.author,
                        a.published, a.read, a.starred, coalesce(n.quote_count, 0), a.body
                 FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                 LEFT JOIN feeds f ON f.id = a.feed_id LEFT JOIN annotations n ON n.article_id = a.id
                 WHERE articles_fts MATCH ?1 ORDER BY articles_fts.rowid DESC LIMIT ?2",
            )
            .map_err(|e| self.sql(&e))?;
        let words = query_words(input);
        let articles = st
            .query_map(params![q, limit], |r| {
                let meta = meta_from_row(r)?;
                let body: String = r.get(10)?;
                let snippet = snippet(&meta.title, &body, &words);
                Ok(ArticleHit { meta, snippet })
            })
            .map_err(|e| self.sql(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(&e))?;
        // Newest first, not by bm25: ranking scores every match, which for a word in every article
        // (50,000) takes seconds; walking the index by rowid stops at `limit`. Quotes lie inside
        // bodies: take the newest 500 matching articles and keep their quotes that contain every
        // word (the last as a prefix, like the index).
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT a.id, a.title, a.url, a.feed_id, a.body, n.json
                 FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rowid DESC LIMIT 500) m
                 JOIN articles a ON a.id = m.id JOIN annotations n ON n.article_id = a.id
                 WHERE n.quote_count > 0 ORDER BY m.id DESC",
            )
            .map_err(|e| self.sql(&e))?;
        let mut quotes = Vec::new();
        let mut rows = st.query(params![q]).map_err(|e| self.sql(&e))?;
        while quotes.len() < limit
            && let Some(r) = rows.next().map_err(|e| self.sql(&e))?
        {
            let found = article_quotes(r, &|_, text| {
                let lower = text.to_lowercase();
                words.iter().all(|w| lower.contains(w.as_str()))
            })
            .map_err(|e| self.sql(&e))?;
            quotes.extend(found);
        }
        quotes.truncate(limit);
        Ok(SearchResults { articles, quotes })
    }

    /// Everyone quoted in the library, most quoted first (then by name), with quote and article
    /// counts. Speakers are matched by canonical name across articles. The index is one row per
    /// article (schema step 6), read once and counted here.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn speakers(&self) -> Result<Vec<SpeakerCount>> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT speakers FROM article_speakers")
            .map_err(|e| self.sql(&e))?;
        // Name → (quotes, articles).
        let mut counts: FastMap<String, (u32, u32)> = FastMap::default();
        let mut rows = st.query([]).map_err(|e| self.sql(&e))?;
        while let Some(r) = rows.next().map_err(|e| self.sql(&e))? {
            let text = borrowed_text(r, 0).map_err(|e| self.sql(&e))?;
            for (name, quotes) in decode_speakers(text) {
                if let Some((q, a)) = counts.get_mut(name) {
                    *q = q.saturating_add(quotes);
                    *a = a.saturating_add(1);
                } else {
                    counts.insert(name.to_string(), (quotes, 1));
                }
            }
        }
        let mut out: Vec<SpeakerCount> = counts
            .into_iter()
            .map(|(name, (quotes, articles))| SpeakerCount {
                name,
                quotes,
                articles,
            })
            .collect();
        out.sort_unstable_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
        Ok(out)
    }

    /// The quotes of one speaker (by canonical name), newest article first, in text order: the
    /// newest `limit` of them.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn quotes_of(&self, speaker: &str, limit: usize) -> Result<Vec<QuoteRef>> {
        // The articles that hold the name and their count of its quotes, from the speakers index
        // alone (`instr` keeps the rows that hold the name anywhere; the exact entry is checked
        // here); then their order, newest first, from the (feed, published) index alone. Joining
        // the two in SQL looked up every matching article row (tens of thousands for a speaker
        // quoted everywhere) and sorted them all.
        let mut counts: FastMap<i64, u32> = FastMap::default();
        {
            let mut st = self
                .conn()
                .prepare_cached(
                    "SELECT article_id, speakers FROM article_speakers WHERE instr(speakers, ?1) > 0",
                )
                .map_err(|e| self.sql(&e))?;
            let mut rows = st.query([speaker]).map_err(|e| self.sql(&e))?;
            while let Some(r) = rows.next().map_err(|e| self.sql(&e))? {
                let id: i64 = r.get(0).map_err(|e| self.sql(&e))?;
                let text = borrowed_text(r, 1).map_err(|e| self.sql(&e))?;
                if let Some((_, n)) = decode_speakers(text).find(|(name, _)| *name == speaker) {
                    counts.insert(id, n);
                }
            }
        }
        let mut order: Vec<(Option<i64>, i64)> = Vec::with_capacity(counts.len());
        if !counts.is_empty() {
            let mut st = self
                .conn()
                .prepare_cached("SELECT id, published FROM articles")
                .map_err(|e| self.sql(&e))?;
            let mut rows = st.query([]).map_err(|e| self.sql(&e))?;
            while let Some(r) = rows.next().map_err(|e| self.sql(&e))? {
                let id: i64 = r.get(0).map_err(|e| self.sql(&e))?;
                if counts.contains_key(&id) {
                    order.push((r.get(1).map_err(|e| self.sql(&e))?, id));
                }
            }
        }
        // Dated articles newest first, then the undated, newest id first.
        order.sort_unstable_by(|a, b| {
            a.0.is_none()
                .cmp(&b.0.is_none())
                .then_with(|| b.0.cmp(&a.0))
                .then_with(|| b.1.cmp(&a.1))
        });
        let mut ids = Vec::new();
        let mut counted = 0;
        for (_, id) in order {
            if counted >= limit {
                break;
            }
            ids.push(id);
            counted += counts.get(&id).copied().unwrap_or(0) as usize;
        }
        let mut one = self
            .conn()
            .prepare_cached(
                "SELECT a.id, a.title, a.url, a.feed_id, a.body, n.json
                 FROM articles a JOIN annotations n ON n.article_id = a.id WHERE a.id = ?1",
            )
            .map_err(|e| self.sql(&e))?;
        let mut quotes = Vec::new();
        for id in ids {
            let mut rows = one.query([id]).map_err(|e| self.sql(&e))?;
            if let Some(r) = rows.next().map_err(|e| self.sql(&e))? {
                let found =
                    article_quotes(r, &|who, _| who == Some(speaker)).map_err(|e| self.sql(&e))?;
                quotes.extend(found);
            }
        }
        quotes.truncate(limit);
        Ok(quotes)
    }
}

/// Column `i` of a row as text borrowed from SQLite (no copy for the rows only looked at).
fn borrowed_text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(Into::into)
}

/// The quotes that `keep` accepts (given the speaker's name and the quote's text) of one article
/// row: id, title, url, feed id, body, stored annotations. Annotations that no longer fit the
/// body give none: the article is re-annotated when it is next opened or re-annotated.
fn article_quotes(
    r: &rusqlite::Row<'_>,
    keep: &dyn Fn(Option<&str>, &str) -> bool,
) -> rusqlite::Result<Vec<QuoteRef>> {
    let body = Body::from_normalized(r.get(4)?);
    let json: String = r.get(5)?;
    let Ok(ann) = annotations_from_json(&json, &body) else {
        return Ok(Vec::new());
    };
    let (id, title, url, feed_id): (i64, String, Option<String>, Option<i64>) =
        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
    let mut out = Vec::new();
    for (index, q) in ann.quotes.iter().enumerate() {
        let speaker = q
            .speaker
            .and_then(|s| ann.speakers.get(s))
            .map(|s| s.name.as_str());
        let text = q.span.slice(body.as_str());
        if keep(speaker, text) {
            out.push(QuoteRef {
                article_id: id,
                article_title: title.clone(),
                index,
                kind: q.kind,
                speaker: speaker.map(str::to_string),
                start: q.span.start(),
                end: q.span.end(),
                text: text.to_string(),
                article_url: url.clone(),
                feed_id,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_literal() {
        let cases: &[(&str, Option<&str>)] = &[
            ("", None),
            ("  -- ", None),
            ("obama", Some("\"obama\"*")),
            ("gaps of trust", Some("\"gaps\" \"of\" \"trust\"*")),
            (
                "NEAR(a b) OR \"x",
                Some("\"NEAR\" \"a\" \"b\" \"OR\" \"x\"*"),
            ),
            ("Putin's", Some("\"Putin\" \"s\"*")),
        ];
        for (input, want) in cases {
            assert_eq!(fts_query(input).as_deref(), *want, "{input:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn snippets_bracket_only_matches(
            title in "[a-zA-Zé \\[\\]]{0,30}",
            body in "[a-zA-Zé0-9 ,.\\[\\]\n]{0,300}",
            query in "[a-zé ]{0,12}",
        ) {
            let words = query_words(&query);
            let got = snippet(&title, &body, &words);
            // Every bracketed part is a match; brackets never nest or dangle.
            let mut depth = 0;
            for part in got.split_inclusive(['[', ']']) {
                if part.ends_with(']') {
                    let inner = part.trim_end_matches(']');
                    proptest::prop_assert!(matches_query(inner, &words), "{inner:?} in {got:?}");
                    depth -= 1;
                } else if part.ends_with('[') {
                    depth += 1;
                }
                proptest::prop_assert!((0..=1).contains(&depth), "{got:?}");
            }
            proptest::prop_assert_eq!(depth, 0);
        }
    }

    #[test]
    fn snippets_cut_around_the_most_matches() {
        let body = "The council met on Tuesday. The mayor said the ferry [timetable] would change \
                    next month, and the harbour master said the ferry fares would stay the same \
                    until the spring.";
        let cases: &[(&str, &str, &str)] = &[
            // The title has the match: the title is the snippet.
            ("Ferry fares", "ferry", "[Ferry] fares"),
            // The body's window with both words, not the first mention alone.
            (
                "Council news",
                "ferry far",
                "…the harbour master said the [ferry] [fares] would stay the same until…",
            ),
            // Context on both sides; brackets of the text become parentheses.
            (
                "Council news",
                "mayor",
                "…council met on Tuesday. The [mayor] said the ferry (timetable) would change…",
            ),
            // No match anywhere (the index matched a folded form): the start of the body.
            (
                "Council news",
                "zebra",
                "The council met on Tuesday. The mayor said the ferry (timetable) would…",
            ),
            ("", "x", ""),
        ];
        for (title, input, want) in cases {
            let got = snippet(
                title,
                if title.is_empty() { "" } else { body },
                &query_words(input),
            );
            assert_eq!(got, *want, "{input:?}");
        }
    }
}
