//! The terminal edge of the editor: the event loop, which turns terminal events into
//! actions, runs the effects that `App::update` asks for, and keeps the session safe.

mod session;
mod terminal;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::DefaultTerminal;

use crate::app::{Action, App, Effect, Mode};
use crate::store::{self, StoreError, recovery};
use crate::{keymap, templates, ui};
use session::Session;

/// How long the loop waits for input before doing its periodic work.
const TICK: Duration = Duration::from_millis(250);

/// How the board is opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub read_only: bool,
    /// Reload the map whenever its file changes (`view --follow`).
    pub follow: bool,
    /// Wide columns for a projector.
    pub big: bool,
}

/// Why the board could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The map could not be read; unsaved work on it may wait in a recovery copy.
    #[error("{error}")]
    Open {
        error: StoreError,
        recovery_copy: Option<PathBuf>,
    },
    #[error("the editor needs a terminal; use `journeymap check` or `journeymap fmt` in scripts")]
    NotATerminal,
    /// The terminal failed under the editor (closed, say); the work went to the recovery copy.
    #[error("{0}")]
    Terminal(#[from] io::Error),
}

/// `journeymap view`: the board, read-only, optionally following the file as it changes.
/// Unlike the editor, it has nothing to show for a file that is not there.
pub fn run_viewer(file: &Path, options: Options) -> Result<(), TuiError> {
    if !file.exists() {
        return Err(TuiError::Open {
            error: StoreError::Io {
                path: file.to_path_buf(),
                source: io::ErrorKind::NotFound.into(),
            },
            recovery_copy: None,
        });
    }
    run_board(Some(file), options)
}

/// The newest recovery copy of the map at `path`, if one waits.
fn recovery_copy(path: &Path) -> Option<PathBuf> {
    let dir = recovery::state_dir()?;
    recovery::leftovers(&dir, &recovery::key(Some(path)))
        .into_iter()
        .next()
        .map(|leftover| leftover.path)
}

/// Opens the board on `file` (or on a new map from the default template).
pub fn run_board(file: Option<&Path>, options: Options) -> Result<(), TuiError> {
    let (map, disk) = match file {
        Some(path) if path.exists() => match store::open(path) {
            Ok((map, disk)) => (map, Some(disk)),
            Err(error) => {
                return Err(TuiError::Open {
                    error,
                    recovery_copy: recovery_copy(path),
                });
            }
        },
        _ => (templates::default_map(), None),
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    let mut app = App::new(map, file.map(Path::to_path_buf));
    app.read_only = options.read_only;
    app.big = options.big;
    let (mut session, opening) = Session::open(file, disk, &app);
    session.follow = options.follow;
    for action in opening {
        app.update(action);
    }
    let result = run(&mut app, &mut session);
    session.close();
    Ok(result?)
}

fn run(app: &mut App, session: &mut Session) -> io::Result<()> {
    let mut terminal = terminal::enter()?;
    let result = event_loop(&mut terminal, app, session);
    if result.is_err() {
        // The terminal failed under us (closed, say): keep the work before giving up.
        session.write_recovery_now(app);
    }
    terminal::leave();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    session: &mut Session,
) -> io::Result<()> {
    let theme = ui::Theme::from_env();
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    // Draw only when something may have changed: an idle editor sends nothing.
    let mut redraw = true;
    loop {
        if terminal::stop_requested() {
            session.write_recovery_now(app);
            terminal::stop_handled();
            // The signal thread restores the terminal and exits; wait for it.
            loop {
                std::thread::park();
            }
        }
        if std::mem::take(&mut redraw) {
            terminal.draw(|frame| ui::draw(frame, app, &theme))?;
        }
        let action = if event::poll(TICK)? {
            action_for(app, event::read()?)
        } else {
            // A resize whose event was missed (it can come while the terminal is being set
            // up) still redraws, at the next tick.
            let size = terminal.size()?;
            (app.size != (size.width, size.height)).then_some(Action::Resize {
                width: size.width,
                height: size.height,
            })
        };
        redraw |= action.is_some();
        let mut next = action.map(|a| app.update(a));
        while let Some(Some(effect)) = next.take() {
            let outcome = match effect {
                Effect::Quit => return Ok(()),
                Effect::Save(path) => session.save(app, &path, false),
                Effect::Overwrite(path) => session.save(app, &path, true),
                Effect::Reload => session.reload(),
                Effect::RestoreRecovery => match session.restore() {
                    Some(action) => action,
                    None => continue,
                },
                Effect::DiscardRecovery => match session.discard_and_offer_next(app) {
                    Some(action) => action,
                    None => continue,
                },
            };
            next = Some(app.update(outcome));
        }
        if let Some(action) = session.tick(app) {
            app.update(action);
            redraw = true;
        }
    }
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
