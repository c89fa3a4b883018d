//! The terminal edge of the editor: the event loop, which turns terminal events into
//! actions, runs the effects that `App::update` asks for, and keeps the session safe.

mod input;
pub mod live;
mod session;
mod terminal;
mod writer;

use std::collections::VecDeque;
use std::fs;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::Event as TermEvent;

use crate::app::exporting::Exported;
use crate::app::{self, Action, App, Effect, Event};
use crate::model::Map;
use crate::store::{self, DiskState, StoreError, recovery};
use crate::{export, keymap, templates, ui};
use session::Session;

/// The longest the loop sleeps between looks at the session's periodic work (the recovery
/// copy, changes on disk), which has deadlines of a second or more.
const HOUSEKEEPING: Duration = Duration::from_millis(250);

/// How the board is opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardOptions {
    pub read_only: bool,
    /// Reload the map whenever its file changes (`view --follow`).
    pub follow: bool,
    /// Wide columns for a projector.
    pub big: bool,
    /// `--theme` (else `config.ron`'s, else dark).
    pub theme: Option<ui::ThemeName>,
    /// The user's `config.ron` (voting and timer defaults).
    pub config: crate::format::Config,
}

/// Why the board could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The map could not be read; unsaved work on it may wait in a recovery copy.
    #[error("{error}")]
    Open {
        error: Box<StoreError>,
        recovery_copy: Option<PathBuf>,
    },
    #[error("the editor needs a terminal; use `journeymap check` or `journeymap fmt` in scripts")]
    NotATerminal,
    /// The terminal failed under the editor (closed, say); the work went to the recovery copy.
    #[error("{0}")]
    Terminal(#[from] io::Error),
    /// The live session's server could not start (the port is taken, say).
    #[error("{0}")]
    Host(#[from] crate::host::HostError),
}

/// `journeymap view`: the board, read-only, optionally following the file as it changes.
/// Unlike the editor, it has nothing to show for a file that is not there.
pub fn run_viewer(file: &Path, options: BoardOptions) -> Result<(), TuiError> {
    // A map that has no file yet can still be followed while an editor has it open: its
    // recovery copy is the map (a projector is often started before the first save).
    if options.follow
        && fs::symlink_metadata(file).is_err()
        && let Some(map) = live_copy(file)
    {
        return run_loaded(Some(file), map, None, options);
    }
    let (map, disk) = open(file)?;
    run_loaded(Some(file), map, Some(disk), options)
}

/// The map as a running editor keeps it in its recovery copy, if one does.
fn live_copy(path: &Path) -> Option<Map> {
    let dir = recovery::state_dir()?;
    recovery::live_copies(&dir, &recovery::key(Some(path)))
        .iter()
        .find_map(|copy| store::load(&copy.path).ok())
}

/// Loads the map at `path` for the board, or says why it cannot.
fn open(path: &Path) -> Result<(Map, DiskState), TuiError> {
    store::load_tracked(path).map_err(|error| TuiError::Open {
        error: Box::new(error),
        recovery_copy: recovery_copy(path),
    })
}

/// The newest recovery copy of the map at `path`, if one waits.
fn recovery_copy(path: &Path) -> Option<PathBuf> {
    let dir = recovery::state_dir()?;
    recovery::leftovers(&dir, &recovery::key(Some(path)))
        .into_iter()
        .next()
        .map(|leftover| leftover.path)
}

/// `journeymap host`: the board for the facilitator, and the same room served over SSH to
/// every participant. The server starts (or its error is reported) before the terminal
/// changes.
pub fn run_host(
    file: &Path,
    options: BoardOptions,
    host: crate::host::HostOptions,
) -> Result<(), TuiError> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    let (map, disk) = match fs::symlink_metadata(file) {
        Ok(_) => {
            let (map, disk) = open(file)?;
            (map, Some(disk))
        }
        Err(_) => (templates::default_map(), None),
    };
    let mut host = host;
    if host.code.is_none() {
        // A host started again on a map whose session ended without closing takes its
        // code: the participants' `ssh` line still works.
        host.code = last_session_code(file);
    }
    let host = crate::host::start(host)?;
    run_with(
        Some(file),
        map,
        disk,
        options,
        Some(live::Remotes::new(host)),
    )
}

