//! Keeping a workshop's work safe while the editor runs: the lock against a second editor,
//! the recovery copy (written off the input thread), and noticing changes on disk. Also the
//! view file beside the recovery copy, and `view --follow` reading both; and a live
//! session's room file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

mod projector;
mod room;
mod round_file;

use super::terminal;
use super::writer::{Job, Writer};
use crate::app::board_view::Source;
use crate::app::{App, Edit, Event, Mode};
use crate::format;
use crate::mapdiff::summary;
use crate::model::Map;
use crate::store::lock::{self, LockOutcome, MapLock};
use crate::store::recovery::{self, Leftover};
use crate::store::round;
use crate::store::view;
use crate::store::{self, DiskCheck, DiskState, Replace, Stamp, StoreError};

/// A recovery copy is written at most this long after a change.
const RECOVERY_DELAY: Duration = Duration::from_secs(1);
/// How often the map file is checked for changes made elsewhere.
const DISK_CHECK: Duration = Duration::from_secs(2);
/// `view --follow` looks more often: someone is watching the board change.
const FOLLOW_CHECK: Duration = Duration::from_millis(250);
/// The view file (where the facilitator is, for the projector) is written at most this
/// often: a projector follows the facilitator's moves within a fraction of a second.
const VIEW_DELAY: Duration = Duration::from_millis(200);
/// How long a new editor waits for the lock of one that is ending (its terminal was closed
/// and it is saving its recovery copy) before calling the map open elsewhere.
const LOCK_WAIT: Duration = Duration::from_millis(1500);

pub struct Session {
    path: Option<PathBuf>,
    state_dir: Option<PathBuf>,
    own_copy: Option<PathBuf>,
    lock: Option<MapLock>,
    disk: Option<DiskState>,
    leftovers: Vec<Leftover>,
    /// How many leftover copies were offered and dealt with already (for "2 of 3").
    offered: usize,
    recovered: Option<Map>,
    writer: Writer,
    /// The revision and the text being typed that the recovery copy last got.
    written: Option<(u64, Option<String>)>,
    last_write: Instant,
    /// When the recovery copy is next to be brought up to date (asked for by `update`).
    recovery_due: Option<Instant>,
    last_disk_check: Instant,
    change_noticed: bool,
    /// `view --follow`: changes on disk are loaded as they happen.
    pub follow: bool,
    /// The round file of an editor that ended, offered to resume.
    round_leftover: Option<PathBuf>,
    /// The revision of the voting round that this session's round file holds.
    round_written: Option<u64>,
    /// The file of a round that ended: it goes once the recovery copy holds the votes the
    /// round put in the map (each new copy asks again, until one is written).
    round_ended: Option<PathBuf>,
    /// The room of a live session that ended (its file, and what it held), to take back.
    room_leftover: Option<(PathBuf, store::room::RoomFile)>,
    /// This session has written its own room file.
    room_written: bool,
    /// Opened next to another editor ("open anyway"): when it ends, its lock is taken and
    /// its recovery copy and round offered; when this was last tried.
    lock_wanted: Option<Instant>,
    /// An offer found with the lock, waiting for the one before it to be answered.
    later: Option<Event>,
    /// `view --follow`: what the board shows now, and the editor's copy it was read from.
    showing: Option<Source>,
    live_stamp: Option<Stamp>,
    file_stamp: Option<Stamp>,
    /// The editor's view file for the projector, what it was last written with, and when.
    own_view: Option<PathBuf>,
    view_shown: Option<crate::app::projector::Shown>,
    view_written: Instant,
    /// `view --follow`: the editor's view file read last, and whether the board shows one.
    view_stamp: Option<Stamp>,
    projected: bool,
}

/// The lock named `key`, if its holder lets go of it within [`LOCK_WAIT`] (an editor
/// that is ending).
fn wait_for_lock(dir: &Path, key: &str) -> Option<MapLock> {
    let deadline = Instant::now() + LOCK_WAIT;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        if let Ok(LockOutcome::Acquired(held)) = lock::try_lock(dir, key) {
            return Some(held);
        }
    }
    None
}

