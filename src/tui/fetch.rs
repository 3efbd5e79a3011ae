//! Fetching on a worker thread: a std thread with its own store connection runs
//! `library::fetch_feeds` / `fetch_all` and reports over an mpsc channel, which the event loop
//! drains between key presses. No async runtime.

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::library::fetch::{FeedOutcome, FetchConfig, FetchReport, Progress};
use crate::store::Store;

/// What the worker tells the event loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchEvent {
    /// Progress text for the status bar.
    Progress(String),
    /// The summary, or the store error that stopped it.
    Done(Result<String, String>),
}

/// Starts fetching `ids` (`None`: every feed) into `store` on a new thread.
#[must_use]
pub fn spawn(mut store: Store, ids: Option<Vec<i64>>, cfg: FetchConfig) -> Receiver<FetchEvent> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut failed = 0usize;
        let progress_tx = tx.clone();
        let mut progress = |p: &Progress| {
            let _ = progress_tx.send(FetchEvent::Progress(progress_text(p, &mut failed)));
        };
        let result = match ids {
            Some(ids) => crate::library::fetch_feeds(&mut store, &ids, &cfg, &mut progress),
            None => crate::library::fetch_all(&mut store, &cfg, &mut progress),
        };
        send_done(&tx, result.map(|r| summary(&r)).map_err(|e| e.to_string()));
    });
    rx
}

fn send_done(tx: &Sender<FetchEvent>, result: Result<String, String>) {
    let _ = tx.send(FetchEvent::Done(result));
}

/// The status-bar line for one progress report; `failed` counts failures so far.
#[must_use]
pub fn progress_text(p: &Progress, failed: &mut usize) -> String {
    match p {
        Progress::Started { feeds } => format!("fetching 0/{feeds} feeds"),
        Progress::Feed {
            done,
            total,
            outcome,
            ..
        } => {
            if matches!(outcome, FeedOutcome::Failed(_)) {
                *failed += 1;
            }
            if *failed == 0 {
                format!("fetching {done}/{total} feeds")
            } else {
                format!("fetching {done}/{total} feeds ({failed} failed)")
            }
        }
    }
}

/// The status line after a fetch.
#[must_use]
pub fn summary(r: &FetchReport) -> String {
    let feeds = if r.feeds == 1 { "feed" } else { "feeds" };
    let mut text = format!(
        "fetched {} {feeds}: {} new, {} updated",
        r.feeds, r.added, r.updated
    );
    if !r.errors.is_empty() {
        text.push_str(&format!(
            ", {} failed (marked ⚠ in the list)",
            r.errors.len()
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_counts_failures() {
        let mut failed = 0;
        assert_eq!(
            progress_text(&Progress::Started { feeds: 2 }, &mut failed),
            "fetching 0/2 feeds"
        );
        let bad = Progress::Feed {
            done: 1,
            total: 2,
            url: "http://127.0.0.1:9/feed".into(),
            outcome: FeedOutcome::Failed("refused".into()),
        };
        assert_eq!(
            progress_text(&bad, &mut failed),
            "fetching 1/2 feeds (1 failed)"
        );
        let report = FetchReport {
            feeds: 2,
            added: 3,
            errors: vec![("u".into(), "e".into())],
            ..FetchReport::default()
        };
        assert_eq!(
            summary(&report),
            "fetched 2 feeds: 3 new, 0 updated, 1 failed (marked ⚠ in the list)"
        );
    }
}
