//! Keys as data: parse `"j"`, `"G"`, `"<C-d>"`, `"<S-Tab>"`, `"<PageDown>"`; map a key press to an
//! `Action`; list the live bindings for the help overlay. Several keys may name one action.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

/// A key with the modifiers that matter (Ctrl, Alt). Shift is part of the character (`G`), and
/// Shift-Tab is its own key code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    #[must_use]
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Self { code, mods }
    }

    #[must_use]
    pub fn from_event(ev: &KeyEvent) -> Self {
        Self::new(ev.code, ev.modifiers)
    }

    /// Parses the `config.toml` spelling of a key.
    ///
    /// # Errors
    /// A message naming the key when it cannot be read.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut chars = spec.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Ok(Self::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let inner = spec
            .strip_prefix('<')
            .and_then(|s| s.strip_suffix('>'))
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                format!(
                    "cannot read key '{spec}': write one character or a name in <…> such as <C-d>"
                )
            })?;
        let mut mods = KeyModifiers::NONE;
        let mut rest = inner;
        while let Some((m, after)) = rest
            .split_once('-')
            .filter(|(m, after)| m.len() == 1 && !after.is_empty())
        {
            mods |= match m {
                "C" | "c" => KeyModifiers::CONTROL,
                "A" | "a" | "M" | "m" => KeyModifiers::ALT,
                "S" | "s" => KeyModifiers::SHIFT,
                _ => {
                    return Err(format!(
                        "unknown modifier '{m}' in key '{spec}' (use C-, A- or S-)"
                    ));
                }
            };
            rest = after;
        }
        let code =
            named_code(rest).ok_or_else(|| format!("unknown key name '{rest}' in '{spec}'"))?;
        Ok(Self::new(code, mods))
    }
}

fn named_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    Some(match name.to_ascii_lowercase().as_str() {
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "enter" | "cr" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "space" => KeyCode::Char(' '),
        "lt" => KeyCode::Char('<'),
        "bs" | "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
        "del" | "delete" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        f => {
            let n: u8 = f.strip_prefix('f')?.parse().ok()?;
            (1..=12).contains(&n).then_some(KeyCode::F(n))?
        }
    })
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char('<') => "lt".to_owned(),
            KeyCode::Char(c) if self.mods.is_empty() => return write!(f, "{c}"),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => "S-Tab".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::PageUp => "PageUp".to_owned(),
            KeyCode::PageDown => "PageDown".to_owned(),
            other => format!("{other:?}"),
        };
        let mut prefix = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            prefix.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            prefix.push_str("A-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            prefix.push_str("S-");
        }
        write!(f, "<{prefix}{name}>")
    }
}

/// The default bindings: (action, keys). `config.toml` documents the same table.
pub const DEFAULT_KEYS: &[(Action, &[&str])] = &[
    (Action::Down, &["j", "<Down>"]),
    (Action::Up, &["k", "<Up>"]),
    (Action::Top, &["g", "<Home>"]),
    (Action::Bottom, &["G", "<End>"]),
    (Action::HalfPageDown, &["<C-d>"]),
    (Action::HalfPageUp, &["<C-u>"]),
    (Action::PageDown, &["<PageDown>", "<Space>", "<C-f>"]),
    (Action::PageUp, &["<PageUp>", "<C-b>"]),
    (Action::FocusNext, &["<Tab>"]),
    (Action::FocusPrev, &["<S-Tab>"]),
    (Action::Open, &["<Enter>"]),
    (Action::Next, &["n"]),
    (Action::Prev, &["N"]),
    (Action::Clear, &["<Esc>"]),
    (Action::Search, &["/"]),
    (Action::TogglePanel, &["p"]),
    (Action::ToggleStar, &["s"]),
    (Action::OpenLink, &["o"]),
    (Action::Speakers, &["S"]),
    (Action::Refresh, &["r"]),
    (Action::RefreshAll, &["R"]),
    (Action::Help, &["?", "<F1>"]),
    (Action::Quit, &["q", "<C-c>"]),
];

/// Key → action, and action → keys for help and hints.
#[derive(Clone, Debug, Default)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    by_action: BTreeMap<Action, Vec<Key>>,
}

