//! A voting round's file beside the recovery copy: offered when an editor left one, written
//! whenever the round changes, and removed once the round's votes are safe in a recovery
//! copy.

use super::*;

impl Session {
    /// A voting round left by an editor that ended, to offer.
    pub(super) fn offer_round(&mut self, dir: &Path, key: &str) -> Option<Event> {
        let path = round::leftovers(dir, key).into_iter().next()?;
        let file = round::read(&path)?;
        self.round_leftover = Some(path);
        Some(Event::OfferRound(Box::new(file)))
    }

    /// The offered round was resumed (this session keeps it now) or discarded.
    pub fn drop_round_leftover(&mut self) {
        if let Some(path) = self.round_leftover.take() {
            self.writer.send(Job::Remove(path));
        }
    }

    /// This session's round file: written whenever the round changes, gone with the round.
    pub fn keep_round_file(&mut self, app: &App) {
        let revision = app.view().round_revision();
        if revision == self.round_written {
            return;
        }
        let Some(dir) = self.state_dir.clone() else {
            return;
        };
        let path = round::own_file(&dir, &recovery::key(self.path.as_deref()));
        match app.view().round_file() {
            Some(file) => {
                self.round_ended = None;
                self.writer.send(Job::Round(path, file));
            }
            None => {
                // A round that ended put its votes in the map: its file goes only after a
                // recovery copy that holds them is written, so a crash in between, or a
                // copy that could not be written, loses neither.
                self.round_ended = Some(path);
                self.keep_recovery_copy(app, true);
            }
        }
        self.round_written = revision;
    }

    /// The ended round's file goes: at once when nothing needs a recovery copy, else once
    /// `copy` is written (the writer keeps it when that write failed).
    pub(super) fn remove_ended_round(&mut self, copy: Option<PathBuf>) {
        let Some(round) = self.round_ended.clone() else {
            return;
        };
        match copy {
            Some(copy) => self.writer.send(Job::RemoveOnceWritten(round, copy)),
            None => {
                self.round_ended = None;
                self.writer.send(Job::Remove(round));
            }
        }
    }
}
