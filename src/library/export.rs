//! `byline export --format json|w3c`: the stored annotations, offline.
//!
//! - `json`: JSON Lines, one `byline.annotations/1` object per article (the shape of
//!   `byline annotate --format json`, with `id` = library id plus `url`, `source`, `published`).
//!   Offsets are UTF-8 byte offsets into that object's `body`.
//! - `w3c`: one JSON array of W3C Web Annotations, one per quote, each with a TextQuoteSelector
//!   (exact, prefix, suffix) and a TextPositionSelector. Positions count Unicode code points
//!   from the first character of the **stored body** (the normalised text exported as `body` by
//!   `json`), not of the original page, whose markup byline does not keep.

use std::io::Write;

use serde::Serialize;
use serde_json::{Value, json};

use crate::annotate::json::{AnnotationsJson, context, to_json};
use crate::error::{Error, Result};
use crate::model::{Annotations, ArticleMeta, Document};
use crate::store::Store;

#[derive(Serialize)]
struct ExportJson<'a> {
    #[serde(flatten)]
    inner: AnnotationsJson<'a>,
    url: Option<&'a str>,
    source: &'a str,
    published: Option<i64>,
}

fn write_err(e: &std::io::Error) -> Error {
    Error::Input(format!("cannot write the export: {e}"))
}

/// Writes the articles `ids` (every article when `None`) as JSON Lines.
///
/// # Errors
/// An unknown article id, a store failure or a failed write.
pub fn json_lines(store: &Store, ids: Option<&[i64]>, out: &mut impl Write) -> Result<usize> {
    let ids = match ids {
        Some(ids) => ids.to_vec(),
        None => store.article_ids()?,
    };
    for &id in &ids {
        let meta = store.article_meta(id)?;
        let (doc, ann) = store.article(id)?;
        let idv = Value::from(id);
        let obj = ExportJson {
            inner: to_json(&doc, &ann, Some(&idv)),
            url: meta.url.as_deref(),
            source: &meta.source,
            published: meta.published,
        };
        serde_json::to_writer(&mut *out, &obj)
            .map_err(|e| Error::Input(format!("cannot write the export: {e}")))?;
        out.write_all(b"\n").map_err(|e| write_err(&e))?;
    }
    out.flush().map_err(|e| write_err(&e))?;
    Ok(ids.len())
}

/// Writes the quotes of the articles `ids` (every article when `None`) as a JSON array of W3C
/// Web Annotations; returns how many annotations were written.
///
/// # Errors
/// An unknown article id, a store failure or a failed write.
pub fn w3c(store: &Store, ids: Option<&[i64]>, out: &mut impl Write) -> Result<usize> {
    let ids = match ids {
        Some(ids) => ids.to_vec(),
        None => store.article_ids()?,
    };
    let mut n = 0;
    out.write_all(b"[").map_err(|e| write_err(&e))?;
    for &id in &ids {
        let meta = store.article_meta(id)?;
        let (doc, ann) = store.article(id)?;
        for a in w3c_annotations(&meta, &doc, &ann) {
            out.write_all(if n == 0 { b"\n" } else { b",\n" })
                .map_err(|e| write_err(&e))?;
            serde_json::to_writer(&mut *out, &a)
                .map_err(|e| Error::Input(format!("cannot write the export: {e}")))?;
            n += 1;
        }
    }
    out.write_all(b"\n]\n").map_err(|e| write_err(&e))?;
    out.flush().map_err(|e| write_err(&e))?;
    Ok(n)
}

/// The article's IRI in annotation ids and, when it has no URL, as the target source.
#[must_use]
pub fn article_iri(id: i64) -> String {
    format!("urn:byline:article:{id}")
}

/// One W3C annotation per quote of an article.
#[must_use]
pub fn w3c_annotations(meta: &ArticleMeta, doc: &Document, ann: &Annotations) -> Vec<Value> {
    let text = doc.body.as_str();
    let source = meta
        .url
        .as_deref()
        .filter(|u| u.contains("://") && !u.chars().any(char::is_whitespace))
        .map_or_else(|| article_iri(meta.id), str::to_string);
    // Byte offsets → code points, in one pass over the body.
    let mut cuts: Vec<usize> = ann
        .quotes
        .iter()
        .flat_map(|q| [q.span.start(), q.span.end()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut cp = std::collections::HashMap::with_capacity(cuts.len());
    let mut next = cuts.iter().peekable();
    let ends = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    for (count, b) in ends.enumerate() {
        while let Some(&&c) = next.peek() {
            if c > b {
                break;
            }
            cp.insert(c, count);
            next.next();
        }
    }
    ann.quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let (prefix, suffix) = context(text, q.span, 32);
            let mut body = Vec::new();
            if let Some(s) = q.speaker.and_then(|s| ann.speakers.get(s)) {
                body.push(json!({"type": "TextualBody", "purpose": "describing", "value": s.name, "format": "text/plain"}));
            }
            body.push(json!({"type": "TextualBody", "purpose": "classifying", "value": format!("{} quote", q.kind.as_str())}));
            let mut a = json!({
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "id": format!("{}:quote:{}", article_iri(meta.id), i + 1),
                "type": "Annotation",
                "motivation": "describing",
                "generator": {"type": "Software", "name": format!("byline {}", env!("CARGO_PKG_VERSION"))},
                "body": body,
                "target": {
                    "type": "SpecificResource",
                    "source": source,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": q.span.slice(text), "prefix": prefix, "suffix": suffix},
                        {"type": "TextPositionSelector",
                         "start": cp.get(&q.span.start()).copied().unwrap_or(0),
                         "end": cp.get(&q.span.end()).copied().unwrap_or(0)}
                    ]
                }
            });
            if let (Some(t), Some(obj)) = (meta.published.and_then(rfc3339), a.as_object_mut()) {
                obj.insert("created".into(), Value::from(t));
            }
            a
        })
        .collect()
}

/// Unix seconds as an RFC 3339 UTC date-time.
#[must_use]
pub fn rfc3339(secs: i64) -> Option<String> {
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = crate::date::civil(secs);
    (0..=9999).contains(&y).then(|| {
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            rfc3339(1_473_149_700).as_deref(),
            Some("2016-09-06T08:15:00Z")
        );
        assert_eq!(
            rfc3339(951_782_400).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(rfc3339(-1).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(rfc3339(i64::MAX), None);
    }
}
