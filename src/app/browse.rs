//! The list pane's rows: the library grouped by feed, library search results, the speakers
//! index, one speaker's quotes. Results of library tasks arrive here (`set_library`,
//! `searched`, `show_speakers`, `show_quotes`, `starred`, fetch progress). Part of `App`, split
//! out to keep `app.rs` short; no I/O.

use crate::action::Task;
use crate::error::Result;
use crate::model::ArticleMeta;
use crate::store::{ArticleHit, FeedGroup, QuoteRef, SearchResults, SpeakerCount};

use super::reader::Mark;
use super::{App, Focus};

/// One row of the list pane (two terminal lines each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A feed heading with its counts and last fetch error.
    Group(FeedGroup),
    Article(ArticleMeta),
    /// An article found by a library search, with its snippet.
    Hit(ArticleHit),
    /// A quote (a search hit, or one of a speaker's quotes).
    Quote(QuoteRef),
    Speaker(SpeakerCount),
}

/// What the list pane shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ListMode {
    /// Every article, grouped by feed.
    #[default]
    Library,
    /// Results of a library search for this text.
    Search(String),
    Speakers,
    /// One speaker's quotes across the library.
    Quotes(String),
}

impl App {
    /// Replaces the library's articles and groups (at start and after a fetch); the selection
    /// stays on the same article where it can.
    pub fn set_library(&mut self, articles: Vec<ArticleMeta>, groups: Vec<FeedGroup>) {
        let keep = self.selected_id();
        self.articles = articles;
        self.groups = groups;
        if self.mode == ListMode::Library {
            self.rows = library_rows(&self.articles, &self.groups);
            self.selected = keep
                .and_then(|id| self.row_of(id))
                .unwrap_or_else(|| self.first_article_row())
                .min(self.rows.len().saturating_sub(1));
        }
    }

    /// The row of an article in the current list.
    fn row_of(&self, id: i64) -> Option<usize> {
        self.rows
            .iter()
            .position(|r| matches!(r, Row::Article(m) if m.id == id))
    }

    fn first_article_row(&self) -> usize {
        self.rows
            .iter()
            .position(|r| matches!(r, Row::Article(_)))
            .unwrap_or(0)
    }

    /// Back to the whole library (Esc in the list).
    pub(super) fn show_library(&mut self) {
        self.mode = ListMode::Library;
        self.rows = library_rows(&self.articles, &self.groups);
        let keep = self.reader.as_ref().map(|r| r.id);
        self.selected = keep
            .and_then(|id| self.row_of(id))
            .unwrap_or_else(|| self.first_article_row());
        self.list_offset = 0;
    }

    fn show_rows(&mut self, mode: ListMode, rows: Vec<Row>) {
        self.mode = mode;
        self.rows = rows;
        self.selected = 0;
        self.list_offset = 0;
        self.focus = Focus::List;
    }

    /// Receives library search results (`Task::Search`).
    pub fn searched(&mut self, query: &str, result: Result<SearchResults>) {
        match result {
            Ok(found) => {
                let label = crate::text::normalize::normalize_line(query);
                self.report(
                    &format!(
                        "'{label}': {}, {} · Enter opens · Esc back to the list",
                        count(found.articles.len(), "article"),
                        count(found.quotes.len(), "quote")
                    ),
                    false,
                );
                let mut rows: Vec<Row> = found.quotes.into_iter().map(Row::Quote).collect();
                rows.splice(0..0, found.articles.into_iter().map(Row::Hit));
                self.show_rows(ListMode::Search(label), rows);
            }
            Err(e) => self.report(&e.to_string(), true),
        }
    }

    /// Receives the speakers index (`Task::Speakers`).
    pub fn show_speakers(&mut self, result: Result<Vec<SpeakerCount>>) {
        match result {
            Ok(speakers) => {
                self.report(
                    &format!(
                        "{} · Enter lists their quotes · Esc back to the list",
                        count(speakers.len(), "speaker")
                    ),
                    false,
                );
                self.show_rows(
                    ListMode::Speakers,
                    speakers.into_iter().map(Row::Speaker).collect(),
                );
            }
            Err(e) => self.report(&e.to_string(), true),
        }
    }

    /// Receives one speaker's quotes (`Task::QuotesOf`).
    pub fn show_quotes(&mut self, speaker: &str, result: Result<Vec<QuoteRef>>) {
        match result {
            Ok(quotes) => {
                self.report(
                    &format!(
                        "{} of {speaker} · Enter opens the article at the quote",
                        count(quotes.len(), "quote")
                    ),
                    false,
                );
                self.show_rows(
                    ListMode::Quotes(speaker.to_owned()),
                    quotes.into_iter().map(Row::Quote).collect(),
                );
            }
            Err(e) => self.report(&e.to_string(), true),
        }
    }

    /// Receives the result of `Task::ToggleStar`.
    pub fn starred(&mut self, id: i64, result: Result<bool>) {
        match result {
            Ok(on) => {
                for meta in self.metas_mut(id) {
                    meta.starred = on;
                }
                self.report(if on { "starred" } else { "unstarred" }, false);
            }
            Err(e) => self.report(&e.to_string(), true),
        }
    }

