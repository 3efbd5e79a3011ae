//! The list pane's rows: the library grouped by feed (paged: `outline.rs`), library search
//! results, the speakers index, one speaker's quotes. Results of library tasks arrive here
//! (`set_library`, `rows_loaded`, `searched`, `show_speakers`, `show_quotes`, `starred`, fetch
//! progress). Part of `App`, split out to keep `app.rs` short; no I/O.

use crate::action::{PageRequest, Task};
use crate::error::Result;
use crate::model::ArticleMeta;
use crate::store::{ArticleHit, FeedGroup, QuoteRef, SearchResults, SpeakerCount};

use super::library::Section;
use super::outline::{Outline, PAGE};
use super::reader::Mark;
use super::{App, Focus, layout};

/// One row of the list pane (two terminal lines each), as drawn: borrowed from the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row<'a> {
    /// A feed heading with its counts and last fetch error.
    Group(&'a FeedGroup),
    Article(&'a ArticleMeta),
    /// An article whose page of rows is not loaded.
    Loading,
    /// An article found by a library search, with its snippet.
    Hit(&'a ArticleHit),
    /// A quote (a search hit, or one of a speaker's quotes).
    Quote(&'a QuoteRef),
    Speaker(&'a SpeakerCount),
}

/// A row of a library search, the speakers index or one speaker's quotes, held by the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Hit(ArticleHit),
    Quote(QuoteRef),
    Speaker(SpeakerCount),
}

impl Found {
    #[must_use]
    pub const fn as_row(&self) -> Row<'_> {
        match self {
            Self::Hit(h) => Row::Hit(h),
            Self::Quote(q) => Row::Quote(q),
            Self::Speaker(s) => Row::Speaker(s),
        }
    }
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

/// The article that `s`, `o` and `r` act on.
pub(super) struct Target<'a> {
    pub id: i64,
    pub url: Option<&'a str>,
    pub feed_id: Option<i64>,
}

impl<'a> Target<'a> {
    fn of(meta: &'a ArticleMeta) -> Self {
        Self {
            id: meta.id,
            url: meta.url.as_deref(),
            feed_id: meta.feed_id,
        }
    }
}

impl App {
    /// Row `i` of the list pane.
    #[must_use]
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        match self.mode {
            ListMode::Library => self.library.row(i),
            _ => self.results.get(i).map(Found::as_row),
        }
    }

    /// Rows in the list pane, loaded or not.
    #[must_use]
    pub fn row_count(&self) -> usize {
        match self.mode {
            ListMode::Library => self.library.len(),
            _ => self.results.len(),
        }
    }

    /// Every row of the list pane in order, those not loaded as `Row::Loading`.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.row_count()).filter_map(|i| self.row(i))
    }

    /// The library's feed groups with their counts, in list order.
    pub fn groups(&self) -> impl Iterator<Item = &FeedGroup> {
        self.library.groups()
    }

    /// Replaces the library's sections (at start and after a fetch), dropping every loaded row.
    /// The selection keeps its place (the same feed, the same index), and moves to the article
    /// it was on if that turns up among the rows loaded next.
    pub fn set_library(&mut self, sections: Result<Vec<Section>>) {
        let sections = match sections {
            Ok(sections) => sections,
            Err(e) => {
                self.report(&format!("could not list the library: {e}"), true);
                return;
            }
        };
        let in_library = self.mode == ListMode::Library;
        let at = if in_library {
            self.selected
        } else {
            self.library_selected
        };
        let position = self.library.position(at);
        self.follow = match self.library.row(at) {
            Some(Row::Article(m)) => Some(m.id),
            _ => None,
        };
        self.library = Outline::new(sections);
        let row = position
            .and_then(|p| self.library.row_at(p))
            .unwrap_or_else(|| self.library.first_article());
        if in_library {
            self.selected = row;
        } else {
            self.library_selected = row;
        }
    }

    /// Receives a page of the library list (`Task::LoadRows`).
    pub fn rows_loaded(&mut self, request: PageRequest, result: Result<Vec<ArticleMeta>>) {
        let rows = match result {
            Ok(rows) => Some(rows),
            Err(e) => {
                self.report(&format!("could not list articles: {e}"), true);
                None
            }
        };
        if !self.library.loaded(request, rows) {
            return;
        }
        if let Some(row) = self.follow.and_then(|id| self.library.row_of(id)) {
            self.follow = None;
            if self.mode == ListMode::Library {
                self.selected = row;
            } else {
                self.library_selected = row;
            }
        }
    }

    /// The next page of rows the library list needs for what it shows, if any; pages far out of
    /// view are dropped. `update` hands it out when the action has no task of its own, and
    /// `library::run_task` asks again after every task.
    pub fn wanted(&mut self) -> Option<PageRequest> {
        self.sync();
        if self.mode != ListMode::Library {
            return None;
        }
        let shown = self
            .panes()
            .list
            .map_or(0, |r| usize::from(layout::inner(r).height) / 2);
        let from = self.list_offset.min(self.selected);
        let to = (self.list_offset + shown).max(self.selected + 1);
        self.library
            .keep(&(from.saturating_sub(PAGE)..to.saturating_add(PAGE)));
        self.library.request(from..to)
    }

    /// Back to the whole library (Esc in the list), at the open article if its row is loaded,
    /// else where the list was left.
    pub(super) fn show_library(&mut self) {
        self.mode = ListMode::Library;
        self.results = Vec::new();
        let open = self.reader.as_ref().and_then(|r| self.library.row_of(r.id));
        self.selected = open.unwrap_or(self.library_selected);
        self.list_offset = 0;
    }

    fn show_rows(&mut self, mode: ListMode, rows: Vec<Found>) {
        if self.mode == ListMode::Library {
            self.library_selected = self.selected;
        }
        self.mode = mode;
        self.results = rows;
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
                let rows = found
                    .articles
                    .into_iter()
                    .map(Found::Hit)
                    .chain(found.quotes.into_iter().map(Found::Quote))
                    .collect();
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
                    speakers.into_iter().map(Found::Speaker).collect(),
                );
            }
            Err(e) => self.report(&e.to_string(), true),
        }
    }

    /// Receives one speaker's quotes (`Task::QuotesOf`).
    pub fn show_quotes(&mut self, speaker: &str, result: Result<Vec<QuoteRef>>) {
        match result {
            Ok(quotes) => {
                let shown = if quotes.len() >= super::library::QUOTES_SHOWN {
                    format!("the newest {}", count(quotes.len(), "quote"))
                } else {
                    count(quotes.len(), "quote")
                };
                self.report(
                    &format!("{shown} of {speaker} · Enter opens the article at the quote"),
                    false,
                );
                self.show_rows(
                    ListMode::Quotes(speaker.to_owned()),
                    quotes.into_iter().map(Found::Quote).collect(),
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
    pub(super) fn note_read(&mut self, id: i64, feed: Option<i64>) {
        self.library.count_read(feed);
        for meta in self.metas_mut(id) {
            meta.read = true;
        }
    }

    /// Every copy of an article's metadata held: the library's loaded rows, search hits and the
    /// open article.
    pub(super) fn metas_mut(&mut self, id: i64) -> impl Iterator<Item = &mut ArticleMeta> {
        let hits = self.results.iter_mut().filter_map(move |r| match r {
            Found::Hit(h) if h.meta.id == id => Some(&mut h.meta),
            _ => None,
        });
        let open = self.reading.as_mut().filter(|m| m.id == id);
        self.library.metas_mut(id).chain(hits).chain(open)
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

    /// The article the list selects, or else (outside the list) the one in the reader.
    pub(super) fn target(&self) -> Option<Target<'_>> {
        if self.focus != Focus::List
            && let Some(m) = self.reading.as_ref()
        {
            return Some(Target::of(m));
        }
        match self.row(self.selected)? {
            Row::Article(m) => Some(Target::of(m)),
            Row::Hit(h) => Some(Target::of(&h.meta)),
            Row::Quote(q) => Some(Target {
                id: q.article_id,
                url: q.article_url.as_deref(),
                feed_id: q.feed_id,
            }),
            Row::Group(_) | Row::Speaker(_) | Row::Loading => None,
        }
    }

    /// Enter in the list.
    pub(super) fn open_row(&mut self) -> Option<Task> {
        match self.row(self.selected)? {
            Row::Article(m) => Some(Task::Open(m.id)),
            Row::Hit(h) => Some(Task::Open(h.meta.id)),
            Row::Quote(q) => Some(Task::OpenQuote {
                id: q.article_id,
                quote: q.index,
            }),
            Row::Speaker(s) => Some(Task::QuotesOf(s.name.clone())),
            Row::Group(_) => {
                self.selected = (self.selected + 1).min(self.row_count().saturating_sub(1));
                None
            }
            Row::Loading => None,
        }
    }

    /// `r`: the feed of the selected group or article.
    pub(super) fn refresh_selected(&mut self) -> Option<Task> {
        let feed = match self.row(self.selected) {
            Some(Row::Group(g)) => g.feed_id,
            _ => self.target().and_then(|t| t.feed_id),
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
