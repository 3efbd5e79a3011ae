//! Keypress → frame: `App::update` plus a full draw into ratatui's `TestBackend`, on a
//! 20,000-word article with 500 annotations (quotes and speaker mentions).
//! Run: `cargo bench --bench frame`. Figures go in docs/PERFORMANCE.md ("Reader").

use byline::action::Action;
use byline::app::App;
use byline::app::library::{MemoryLibrary, reload, run_task};
use byline::config::Config;
use byline::model::{Annotations, Body, Document, EntityKind, Quote, QuoteKind, Speaker};
use byline::span::Span;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// 20,000 words in paragraphs of 100, with 300 quotes and 200 mentions spread through it.
fn article() -> (Document, Annotations) {
    let words = [
        "the", "council", "said", "bridge", "would", "open", "in", "May", "and", "ready",
    ];
    let mut text = String::new();
    let mut quotes = Vec::new();
    let mut mentions: Vec<Vec<(usize, usize)>> = vec![Vec::new(); 8];
    for p in 0..200 {
        if p > 0 {
            text.push_str("\n\n");
        }
        let speaker = p % 8;
        let at = text.len();
        text.push_str("Speaker");
        mentions[speaker].push((at, text.len()));
        for w in 1..100 {
            text.push(' ');
            if w % 33 == 1 && quotes.len() < 300 {
                let start = text.len();
                text.push_str("“we are ready and the bridge will open”");
                quotes.push((start, text.len(), speaker));
                continue;
            }
            text.push_str(words[(p * 7 + w) % words.len()]);
        }
        text.push('.');
    }
    let span = |a, b| Span::new(&text, a, b).expect("bench spans are on char boundaries");
    let quotes = quotes
        .iter()
        .map(|&(a, b, s)| Quote {
            kind: QuoteKind::Direct,
            span: span(a, b),
            speaker: Some(s),
            cue: None,
            group: None,
        })
        .collect();
    let speakers = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| Speaker {
            name: format!("Speaker {i}"),
            kind: EntityKind::Person,
            aliases: vec![],
            mentions: m.iter().map(|&(a, b)| span(a, b)).collect(),
        })
        .collect();
    let ann = Annotations {
        speakers,
        quotes,
        ..Annotations::default()
    };
    (
        Document {
            title: Some("A long article".into()),
            body: Body::from_normalized(text.clone()),
        },
        ann,
    )
}

fn setup(width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    let (doc, ann) = article();
    assert!(doc.body.as_str().split_whitespace().count() >= 20_000);
    assert_eq!(
        ann.quotes.len() + ann.speakers.iter().map(|s| s.mentions.len()).sum::<usize>(),
        500
    );
    let mut lib = MemoryLibrary::default();
    lib.push("bench", "bench", doc, ann);
    let mut app = App::new(Config::default(), false);
    app.update(Action::Resize { width, height });
    reload(&mut app, &lib);
    if let Some(task) = app.update(Action::Open) {
        run_task(&mut app, &mut lib, task);
    }
    let terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    (app, terminal)
}

/// `n`: next quote (wrapping back to the top at the end), then a whole frame.
#[divan::bench(args = [(120, 40), (200, 50)])]
fn next_quote_frame(bencher: divan::Bencher, (width, height): (u16, u16)) {
    let (mut app, mut terminal) = setup(width, height);
    bencher.bench_local(|| {
        if app.update(Action::Next).is_none() && app.status.text.starts_with("quote 300/") {
            app.update(Action::Top);
            app.update(Action::Clear);
        }
        terminal
            .draw(|f| byline::ui::render(&app, f))
            .expect("draw");
    });
}

/// `j` in the reader, then a whole frame.
#[divan::bench(args = [(120, 40)])]
fn scroll_frame(bencher: divan::Bencher, (width, height): (u16, u16)) {
    let (mut app, mut terminal) = setup(width, height);
    bencher.bench_local(|| {
        app.update(Action::Down);
        terminal
            .draw(|f| byline::ui::render(&app, f))
            .expect("draw");
    });
}

/// A resize: rewrapping the whole article at a new width, then a frame.
#[divan::bench(args = [(120, 40)])]
fn resize_frame(bencher: divan::Bencher, (width, height): (u16, u16)) {
    let (mut app, mut terminal) = setup(width, height);
    let mut wide = false;
    bencher.bench_local(|| {
        wide = !wide;
        let w = if wide { width + 20 } else { width };
        app.update(Action::Resize { width: w, height });
        terminal
            .resize(ratatui::layout::Rect::new(0, 0, w, height))
            .expect("resize");
        terminal
            .draw(|f| byline::ui::render(&app, f))
            .expect("draw");
    });
}
