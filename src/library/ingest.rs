//! From raw drafts, pages and files to [`NewArticle`]s: sanitise metadata with `normalize_line`,
//! turn HTML into text, normalise the body, hash it and annotate it. Pure apart from reading files.

use std::path::Path;

use crate::annotate::annotate;
use crate::error::{Error, Result};
use crate::feeds::ArticleDraft;
use crate::model::{Annotations, Body};
use crate::store::terms::index_terms;
use crate::store::{NewArticle, body_hash};
use crate::text::document::{self, Format};
use crate::text::{html, normalize};

/// A feed item whose text is shorter than this (in chars) gets its page fetched, if it has a link.
pub const SHORT_SUMMARY: usize = 500;

/// Feed content or a summary as a body: HTML when it has tags (relative links resolved against
/// `base`, the item's URL), plain text otherwise.
#[must_use]
pub fn body_from_content(raw: &str, base: Option<&str>) -> Body {
    let looks_html = raw.contains('<')
        && (raw.contains("</") || raw.contains("/>") || raw.contains("<br") || raw.contains("<p"));
    if looks_html {
        normalize::normalize(&html::html_to_text_at(raw, base))
    } else {
        normalize::normalize(raw)
    }
}

/// Whether an item carries too little text to read and should get its page fetched.
#[must_use]
pub fn needs_page(draft: &ArticleDraft) -> bool {
    draft.url.is_some()
        && draft.content.as_deref().is_none_or(|c| c.trim().is_empty())
        && draft
            .summary
            .as_deref()
            .is_none_or(|s| body_from_content(s, None).as_str().chars().count() < SHORT_SUMMARY)
}

/// The dedupe key of an item: guid, else URL, else a hash of title and body.
#[must_use]
pub fn draft_key(draft: &ArticleDraft) -> Option<String> {
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    clean(&draft.guid).or_else(|| clean(&draft.url))
}

fn content_key(title: &str, body: &Body) -> String {
    let mut text = String::with_capacity(title.len() + body.as_str().len() + 1);
    text.push_str(title);
    text.push('\n');
    text.push_str(body.as_str());
    format!("h:{}", body_hash(&Body::from_normalized(text)))
}

/// Builds the article for a feed item. `page` is the (title, main text) extracted from the item's
/// page when it was fetched. `known_hash` is the stored body hash for this item's key: when the
/// body is unchanged, annotation is skipped (the store leaves the row alone). `None` when the item
/// has neither title nor text.
#[must_use]
pub fn from_draft(
    draft: &ArticleDraft,
    page: Option<&(Option<String>, String)>,
    known_hash: Option<&str>,
) -> Option<NewArticle> {
    let base = draft.url.as_deref();
    let mut body = draft
        .content
        .as_deref()
        .map(|c| body_from_content(c, base))
        .unwrap_or_default();
    if body.as_str().is_empty()
        && let Some(s) = draft.summary.as_deref()
    {
        body = body_from_content(s, base);
    }
    if let Some((_, text)) = page {
        let page_body = normalize::normalize(text);
        if page_body.as_str().len() > body.as_str().len() {
            body = page_body;
        }
    }
    let title = draft
        .title
        .as_deref()
        .map(normalize::normalize_line)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            page.and_then(|(t, _)| t.as_deref())
                .map(normalize::normalize_line)
                .filter(|t| !t.is_empty())
        })
        .unwrap_or_else(|| fallback_title(&body));
    if title.is_empty() && body.as_str().is_empty() {
        return None;
    }
    let key = draft_key(draft).unwrap_or_else(|| content_key(&title, &body));
    let hash = body_hash(&body);
    // An unchanged article is not written: it needs neither annotations nor index terms.
    let changed = known_hash != Some(hash.as_str());
    let annotations = if changed {
        annotate(&body)
    } else {
        Annotations::default()
    };
    let terms = changed.then(|| index_terms(body.as_str()));
    Some(NewArticle {
        key,
        url: draft
            .url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string),
        guid: draft.guid.clone(),
        title,
        author: draft
            .author
            .as_deref()
            .map(normalize::normalize_line)
            .filter(|a| !a.is_empty()),
        source: None,
        published: draft.published,
        body,
        body_hash: hash,
        annotations: annotations.into(),
        terms,
    })
}

