//! Feeds: adding, listing with their last fetch result, remembering each fetch's outcome
//! (validators, title, error), and what is already stored per feed.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use crate::error::{Error, Result};
use crate::feeds::Validators;
use crate::store::{Store, now};

/// A source as listed by `byline feeds`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Feed {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub validators: Validators,
    /// Unix seconds of the last attempt.
    pub last_fetched: Option<i64>,
    /// The last attempt's error; `None` after a success.
    pub last_error: Option<String>,
    pub articles: u32,
    pub unread: u32,
}

/// The result of one fetch attempt, remembered per feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchRecord {
    /// Fetched (or 304): new validators, and the title and site from the feed if it had them.
    Ok {
        validators: Option<Validators>,
        title: Option<String>,
        site_url: Option<String>,
    },
    Failed(String),
}

impl Store {
    /// Adds a feed by URL (or finds it); returns its id and whether it is new.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn add_feed(&mut self, url: &str, title: Option<&str>) -> Result<(i64, bool)> {
        let path = self.path().to_path_buf();
        let e = |e: rusqlite::Error| Error::Store {
            path: path.clone(),
            message: e.to_string(),
        };
        let tx = self.conn_mut().transaction().map_err(e)?;
        let found: Option<i64> = tx
            .query_row("SELECT id FROM feeds WHERE url = ?1", [url], |r| r.get(0))
            .optional()
            .map_err(e)?;
        let out = if let Some(id) = found {
            (id, false)
        } else {
            tx.execute(
                "INSERT INTO feeds (url, title, added) VALUES (?1, ?2, ?3)",
                params![url, title, now()],
            )
            .map_err(e)?;
            (tx.last_insert_rowid(), true)
        };
        tx.commit().map_err(e)?;
        Ok(out)
    }

    /// Every feed with its last result and counts, in the order added.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        let mut st = self
            .conn()
            .prepare(
                "SELECT f.id, f.url, f.title, f.site_url, f.etag, f.last_modified, f.last_fetched, f.last_error,
                        count(a.id), count(a.id) - ifnull(sum(a.read), 0)
                 FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id GROUP BY f.id ORDER BY f.id",
            )
            .map_err(|e| self.sql(&e))?;
        let rows = st
            .query_map([], |r| {
                Ok(Feed {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    title: r.get(2)?,
                    site_url: r.get(3)?,
                    validators: Validators {
                        etag: r.get(4)?,
                        last_modified: r.get(5)?,
                    },
                    last_fetched: r.get(6)?,
                    last_error: r.get(7)?,
                    articles: r.get(8)?,
                    unread: r.get(9)?,
                })
            })
            .map_err(|e| self.sql(&e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(&e))
    }

    /// Remembers the outcome of a fetch of feed `id`.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn record_fetch(&mut self, id: i64, record: &FetchRecord) -> Result<()> {
        let t = now();
        let r = match record {
            FetchRecord::Ok {
                validators,
                title,
                site_url,
            } => {
                let v = validators.as_ref();
                self.conn().execute(
                    "UPDATE feeds SET last_fetched = ?2, last_error = NULL,
                        title = coalesce(?3, title), site_url = coalesce(?4, site_url),
                        etag = CASE WHEN ?5 THEN ?6 ELSE etag END,
                        last_modified = CASE WHEN ?5 THEN ?7 ELSE last_modified END
                     WHERE id = ?1",
                    params![
                        id,
                        t,
                        title,
                        site_url,
                        v.is_some(),
                        v.and_then(|v| v.etag.as_deref()),
                        v.and_then(|v| v.last_modified.as_deref())
                    ],
                )
            }
            FetchRecord::Failed(msg) => self.conn().execute(
                "UPDATE feeds SET last_fetched = ?2, last_error = ?3 WHERE id = ?1",
                params![id, t, msg],
            ),
        };
        r.map(|_| ()).map_err(|e| self.sql(&e))
    }

    /// The stored body hash of every article of a source, by dedupe key: what a fetch can skip.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn known_articles(&self, feed: Option<i64>) -> Result<HashMap<String, String>> {
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT key, body_hash FROM articles WHERE ifnull(feed_id, 0) = ifnull(?1, 0)",
            )
            .map_err(|e| self.sql(&e))?;
        let rows = st
            .query_map([feed], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.sql(&e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(&e))
    }
}