/// The session code of the last live session on `file` that ended without closing.
fn last_session_code(file: &Path) -> Option<String> {
    let dir = recovery::state_dir()?;
    // The newest that reads, as the room taken back is.
    store::room::leftovers(&dir, &recovery::key(Some(file)))
        .iter()
        .find_map(|path| store::room::read(path))?
        .code
        .filter(|code| crate::host::check_code(code).is_ok())
}

/// Opens the board on `file` (or on a new map from the default template).
pub fn run_board(file: Option<&Path>, options: BoardOptions) -> Result<(), TuiError> {
    // Only a file that is not there at all (not even as a link that points nowhere) is a
    // new map, created on the first save.
    let (map, disk) = match file {
        Some(path) if fs::symlink_metadata(path).is_ok() => {
            let (map, disk) = open(path)?;
            (map, Some(disk))
        }
        _ => (templates::default_map(), None),
    };
    run_loaded(file, map, disk, options)
}

fn run_loaded(
    file: Option<&Path>,
    map: Map,
    disk: Option<DiskState>,
    options: BoardOptions,
) -> Result<(), TuiError> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    run_with(file, map, disk, options, None)
}

fn run_with(
    file: Option<&Path>,
    map: Map,
    disk: Option<DiskState>,
    options: BoardOptions,
    mut remotes: Option<live::Remotes>,
) -> Result<(), TuiError> {
    let mut app = App::new(map, file.map(Path::to_path_buf));
    if let Some(remotes) = &remotes {
        app.room.live = Some(remotes.live(&app.seat));
    }
    app.room.read_only = options.read_only;
    app.seat.big = options.big;
    app.room.use_config(&options.config);
    // A setting changed to fit is said where the facilitator looks.
    if let Some(note) = options.config.notes.first() {
        app.seat.set_status(format!("config.ron: {note}"));
    }
    let (mut session, mut opening) = Session::open(file, disk, &app);
    // A live session on this map that ended without closing: its room comes back.
    let worth = |room: &crate::format::RoomFile| {
        !room.seats.is_empty()
            || !room.authors.is_empty()
            || !room.added.is_empty()
            || room.phase != "open"
    };
    if let (Some(remotes), Some(room)) = (&mut remotes, session.take_room().filter(worth))
        && remotes.restore(&mut app.room, &room)
    {
        app.room.live = Some(remotes.live(&app.seat));
        app.seat.set_status(format!(
            "the room of the last session is back: {} waiting, {} private",
            crate::present::count(room.seats.len(), "seat"),
            crate::present::count(room.authors.len(), "card")
        ));
    }
    if let Some(why) = file
        .filter(|_| !app.room.read_only)
        .and_then(store::write_problem)
    {
        opening.push(Event::CannotWrite(why));
    }
    session.follow = options.follow;
    let theme = ui::Theme::choose(options.theme);
    let result = run(&mut app, &mut session, opening, &theme, remotes.as_mut());
    // The participants see that the session has ended before the facilitator's terminal
    // is given back.
    drop(remotes);
    session.close();
    Ok(result?)
}

fn run(
    app: &mut App,
    session: &mut Session,
    opening: Vec<Event>,
    theme: &ui::Theme,
    remotes: Option<&mut live::Remotes>,
) -> io::Result<()> {
    // The opening dialogs go through the same dispatch as every key: an "already open"
    // answered with quit ends the editor before it starts.
    for event in opening {
        if dispatch(app, session, Input::Event(event)) == Flow::Quit {
            return Ok(());
        }
    }
    let mut terminal = terminal::enter()?;
    let result = event_loop(&mut terminal, app, session, theme, remotes);
    if result.is_err() {
        // The terminal failed under us (closed, say): keep the work before giving up.
        session.write_recovery_now(app);
    }
    terminal::leave();
    result
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    /// Go on, but clear the terminal and draw the whole screen again first.
    Redraw,
    Quit,
}

