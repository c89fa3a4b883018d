//! Entering and leaving the full-screen terminal, and the ways out that do not pass through
//! the event loop (a panic, SIGTERM, SIGHUP): each restores the terminal and writes the
//! recovery copy first.

use std::io;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType};

use crate::model::Map;
use crate::store::recovery;

/// The latest snapshot of unsaved work and where its recovery copy goes, for the exits that
/// cannot wait for the event loop. Updated together with each recovery copy.
static EMERGENCY: Mutex<Option<(PathBuf, Map)>> = Mutex::new(None);
/// Set by the signal thread; the event loop then saves the freshest copy and exits.
static STOP_REQUESTED: AtomicBool = AtomicBool::new(false);
/// Set by the event loop once it has handled a stop request.
static STOP_HANDLED: AtomicBool = AtomicBool::new(false);

/// Replaces the emergency snapshot and hands back the one it replaces, so the caller can
/// drop it where freeing its cards costs no key press anything.
pub fn set_emergency_copy(copy: Option<(PathBuf, Map)>) -> Option<(PathBuf, Map)> {
    EMERGENCY
        .lock()
        .map_or(None, |mut slot| std::mem::replace(&mut *slot, copy))
}

/// Writes the emergency snapshot, if there is one. Never blocks on the lock: a panic may
/// have happened while it was held.
fn write_emergency_copy() {
    if let Ok(slot) = EMERGENCY.try_lock()
        && let Some((path, map)) = slot.as_ref()
    {
        let _ = recovery::write(path, map);
    }
}

pub fn stop_requested() -> bool {
    STOP_REQUESTED.load(Ordering::SeqCst)
}

/// Called by the event loop when it has written the recovery copy for a stop request.
pub fn stop_handled() {
    STOP_HANDLED.store(true, Ordering::SeqCst);
}

/// Raw mode, alternate screen, mouse and bracketed paste; and the hooks that undo them.
pub fn enter() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        write_emergency_copy();
        leave();
        ratatui_hook(info);
    }));
    watch_signals();
    // A terminal still in the alternate screen of a program that was killed shows its
    // text until cleared: the first frame writes only what is not blank. (Cleared by
    // hand: ratatui's `clear` first asks the terminal where its cursor is, and a terminal
    // that does not answer would stop the editor from opening.)
    if let Err(e) = execute!(
        io::stdout(),
        EnableMouseCapture,
        EnableBracketedPaste,
        Clear(ClearType::All)
    ) {
        leave();
        return Err(e);
    }
    Ok(terminal)
}

/// Rings the terminal's bell (BEL), once.
pub fn bell() {
    use std::io::Write as _;
    let mut out = io::stdout();
    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn leave() {
    // ratatui shows the cursor again only when the terminal is dropped, which an exit
    // from the signal thread skips: show it here.
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        ratatui::crossterm::cursor::Show
    );
    ratatui::restore();
}

/// SIGTERM, SIGHUP (the terminal was closed) and SIGINT are handled on a thread of their
/// own, because the event loop may never see a flag (a closed terminal can keep the event
/// reader busy). The loop gets a moment to save the freshest copy; otherwise this thread
/// writes the last snapshot itself. Either way the terminal is restored before exiting.
fn watch_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
            return;
        };
        std::thread::spawn(move || {
            let Some(signal) = signals.forever().next() else {
                return;
            };
            STOP_REQUESTED.store(true, Ordering::SeqCst);
            let deadline = Instant::now() + Duration::from_millis(800);
            while !STOP_HANDLED.load(Ordering::SeqCst) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            if !STOP_HANDLED.load(Ordering::SeqCst) {
                write_emergency_copy();
            }
            leave();
            std::process::exit(128 + signal);
        });
    }
}
