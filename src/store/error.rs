//! Why a file could not be read or written, in words a person can act on.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{DiskState, MAX_FILE_BYTES};
use crate::format::ParseError;

/// What a path names when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

impl FileKind {
    pub(super) fn of(meta: &fs::Metadata) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let t = meta.file_type();
            if t.is_fifo() {
                return FileKind::Fifo;
            }
            if t.is_char_device() {
                return FileKind::CharDevice;
            }
            if t.is_block_device() {
                return FileKind::BlockDevice;
            }
            if t.is_socket() {
                return FileKind::Socket;
            }
        }
        let _ = meta;
        FileKind::Other
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Fifo => "a FIFO",
            FileKind::CharDevice => "a character device",
            FileKind::BlockDevice => "a block device",
            FileKind::Socket => "a socket",
            FileKind::Other => "a special file",
        })
    }
}

/// Why a map could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: error: {}", shown(path), io_message(source))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The file was read but is not a valid map; `report` holds the full diagnostic.
    #[error("{report}")]
    Invalid { error: ParseError, report: String },
    /// Writing was refused to protect a file that is there.
    #[error("{}: error: {reason}", shown(path))]
    Refused { path: PathBuf, reason: Refusal },
    /// A FIFO, a device or a socket: reading one may never end (a FIFO without a writer)
    /// or never stop (`/dev/zero`), and writing a regular file in its place would replace it.
    #[error("{}: error: {}", shown(path), not_a_file_message(*kind, *writing))]
    NotAFile {
        path: PathBuf,
        kind: FileKind,
        writing: bool,
    },
    /// The same for `config.ron`, which is read only from a regular file too.
    #[error("{}: error: {}", shown(path), config_not_a_file_message(*kind))]
    ConfigNotAFile { path: PathBuf, kind: FileKind },
    #[error("{}: error: {}", shown(path), too_large_message(*len))]
    TooLarge { path: PathBuf, len: u64 },
    /// A symbolic link whose target does not exist.
    #[error("{}: error: {}", shown(path), dangling_message(target))]
    DanglingLink { path: PathBuf, target: PathBuf },
    /// The save was to replace one version of the file, and found another (or none):
    /// nothing was written.
    #[error("{}: error: {}", shown(path), changed_message(*deleted))]
    ChangedOnDisk { path: PathBuf, deleted: bool },
    /// The save was to create the file, and found one: nothing was written.
    #[error("{}: error: the file already exists", shown(path))]
    Exists { path: PathBuf },
    /// The save went through, but right after it the file under that name was no longer
    /// what it wrote: another program replaced or changed it in that instant. `written`
    /// is the state of what this save wrote.
    #[error("{}: error: {CHANGED_RIGHT_AFTER}", shown(path))]
    ChangedRightAfter { path: PathBuf, written: DiskState },
}

const CHANGED_RIGHT_AFTER: &str = "saved, but another program changed the file at the same moment; what is on disk now is not what was saved";

fn shown(path: &Path) -> String {
    crate::text::sanitize(&path.display().to_string()).into_owned()
}

fn not_a_file_message(kind: FileKind, writing: bool) -> String {
    if writing {
        format!("this is not a regular file ({kind}); write to a regular file instead")
    } else {
        format!("this is not a regular file ({kind}); a journey map is read from a regular file")
    }
}

fn config_not_a_file_message(kind: FileKind) -> String {
    format!("this is not a regular file ({kind}); config.ron must be a regular file")
}

fn too_large_message(len: u64) -> String {
    format!(
        "the file is too large ({} MB); journeymap reads files of up to {} MB",
        len.div_ceil(1 << 20),
        MAX_FILE_BYTES >> 20
    )
}

fn dangling_message(target: &Path) -> String {
    format!(
        "this symbolic link points nowhere: {} does not exist",
        crate::text::sanitize(&target.display().to_string())
    )
}

fn changed_message(deleted: bool) -> &'static str {
    if deleted {
        "the file was deleted on disk since it was opened; nothing was written"
    } else {
        "the file changed on disk since it was opened; nothing was written"
    }
}

/// Why a write was refused before anything was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the file already exists; use --force to replace it")]
    Exists,
    #[error("this is the journey map itself; write the snapshot to another file")]
    SnapshotOverItsMap,
    #[error("this file is a journey map; write the snapshot to another file")]
    SnapshotOverMap,
    #[error("this .ron file is most likely a journey map; write the snapshot to another file")]
    SnapshotOverRon,
    #[error("this is the file being imported; write the map to another file")]
    ImportOverItsInput,
}

impl StoreError {
    pub(super) fn io(path: &Path, source: io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The error in plain words, without the file name: for a place that already shows
    /// which file it is about (the editor's status bar).
    pub fn reason(&self) -> String {
        match self {
            StoreError::Io { source, .. } => io_message(source),
            StoreError::Invalid { error, .. } => error.message.clone(),
            StoreError::NotAFile { kind, writing, .. } => not_a_file_message(*kind, *writing),
            StoreError::ConfigNotAFile { kind, .. } => config_not_a_file_message(*kind),
            StoreError::TooLarge { len, .. } => too_large_message(*len),
            StoreError::DanglingLink { target, .. } => dangling_message(target),
            StoreError::ChangedOnDisk { deleted, .. } => changed_message(*deleted).into(),
            StoreError::Exists { .. } => "the file already exists".into(),
            StoreError::ChangedRightAfter { .. } => CHANGED_RIGHT_AFTER.into(),
            StoreError::Refused { reason, .. } => reason.to_string(),
        }
    }
}

/// The refusal to replace a file the user may not write to.
#[derive(Debug, thiserror::Error)]
#[error("the file is read-only")]
pub(super) struct ReadOnlyFile;

/// An I/O error in plain words, without the "(os error N)" tail.
pub fn io_message(e: &io::Error) -> String {
    if is_symlink_loop(e) {
        return "too many levels of symbolic links (a symlink loop)".into();
    }
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied
            if e.get_ref().is_some_and(|inner| inner.is::<ReadOnlyFile>()) =>
        {
            ReadOnlyFile.to_string()
        }
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        io::ErrorKind::IsADirectory => "this is a folder, not a file".into(),
        _ => {
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s);
            let mut chars = s.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_lowercase().chain(chars).collect())
        }
    }
}

fn is_symlink_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}