impl Session {
    /// Starts a session on a loaded map and returns the dialogs to show first.
    pub fn open(path: Option<&Path>, disk: Option<DiskState>, app: &App) -> (Session, Vec<Event>) {
        let state_dir = recovery::state_dir();
        let key = recovery::key(path);
        let mut events = Vec::new();
        let mut lock = None;
        let mut may_recover = !app.room.read_only;
        if let (Some(dir), Some(_), false) = (&state_dir, path, app.room.read_only) {
            match lock::try_lock(dir, &key) {
                Ok(LockOutcome::Acquired(held)) => lock = Some(held),
                Ok(LockOutcome::HeldBy(pid)) => match wait_for_lock(dir, &key) {
                    Some(held) => lock = Some(held),
                    None => {
                        events.push(Event::AlreadyOpen { pid });
                        may_recover = false;
                    }
                },
                Err(_) => {} // No state folder: work on, just without a lock.
            }
        }
        // Tidy up after editors and saves that were killed: lock files nobody holds, and
        // temporary files beside the map whose writers have ended.
        // (A read-only board writes nothing, not even to tidy up.)
        if let (Some(dir), false) = (&state_dir, app.room.read_only) {
            lock::remove_stale(dir);
            view::remove_stale(dir, &key);
        }
        if let (Some(path), false) = (path, app.room.read_only) {
            store::remove_stale_temp_files_beside(path);
        }
        let mut session = Session {
            path: path.map(Path::to_path_buf),
            own_copy: state_dir
                .as_ref()
                .filter(|_| !app.room.read_only)
                .map(|dir| recovery::own_copy(dir, &key)),
            state_dir,
            lock,
            disk,
            leftovers: Vec::new(),
            offered: 0,
            recovered: None,
            writer: Writer::start(),
            written: None,
            last_write: Instant::now(),
            recovery_due: None,
            last_disk_check: Instant::now(),
            change_noticed: false,
            follow: false,
            round_leftover: None,
            round_written: None,
            round_ended: None,
            room_leftover: None,
            room_written: false,
            lock_wanted: (path.is_some() && !may_recover && !app.room.read_only).then(Instant::now),
            later: None,
            showing: None,
            live_stamp: None,
            file_stamp: None,
            own_view: None,
            view_shown: None,
            view_written: Instant::now(),
            view_stamp: None,
            projected: false,
        };
        session.own_view = session
            .own_copy
            .as_ref()
            .and(session.state_dir.as_ref())
            .filter(|_| path.is_some())
            .map(|dir| view::own_file(dir, &key));
        if may_recover && let Some(dir) = session.state_dir.clone() {
            session.leftovers = recovery::leftovers(&dir, &key);
            if let Some(event) = session.offer(app) {
                events.push(event);
            }
            events.extend(session.offer_round(&dir, &key));
            session.room_leftover = store::room::leftovers(&dir, &key)
                .into_iter()
                .find_map(|path| Some((path.clone(), store::room::read(&path)?)));
        }
        (session, events)
    }

    /// Loads the newest leftover copy and describes how it differs from the open map. Copies
    /// with nothing the map lacks are removed; one that cannot be read is passed over (and
    /// kept on disk).
    fn offer(&mut self, app: &App) -> Option<Event> {
        while let Some(newest) = self.leftovers.first() {
            let Ok(copy) = store::load(&newest.path) else {
                self.leftovers.remove(0);
                continue;
            };
            let summary = summary::summarize(&app.room.map, &copy);
            if summary.is_empty() {
                self.discard();
                continue;
            }
            let age = age(newest.modified);
            self.recovered = Some(copy);
            let of = (self.offered + 1, self.offered + self.leftovers.len());
            return Some(Event::OfferRecovery { summary, age, of });
        }
        None
    }

    pub fn restore(&mut self) -> Option<Event> {
        let map = self.recovered.take()?;
        // The restored work is this session's now: its own copy is written before the old
        // one goes, so a crash in between cannot lose it. Older copies stay, to be offered
        // at the next start.
        if let Some(copy) = &self.own_copy
            && recovery::write(copy, &map).is_ok()
        {
            terminal::set_emergency_copy(Some((copy.clone(), map.clone())));
            self.discard();
        }
        self.leftovers.clear();
        Some(Event::Replace {
            map: Box::new(map),
            saved: false,
        })
    }

