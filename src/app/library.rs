//! Where articles come from, as seen by the reader. `MemoryLibrary` holds the bundled samples or
//! the files named on the command line; the SQLite store implements the same trait later.

use std::path::{Path, PathBuf};

use crate::action::Task;
use crate::annotate::annotate;
use crate::error::{Error, Result};
use crate::model::{Annotations, ArticleMeta, Document};
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

/// Runs a task that `App::update` handed out, and gives the result back to the app.
pub fn run_task(app: &mut App, library: &mut dyn Library, task: Task) {
    match task {
        Task::Open(id) => {
            let result = library.open(id);
            if result.is_ok()
                && let Err(e) = library.mark_read(id)
            {
                app.report(&format!("could not mark as read: {e}"), true);
            }
            app.opened(id, result);
        }
    }
}
