//! Where the panes are, as a pure function of the terminal size and the app's mode. `App` uses it
//! to size the reader and hit-test clicks; `ui` draws into the same rectangles.

use ratatui::layout::Rect;

use crate::config::Layout;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Focus {
    List,
    Reader,
    Panel,
}

/// The outer rectangle of each visible pane (borders included) and the status line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub panel: Option<Rect>,
    pub status: Rect,
    pub compact: bool,
}

/// Splits `area`: list | reader | panel above a one-line status bar; below `compact_below`
/// columns only the focused pane is shown.
#[must_use]
pub fn panes(area: Rect, focus: Focus, layout: &Layout, panel_hidden: bool) -> Panes {
    let main_height = area.height.saturating_sub(1);
    let status = Rect {
        y: area.y + main_height,
        height: area.height.min(1),
        ..area
    };
    let main = Rect {
        height: main_height,
        ..area
    };
    let mut panes = Panes {
        status,
        ..Panes::default()
    };
    if area.width < layout.compact_below {
        panes.compact = true;
        match focus {
            Focus::List => panes.list = Some(main),
            Focus::Panel if !panel_hidden => panes.panel = Some(main),
            Focus::Reader | Focus::Panel => panes.reader = Some(main),
        }
        return panes;
    }
    let list_w = layout.list_width.min(area.width / 3);
    let panel_w = if panel_hidden {
        0
    } else {
        layout.panel_width.min(area.width / 3)
    };
    let reader_w = area.width - list_w - panel_w;
    panes.list = Some(Rect {
        width: list_w,
        ..main
    });
    panes.reader = Some(Rect {
        x: main.x + list_w,
        width: reader_w,
        ..main
    });
    if panel_w > 0 {
        panes.panel = Some(Rect {
            x: main.x + list_w + reader_w,
            width: panel_w,
            ..main
        });
    }
    panes
}

/// Inside a pane's border.
#[must_use]
pub const fn inner(pane: Rect) -> Rect {
    Rect {
        x: pane.x.saturating_add(1),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    }
}

/// Where the reader's text goes: inside the border with one column of padding on each side.
#[must_use]
pub const fn reader_text(pane: Rect) -> Rect {
    let inside = inner(pane);
    Rect {
        x: inside.x.saturating_add(1),
        width: inside.width.saturating_sub(2),
        ..inside
    }
}

/// Whether a cell lies in a rectangle.
#[must_use]
pub const fn hit(rect: Rect, x: u16, y: u16) -> bool {
    x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_compact_and_hidden_panel() {
        let layout = Layout::default();
        let r = |w, h| Rect::new(0, 0, w, h);
        // (size, focus, panel hidden) → (list, reader, panel) widths, 0 = not shown.
        let cases = [
            ((120, 40), Focus::List, false, (32, 52, 36)),
            ((200, 50), Focus::Reader, false, (32, 132, 36)),
            ((120, 40), Focus::Panel, true, (32, 88, 0)),
            ((99, 30), Focus::List, false, (99, 0, 0)),
            ((80, 24), Focus::Reader, false, (0, 80, 0)),
            ((80, 24), Focus::Panel, false, (0, 0, 80)),
            ((80, 24), Focus::Panel, true, (0, 80, 0)),
        ];
        for ((w, h), focus, hidden, want) in cases {
            let p = panes(r(w, h), focus, &layout, hidden);
            let width = |x: Option<Rect>| x.map_or(0, |x| x.width);
            assert_eq!(
                (width(p.list), width(p.reader), width(p.panel)),
                want,
                "{w}x{h} {focus:?} {hidden}"
            );
            assert_eq!(p.status, Rect::new(0, h - 1, w, 1));
            assert_eq!(p.compact, w < 100);
        }
        let tiny = panes(r(0, 0), Focus::List, &layout, false);
        assert_eq!(tiny.status.height, 0);
        assert_eq!(
            reader_text(Rect::new(10, 0, 50, 20)),
            Rect::new(12, 1, 46, 18)
        );
    }
}
