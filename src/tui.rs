//! Terminal set-up and the event loop: draw → read one event (or a fetch worker's report) →
//! `App::update` → run the task it returns. The terminal is restored on every way out, panics
//! included.

pub mod fetch;

use std::io::stdout;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use anyhow::Context as _;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::action::{Action, Task};
use crate::app::App;
use crate::app::library::{Library, MemoryLibrary, fill, run_task};
use crate::app::store_library::StoreLibrary;
use crate::config::Config;
use crate::library::fetch::FetchConfig;
use crate::store::{Store, data_dir};
use fetch::FetchEvent;

/// Opens the reader on `files`, or on the library when there are none.
///
/// # Errors
/// Unreadable files (by name) and terminal failures.
pub fn run(files: &[PathBuf], data: Option<&Path>, config: Option<&Path>) -> anyhow::Result<()> {
    let (config, config_error) = Config::load(config);
    // The error already names the file and its cause; `anyhow!` keeps it from being repeated.
    let (mut library, note) = if files.is_empty() {
        open_library(data)
    } else {
        let lib = MemoryLibrary::from_files(files).map_err(|e| anyhow::anyhow!("{e}"))?;
        (Box::new(lib) as Box<dyn Library>, Note::default())
    };
    let no_color =
        config.theme.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut app = App::new(config, no_color);
    app.read_only = note.read_only;
    if let Some(e) = config_error {
        app.report(&format!("running on default settings: {e}"), true);
    } else if let Some(text) = note.text {
        app.report(&text, note.error);
    }

    let mut terminal = init().context("cannot set up the terminal")?;
    let result = event_loop(&mut terminal, &mut app, library.as_mut(), !files.is_empty());
    restore();
    result
}

/// What `open_library` has to say for the status line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note {
    pub text: Option<String>,
    pub error: bool,
    pub read_only: bool,
}

/// The SQLite library in the data dir, read-only when another byline writes it. An empty
/// library (first run) or one that cannot be opened shows the bundled samples instead, with a
/// note for the status line.
#[must_use]
pub fn open_library(data: Option<&Path>) -> (Box<dyn Library>, Note) {
    let opened = data_dir(data).and_then(|dir| Store::open_or_read_only(&dir));
    match opened {
        Ok((store, writer)) => {
            let lib = StoreLibrary::new(store);
            if lib.is_empty() {
                let note = Note {
                    text: Some(
                        "the library is empty: showing the bundled samples (byline add URL adds a feed)"
                            .into(),
                    ),
                    ..Note::default()
                };
                return (Box::new(MemoryLibrary::bundled()), note);
            }
            let note = Note {
                text: (!writer).then(|| {
                    "read-only: another byline is writing the library (no fetch, star or read marks)"
                        .to_owned()
                }),
                error: false,
                read_only: !writer,
            };
            (Box::new(lib), note)
        }
        Err(e) => (
            Box::new(MemoryLibrary::bundled()),
            Note {
                text: Some(format!("showing the bundled samples: {e}")),
                error: true,
                read_only: false,
            },
        ),
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    library: &mut dyn Library,
    open_first: bool,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    // The feeds' counts and the rows of the first screen only: the rest loads as it comes into
    // view (`App::wanted`).
    run_task(app, library, Task::Reload);
    if open_first && let Some(task) = app.update(Action::Open) {
        run_task(app, library, task);
    }
    let mut worker: Option<Receiver<FetchEvent>> = None;
    while !app.quit {
        terminal.draw(|frame| crate::ui::render(app, frame))?;
        // While a fetch runs, wake up to show its progress; otherwise wait for input.
        let ready = worker.is_none() || event::poll(Duration::from_millis(100))?;
        if ready {
            let ev = event::read()?;
            if let Some(action) =
                crate::event::to_action(&ev, &app.keymap, app.search_input.is_some())
                && let Some(task) = app.update(action)
            {
                perform(app, library, task, &mut worker);
            }
        }
        if let Some(rx) = worker.as_ref()
            && drain(app, library, rx)
        {
            worker = None;
        }
    }
    Ok(())
}

/// Runs a task; a fetch starts the worker.
fn perform(
    app: &mut App,
    library: &mut dyn Library,
    task: Task,
    worker: &mut Option<Receiver<FetchEvent>>,
) {
    let Task::Fetch(ids) = task else {
        run_task(app, library, task);
        return;
    };
    match library.connect_again() {
        Some(Ok(store)) => *worker = Some(fetch::spawn(store, ids, FetchConfig::default())),
        Some(Err(e)) => app.fetch_done(Err(e.to_string())),
        None => app.fetch_done(Err(
            "nothing to fetch: these articles are not in the library (byline add URL adds a feed)"
                .to_owned(),
        )),
    }
    fill(app, library);
}

/// Hands the worker's reports to the app; true when it has finished (the list is reloaded).
pub fn drain(app: &mut App, library: &mut dyn Library, rx: &Receiver<FetchEvent>) -> bool {
    loop {
        match rx.try_recv() {
            Ok(FetchEvent::Progress(text)) => app.fetch_progress(&text),
            Ok(FetchEvent::Done(result)) => {
                app.fetch_done(result);
                run_task(app, library, Task::Reload);
                return true;
            }
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {
                app.fetch_done(Err("the fetch stopped unexpectedly".to_owned()));
                return true;
            }
        }
    }
}

fn init() -> std::io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    // ratatui's hook restores the screen; ours also releases the mouse first.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    execute!(stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
}
