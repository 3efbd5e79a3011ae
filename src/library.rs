//! Library use cases over the store: add sources (feeds, pages, files), import and export OPML,
//! fetch every feed, export annotations. `cli` is the command-line face; the TUI calls
//! [`fetch::fetch_feeds`] directly on a worker thread.
//!
//! What does not belong here: HTTP and feed parsing (`feeds`), SQL (`store`), annotation (`annotate`).

pub mod add;
pub mod cli;
pub mod export;
pub mod fetch;
pub mod ingest;
pub mod opml;

pub use add::{Added, add, import_opml};
pub use fetch::{FeedOutcome, FetchConfig, FetchReport, Net, Progress, fetch_all, fetch_feeds};

use crate::error::Result;
use crate::model::Document;
use crate::store::Store;

/// Re-annotates every stored article whose annotations are missing, stale (older
/// `ANNOTATOR_VERSION`) or made for another body, without refetching; returns how many.
///
/// # Errors
/// The store fails.
pub fn reannotate(store: &mut Store) -> Result<usize> {
    use rayon::prelude::*;
    let ids = store.stale_annotations()?;
    for chunk in ids.chunks(512) {
        let docs: Vec<(i64, Document)> = chunk
            .iter()
            .map(|&id| store.article(id).map(|(doc, _)| (id, doc)))
            .collect::<Result<_>>()?;
        let done: Vec<_> = docs
            .into_par_iter()
            .map(|(id, doc)| {
                let ann = crate::annotate::annotate(&doc.body);
                (id, doc, ann)
            })
            .collect();
        store.save_annotations(&done)?;
    }
    Ok(ids.len())
}
