//! From raw input to a `Document`: detect the format, convert Markdown or HTML to text, find the
//! title, normalise the rest into the body.

use crate::model::Document;
use crate::text::{html, markdown, normalize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format named by a file extension, if it names one.
    #[must_use]
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Self::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            _ => None,
        }
    }

    /// Guesses the format from the content: HTML by its tags, Markdown by headings and links.
    #[must_use]
    pub fn sniff(raw: &str) -> Self {
        let head: String = raw
            .trim_start()
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
        {
            return Self::Html;
        }
        let tags = ["<p>", "<p ", "<div", "<br", "</a>", "<h1", "<h2"]
            .iter()
            .filter(|t| raw.contains(**t))
            .count();
        if tags >= 2 {
            return Self::Html;
        }
        let md_lines = raw
            .lines()
            .take(200)
            .filter(|l| {
                l.starts_with("# ")
                    || l.starts_with("## ")
                    || l.starts_with("```")
                    || l.starts_with("> ")
            })
            .count();
        if md_lines > 0 || (raw.contains("](") && raw.contains('[')) {
            return Self::Markdown;
        }
        Self::Text
    }
}

/// Reads an article in the given (or sniffed) format.
#[must_use]
pub fn parse(raw: &str, format: Option<Format>) -> Document {
    match format.unwrap_or_else(|| Format::sniff(raw)) {
        Format::Text => from_text(raw),
        Format::Markdown => {
            let (title, text) = markdown::to_text(raw);
            with_title(title, &text)
        }
        Format::Html => {
            let (title, text) = html::to_text(raw);
            with_title(title, &text)
        }
    }
}

fn with_title(title: Option<String>, text: &str) -> Document {
    match title
        .map(|t| normalize::normalize_line(&t))
        .filter(|t| !t.is_empty())
    {
        Some(t) => Document {
            title: Some(t),
            body: normalize::normalize(text),
        },
        None => from_text(text),
    }
}

/// Plain text: a first line followed by a blank line is the title when it reads like a headline
/// (short, not a sentence ending in a full stop); otherwise everything is body.
#[must_use]
pub fn from_text(raw: &str) -> Document {
    let stripped = normalize::strip_controls(raw);
    let trimmed = stripped.trim_start_matches(['\n', ' ']);
    if let Some((first, rest)) = trimmed.split_once('\n') {
        let rest_starts_blank = rest.trim_start_matches([' ']).starts_with('\n');
        if rest_starts_blank && looks_like_headline(first) {
            return Document {
                title: Some(normalize::normalize_line(first)),
                body: normalize::normalize_stripped(rest),
            };
        }
    }
    Document {
        title: None,
        body: normalize::normalize_stripped(&stripped),
    }
}

fn looks_like_headline(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    (1..=24).contains(&words)
        && !line.ends_with(['.', ':', ';', ','])
        && line.chars().count() <= 200
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_rules() {
        let d = from_text("Gaps of trust —Obama\n\nBody text here.");
        assert_eq!(d.title.as_deref(), Some("Gaps of trust —Obama"));
        assert_eq!(d.body.as_str(), "Body text here.");

        let d =
            from_text("Senator Smith says the plan is a disaster for everyone involved.\n\nMore.");
        assert_eq!(d.title, None, "a sentence is not a headline");

        let d = from_text("Headline\nstill the same paragraph\n\nBody");
        assert_eq!(d.title, None);
        assert_eq!(d.body.as_str(), "Headline still the same paragraph\n\nBody");
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            Format::sniff("<p>one</p><p>two <br> three</p>"),
            Format::Html
        );
        assert_eq!(Format::sniff("# Title\n\nText"), Format::Markdown);
        assert_eq!(Format::sniff("See [this](http://x)."), Format::Markdown);
        assert_eq!(Format::sniff("He said \"a < b\"."), Format::Text);
        assert_eq!(Format::from_extension("MD"), Some(Format::Markdown));
    }
}
