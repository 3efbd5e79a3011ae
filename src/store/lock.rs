//! One writer at a time: an advisory lock on `byline.lock` next to the database, holding the
//! writer's pid. The OS drops the lock when the process ends, however it ends (even `kill -9`),
//! so a stale file never blocks the next run.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The lock file's name inside the data directory.
pub const LOCK_FILE: &str = "byline.lock";

/// Held for as long as a writer has the library open.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
    path: PathBuf,
}

impl WriterLock {
    /// Takes the lock for the database `db` in `dir`, or explains who holds it.
    ///
    /// # Errors
    /// [`Error::Locked`] with the holder's pid, or the lock file cannot be opened.
    pub fn acquire(dir: &Path, db: &Path) -> Result<Self> {
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => {
                let pid = std::process::id();
                file.set_len(0)
                    .and_then(|()| file.rewind())
                    .and_then(|()| writeln!(file, "{pid}"))
                    .and_then(|()| file.flush())
                    .map_err(|source| Error::Write {
                        path: path.clone(),
                        source,
                    })?;
                Ok(Self { _file: file, path })
            }
            Err(TryLockError::WouldBlock) => {
                let mut s = String::new();
                let _ = file.read_to_string(&mut s);
                let pid = s.trim().to_string();
                Err(Error::Locked {
                    db: db.to_path_buf(),
                    lock: path,
                    pid: if pid.is_empty() {
                        "unknown".into()
                    } else {
                        pid
                    },
                })
            }
            Err(TryLockError::Error(source)) => Err(Error::Write { path, source }),
        }
    }

    /// The lock file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }
}
