//! What a map file looked like when it was loaded or saved, to notice when someone else
//! (another editor, `git pull`) has changed it since.

use std::fs::{self, Metadata};
use std::hash::{Hash, Hasher};
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// Files up to this size are read whole at each check (about a millisecond's work); larger
/// ones only when their [`Stamp`] changed.
pub const WHOLE_CHECK_MAX: u64 = 1 << 20;

/// What the file system says about one version of a file, without reading it: length,
/// modification time and, on unix, which file it is (device and inode: a file replaced by
/// a rename is another file) and its status-change time (set by every write and by
/// renaming, and which no program can set back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    id: (u64, u64),
    #[cfg(unix)]
    changed: (i64, i64),
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            id: (meta.dev(), meta.ino()),
            #[cfg(unix)]
            changed: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    /// Whether this stamp and `other` describe the same file, whatever its times say.
    pub(crate) fn same_file(&self, other: &Stamp) -> bool {
        #[cfg(unix)]
        return self.id == other.id;
        #[cfg(not(unix))]
        {
            let _ = other;
            true
        }
    }

    /// Whether the content may differ: the length or the modification time differ.
    pub(crate) fn same_content_times(&self, other: &Stamp) -> bool {
        self.len == other.len && self.modified == other.modified
    }
}

/// The outcome of comparing a file with the version this editor knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskCheck {
    /// The file holds exactly the bytes this editor loaded or saved.
    Unchanged,
    /// The file holds something else, or cannot be read to tell.
    Changed,
    /// There is no file under that name any more (deleted or moved away).
    Deleted,
}

/// Length, modification time, content hash and [`Stamp`] of one version of a file. The
/// content decides: modification time alone misses edits within the file system's
/// timestamp resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskState {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
    stamp: Option<Stamp>,
}

impl DiskState {
    /// The state of bytes just read from or written to `path`. Prefer
    /// [`super::load_tracked`], which takes the stamp from the very file it reads.
    pub fn of(path: &Path, bytes: &[u8]) -> DiskState {
        let stamp = fs::metadata(path).ok().map(|m| Stamp::of(&m));
        DiskState::from_parts(bytes, stamp)
    }

    /// The state of `bytes`, read from (or written to) the file that `stamp` describes.
    pub(crate) fn from_parts(bytes: &[u8], stamp: Option<Stamp>) -> DiskState {
        DiskState {
            len: bytes.len() as u64,
            modified: stamp.and_then(|s| s.modified),
            hash: hash(bytes),
            stamp,
        }
    }

    /// Cheap check (no read): is it still the same file, with the same length, times and
    /// status-change time?
    pub fn looks_unchanged(&self, path: &Path) -> bool {
        match (fs::metadata(path), &self.stamp) {
            (Ok(meta), Some(stamp)) => Stamp::of(&meta) == *stamp,
            (Ok(meta), None) => meta.len() == self.len && meta.modified().ok() == self.modified,
            (Err(_), _) => false,
        }
    }

    /// Full check: is the file on disk still exactly what we saw? A missing file counts as
    /// changed (someone deleted or moved it).
    pub fn unchanged(&self, path: &Path) -> bool {
        self.check_content(path) == DiskCheck::Unchanged
    }

    /// What became of the file: unchanged, changed or deleted. A small file is compared
    /// whole each time; a large one only when its stamp says something happened to it.
    pub fn check(&self, path: &Path) -> DiskCheck {
        match fs::metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => DiskCheck::Deleted,
            Err(_) => DiskCheck::Changed,
            Ok(meta) if meta.len() > WHOLE_CHECK_MAX && self.stamp == Some(Stamp::of(&meta)) => {
                DiskCheck::Unchanged
            }
            Ok(_) => self.check_content(path),
        }
    }

    /// Reads the file and compares its bytes with this state's.
    pub fn check_content(&self, path: &Path) -> DiskCheck {
        match super::read(path) {
            Ok(bytes) if self.matches(&bytes) => DiskCheck::Unchanged,
            Ok(_) => DiskCheck::Changed,
            Err(super::StoreError::Io { source, .. })
                if source.kind() == io::ErrorKind::NotFound =>
            {
                DiskCheck::Deleted
            }
            Err(super::StoreError::DanglingLink { .. }) => DiskCheck::Deleted,
            Err(_) => DiskCheck::Changed,
        }
    }

    /// Whether `bytes` are the bytes of this state.
    pub(crate) fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() as u64 == self.len && hash(bytes) == self.hash
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
        assert_eq!(state.check(&path), DiskCheck::Unchanged);
        fs::write(&path, "bbbb").expect("write");
        assert!(!state.unchanged(&path));
        assert_eq!(state.check(&path), DiskCheck::Changed);
        fs::remove_file(&path).expect("remove");
        assert!(!state.unchanged(&path));
        assert!(!state.looks_unchanged(&path));
        assert_eq!(state.check(&path), DiskCheck::Deleted);
    }

    /// A large file replaced by another of the same length, its modification time set back
    /// to the old one (`cp -p`, `rsync -t`): the stamp still tells, so the content is read.
    #[cfg(unix)]
    #[test]
    fn a_large_file_replaced_with_the_same_length_and_time_is_seen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        let old = vec![b'a'; WHOLE_CHECK_MAX as usize + 10];
        fs::write(&path, &old).expect("write");
        let state = DiskState::of(&path, &old);
        assert_eq!(state.check(&path), DiskCheck::Unchanged);
        let mtime = fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime");
        let other = dir.path().join("other.ron");
        let mut new = old.clone();
        new[0] = b'b';
        fs::write(&other, &new).expect("write");
        fs::File::options()
            .write(true)
            .open(&other)
            .and_then(|f| f.set_modified(mtime))
            .expect("set mtime");
        fs::rename(&other, &path).expect("rename");
        assert!(!state.looks_unchanged(&path));
        assert_eq!(state.check(&path), DiskCheck::Changed);
    }
}
