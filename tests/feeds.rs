//! The feeds layer end to end against a loopback server started here: fetch → parse → page.
//! Fixtures are in `tests/fixtures/feeds`; misbehaving servers are generated in code. No test
//! touches the real network, and every slow path runs under short timeouts.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::OnceLock;
use std::time::Duration;

use byline::feeds::fetch::fetch;
use byline::feeds::page::{discover_feed, extract_article};
use byline::feeds::parse::parse;
use byline::feeds::{FetchOptions, FetchOutcome, Validators};
use tiny_http::{Header, Request, Response, Server, StatusCode};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds");
const BIG: usize = 50 * 1024 * 1024;

/// One server for the whole file, a thread per request (the 50 MB body must not block others).
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let server = Server::http("127.0.0.1:0").expect("bind loopback");
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .expect("ip listener");
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                std::thread::spawn(move || respond(request));
            }
        });
        format!("http://127.0.0.1:{port}")
    })
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn request_header(request: &Request, name: &str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.to_string().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_string())
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("fixture exists")
}

fn respond(request: Request) {
    let path = request.url().to_string();
    let data = |bytes: Vec<u8>, ct: &str| {
        Response::from_data(bytes).with_header(header("Content-Type", ct))
    };
    let response = match path.as_str() {
        "/rss2.xml" | "/linkonly.xml" | "/broken.xml" | "/rdf.xml" => {
            data(fixture(path.trim_start_matches('/')), "application/rss+xml")
        }
        "/atom.xml" => data(fixture("atom.xml"), "application/atom+xml"),
        "/feed.json" => data(fixture("feed.json"), "application/feed+json"),
        "/index.html" | "/pages/dam.html" | "/pages/library.html" => {
            let name = path.rsplit('/').next().unwrap_or_default();
            data(fixture(name), "text/html; charset=utf-8")
        }
        "/latin1-text.xml" => data(fixture("latin1.xml"), "text/xml; charset=windows-1252"),
        "/latin1-app.xml" => data(fixture("latin1.xml"), "application/xml"),
        "/ua" => data(
            request_header(&request, "User-Agent")
                .unwrap_or_default()
                .into_bytes(),
            "text/plain",
        ),
        "/conditional.xml" => {
            if request_header(&request, "If-None-Match").as_deref() == Some("\"v1\"")
                || request_header(&request, "If-Modified-Since").as_deref()
                    == Some("Wed, 01 May 2024 10:00:00 GMT")
            {
                Response::from_data(Vec::new()).with_status_code(304)
            } else {
                data(fixture("rss2.xml"), "application/rss+xml")
                    .with_header(header("ETag", "\"v1\""))
                    .with_header(header("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT"))
            }
        }
        "/gzip.xml" => {
            let accepts = request_header(&request, "Accept-Encoding").unwrap_or_default();
            if accepts.contains("gzip") {
                let mut enc =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                let _ = enc.write_all(&fixture("rss2.xml"));
                data(enc.finish().unwrap_or_default(), "application/rss+xml")
                    .with_header(header("Content-Encoding", "gzip"))
            } else {
                data(b"client did not accept gzip".to_vec(), "text/plain").with_status_code(406)
            }
        }
        "/redirect/1" => redirect("/redirect/2"),
        "/redirect/2" => redirect("/rss2.xml"),
        "/loop" => redirect("/loop"),
        "/missing" => data(b"gone".to_vec(), "text/plain").with_status_code(404),
        "/error" => data(b"oops".to_vec(), "text/plain").with_status_code(500),
        "/big-declared" | "/big-chunked" => {
            let length = (path == "/big-declared").then_some(BIG);
            let body = std::io::repeat(b'a').take(BIG as u64);
            let response = Response::new(
                StatusCode(200),
                vec![header("Content-Type", "application/xml")],
                body,
                length,
                None,
            )
            // tiny_http would switch a long body to chunked; keep the declared length.
            .with_chunked_threshold(if length.is_some() {
                usize::MAX
            } else {
                32 * 1024
            });
            let _ = request.respond(response);
            return;
        }
        _ => data(b"not found".to_vec(), "text/plain").with_status_code(404),
    };
    let _ = request.respond(response);
}

fn redirect(to: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(Vec::new())
        .with_status_code(302)
        .with_header(header("Location", to))
}

