//! App state driven by key sequences through the keymap, with no terminal: focus, selection,
//! scroll, current quote, speaker navigation, search, count prefixes, mouse, config errors.
#![allow(clippy::unwrap_used)]

#[path = "support/fixture.rs"]
mod fixture;

use byline::action::{Action, Task};
use byline::app::Focus;
use byline::app::panel::PanelItem;
use byline::app::reader::Mark;
use byline::config::Config;
use fixture::{app, library, press, type_text};

/// The current mark's text.
fn current_text(app: &byline::app::App) -> String {
    let r = app.reader.as_ref().unwrap();
    let span = r.span_of(r.current.unwrap()).unwrap();
    span.slice(r.doc.body.as_str()).to_owned()
}

/// Whether the current mark's first row is on screen.
fn current_in_view(app: &byline::app::App) -> bool {
    let r = app.reader.as_ref().unwrap();
    let row = r.row_of(r.span_of(r.current.unwrap()).unwrap().start());
    row >= r.scroll && row < r.scroll + r.height
}

#[test]
fn focus_cycles_through_visible_panes() {
    let mut lib = library(0);
    let mut app = app(&lib, 120, 40);
    assert_eq!(app.focus, Focus::List);
    press(&mut app, &mut lib, &["<Tab>"]);
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, &mut lib, &["<Tab>"]);
    assert_eq!(app.focus, Focus::Panel);
    press(&mut app, &mut lib, &["<Tab>"]);
    assert_eq!(app.focus, Focus::List);
    press(&mut app, &mut lib, &["<S-Tab>"]);
    assert_eq!(app.focus, Focus::Panel);
    press(&mut app, &mut lib, &["p"]);
    assert!(app.panel_hidden);
    assert_eq!(
        app.focus,
        Focus::Reader,
        "hiding the focused panel moves focus to the reader"
    );
    press(&mut app, &mut lib, &["<Tab>", "<Tab>"]);
    assert_eq!(app.focus, Focus::Reader, "the hidden panel is skipped");
}

#[test]
fn list_selection_moves_and_clamps() {
    let mut lib = library(0);
    let mut app = app(&lib, 120, 40);
    press(&mut app, &mut lib, &["j"]);
    assert_eq!(app.selected, 1);
    press(&mut app, &mut lib, &["j", "j", "j"]);
    assert_eq!(app.selected, 2, "clamped at the last article");
    press(&mut app, &mut lib, &["g"]);
    assert_eq!(app.selected, 0);
    press(&mut app, &mut lib, &["G", "k"]);
    assert_eq!(app.selected, 1);
    press(&mut app, &mut lib, &["<Up>", "<Down>", "<Down>"]);
    assert_eq!(app.selected, 2);
}

#[test]
fn enter_opens_the_selected_article_and_marks_it_read() {
    let mut lib = library(0);
    let mut app = app(&lib, 120, 40);
    assert_eq!(app.update(Action::Open), Some(Task::Open(1)));
    press(&mut app, &mut lib, &["j", "<Enter>"]);
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.id, 2);
    assert_eq!(app.focus, Focus::Reader);
    assert!(row_is_read(&app, 1));
    assert!(!row_is_read(&app, 0));
    assert!(lib_is_read(&lib, 2));
}

fn row_is_read(app: &byline::app::App, row: usize) -> bool {
    matches!(app.row(row), Some(byline::app::Row::Article(m)) if m.read)
}

fn lib_is_read(lib: &byline::app::library::MemoryLibrary, id: i64) -> bool {
    lib.list().iter().any(|a| a.id == id && a.read)
}

#[test]
fn n_and_n_walk_quotes_in_text_order_and_scroll_them_into_view() {
    let mut lib = library(40);
    let mut app = app(&lib, 120, 30);
    press(&mut app, &mut lib, &["<Enter>"]);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 0);
    press(&mut app, &mut lib, &["n"]);
    assert_eq!(current_text(&app), "the bridge would open in May");
    press(&mut app, &mut lib, &["n"]);
    assert_eq!(current_text(&app), "We are ready,");
    assert_eq!(
        app.reader.as_ref().unwrap().scroll,
        0,
        "already in view: no scroll"
    );
    press(&mut app, &mut lib, &["n"]);
    assert_eq!(current_text(&app), "Nothing is ready,");
    assert!(
        app.reader.as_ref().unwrap().scroll > 0,
        "scrolled past the filler"
    );
    assert!(current_in_view(&app));
    press(&mut app, &mut lib, &["N", "N"]);
    assert_eq!(current_text(&app), "the bridge would open in May");
    assert!(current_in_view(&app));
    assert_eq!(app.status.text, "quote 1/5 · Ana Lima");
}

#[test]
fn a_count_prefix_jumps_several_quotes() {
    let mut lib = library(40);
    let mut app = app(&lib, 120, 30);
    press(&mut app, &mut lib, &["<Enter>", "n", "3", "n"]);
    assert_eq!(current_text(&app), "Not the road, not the lights.");
    assert!(current_in_view(&app));
    press(&mut app, &mut lib, &["9", "9", "n"]);
    assert_eq!(current_text(&app), "a rumour", "stops at the last quote");
    press(&mut app, &mut lib, &["2", "N"]);
    assert_eq!(current_text(&app), "Nothing is ready,");
    assert_eq!(app.count, None);
    press(&mut app, &mut lib, &["1", "2"]);
    assert_eq!(app.count, Some(12));
    press(&mut app, &mut lib, &["<Esc>"]);
    assert_eq!(app.count, None);
}

