//! Standoff annotations in the store: one `byline.annotations/1` JSON blob per article (the same
//! shape `byline annotate --format json` prints), keyed by article id, body hash and
//! `ANNOTATOR_VERSION`, plus one row per article for the speakers index (its quoted speakers and their counts).
//! The blob format itself is in `codec`.

use rusqlite::{Transaction, params};
use sha2::{Digest, Sha256};

use crate::annotate::ANNOTATOR_VERSION;
use crate::error::{Error, Result};
use crate::model::{Annotations, Body, Document};
use crate::store::Store;
use crate::store::codec::{annotations_from_json, annotations_to_json};

/// Hex SHA-256 of the body text: the annotation key, and how a changed article is noticed.
#[must_use]
pub fn body_hash(body: &Body) -> String {
    let digest = Sha256::digest(body.as_str().as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn sql_int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// An article's annotations in the form the store writes them: the packed blob and, for the
/// speakers index, each quoted speaker with their number of quotes. Made where the article is
/// prepared (a fetch's worker threads), so the single writer only inserts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoredAnnotations {
    json: String,
    quotes: usize,
    /// The speakers-index text: (canonical name, quotes) in order of first quote, encoded by
    /// [`encode_speakers`]; empty when no quote has a speaker.
    speakers: String,
}

/// Separates names and counts in the speakers-index text: a control character, which normalised
/// text (and so every canonical name) never holds.
const SEP: char = '\u{1f}';

/// The speakers-index text of an article: `name SEP count SEP name SEP count …`.
#[must_use]
pub fn encode_speakers(speakers: &[(String, usize)]) -> String {
    let mut out = String::new();
    for (name, quotes) in speakers {
        if !out.is_empty() {
            out.push(SEP);
        }
        out.extend(name.chars().map(|c| if c == SEP { ' ' } else { c }));
        out.push(SEP);
        out.push_str(&quotes.to_string());
    }
    out
}

/// The (name, quotes) pairs of a speakers-index text; pairs that do not parse are skipped.
pub fn decode_speakers(text: &str) -> impl Iterator<Item = (&str, u32)> {
    let mut parts = text.split(SEP);
    std::iter::from_fn(move || {
        loop {
            let name = parts.next()?;
            let count = parts.next()?;
            if let Ok(n) = count.parse() {
                return Some((name, n));
            }
        }
    })
}

impl From<&Annotations> for StoredAnnotations {
    fn from(ann: &Annotations) -> Self {
        let mut speakers: Vec<(String, usize)> = Vec::new();
        let names = ann
            .quotes
            .iter()
            .filter_map(|q| q.speaker.and_then(|s| ann.speakers.get(s)));
        for speaker in names {
            match speakers.iter_mut().find(|(n, _)| *n == speaker.name) {
                Some((_, count)) => *count += 1,
                None => speakers.push((speaker.name.clone(), 1)),
            }
        }
        Self {
            json: annotations_to_json(ann),
            quotes: ann.quotes.len(),
            speakers: encode_speakers(&speakers),
        }
    }
}

impl From<Annotations> for StoredAnnotations {
    fn from(ann: Annotations) -> Self {
        Self::from(&ann)
    }
}

/// Replaces an article's annotations and speakers-index rows (inside the caller's transaction);
/// `replacing` is false for an article inserted in this transaction, which has no rows yet.
pub(crate) fn write(
    tx: &Transaction<'_>,
    id: i64,
    replacing: bool,
    hash: &str,
    ann: &StoredAnnotations,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO annotations (article_id, body_hash, annotator_version, quote_count, json)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, hash, ANNOTATOR_VERSION, sql_int(ann.quotes), ann.json])?;
    if replacing {
        tx.prepare_cached("DELETE FROM article_speakers WHERE article_id = ?1")?
            .execute([id])?;
    }
    if !ann.speakers.is_empty() {
        tx.prepare_cached("INSERT INTO article_speakers (article_id, speakers) VALUES (?1, ?2)")?
            .execute(params![id, ann.speakers])?;
    }
    Ok(())
}