/// What comes into the loop: a person's action, or an event (time, size, an answer).
enum Input {
    Action(Action),
    Event(Event),
}

/// The one path from an input to its consequences: `update` (or `handle`), then every
/// effect it asks for, each of which may answer with an event, until nothing is left to do.
fn dispatch(app: &mut App, session: &mut Session, input: Input) -> Flow {
    let mut flow = Flow::Continue;
    let mut pending = VecDeque::from([input]);
    while let Some(input) = pending.pop_front() {
        let effects = match input {
            Input::Action(action) => app.update(action),
            Input::Event(event) => app::handle(&mut app.room, &mut app.seat, event),
        };
        for effect in effects {
            let answer = match effect {
                Effect::Quit => return Flow::Quit,
                Effect::Save(path) => Some(session.save(app, &path, false)),
                Effect::Overwrite(path) => Some(session.save(app, &path, true)),
                Effect::Reload => Some(session.reload()),
                Effect::RestoreRecovery => session.restore(),
                Effect::DiscardRecovery => session.discard_and_offer_next(app),
                Effect::Export {
                    path,
                    format,
                    overwrite,
                } => Some(Event::Exported(write_export(app, &path, format, overwrite))),
                Effect::Bell => {
                    terminal::bell();
                    None
                }
                Effect::Redraw => {
                    flow = Flow::Redraw;
                    None
                }
                Effect::DropRoundLeftover => {
                    session.drop_round_leftover();
                    None
                }
                Effect::KeepRecovery => {
                    session.keep_recovery();
                    None
                }
                Effect::PersistRound => {
                    session.keep_round_file(app);
                    None
                }
            };
            pending.extend(answer.map(Input::Event));
        }
    }
    flow
}

