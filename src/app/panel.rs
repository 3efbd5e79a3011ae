//! The side panel's rows: Speakers (with quote counts), Quotes in text order, Topics. One cursor
//! moves over the selectable rows; section headers are skipped.

use crate::model::Annotations;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Speakers,
    Quotes,
    Topics,
}

impl Section {
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Speakers => "Speakers",
            Self::Quotes => "Quotes",
            Self::Topics => "Topics",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelItem {
    Header(Section),
    Speaker(usize),
    Quote(usize),
    Topic(usize),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Panel {
    pub items: Vec<PanelItem>,
    /// Quotes per speaker, by speaker index.
    pub quote_counts: Vec<usize>,
    /// Index into `items` of the selected row (never a header).
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

impl Panel {
    #[must_use]
    pub fn build(ann: &Annotations) -> Self {
        let mut quote_counts = vec![0; ann.speakers.len()];
        for q in &ann.quotes {
            if let Some(c) = q.speaker.and_then(|s| quote_counts.get_mut(s)) {
                *c += 1;
            }
        }
        let mut items = vec![PanelItem::Header(Section::Speakers)];
        let mut speakers: Vec<usize> = (0..ann.speakers.len()).collect();
        speakers.sort_by_key(|&s| std::cmp::Reverse(quote_counts[s]));
        items.extend(speakers.into_iter().map(PanelItem::Speaker));
        items.push(PanelItem::Header(Section::Quotes));
        items.extend((0..ann.quotes.len()).map(PanelItem::Quote));
        items.push(PanelItem::Header(Section::Topics));
        items.extend((0..ann.topics.len()).map(PanelItem::Topic));
        let mut panel = Self {
            items,
            quote_counts,
            selected: 0,
            offset: 0,
        };
        panel.selected = panel.first_selectable(0, true).unwrap_or(0);
        panel
    }

    fn selectable(&self, i: usize) -> bool {
        self.items
            .get(i)
            .is_some_and(|it| !matches!(it, PanelItem::Header(_)))
    }

    fn first_selectable(&self, from: usize, forward: bool) -> Option<usize> {
        if forward {
            (from..self.items.len()).find(|&i| self.selectable(i))
        } else {
            (0..=from.min(self.items.len().saturating_sub(1)))
                .rev()
                .find(|&i| self.selectable(i))
        }
    }

    #[must_use]
    pub fn selected_item(&self) -> Option<PanelItem> {
        self.selectable(self.selected)
            .then(|| self.items[self.selected])
    }

    /// Moves the cursor by `delta` selectable rows, stopping at the ends.
    pub fn step(&mut self, delta: isize) {
        for _ in 0..delta.unsigned_abs() {
            let next = if delta > 0 {
                self.first_selectable(self.selected + 1, true)
            } else if self.selected == 0 {
                None
            } else {
                self.first_selectable(self.selected - 1, false)
            };
            match next {
                Some(i) => self.selected = i,
                None => break,
            }
        }
    }

    pub fn select_edge(&mut self, last: bool) {
        let found = if last {
            self.first_selectable(self.items.len().saturating_sub(1), false)
        } else {
            self.first_selectable(0, true)
        };
        if let Some(i) = found {
            self.selected = i;
        }
    }

    /// Selects row `row` if it can be selected.
    pub fn select_row(&mut self, row: usize) -> bool {
        let ok = self.selectable(row);
        if ok {
            self.selected = row;
        }
        ok
    }

    /// Keeps the selected row within `height` rows from `offset`.
    pub fn keep_visible(&mut self, height: usize) {
        self.offset = keep_visible(self.selected, self.offset, height, self.items.len());
    }
}

/// The offset that keeps `selected` visible in a window of `height` rows over `len` rows.
#[must_use]
pub const fn keep_visible(selected: usize, offset: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return offset;
    }
    let mut offset = offset;
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    let max = len.saturating_sub(height);
    if offset > max { max } else { offset }
}

#[cfg(test)]
mod tests {
    use super::keep_visible;

    #[test]
    fn offsets_keep_the_selection_visible() {
        // (selected, offset, height, len) → offset
        let cases = [
            ((0, 0, 5, 10), 0),
            ((4, 0, 5, 10), 0),
            ((5, 0, 5, 10), 1),
            ((9, 0, 5, 10), 5),
            ((2, 4, 5, 10), 2),
            ((3, 8, 5, 10), 3),
            ((1, 7, 5, 4), 0),
            ((3, 2, 0, 10), 2),
        ];
        for ((sel, off, h, len), want) in cases {
            assert_eq!(
                keep_visible(sel, off, h, len),
                want,
                "{sel} {off} {h} {len}"
            );
        }
    }
}
