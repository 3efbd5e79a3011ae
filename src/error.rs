//! The library's error type. Messages are written for users: they name the file, URL or key and
//! quote values in '…'.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read '{path}': {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write '{path}': {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("'{path}' line {line}, column {column}: {message}")]
    Config {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("store '{path}': {message}")]
    Store { path: PathBuf, message: String },
    #[error("feed '{url}': {message}")]
    Feed { url: String, message: String },
    #[error("{0}")]
    Input(String),
    #[error(
        "the library '{db}' is being written by another byline (pid {pid}, lock '{lock}'); wait for it to finish, or open read-only"
    )]
    Locked {
        db: PathBuf,
        lock: PathBuf,
        pid: String,
    },
    #[error("store '{path}': no article {id}")]
    NoArticle { path: PathBuf, id: i64 },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