fn url(path: &str) -> String {
    format!("{}{path}", base())
}

fn quick() -> FetchOptions {
    FetchOptions {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    }
}

fn get(path: &str) -> FetchOutcome {
    fetch(&url(path), &Validators::default(), &quick()).expect("fetch succeeds")
}

fn body(outcome: FetchOutcome) -> (Vec<u8>, String, Option<String>, Validators) {
    match outcome {
        FetchOutcome::Fetched {
            bytes,
            final_url,
            content_type,
            validators,
        } => (bytes, final_url, content_type, validators),
        FetchOutcome::NotModified => panic!("expected a body, got 304"),
    }
}

fn fetch_error(path: &str, options: &FetchOptions) -> String {
    match fetch(&url(path), &Validators::default(), options) {
        Ok(_) => panic!("{path}: expected an error"),
        Err(e) => e.to_string(),
    }
}

fn fetch_and_parse(path: &str) -> byline::feeds::FeedDraft {
    let (bytes, final_url, ..) = body(get(path));
    parse(&bytes, &final_url).expect("parses")
}

#[test]
fn rss2_over_http() {
    let feed = fetch_and_parse("/rss2.xml");
    assert_eq!(feed.title.as_deref(), Some("The Harbour Gazette"));
    assert_eq!(feed.articles.len(), 3);
    let first = &feed.articles[0];
    assert_eq!(
        first.url.as_deref(),
        Some(url("/2024/05/ferry-timetable.html").as_str()),
        "relative link resolved against the feed URL"
    );
    assert_eq!(first.guid.as_deref(), Some("gazette-2024-0501"));
    assert_eq!(first.author.as_deref(), Some("Mara Quinn"));
    assert_eq!(first.published, Some(1_714_555_800));
    assert!(
        first
            .content
            .as_deref()
            .is_some_and(|c| c.contains("said councillor Ada Brennan"))
    );
    assert_eq!(
        first.summary.as_deref(),
        Some("The council voted 7–2 for the change.")
    );
    let second = &feed.articles[1];
    assert!(
        second
            .author
            .as_deref()
            .is_some_and(|a| a.contains("Lena Park")),
        "{:?}",
        second.author
    );
    assert_eq!(second.content, None);
    assert!(
        second
            .summary
            .as_deref()
            .is_some_and(|s| s.contains("<p>Gusts")),
        "summary stays raw HTML"
    );
    let text = byline::text::html::html_to_text_at(
        first.content.as_deref().unwrap_or_default(),
        first.url.as_deref(),
    );
    assert!(
        text.contains("the new timetable[1] starts in June."),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("[1]: {}", url("/docs/timetable.pdf"))),
        "{text}"
    );
    let teasers: Vec<bool> = feed
        .articles
        .iter()
        .map(byline::feeds::parse::needs_page)
        .collect();
    assert_eq!(
        teasers,
        [false, true, false],
        "full content; short summary with a link; no link"
    );
    let third = &feed.articles[2];
    assert_eq!(
        (
            third.title.as_deref(),
            third.url.as_deref(),
            third.guid.as_deref()
        ),
        (None, None, None)
    );
}

#[test]
fn atom_over_http() {
    let feed = fetch_and_parse("/atom.xml");
    assert_eq!(feed.title.as_deref(), Some("Field Notes"));
    assert_eq!(feed.site_url.as_deref(), Some("http://atom.test/blog/"));
    let first = &feed.articles[0];
    assert_eq!(
        first.url.as_deref(),
        Some("http://atom.test/blog/posts/birds.html"),
        "xml:base applies, enclosure ignored"
    );
    assert_eq!(first.author.as_deref(), Some("Iris Vale, Omar Sadiq"));
    assert_eq!(
        first.published,
        Some(1_709_276_400),
        "published wins over updated"
    );
    assert_eq!(first.summary.as_deref(), Some("A short summary."));
    assert!(
        first
            .content
            .as_deref()
            .is_some_and(|c| c.contains("The swallows are back early"))
    );
    let second = &feed.articles[1];
    assert_eq!(
        second.published,
        Some(1_709_546_400),
        "updated when there is no published"
    );
    assert!(
        second
            .content
            .as_deref()
            .is_some_and(|c| c.contains("XHTML")),
        "{:?}",
        second.content
    );
}

