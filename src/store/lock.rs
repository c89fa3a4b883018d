//! "Is this map open in another editor?" A lock on a small sidecar file in the state folder,
//! holding the owner's process id. The OS releases the lock when the process dies, however
//! it dies, so a stale lock never blocks anyone.
//!
//! The file itself goes when its editor ends cleanly, and a file whose lock is free (its
//! editor was killed) is removed the next time the state folder is read. Whoever removes a
//! lock file holds its lock while doing so, and whoever takes a lock checks afterwards that
//! the file it locked is still the one under that name: a lock taken on a file that was
//! removed in the meantime is dropped and taken again on the new file.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// How often taking a lock is tried again when its file was removed under it.
const ATTEMPTS: usize = 8;

/// Held for as long as the editor has the map open; dropping it removes the lock file.
#[derive(Debug)]
pub struct MapLock {
    file: File,
    path: PathBuf,
}

impl Drop for MapLock {
    fn drop(&mut self) {
        // Still locked here (the file closes after this), so nobody else can be removing
        // or replacing it; a name that now belongs to another file is left alone.
        if is_still_named(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[derive(Debug)]
pub enum LockOutcome {
    Acquired(MapLock),
    /// Another live process holds the lock; its process id when it could be read.
    HeldBy(Option<u32>),
}

/// The lock file for the map named `key` in `dir`.
pub fn lock_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.lock"))
}

/// Tries to take the lock named `key` in `dir`.
pub fn try_lock(dir: &Path, key: &str) -> io::Result<LockOutcome> {
    fs::create_dir_all(dir)?;
    let path = lock_path(dir, key);
    for _ in 0..ATTEMPTS {
        // Never truncate on open: the current owner's pid must stay readable.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) if !is_still_named(&file, &path) => continue,
            Ok(()) => {
                file.set_len(0)?;
                file.rewind()?;
                write!(file, "{}", std::process::id())?;
                file.flush()?;
                return Ok(LockOutcome::Acquired(MapLock { file, path }));
            }
            Err(TryLockError::WouldBlock) => {
                let mut owner = String::new();
                let _ = file.read_to_string(&mut owner);
                return Ok(LockOutcome::HeldBy(owner.trim().parse().ok()));
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
    Err(io::Error::other(
        "the lock file keeps being replaced by another process",
    ))
}

/// Removes the lock files in `dir` whose lock is free: their editors have ended without
/// removing them (killed, or the machine stopped). Returns how many went.
pub fn remove_stale(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "lock")
            || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let Ok(file) = OpenOptions::new().read(true).write(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() && is_still_named(&file, &path) {
            removed += usize::from(fs::remove_file(&path).is_ok());
        }
    }
    removed
}

/// Whether `path` still names the open `file` (and not a file created after it was removed).
#[cfg(unix)]
fn is_still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Without file identities a lock file is never removed: one left behind blocks nobody.
#[cfg(not(unix))]
fn is_still_named(_file: &File, _path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_second_lock_sees_the_first_until_it_is_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let LockOutcome::Acquired(first) = try_lock(dir.path(), "map").expect("lock") else {
            panic!("first lock must succeed");
        };
        match try_lock(dir.path(), "map").expect("lock") {
            LockOutcome::HeldBy(pid) => assert_eq!(pid, Some(std::process::id())),
            LockOutcome::Acquired(_) => panic!("second lock must fail while the first is held"),
        }
        drop(first);
        assert!(matches!(
            try_lock(dir.path(), "map").expect("lock"),
            LockOutcome::Acquired(_)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_dropped_lock_takes_its_file_along() {
        let dir = tempfile::tempdir().expect("temp dir");
        let LockOutcome::Acquired(held) = try_lock(dir.path(), "map").expect("lock") else {
            panic!("the lock must be free");
        };
        assert_eq!(names(dir.path()), ["map.lock"]);
        drop(held);
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    #[cfg(unix)]
    #[test]
    fn stale_lock_files_go_and_held_ones_stay() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Left by editors that were killed: nobody holds their lock.
        fs::write(lock_path(dir.path(), "old-1"), "999999991").expect("stale lock");
        fs::write(lock_path(dir.path(), "old-2"), "").expect("stale lock");
        fs::write(dir.path().join("old-1.999999991.ron"), "").expect("not a lock file");
        let LockOutcome::Acquired(held) = try_lock(dir.path(), "open").expect("lock") else {
            panic!("the lock must be free");
        };
        assert_eq!(remove_stale(dir.path()), 2);
        assert_eq!(names(dir.path()), ["old-1.999999991.ron", "open.lock"]);
        // The cleanup did not take the held lock away.
        assert!(matches!(
            try_lock(dir.path(), "open").expect("lock"),
            LockOutcome::HeldBy(_)
        ));
        drop(held);
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_taken_on_a_removed_file_is_taken_again_on_the_new_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = lock_path(dir.path(), "map");
        // An editor opened the old file, then the cleanup removed it before the lock was
        // taken: the lock on the orphan must not count.
        let orphan = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .expect("open");
        fs::remove_file(&path).expect("remove");
        orphan.try_lock().expect("lock the orphan");
        assert!(!is_still_named(&orphan, &path));
        let LockOutcome::Acquired(held) = try_lock(dir.path(), "map").expect("lock") else {
            panic!("the lock on a removed file blocks nobody");
        };
        assert!(is_still_named(&held.file, &path));
        // A second editor sees the lock on the file under the name.
        assert!(matches!(
            try_lock(dir.path(), "map").expect("lock"),
            LockOutcome::HeldBy(_)
        ));
    }
}
