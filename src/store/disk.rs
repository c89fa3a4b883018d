//! What a map file looked like when it was loaded or saved, to notice when someone else
//! (another editor, `git pull`) has changed it since.

use std::fs;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::SystemTime;

/// Length, modification time and content hash of a file. Modification time alone misses
/// edits within the file system's timestamp resolution, so the content decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskState {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl DiskState {
    /// The state of bytes just read from or written to `path`.
    pub fn of(path: &Path, bytes: &[u8]) -> DiskState {
        let meta = fs::metadata(path).ok();
        DiskState {
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            hash: hash(bytes),
        }
    }

    /// Cheap check (no read): do length and modification time still match?
    pub fn looks_unchanged(&self, path: &Path) -> bool {
        match fs::metadata(path) {
            Ok(meta) => meta.len() == self.len && meta.modified().ok() == self.modified,
            Err(_) => false,
        }
    }

    /// Full check: is the file on disk still exactly what we saw? A missing file counts as
    /// changed (someone deleted or moved it).
    pub fn unchanged(&self, path: &Path) -> bool {
        match fs::read(path) {
            Ok(bytes) => bytes.len() as u64 == self.len && hash(&bytes) == self.hash,
            Err(_) => false,
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_same_length_same_second_edit_is_still_seen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        fs::write(&path, "aaaa").expect("write");
        let state = DiskState::of(&path, b"aaaa");
        assert!(state.unchanged(&path));
        fs::write(&path, "bbbb").expect("write");
        assert!(!state.unchanged(&path));
        fs::remove_file(&path).expect("remove");
        assert!(!state.unchanged(&path));
        assert!(!state.looks_unchanged(&path));
    }
}
