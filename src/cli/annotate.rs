//! `byline annotate`: one article as JSON or a readable listing, or a JSONL batch.

use std::io::{BufRead, BufWriter, Read, Write};
use std::path::Path;

use anyhow::{Context, bail};

use crate::annotate::{annotate, json};
use crate::cli::AnnotateFormat;
use crate::model::{Annotations, Document};
use crate::text::document::{self, Format};

/// Runs `byline annotate`.
///
/// # Errors
/// Unreadable input, a malformed JSONL line, or a failed write.
pub fn run(file: &str, format: AnnotateFormat, jsonl: bool) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    // Large buffers: a batch writes about 20 KB a document through a pipe.
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if jsonl {
        widen_pipes();
        return batch(
            std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock()),
            &mut out,
        );
    }
    let (raw, fmt) = read_input(file)?;
    let doc = document::parse(&raw, fmt);
    let ann = annotate(&doc.body);
    match format {
        AnnotateFormat::Json => {
            let mut buf = Vec::new();
            json::write_annotations(&mut buf, &doc, &ann, None)?;
            buf.push(b'\n');
            out.write_all(&buf)?;
        }
        AnnotateFormat::Text => out.write_all(listing(&doc, &ann).as_bytes())?,
    }
    out.flush()?;
    Ok(())
}

/// Gives standard input and output a 1 MiB pipe buffer when they are pipes (Linux), so that a
/// batch writing ~17 KB of JSON a document runs ahead of its reader instead of waking up for
/// every 64 KiB it drains: through the scorer's pipes that is about a tenth of the wall time.
/// Anything else (a file, a terminal, a pipe already as wide as the system allows) is left as it
/// is.
fn widen_pipes() {
    #[cfg(target_os = "linux")]
    {
        const WIDE: usize = 1 << 20;
        // Failures are expected (not a pipe, or a lower `pipe-max-size`) and change nothing.
        let _ = rustix::pipe::fcntl_setpipe_size(std::io::stdout(), WIDE);
        let _ = rustix::pipe::fcntl_setpipe_size(std::io::stdin(), WIDE);
    }
}

fn read_input(file: &str) -> anyhow::Result<(String, Option<Format>)> {
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        buf
    } else {
        std::fs::read(file).with_context(|| format!("cannot read '{file}'"))?
    };
    let fmt = Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    Ok((String::from_utf8_lossy(&bytes).into_owned(), fmt))
}

/// One input line of the batch mode; other keys are ignored.
#[derive(serde::Deserialize)]
struct BatchLine<'a> {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
}

/// Reads `{"id", "text"}` lines and writes one annotations object per line, in order.
///
/// # Errors
/// A line that is not such an object (named by its number), or a failed read or write.
pub fn batch(mut input: impl BufRead, out: &mut impl Write) -> anyhow::Result<()> {
    keep_heap_pages();
    let mut buf = Vec::with_capacity(1 << 17);
    let mut line = Vec::with_capacity(1 << 16);
    let mut n = 0usize;
    loop {
        line.clear();
        if input
            .read_until(b'\n', &mut line)
            .context("cannot read standard input")?
            == 0
        {
            break;
        }
        n += 1;
        if line.trim_ascii().is_empty() {
            continue;
        }
        // serde_json checks that the strings it reads are UTF-8.
        let Ok(item) = serde_json::from_slice::<BatchLine<'_>>(&line) else {
            // Only the error path parses twice, to say what is wrong.
            let v: serde_json::Value =
                serde_json::from_slice(&line).with_context(|| format!("line {n}: not JSON"))?;
            bail!(
                "line {n}: no \"text\" string (keys: {})",
                v.as_object().map_or(String::new(), |o| o
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "))
            );
        };
        let doc = document::parse(&item.text, Some(Format::Text));
        let ann = annotate(&doc.body);
        // Pure ASCII lines: the same JSON, decoded faster by the reader (see `json::write::ascii`).
        json::write_annotations_ascii(&mut buf, &doc, &ann, item.id.as_ref())?;
        buf.push(b'\n');
        // Lines are handed on 64 KB at a time: a write that large goes through the BufWriter
        // without being copied into it.
        if buf.len() >= 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(())
}

/// A readable listing: each speaker with their quotes, then entities and topics.
#[must_use]
pub fn listing(doc: &Document, ann: &Annotations) -> String {
    use std::fmt::Write as _;
    let text = doc.body.as_str();
    let mut s = String::new();
    if let Some(t) = &doc.title {
        let _ = writeln!(s, "{t}\n");
    }
    for (i, sp) in ann.speakers.iter().enumerate() {
        let quotes: Vec<_> = ann.quotes.iter().filter(|q| q.speaker == Some(i)).collect();
        let aka = if sp.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also {})", sp.aliases.join(", "))
        };
        let _ = writeln!(
            s,
            "{} [{}]{aka}: {} quotes, {} mentions",
            sp.name,
            sp.kind.as_str(),
            quotes.len(),
            sp.mentions.len()
        );
        for q in quotes {
            let _ = writeln!(s, "  {:<8} {}", q.kind.as_str(), q.span.slice(text));
        }
    }
    let orphans: Vec<_> = ann.quotes.iter().filter(|q| q.speaker.is_none()).collect();
    if !orphans.is_empty() {
        let _ = writeln!(s, "(unattributed): {} quotes", orphans.len());
        for q in orphans {
            let _ = writeln!(s, "  {:<8} {}", q.kind.as_str(), q.span.slice(text));
        }
    }
    let _ = writeln!(s, "\nEntities:");
    for e in &ann.entities {
        let _ = writeln!(
            s,
            "  {:<6} {} ({})",
            e.kind.as_str(),
            e.name,
            e.mentions.len()
        );
    }
    let _ = writeln!(s, "\nTopics:");
    for t in &ann.topics {
        let _ = writeln!(s, "  {:.2} {}", t.score, t.label);
    }
    s
}

/// Asks the C allocator to keep the pages the batch frees between documents instead of handing
/// them back to the system and faulting them in again for the next document (a page fault costs
/// microseconds on a virtual machine: ~1,700 of them were 7 % of a dev-corpus batch). glibc
/// raises its trim threshold to twice the size of the largest mapped block freed so far (up to
/// 64 MiB), so one 4 MiB block allocated and freed here keeps up to 8 MiB of free heap mapped.
/// Peak memory is unchanged: only pages that were in use stay mapped. Other allocators ignore it.
fn keep_heap_pages() {
    let block: Vec<u8> = Vec::with_capacity(4 << 20);
    drop(std::hint::black_box(block));
}
