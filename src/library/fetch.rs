//! `byline fetch`: every feed (or some), fetched in parallel by a bounded set of worker threads.
//! Workers fetch, parse, fetch pages for link-only items, normalise and annotate (rayon); the
//! calling thread alone writes to the store, one transaction per feed, as results arrive. A feed's
//! failure is recorded on that feed and never touches what was stored before.
//!
//! The TUI runs [`fetch_feeds`] on a worker thread with its own [`Store::connect_again`] and turns
//! [`Progress`] into events.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::feeds::{FeedDraft, FetchOptions, FetchOutcome, Validators};
use crate::library::ingest;
use crate::store::{FetchRecord, NewArticle, Store, Upserted};

/// The network and parsing functions the fetch uses: `feeds::*` by default; tests swap in fakes.
#[derive(Clone, Copy, Debug)]
pub struct Net {
    pub fetch: fn(&str, &Validators, &FetchOptions) -> Result<FetchOutcome>,
    pub parse: fn(&[u8], &str) -> Result<FeedDraft>,
    pub discover_feed: fn(&str, &str) -> Option<String>,
    pub extract_article: fn(&str, &str) -> (Option<String>, String),
}

impl Default for Net {
    fn default() -> Self {
        Self {
            fetch: crate::feeds::fetch::fetch,
            parse: crate::feeds::parse::parse,
            discover_feed: crate::feeds::page::discover_feed,
            extract_article: crate::feeds::page::extract_article,
        }
    }
}

/// How to fetch: HTTP limits, how many feeds at once, and the functions to use.
#[derive(Clone, Debug)]
pub struct FetchConfig {
    pub options: FetchOptions,
    /// Feeds fetched at once (each worker also fetches its link-only items' pages in turn).
    pub threads: usize,
    pub net: Net,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            options: FetchOptions::default(),
            threads: 8,
            net: Net::default(),
        }
    }
}

/// What happened to one feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedOutcome {
    Stored {
        upserted: Upserted,
        pages_failed: usize,
    },
    NotModified,
    Failed(String),
}

/// Reported to the caller as the fetch goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    Started {
        feeds: usize,
    },
    Feed {
        done: usize,
        total: usize,
        url: String,
        outcome: FeedOutcome,
    },
}

/// The whole run's tally.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FetchReport {
    pub feeds: usize,
    pub not_modified: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// (feed URL, message) for every feed that failed.
    pub errors: Vec<(String, String)>,
}

struct Job {
    id: i64,
    url: String,
    validators: Validators,
    known: HashMap<String, String>,
}

struct Done {
    id: i64,
    url: String,
    result: Result<Option<Parsed>>,
}

/// A fetched and prepared feed, ready to write.
pub(crate) struct Parsed {
    pub validators: Validators,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub articles: Vec<NewArticle>,
    pub pages_failed: usize,
}

/// Fetches every feed in the library.
///
/// # Errors
/// Only store failures; feed failures are in the report and on the feeds.
pub fn fetch_all(
    store: &mut Store,
    cfg: &FetchConfig,
    progress: &mut dyn FnMut(&Progress),
) -> Result<FetchReport> {
    let ids: Vec<i64> = store.feeds()?.iter().map(|f| f.id).collect();
    fetch_feeds(store, &ids, cfg, progress)
}

