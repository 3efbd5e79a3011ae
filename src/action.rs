//! What the user can ask for (`Action`, named in `config.toml` keymaps) and the slow work that
//! leaves `App::update` (`Task`), which the event loop runs against the article library.

use serde::Deserialize;

/// One step of user intent. The unit variants are the bindable actions: their snake_case names
/// are the keys of `[keys]` in `config.toml`. The others come from the terminal (resize, mouse,
/// typed text) and cannot be bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Down,
    Up,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    FocusNext,
    FocusPrev,
    Open,
    Next,
    Prev,
    Clear,
    Search,
    TogglePanel,
    ToggleStar,
    OpenLink,
    Speakers,
    Refresh,
    RefreshAll,
    /// The terminal now has this many columns and rows.
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
    /// A left click at a cell.
    #[serde(skip)]
    Click {
        x: u16,
        y: u16,
    },
    /// The mouse wheel over a cell.
    #[serde(skip)]
    Wheel {
        down: bool,
        x: u16,
        y: u16,
    },
    /// A character typed into the search prompt.
    #[serde(skip)]
    Char(char),
    /// Backspace in the search prompt.
    #[serde(skip)]
    Backspace,
    /// A digit of a count prefix (`3n`).
    #[serde(skip)]
    Digit(u8),
}

impl Action {
    /// Every bindable action, in the order the help overlay lists them.
    pub const BINDABLE: [Self; 23] = [
        Self::Down,
        Self::Up,
        Self::Top,
        Self::Bottom,
        Self::HalfPageDown,
        Self::HalfPageUp,
        Self::PageDown,
        Self::PageUp,
        Self::FocusNext,
        Self::FocusPrev,
        Self::Open,
        Self::Next,
        Self::Prev,
        Self::Search,
        Self::Clear,
        Self::TogglePanel,
        Self::ToggleStar,
        Self::OpenLink,
        Self::Speakers,
        Self::Refresh,
        Self::RefreshAll,
        Self::Help,
        Self::Quit,
    ];

    /// The name used in `config.toml`, or `""` for actions that cannot be bound.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Quit => "quit",
            Self::Help => "help",
            Self::Down => "down",
            Self::Up => "up",
            Self::Top => "top",
            Self::Bottom => "bottom",
            Self::HalfPageDown => "half_page_down",
            Self::HalfPageUp => "half_page_up",
            Self::PageDown => "page_down",
            Self::PageUp => "page_up",
            Self::FocusNext => "focus_next",
            Self::FocusPrev => "focus_prev",
            Self::Open => "open",
            Self::Next => "next",
            Self::Prev => "prev",
            Self::Clear => "clear",
            Self::Search => "search",
            Self::TogglePanel => "toggle_panel",
            Self::ToggleStar => "toggle_star",
            Self::OpenLink => "open_link",
            Self::Speakers => "speakers",
            Self::Refresh => "refresh",
            Self::RefreshAll => "refresh_all",
            _ => "",
        }
    }

    /// What the action does, for the help overlay.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            Self::Quit => "quit (restores the terminal)",
            Self::Help => "show or hide this help",
            Self::Down => "down one line / next row",
            Self::Up => "up one line / previous row",
            Self::Top => "go to the top",
            Self::Bottom => "go to the bottom",
            Self::HalfPageDown => "half a page down",
            Self::HalfPageUp => "half a page up",
            Self::PageDown => "a page down",
            Self::PageUp => "a page up",
            Self::FocusNext => "focus the next pane",
            Self::FocusPrev => "focus the previous pane",
            Self::Open => "open the article / jump to the selected item",
            Self::Next => "next quote (speaker's quote, match); count: 3n",
            Self::Prev => "previous quote (speaker's quote, match)",
            Self::Clear => "clear speaker, search, quote; back to the list",
            Self::Search => "search the article; in the list, the library",
            Self::TogglePanel => "show or hide the side panel",
            Self::ToggleStar => "star or unstar the selected article",
            Self::OpenLink => "open the article's link in the browser",
            Self::Speakers => "everyone quoted in the library; Enter lists their quotes",
            Self::Refresh => "fetch the selected article's feed",
            Self::RefreshAll => "fetch every feed",
            _ => "",
        }
    }

    /// Whether a count prefix repeats the action.
    #[must_use]
    pub const fn takes_count(self) -> bool {
        matches!(
            self,
            Self::Down
                | Self::Up
                | Self::HalfPageDown
                | Self::HalfPageUp
                | Self::PageDown
                | Self::PageUp
                | Self::Next
                | Self::Prev
        )
    }
}

/// Slow work handed out of `App::update` to the event loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Task {
    /// Load this article (by library id), mark it read, and hand it back with `App::opened`.
    Open(i64),
    /// Open the article and make its quote number `quote` (index into its quotes) current.
    OpenQuote {
        id: i64,
        quote: usize,
    },
    ToggleStar(i64),
    /// Hand the URL to the system's opener (`xdg-open`, `open`). `file:` links only when the
    /// user added the article (`local`); a feed could carry any link.
    OpenLink {
        url: String,
        local: bool,
    },
    /// Search the whole library (FTS5).
    Search(String),
    /// Load the speakers index.
    Speakers,
    /// Load every quote of this speaker.
    QuotesOf(String),
    /// Fetch these feeds (`None`: every feed) on a worker thread.
    Fetch(Option<Vec<i64>>),
    /// Load a page of the library list's rows, and hand them back with `App::rows_loaded`.
    LoadRows(PageRequest),
    /// Reload the list from the library (at start and after a fetch).
    Reload,
}

/// Rows `offset..offset + limit` of the list section of feed `feed` (`None`: the local
/// articles, or a flat list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub feed: Option<i64>,
    pub offset: usize,
    pub limit: usize,
}