#[test]
fn reader_scrolls_with_j_k_pages_and_edges() {
    let mut lib = library(40);
    let mut app = app(&lib, 120, 30);
    press(&mut app, &mut lib, &["<Enter>", "j", "j", "j"]);
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.scroll, 3);
    let height = r.height;
    press(&mut app, &mut lib, &["<C-d>"]);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 3 + height / 2);
    press(&mut app, &mut lib, &["<C-u>", "<PageDown>"]);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 3 + height - 1);
    press(&mut app, &mut lib, &["G"]);
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.scroll, r.max_scroll());
    assert!(r.max_scroll() > 0);
    press(&mut app, &mut lib, &["j"]);
    assert_eq!(
        app.reader.as_ref().unwrap().scroll,
        app.reader.as_ref().unwrap().max_scroll(),
        "clamped"
    );
    press(&mut app, &mut lib, &["g"]);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 0);
    press(&mut app, &mut lib, &["5", "j"]);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 5);
}

#[test]
fn with_a_speaker_selected_n_goes_through_their_quotes_and_mentions_only() {
    let mut lib = library(10);
    let mut app = app(&lib, 120, 30);
    press(&mut app, &mut lib, &["<Enter>", "<Tab>"]);
    assert_eq!(app.focus, Focus::Panel);
    // Speakers are listed by quote count: Ana Lima (3) before Tom Berg (2).
    assert_eq!(app.panel.selected_item(), Some(PanelItem::Speaker(0)));
    press(&mut app, &mut lib, &["j", "<Enter>"]);
    assert_eq!(app.panel.selected_item(), Some(PanelItem::Speaker(1)));
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.speaker, Some(1));
    assert_eq!(
        current_text(&app),
        "Tom Berg",
        "first stop: the first mention"
    );
    let mut seen = vec![current_text(&app)];
    for _ in 0..4 {
        press(&mut app, &mut lib, &["n"]);
        seen.push(current_text(&app));
    }
    assert_eq!(
        seen,
        [
            "Tom Berg",
            "Nothing is ready,",
            "he said",
            "Not the road, not the lights.",
            "Not the road, not the lights."
        ]
    );
    press(&mut app, &mut lib, &["<Esc>"]);
    let r = app.reader.as_ref().unwrap();
    assert_eq!((r.speaker, r.current), (None, None));
}

#[test]
fn enter_on_a_quote_in_the_panel_jumps_to_it() {
    let mut lib = library(40);
    let mut app = app(&lib, 120, 30);
    press(
        &mut app,
        &mut lib,
        &["<Enter>", "<S-Tab>", "<S-Tab>", "<Tab>", "<Tab>", "<Tab>"],
    );
    assert_eq!(app.focus, Focus::Panel);
    // Selectable rows: 2 speakers, then quotes 0..4 (headers are skipped): quote 3 is 5 down.
    press(&mut app, &mut lib, &["5", "j"]);
    assert_eq!(app.panel.selected_item(), Some(PanelItem::Quote(3)));
    press(&mut app, &mut lib, &["<Enter>"]);
    assert_eq!(app.reader.as_ref().unwrap().current, Some(Mark::Quote(3)));
    assert!(current_in_view(&app));
    assert_eq!(
        app.focus,
        Focus::Panel,
        "wide layout: the panel keeps focus"
    );
}

#[test]
fn enter_on_a_topic_walks_its_mentions() {
    let mut lib = library(40);
    let mut app = app(&lib, 120, 30);
    press(&mut app, &mut lib, &["<Enter>", "<Tab>", "G", "<Enter>"]);
    assert_eq!(app.panel.selected_item(), Some(PanelItem::Topic(0)));
    assert_eq!(current_text(&app), "bridge");
    assert_eq!(app.reader.as_ref().unwrap().current, Some(Mark::Match(0)));
    press(&mut app, &mut lib, &["n"]);
    assert_eq!(app.reader.as_ref().unwrap().current, Some(Mark::Match(1)));
    assert!(current_in_view(&app));
    assert!(app.status.text.contains("'bridge'"), "{}", app.status.text);
}

#[test]
fn search_then_n_follows_matches_until_esc() {
    let mut lib = library(40);
    let mut app = app(&lib, 120, 30);
    press(&mut app, &mut lib, &["<Enter>", "/"]);
    assert_eq!(app.search_input.as_deref(), Some(""));
    type_text(&mut app, &mut lib, "READYx");
    press(&mut app, &mut lib, &["<BS>", "<Enter>"]);
    assert_eq!(app.search_input, None);
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.matches.len(), 2, "case-insensitive: 'ready,' twice");
    assert_eq!(r.current, Some(Mark::Match(0)));
    press(&mut app, &mut lib, &["n"]);
    assert_eq!(app.reader.as_ref().unwrap().current, Some(Mark::Match(1)));
    assert!(current_in_view(&app));
    assert!(
        app.status.text.starts_with("match 2/2"),
        "{}",
        app.status.text
    );
    press(&mut app, &mut lib, &["<Esc>"]);
    let r = app.reader.as_ref().unwrap();
    assert!(r.matches.is_empty());
    press(&mut app, &mut lib, &["n"]);
    assert!(
        matches!(app.reader.as_ref().unwrap().current, Some(Mark::Quote(_))),
        "back to quotes"
    );
}