    /// Deletes the copy on offer (its content is restored or not wanted), and no other.
    fn discard(&mut self) {
        if !self.leftovers.is_empty() {
            self.offered += 1;
            let offered = self.leftovers.remove(0);
            let _ = recovery::remove(&offered.path);
        }
        self.recovered = None;
    }

    /// `d` on the offer: deletes that copy, then offers the next older one, if any.
    pub fn discard_and_offer_next(&mut self, app: &App) -> Option<Event> {
        self.discard();
        self.offer(app)
    }

    /// After "open anyway": once the other editor has ended, takes the lock and offers
    /// what it left (its recovery copy, then its round), on the board and not over another
    /// dialog.
    fn take_lock_when_free(&mut self, app: &App) -> Option<Event> {
        if app.seat.mode != Mode::Normal {
            return None;
        }
        if let Some(offer) = self.later.take() {
            return Some(offer);
        }
        let tried = self.lock_wanted?;
        if app.room.read_only {
            self.lock_wanted = None;
            return None;
        }
        let dir = self.state_dir.clone()?;
        let key = recovery::key(self.path.as_deref());
        // The lock may have been taken over already (see `relock`).
        if self.lock.is_none() {
            if tried.elapsed() < DISK_CHECK {
                return None;
            }
            self.lock_wanted = Some(Instant::now());
            let Ok(LockOutcome::Acquired(held)) = lock::try_lock(&dir, &key) else {
                return None;
            };
            self.lock = Some(held);
        }
        self.lock_wanted = None;
        self.leftovers = recovery::leftovers(&dir, &key);
        let round = self.offer_round(&dir, &key);
        match self.offer(app) {
            Some(offer) => {
                self.later = round;
                Some(offer)
            }
            None => round,
        }
    }

    /// The map changed: the recovery copy is brought up to date within `RECOVERY_DELAY`.
    pub fn keep_recovery(&mut self) {
        let due = (self.last_write + RECOVERY_DELAY).max(Instant::now());
        self.recovery_due = Some(self.recovery_due.map_or(due, |d| d.min(due)));
    }

    /// Periodic work between key presses: the recovery copy when it is due (and again after
    /// a failed write, until one works), and changes on disk.
    pub fn tick(&mut self, app: &App) -> Vec<Event> {
        self.keep_view_file(app);
        if let Some(offer) = self.take_lock_when_free(app) {
            return vec![offer];
        }
        if self.recovery_due.is_some_and(|due| due <= Instant::now()) {
            self.keep_recovery_copy(app, false);
        }
        if let Some(failure) = self.writer.failures.try_iter().last() {
            // Not written: try again on a later tick (the disk may have room again).
            self.written = None;
            self.keep_recovery();
            return vec![Event::Warn(format!(
                "the recovery copy could not be written: {failure}"
            ))];
        }
        self.check_disk(app)
    }

    /// Writes the recovery copy when the map or the typed text changed since the last one,
    /// at most once per `RECOVERY_DELAY` unless `now`.
    fn keep_recovery_copy(&mut self, app: &App, now: bool) {
        let Some(copy) = self.own_copy.clone().filter(|_| !app.room.read_only) else {
            self.recovery_due = None;
            self.remove_ended_round(None);
            return;
        };
        let pending = app.view().pending_edit();
        if !app.room.is_dirty() && pending.is_none() {
            // The file on disk holds everything, an ended round's votes included.
            self.recovery_due = None;
            if self.written.take().is_some() {
                self.writer.send(Job::Remove(copy.clone()));
                self.writer.release(terminal::set_emergency_copy(None));
            }
            self.remove_ended_round(None);
            return;
        }
        // What the copy must hold: the map's revision, and text still being typed.
        let revision = app.room.history.revision();
        let typed = pending.as_ref().and(typed_text(app));
        let kept = self
            .written
            .as_ref()
            .is_some_and(|(r, t)| *r == revision && t.as_deref() == typed);
        if !kept && (now || self.last_write.elapsed() >= RECOVERY_DELAY) {
            // A clone shares the lanes, so this costs next to nothing on this thread; the
            // writer thread does the formatting and the disk work.
            let map = map_to_keep(app, pending);
            self.writer.send(Job::Write(copy.clone(), map.clone()));
            let replaced = terminal::set_emergency_copy(Some((copy.clone(), map)));
            self.writer.release(replaced);
            self.written = Some((revision, typed.map(str::to_owned)));
            self.last_write = Instant::now();
            self.recovery_due = None;
            self.remove_ended_round(Some(copy));
        } else if kept {
            self.recovery_due = None;
            self.remove_ended_round(Some(copy));
        }
    }

