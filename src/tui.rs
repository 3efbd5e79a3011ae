//! Terminal set-up and the event loop: draw → read one event → `App::update` → run the task it
//! returns. The terminal is restored on every way out, panics included.

use std::io::stdout;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::action::Action;
use crate::app::App;
use crate::app::library::{Library, MemoryLibrary, run_task};
use crate::config::Config;

/// Opens the reader on `files`, or on the library when there are none.
///
/// # Errors
/// Unreadable files (by name) and terminal failures.
pub fn run(files: &[PathBuf], _data: Option<&Path>, config: Option<&Path>) -> anyhow::Result<()> {
    let (config, config_error) = Config::load(config);
    // The error already names the file and its cause; `anyhow!` keeps it from being repeated.
    let mut library = if files.is_empty() {
        MemoryLibrary::bundled()
    } else {
        MemoryLibrary::from_files(files).map_err(|e| anyhow::anyhow!("{e}"))?
    };
    let no_color =
        config.theme.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut app = App::new(config, library.list(), no_color);
    if let Some(e) = config_error {
        app.report(&format!("running on default settings: {e}"), true);
    }

    let mut terminal = init().context("cannot set up the terminal")?;
    let result = event_loop(&mut terminal, &mut app, &mut library, !files.is_empty());
    restore();
    result
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
    if open_first && let Some(task) = app.update(Action::Open) {
        run_task(app, library, task);
    }
    while !app.quit {
        terminal.draw(|frame| crate::ui::render(app, frame))?;
        let ev = event::read()?;
        let Some(action) = crate::event::to_action(&ev, &app.keymap, app.search_input.is_some())
        else {
            continue;
        };
        if let Some(task) = app.update(action) {
            run_task(app, library, task);
        }
    }
    Ok(())
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
