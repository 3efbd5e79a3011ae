//! The SQLite library as the reader's article source: a thin adapter from `Library` to `Store`.
//! Nothing here draws; the store does the SQL.

use crate::error::{Error, Result};
use crate::model::ArticleMeta;
use crate::store::{QuoteRef, SearchResults, SpeakerCount, Store};

use super::library::{Library, Opened, Section};

/// Search results shown at most (articles and quotes each).
const SEARCH_LIMIT: usize = 200;

/// The library file behind the reader.
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

    /// Whether the library holds no article (first run); a library that cannot be read counts
    /// as empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        !self.store.has_articles().unwrap_or(false)
    }
}

impl Library for StoreLibrary {
    fn sections(&self) -> Result<Vec<Section>> {
        let groups = self.store.groups()?;
        Ok(groups
            .into_iter()
            .map(|group| Section {
                group,
                heading: true,
            })
            .collect())
    }

    fn page(&self, feed: Option<i64>, offset: usize, limit: usize) -> Result<Vec<ArticleMeta>> {
        self.store.articles_page(feed, offset, limit)
    }

    fn open(&mut self, id: i64) -> Result<Opened> {
        let meta = self.store.article_meta(id)?;
        let (doc, ann) = self.store.article(id)?;
        Ok(Opened {
            meta,
            doc,
            ann,
            newly_read: false,
        })
    }

    fn mark_read(&mut self, id: i64) -> Result<bool> {
        if self.store.is_writer() {
            self.store.mark_read(id)
        } else {
            Ok(false)
        }
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
        self.store.quotes_of(speaker, super::library::QUOTES_SHOWN)
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