    /// Writes the recovery copy now, on this thread (the process is about to stop).
    pub fn write_recovery_now(&mut self, app: &App) {
        let pending = app.view().pending_edit();
        if let (Some(copy), true) = (
            &self.own_copy,
            (app.room.is_dirty() || pending.is_some()) && !app.room.read_only,
        ) {
            let _ = recovery::write(copy, &map_to_keep(app, pending));
        }
        if let (Some(dir), Some(file)) = (&self.state_dir, app.view().round_file()) {
            let _ = round::write(
                &round::own_file(dir, &recovery::key(self.path.as_deref())),
                &file,
            );
        }
    }

    /// Takes the lock on the map's file when this editor has none: after a save under a
    /// new name, or once the editor that held it (this one was opened anyway) has ended.
    fn relock(&mut self, app: &App) {
        if self.lock.is_some() || app.room.read_only {
            return;
        }
        let (Some(dir), Some(path)) = (&self.state_dir, &self.path) else {
            return;
        };
        if let Ok(LockOutcome::Acquired(held)) = lock::try_lock(dir, &recovery::key(Some(path))) {
            self.lock = Some(held);
        }
    }

    fn check_disk(&mut self, app: &App) -> Vec<Event> {
        let every = if self.follow {
            FOLLOW_CHECK
        } else {
            DISK_CHECK
        };
        if self.change_noticed || self.last_disk_check.elapsed() < every {
            return Vec::new();
        }
        self.last_disk_check = Instant::now();
        if self.follow {
            // The map first: the facilitator's place is a place on it.
            let mut events: Vec<Event> = self.follow_editor().into_iter().collect();
            events.extend(self.follow_view());
            return events;
        }
        self.changed_on_disk(app).into_iter().collect()
    }

    /// Whether the map's file changed on disk since it was loaded or saved.
    fn changed_on_disk(&mut self, app: &App) -> Option<Event> {
        self.relock(app);
        let (Some(path), Some(disk)) = (&self.path, &self.disk) else {
            return None;
        };
        // A workshop map is small: it is read and compared whole, so that an edit keeping
        // both length and modification time (`cp -p`, a coarse clock) shows too. A big
        // map is read only when the file system says something happened to it.
        let deleted = match disk.check(path) {
            DiskCheck::Unchanged => return None,
            DiskCheck::Deleted => true,
            DiskCheck::Changed => false,
        };
        if self.follow {
            return Some(self.reload());
        }
        self.change_noticed = true;
        Some(Event::ChangedOnDisk { deleted })
    }

