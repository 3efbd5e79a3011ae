//! `byline fetch`: every feed (or some), fetched in parallel by a bounded set of worker threads.
//! Workers fetch, parse, fetch pages for link-only items, normalise and annotate (rayon); the
//! calling thread alone writes to the store, one transaction per feed, as results arrive. A feed's
//! failure is recorded on that feed and never touches what was stored before.
//!
//! The TUI runs [`fetch_feeds`] on a worker thread with its own [`Store::connect_again`] and turns
//! [`Progress`] into events.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::sync::mpsc::{SyncSender, sync_channel};

use rayon::prelude::*;

mod budget;

use budget::Budget;

use crate::error::{Error, Result};
use crate::feeds::{ArticleDraft, FeedDraft, FetchOptions, FetchOutcome, Validators};
use crate::library::ingest;
use crate::store::{FetchRecord, NewArticle, Store, Upserted};
use crate::text::normalize::normalize_line;

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
            threads: 4,
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

/// Worker → writer messages: a feed's articles arrive in chunks (one transaction each, so memory
/// stays flat however big a feed is), then its result.
enum Msg {
    Chunk {
        id: i64,
        articles: Vec<NewArticle>,
    },
    Done {
        id: i64,
        url: String,
        result: Result<Option<FeedMeta>>,
    },
}

/// What a successful fetch says about the feed itself.
struct FeedMeta {
    validators: Validators,
    title: Option<String>,
    site_url: Option<String>,
    pages_failed: usize,
}

/// A fetched and prepared feed, ready to write (`byline add`).
pub(crate) struct Parsed {
    pub validators: Validators,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub articles: Vec<NewArticle>,
}

/// Articles per chunk sent to the writer.
const CHUNK: usize = 250;

/// Bytes of fetched feeds waiting to be parsed before workers stop starting downloads. Real feeds
/// are small, so this only bites on bulk imports of big feeds, where eight 5 MB bodies waiting
/// for a parse slot were the largest part of the fetch's memory.
const BODIES_HELD: usize = 8 * 1024 * 1024;

