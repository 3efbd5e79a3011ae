//! Library search (FTS5 over titles and bodies, which hold the quote texts) and the speakers index: everyone
//! quoted across the library, and all the quotes of one speaker.

use rusqlite::params;

use crate::error::Result;
use crate::model::{ArticleMeta, Body, QuoteKind};
use crate::span::Span;
use crate::store::Store;
use crate::store::articles::meta_from_row;

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
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
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

fn kind_from(s: &str) -> QuoteKind {
    match s {
        "partial" => QuoteKind::Partial,
        "indirect" => QuoteKind::Indirect,
        _ => QuoteKind::Direct,
    }
}

fn get_usize(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<usize> {
    let v: i64 = r.get(i)?;
    usize::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(i, v))
}

fn quote_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<QuoteRef> {
    Ok(QuoteRef {
        article_id: r.get(0)?,
        article_title: r.get(1)?,
        index: get_usize(r, 2)?,
        kind: kind_from(&r.get::<_, String>(3)?),
        speaker: r.get(4)?,
        start: get_usize(r, 5)?,
        end: get_usize(r, 6)?,
        text: r.get(7)?,
        article_url: r.get(8)?,
        feed_id: r.get(9)?,
    })
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
                        a.published, a.read, a.starred, coalesce(n.quote_count, 0),
                        snippet(articles_fts, -1, '[', ']', '…', 12)
                 FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                 LEFT JOIN feeds f ON f.id = a.feed_id LEFT JOIN annotations n ON n.article_id = a.id
                 WHERE articles_fts MATCH ?1 ORDER BY articles_fts.rowid DESC LIMIT ?2",
            )
            .map_err(|e| self.sql(&e))?;
        let articles = st
            .query_map(params![q, limit], |r| {
                Ok(ArticleHit {
                    meta: meta_from_row(r)?,
                    snippet: r.get(10)?,
                })
            })
            .map_err(|e| self.sql(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(&e))?;
        // Newest first, not by bm25: ranking scores every match, which for a word in every article
        // (50,000) takes seconds; walking the index by rowid stops at `limit`. Quotes lie inside
        // bodies: take the newest 500 matching articles and keep their quotes that contain every
        // word (the last as a prefix, like the index).
        let words: Vec<String> = input
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT q.article_id, a.title, q.ord, q.kind, q.speaker, q.start, q.end,
                        CAST(substr(CAST(a.body AS BLOB), q.start + 1, q.end - q.start) AS TEXT), a.url, a.feed_id
                 FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rowid DESC LIMIT 500) m
                 JOIN quotes q ON q.article_id = m.id JOIN articles a ON a.id = q.article_id
                 ORDER BY m.id DESC, q.ord",
            )
            .map_err(|e| self.sql(&e))?;
        let mut quotes = Vec::new();
        let mut rows = st.query(params![q]).map_err(|e| self.sql(&e))?;
        while let Some(r) = rows.next().map_err(|e| self.sql(&e))? {
            let text: String = r.get(7).map_err(|e| self.sql(&e))?;
            let lower = text.to_lowercase();
            if words.iter().all(|w| lower.contains(w.as_str())) {
                quotes.push(quote_from_row(r).map_err(|e| self.sql(&e))?);
                if quotes.len() >= usize::try_from(limit).unwrap_or(usize::MAX) {
                    break;
                }
            }
        }
        Ok(SearchResults { articles, quotes })
    }

    /// Everyone quoted in the library, most quoted first, with quote and article counts.
    /// Speakers are matched by canonical name across articles.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn speakers(&self) -> Result<Vec<SpeakerCount>> {
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT speaker, count(*), count(DISTINCT article_id) FROM quotes WHERE speaker IS NOT NULL
                 GROUP BY speaker ORDER BY count(*) DESC, speaker",
            )
            .map_err(|e| self.sql(&e))?;
        let rows = st
            .query_map([], |r| {
                Ok(SpeakerCount {
                    name: r.get(0)?,
                    quotes: r.get(1)?,
                    articles: r.get(2)?,
                })
            })
            .map_err(|e| self.sql(&e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(&e))
    }

    /// All quotes of one speaker (by canonical name), newest article first, in text order.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn quotes_of(&self, speaker: &str) -> Result<Vec<QuoteRef>> {
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT q.article_id, a.title, q.ord, q.kind, q.speaker, q.start, q.end,
                        CAST(substr(CAST(a.body AS BLOB), q.start + 1, q.end - q.start) AS TEXT), a.url, a.feed_id
                 FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker = ?1
                 ORDER BY a.published IS NULL, a.published DESC, a.id DESC, q.ord",
            )
            .map_err(|e| self.sql(&e))?;
        let rows = st
            .query_map([speaker], quote_from_row)
            .map_err(|e| self.sql(&e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(&e))
    }
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
}
