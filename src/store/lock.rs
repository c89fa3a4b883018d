//! "Is this map open in another editor?" A lock on a small sidecar file in the state folder,
//! holding the owner's process id. The OS releases the lock when the process dies, however
//! it dies, so a stale lock never blocks anyone.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::Path;

/// Held for as long as the editor has the map open.
#[derive(Debug)]
pub struct MapLock {
    _file: File,
}

#[derive(Debug)]
pub enum LockOutcome {
    Acquired(MapLock),
    /// Another live process holds the lock; its process id when it could be read.
    HeldBy(Option<u32>),
}

/// Tries to take the lock named `key` in `dir`.
pub fn try_lock(dir: &Path, key: &str) -> io::Result<LockOutcome> {
    fs::create_dir_all(dir)?;
    let path = dir.join(format!("{key}.lock"));
    // Never truncate on open: the current owner's pid must stay readable.
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0)?;
            file.rewind()?;
            write!(file, "{}", std::process::id())?;
            file.flush()?;
            Ok(LockOutcome::Acquired(MapLock { _file: file }))
        }
        Err(TryLockError::WouldBlock) => {
            let mut owner = String::new();
            let _ = file.read_to_string(&mut owner);
            Ok(LockOutcome::HeldBy(owner.trim().parse().ok()))
        }
        Err(TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
