//! HTTP GET (and `file://` reads) with bounded time, bounded size, a redirect limit, gzip and
//! conditional requests. This module returns bytes and validators; it never parses them.
//!
//! Time is bounded three ways: `connect_timeout`, `read_timeout` per socket read, and a global
//! budget of `connect_timeout + 2 × read_timeout` for the whole exchange (redirects and body
//! included), so a server that drips one byte a second cannot hold a fetch open forever.
//!
//! Size is bounded by `max_bytes`, counted after gzip decoding: a declared `Content-Length` over
//! the cap is refused before the body is read, and an undeclared one stops one byte past the cap.

use std::io::Read as _;
use std::time::Duration;

use ureq::ResponseExt;
use ureq::http::{HeaderMap, StatusCode};

use crate::error::{Error, Result};
use crate::feeds::{FetchOptions, FetchOutcome, Validators};

mod charset;
mod local;

pub use charset::rewrite_xml_encoding;
use charset::undo_transcoding;
use local::{fetch_file, local_path};

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
    let mut config = ureq::Agent::config_builder();
    // Proxies come from the environment (HTTP_PROXY, NO_PROXY), except for loopback: a local
    // server (and every test) is reached directly.
    if is_loopback(url) {
        config = config.proxy(None);
    }
    let agent: ureq::Agent = config
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
            "HTTP {} redirect not followed (limit of {})",
            status.as_u16(),
            redirects(options.max_redirects)
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
    let length = header(&headers, "content-length").and_then(|v| v.parse::<u64>().ok());
    if let Some(length) = length
        && length > options.max_bytes
    {
        return Err(too_large(options.max_bytes, Some(length)));
    }
    // Sized up front when the length is announced (and not compressed, which ureq undoes), so a
    // 5 MB feed takes 5 MB, not the 8 MB that doubling a growing buffer ends at.
    let compressed = header(&headers, "content-encoding").is_some();
    let capacity = length.filter(|_| !compressed).unwrap_or(0);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    response
        .body_mut()
        .with_config()
        .limit(options.max_bytes)
        .reader()
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(e, options))?;
    bytes.shrink_to_fit();
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

fn is_loopback(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| match u.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
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
            "response is {}, over the {limit} limit; not downloaded",
            human_bytes(n)
        ),
        None => format!("response is over the {limit} limit; download stopped"),
    }
}

fn redirects(n: u32) -> String {
    if n == 1 {
        "1 redirect".into()
    } else {
        format!("{n} redirects")
    }
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

/// A body read's error: ureq's own (a timeout, the size limit) travels inside the I/O error.
fn describe_io(error: std::io::Error, options: &FetchOptions) -> String {
    match error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
    {
        Some(inner) => describe(inner, options),
        None => describe(&ureq::Error::Io(error), options),
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
            "more than {} (a redirect loop?)",
            redirects(options.max_redirects)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for (url, want) in [
            ("http://127.0.0.1:8080/f", true),
            ("http://localhost/f", true),
            ("http://[::1]/f", true),
            ("https://example.com/f", false),
            ("http://10.0.0.1/f", false),
        ] {
            assert_eq!(is_loopback(url), want, "{url}");
        }
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
