//! byline: a terminal news reader that knows who said what.
//!
//! The pipeline is visible in the modules: `feeds` (fetch, parse) → `text` (normalise, sanitise)
//! → `annotate` (speakers, quotes, entities, topics as byte spans) → `store` (SQLite, offline) →
//! `ui` (ratatui views over the plain `app` state). `cli` is the command-line edge.

pub mod action;
pub mod annotate;
pub mod app;
pub mod bundled;
pub mod cli;
pub mod config;
pub mod date;
pub mod error;
pub mod event;
pub mod feeds;
pub mod keymap;
pub mod library;
pub mod model;
pub mod span;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;

pub use error::{Error, Result};
