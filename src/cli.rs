//! The command line: clap definitions and dispatch. The only place, with `main`, that uses anyhow.

pub mod annotate;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "byline",
    version,
    about = "A terminal news reader that knows who said what"
)]
pub struct Cli {
    /// Article files (text, Markdown, HTML) to open straight in the reader.
    pub files: Vec<PathBuf>,
    /// Library folder (default: the XDG data dir; also BYLINE_DATA).
    #[arg(long, global = true, env = "BYLINE_DATA")]
    pub data: Option<PathBuf>,
    /// Configuration file (default: the XDG config dir's byline/config.toml).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Annotate one article (or a JSONL batch) and print speakers, quotes, entities and topics.
    Annotate {
        /// Article file, or '-' for standard input.
        #[arg(default_value = "-")]
        file: String,
        #[arg(long, value_enum, default_value_t = AnnotateFormat::Text)]
        format: AnnotateFormat,
        /// Batch mode: read {"id", "text"} lines on stdin, write one annotations object per line.
        #[arg(long)]
        jsonl: bool,
    },
    /// Add a feed URL, a web page, an article file or a folder of them to the library.
    Add { source: String },
    /// Fetch every feed in the library.
    Fetch {
        /// Feeds fetched at once.
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
        threads: u16,
    },
    /// List the library's sources with their last fetch result.
    Feeds,
    /// Import feeds from an OPML file.
    Import { file: PathBuf },
    /// Export the library: feeds as OPML, or annotations as JSON or W3C Web Annotation.
    Export {
        /// Write the feed list as OPML.
        #[arg(long)]
        opml: bool,
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Only this article (its id in the library).
        #[arg(long)]
        article: Option<i64>,
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print the default configuration (every option, commented).
    Config,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnnotateFormat {
    Json,
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    W3c,
}

/// Runs the command line.
///
/// # Errors
/// Any failure, with a message for the user.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Annotate {
            file,
            format,
            jsonl,
        }) => annotate::run(&file, format, jsonl),
        Some(Command::Config) => {
            print!("{}", crate::config::DEFAULT_TOML);
            Ok(())
        }
        Some(other) => crate::library::cli::run(other, cli.data.as_deref()),
        None => crate::tui::run(&cli.files, cli.data.as_deref(), cli.config.as_deref()),
    }
}
