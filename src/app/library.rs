//! Where articles come from, as seen by the reader. `MemoryLibrary` holds the bundled samples or
//! the files named on the command line; `StoreLibrary` (in `store_library.rs`) is the SQLite store.
//! The library-only calls (groups, star, search, speakers) have defaults that say they need the
//! library, so `MemoryLibrary` stays small.

use std::path::{Path, PathBuf};

use crate::action::Task;
use crate::annotate::annotate;
use crate::error::{Error, Result};
use crate::model::{Annotations, ArticleMeta, Document};
use crate::store::{FeedGroup, QuoteRef, SearchResults, SpeakerCount, Store};
use crate::text::document::{Format, parse};

use super::App;

pub trait Library {
    /// Every article, in display order.
    fn list(&self) -> Vec<ArticleMeta>;
    /// The article's text and annotations.
    ///
    /// # Errors
    /// Unknown id or a storage failure, with a message for the status line.
    fn open(&mut self, id: i64) -> Result<(Document, Annotations)>;
    /// Remembers that the article was opened.
    ///
    /// # Errors
    /// A storage failure.
    fn mark_read(&mut self, id: i64) -> Result<()>;
    /// The list's groups (feeds with unread counts); none for a flat list.
    fn groups(&self) -> Vec<FeedGroup> {
        Vec::new()
    }
    /// Stars or unstars; returns whether it is now starred.
    ///
    /// # Errors
    /// No library, or a storage failure.
    fn toggle_star(&mut self, _id: i64) -> Result<bool> {
        Err(needs_library("starring"))
    }
    /// # Errors
    /// No library, or a storage failure.
    fn search(&self, _query: &str) -> Result<SearchResults> {
        Err(needs_library("searching every article"))
    }
    /// # Errors
    /// No library, or a storage failure.
    fn speakers(&self) -> Result<Vec<SpeakerCount>> {
        Err(needs_library("the speakers index"))
    }
    /// # Errors
    /// No library, or a storage failure.
    fn quotes_of(&self, _speaker: &str) -> Result<Vec<QuoteRef>> {
        Err(needs_library("the speakers index"))
    }
    /// A second connection for a fetch worker; `None` when there is nothing to fetch into.
    fn connect_again(&self) -> Option<Result<Store>> {
        None
    }
}

fn needs_library(what: &str) -> Error {
    Error::Input(format!(
        "{what} needs the library (run byline without files)"
    ))
}

#[derive(Clone, Debug)]
struct Entry {
    meta: ArticleMeta,
    doc: Document,
    ann: Annotations,
}

/// Articles held in memory, annotated when added.
#[derive(Clone, Debug, Default)]
pub struct MemoryLibrary {
    entries: Vec<Entry>,
}

impl MemoryLibrary {
    /// Adds an article with its annotations; returns its id (1, 2, …).
    pub fn push(
        &mut self,
        source: &str,
        fallback_title: &str,
        doc: Document,
        ann: Annotations,
    ) -> i64 {
        let id = i64::try_from(self.entries.len()).unwrap_or(i64::MAX - 1) + 1;
        let quotes = ann.quotes.len();
        let meta = ArticleMeta {
            id,
            source: source.to_owned(),
            title: doc
                .title
                .clone()
                .unwrap_or_else(|| fallback_title.to_owned()),
            quote_count: u32::try_from(quotes).unwrap_or(u32::MAX),
            ..ArticleMeta::default()
        };
        self.entries.push(Entry { meta, doc, ann });
        id
    }

    /// Adds raw article text, parsing and annotating it.
    pub fn add_raw(&mut self, source: &str, name: &str, raw: &str, format: Option<Format>) -> i64 {
        let doc = parse(raw, format);
        let ann = annotate(&doc.body);
        self.push(source, &title_from_name(name), doc, ann)
    }

    /// The sample articles compiled into the binary.
    #[must_use]
    pub fn bundled() -> Self {
        let mut lib = Self::default();
        for (name, raw) in crate::bundled::ARTICLES {
            lib.add_raw("bundled sample", name, raw, crate::bundled::format_of(name));
        }
        lib
    }

    /// The files named on the command line, in order.
    ///
    /// # Errors
    /// The first file that cannot be read, by name.
    pub fn from_files(paths: &[PathBuf]) -> Result<Self> {
        let mut lib = Self::default();
        for path in paths {
            let bytes = std::fs::read(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let raw = String::from_utf8_lossy(&bytes);
            let format = path
                .extension()
                .and_then(|e| e.to_str())
                .and_then(Format::from_extension);
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let source = crate::text::normalize::normalize_line(&name);
            lib.add_raw(&source, &name, &raw, format);
        }
        Ok(lib)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn title_from_name(name: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
    crate::text::normalize::normalize_line(&stem.replace(['-', '_'], " "))
}

impl Library for MemoryLibrary {
    fn list(&self) -> Vec<ArticleMeta> {
        self.entries.iter().map(|e| e.meta.clone()).collect()
    }

    fn open(&mut self, id: i64) -> Result<(Document, Annotations)> {
        self.entries
            .iter()
            .find(|e| e.meta.id == id)
            .map(|e| (e.doc.clone(), e.ann.clone()))
            .ok_or_else(|| Error::Input(format!("no article with id {id}")))
    }

    fn mark_read(&mut self, id: i64) -> Result<()> {
        if let Some(e) = self.entries.iter_mut().find(|e| e.meta.id == id) {
            e.meta.read = true;
        }
        Ok(())
    }
}

/// Runs a task that `App::update` handed out, and gives the result back to the app. A fetch
/// needs a worker thread, which only the event loop has: here it is refused with a message
/// (`tui` runs it before calling this).
pub fn run_task(app: &mut App, library: &mut dyn Library, task: Task) {
    match task {
        Task::Open(id) => open(app, library, id),
        Task::OpenQuote { id, quote } => {
            open(app, library, id);
            app.jump_to_quote(id, quote);
        }
        Task::ToggleStar(id) => {
            let result = library.toggle_star(id);
            app.starred(id, result);
        }
        Task::OpenLink { url, local } => match super::opener::open_link(&url, local) {
            Ok(program) => app.report(&format!("opened '{url}' with {program}"), false),
            Err(e) => app.report(&e, true),
        },
        Task::Search(query) => {
            let result = library.search(&query);
            app.searched(&query, result);
        }
        Task::Speakers => {
            let result = library.speakers();
            app.show_speakers(result);
        }
        Task::QuotesOf(name) => {
            let result = library.quotes_of(&name);
            app.show_quotes(&name, result);
        }
        Task::Reload => app.set_library(library.list(), library.groups()),
        Task::Fetch(_) => app.fetch_done(Err("fetching needs the library".to_owned())),
    }
}

fn open(app: &mut App, library: &mut dyn Library, id: i64) {
    let result = library.open(id);
    if result.is_ok()
        && let Err(e) = library.mark_read(id)
    {
        app.report(&format!("could not mark as read: {e}"), true);
    }
    app.opened(id, result);
}
