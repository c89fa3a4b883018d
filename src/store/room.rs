//! A live session's room file, kept beside the recovery copy in the state folder (see
//! `format::room` for what it holds): each host process writes its own (`KEY.PID.room`);
//! the next `journeymap host` on the same map takes back the room of a process that is gone.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::write_atomic_with;
use crate::format;
pub use crate::format::RoomFile;

/// The room file this process writes for the map named `key`.
pub fn own_file(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.{}.room", std::process::id()))
}

/// Reads a room file; `None` when it cannot be read or is not a room.
pub fn read(path: &Path) -> Option<RoomFile> {
    let text = fs::read_to_string(path).ok()?;
    format::room_from_str(&text).ok()
}

/// Writes a room file atomically (temporary file, fsync, rename).
pub fn write(path: &Path, room: &RoomFile) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    write_atomic_with(
        path,
        format::room_to_string(room).as_bytes(),
        io::Write::write_all,
    )
}

/// Room files of the map named `key` left by hosts that are no longer running, newest
/// first.
pub fn leftovers(dir: &Path, key: &str) -> Vec<PathBuf> {
    super::leftover_files(dir, key, "room")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_file_reads_back_and_only_a_gone_hosts_is_a_leftover() {
        let dir = tempfile::tempdir().expect("temp dir");
        let room = RoomFile {
            phase: "writing".into(),
            ..RoomFile::default()
        };
        // Pids far above any pid_max are never alive.
        let gone = dir.path().join("k.999999991.room");
        write(&gone, &room).expect("written");
        write(&own_file(dir.path(), "k"), &room).expect("own file");
        assert_eq!(read(&gone), Some(room));
        assert_eq!(leftovers(dir.path(), "k"), [gone]);
    }
}
