//! Recovery copies: while a map has unsaved changes, the editor keeps a copy of it in the
//! user's state folder. Each editor process writes its own copy; after a crash, the next
//! editor on the same map finds the copies left by processes that are gone.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{StoreError, write_atomic_with};
use crate::format;
use crate::model::Map;

/// Overrides the state folder (tests, and users who want the copies elsewhere).
pub const STATE_DIR_ENV: &str = "JOURNEYMAP_STATE_DIR";

/// The folder for recovery copies and locks: `$JOURNEYMAP_STATE_DIR`, else the platform's
/// state folder (Linux: `~/.local/state/journeymap`), else its local data folder.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(STATE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "journeymap")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

/// A stable name for a map's recovery copies and lock: the file's stem and a hash of its
/// absolute path, or `untitled` for a map that has no file yet.
pub fn key(map_path: Option<&Path>) -> String {
    let Some(path) = map_path else {
        return "untitled".into();
    };
    let absolute = absolute(path);
    let stem: String = absolute
        .file_stem()
        .map(|s| {
            s.to_string_lossy()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .take(40)
                .collect()
        })
        .unwrap_or_default();
    format!(
        "{stem}-{:016x}",
        fnv1a(absolute.to_string_lossy().as_bytes())
    )
}

/// The absolute, symlink-free path of a map, even when the file does not exist yet.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(path) {
        return p;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// FNV-1a: a tiny hash whose value never changes between builds, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// The copy this process writes for the map named `key`.
pub fn own_copy(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.{}.ron", std::process::id()))
}

/// A recovery copy left behind by an editor that is no longer running.
#[derive(Debug, Clone)]
pub struct Leftover {
    pub path: PathBuf,
    pub modified: SystemTime,
}

/// Copies of the map named `key` whose writers are gone, newest first.
pub fn leftovers(dir: &Path, key: &str) -> Vec<Leftover> {
    copies(dir, key, false)
}

/// Copies of the map named `key` that editors still running keep, newest first: what
/// `view --follow` shows while the facilitator has not saved. Only read, never written.
pub fn live_copies(dir: &Path, key: &str) -> Vec<Leftover> {
    copies(dir, key, true)
}

/// The copies of the map named `key` by other processes, running (`live`) or gone.
fn copies(dir: &Path, key: &str, live: bool) -> Vec<Leftover> {
    super::editor_files(dir, key, "ron", live)
        .into_iter()
        .map(|(modified, path)| Leftover { path, modified })
        .collect()
}

/// Whether the editor that wrote a copy is still running: a live process with that id that
/// runs the same program as this one. Comparing the program name matters because process
/// ids are reused: a shell or a compiler that got the id of a crashed editor must not hide
/// its copy. A zombie (an editor that has ended, not yet reaped by the terminal that ran
/// it) has ended. Where this cannot be told, the writer counts as gone, so a copy is
/// offered, not hidden.
pub(super) fn editor_running(pid: u32) -> bool {
    match (super::process::process(pid), super::process::own_program()) {
        (super::process::Process::Running { program }, Some(ours)) => program == ours,
        _ => false,
    }
}

/// Bytes written between two yields of the CPU; a megabyte takes well under a millisecond.
const BYTES_PER_PAUSE: usize = 1 << 20;

/// Writes the recovery copy (atomically, like every write). It is written while the user
/// types, so the work is cut into short stretches with a yield of the CPU between them: on
/// a machine with few CPUs, a key press woken on this CPU then runs at once instead of
/// waiting for the scheduler's next tick.
pub fn write(path: &Path, map: &Map) -> Result<(), StoreError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let text = format::to_string_paced(map, std::thread::yield_now);
    // The copy lives in our own folder and is never a symlink, so nothing is resolved.
    write_atomic_with(path, text.as_bytes(), |file, bytes| {
        for chunk in bytes.chunks(BYTES_PER_PAUSE) {
            file.write_all(chunk)?;
            std::thread::yield_now();
        }
        Ok(())
    })
    .map_err(|e| StoreError::io(path, e))
}

/// Removes a copy; one that is already gone is fine.
pub fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_differ_by_folder() {
        let a = key(Some(Path::new("/tmp/a/map.ron")));
        assert_eq!(a, key(Some(Path::new("/tmp/a/map.ron"))));
        assert_ne!(a, key(Some(Path::new("/tmp/b/map.ron"))));
        assert!(a.starts_with("map-"));
        assert_eq!(key(None), "untitled");
    }

    #[test]
    fn leftovers_skip_live_processes_and_come_newest_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let map = crate::templates::default_map();
        write(&own_copy(dir.path(), "k"), &map).expect("own copy");
        // Pids far above any pid_max are never alive.
        write(&dir.path().join("k.999999991.ron"), &map).expect("old copy");
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(&dir.path().join("k.999999992.ron"), &map).expect("new copy");
        write(&dir.path().join("other.999999993.ron"), &map).expect("other map");
        let found = leftovers(dir.path(), "k");
        let names: Vec<_> = found
            .iter()
            .map(|l| {
                l.path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["k.999999992.ron", "k.999999991.ron"]);
    }
}
