//! Files on disk: reading maps and writing them atomically. Every command that writes goes
//! through [`write_atomic`], so a file is only ever replaced whole.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

mod disk;
pub mod lock;
pub mod recovery;

pub use disk::DiskState;

use crate::format::{self, ParseError};
use crate::model::Map;

/// Why a map could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: error: {}", path.display(), io_message(source))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The file was read but is not a valid map; `report` holds the full diagnostic.
    #[error("{report}")]
    Invalid { error: ParseError, report: String },
    /// Writing was refused to protect a file that is there.
    #[error("{}: error: {reason}", path.display())]
    Refused { path: PathBuf, reason: Refusal },
}

/// Why a write was refused before anything was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the file already exists; use --force to replace it")]
    Exists,
    #[error("this is the map being printed; write the snapshot to another file")]
    SnapshotOverItsMap,
    #[error("this file is a journey map; write the snapshot to another file")]
    SnapshotOverMap,
    #[error("this .ron file is most likely a journey map; write the snapshot to another file")]
    SnapshotOverRon,
    #[error("this is the file being imported; write the map to another file")]
    ImportOverItsInput,
}

impl StoreError {
    fn io(path: &Path, source: io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The refusal to replace a file the user may not write to.
#[derive(Debug, thiserror::Error)]
#[error("the file is read-only")]
struct ReadOnlyFile;

/// An I/O error in plain words, without the "(os error N)" tail.
pub fn io_message(e: &io::Error) -> String {
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

/// Reads a whole file that is to be parsed (a map, or something to import).
pub fn read(path: &Path) -> Result<Vec<u8>, StoreError> {
    fs::read(path).map_err(|e| StoreError::io(path, e))
}

/// Reads and parses a map file; errors name the file and the position.
pub fn load(path: &Path) -> Result<Map, StoreError> {
    open(path).map(|(map, _)| map)
}

/// Reads and parses a map file, and says what the file looked like, so that a later save
/// can tell whether someone else changed it in between.
pub fn open(path: &Path) -> Result<(Map, DiskState), StoreError> {
    let bytes = read(path)?;
    let map = parse(path, &bytes)?;
    Ok((map, DiskState::of(path, &bytes)))
}

/// Writes a new map to `path`; an existing file (or link) is only replaced when `force`.
pub fn create(path: &Path, map: &Map, force: bool) -> Result<(), StoreError> {
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(refused(path, Refusal::Exists));
    }
    save(path, map)
}

/// Writes a snapshot of the map at `map_path` to `out`. Snapshots are written again and
/// again over older ones, but never over the map itself, another map, nor a `.ron` file
/// that does not load: it is most likely a map with a mistake in it.
pub fn write_snapshot(map_path: &Path, out: &Path, snapshot: &[u8]) -> Result<(), StoreError> {
    if same_file(map_path, out) {
        return Err(refused(out, Refusal::SnapshotOverItsMap));
    }
    if fs::metadata(out).is_ok_and(|m| m.is_file()) {
        let is_ron = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if load(out).is_ok() {
            return Err(refused(out, Refusal::SnapshotOverMap));
        } else if is_ron {
            return Err(refused(out, Refusal::SnapshotOverRon));
        }
    }
    write_atomic(out, snapshot)
}

/// Writes an imported map to `out`, which must not be the file it came from; an existing
/// file is only replaced when `force`.
pub fn write_import(input: &Path, out: &Path, map: &Map, force: bool) -> Result<(), StoreError> {
    if same_file(input, out) {
        return Err(refused(out, Refusal::ImportOverItsInput));
    }
    create(out, map, force)
}

fn refused(path: &Path, reason: Refusal) -> StoreError {
    StoreError::Refused {
        path: path.to_path_buf(),
        reason,
    }
}

/// True when both paths name one existing file (so writing one would destroy the other).
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Reads a map for `check`: when it is invalid, every problem that can be told apart, each
/// as a full report naming the file.
pub fn check(path: &Path) -> Result<Map, Vec<StoreError>> {
    let bytes = read(path).map_err(|e| vec![e])?;
    format::check(&bytes).map_err(|errors| {
        let source = std::str::from_utf8(&bytes).ok();
        let name = path.display().to_string();
        errors
            .into_iter()
            .map(|error| {
                let report = error.report(&name, source);
                StoreError::Invalid { error, report }
            })
            .collect()
    })
}

/// Parses bytes that came from `path`, naming it in any error.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Map, StoreError> {
    format::from_bytes(bytes).map_err(|error| {
        let report = error.report(&path.display().to_string(), std::str::from_utf8(bytes).ok());
        StoreError::Invalid { error, report }
    })
}

/// Writes the canonical form of `map` to `path`, atomically.
pub fn save(path: &Path, map: &Map) -> Result<(), StoreError> {
    write_atomic(path, format::to_string(map).as_bytes())
}

/// Replaces `path` with `bytes` whole or not at all: a temporary file in the same folder,
/// fsync, rename over the target, fsync of the folder. A symlink is followed and its target
/// written; an existing file keeps its permissions. On any failure the old file is intact
/// and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = resolve_symlinks(path).map_err(|e| StoreError::io(path, e))?;
    write_atomic_with(&target, bytes, |file, bytes| file.write_all(bytes))
        .map_err(|e| StoreError::io(path, e))
}

/// [`write_atomic`] with the writing step injectable, so tests can simulate a full disk.
pub fn write_atomic_with(
    target: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut fs::File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let existing = fs::metadata(target).ok();
    // Renaming over a file needs only a writable folder, but a file the user may not write
    // to is one they meant to protect: refuse, as an editor writing in place would.
    if existing.is_some()
        && let Err(e) = fs::OpenOptions::new().write(true).open(target)
        && e.kind() == io::ErrorKind::PermissionDenied
    {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            ReadOnlyFile,
        ));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".journeymap-").suffix(".tmp");
    // tempfile creates 0600 files. A new map gets the usual document mode (the umask
    // applies, as it does for any new file); an existing one keeps the mode it had.
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    if let Some(meta) = &existing {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    write(temp.as_file_mut(), bytes)?;
    temp.as_file().sync_all()?;
    // On error the NamedTempFile inside is dropped, which removes the temporary file.
    temp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename durable. Best effort: some file systems refuse to sync a folder, and
/// the data itself is already safely on disk by then.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Follows a chain of symlinks to the file that should really be written, even when that
/// file does not exist yet. Gives up on loops.
fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}