#[test]
fn search_keys_are_text_while_typing() {
    let mut lib = library(0);
    let mut app = app(&lib, 120, 30);
    press(&mut app, &mut lib, &["<Enter>", "/"]);
    type_text(&mut app, &mut lib, "qnj?");
    assert!(!app.quit && !app.help);
    app.update(Action::Char('\u{202e}'));
    app.update(Action::Char('\u{1b}'));
    assert_eq!(
        app.search_input.as_deref(),
        Some("qnj?"),
        "no bidi overrides or escapes"
    );
    press(&mut app, &mut lib, &["<Esc>"]);
    assert_eq!(app.search_input, None);
    press(&mut app, &mut lib, &["q"]);
    assert!(app.quit);
}

#[test]
fn help_opens_and_closes() {
    let mut lib = library(0);
    let mut app = app(&lib, 120, 30);
    press(&mut app, &mut lib, &["?"]);
    assert!(app.help);
    press(&mut app, &mut lib, &["j"]);
    assert!(app.help, "other keys do nothing while help is shown");
    assert_eq!(app.selected, 0);
    press(&mut app, &mut lib, &["<Esc>"]);
    assert!(!app.help);
}

#[test]
fn compact_layout_shows_the_focused_pane_and_jumps_to_the_reader() {
    let mut lib = library(40);
    let mut app = app(&lib, 80, 24);
    let panes = app.panes();
    assert!(panes.compact && panes.list.is_some() && panes.reader.is_none());
    press(&mut app, &mut lib, &["<Enter>"]);
    assert!(app.panes().reader.is_some());
    press(&mut app, &mut lib, &["<Tab>"]);
    assert!(app.panes().panel.is_some() && app.panes().reader.is_none());
    press(&mut app, &mut lib, &["G", "<Enter>"]);
    assert_eq!(
        app.focus,
        Focus::Reader,
        "jumping from the panel shows the reader"
    );
    assert!(current_in_view(&app));
}

#[test]
fn resize_rewraps_and_keeps_the_current_quote_in_view() {
    let mut lib = library(40);
    let mut app = app(&lib, 200, 40);
    press(&mut app, &mut lib, &["<Enter>", "n", "n", "n"]);
    let wide = app.reader.as_ref().unwrap().lines.len();
    app.update(Action::Resize {
        width: 100,
        height: 20,
    });
    let r = app.reader.as_ref().unwrap();
    assert!(r.lines.len() > wide, "narrower panes wrap into more lines");
    press(&mut app, &mut lib, &["n", "N"]);
    assert_eq!(current_text(&app), "Nothing is ready,");
    assert!(current_in_view(&app));
}

#[test]
fn mouse_clicks_select_and_the_wheel_scrolls() {
    let mut lib = library(40);
    let mut app = app(&lib, 120, 30);
    // List rows are two lines each, inside a border at y = 1.
    app.update(Action::Click { x: 5, y: 3 });
    assert_eq!((app.focus, app.selected), (Focus::List, 1));
    assert_eq!(
        app.update(Action::Click { x: 5, y: 4 }),
        Some(Task::Open(2)),
        "a second click opens"
    );
    press(&mut app, &mut lib, &["k", "<Enter>"]);
    let panel = app.panes().panel.unwrap();
    app.update(Action::Click {
        x: panel.x + 2,
        y: panel.y + 3,
    });
    assert_eq!(app.focus, Focus::Panel);
    assert_eq!(app.panel.selected_item(), Some(PanelItem::Speaker(1)));
    let reader = app.panes().reader.unwrap();
    app.update(Action::Wheel {
        down: true,
        x: reader.x + 3,
        y: reader.y + 3,
    });
    assert_eq!(app.reader.as_ref().unwrap().scroll, 3);
    app.update(Action::Click {
        x: reader.x + 3,
        y: reader.y + 3,
    });
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn a_broken_key_binding_is_reported_and_the_rest_works() {
    let mut config = Config::default();
    config
        .keys
        .insert(Action::Down, vec!["<C-".into(), "x".into()]);
    let lib = library(0);
    let mut app = byline::app::App::new(config, false);
    byline::app::library::reload(&mut app, &lib);
    assert!(app.status.error);
    assert!(app.status.text.contains("keys.down"), "{}", app.status.text);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    let mut lib = lib;
    press(&mut app, &mut lib, &["x"]);
    assert_eq!(app.selected, 1);
    press(&mut app, &mut lib, &["<Enter>"]);
    assert!(
        app.status.text.contains("keys.down"),
        "opening an article keeps the error shown"
    );
}
