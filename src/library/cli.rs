//! The library subcommands on the command line: `add`, `import`, `export`, `feeds`, `fetch`.
//! Output for people on stdout, progress and per-feed errors on stderr.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, bail};

use crate::cli::{Command, ExportFormat};
use crate::library::{self, Added, FeedOutcome, FetchConfig, Progress, export, opml};
use crate::store::{self, Store};

/// Runs a library subcommand against the library in `data` (default: the XDG data dir).
///
/// # Errors
/// Any failure, with a message naming the file, URL or library.
pub fn run(cmd: Command, data: Option<&Path>) -> anyhow::Result<()> {
    let dir = store::data_dir(data)?;
    match cmd {
        Command::Add { source } => add(&dir, &source),
        Command::Import { file } => {
            let mut store = Store::open(&dir)?;
            let (new, old) = library::import_opml(&mut store, &file)?;
            println!(
                "imported {new} feeds from '{}' ({old} already in the library); run `byline fetch`",
                file.display()
            );
            Ok(())
        }
        Command::Feeds => feeds(&dir),
        Command::Fetch { threads } => fetch(&dir, usize::from(threads)),
        Command::Export {
            opml,
            format,
            article,
            output,
        } => {
            let store = Store::open_read_only(&dir).or_else(|_| Store::open(&dir))?;
            let mut out: Box<dyn Write> = match &output {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p)
                        .with_context(|| format!("cannot write '{}'", p.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            if opml {
                out.write_all(opml::write(&store.feeds()?).as_bytes())?;
                out.flush()?;
                return Ok(());
            }
            let ids = article.map(|a| vec![a]);
            match format {
                ExportFormat::Json => export::json_lines(&store, ids.as_deref(), &mut out)?,
                ExportFormat::W3c => export::w3c(&store, ids.as_deref(), &mut out)?,
            };
            Ok(())
        }
        Command::Annotate { .. } | Command::Config => bail!("not a library command"),
    }
}

fn add(dir: &Path, source: &str) -> anyhow::Result<()> {
    let mut store = Store::open(dir)?;
    match library::add(&mut store, source, &FetchConfig::default())? {
        Added::Feed {
            url, new, upserted, ..
        } => {
            let was = if new {
                "added feed"
            } else {
                "feed already in the library:"
            };
            println!(
                "{was} '{url}': {} new articles, {} updated",
                upserted.added, upserted.updated
            );
        }
        Added::Page { id, url } => println!("no feed at '{url}': stored the page as article {id}"),
        Added::Files { upserted, skipped } => {
            println!(
                "{} articles added, {} updated, {} unchanged",
                upserted.added, upserted.updated, upserted.unchanged
            );
            for (p, why) in &skipped {
                eprintln!("byline: skipped '{}': {why}", p.display());
            }
        }
    }
    let n = library::reannotate(&mut store)?;
    if n > 0 {
        println!("re-annotated {n} stored articles");
    }
    Ok(())
}

fn feeds(dir: &Path) -> anyhow::Result<()> {
    let store = Store::open_read_only(dir).or_else(|_| Store::open(dir))?;
    let feeds = store.feeds()?;
    if feeds.is_empty() {
        println!("no feeds yet: `byline add URL` or `byline import FILE.opml`");
    }
    for f in feeds {
        let when = f
            .last_fetched
            .and_then(export::rfc3339)
            .unwrap_or_else(|| "never fetched".into());
        let result = match &f.last_error {
            Some(e) => format!("FAILED: {e}"),
            None if f.last_fetched.is_some() => "ok".into(),
            None => "-".into(),
        };
        println!(
            "{:>4}  {}  ({} articles, {} unread)\n      {}  last: {when}  {result}",
            f.id,
            f.title.as_deref().unwrap_or("(untitled)"),
            f.articles,
            f.unread,
            f.url
        );
    }
    Ok(())
}

fn fetch(dir: &Path, threads: usize) -> anyhow::Result<()> {
    let mut store = Store::open(dir)?;
    let stale = library::reannotate(&mut store)?;
    if stale > 0 {
        eprintln!("re-annotated {stale} stored articles");
    }
    let cfg = FetchConfig {
        threads,
        ..FetchConfig::default()
    };
    let tty = std::io::stderr().is_terminal();
    let mut bar = Bar {
        tty,
        total: 0,
        new: 0,
        failed: 0,
    };
    let report = library::fetch_all(&mut store, &cfg, &mut |p| bar.show(p))?;
    if tty {
        eprint!("\r\x1b[2K");
    }
    println!(
        "{} feeds: {} new articles, {} updated, {} not modified, {} failed",
        report.feeds,
        report.added,
        report.updated,
        report.not_modified,
        report.errors.len()
    );
    Ok(())
}

/// A one-line progress bar on stderr (only on a terminal); feed errors always get their own line.
struct Bar {
    tty: bool,
    total: usize,
    new: usize,
    failed: usize,
}

impl Bar {
    fn show(&mut self, p: &Progress) {
        match p {
            Progress::Started { feeds } => self.total = *feeds,
            Progress::Feed {
                done, url, outcome, ..
            } => {
                match outcome {
                    FeedOutcome::Failed(msg) => {
                        self.failed += 1;
                        if self.tty {
                            eprint!("\r\x1b[2K");
                        }
                        eprintln!("byline: feed '{url}': {msg}");
                    }
                    FeedOutcome::Stored {
                        upserted,
                        pages_failed,
                    } => {
                        self.new += upserted.added;
                        if *pages_failed > 0 {
                            if self.tty {
                                eprint!("\r\x1b[2K");
                            }
                            eprintln!(
                                "byline: feed '{url}': {pages_failed} linked pages could not be fetched (retried next time)"
                            );
                        }
                    }
                    FeedOutcome::NotModified => {}
                }
                if self.tty {
                    let width = 30;
                    let filled = (done * width).checked_div(self.total).unwrap_or(width);
                    eprint!(
                        "\r[{}{}] {done}/{} feeds  {} new  {} failed",
                        "#".repeat(filled),
                        " ".repeat(width - filled),
                        self.total,
                        self.new,
                        self.failed
                    );
                }
            }
        }
    }
}
