//! A voting round in progress, kept beside the recovery copy in the state folder so that a
//! crash, a `kill -9` or a closed terminal does not lose the room's dots. Each editor
//! process writes its own file (`KEY.PID.round`); the next editor on the same map finds the
//! files of processes that are gone and offers to resume the round.
//!
//! What the file holds, and the check it passes before a round is resumed, are in
//! `format::round`; here only its reading and writing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::write_atomic_with;
use crate::format;
pub use crate::format::{DotFile, RoundFile};

/// The round file this process writes for the map named `key`.
pub fn own_file(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.{}.round", std::process::id()))
}

/// Reads a round file; `None` when it cannot be read or is not a round.
pub fn read(path: &Path) -> Option<RoundFile> {
    let text = fs::read_to_string(path).ok()?;
    format::round_from_str(&text).ok()
}

/// Writes a round file atomically (temporary file, fsync, rename).
pub fn write(path: &Path, round: &RoundFile) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    write_atomic_with(
        path,
        format::round_to_string(round).as_bytes(),
        io::Write::write_all,
    )
}

/// Round files of the map named `key` left by editors that are no longer running, newest
/// first.
pub fn leftovers(dir: &Path, key: &str) -> Vec<PathBuf> {
    super::leftover_files(dir, key, "round")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_file_reads_back_as_written_and_others_are_not_leftovers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let round = RoundFile {
            dots: 5,
            cap: 3,
            lanes: vec!["pain_points".into()],
            hide_votes: true,
            ballots: vec![vec![DotFile {
                stage: 1,
                lane: "pain_points".into(),
                index: 0,
                text: "Slow \"page\"\n".into(),
                dots: 2,
            }]],
            ..RoundFile::default()
        };
        // Pids far above any pid_max are never alive.
        let gone = dir.path().join("k.999999991.round");
        write(&gone, &round).expect("written");
        write(&own_file(dir.path(), "k"), &round).expect("own file");
        write(&dir.path().join("other.999999992.round"), &round).expect("other map");
        assert_eq!(read(&gone), Some(round));
        assert_eq!(leftovers(dir.path(), "k"), [gone]);
    }
}
