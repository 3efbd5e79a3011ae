//! The store as the reader's article source: `app::library::Library` implemented for `Store`, so
//! `tui::run` can swap `MemoryLibrary` for the opened library (`Store::open_or_read_only`).

use crate::app::library::Library;
use crate::error::Result;
use crate::model::{Annotations, ArticleMeta, Document};
use crate::store::{ArticleFilter, Store};

impl Library for Store {
    /// Every article, grouped by feed, newest first; empty if the store cannot be read (the
    /// error shows when an article is opened).
    fn list(&self) -> Vec<ArticleMeta> {
        self.articles(ArticleFilter::All).unwrap_or_default()
    }

    fn open(&mut self, id: i64) -> Result<(Document, Annotations)> {
        self.article(id)
    }

    /// Marks read when this handle may write; a read-only library keeps the state as it is.
    fn mark_read(&mut self, id: i64) -> Result<()> {
        if self.is_writer() {
            self.set_read(id, true)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewArticle, body_hash};
    use crate::text::normalize::normalize;

    #[test]
    fn the_store_serves_the_reader() {
        let mut store = Store::open_in_memory().expect("opens");
        let body = normalize("“Hello,” she said.");
        let a = NewArticle {
            key: "k".into(),
            title: "T".into(),
            body_hash: body_hash(&body),
            body,
            ..NewArticle::default()
        };
        store.upsert_articles(None, &[a]).expect("stores");
        let lib: &mut dyn Library = &mut store;
        let id = lib.list()[0].id;
        assert_eq!(lib.open(id).expect("opens").0.title.as_deref(), Some("T"));
        lib.mark_read(id).expect("marks");
        assert!(lib.list()[0].read);
    }
}
