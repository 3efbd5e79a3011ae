//! Where articles come from, as seen by the reader. `MemoryLibrary` holds the bundled samples or
//! the files named on the command line; `StoreLibrary` (in `store_library.rs`) is the SQLite store.
//! The list is asked for in two steps, so that a library of any size costs only what is shown:
//! `sections` (each feed with its counts) and `page` (a few rows of one section). The
//! library-only calls (star, search, speakers) have defaults that say they need the library, so
//! `MemoryLibrary` stays small.

use std::path::{Path, PathBuf};

use crate::action::{PageRequest, Task};
use crate::annotate::annotate;
use crate::error::{Error, Result};
use crate::model::{Annotations, ArticleMeta, Document};
use crate::store::{FeedGroup, QuoteRef, SearchResults, SpeakerCount, Store};
use crate::text::document::{Format, parse};

use super::App;

/// A speaker's quotes listed at most (the newest): the speakers view gives the totals.
pub const QUOTES_SHOWN: usize = 2_000;

/// One section of the list: a feed (or the local articles) with its counts, shown under a
/// heading; or, for a flat list (files, samples), all the articles with no heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub group: FeedGroup,
    pub heading: bool,
}

/// An opened article: its list row, text and annotations.
#[derive(Clone, Debug)]
pub struct Opened {
    pub meta: ArticleMeta,
    pub doc: Document,
    pub ann: Annotations,
    /// Opening it marked it read (it was unread); set by `run_task` from `Library::mark_read`.
    pub newly_read: bool,
}

pub trait Library {
    /// The list's sections in display order, with their article and unread counts.
    ///
    /// # Errors
    /// A storage failure.
    fn sections(&self) -> Result<Vec<Section>>;
    /// Up to `limit` list rows of the section of feed `feed` (`None`: the local articles, or a
    /// flat list), from `offset`, in display order.
    ///
    /// # Errors
    /// A storage failure.
    fn page(&self, feed: Option<i64>, offset: usize, limit: usize) -> Result<Vec<ArticleMeta>>;
    /// The article's list row, text and annotations.
    ///
    /// # Errors
    /// Unknown id or a storage failure, with a message for the status line.
    fn open(&mut self, id: i64) -> Result<Opened>;
    /// Remembers that the article was opened; true when that made it read (it was unread and
    /// the library can be written).
    ///
    /// # Errors
    /// A storage failure.
    fn mark_read(&mut self, id: i64) -> Result<bool>;
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

impl MemoryLibrary {
    /// Every article's list row, in order.
    #[must_use]
    pub fn list(&self) -> Vec<ArticleMeta> {
        self.entries.iter().map(|e| e.meta.clone()).collect()
    }
}

impl Library for MemoryLibrary {
    fn sections(&self) -> Result<Vec<Section>> {
        if self.entries.is_empty() {
            return Ok(Vec::new());
        }
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let unread = self.entries.iter().filter(|e| !e.meta.read).count();
        Ok(vec![Section {
            group: FeedGroup {
                feed_id: None,
                title: "Articles".to_owned(),
                articles: count(self.entries.len()),
                unread: count(unread),
                last_error: None,
            },
            heading: false,
        }])
    }

    fn page(&self, feed: Option<i64>, offset: usize, limit: usize) -> Result<Vec<ArticleMeta>> {
        if feed.is_some() {
            return Ok(Vec::new());
        }
        Ok(self
            .entries
            .iter()
            .skip(offset)
            .take(limit)
            .map(|e| e.meta.clone())
            .collect())
    }

    fn open(&mut self, id: i64) -> Result<Opened> {
        self.entries
            .iter()
            .find(|e| e.meta.id == id)
            .map(|e| Opened {
                meta: e.meta.clone(),
                doc: e.doc.clone(),
                ann: e.ann.clone(),
                newly_read: false,
            })
            .ok_or_else(|| Error::Input(format!("no article with id {id}")))
    }

    fn mark_read(&mut self, id: i64) -> Result<bool> {
        let entry = self.entries.iter_mut().find(|e| e.meta.id == id);
        Ok(entry.is_some_and(|e| !std::mem::replace(&mut e.meta.read, true)))
    }
}

/// Runs a task that `App::update` handed out and gives the result back to the app, then loads
/// whatever list rows the app needs after it (`App::wanted`). A fetch needs a worker thread,
/// which only the event loop has: here it is refused with a message (`tui` runs it before
/// calling this).
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
        Task::LoadRows(request) => load(app, library, request),
        Task::Reload => app.set_library(library.sections()),
        Task::Fetch(_) => app.fetch_done(Err("fetching needs the library".to_owned())),
    }
    fill(app, library);
}

/// Loads the list rows the app needs now, page by page, until it needs none.
pub fn fill(app: &mut App, library: &dyn Library) {
    while let Some(request) = app.wanted() {
        load(app, library, request);
    }
}

fn load(app: &mut App, library: &dyn Library, request: PageRequest) {
    let result = library.page(request.feed, request.offset, request.limit);
    app.rows_loaded(request, result);
}

/// Reads the library's sections into the app and loads the rows it shows first.
pub fn reload(app: &mut App, library: &dyn Library) {
    app.set_library(library.sections());
    fill(app, library);
}

fn open(app: &mut App, library: &mut dyn Library, id: i64) {
    let mut result = library.open(id);
    if let Ok(opened) = result.as_mut() {
        match library.mark_read(id) {
            Ok(newly) => opened.newly_read = newly,
            Err(e) => app.report(&format!("could not mark as read: {e}"), true),
        }
    }
    app.opened(id, result);
}