/// What the workers share to bound CPU and memory.
struct Limits<'a> {
    cpu: &'a Budget,
    parsed: &'a Budget,
    bodies: &'a Budget,
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
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    // CPU-heavy sections (normalise + annotate) run on at most as many workers as cores.
    let cpu = Budget::new(cores);
    // Feeds between parse and their last chunk sent: one at a time bounds memory (parsing a
    // 1,000-item feed peaks at ~15 MB) while the other workers go on fetching; the pool still
    // prepares that feed's items on every core.
    let parsed = Budget::new(1);
    let bodies = Budget::new(BODIES_HELD);
    let queue = Mutex::new(jobs);
    let (tx, rx) = sync_channel::<Msg>(3);
    let mut store_error = None;
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let queue = &queue;
            let limits = Limits {
                cpu: &cpu,
                parsed: &parsed,
                bodies: &bodies,
            };
            s.spawn(move || {
                loop {
                    let job = queue.lock().map(|mut q| q.pop_front()).unwrap_or(None);
                    let Some(job) = job else { break };
                    let result = fetch_one(&job, cfg, &limits, &tx);
                    if tx
                        .send(Msg::Done {
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
        let mut upserted: HashMap<i64, Upserted> = HashMap::new();
        let mut done = 0;
        for msg in rx {
            if store_error.is_some() {
                continue;
            }
            let step = match msg {
                Msg::Chunk { id, articles } => {
                    let written = store.upsert_articles(Some(id), &articles);
                    // Freeing a chunk's thousands of allocations is work the writer need not do.
                    rayon::spawn(move || drop(articles));
                    written.map(|u| {
                        let t = upserted.entry(id).or_default();
                        t.added += u.added;
                        t.updated += u.updated;
                        t.unchanged += u.unchanged;
                    })
                }
                Msg::Done { id, url, result } => {
                    write_result(store, id, result, upserted.remove(&id).unwrap_or_default()).map(
                        |outcome| {
                            done += 1;
                            tally(&mut report, &url, &outcome);
                            progress(&Progress::Feed {
                                done,
                                total,
                                url,
                                outcome,
                            });
                        },
                    )
                }
            };
            if let Err(e) = step {
                store_error = Some(e);
                if let Ok(mut q) = queue.lock() {
                    q.clear();
                }
            }
        }
    });
    store_error.map_or(Ok(report), Err)
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

fn write_result(
    store: &mut Store,
    id: i64,
    result: Result<Option<FeedMeta>>,
    upserted: Upserted,
) -> Result<FeedOutcome> {
    match result {
        Ok(None) => {
            store.record_fetch(
                id,
                &FetchRecord::Ok {
                    validators: None,
                    title: None,
                    site_url: None,
                },
            )?;
            Ok(FeedOutcome::NotModified)
        }
        Ok(Some(m)) => {
            let title = m
                .title
                .as_deref()
                .map(normalize_line)
                .filter(|t| !t.is_empty());
            store.record_fetch(
                id,
                &FetchRecord::Ok {
                    validators: Some(m.validators),
                    title,
                    site_url: m.site_url,
                },
            )?;
            Ok(FeedOutcome::Stored {
                upserted,
                pages_failed: m.pages_failed,
            })
        }
        Err(e) => {
            let msg = feed_message(&e);
            store.record_fetch(id, &FetchRecord::Failed(msg.clone()))?;
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

fn fetch_one(
    job: &Job,
    cfg: &FetchConfig,
    limits: &Limits<'_>,
    tx: &SyncSender<Msg>,
) -> Result<Option<FeedMeta>> {
    // Start a download only while the bodies waiting to be parsed leave room.
    limits.bodies.wait_for_room();
    let FetchOutcome::Fetched {
        bytes,
        final_url,
        validators,
        ..
    } = (cfg.net.fetch)(&job.url, &job.validators, &cfg.options)?
    else {
        return Ok(None);
    };
    let held = limits.bodies.take(bytes.len());
    // Parsed feeds are the big allocations: only a few are held at once (see `fetch_feeds`).
    let mut parsed = Some(limits.parsed.acquire(1));
    // Parsed on the CPU pool: its threads' allocator arenas are reused feed after feed, where
    // parsing on every worker grew eight arenas of ~15 MB that glibc keeps after freeing.
    let draft = on_pool(|| (cfg.net.parse)(&bytes, &final_url))?;
    drop(bytes);
    drop(held);
    let mut pages_failed = 0;
    // Items are moved out a chunk at a time, so each chunk's drafts are freed once prepared.
    let mut items = draft.articles.into_iter();
    loop {
        let chunk: Vec<ArticleDraft> = items.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        if items.len() == 0 {
            // What is left of the feed is this chunk: the next feed may be parsed while it is
            // prepared, so the writer does not wait for a parse between feeds.
            parsed = None;
        }
        let (articles, failed) = prepare_chunk(&chunk, &job.known, cfg, Some(limits.cpu));
        drop(chunk);
        pages_failed += failed;
        if tx
            .send(Msg::Chunk {
                id: job.id,
                articles,
            })
            .is_err()
        {
            break;
        }
    }
    drop(parsed);
    Ok(Some(FeedMeta {
        validators,
        title: draft.title,
        site_url: draft.site_url,
        pages_failed,
    }))
}

/// Runs `f` on a thread of rayon's pool (a `join` called from outside the pool is run inside it)
/// and waits for it.
fn on_pool<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    rayon::join(f, || ()).0
}

/// Prepares a whole feed at once (`byline add`).
pub(crate) fn prepare(
    draft: FeedDraft,
    validators: Validators,
    known: &HashMap<String, String>,
    cfg: &FetchConfig,
) -> Parsed {
    let (articles, _) = prepare_chunk(&draft.articles, known, cfg, None);
    Parsed {
        validators,
        title: draft.title,
        site_url: draft.site_url,
        articles,
    }
}

/// Fetches pages for link-only items that are not stored yet (no CPU permit held: that is
/// network time), then normalises and annotates every item whose body changed. Returns the
/// articles and how many items were skipped because their page could not be fetched.
fn prepare_chunk(
    drafts: &[ArticleDraft],
    known: &HashMap<String, String>,
    cfg: &FetchConfig,
    cpu: Option<&Budget>,
) -> (Vec<NewArticle>, usize) {
    let mut pages_failed = 0;
    let mut pages: Vec<Option<(Option<String>, String)>> = Vec::with_capacity(drafts.len());
    let mut keep = Vec::with_capacity(drafts.len());
    for a in drafts {
        let is_known = ingest::draft_key(a).is_some_and(|k| known.contains_key(&k));
        let (page, ok) = if !ingest::needs_page(a) {
            (None, true)
        } else if is_known {
            // Stored with its page text already: pages are not refetched on every fetch.
            (None, false)
        } else {
            let page = a.url.as_deref().and_then(|u| fetch_page(u, cfg));
            let ok = page.is_some() || a.summary.as_deref().is_some_and(|s| !s.trim().is_empty());
            pages_failed += usize::from(!ok);
            (page, ok)
        };
        pages.push(page);
        keep.push(ok);
    }
    let _permit = cpu.map(|c| c.acquire(1));
    let articles = drafts
        .par_iter()
        .zip(pages.par_iter())
        .zip(keep.par_iter())
        .filter(|(_, k)| **k)
        .filter_map(|((a, page), _)| {
            let known_hash = ingest::draft_key(a).and_then(|k| known.get(&k));
            ingest::from_draft(a, page.as_ref(), known_hash.map(String::as_str))
        })
        .collect();
    (articles, pages_failed)
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