/// Writes a snapshot of the open map, with the rules of `print -o`; a file that is there
/// (and is no map, which is never replaced) is replaced only when `overwrite`.
pub fn write_export(app: &App, path: &Path, format: &str, overwrite: bool) -> Exported {
    if !overwrite && fs::symlink_metadata(path).is_ok() && store::load(path).is_err() {
        return Exported::Exists(path.to_path_buf());
    }
    let opts = export::Options {
        made: Some(crate::date::Date::today()),
        ..export::Options::default()
    };
    let Some(snapshot) = crate::app::exporting::render(format, &app.room.map, &opts) else {
        return Exported::Failed(format!("no snapshot format called {format}"));
    };
    match store::write_snapshot(app.room.path.as_deref(), path, snapshot.as_bytes()) {
        Ok(()) => Exported::Written(path.to_path_buf()),
        Err(e) => Exported::Failed(e.reason()),
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    session: &mut Session,
    theme: &ui::Theme,
    mut remotes: Option<&mut live::Remotes>,
) -> io::Result<()> {
    let size = terminal.size()?;
    dispatch(
        app,
        session,
        Input::Event(Event::Resize {
            width: size.width,
            height: size.height,
        }),
    );
    let mut reader = input::Reader::new()?;
    // Draw only when something may have changed: an idle editor sends nothing.
    let mut redraw = true;
    // When participants' input was last taken in.
    let mut last_pass: Option<Instant> = None;
    loop {
        if terminal::stop_requested() {
            session.write_recovery_now(app);
            if let Some(remotes) = remotes.as_deref() {
                session.write_room_now(&remotes.room_file(&app.room));
            }
            terminal::stop_handled();
            // The signal thread restores the terminal and exits; wait for it.
            loop {
                std::thread::park();
            }
        }
        if std::mem::take(&mut redraw) {
            terminal.draw(|frame| ui::draw(frame, &app.room, &app.seat, theme))?;
        }
        // Sleep until the next input, or until the app or the session has something due.
        let now = Instant::now();
        let mut wait = app
            .room
            .next_deadline()
            .map_or(HOUSEKEEPING, |due| due.saturating_duration_since(now))
            .min(HOUSEKEEPING);
        // Participants' keys arrive on another queue, which rings a doorbell: the loop
        // sleeps until it rings, and takes them in at most once a pace.
        let mut bell = None;
        if let Some(remotes) = remotes.as_deref() {
            // Others' changes still to reach every seat: their frame is due soon.
            if let Some(due) = remotes.next_draw(&app.room) {
                wait = wait.min(due.saturating_duration_since(now));
            }
            let since = last_pass.map(|t| now.saturating_duration_since(t));
            match (since, remotes.doorbell()) {
                (Some(since), _) if since < live::PACE => wait = wait.min(live::PACE - since),
                (_, Some(fd)) => bell = Some(fd),
                (_, None) => wait = wait.min(live::PACE),
            }
        }
        let received = reader.wait(wait, bell)?;
        let mut inputs: Vec<Input> = received
            .pasting
            .map(|chars| Input::Event(Event::PasteArriving(chars)))
            .into_iter()
            .collect();
        if received.events.is_empty() {
            // A resize whose event was missed (it can come while the terminal is being set
            // up) still redraws, at the next wake-up.
            let size = terminal.size()?;
            if app.seat.size != (size.width, size.height) {
                inputs.push(Input::Event(Event::Resize {
                    width: size.width,
                    height: size.height,
                }));
            }
        }
        // The clock comes first: an action (starting the timer, say) sees the time it came.
        let now = Instant::now();
        if !inputs.is_empty()
            || !received.events.is_empty()
            || app.room.next_deadline().is_some_and(|due| due <= now)
        {
            inputs.insert(0, Input::Event(Event::Tick(now)));
        }
        for input in inputs {
            redraw = true;
            if step(terminal, app, session, input)? == Flow::Quit {
                return Ok(());
            }
        }
        // Each key is read in the mode the keys before it left.
        for event in received.events {
            if let Some(input) = input_for(app, event) {
                redraw = true;
                if step(terminal, app, session, input)? == Flow::Quit {
                    return Ok(());
                }
            }
        }
        for event in session.tick(app) {
            redraw = true;
            if step(terminal, app, session, Input::Event(event))? == Flow::Quit {
                return Ok(());
            }
        }
        if let Some(remotes) = remotes.as_deref_mut() {
            let version = app.room.version();
            let shown = app.room.shown();
            let mut persist = Vec::new();
            if remotes.pump(&mut app.room, Duration::ZERO, &mut persist) {
                last_pass = Some(Instant::now());
                for effect in persist {
                    match effect {
                        Effect::PersistRound => session.keep_round_file(app),
                        _ => session.keep_recovery(),
                    }
                }
                if app.room.version() != version {
                    app::catch_up(&mut app.room, &mut app.seat);
                }
                // The facilitator's screen shows the phase's counts and the round's progress.
                redraw |= app.room.shown() != shown;
            }
            // Who came, went, gave their name or was removed: on every header and the roster.
            if remotes.roster_changed() {
                app.room.live = Some(remotes.live(&app.seat));
                redraw = true;
            }
            let now = Instant::now();
            remotes.draw(&mut app.room, theme, now);
            if let Some(file) = remotes.room_file_due(&app.room, now) {
                session.keep_room(file);
            }
        }
    }
}

/// Dispatches one input from the loop, clearing the terminal when it asks for that.
fn step(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    session: &mut Session,
    input: Input,
) -> io::Result<Flow> {
    let flow = dispatch(app, session, input);
    if flow == Flow::Redraw {
        terminal.clear()?;
    }
    Ok(flow)
}

/// Turns a terminal event into an input for the current mode.
fn input_for(app: &App, event: TermEvent) -> Option<Input> {
    match event {
        TermEvent::Resize(width, height) => Some(Input::Event(Event::Resize { width, height })),
        other => keymap::action_for(&app.seat.mode, other).map(Input::Action),
    }
}
