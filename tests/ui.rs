//! Whole screens drawn into ratatui's `TestBackend`: insta snapshots of the seed article at three
//! sizes, the help overlay and the compact layout; and a proptest that, at any width, the cells
//! styled as a quote are exactly that quote's characters (CJK, emoji, combining marks included).
#![allow(clippy::unwrap_used)]

#[path = "support/fixture.rs"]
mod fixture;

use byline::action::Action;
use byline::app::App;
use byline::app::layout;
use byline::app::library::{MemoryLibrary, reload};
use byline::config::Config;
use byline::model::{Annotations, Body, Document, EntityKind, Quote, QuoteKind, Speaker};
use byline::span::Span;
use byline::ui::theme::MENTION;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

const SEED: &str = include_str!("../assets/articles/seed-obama-putin-syria.txt");

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| byline::ui::render(app, f)).unwrap();
    terminal
}

fn seed_app(width: u16, height: u16, keys: &[&str]) -> App {
    let mut lib = MemoryLibrary::default();
    lib.add_raw("seed-obama-putin-syria.txt", "seed", SEED, None);
    let mut app = fixture::app(&lib, width, height);
    fixture::press(&mut app, &mut lib, &["<Enter>"]);
    fixture::press(&mut app, &mut lib, keys);
    app
}

#[test]
fn seed_80x24() {
    insta::assert_snapshot!(draw(&seed_app(80, 24, &[])).backend());
}

#[test]
fn seed_120x40() {
    insta::assert_snapshot!(draw(&seed_app(120, 40, &[])).backend());
}

#[test]
fn seed_200x50_after_3n() {
    insta::assert_snapshot!(draw(&seed_app(200, 50, &["3", "n"])).backend());
}

#[test]
fn seed_last_quote_is_reachable_and_styled() {
    let mut app = seed_app(120, 40, &["9", "9", "n"]);
    let terminal = draw(&app);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("walk away from"), "{screen}");
    let r = app.reader.as_ref().unwrap();
    let span = r.span_of(r.current.unwrap()).unwrap();
    assert!(
        span.slice(r.doc.body.as_str())
            .contains("walk away from that effort")
    );
    app.update(Action::Resize {
        width: 90,
        height: 30,
    });
    let screen = draw(&app).backend().to_string();
    assert!(
        screen.contains("walk away"),
        "still in view after a resize:\n{screen}"
    );
}

