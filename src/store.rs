//! The offline library: one SQLite file (`library.sqlite3`) in the data directory.
//!
//! What belongs here: opening (WAL, foreign keys, one writer at a time), schema migrations by
//! `PRAGMA user_version`, and the queries the rest of byline needs. Every write runs in one
//! transaction. What does not: fetching, parsing or annotating (see `library`), and drawing.
//!
//! The API the TUI uses is small: [`Store::groups`] and [`Store::articles`] for the list,
//! [`Store::article`] to open one, [`Store::set_read`] / [`Store::toggle_star`], [`Store::search`]
//! for the library search, and [`Store::speakers`] / [`Store::quotes_of`] for the speakers view.

pub mod annotations;
pub mod articles;
pub mod codec;
pub mod feeds;
pub mod lock;
pub mod schema;
pub mod search;
pub mod terms;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

pub use annotations::{StoredAnnotations, body_hash};
pub use articles::{ArticleFilter, FeedGroup, NewArticle, Upserted};
pub use codec::{annotations_from_json, annotations_to_json};
pub use feeds::{Feed, FetchRecord};
pub use lock::WriterLock;
pub use search::{ArticleHit, QuoteHit, QuoteRef, SearchResults, SpeakerCount};

/// The database file name inside the data directory.
pub const DB_FILE: &str = "library.sqlite3";

/// An open library. Writers hold the directory's [`WriterLock`]; a second writer is refused.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    lock: Option<Arc<WriterLock>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("writer", &self.lock.is_some())
            .finish()
    }
}

/// The data directory: `dir` when given (`--data` or `BYLINE_DATA`), else the XDG data dir.
///
/// # Errors
/// No home directory to derive the default from.
pub fn data_dir(dir: Option<&Path>) -> Result<PathBuf> {
    if let Some(d) = dir {
        return Ok(d.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "byline")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| Error::Input("no home directory: pass --data DIR or set BYLINE_DATA".into()))
}

impl Store {
    /// Opens (creating if needed) the library in `dir` for writing, migrating it to the current
    /// schema. Fails with [`Error::Locked`] naming the other process when another writer has it.
    ///
    /// # Errors
    /// The directory cannot be created, the lock is held, or SQLite fails.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let lock = Arc::new(WriterLock::acquire(dir, &path)?);
        let conn = Connection::open(&path).map_err(|e| store_err(&path, &e))?;
        let mut store = Self {
            conn,
            path,
            lock: Some(lock),
        };
        store.configure(true)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing library read-only, without the writer lock (a second instance, or a
    /// viewer next to a running fetch). Writes fail with SQLite's read-only error.
    ///
    /// # Errors
    /// No library in `dir`, a schema older or newer than this build, or SQLite fails.
    pub fn open_read_only(dir: &Path) -> Result<Self> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(Error::Store {
                path,
                message: "no library here yet (run `byline add` or `byline fetch`)".into(),
            });
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| store_err(&path, &e))?;
        let store = Self {
            conn,
            path,
            lock: None,
        };
        store.configure(false)?;
        let v = store.user_version()?;
        if v != schema::VERSION {
            return Err(store.err(format!(
                "schema version {v}, this byline reads {}; open it once for writing to upgrade",
                schema::VERSION
            )));
        }
        Ok(store)
    }

    /// Opens for writing, or, when another process holds the writer lock, read-only; the flag
    /// says which.
    ///
    /// # Errors
    /// As [`Store::open`] and [`Store::open_read_only`].
    pub fn open_or_read_only(dir: &Path) -> Result<(Self, bool)> {
        match Self::open(dir) {
            Ok(s) => Ok((s, true)),
            Err(Error::Locked { .. }) => Self::open_read_only(dir).map(|s| (s, false)),
            Err(e) => Err(e),
        }
    }

    /// A private in-memory library (tests, and files opened straight in the reader).
    ///
    /// # Errors
    /// SQLite fails.
    pub fn open_in_memory() -> Result<Self> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| store_err(&path, &e))?;
        let mut store = Self {
            conn,
            path,
            lock: None,
        };
        store.configure(true)?;
        store.migrate()?;
        Ok(store)
    }

    /// A second connection to the same file sharing this one's writer lock, for a worker thread.
    ///
    /// # Errors
    /// An in-memory store (which cannot be shared), or SQLite fails.
    pub fn connect_again(&self) -> Result<Self> {
        if self.path == Path::new(":memory:") {
            return Err(self.err("an in-memory library has one connection".into()));
        }
        let flags = if self.lock.is_some() {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(&self.path, flags)
            .map_err(|e| store_err(&self.path, &e))?;
        let store = Self {
            conn,
            path: self.path.clone(),
            lock: self.lock.clone(),
        };
        store.configure(self.lock.is_some())?;
        Ok(store)
    }

    /// The database file (`:memory:` for an in-memory store).
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this handle may write.
    #[must_use]
    pub fn is_writer(&self) -> bool {
        self.lock.is_some() || self.path == Path::new(":memory:")
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.sql(&e))
    }

    /// The schema version stored in the file.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn user_version(&self) -> Result<u32> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(&e))
    }

    fn configure(&self, write: bool) -> Result<()> {
        let mut sql = String::from("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
        if write && self.path != Path::new(":memory:") {
            // NORMAL is durable against a killed process in WAL mode; only a power cut can lose
            // the last transaction, never corrupt the file. 16 KB pages (new files only) hold a
            // typical article body in its row's page instead of overflow pages.
            sql.push_str(
                "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
            );
            // A fetch writes hundreds of MB: a 16 MB page cache and checkpoints every ~64 MB of
            // WAL (4,000 pages of 16 KB, instead of 4 MB) halve the writer's time; both are
            // memory, not durability.
            sql.push_str("PRAGMA cache_size = -8000; PRAGMA wal_autocheckpoint = 4000; PRAGMA temp_store = MEMORY;");
        }
        self.conn.execute_batch(&sql).map_err(|e| self.sql(&e))
    }

    fn migrate(&mut self) -> Result<()> {
        let from = self.user_version()?;
        schema::migrate(&mut self.conn, from).map_err(|e| self.sql(&e))?;
        let now = self.user_version()?;
        if now > schema::VERSION {
            return Err(self.err(format!(
                "schema version {now} was written by a newer byline (this one knows up to {})",
                schema::VERSION
            )));
        }
        Ok(())
    }

    pub(crate) const fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) const fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub(crate) fn err(&self, message: String) -> Error {
        Error::Store {
            path: self.path.clone(),
            message,
        }
    }

    pub(crate) fn sql(&self, e: &rusqlite::Error) -> Error {
        store_err(&self.path, e)
    }
}

fn store_err(path: &Path, e: &rusqlite::Error) -> Error {
    Error::Store {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
#[must_use]
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
