//! A live session's room file beside the recovery copy: taken back from a session that
//! ended without closing, kept current while the session runs, written at once when a
//! signal ends the process.

use super::*;

impl Session {
    /// The room of a live session on this map that ended without closing (its phase, its
    /// seats, its private cards), for `journeymap host` to take back.
    pub fn take_room(&mut self) -> Option<store::room::RoomFile> {
        self.room_leftover.as_ref().map(|(_, file)| file.clone())
    }

    /// Writes the live session's room file at once, on this thread (the process is about
    /// to end on a signal, and the writer thread would not be waited for).
    pub fn write_room_now(&mut self, file: &store::room::RoomFile) {
        if let Some(dir) = &self.state_dir {
            let path = store::room::own_file(dir, &recovery::key(self.path.as_deref()));
            let _ = store::room::write(&path, file);
        }
    }

    /// Keeps the live session's room file current; the first one written replaces the
    /// room taken back from a session that ended.
    pub fn keep_room(&mut self, file: store::room::RoomFile) {
        let Some(dir) = &self.state_dir else {
            return;
        };
        let path = store::room::own_file(dir, &recovery::key(self.path.as_deref()));
        self.writer.send(Job::Room(path, file));
        self.room_written = true;
        if let Some((old, _)) = self.room_leftover.take() {
            self.writer.send(Job::Remove(old));
        }
    }
}
