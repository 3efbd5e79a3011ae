//! Web pages: feed discovery and main-text extraction. (Placeholder.)

/// The feed advertised by an HTML page (`<link rel="alternate" type="application/rss+xml" …>`),
/// resolved against `base_url`.
#[must_use]
pub fn discover_feed(_html: &str, _base_url: &str) -> Option<String> {
    None
}

/// The main text of an article page as (title, text with numbered link references).
#[must_use]
pub fn extract_article(_html: &str, _url: &str) -> (Option<String>, String) {
    (None, String::new())
}
