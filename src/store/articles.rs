//! Articles and read state. Articles arrive already normalised and annotated
//! ([`NewArticle`]); this module only stores and lists them.

use std::borrow::Cow;

use rusqlite::{OptionalExtension, Row, params};

use crate::error::{Error, Result};
use crate::model::{Annotations, ArticleMeta, Body, Document};
use crate::store::terms::index_terms;
use crate::store::{Store, StoredAnnotations, annotations, now};

/// One group of the article list: a feed, or (`feed_id` None) the articles added from files and pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedGroup {
    pub feed_id: Option<i64>,
    pub title: String,
    pub articles: u32,
    pub unread: u32,
    /// The feed's last fetch error, for a mark in the list.
    pub last_error: Option<String>,
}

/// Which articles [`Store::articles`] lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ArticleFilter {
    #[default]
    All,
    /// One feed's articles; `Feed(None)` is the local group (files and pages).
    Feed(Option<i64>),
    Unread,
    Starred,
}

/// An article ready to store: sanitised metadata, normalised body, its annotations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewArticle {
    /// Dedupe key within the source: guid, else URL, else a hash of title and body.
    pub key: String,
    pub url: Option<String>,
    pub guid: Option<String>,
    pub title: String,
    pub author: Option<String>,
    /// Where it came from when there is no feed (file name, site host).
    pub source: Option<String>,
    pub published: Option<i64>,
    pub body: Body,
    pub body_hash: String,
    pub annotations: StoredAnnotations,
    /// What the full-text index is given for the body ([`index_terms`]), when the caller has
    /// worked it out (a fetch does, on its worker threads); otherwise the writer does.
    pub terms: Option<String>,
}

/// What a batch upsert did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Upserted {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

const META_SELECT: &str = "SELECT a.id, a.feed_id, coalesce(f.title, f.url, a.source, ''), a.title, a.url, a.author,
        a.published, a.read, a.starred, coalesce(n.quote_count, 0)
    FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id LEFT JOIN annotations n ON n.article_id = a.id";

pub(crate) fn meta_from_row(r: &Row<'_>) -> rusqlite::Result<ArticleMeta> {
    Ok(ArticleMeta {
        id: r.get(0)?,
        feed_id: r.get(1)?,
        source: r.get(2)?,
        title: r.get(3)?,
        url: r.get(4)?,
        author: r.get(5)?,
        published: r.get(6)?,
        read: r.get(7)?,
        starred: r.get(8)?,
        quote_count: r.get(9)?,
    })
}

