//! `file://` URLs and plain paths: the same size cap and a modification-time validator.

use std::io::Read;

use super::{feed_error, too_large};
use crate::error::Result;
use crate::feeds::{FetchOptions, FetchOutcome, Validators};

/// `file:///x` or a path without a scheme (`./feed.xml`, `/tmp/a.xml`, `C:\…`).
pub(super) fn local_path(url: &str) -> Option<std::path::PathBuf> {
    if let Some(rest) = url.strip_prefix("file://") {
        let rest = rest.strip_prefix("localhost").unwrap_or(rest);
        return Some(std::path::PathBuf::from(percent_decode(rest)));
    }
    (!url.contains("://")).then(|| std::path::PathBuf::from(url))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn fetch_file(
    url: &str,
    path: &std::path::Path,
    validators: &Validators,
    options: &FetchOptions,
) -> Result<FetchOutcome> {
    let fail = |e: &dyn std::fmt::Display| {
        feed_error(url, &format!("cannot read '{}': {e}", path.display()))
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(&e))?;
    if !meta.is_file() {
        return Err(feed_error(
            url,
            &format!("'{}' is not a file", path.display()),
        ));
    }
    let stamp = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| format!("mtime:{}.{:09}", d.as_secs(), d.subsec_nanos()));
    if stamp.is_some() && stamp == validators.last_modified {
        return Ok(FetchOutcome::NotModified);
    }
    if meta.len() > options.max_bytes {
        return Err(feed_error(
            url,
            &too_large(options.max_bytes, Some(meta.len())),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(&e))?;
    let mut bytes = Vec::new();
    file.take(options.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| fail(&e))?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(feed_error(url, &too_large(options.max_bytes, None)));
    }
    let content_type = guess_content_type(path);
    Ok(FetchOutcome::Fetched {
        bytes,
        final_url: url.to_string(),
        content_type,
        validators: Validators {
            etag: None,
            last_modified: stamp,
        },
    })
}

fn guess_content_type(path: &std::path::Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let ct = match ext.as_str() {
        "xml" | "rss" | "rdf" | "atom" => "application/xml",
        "json" => "application/json",
        "html" | "htm" | "xhtml" => "text/html",
        "txt" => "text/plain",
        "md" | "markdown" => "text/markdown",
        _ => return None,
    };
    Some(ct.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths() {
        assert_eq!(
            local_path("file:///tmp/a%20b.xml"),
            Some("/tmp/a b.xml".into())
        );
        assert_eq!(
            local_path("file://localhost/tmp/a.xml"),
            Some("/tmp/a.xml".into())
        );
        assert_eq!(local_path("./feed.xml"), Some("./feed.xml".into()));
        assert_eq!(local_path("http://example.com/feed"), None);
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn files_and_file_urls() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("feed.xml");
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds/rss2.xml");
        std::fs::copy(fixture, &path).expect("copy fixture");
        let file_url = format!("file://{}", path.display());
        let options = FetchOptions::default();
        let fetch = |target: &str, validators: &Validators, options: &FetchOptions| {
            crate::feeds::fetch::fetch(target, validators, options)
        };
        for target in [file_url.as_str(), path.to_str().unwrap_or_default()] {
            let Ok(FetchOutcome::Fetched {
                bytes,
                final_url,
                content_type,
                validators,
            }) = fetch(target, &Validators::default(), &options)
            else {
                panic!("{target}: expected the file's bytes");
            };
            assert_eq!(content_type.as_deref(), Some("application/xml"));
            assert_eq!(final_url, target);
            assert!(bytes.starts_with(b"<?xml"));
            let again = fetch(target, &validators, &options).ok();
            assert_eq!(again, Some(FetchOutcome::NotModified));
        }
        let small = FetchOptions {
            max_bytes: 100,
            ..FetchOptions::default()
        };
        let message = fetch(&file_url, &Validators::default(), &small)
            .err()
            .map(|e| e.to_string());
        assert!(message.is_some_and(|m| m.contains("over the 100 bytes limit")));
        let missing = dir.path().join("nope.xml");
        let message = fetch(
            missing.to_str().unwrap_or_default(),
            &Validators::default(),
            &options,
        )
        .err()
        .map(|e| e.to_string());
        assert!(message.is_some_and(|m| m.contains("cannot read")));
    }
}
