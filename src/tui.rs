//! The terminal edge of the editor: terminal setup and restore, the event loop, and the
//! effects (save, quit) that the pure update asks for.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::{Action, App, Effect, Mode};
use crate::cli::Exit;
use crate::model::Map;
use crate::store::{self, StoreError};
use crate::{keymap, templates, ui};

/// Opens the editor on `file` (or on a new map from the default template).
pub fn run_editor(file: Option<&Path>, read_only: bool) -> Exit {
    let map = match file {
        Some(path) if path.exists() => match store::load(path) {
            Ok(map) => map,
            Err(e) => {
                report(&e);
                return Exit::Failure;
            }
        },
        _ => templates::default_map(),
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "journeymap: error: the editor needs a terminal; use `journeymap check` or `journeymap fmt` in scripts"
        );
        return Exit::Usage;
    }
    let mut app = App::new(map, file.map(Path::to_path_buf));
    app.read_only = read_only;
    match run(&mut app) {
        Ok(()) => Exit::Success,
        Err(e) => {
            eprintln!("journeymap: error: {e}");
            Exit::Failure
        }
    }
}

fn report(e: &StoreError) {
    match e {
        StoreError::Invalid { report, .. } => eprintln!("{report}"),
        StoreError::Io { path, source } => eprintln!(
            "{}: error: {}",
            crate::text::sanitize(&path.display().to_string()),
            store::io_message(source)
        ),
    }
}

fn run(app: &mut App) -> io::Result<()> {
    let mut terminal = enter()?;
    let result = event_loop(&mut terminal, app);
    leave();
    result
}

/// Raw mode, alternate screen, mouse and bracketed paste; and hooks that undo all of it on
/// a panic or when the terminal is closed or the process is told to stop.
fn enter() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        ratatui_hook(info);
    }));
    watch_signals();
    if let Err(e) = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste) {
        leave();
        return Err(e);
    }
    Ok(terminal)
}

/// Puts the terminal back as it was. Safe to call more than once.
fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// SIGTERM, SIGHUP (the terminal was closed) and SIGINT end the editor with the terminal
/// restored. They are handled on a thread of their own: the event loop may be blocked.
fn watch_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                leave();
                std::process::exit(128 + signal);
            }
        });
    }
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let theme = ui::Theme::from_env();
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    loop {
        terminal.draw(|frame| ui::draw(frame, app, &theme))?;
        if !event::poll(Duration::from_millis(500))? {
            continue;
        }
        let Some(action) = action_for(app, event::read()?) else {
            continue;
        };
        let mut effect = app.update(action);
        while let Some(next) = effect.take() {
            match next {
                Effect::Quit => return Ok(()),
                Effect::Save(path) => effect = app.update(Action::Saved(save(&path, &app.map))),
            }
        }
    }
}

fn save(path: &Path, map: &Map) -> Result<PathBuf, String> {
    store::save(path, map)
        .map(|()| path.to_path_buf())
        .map_err(|e| match e {
            StoreError::Io { source, .. } => store::io_message(&source),
            StoreError::Invalid { error, .. } => error.message,
        })
}

/// Turns a terminal event into an action for the current mode.
fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keymap::action(&app.mode, key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(mouse) if app.mode == Mode::Normal => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
                MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
                _ => None,
            }
        }
        _ => None,
    }
}
