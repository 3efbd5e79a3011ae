//! The library list as the list pane sees it: every section's heading and counts, always, and
//! article rows only for the pages near the part on screen. Row `i` is found by arithmetic on
//! the sections' lengths, so the list is as long as the library without holding it: a page of
//! `PAGE` rows is asked for (a `PageRequest`) when it comes into view and dropped again when it
//! is far out of view. Plain data, no I/O.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::ops::Range;

use crate::action::PageRequest;
use crate::model::ArticleMeta;
use crate::store::FeedGroup;

use super::browse::Row;
use super::library::Section;

/// Article rows per page.
pub const PAGE: usize = 100;

/// The sections of the library list and the pages of their rows loaded so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    parts: Vec<Part>,
    /// Rows in all: headings and articles, loaded or not.
    len: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Part {
    section: Section,
    /// Row index of the section's first row (its heading, if it has one).
    start: usize,
    /// Pages by number: page `p` holds the section's articles `p * PAGE ..`.
    pages: BTreeMap<usize, Page>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Page {
    /// Asked for, not here yet.
    Loading,
    Rows(Vec<ArticleMeta>),
    /// The library could not give it: not asked for again while it stays in view.
    Failed,
}

impl Part {
    fn heading(&self) -> usize {
        usize::from(self.section.heading)
    }

    fn articles(&self) -> usize {
        usize::try_from(self.section.group.articles).unwrap_or(usize::MAX)
    }

    fn len(&self) -> usize {
        self.heading().saturating_add(self.articles())
    }

    /// Row index of the section's first article.
    fn first(&self) -> usize {
        self.start + self.heading()
    }

    fn feed(&self) -> Option<i64> {
        self.section.group.feed_id
    }

    fn meta(&self, k: usize) -> Option<&ArticleMeta> {
        match self.pages.get(&(k / PAGE))? {
            Page::Rows(rows) => rows.get(k % PAGE),
            Page::Loading | Page::Failed => None,
        }
    }
}

impl Outline {
    /// The sections with no rows loaded.
    #[must_use]
    pub fn new(sections: Vec<Section>) -> Self {
        let mut len = 0usize;
        let parts = sections
            .into_iter()
            .map(|section| {
                let part = Part {
                    section,
                    start: len,
                    pages: BTreeMap::new(),
                };
                len = len.saturating_add(part.len());
                part
            })
            .collect();
        Self { parts, len }
    }

    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Where row `i` is: its section, and which of its articles (`None`: the heading).
    fn locate(&self, i: usize) -> Option<(usize, Option<usize>)> {
        if i >= self.len {
            return None;
        }
        // The last section starting at or before `i` holds it (empty sections share a start).
        let s = self
            .parts
            .partition_point(|p| p.start <= i)
            .checked_sub(1)?;
        let part = self.parts.get(s)?;
        let k = i - part.start;
        Some(match (part.section.heading, k) {
            (true, 0) => (s, None),
            (true, k) => (s, Some(k - 1)),
            (false, k) => (s, Some(k)),
        })
    }

    /// Row `i`: a heading, an article, or `Loading` when its page is not here.
    #[must_use]
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        let (s, k) = self.locate(i)?;
        let part = self.parts.get(s)?;
        Some(match k {
            None => Row::Group(&part.section.group),
            Some(k) => part.meta(k).map_or(Row::Loading, Row::Article),
        })
    }

    /// The groups shown under a heading, in order (none for a flat list).
    pub fn groups(&self) -> impl Iterator<Item = &FeedGroup> {
        self.parts
            .iter()
            .filter(|p| p.section.heading)
            .map(|p| &p.section.group)
    }

    /// Unread and total articles.
    #[must_use]
    pub fn counts(&self) -> (u32, u32) {
        self.parts.iter().fold((0, 0), |(u, n), p| {
            let g = &p.section.group;
            (u.saturating_add(g.unread), n.saturating_add(g.articles))
        })
    }

    /// The first article's row (under the first heading), or 0 for an empty list.
    #[must_use]
    pub fn first_article(&self) -> usize {
        self.parts
            .iter()
            .find(|p| p.articles() > 0)
            .map_or(0, Part::first)
    }

    /// The next page that rows `range` need and nobody has asked for yet, marked as asked for.
    pub fn request(&mut self, range: Range<usize>) -> Option<PageRequest> {
        let end = range.end.min(self.len);
        let mut i = range.start;
        while i < end {
            let (s, k) = self.locate(i)?;
            let part = self.parts.get_mut(s)?;
            let Some(k) = k else {
                i += 1;
                continue;
            };
            let page = k / PAGE;
            let feed = part.feed();
            if let Entry::Vacant(slot) = part.pages.entry(page) {
                slot.insert(Page::Loading);
                return Some(PageRequest {
                    feed,
                    offset: page * PAGE,
                    limit: PAGE,
                });
            }
            // On to the next page, or the next section if this one ends first.
            i = (part.first() + (page + 1) * PAGE).min(part.start + part.len());
        }
        None
    }

    /// Receives the rows of a request (`None`: it failed); false when nobody waits for them
    /// any more (the list was reloaded, or the page dropped, since it was asked for).
    pub fn loaded(&mut self, request: PageRequest, rows: Option<Vec<ArticleMeta>>) -> bool {
        let Some(part) = self.parts.iter_mut().find(|p| p.feed() == request.feed) else {
            return false;
        };
        match part.pages.get_mut(&(request.offset / PAGE)) {
            Some(slot @ Page::Loading) => {
                *slot = rows.map_or(Page::Failed, Page::Rows);
                true
            }
            _ => false,
        }
    }

    /// Drops the pages that hold no row of `range`.
    pub fn keep(&mut self, range: &Range<usize>) {
        for part in &mut self.parts {
            let first = part.first();
            part.pages.retain(|&p, _| {
                let rows = first + p * PAGE..first + (p + 1) * PAGE;
                rows.start < range.end && range.start < rows.end
            });
        }
    }

    /// Article rows held in memory.
    #[must_use]
    pub fn held(&self) -> usize {
        self.parts
            .iter()
            .flat_map(|p| p.pages.values())
            .map(|page| match page {
                Page::Rows(rows) => rows.len(),
                Page::Loading | Page::Failed => 0,
            })
            .sum()
    }

    /// The row of article `id`, if its page is loaded.
    #[must_use]
    pub fn row_of(&self, id: i64) -> Option<usize> {
        self.parts.iter().find_map(|part| {
            part.pages.iter().find_map(|(p, page)| match page {
                Page::Rows(rows) => rows
                    .iter()
                    .position(|m| m.id == id)
                    .map(|k| part.first() + p * PAGE + k),
                Page::Loading | Page::Failed => None,
            })
        })
    }

    /// Every loaded copy of article `id`'s row.
    pub fn metas_mut(&mut self, id: i64) -> impl Iterator<Item = &mut ArticleMeta> {
        self.parts
            .iter_mut()
            .flat_map(|p| p.pages.values_mut())
            .filter_map(|page| match page {
                Page::Rows(rows) => Some(rows),
                Page::Loading | Page::Failed => None,
            })
            .flatten()
            .filter(move |m| m.id == id)
    }

    /// An article of `feed`'s section was read: one unread less.
    pub fn count_read(&mut self, feed: Option<i64>) {
        if let Some(part) = self.parts.iter_mut().find(|p| p.feed() == feed) {
            part.section.group.unread = part.section.group.unread.saturating_sub(1);
        }
    }

    /// Where row `i` is, in terms that survive a reload: its section's feed and its index among
    /// the section's articles (`None`: the heading).
    #[must_use]
    pub fn position(&self, i: usize) -> Option<(Option<i64>, Option<usize>)> {
        let (s, k) = self.locate(i)?;
        Some((self.parts.get(s)?.feed(), k))
    }

    /// The row at `position` in this list: the same section, the same index as far as the
    /// section reaches.
    #[must_use]
    pub fn row_at(&self, (feed, k): (Option<i64>, Option<usize>)) -> Option<usize> {
        let part = self.parts.iter().find(|p| p.feed() == feed)?;
        match (k, part.articles()) {
            (None, _) | (_, 0) if part.section.heading => Some(part.start),
            (_, 0) => None,
            (k, n) => Some(part.first() + k.unwrap_or(0).min(n - 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(feed: i64, articles: u32) -> Section {
        Section {
            group: FeedGroup {
                feed_id: Some(feed),
                title: format!("feed {feed}"),
                articles,
                unread: articles,
                last_error: None,
            },
            heading: true,
        }
    }

    fn metas(feed: i64, request: PageRequest, total: usize) -> Vec<ArticleMeta> {
        (request.offset..total.min(request.offset + request.limit))
            .map(|k| ArticleMeta {
                id: feed * 10_000 + i64::try_from(k).unwrap_or(0),
                feed_id: Some(feed),
                ..ArticleMeta::default()
            })
            .collect()
    }

    #[test]
    fn rows_are_found_by_arithmetic_and_pages_asked_for_once() {
        let mut o = Outline::new(vec![section(1, 250), section(2, 0), section(3, 5)]);
        assert_eq!(o.len(), 251 + 1 + 6);
        assert_eq!(o.row(0), Some(Row::Group(&section(1, 250).group)));
        assert_eq!(o.row(1), Some(Row::Loading));
        assert!(matches!(o.row(251), Some(Row::Group(g)) if g.feed_id == Some(2)));
        assert!(matches!(o.row(252), Some(Row::Group(g)) if g.feed_id == Some(3)));
        assert_eq!(o.row(258), None);

        // Rows 195..255 span pages 1 and 2 of feed 1, feed 2's heading and feed 3's only page.
        let mut asked = Vec::new();
        while let Some(r) = o.request(195..255) {
            asked.push((r.feed, r.offset));
        }
        assert_eq!(asked, [(Some(1), 100), (Some(1), 200), (Some(3), 0)]);
        assert_eq!(
            o.request(0..258),
            Some(PageRequest {
                feed: Some(1),
                offset: 0,
                limit: PAGE
            })
        );

        let r = PageRequest {
            feed: Some(1),
            offset: 100,
            limit: PAGE,
        };
        assert!(o.loaded(r, Some(metas(1, r, 250))));
        assert!(!o.loaded(r, Some(metas(1, r, 250))), "once");
        assert!(matches!(o.row(101), Some(Row::Article(m)) if m.id == 10_100));
        assert_eq!(o.row_of(10_100), Some(101));
        assert_eq!(o.held(), 100);
        assert_eq!(o.position(101), Some((Some(1), Some(100))));
    }

    #[test]
    fn pages_out_of_range_are_dropped_and_asked_for_again() {
        let mut o = Outline::new(vec![section(1, 1000)]);
        while let Some(r) = o.request(0..1001) {
            assert!(o.loaded(r, Some(metas(1, r, 1000))));
        }
        assert_eq!(o.held(), 1000);
        o.keep(&(450..520));
        assert_eq!(o.held(), 200, "pages 4 and 5 (rows 401..601)");
        assert_eq!(o.request(450..520), None);
        assert_eq!(o.row(1), Some(Row::Loading));
        assert!(o.request(0..10).is_some());
    }

    #[test]
    fn a_failed_page_is_not_asked_for_again_while_in_view() {
        let mut o = Outline::new(vec![section(1, 10)]);
        let r = o.request(0..5).unwrap_or_else(|| unreachable!());
        assert!(o.loaded(r, None));
        assert_eq!(o.request(0..5), None);
        assert_eq!(o.row(1), Some(Row::Loading));
    }

    #[test]
    fn positions_survive_a_reload() {
        let o = Outline::new(vec![section(1, 10), section(2, 3)]);
        let again = Outline::new(vec![section(1, 12), section(2, 2)]);
        let at = o.position(13).unwrap_or_else(|| unreachable!());
        assert_eq!(at, (Some(2), Some(1)));
        assert_eq!(again.row_at(at), Some(15));
        let last = o.position(14).unwrap_or_else(|| unreachable!());
        assert_eq!(again.row_at(last), Some(15), "clamped to the section");
        assert_eq!(again.row_at((Some(1), None)), Some(0));
        assert_eq!(again.row_at((Some(9), Some(0))), None);
        assert_eq!(again.first_article(), 1);
        assert_eq!(again.counts(), (14, 14));
    }
}
