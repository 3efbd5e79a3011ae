//! Configuration: `config.toml` at the top of the repository is the documented default, embedded
//! here as `DEFAULT_TOML`; a user file (XDG config dir, or `--config`) is read over the built-in
//! defaults, and a broken one is reported, never fatal. Terminal styles are built from this in
//! `ui::theme`; key bindings in `keymap`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::action::Action;
use crate::error::{Error, Result};

/// The documented default configuration, embedded from `config.toml`.
pub const DEFAULT_TOML: &str = include_str!("../config.toml");

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub layout: Layout,
    pub theme: Theme,
    /// Action name → keys; an action listed here gets exactly these keys.
    pub keys: BTreeMap<Action, Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Layout {
    pub list_width: u16,
    pub panel_width: u16,
    pub wrap_width: u16,
    pub compact_below: u16,
    pub show_panel: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            list_width: 32,
            panel_width: 36,
            wrap_width: 88,
            compact_below: 100,
            show_panel: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    pub no_color: bool,
    pub speakers: Vec<String>,
    pub unattributed: String,
    pub accent: String,
    pub dim: String,
    pub match_bg: String,
    pub error: String,
}

impl Default for Theme {
    fn default() -> Self {
        let speakers = [
            "cyan",
            "magenta",
            "yellow",
            "green",
            "lightblue",
            "lightred",
            "lightmagenta",
            "lightgreen",
        ];
        Self {
            no_color: false,
            speakers: speakers.iter().map(|s| (*s).to_owned()).collect(),
            unattributed: "gray".to_owned(),
            accent: "lightyellow".to_owned(),
            dim: "darkgray".to_owned(),
            match_bg: "yellow".to_owned(),
            error: "lightred".to_owned(),
        }
    }
}

impl Config {
    /// Reads a configuration from TOML text; `path` names the file in error messages.
    ///
    /// # Errors
    /// `Error::Config` with the line, column and the offending key or value.
    pub fn from_toml(text: &str, path: &Path) -> Result<Self> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            let mut message = e.message().trim().to_owned();
            if let Some(key) = key_at(text, line) {
                message = format!("key '{key}': {message}");
            }
            Error::Config {
                path: path.to_owned(),
                line,
                column,
                message,
            }
        })
    }

    /// The user's file: `explicit` if given, else `byline/config.toml` in the XDG config dir.
    #[must_use]
    pub fn user_path(explicit: Option<&Path>) -> Option<PathBuf> {
        explicit.map(Path::to_owned).or_else(|| {
            directories::ProjectDirs::from("", "", "byline")
                .map(|d| d.config_dir().join("config.toml"))
        })
    }

    /// Loads the user's configuration over the defaults. A missing default-location file is not an
    /// error; any other problem is returned beside the defaults so the app can run and say why.
    #[must_use]
    pub fn load(explicit: Option<&Path>) -> (Self, Option<Error>) {
        let Some(path) = Self::user_path(explicit) else {
            return (Self::default(), None);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
                return (Self::default(), None);
            }
            Err(source) => return (Self::default(), Some(Error::Read { path, source })),
        };
        match Self::from_toml(&text, &path) {
            Ok(config) => (config, None),
            Err(e) => (Self::default(), Some(e)),
        }
    }
}

/// Line and column (both from 1, column in characters) of a byte offset.
#[must_use]
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The dotted key assigned on line `line` (from 1): `layout.wrap_width`.
fn key_at(text: &str, line: usize) -> Option<String> {
    let mut table = String::new();
    for (i, l) in text.lines().enumerate().take(line) {
        let l = l.trim();
        if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            table = name.trim_matches(['[', ']']).trim().to_owned();
        } else if i + 1 == line {
            let key = l.split_once('=')?.0.trim();
            return Some(if table.is_empty() {
                key.to_owned()
            } else {
                format!("{table}.{key}")
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_default_is_the_default() {
        let parsed =
            Config::from_toml(DEFAULT_TOML, Path::new("config.toml")).expect("config.toml parses");
        let mut expected = Config::default();
        for (action, keys) in crate::keymap::DEFAULT_KEYS {
            expected
                .keys
                .insert(*action, keys.iter().map(|k| (*k).to_owned()).collect());
        }
        assert_eq!(parsed, expected);
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}