#[test]
fn json_feed_over_http() {
    let feed = fetch_and_parse("/feed.json");
    assert_eq!(feed.title.as_deref(), Some("Signal Weekly"));
    assert_eq!(feed.site_url.as_deref(), Some("https://json.test/"));
    let [a, b] = feed.articles.as_slice() else {
        panic!("two items: {feed:?}")
    };
    assert_eq!(a.url.as_deref(), Some("https://json.test/101"));
    assert_eq!(a.guid.as_deref(), Some("sw-101"));
    assert_eq!(a.author.as_deref(), Some("Noor Haddad"));
    assert!(a.content.as_deref().is_some_and(|c| c.starts_with("<p>")));
    assert_eq!(a.summary.as_deref(), Some("The bridge is open again."));
    assert_eq!(
        b.content.as_deref(),
        Some("No markup here. \"Fine,\" she said.")
    );
}

#[test]
fn rss1_rdf_over_http() {
    let feed = fetch_and_parse("/rdf.xml");
    assert_eq!(feed.articles.len(), 1);
    assert_eq!(feed.articles[0].author.as_deref(), Some("Kai Moreau"));
    assert_eq!(feed.articles[0].published, Some(1_704_164_645));
}

#[test]
fn link_only_feed_with_its_pages() {
    let feed = fetch_and_parse("/linkonly.xml");
    assert!(
        feed.articles
            .iter()
            .all(|a| a.content.is_none() && a.summary.is_none())
    );
    assert!(feed.articles.iter().all(byline::feeds::parse::needs_page));
    let urls: Vec<_> = feed.articles.iter().filter_map(|a| a.url.clone()).collect();
    assert_eq!(urls, [url("/pages/dam.html"), url("/pages/library.html")]);

    let (bytes, final_url, content_type, _) =
        body(fetch(&urls[0], &Validators::default(), &quick()).expect("page"));
    let html = byline::feeds::page::decode(&bytes, content_type.as_deref());
    let (title, text) = extract_article(&html, &final_url);
    assert!(title.is_some_and(|t| t.contains("Dam project delayed")));
    assert!(
        text.contains(
            "\"We would rather be late than wrong,\" said the authority's chief engineer"
        ),
        "{text}"
    );
    assert!(text.contains("original survey[1]"), "{text}");
    assert!(
        text.contains(&format!("[1]: {}", url("/docs/dam-survey.pdf"))),
        "{text}"
    );
    assert!(text.contains("[2]: https://finance.test/report"), "{text}");
    assert!(
        !text.contains("do-not-show") && !text.contains("font-family"),
        "scripts and styles dropped: {text}"
    );
    assert!(!text.contains("Most read"), "sidebar left out: {text}");

    let (bytes, final_url, ..) =
        body(fetch(&urls[1], &Validators::default(), &quick()).expect("page"));
    let (title, text) = extract_article(&String::from_utf8_lossy(&bytes), &final_url);
    assert_eq!(title.as_deref(), Some("Library extends opening hours"));
    assert!(text.contains("Short page."), "whole-page fallback: {text}");
}

#[test]
fn feed_discovery_from_a_page() {
    let (bytes, final_url, ..) = body(get("/index.html"));
    let found = discover_feed(&String::from_utf8_lossy(&bytes), &final_url);
    assert_eq!(
        found,
        Some(url("/linkonly.xml")),
        "RSS preferred, commented-out link ignored"
    );
    let feed = fetch_and_parse("/linkonly.xml");
    assert_eq!(feed.title.as_deref(), Some("Link Digest"));
}

#[test]
fn malformed_xml_is_one_clear_line() {
    let (bytes, final_url, ..) = body(get("/broken.xml"));
    let message = parse(&bytes, &final_url)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.starts_with(&format!("feed '{}': malformed XML", url("/broken.xml"))),
        "{message}"
    );
    assert!(!message.contains('\n'), "{message}");
}

#[test]
fn declared_encodings_are_honoured() {
    for path in ["/latin1-app.xml", "/latin1-text.xml"] {
        let feed = fetch_and_parse(path);
        assert_eq!(feed.title.as_deref(), Some("Café – Crème"), "{path}");
        assert_eq!(
            feed.articles[0].title.as_deref(),
            Some("Déjà vu “quoted”"),
            "{path}"
        );
    }
}

