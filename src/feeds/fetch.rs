//! HTTP GET (and `file://` reads) with bounded time, bounded size, a redirect limit, gzip and
//! conditional requests. This module returns bytes and validators; it never parses them.
//!
//! Time is bounded three ways: `connect_timeout`, `read_timeout` per socket read, and a global
//! budget of `connect_timeout + 2 × read_timeout` for the whole exchange (redirects and body
//! included), so a server that drips one byte a second cannot hold a fetch open forever.
//!
//! Size is bounded by `max_bytes`, counted after gzip decoding: a declared `Content-Length` over
//! the cap is refused before the body is read, and an undeclared one stops one byte past the cap.

use std::io::Read;
use std::time::Duration;

use ureq::ResponseExt;
use ureq::http::{HeaderMap, StatusCode};

use crate::error::{Error, Result};
use crate::feeds::{FetchOptions, FetchOutcome, Validators};

/// What we ask servers for: feeds first, then anything (a web page may advertise its feed).
const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                      application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, \
                      text/html;q=0.8, */*;q=0.5";

/// Fetches `url`, sending the validators as If-None-Match / If-Modified-Since.
///
/// `url` may also be a `file://` URL or a local path; a file whose modification time equals
/// `validators.last_modified` is `NotModified`.
///
/// # Errors
/// Network failures, timeouts, HTTP errors, bodies over the cap, too many redirects; each is one
/// line naming `url`.
pub fn fetch(url: &str, validators: &Validators, options: &FetchOptions) -> Result<FetchOutcome> {
    let trimmed = url.trim();
    if let Some(path) = local_path(trimmed) {
        return fetch_file(url, &path, validators, options);
    }
    fetch_http(trimmed, validators, options).map_err(|message| feed_error(url, &message))
}

/// The global budget for one fetch: see the module docs.
#[must_use]
pub fn global_timeout(options: &FetchOptions) -> Duration {
    options
        .connect_timeout
        .saturating_add(options.read_timeout.saturating_mul(2))
}

fn feed_error(url: &str, message: &str) -> Error {
    // One line, whatever the underlying error printed.
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    Error::Feed {
        url: url.to_string(),
        message,
    }
}

fn fetch_http(
    url: &str,
    validators: &Validators,
    options: &FetchOptions,
) -> std::result::Result<FetchOutcome, String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err("only http, https and file URLs can be fetched".into());
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(options.max_redirects)
        .max_redirects_will_error(true)
        .user_agent(options.user_agent.as_str())
        .accept(ACCEPT)
        .timeout_connect(Some(options.connect_timeout))
        .timeout_per_read(Some(options.read_timeout))
        .timeout_global(Some(global_timeout(options)))
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(etag) = validators.etag.as_deref().filter(|v| is_header_safe(v)) {
        request = request.header("If-None-Match", etag);
    }
    if let Some(date) = validators
        .last_modified
        .as_deref()
        .filter(|v| is_header_safe(v))
    {
        request = request.header("If-Modified-Since", date);
    }
    let mut response = request.call().map_err(|e| describe(&e, options))?;
    let status = response.status();
    if status == StatusCode::NOT_MODIFIED {
        return Ok(FetchOutcome::NotModified);
    }
    if status.is_redirection() {
        return Err(format!(
            "HTTP {} redirect not followed (limit of {} redirects)",
            status.as_u16(),
            options.max_redirects
        ));
    }
    if !status.is_success() {
        return Err(format!(
            "HTTP {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("error")
        ));
    }
    let final_url = response.get_uri().to_string();
    let headers = response.headers().clone();
    if let Some(length) = header(&headers, "content-length").and_then(|v| v.parse::<u64>().ok())
        && length > options.max_bytes
    {
        return Err(too_large(options.max_bytes, Some(length)));
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(options.max_bytes)
        .read_to_vec()
        .map_err(|e| describe(&e, options))?;
    let content_type = header(&headers, "content-type");
    let (bytes, content_type) = undo_transcoding(bytes, content_type);
    Ok(FetchOutcome::Fetched {
        bytes,
        final_url,
        content_type,
        validators: Validators {
            etag: header(&headers, "etag"),
            last_modified: header(&headers, "last-modified"),
        },
    })
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Validators come from the store, which got them from a server: never send one that would
/// break the request line.
fn is_header_safe(value: &str) -> bool {
    !value.is_empty()
        && value.len() < 1024
        && value
            .bytes()
            .all(|b| b == b'\t' || (b' '..0x7f).contains(&b))
}

fn too_large(max: u64, declared: Option<u64>) -> String {
    let limit = human_bytes(max);
    match declared {
        Some(n) => format!(
            "response is {} , over the {limit} limit; not downloaded",
            human_bytes(n)
        ),
        None => format!("response is over the {limit} limit; download stopped"),
    }
    .replace(" ,", ",")
}

fn human_bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else {
        format!("{n} bytes")
    }
}

fn describe(error: &ureq::Error, options: &FetchOptions) -> String {
    use ureq::Error as E;
    match error {
        E::Timeout(kind) => {
            let (what, limit) = match kind {
                ureq::Timeout::Connect | ureq::Timeout::Resolve => {
                    ("connecting", options.connect_timeout)
                }
                ureq::Timeout::Global | ureq::Timeout::PerCall => {
                    ("in total", global_timeout(options))
                }
                _ => ("waiting for data", options.read_timeout),
            };
            format!("timed out {what} (limit {})", seconds(limit))
        }
        E::TooManyRedirects => format!(
            "more than {} redirects (a redirect loop?)",
            options.max_redirects
        ),
        E::BodyExceedsLimit(max) => too_large(*max, None),
        E::HostNotFound => "host not found".into(),
        E::ConnectionFailed => "connection failed".into(),
        E::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                format!(
                    "timed out waiting for data (limit {})",
                    seconds(options.read_timeout)
                )
            }
            _ => format!("network error: {io}"),
        },
        other => other.to_string(),
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 && d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{s:.2} s")
    }
}

/// With its `charset` feature, ureq turns a `text/*; charset=X` body into UTF-8. The bytes we
/// return must describe themselves, so the content type then says UTF-8 and an XML declaration
/// that still names X is rewritten (feed-rs would otherwise decode the UTF-8 as X again).
fn undo_transcoding(bytes: Vec<u8>, content_type: Option<String>) -> (Vec<u8>, Option<String>) {
    let Some(ct) = content_type else {
        return (bytes, None);
    };
    let mut parts = ct.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let p = p.trim();
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    });
    let transcoded = mime.starts_with("text/")
        && charset
            .as_deref()
            .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
            .is_some_and(|enc| enc != encoding_rs::UTF_8);
    if !transcoded {
        return (bytes, Some(ct));
    }
    (
        rewrite_xml_encoding(bytes),
        Some(format!("{mime}; charset=utf-8")),
    )
}

/// Replaces the `encoding="…"` of a leading XML declaration with `utf-8`.
#[must_use]
pub fn rewrite_xml_encoding(bytes: Vec<u8>) -> Vec<u8> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(0);
    let Some(head) = bytes.get(start..) else {
        return bytes;
    };
    if !head.starts_with(b"<?xml") {
        return bytes;
    }
    let Some(end) = head.windows(2).position(|w| w == b"?>") else {
        return bytes;
    };
    let Some(decl) = head.get(..end).and_then(|d| std::str::from_utf8(d).ok()) else {
        return bytes;
    };
    let Some(at) = decl.find("encoding") else {
        return bytes;
    };
    let after = decl.get(at + "encoding".len()..).unwrap_or("");
    let Some(q_pos) = after.find(['"', '\'']) else {
        return bytes;
    };
    let quote = after.get(q_pos..=q_pos).unwrap_or("\"");
    let value_start = at + "encoding".len() + q_pos + 1;
    let Some(value_len) = decl.get(value_start..).and_then(|r| r.find(quote)) else {
        return bytes;
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(bytes.get(..start + value_start).unwrap_or_default());
    out.extend_from_slice(b"utf-8");
    out.extend_from_slice(
        bytes
            .get(start + value_start + value_len..)
            .unwrap_or_default(),
    );
    out
}

/// `file:///x` or a path without a scheme (`./feed.xml`, `/tmp/a.xml`, `C:\…`).
fn local_path(url: &str) -> Option<std::path::PathBuf> {
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

fn fetch_file(
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
    fn rewrites_declared_encoding() {
        let cases: &[(&[u8], &[u8])] = &[
            (
                b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss/>",
                b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss/>",
            ),
            (
                b"\n <?xml version='1.0' encoding='big5' ?><a/>",
                b"\n <?xml version='1.0' encoding='utf-8' ?><a/>",
            ),
            (
                b"<?xml version=\"1.0\"?><rss/>",
                b"<?xml version=\"1.0\"?><rss/>",
            ),
            (b"<rss encoding=\"x\"/>", b"<rss encoding=\"x\"/>"),
            (b"<?xml encoding=\"", b"<?xml encoding=\""),
            (b"", b""),
        ];
        for (input, want) in cases {
            assert_eq!(
                rewrite_xml_encoding(input.to_vec()),
                want.to_vec(),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn transcoding_only_for_text_with_legacy_charset() {
        let body = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss/>".to_vec();
        let cases = [
            ("text/xml; charset=windows-1252", true),
            ("text/xml; charset=\"ISO-8859-1\"", true),
            ("text/xml; charset=utf-8", false),
            ("application/rss+xml; charset=windows-1252", false),
            ("text/xml; charset=no-such-thing", false),
            ("text/xml", false),
        ];
        for (ct, rewritten) in cases {
            let (out, out_ct) = undo_transcoding(body.clone(), Some(ct.to_string()));
            assert_eq!(out != body, rewritten, "{ct}");
            assert_eq!(
                out_ct
                    .as_deref()
                    .is_some_and(|c| c.ends_with("charset=utf-8")),
                rewritten || ct.ends_with("utf-8"),
                "{ct}"
            );
        }
    }

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
    fn unsafe_validators_are_not_sent() {
        assert!(is_header_safe("\"abc\""));
        assert!(!is_header_safe("a\r\nX-Evil: 1"));
        assert!(!is_header_safe(""));
    }

    #[test]
    fn other_schemes_are_refused() {
        let err = fetch(
            "ftp://example.com/x",
            &Validators::default(),
            &FetchOptions::default(),
        );
        let msg = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("'ftp://example.com/x'"), "{msg}");
    }
}