    /// Saves the map, unless the file changed on disk and `overwrite` is not set: then it
    /// asks. Returns the event that reports the outcome. Only a save that finds on disk,
    /// right after it, exactly what it wrote says "saved".
    pub fn save(&mut self, app: &App, path: &Path, overwrite: bool) -> Event {
        let same_file = self.path.as_deref() == Some(path);
        let replace = match (&self.disk, same_file, overwrite) {
            (_, _, true) => Replace::Anything,
            (Some(disk), true, false) => Replace::Version(disk),
            // A new name, or a map never saved: only a missing file may be written.
            _ => Replace::Nothing,
        };
        let text = format::to_string(&app.room.map);
        match store::write_checked(path, text.as_bytes(), replace) {
            Ok(written) => {
                self.disk = Some(written);
                self.change_noticed = false;
                if !same_file {
                    // The map has a new name: its recovery copy moves with it.
                    if let Some(old) = self.own_copy.take() {
                        self.writer.send(Job::Remove(old));
                    }
                    self.own_copy = self
                        .state_dir
                        .as_ref()
                        .map(|dir| recovery::own_copy(dir, &recovery::key(Some(path))));
                    // And the view file too, for a projector on the new name.
                    if let Some(old) = self.own_view.take() {
                        self.writer.send(Job::Remove(old));
                    }
                    self.own_view = self
                        .state_dir
                        .as_ref()
                        .map(|dir| view::own_file(dir, &recovery::key(Some(path))));
                    self.view_shown = None;
                    self.path = Some(path.to_path_buf());
                    // And so does the lock: a second editor on the new name is told.
                    self.lock = None;
                    self.relock(app);
                }
                Event::Saved(Ok(path.to_path_buf()))
            }
            Err(StoreError::ChangedOnDisk { deleted, .. }) => {
                // The person is being asked about this very change: the watch of the file
                // need not announce it again over their answer.
                self.change_noticed = same_file;
                Event::SaveConflict { deleted }
            }
            Err(StoreError::Exists { .. }) if same_file => Event::SaveConflict { deleted: false },
            Err(StoreError::Exists { .. }) => Event::FileExists,
            Err(e @ StoreError::ChangedRightAfter { .. }) => {
                // What this editor wrote is no longer the file: the work is not saved, and
                // the next save asks (the disk now differs from what was written).
                if same_file && let StoreError::ChangedRightAfter { written, .. } = &e {
                    self.disk = Some(written.clone());
                }
                Event::Saved(Err(e.reason()))
            }
            Err(e) => Event::Saved(Err(e.reason())),
        }
    }

    /// Reads the file again, dropping the edits in memory.
    pub fn reload(&mut self) -> Event {
        let Some(path) = self.path.clone() else {
            return Event::Saved(Err("this map has no file to reload".into()));
        };
        let loaded = store::load_tracked(&path).map_err(|e| match e {
            StoreError::Invalid { error, .. } => format!("the file on disk is invalid ({error})"),
            other => other.reason(),
        });
        match loaded {
            Ok((map, disk)) => {
                self.disk = Some(disk);
                self.change_noticed = false;
                Event::Replace {
                    map: Box::new(map),
                    saved: true,
                }
            }
            // Not a failed save: nothing was being saved, and the map in memory is as it was.
            Err(message) => Event::Warn(format!("could not reload: {message}")),
        }
    }

    /// A clean end: the recovery copy goes (the work is saved, or the user chose to drop it)
    /// and the writer finishes what it was doing.
    pub fn close(mut self) {
        if let Some(copy) = self.own_copy.take() {
            self.writer.send(Job::Remove(copy));
        }
        if let Some(file) = self.own_view.take() {
            self.writer.send(Job::Remove(file));
        }
        if let (Some(dir), Some(_)) = (&self.state_dir, self.round_written) {
            let path = round::own_file(dir, &recovery::key(self.path.as_deref()));
            self.writer.send(Job::Remove(path));
        }
        if let (Some(dir), true) = (&self.state_dir, self.room_written) {
            let path = store::room::own_file(dir, &recovery::key(self.path.as_deref()));
            self.writer.send(Job::Remove(path));
        }
        terminal::set_emergency_copy(None);
        self.writer.finish();
    }
}

fn age(modified: SystemTime) -> String {
    let secs = SystemTime::now()
        .duration_since(modified)
        .map_or(0, |d| d.as_secs());
    match secs {
        0..60 => "less than a minute ago".into(),
        60..3600 => format!("{} minutes ago", secs / 60),
        3600..86400 => format!("{} hours ago", secs / 3600),
        _ => format!("{} days ago", secs / 86400),
    }
}

/// The text in the open input, if any.
fn typed_text(app: &App) -> Option<&str> {
    match &app.seat.mode {
        Mode::Editing { input, .. } => Some(input.text()),
        _ => None,
    }
}

/// The map as the recovery copy keeps it: with what Enter on the open input would change,
/// so that text still being typed survives a killed terminal.
fn map_to_keep(app: &App, pending: Option<Edit>) -> Map {
    let mut map = app.room.map.clone();
    if let Some(edit) = pending {
        edit.apply(&mut map);
    }
    map
}