/// Fetches the given feeds.
///
/// # Errors
/// Only store failures; feed failures are in the report and on the feeds.
pub fn fetch_feeds(
    store: &mut Store,
    ids: &[i64],
    cfg: &FetchConfig,
    progress: &mut dyn FnMut(&Progress),
) -> Result<FetchReport> {
    let mut jobs = VecDeque::new();
    for f in store.feeds()?.into_iter().filter(|f| ids.contains(&f.id)) {
        jobs.push_back(Job {
            id: f.id,
            url: f.url,
            validators: f.validators,
            known: store.known_articles(Some(f.id))?,
        });
    }
    let total = jobs.len();
    progress(&Progress::Started { feeds: total });
    let mut report = FetchReport {
        feeds: total,
        ..FetchReport::default()
    };
    let threads = cfg.threads.clamp(1, total.max(1));
    let queue = Mutex::new(jobs);
    let (tx, rx) = sync_channel::<Done>(1);
    let mut store_error = None;
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let queue = &queue;
            s.spawn(move || {
                loop {
                    let job = match queue.lock() {
                        Ok(mut q) => q.pop_front(),
                        Err(_) => None,
                    };
                    let Some(job) = job else { break };
                    let result = fetch_one(&job, cfg);
                    if tx
                        .send(Done {
                            id: job.id,
                            url: job.url,
                            result,
                        })
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (n, done) in rx.into_iter().enumerate() {
            if store_error.is_some() {
                continue;
            }
            match write_one(store, &done) {
                Ok(outcome) => {
                    tally(&mut report, &done.url, &outcome);
                    progress(&Progress::Feed {
                        done: n + 1,
                        total,
                        url: done.url.clone(),
                        outcome,
                    });
                }
                Err(e) => {
                    store_error = Some(e);
                    if let Ok(mut q) = queue.lock() {
                        q.clear();
                    }
                }
            }
        }
    });
    match store_error {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

fn tally(report: &mut FetchReport, url: &str, outcome: &FeedOutcome) {
    match outcome {
        FeedOutcome::Stored { upserted, .. } => {
            report.added += upserted.added;
            report.updated += upserted.updated;
            report.unchanged += upserted.unchanged;
        }
        FeedOutcome::NotModified => report.not_modified += 1,
        FeedOutcome::Failed(msg) => report.errors.push((url.to_string(), msg.clone())),
    }
}

fn write_one(store: &mut Store, done: &Done) -> Result<FeedOutcome> {
    match &done.result {
        Ok(None) => {
            store.record_fetch(
                done.id,
                &FetchRecord::Ok {
                    validators: None,
                    title: None,
                    site_url: None,
                },
            )?;
            Ok(FeedOutcome::NotModified)
        }
        Ok(Some(p)) => {
            let upserted = store.upsert_articles(Some(done.id), &p.articles)?;
            store.record_fetch(
                done.id,
                &FetchRecord::Ok {
                    validators: Some(p.validators.clone()),
                    title: p.title.clone(),
                    site_url: p.site_url.clone(),
                },
            )?;
            Ok(FeedOutcome::Stored {
                upserted,
                pages_failed: p.pages_failed,
            })
        }
        Err(e) => {
            let msg = feed_message(e);
            store.record_fetch(done.id, &FetchRecord::Failed(msg.clone()))?;
            Ok(FeedOutcome::Failed(msg))
        }
    }
}

/// One line for a feed's failure, without repeating the URL the caller already shows.
fn feed_message(e: &Error) -> String {
    let msg = match e {
        Error::Feed { message, .. } => message.clone(),
        other => other.to_string(),
    };
    msg.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fetch_one(job: &Job, cfg: &FetchConfig) -> Result<Option<Parsed>> {
    match (cfg.net.fetch)(&job.url, &job.validators, &cfg.options)? {
        FetchOutcome::NotModified => Ok(None),
        FetchOutcome::Fetched {
            bytes,
            final_url,
            validators,
            ..
        } => {
            let draft = (cfg.net.parse)(&bytes, &final_url)?;
            drop(bytes);
            Ok(Some(prepare(draft, validators, &job.known, cfg)))
        }
    }
}

/// Fetches pages for link-only items that are not stored yet, then normalises and annotates
/// every item whose body changed.
pub(crate) fn prepare(
    draft: FeedDraft,
    validators: Validators,
    known: &HashMap<String, String>,
    cfg: &FetchConfig,
) -> Parsed {
    let mut pages_failed = 0;
    let mut pages: Vec<Option<(Option<String>, String)>> = Vec::with_capacity(draft.articles.len());
    let mut keep = Vec::with_capacity(draft.articles.len());
    for a in &draft.articles {
        let key = ingest::draft_key(a);
        let is_known = key.as_ref().is_some_and(|k| known.contains_key(k));
        if ingest::needs_page(a) {
            if is_known {
                // Stored with its page text already: do not refetch every page on every fetch.
                keep.push(false);
                pages.push(None);
                continue;
            }
            let page = a.url.as_deref().and_then(|u| fetch_page(u, cfg));
            if page.is_none() && a.summary.as_deref().is_none_or(|s| s.trim().is_empty()) {
                pages_failed += 1;
                keep.push(false);
                pages.push(None);
                continue;
            }
            pages.push(page);
        } else {
            pages.push(None);
        }
        keep.push(true);
    }
    let articles = draft
        .articles
        .par_iter()
        .zip(pages.par_iter())
        .zip(keep.par_iter())
        .filter(|(_, k)| **k)
        .filter_map(|((a, page), _)| {
            let known_hash = ingest::draft_key(a).and_then(|k| known.get(&k).cloned());
            ingest::from_draft(a, page.as_ref(), known_hash.as_deref())
        })
        .collect();
    Parsed {
        validators,
        title: draft.title,
        site_url: draft.site_url,
        articles,
        pages_failed,
    }
}

/// The (title, main text) of an item's page, or `None` when it cannot be fetched.
fn fetch_page(url: &str, cfg: &FetchConfig) -> Option<(Option<String>, String)> {
    match (cfg.net.fetch)(url, &Validators::default(), &cfg.options) {
        Ok(FetchOutcome::Fetched {
            bytes, final_url, ..
        }) => {
            let html = String::from_utf8_lossy(&bytes);
            let (title, text) = (cfg.net.extract_article)(&html, &final_url);
            (!text.trim().is_empty()).then_some((title, text))
        }
        _ => None,
    }
}