impl Store {
    /// Stores articles of one source in one transaction: new keys are inserted, changed bodies
    /// replace the stored ones (read and star kept), identical ones are left alone.
    ///
    /// # Errors
    /// SQLite fails; nothing of the batch is stored then.
    pub fn upsert_articles(&mut self, feed: Option<i64>, items: &[NewArticle]) -> Result<Upserted> {
        let path = self.path().to_path_buf();
        let e = |e: rusqlite::Error| Error::Store {
            path: path.clone(),
            message: e.to_string(),
        };
        let mut done = Upserted::default();
        let t = now();
        let tx = self.conn_mut().transaction().map_err(e)?;
        let mut indexed = Vec::new();
        for a in items {
            let found: Option<(i64, String)> = tx
                .prepare_cached("SELECT id, body_hash FROM articles WHERE ifnull(feed_id, 0) = ifnull(?1, 0) AND key = ?2")
                .and_then(|mut s| s.query_row(params![feed, a.key], |r| Ok((r.get(0)?, r.get(1)?))).optional())
                .map_err(e)?;
            let id = match found {
                Some((_, hash)) if hash == a.body_hash => {
                    done.unchanged += 1;
                    continue;
                }
                Some((id, _)) => {
                    tx.prepare_cached(
                        "UPDATE articles SET url = ?2, guid = ?3, title = ?4, author = ?5, published = ?6,
                            fetched = ?7, body = ?8, body_hash = ?9 WHERE id = ?1",
                    )
                    .and_then(|mut s| {
                        s.execute(params![id, a.url, a.guid, a.title, a.author, a.published, t, a.body.as_str(), a.body_hash])
                    })
                    .map_err(e)?;
                    done.updated += 1;
                    tx.prepare_cached("DELETE FROM articles_fts WHERE rowid = ?1")
                        .and_then(|mut s| s.execute([id]))
                        .map_err(e)?;
                    indexed.push((id, a));
                    id
                }
                None => {
                    tx.prepare_cached(
                        "INSERT INTO articles (feed_id, key, url, guid, title, author, source, published, fetched, body, body_hash)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    )
                    .and_then(|mut s| {
                        s.execute(params![
                            feed,
                            a.key,
                            a.url,
                            a.guid,
                            a.title,
                            a.author,
                            a.source,
                            a.published,
                            t,
                            a.body.as_str(),
                            a.body_hash
                        ])
                    })
                    .map_err(e)?;
                    done.added += 1;
                    let id = tx.last_insert_rowid();
                    indexed.push((id, a));
                    id
                }
            };
            let replacing = found.is_some();
            annotations::write(&tx, id, replacing, &a.body_hash, &a.annotations).map_err(e)?;
        }
        // Indexed last, after every other statement of the transaction (see schema step 3), by
        // their distinct words (step 5).
        let mut index = tx
            .prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")
            .map_err(e)?;
        for (id, a) in indexed {
            index
                .execute(params![
                    id,
                    a.title,
                    a.terms
                        .as_deref()
                        .map_or_else(|| index_terms(a.body.as_str()).into(), Cow::Borrowed)
                ])
                .map_err(e)?;
        }
        drop(index);
        tx.commit().map_err(e)?;
        Ok(done)
    }

    /// The list's groups: each feed, then the local articles, with unread counts.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn groups(&self) -> Result<Vec<FeedGroup>> {
        let mut st = self
            .conn()
            .prepare(
                "SELECT f.id, coalesce(f.title, f.url), count(a.id), count(a.id) - ifnull(sum(a.read), 0), f.last_error
                 FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id GROUP BY f.id
                 UNION ALL
                 SELECT NULL, 'Files and pages', count(*), count(*) - ifnull(sum(read), 0), NULL
                 FROM articles WHERE feed_id IS NULL HAVING count(*) > 0",
            )
            .map_err(|e| self.sql(&e))?;
        let rows = st
            .query_map([], |r| {
                Ok(FeedGroup {
                    feed_id: r.get(0)?,
                    title: r.get(1)?,
                    articles: r.get(2)?,
                    unread: r.get(3)?,
                    last_error: r.get(4)?,
                })
            })
            .map_err(|e| self.sql(&e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(&e))
    }

    /// Articles for the list, grouped by feed (feeds in the order added, local articles last),
    /// newest first within a group.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn articles(&self, filter: ArticleFilter) -> Result<Vec<ArticleMeta>> {
        let (cond, feed) = match filter {
            ArticleFilter::All => ("1", None),
            ArticleFilter::Feed(f) => ("ifnull(a.feed_id, 0) = ifnull(?1, 0)", f),
            ArticleFilter::Unread => ("a.read = 0", None),
            ArticleFilter::Starred => ("a.starred = 1", None),
        };
        let sql = format!(
            "{META_SELECT} WHERE {cond} AND (?1 IS NULL OR 1)
             ORDER BY a.feed_id IS NULL, a.feed_id, a.published IS NULL, a.published DESC, a.id DESC"
        );
        let mut st = self.conn().prepare(&sql).map_err(|e| self.sql(&e))?;
        let rows = st
            .query_map([feed], meta_from_row)
            .map_err(|e| self.sql(&e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(&e))
    }

    /// Up to `limit` list rows of one group from `offset`: feed `feed`, or (`None`) the articles
    /// added from files and pages; in the order of [`Store::articles`] (newest first). The
    /// `articles_feed` index gives this order, so a page costs its own rows, not the group's.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn articles_page(
        &self,
        feed: Option<i64>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ArticleMeta>> {
        // NULLs sort first, so `published DESC` puts undated articles last, as `articles` does.
        let cond = if feed.is_some() {
            "a.feed_id = ?1"
        } else {
            "a.feed_id IS NULL AND ?1 IS NULL"
        };
        let sql = format!(
            "{META_SELECT} WHERE {cond} ORDER BY a.published DESC, a.id DESC LIMIT ?2 OFFSET ?3"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let mut st = self.conn().prepare_cached(&sql).map_err(|e| self.sql(&e))?;
        let rows = st
            .query_map(params![feed, limit, offset], meta_from_row)
            .map_err(|e| self.sql(&e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(&e))
    }

    /// Whether the library holds any article (without reading them).
    ///
    /// # Errors
    /// SQLite fails.
    pub fn has_articles(&self) -> Result<bool> {
        self.conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))
            .map_err(|e| self.sql(&e))
    }

    /// One article's list row.
    ///
    /// # Errors
    /// No such article, or SQLite fails.
    pub fn article_meta(&self, id: i64) -> Result<ArticleMeta> {
        self.conn()
            .query_row(
                &format!("{META_SELECT} WHERE a.id = ?1"),
                [id],
                meta_from_row,
            )
            .optional()
            .map_err(|e| self.sql(&e))?
            .ok_or_else(|| Error::NoArticle {
                path: self.path().to_path_buf(),
                id,
            })
    }

    /// Opens one article: its document and annotations. Annotations that are stale (older
    /// annotator, other body) are recomputed on the fly; `library::reannotate` stores them.
    ///
    /// # Errors
    /// No such article, or SQLite fails.
    pub fn article(&self, id: i64) -> Result<(Document, Annotations)> {
        let (title, body, hash): (String, String, String) = self
            .conn()
            .query_row(
                "SELECT title, body, body_hash FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.sql(&e))?
            .ok_or_else(|| Error::NoArticle {
                path: self.path().to_path_buf(),
                id,
            })?;
        let doc = Document {
            title: Some(title),
            body: Body::from_normalized(body),
        };
        let ann = match self.current_annotations(id, &doc.body, &hash) {
            Ok(Some(ann)) => ann,
            // Stale or unreadable: the body is the truth, annotate it again.
            Ok(None) | Err(Error::Store { .. }) => crate::annotate::annotate(&doc.body),
            Err(e) => return Err(e),
        };
        Ok((doc, ann))
    }

    /// Marks an article read or unread.
    ///
    /// # Errors
    /// No such article, or SQLite fails.
    pub fn set_read(&mut self, id: i64, read: bool) -> Result<()> {
        let n = self
            .conn()
            .execute(
                "UPDATE articles SET read = ?2 WHERE id = ?1",
                params![id, read],
            )
            .map_err(|e| self.sql(&e))?;
        if n == 0 {
            return Err(Error::NoArticle {
                path: self.path().to_path_buf(),
                id,
            });
        }
        Ok(())
    }

    /// Marks an article read; true when it was unread (false for an unknown id).
    ///
    /// # Errors
    /// SQLite fails.
    pub fn mark_read(&mut self, id: i64) -> Result<bool> {
        self.conn()
            .execute(
                "UPDATE articles SET read = 1 WHERE id = ?1 AND read = 0",
                [id],
            )
            .map(|n| n > 0)
            .map_err(|e| self.sql(&e))
    }

    /// Toggles the star; returns the new state.
    ///
    /// # Errors
    /// No such article, or SQLite fails.
    pub fn toggle_star(&mut self, id: i64) -> Result<bool> {
        self.conn()
            .query_row(
                "UPDATE articles SET starred = 1 - starred WHERE id = ?1 RETURNING starred",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(&e))?
            .ok_or_else(|| Error::NoArticle {
                path: self.path().to_path_buf(),
                id,
            })
    }

    /// Every article id, in id order (exports).
    ///
    /// # Errors
    /// SQLite fails.
    pub fn article_ids(&self) -> Result<Vec<i64>> {
        let mut st = self
            .conn()
            .prepare("SELECT id FROM articles ORDER BY id")
            .map_err(|e| self.sql(&e))?;
        let rows = st.query_map([], |r| r.get(0)).map_err(|e| self.sql(&e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(&e))
    }
}