impl Keymap {
    /// The default bindings with `overrides` applied: an action named there gets exactly the keys
    /// listed (an empty list unbinds it). Keys that cannot be read are skipped and reported as
    /// `(action, message)`.
    #[must_use]
    pub fn new(overrides: &BTreeMap<Action, Vec<String>>) -> (Self, Vec<(Action, String)>) {
        let mut map = Self::default();
        let mut errors = Vec::new();
        for (action, keys) in DEFAULT_KEYS {
            if overrides.contains_key(action) {
                continue;
            }
            for spec in *keys {
                match Key::parse(spec) {
                    Ok(key) => map.bind(key, *action),
                    Err(e) => errors.push((*action, e)),
                }
            }
        }
        for (action, keys) in overrides {
            map.by_action.entry(*action).or_default();
            for spec in keys {
                match Key::parse(spec) {
                    Ok(key) => map.bind(key, *action),
                    Err(e) => errors.push((*action, e)),
                }
            }
        }
        (map, errors)
    }

    fn bind(&mut self, key: Key, action: Action) {
        if let Some(old) = self.by_key.insert(key, action)
            && let Some(keys) = self.by_action.get_mut(&old)
        {
            keys.retain(|k| *k != key);
        }
        self.by_action.entry(action).or_default().push(key);
    }

    #[must_use]
    pub fn action(&self, key: Key) -> Option<Action> {
        self.by_key.get(&key).copied()
    }

    #[must_use]
    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The keys of an action joined for display ("j, <Down>"), or "unbound".
    #[must_use]
    pub fn describe(&self, action: Action) -> String {
        let keys = self.keys(action);
        if keys.is_empty() {
            return "unbound".to_owned();
        }
        keys.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The first key of an action, for short hints.
    #[must_use]
    pub fn first(&self, action: Action) -> String {
        self.keys(action)
            .first()
            .map_or_else(|| "-".to_owned(), ToString::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let c = KeyModifiers::CONTROL;
        let none = KeyModifiers::NONE;
        let cases: &[(&str, KeyCode, KeyModifiers)] = &[
            ("j", KeyCode::Char('j'), none),
            ("G", KeyCode::Char('G'), none),
            ("?", KeyCode::Char('?'), none),
            ("<", KeyCode::Char('<'), none),
            ("<C-d>", KeyCode::Char('d'), c),
            ("<C-D>", KeyCode::Char('d'), c),
            ("<S-Tab>", KeyCode::BackTab, none),
            ("<PageDown>", KeyCode::PageDown, none),
            ("<pgup>", KeyCode::PageUp, none),
            ("<Space>", KeyCode::Char(' '), none),
            ("<A-x>", KeyCode::Char('x'), KeyModifiers::ALT),
            ("<F1>", KeyCode::F(1), none),
            ("<Esc>", KeyCode::Esc, none),
        ];
        for (spec, code, mods) in cases {
            assert_eq!(
                Key::parse(spec),
                Ok(Key {
                    code: *code,
                    mods: *mods
                }),
                "{spec}"
            );
        }
        for bad in ["", "jj", "<>", "<C-d", "<X-d>", "<Nope>", "<F13>"] {
            assert!(Key::parse(bad).is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn display_round_trips() {
        for (_, keys) in DEFAULT_KEYS {
            for spec in *keys {
                let key = Key::parse(spec).expect("default key");
                assert_eq!(
                    Key::parse(&key.to_string()),
                    Ok(key),
                    "{spec} shown as {key}"
                );
            }
        }
    }

    #[test]
    fn events_normalise_shift() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let back = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        let (map, errors) = Keymap::new(&BTreeMap::new());
        assert!(errors.is_empty());
        assert_eq!(map.action(Key::from_event(&shifted)), Some(Action::Bottom));
        assert_eq!(map.action(Key::from_event(&back)), Some(Action::FocusPrev));
    }

    #[test]
    fn overrides_replace_an_actions_keys() {
        let mut o = BTreeMap::new();
        o.insert(Action::Down, vec!["x".to_owned(), "<C-n>".to_owned()]);
        o.insert(Action::Quit, vec![]);
        o.insert(Action::Up, vec!["<bad".to_owned()]);
        let (map, errors) = Keymap::new(&o);
        let key = |s: &str| Key::parse(s).expect("key");
        assert_eq!(map.action(key("x")), Some(Action::Down));
        assert_eq!(map.action(key("<C-n>")), Some(Action::Down));
        assert_eq!(map.action(key("j")), None);
        assert_eq!(map.action(key("q")), None);
        assert_eq!(map.describe(Action::Quit), "unbound");
        assert_eq!(errors.len(), 1);
        assert_eq!(map.describe(Action::Down), "x, <C-n>");
    }
}