    /// Marks an article read everywhere it is shown, and counts it off its feed's unread.
    pub(super) fn note_read(&mut self, id: i64) {
        let Some(meta) = self.articles.iter().find(|m| m.id == id && !m.read) else {
            for meta in self.metas_mut(id) {
                meta.read = true;
            }
            return;
        };
        let feed = meta.feed_id;
        for meta in self.metas_mut(id) {
            meta.read = true;
        }
        let headings = self.rows.iter_mut().filter_map(|r| match r {
            Row::Group(g) => Some(g),
            _ => None,
        });
        for g in self.groups.iter_mut().chain(headings) {
            if g.feed_id == feed {
                g.unread = g.unread.saturating_sub(1);
            }
        }
    }

    /// Every copy of an article's metadata (the library list and the rows).
    pub(super) fn metas_mut(&mut self, id: i64) -> impl Iterator<Item = &mut ArticleMeta> {
        let rows = self.rows.iter_mut().filter_map(move |r| match r {
            Row::Article(m) if m.id == id => Some(m),
            Row::Hit(h) if h.meta.id == id => Some(&mut h.meta),
            _ => None,
        });
        self.articles
            .iter_mut()
            .filter(move |m| m.id == id)
            .chain(rows)
    }

    /// Makes quote `quote` of the open article current (after `Task::OpenQuote`).
    pub fn jump_to_quote(&mut self, id: i64, quote: usize) {
        if let Some(r) = self.reader.as_mut().filter(|r| r.id == id) {
            r.jump(Mark::Quote(quote));
            self.announce();
        }
    }

    /// A fetch is running: what it has done so far, for the status bar.
    pub fn fetch_progress(&mut self, text: &str) {
        self.fetching = Some(crate::text::normalize::normalize_line(text));
    }

    /// The fetch ended: its summary (or error) in the status line; the caller reloads the list.
    pub fn fetch_done(&mut self, summary: std::result::Result<String, String>) {
        self.fetching = None;
        match summary {
            Ok(text) => self.report(&text, false),
            Err(text) => self.report(&text, true),
        }
    }

    /// The metadata of the article the list selects, or else the one in the reader.
    pub(super) fn target_meta(&self) -> Option<&ArticleMeta> {
        let reader_id = self.reader.as_ref().map(|r| r.id);
        if self.focus != Focus::List
            && let Some(m) = reader_id.and_then(|id| self.articles.iter().find(|m| m.id == id))
        {
            return Some(m);
        }
        match self.rows.get(self.selected) {
            Some(Row::Article(m)) => Some(m),
            Some(Row::Hit(h)) => Some(&h.meta),
            Some(Row::Quote(q)) => self.articles.iter().find(|m| m.id == q.article_id),
            _ => None,
        }
    }

    /// Enter in the list.
    pub(super) fn open_row(&mut self) -> Option<Task> {
        match self.rows.get(self.selected)? {
            Row::Article(m) => Some(Task::Open(m.id)),
            Row::Hit(h) => Some(Task::Open(h.meta.id)),
            Row::Quote(q) => Some(Task::OpenQuote {
                id: q.article_id,
                quote: q.index,
            }),
            Row::Speaker(s) => Some(Task::QuotesOf(s.name.clone())),
            Row::Group(_) => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
                None
            }
        }
    }

    /// `r`: the feed of the selected group or article.
    pub(super) fn refresh_selected(&mut self) -> Option<Task> {
        let feed = match self.rows.get(self.selected) {
            Some(Row::Group(g)) => g.feed_id,
            _ => self.target_meta().and_then(|m| m.feed_id),
        };
        match feed {
            Some(id) => self.start_fetch(Some(vec![id])),
            None => {
                self.report("not from a feed: nothing to fetch", false);
                None
            }
        }
    }

    pub(super) fn start_fetch(&mut self, ids: Option<Vec<i64>>) -> Option<Task> {
        if self.fetching.is_some() {
            self.report("a fetch is already running", false);
            return None;
        }
        self.fetching = Some("fetching…".to_owned());
        Some(Task::Fetch(ids))
    }
}

/// "1 quote", "3 quotes".
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Articles under their feed headings, in the store's order; articles whose feed has no group
/// (or a flat list with no groups) come after, without a heading.
#[must_use]
pub fn library_rows(articles: &[ArticleMeta], groups: &[FeedGroup]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(articles.len() + groups.len());
    for g in groups {
        rows.push(Row::Group(g.clone()));
        rows.extend(
            articles
                .iter()
                .filter(|a| a.feed_id == g.feed_id)
                .cloned()
                .map(Row::Article),
        );
    }
    rows.extend(
        articles
            .iter()
            .filter(|a| !groups.iter().any(|g| g.feed_id == a.feed_id))
            .cloned()
            .map(Row::Article),
    );
    rows
}
