//! Hand-made articles with hand-made annotations, so reader tests mean something whatever the
//! annotator finds. Spans are found by searching the text we wrote, so they are exact.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeMap;

use byline::action::Action;
use byline::app::App;
use byline::app::library::{Library, MemoryLibrary, reload, run_task};
use byline::config::Config;
use byline::event::to_action;
use byline::model::{Annotations, Body, Document, EntityKind, Quote, QuoteKind, Speaker, Topic};
use byline::span::Span;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};

pub const FILLER: &str = "The committee met again on Tuesday and reviewed the budget line by line, \
                          with long pauses between items and no decision on the schedule.";

/// The body: two speakers, five quotes (indirect, direct, a broken direct pair, partial), with
/// `filler` neutral paragraphs between the first and second halves so that n/N must scroll.
pub fn body(filler: usize) -> String {
    let mut parts = vec![
        "Mayor Ana Lima said the bridge would open in May. “We are ready,” Lima told reporters."
            .to_owned(),
    ];
    parts.extend(std::iter::repeat_n(FILLER.to_owned(), filler));
    parts.push(
        "The council’s chair, Tom Berg, disagreed. “Nothing is ready,” he said. “Not the road, not the lights.”"
            .to_owned(),
    );
    parts.push("Lima later described the delay as “a rumour” on the bridge.".to_owned());
    parts.join("\n\n")
}

/// The span of the `nth` (from 0) occurrence of `needle`.
pub fn find(text: &str, needle: &str, nth: usize) -> Span {
    let at = text.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
    Span::new(text, at, at + needle.len()).unwrap()
}

pub fn article(filler: usize) -> (Document, Annotations) {
    let text = body(filler);
    let q = |kind, needle: &str, speaker| Quote {
        kind,
        span: find(&text, needle, 0),
        speaker: Some(speaker),
        cue: None,
        group: None,
    };
    let quotes = vec![
        q(QuoteKind::Indirect, "the bridge would open in May", 0),
        q(QuoteKind::Direct, "We are ready,", 0),
        q(QuoteKind::Direct, "Nothing is ready,", 1),
        q(QuoteKind::Direct, "Not the road, not the lights.", 1),
        q(QuoteKind::Partial, "a rumour", 0),
    ];
    let speakers = vec![
        Speaker {
            name: "Ana Lima".into(),
            kind: EntityKind::Person,
            aliases: vec!["Lima".into()],
            mentions: vec![
                find(&text, "Ana Lima", 0),
                find(&text, "Lima", 1),
                find(&text, "Lima", 2),
            ],
        },
        Speaker {
            name: "Tom Berg".into(),
            kind: EntityKind::Person,
            aliases: vec![],
            mentions: vec![find(&text, "Tom Berg", 0), find(&text, "he said", 0)],
        },
    ];
    let topics = vec![Topic {
        label: "bridge".into(),
        score: 1.0,
        mentions: vec![find(&text, "bridge", 0), find(&text, "bridge", 1)],
    }];
    let ann = Annotations {
        speakers,
        quotes,
        entities: vec![],
        topics,
    };
    let doc = Document {
        title: Some("Bridge delay splits the council".into()),
        body: Body::from_normalized(text),
    };
    (doc, ann)
}

/// A library with the fixture article first and two short ones after it.
pub fn library(filler: usize) -> MemoryLibrary {
    let mut lib = MemoryLibrary::default();
    let (doc, ann) = article(filler);
    lib.push("Fixture Gazette", "bridge", doc, ann);
    for (i, title) in ["Second story", "Third story"].iter().enumerate() {
        let doc = Document {
            title: Some((*title).to_owned()),
            body: Body::from_normalized(format!("Story {i} has no quotes at all.")),
        };
        lib.push("Fixture Gazette", title, doc, Annotations::default());
    }
    lib
}

/// An app of `width`×`height` over `lib`, with the default configuration.
pub fn app(lib: &dyn Library, width: u16, height: u16) -> App {
    app_with(Config::default(), lib, width, height)
}

/// An app of `width`×`height` over `lib` with `config`, its first screen of rows loaded.
pub fn app_with(config: Config, lib: &dyn Library, width: u16, height: u16) -> App {
    let mut app = App::new(config, false);
    app.update(Action::Resize { width, height });
    reload(&mut app, lib);
    app
}

/// Feeds key specs ("j", "<Tab>", "3", "n") through the keymap, running any task.
pub fn press(app: &mut App, lib: &mut dyn Library, keys: &[&str]) {
    for spec in keys {
        let key = byline::keymap::Key::parse(spec).unwrap();
        let ev = Event::Key(KeyEvent {
            code: key.code,
            modifiers: key.mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        });
        if let Some(action) = to_action(&ev, &app.keymap, app.search_input.is_some())
            && let Some(task) = app.update(action)
        {
            run_task(app, lib, task);
        }
    }
}

/// Types text into the search prompt.
pub fn type_text(app: &mut App, lib: &mut dyn Library, text: &str) {
    for c in text.chars() {
        let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        if let Some(action) = to_action(&ev, &app.keymap, app.search_input.is_some())
            && let Some(task) = app.update(action)
        {
            run_task(app, lib, task);
        }
    }
}

pub fn no_overrides() -> BTreeMap<Action, Vec<String>> {
    BTreeMap::new()
}