#[test]
fn conditional_requests_and_validators() {
    let (_, _, _, validators) = body(get("/conditional.xml"));
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        validators.last_modified.as_deref(),
        Some("Wed, 01 May 2024 10:00:00 GMT")
    );
    let again = fetch(&url("/conditional.xml"), &validators, &quick()).expect("conditional fetch");
    assert_eq!(again, FetchOutcome::NotModified);
    let only_date = Validators {
        etag: None,
        last_modified: validators.last_modified,
    };
    assert_eq!(
        fetch(&url("/conditional.xml"), &only_date, &quick()).expect("by date"),
        FetchOutcome::NotModified
    );
}

#[test]
fn gzip_is_decoded() {
    let feed = fetch_and_parse("/gzip.xml");
    assert_eq!(feed.articles.len(), 3);
}

#[test]
fn redirects_followed_and_loops_refused() {
    let (_, final_url, ..) = body(get("/redirect/1"));
    assert_eq!(final_url, url("/rss2.xml"));
    let message = fetch_error("/loop", &quick());
    assert!(
        message.contains(&url("/loop")) && message.contains("more than 5 redirects"),
        "{message}"
    );
    let one = FetchOptions {
        max_redirects: 1,
        ..quick()
    };
    let message = fetch_error("/redirect/1", &one);
    assert!(
        message.ends_with("more than 1 redirect (a redirect loop?)"),
        "{message}"
    );
    let none = FetchOptions {
        max_redirects: 0,
        ..quick()
    };
    let message = fetch_error("/redirect/1", &none);
    assert!(
        message.ends_with("HTTP 302 redirect not followed (limit of 0 redirects)"),
        "{message}"
    );
}

#[test]
fn http_errors_are_clear() {
    assert_eq!(
        fetch_error("/missing", &quick()),
        format!("feed '{}': HTTP 404 Not Found", url("/missing"))
    );
    assert_eq!(
        fetch_error("/error", &quick()),
        format!("feed '{}': HTTP 500 Internal Server Error", url("/error"))
    );
}

#[test]
fn polite_user_agent() {
    let (bytes, ..) = body(get("/ua"));
    let ua = String::from_utf8_lossy(&bytes).to_string();
    assert!(
        ua.starts_with("byline/") && ua.contains("news reader"),
        "{ua}"
    );
}

#[test]
fn fifty_megabyte_bodies_are_refused() {
    let message = fetch_error("/big-declared", &quick());
    assert!(
        message.contains("50 MiB, over the 20 MiB limit"),
        "{message}"
    );
    let message = fetch_error("/big-chunked", &quick());
    assert!(message.contains("over the 20 MiB limit"), "{message}");
}

/// A server that accepts, reads the request, sends headers, then drips a byte every 50 ms for
/// at most 20 s (the client gives up long before).
fn slow_server(send_headers: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf);
        if send_headers {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n<rss version=\"2.0\">",
            );
        }
        for _ in 0..400 {
            std::thread::sleep(Duration::from_millis(50));
            if send_headers
                && stream
                    .write_all(b" ")
                    .and_then(|()| stream.flush())
                    .is_err()
            {
                return;
            }
        }
    });
    format!("http://{addr}/feed.xml")
}

#[test]
fn slow_servers_time_out() {
    // The drip (a byte every 50 ms) stays far inside the 600 ms read timeout even on a loaded
    // machine, so only the global budget (0.2 + 2 × 0.6 s) can end it.
    let options = FetchOptions {
        connect_timeout: Duration::from_millis(200),
        read_timeout: Duration::from_millis(600),
        ..FetchOptions::default()
    };
    let silent = slow_server(false);
    let message = fetch(&silent, &Validators::default(), &options)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.starts_with(&format!(
            "feed '{silent}': timed out waiting for data (limit 0.60 s)"
        )),
        "{message}"
    );

    let drip = slow_server(true);
    let message = fetch(&drip, &Validators::default(), &options)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.starts_with(&format!("feed '{drip}': timed out in total (limit 1.40 s)")),
        "{message}"
    );
}

#[test]
fn connection_refused_is_clear() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port");
    let dead = format!("http://127.0.0.1:{port}/feed.xml");
    let message = fetch(&dead, &Validators::default(), &quick())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.starts_with(&format!("feed '{dead}': ")) && !message.contains('\n'),
        "{message}"
    );
}
