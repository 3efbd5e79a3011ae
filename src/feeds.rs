//! Fetching and parsing feeds and web pages. Nothing here touches the store: `fetch` returns bytes,
//! `parse` returns drafts, `page` finds feed links and main text. `library` wires them to `store`.
//!
//! The types below are the contract between `feeds` and `library`.

pub mod fetch;
pub mod page;
pub mod parse;

/// Conditional-request validators remembered per feed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Limits for one HTTP fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    pub connect_timeout: std::time::Duration,
    pub read_timeout: std::time::Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
    pub max_redirects: u32,
    pub user_agent: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            connect_timeout: std::time::Duration::from_secs(10),
            read_timeout: std::time::Duration::from_secs(30),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
            user_agent: format!(
                "byline/{} (+terminal news reader)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// What one fetch brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchOutcome {
    /// 304: what is stored is current.
    NotModified,
    Fetched {
        bytes: Vec<u8>,
        /// The URL after redirects.
        final_url: String,
        content_type: Option<String>,
        validators: Validators,
    },
}

/// One feed as parsed, before storing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedDraft {
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub articles: Vec<ArticleDraft>,
}

/// One feed item as parsed: raw (unsanitised) fields; `library` normalises before storing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleDraft {
    pub url: Option<String>,
    pub guid: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// Unix seconds.
    pub published: Option<i64>,
    /// Full content as HTML (or text), when the feed carries it.
    pub content: Option<String>,
    /// Summary/description, when that is all the feed carries.
    pub summary: Option<String>,
}
