//! Terminal styles built from the `[theme]` configuration: one colour per speaker (a stable
//! palette, by speaker index), and one style per annotation kind with a fixed precedence:
//! current mark > search match > quote > mention. With `no_color`, only modifiers are used.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::config;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub no_color: bool,
    speakers: Vec<Color>,
    unattributed: Color,
    pub accent: Style,
    pub dim: Style,
    pub matched: Style,
    pub error: Style,
}

/// Added to whatever the current quote, mention or match already has.
pub const CURRENT: Modifier = Modifier::REVERSED.union(Modifier::BOLD);
/// Marks a speaker mention.
pub const MENTION: Modifier = Modifier::UNDERLINED.union(Modifier::BOLD);

impl Theme {
    /// The theme for `cfg`; colours that cannot be read fall back to the default and are reported.
    #[must_use]
    pub fn new(cfg: &config::Theme, no_color: bool) -> (Self, Vec<String>) {
        let fallback = config::Theme::default();
        let mut errors = Vec::new();
        let mut colour = |key: &str, value: &str, default: &str| {
            Color::from_str(value).unwrap_or_else(|_| {
                errors.push(format!("config theme.{key}: unknown colour '{value}'"));
                Color::from_str(default).unwrap_or(Color::Reset)
            })
        };
        let mut speakers: Vec<Color> = cfg
            .speakers
            .iter()
            .map(|c| colour("speakers", c, "cyan"))
            .collect();
        if speakers.is_empty() {
            speakers = vec![Color::Cyan];
        }
        let unattributed = colour("unattributed", &cfg.unattributed, &fallback.unattributed);
        let accent = colour("accent", &cfg.accent, &fallback.accent);
        let dim = colour("dim", &cfg.dim, &fallback.dim);
        let match_bg = colour("match_bg", &cfg.match_bg, &fallback.match_bg);
        let error = colour("error", &cfg.error, &fallback.error);
        let theme = if no_color {
            Self {
                no_color,
                speakers: vec![Color::Reset],
                unattributed: Color::Reset,
                accent: Style::new().add_modifier(Modifier::BOLD),
                dim: Style::new(),
                matched: Style::new().add_modifier(Modifier::REVERSED),
                error: Style::new().add_modifier(Modifier::BOLD),
            }
        } else {
            Self {
                no_color,
                speakers,
                unattributed,
                accent: Style::new().fg(accent),
                dim: Style::new().fg(dim),
                matched: Style::new().bg(match_bg).fg(Color::Black),
                error: Style::new().fg(error).add_modifier(Modifier::BOLD),
            }
        };
        (theme, errors)
    }

    /// The colour of a speaker (stable: by index into the article's speakers).
    #[must_use]
    pub fn speaker_color(&self, speaker: Option<usize>) -> Color {
        match speaker {
            Some(i) => self
                .speakers
                .get(i % self.speakers.len().max(1))
                .copied()
                .unwrap_or(Color::Reset),
            None => self.unattributed,
        }
    }

    /// A quote's text.
    #[must_use]
    pub fn quote(&self, speaker: Option<usize>) -> Style {
        if self.no_color {
            return Style::new().add_modifier(Modifier::ITALIC);
        }
        Style::new().fg(self.speaker_color(speaker))
    }

    /// A speaker's name where it is mentioned.
    #[must_use]
    pub fn mention(&self, speaker: usize) -> Style {
        let style = Style::new().add_modifier(MENTION);
        if self.no_color {
            style
        } else {
            style.fg(self.speaker_color(Some(speaker)))
        }
    }

    /// A selected row in the list or panel.
    #[must_use]
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// A pane border.
    #[must_use]
    pub fn border(&self, focused: bool) -> Style {
        if focused { self.accent } else { self.dim }
    }
}