impl Store {
    /// Articles whose stored annotations are missing, were made by an older annotator, or were
    /// made for another body: they need `annotate` again (no refetch needed).
    ///
    /// # Errors
    /// SQLite fails.
    pub fn stale_annotations(&self) -> Result<Vec<i64>> {
        let mut st = self
            .conn()
            .prepare(
                "SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article_id = a.id
                 WHERE n.article_id IS NULL OR n.annotator_version < ?1 OR n.body_hash <> a.body_hash
                 ORDER BY a.id",
            )
            .map_err(|e| self.sql(&e))?;
        let rows = st
            .query_map([ANNOTATOR_VERSION], |r| r.get(0))
            .map_err(|e| self.sql(&e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(&e))
    }

    /// Stores fresh annotations for already stored articles, in one transaction.
    ///
    /// # Errors
    /// SQLite fails (nothing is written then).
    pub fn save_annotations(&mut self, items: &[(i64, Document, Annotations)]) -> Result<()> {
        let path = self.path().to_path_buf();
        let e = |e: rusqlite::Error| Error::Store {
            path: path.clone(),
            message: e.to_string(),
        };
        let tx = self.conn_mut().transaction().map_err(e)?;
        for (id, doc, ann) in items {
            let hash = body_hash(&doc.body);
            // Keep the article's hash true to its body, so the pair stays current.
            tx.execute(
                "UPDATE articles SET body_hash = ?2 WHERE id = ?1 AND body_hash <> ?2",
                params![id, hash],
            )
            .map_err(e)?;
            write(&tx, *id, true, &hash, &ann.into()).map_err(e)?;
        }
        tx.commit().map_err(e)
    }

    /// The stored annotations of an article, if current for its body and this annotator.
    ///
    /// # Errors
    /// SQLite fails, or the blob does not fit the body.
    pub(crate) fn current_annotations(
        &self,
        id: i64,
        body: &Body,
        hash: &str,
    ) -> Result<Option<Annotations>> {
        let row: Option<(String, u32, String)> = self
            .conn()
            .query_row(
                "SELECT body_hash, annotator_version, json FROM annotations WHERE article_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map(Some)
            .or_else(|e| {
                if e == rusqlite::Error::QueryReturnedNoRows {
                    Ok(None)
                } else {
                    Err(e)
                }
            })
            .map_err(|e| self.sql(&e))?;
        match row {
            Some((h, v, text)) if h == hash && v >= ANNOTATOR_VERSION => {
                annotations_from_json(&text, body)
                    .map(Some)
                    .map_err(|e| self.err(format!("article {id}: {e}")))
            }
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn speakers_text_table() {
        let cases: &[(&[(&str, usize)], &str)] = &[
            (&[], ""),
            (&[("Ana Diaz", 3)], "Ana Diaz\u{1f}3"),
            (
                &[("Ana Diaz", 3), ("Li", 1)],
                "Ana Diaz\u{1f}3\u{1f}Li\u{1f}1",
            ),
            // A separator inside a name (never in normalised text) cannot split the entry.
            (&[("A\u{1f}B", 2)], "A B\u{1f}2"),
        ];
        for (pairs, text) in cases {
            let owned: Vec<(String, usize)> =
                pairs.iter().map(|(n, q)| ((*n).to_string(), *q)).collect();
            assert_eq!(encode_speakers(&owned), *text);
        }
        // Broken texts give the pairs that parse.
        let got: Vec<(&str, u32)> = decode_speakers("A\u{1f}x\u{1f}B\u{1f}2\u{1f}C").collect();
        assert_eq!(got, [("B", 2)]);
    }

    proptest! {
        #[test]
        fn speakers_text_round_trips(pairs in prop::collection::vec(("[a-zA-Z .'é-]{1,20}", 1usize..500), 0..12)) {
            let text = encode_speakers(&pairs);
            let back: Vec<(String, usize)> = decode_speakers(&text)
                .map(|(n, q)| (n.to_string(), q as usize))
                .collect();
            prop_assert_eq!(back, pairs);
        }
    }
}
