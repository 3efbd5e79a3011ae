//! `byline add URL|FILE|DIR` and `byline import FILE.opml`: putting sources into the library.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::feeds::{FetchOutcome, Validators};
use crate::library::fetch::{FetchConfig, prepare};
use crate::library::{ingest, opml};
use crate::store::{FetchRecord, NewArticle, Store, Upserted};

/// What `add` stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    /// A feed (found directly or through a page's feed link) and its current items.
    Feed {
        id: i64,
        url: String,
        new: bool,
        upserted: Upserted,
    },
    /// A web page without a feed, stored as one article.
    Page { id: i64, url: String },
    /// Local files; unreadable ones are listed with the reason.
    Files {
        upserted: Upserted,
        skipped: Vec<(PathBuf, String)>,
    },
}

/// Adds a feed URL, a web page URL, an article file or a folder of article files.
///
/// # Errors
/// The source cannot be read or fetched, is neither a feed nor a page, or the store fails.
pub fn add(store: &mut Store, source: &str, cfg: &FetchConfig) -> Result<Added> {
    if source.contains("://") {
        return add_url(store, source, cfg);
    }
    let path = Path::new(source);
    if path.is_dir() {
        add_files(store, &article_files(path)?)
    } else if path.is_file() {
        add_files(store, &[path.to_path_buf()])
    } else {
        Err(Error::Input(format!(
            "'{source}' is not a URL, a file or a folder"
        )))
    }
}

fn add_url(store: &mut Store, url: &str, cfg: &FetchConfig) -> Result<Added> {
    let FetchOutcome::Fetched {
        bytes,
        final_url,
        validators,
        ..
    } = (cfg.net.fetch)(url, &Validators::default(), &cfg.options)?
    else {
        return Err(Error::Feed {
            url: url.to_string(),
            message: "the server answered 304 to a plain request".into(),
        });
    };
    if let Ok(draft) = (cfg.net.parse)(&bytes, &final_url) {
        return store_feed(store, url, draft, validators, cfg);
    }
    let html = String::from_utf8_lossy(&bytes).into_owned();
    if let Some(feed_url) = (cfg.net.discover_feed)(&html, &final_url) {
        let FetchOutcome::Fetched {
            bytes,
            final_url: feed_final,
            validators,
            ..
        } = (cfg.net.fetch)(&feed_url, &Validators::default(), &cfg.options)?
        else {
            return Err(Error::Feed {
                url: feed_url,
                message: "the server answered 304 to a plain request".into(),
            });
        };
        let draft = (cfg.net.parse)(&bytes, &feed_final)?;
        return store_feed(store, &feed_url, draft, validators, cfg);
    }
    let (title, text) = (cfg.net.extract_article)(&html, &final_url);
    if text.trim().is_empty() {
        return Err(Error::Feed {
            url: url.to_string(),
            message: "neither a feed nor a page with readable text".into(),
        });
    }
    let article = ingest::from_page(&final_url, title.as_deref(), &text);
    store.upsert_articles(None, std::slice::from_ref(&article))?;
    let id = store
        .articles(crate::store::ArticleFilter::Feed(None))?
        .into_iter()
        .find(|m| m.url.as_deref() == Some(final_url.as_str()))
        .map_or(0, |m| m.id);
    Ok(Added::Page { id, url: final_url })
}

fn store_feed(
    store: &mut Store,
    url: &str,
    draft: crate::feeds::FeedDraft,
    validators: Validators,
    cfg: &FetchConfig,
) -> Result<Added> {
    let title = draft
        .title
        .as_deref()
        .map(crate::text::normalize::normalize_line);
    let (id, new) = store.add_feed(url, title.as_deref())?;
    let known = store.known_articles(Some(id))?;
    let parsed = prepare(draft, validators, &known, cfg);
    let upserted = store.upsert_articles(Some(id), &parsed.articles)?;
    store.record_fetch(
        id,
        &FetchRecord::Ok {
            validators: Some(parsed.validators),
            title: parsed
                .title
                .map(|t| crate::text::normalize::normalize_line(&t)),
            site_url: parsed.site_url,
        },
    )?;
    Ok(Added::Feed {
        id,
        url: url.to_string(),
        new,
        upserted,
    })
}

/// Article files under `dir` (recursively), sorted by path.
fn article_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| Error::Read {
            path: d.clone(),
            source,
        })?;
        for entry in entries {
            let path = entry
                .map_err(|source| Error::Read {
                    path: d.clone(),
                    source,
                })?
                .path();
            if path.is_dir() {
                stack.push(path);
            } else if ingest::is_article_file(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn add_files(store: &mut Store, files: &[PathBuf]) -> Result<Added> {
    let mut upserted = Upserted::default();
    let mut skipped = Vec::new();
    // Batches keep memory flat for big folders, and each batch is one transaction.
    for chunk in files.chunks(256) {
        let results: Vec<(PathBuf, Result<NewArticle>)> = chunk
            .par_iter()
            .map(|p| (p.clone(), ingest::from_file(p)))
            .collect();
        let mut batch = Vec::with_capacity(results.len());
        for (p, r) in results {
            match r {
                Ok(a) => batch.push(a),
                Err(e) => skipped.push((p, e.to_string())),
            }
        }
        let u = store.upsert_articles(None, &batch)?;
        upserted.added += u.added;
        upserted.updated += u.updated;
        upserted.unchanged += u.unchanged;
    }
    Ok(Added::Files { upserted, skipped })
}

/// Adds every feed listed in an OPML file; returns (new, already present).
///
/// # Errors
/// The file cannot be read or is not OPML, or the store fails.
pub fn import_opml(store: &mut Store, path: &Path) -> Result<(usize, usize)> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let outlines =
        opml::parse(&text).map_err(|m| Error::Input(format!("'{}': {m}", path.display())))?;
    let (mut new, mut old) = (0, 0);
    for o in outlines {
        if store.add_feed(&o.url, o.title.as_deref())?.1 {
            new += 1;
        } else {
            old += 1;
        }
    }
    Ok((new, old))
}