#[test]
fn help_overlay_lists_the_live_keymap() {
    let mut config = Config::default();
    config
        .keys
        .insert(Action::Next, vec!["n".into(), "<Right>".into()]);
    let lib = fixture::library(0);
    let mut app = fixture::app_with(config, &lib, 120, 40);
    app.update(Action::Help);
    let terminal = draw(&app);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("n, <Right>"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn compact_layout_list_and_reader() {
    let mut lib = fixture::library(3);
    let mut app = fixture::app(&lib, 80, 24);
    insta::assert_snapshot!("compact_list", draw(&app).backend());
    fixture::press(&mut app, &mut lib, &["<Enter>", "n", "n"]);
    insta::assert_snapshot!("compact_reader", draw(&app).backend());
    fixture::press(&mut app, &mut lib, &["<Tab>"]);
    insta::assert_snapshot!("compact_panel", draw(&app).backend());
}

#[test]
fn hostile_text_stays_in_its_cells() {
    let raw = "Wide 日本語 and emoji 👩‍🔬 with cafe\u{301}\n\n\u{1b}[31mred\u{1b}[0m \u{1b}]0;title\u{7}text";
    let mut lib = MemoryLibrary::default();
    lib.add_raw("hostile.txt", "hostile", raw, None);
    let mut app = fixture::app(&lib, 60, 12);
    fixture::press(&mut app, &mut lib, &["<Enter>"]);
    let screen = draw(&app).backend().to_string();
    assert!(
        !screen.contains('\u{1b}') && !screen.contains("[31m") && !screen.contains("title"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn no_color_draws_without_colours() {
    let mut lib = fixture::library(0);
    let mut app = App::new(Config::default(), true);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    reload(&mut app, &lib);
    fixture::press(&mut app, &mut lib, &["<Enter>", "n"]);
    let terminal = draw(&app);
    let colours: Vec<_> = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
        .map(|c| (c.symbol().to_owned(), c.fg, c.bg))
        .take(5)
        .collect();
    assert!(colours.is_empty(), "{colours:?}");
}

/// An article made of words of many scripts, with up to six quotes, each by its own speaker
/// (so each has its own colour), and a mention of each speaker outside the quotes.
/// Text, quote ranges, mention ranges.
type Quoted = (String, Vec<(usize, usize)>, Vec<(usize, usize)>);

fn quoted_article() -> impl Strategy<Value = Quoted> {
    let word = prop_oneof![
        "[a-zA-Z]{1,10}[,.]?",
        "[日本語中文字]{1,5}",
        "(e\u{301}|a\u{308}|q\u{301}|o){1,4}",
        "(\u{1f600}|\u{1f469}\u{200d}\u{1f52c}|\u{1f44d}\u{1f3fd}){1,2}",
        "[a-z]{15,40}",
    ];
    let chunk = (
        proptest::collection::vec(word, 1..12),
        any::<bool>(),
        any::<bool>(),
    );
    proptest::collection::vec(chunk, 1..10).prop_map(|chunks| {
        let (mut text, mut quotes, mut mentions) = (String::new(), Vec::new(), Vec::new());
        for (words, is_quote, new_para) in chunks {
            if !text.is_empty() {
                text.push_str(if new_para { "\n\n" } else { " " });
            }
            let joined = words.join(" ");
            if is_quote && quotes.len() < 6 {
                text.push('“');
                quotes.push((text.len(), text.len() + joined.len()));
                text.push_str(&joined);
                text.push_str("” said ");
                let at = text.len();
                text.push_str("Speaker");
                mentions.push((at, text.len()));
            } else {
                text.push_str(&joined);
            }
        }
        (text, quotes, mentions)
    })
}

fn quoted_app(
    text: &str,
    quotes: &[(usize, usize)],
    mentions: &[(usize, usize)],
    width: u16,
) -> App {
    let quotes: Vec<Quote> = quotes
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| Quote {
            kind: QuoteKind::Direct,
            span: Span::new(text, a, b).unwrap(),
            speaker: Some(i),
            cue: None,
            group: None,
        })
        .collect();
    let speakers = mentions
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| Speaker {
            name: format!("Speaker {i}"),
            kind: EntityKind::Person,
            aliases: vec![],
            mentions: vec![Span::new(text, a, b).unwrap()],
        })
        .collect();
    let ann = Annotations {
        speakers,
        quotes,
        ..Annotations::default()
    };
    let doc = Document {
        title: Some("T".into()),
        body: Body::from_normalized(text.to_owned()),
    };
    let mut lib = MemoryLibrary::default();
    lib.push("prop", "prop", doc, ann);
    let mut config = Config::default();
    config.layout.wrap_width = 200;
    config.layout.show_panel = false;
    // One pane: the reader's text is exactly `width` columns (border and padding take 4).
    config.layout.compact_below = u16::MAX;
    let mut app = fixture::app_with(config, &lib, width + 4, 400);
    fixture::press(&mut app, &mut lib, &["<Enter>"]);
    app
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn quote_cells_are_exactly_the_quote((text, quotes, mentions) in quoted_article(), width in 20u16..=200) {
        let app = quoted_app(&text, &quotes, &mentions, width);
        let terminal = draw(&app);
        let buf = terminal.backend().buffer();
        let area = layout::reader_text(app.panes().reader.unwrap());
        let r = app.reader.as_ref().unwrap();
        prop_assert_eq!(area.width, width);
        prop_assert_eq!(r.width, usize::from(width));
        prop_assert!(r.total_rows() <= usize::from(area.height), "the whole article fits on screen");
        for (i, &(a, b)) in quotes.iter().enumerate() {
            let colour = app.theme.speaker_color(Some(i));
            let mut got = String::new();
            for y in area.y..area.y + area.height {
                for x in area.x..area.x + area.width {
                    let cell = &buf[(x, y)];
                    if cell.fg == colour && !cell.modifier.contains(MENTION) {
                        got.push_str(cell.symbol());
                    }
                }
            }
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(strip(&got), strip(text.get(a..b).unwrap()), "quote {} at width {}", i, width);
        }
        // Mentions are marked, and only they are.
        let marked: String = (area.y..area.y + area.height)
            .flat_map(|y| (area.x..area.x + area.width).map(move |x| (x, y)))
            .map(|p| &buf[p])
            .filter(|c| c.modifier.contains(Modifier::UNDERLINED))
            .map(|c| c.symbol().to_owned())
            .collect();
        prop_assert_eq!(marked, "Speaker".repeat(mentions.len()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any terminal size, down to nothing, with any pane focused and help open or not: no panic.
    #[test]
    fn tiny_and_odd_sizes_never_panic(width in 0u16..130, height in 0u16..30, keys in proptest::collection::vec(0usize..8, 0..6)) {
        let mut lib = fixture::library(5);
        let mut app = fixture::app(&lib, width, height);
        let names = ["<Enter>", "n", "<Tab>", "j", "?", "p", "G", "<C-d>"];
        let keys: Vec<&str> = keys.iter().map(|&k| names[k]).collect();
        fixture::press(&mut app, &mut lib, &keys);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| byline::ui::render(&app, f)).unwrap();
    }
}

/// The cell where `needle` (ASCII) first appears in the reader's text (at 120 columns).
fn cell_of<'a>(buf: &'a ratatui::buffer::Buffer, needle: &str) -> &'a ratatui::buffer::Cell {
    let area = ratatui::layout::Rect::new(32, 1, 50, 28);
    for y in area.y..area.y + area.height {
        let row: String = (area.x..area.x + area.width)
            .map(|x| buf[(x, y)].symbol().chars().next().unwrap_or(' '))
            .collect();
        if let Some(at) = row.find(needle) {
            let x = area.x + u16::try_from(row.get(..at).unwrap().chars().count()).unwrap();
            return &buf[(x, y)];
        }
    }
    panic!("{needle:?} not on screen");
}

#[test]
fn a_selected_speaker_keeps_the_highlights_the_others_lose_theirs() {
    let mut lib = fixture::library(0);
    let mut app = fixture::app(&lib, 120, 30);
    fixture::press(&mut app, &mut lib, &["<Enter>"]);
    let lima = app.theme.speaker_color(Some(0));
    let berg = app.theme.speaker_color(Some(1));
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    assert_eq!(cell_of(buf, "We are ready").fg, lima);
    assert_eq!(cell_of(buf, "Nothing is ready").fg, berg);
    assert!(cell_of(buf, "Tom Berg").modifier.contains(MENTION));
    fixture::press(&mut app, &mut lib, &["<Tab>", "<Enter>"]);
    assert_eq!(app.reader.as_ref().unwrap().speaker, Some(0));
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    assert_eq!(cell_of(buf, "We are ready").fg, lima);
    assert_eq!(cell_of(buf, "Nothing is ready").fg, Color::Reset);
    assert!(!cell_of(buf, "Tom Berg").modifier.contains(MENTION));
    assert!(
        cell_of(buf, "Ana Lima")
            .modifier
            .contains(Modifier::REVERSED),
        "the first stop is current"
    );
}

#[test]
fn an_error_takes_the_whole_status_line() {
    let mut config = Config::default();
    config.keys.insert(Action::Down, vec!["<Nope>".into()]);
    config.theme.accent = "not-a-colour".into();
    let lib = fixture::library(0);
    let app = fixture::app_with(config, &lib, 100, 10);
    let screen = draw(&app).backend().to_string();
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("config keys.down: unknown key name 'Nope' in '<Nope>'"),
        "{status}"
    );
    assert!(!status.contains("? help"), "{status}");
}