/// The first words of the body, for items without a title.
fn fallback_title(body: &Body) -> String {
    let words: Vec<&str> = body.as_str().split_whitespace().take(10).collect();
    if words.is_empty() {
        String::new()
    } else {
        format!("{}…", words.join(" "))
    }
}

/// A web page stored as one article (no feed): `url` is its address after redirects.
#[must_use]
pub fn from_page(url: &str, title: Option<&str>, text: &str) -> NewArticle {
    let body = normalize::normalize(text);
    let title = title
        .map(normalize::normalize_line)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| fallback_title(&body));
    let host = url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or(url);
    let annotations = annotate(&body);
    NewArticle {
        key: url.to_string(),
        url: Some(url.to_string()),
        guid: None,
        title,
        author: None,
        source: Some(normalize::normalize_line(host)),
        published: None,
        body_hash: body_hash(&body),
        terms: Some(index_terms(body.as_str())),
        body,
        annotations: annotations.into(),
    }
}

/// A local article file (text, Markdown, HTML), keyed by its canonical path.
///
/// # Errors
/// The file cannot be read.
pub fn from_file(path: &Path) -> Result<NewArticle> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let raw = String::from_utf8_lossy(&bytes);
    let fmt = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    let doc = document::parse(&raw, fmt);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = doc.title.clone().unwrap_or_else(|| {
        let stem = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        normalize::normalize_line(&stem)
    });
    let url = format!("file://{}", full.display());
    let annotations = annotate(&doc.body);
    Ok(NewArticle {
        key: url.clone(),
        url: Some(url),
        guid: None,
        title,
        author: None,
        source: Some(normalize::normalize_line(&name)),
        published: None,
        body_hash: body_hash(&doc.body),
        terms: Some(index_terms(doc.body.as_str())),
        body: doc.body,
        annotations: annotations.into(),
    })
}

/// Whether a file looks like an article by its extension (what `byline add DIR` picks up).
#[must_use]
pub fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(content: Option<&str>, summary: Option<&str>) -> ArticleDraft {
        ArticleDraft {
            url: Some("http://x/a".into()),
            guid: None,
            title: Some("  A \u{1b}[31mtitle\n".into()),
            author: Some("Ana\u{7} Diaz".into()),
            published: Some(1),
            content: content.map(str::to_string),
            summary: summary.map(str::to_string),
        }
    }

    #[test]
    fn sanitises_and_keys() {
        let a = from_draft(
            &draft(Some("<p>One.</p><p>Two \u{1b}]0;x\u{7}words.</p>"), None),
            None,
            None,
        )
        .expect("article");
        assert_eq!(a.title, "A title");
        assert_eq!(a.author.as_deref(), Some("Ana Diaz"));
        assert_eq!(a.key, "http://x/a");
        assert!(a.body.as_str().contains("One."), "{:?}", a.body);
        assert!(!a.body.as_str().contains('\u{1b}') && !a.body.as_str().contains('<'));
    }

    #[test]
    fn which_items_need_their_page() {
        assert!(needs_page(&draft(None, None)));
        assert!(needs_page(&draft(None, Some("short teaser"))));
        assert!(!needs_page(&draft(Some("<p>full</p>"), None)));
        assert!(!needs_page(&draft(None, Some(&"long summary ".repeat(60)))));
        let mut no_link = draft(None, None);
        no_link.url = None;
        assert!(!needs_page(&no_link));
    }

    #[test]
    fn page_text_wins_when_longer() {
        let page = (
            Some("Page title".to_string()),
            "The whole story, at length.".to_string(),
        );
        let a = from_draft(&draft(None, Some("teaser")), Some(&page), None).expect("article");
        assert_eq!(a.body.as_str(), "The whole story, at length.");
        let mut untitled = draft(None, None);
        untitled.title = None;
        untitled.url = None;
        let b = from_draft(&untitled, Some(&page), None).expect("article");
        assert_eq!(b.title, "Page title");
        assert!(b.key.starts_with("h:"));
        assert!(from_draft(&ArticleDraft::default(), None, None).is_none());
    }
}
