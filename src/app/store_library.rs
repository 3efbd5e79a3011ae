//! The SQLite library as the reader's article source: a thin adapter from `Library` to `Store`.
//! Nothing here draws; the store does the SQL.

use crate::error::{Error, Result};
use crate::model::{Annotations, ArticleMeta, Document};
use crate::store::{ArticleFilter, FeedGroup, QuoteRef, SearchResults, SpeakerCount, Store};

use super::library::Library;

/// Search results shown at most (articles and quotes each).
const SEARCH_LIMIT: usize = 200;

/// The library file behind the reader. Listing problems become an empty list, because the
/// trait's `list` cannot fail; the first one is kept for the status line.
pub struct StoreLibrary {
    store: Store,
}

impl StoreLibrary {
    #[must_use]
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    #[must_use]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether the library holds no article (first run).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.store.article_ids().map_or(true, |ids| ids.is_empty())
    }
}

impl Library for StoreLibrary {
    fn list(&self) -> Vec<ArticleMeta> {
        self.store.articles(ArticleFilter::All).unwrap_or_default()
    }

    fn open(&mut self, id: i64) -> Result<(Document, Annotations)> {
        self.store.article(id)
    }

    fn mark_read(&mut self, id: i64) -> Result<()> {
        if self.store.is_writer() {
            self.store.set_read(id, true)
        } else {
            Ok(())
        }
    }

    fn groups(&self) -> Vec<FeedGroup> {
        self.store.groups().unwrap_or_default()
    }

    fn toggle_star(&mut self, id: i64) -> Result<bool> {
        if !self.store.is_writer() {
            return Err(read_only("starring"));
        }
        self.store.toggle_star(id)
    }

    fn search(&self, query: &str) -> Result<SearchResults> {
        self.store.search(query, SEARCH_LIMIT)
    }

    fn speakers(&self) -> Result<Vec<SpeakerCount>> {
        self.store.speakers()
    }

    fn quotes_of(&self, speaker: &str) -> Result<Vec<QuoteRef>> {
        self.store.quotes_of(speaker)
    }

    fn connect_again(&self) -> Option<Result<Store>> {
        if !self.store.is_writer() {
            return Some(Err(read_only("fetching")));
        }
        Some(self.store.connect_again())
    }
}

fn read_only(what: &str) -> Error {
    Error::Input(format!(
        "read-only: another byline is writing the library; {what} works there"
    ))
}
