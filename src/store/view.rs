//! The view file of a running editor (`KEY.PID.view`, beside its recovery copy): where the
//! facilitator is on the board, the timer and the phase, for `view --follow`. Each editor
//! process writes its own; a clean end removes it, and the next editor on the map removes
//! those of editors that are gone.
//!
//! What the file holds is in `format::view`; here only its reading and writing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::write_atomic_with;
use crate::format;
pub use crate::format::{TimerFile, ViewFile};

/// The view file this process writes for the map named `key`.
pub fn own_file(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.{}.view", std::process::id()))
}

/// Reads a view file; `None` when it cannot be read or is damaged (a projector then just
/// follows the map).
pub fn read(path: &Path) -> Option<ViewFile> {
    let text = fs::read_to_string(path).ok()?;
    format::view_from_str(&text).ok()
}

/// Writes a view file atomically (temporary file, fsync, rename).
pub fn write(path: &Path, view: &ViewFile) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    write_atomic_with(
        path,
        format::view_to_string(view).as_bytes(),
        io::Write::write_all,
    )
}

/// The view files of the map named `key` written by other editors that still run, newest
/// first.
pub fn live_files(dir: &Path, key: &str) -> Vec<PathBuf> {
    files(dir, key, true)
}

/// Removes the view files of the map named `key` whose editors are gone (killed, say).
pub fn remove_stale(dir: &Path, key: &str) {
    for path in files(dir, key, false) {
        let _ = super::recovery::remove(&path);
    }
}

/// The view files of the map named `key` by other processes, running (`live`) or gone.
fn files(dir: &Path, key: &str, live: bool) -> Vec<PathBuf> {
    super::editor_files(dir, key, "view", live)
        .into_iter()
        .map(|(_, path)| path)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_file_reads_back_and_a_damaged_one_is_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let view = ViewFile {
            stage: 3,
            lane: "opportunities".into(),
            phase: "open".into(),
            timer: Some(TimerFile {
                left_ms: 90_000,
                running: false,
            }),
            ..ViewFile::default()
        };
        let own = own_file(dir.path(), "k");
        write(&own, &view).expect("written");
        assert_eq!(read(&own), Some(view));
        let damaged = dir.path().join("k.999999991.view");
        fs::write(&damaged, "(stage: 3, lane: \"pain").expect("damaged file");
        assert_eq!(read(&damaged), None);
        assert_eq!(read(&dir.path().join("missing.view")), None);
    }

    #[test]
    fn only_the_files_of_editors_that_are_gone_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let view = ViewFile::default();
        // Pids far above any pid_max are never alive.
        let gone = dir.path().join("k.999999991.view");
        let other = dir.path().join("other.999999992.view");
        let own = own_file(dir.path(), "k");
        for path in [&gone, &other, &own] {
            write(path, &view).expect("written");
        }
        assert!(
            live_files(dir.path(), "k").is_empty(),
            "own and gone are not live"
        );
        remove_stale(dir.path(), "k");
        assert!(!gone.exists());
        assert!(own.exists() && other.exists());
    }
}
