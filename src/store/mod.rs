//! Files on disk: reading maps and writing them atomically. Every command that reads a map
//! goes through [`read`] (regular files only, of a bounded size) and every one that writes
//! goes through [`write_atomic`] or [`write_checked`], so a file is only ever replaced whole.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub mod config;
mod disk;
mod error;
pub mod lock;
mod process;
pub mod recovery;
pub mod room;
pub mod round;
pub mod view;

pub use disk::{DiskCheck, DiskState, Stamp, WHOLE_CHECK_MAX};
use error::ReadOnlyFile;
pub use error::{FileKind, Refusal, StoreError, io_message};

use crate::format;
use crate::model::Map;

/// The largest file [`read`] takes: 256 MB, far beyond any workshop's map (a map with
/// 10,000 cards in every lane of five stages is about 14 MB), yet small enough that a
/// wrong file never eats the machine's memory.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Reads a whole file that should hold a map (or anything else a command takes in): only a
/// regular file (a FIFO or a device is refused at once, never waited on), of at most
/// [`MAX_FILE_BYTES`]. A symbolic link is followed; one that points nowhere says so.
pub fn read(path: &Path) -> Result<Vec<u8>, StoreError> {
    read_stamped(path).map(|(bytes, _)| bytes)
}

/// [`read`], with the stamp of the file that was read, taken before reading it: a change
/// made while it was read shows as a changed stamp at the next check.
fn read_stamped(path: &Path) -> Result<(Vec<u8>, Stamp), StoreError> {
    let missing = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => match fs::read_link(path) {
            Ok(target) => StoreError::DanglingLink {
                path: path.to_path_buf(),
                target,
            },
            Err(_) => StoreError::io(path, e),
        },
        _ => StoreError::io(path, e),
    };
    // Look before opening: opening a device can have effects of its own.
    let meta = fs::metadata(path).map_err(missing)?;
    check_regular(path, &meta, false)?;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // Should a FIFO have taken the file's place since, opening it must not wait for a
    // writer; on a regular file the flag changes nothing.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(missing)?;
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    check_regular(path, &meta, false)?;
    let too_large = |len| StoreError::TooLarge {
        path: path.to_path_buf(),
        len,
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let stamp = Stamp::of(&meta);
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The length can change while reading (or lie, as in /proc): the limit holds anyway.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok((bytes, stamp))
}

/// Refuses what is not a regular file; a folder is reported as one.
fn check_regular(path: &Path, meta: &fs::Metadata, writing: bool) -> Result<(), StoreError> {
    if meta.is_dir() {
        return Err(StoreError::io(path, io::ErrorKind::IsADirectory.into()));
    }
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            kind: FileKind::of(meta),
            writing,
        });
    }
    Ok(())
}

/// Reads and parses a map file; errors name the file and the position.
pub fn load(path: &Path) -> Result<Map, StoreError> {
    let bytes = read(path)?;
    parse(path, &bytes)
}

/// Why a map could not be saved at `path` as things stand, if it could not: its folder is
/// missing or not writable, or the file is read-only. Checked when the editor opens a map,
/// so the facilitator hears it before an hour of work waits on a save that cannot succeed.
pub fn write_problem(path: &Path) -> Option<String> {
    let target = resolve_symlinks(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match fs::metadata(&dir) {
        Err(_) => return Some("this folder does not exist".into()),
        Ok(meta) if !meta.is_dir() => return Some("this folder does not exist".into()),
        Ok(_) => {}
    }
    if let Ok(meta) = fs::metadata(&target)
        && meta.is_file()
        && fs::OpenOptions::new().write(true).open(&target).is_err()
    {
        return Some("this file is read-only for you".into());
    }
    // Saving writes a temporary file beside the map, then renames it.
    match tempfile::Builder::new()
        .prefix(".journeymap-probe-")
        .tempfile_in(&dir)
    {
        Ok(_) => None,
        Err(_) => Some("this folder cannot be written".into()),
    }
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
pub fn write_snapshot(
    map_path: Option<&Path>,
    out: &Path,
    snapshot: &[u8],
) -> Result<(), StoreError> {
    if map_path.is_some_and(|map| same_file(map, out)) {
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

/// [`load`], with the state of what was read: what an editor keeps to notice later that
/// the file changed on disk, and to save only over the version it loaded.
pub fn load_tracked(path: &Path) -> Result<(Map, DiskState), StoreError> {
    let (bytes, stamp) = read_stamped(path)?;
    let map = parse(path, &bytes)?;
    Ok((map, DiskState::from_parts(&bytes, Some(stamp))))
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
/// written; an existing file keeps its permissions; only a regular file is ever replaced
/// (a FIFO or a device is refused). On any failure the old file is intact and no temporary
/// file is left behind; temporary files left by saves that were killed are removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_checked(path, bytes, Replace::Anything).map(drop)
}

/// What a save may replace.
#[derive(Debug, Clone, Copy)]
pub enum Replace<'a> {
    /// Whatever is there, or nothing (a command's output, or "overwrite" chosen).
    Anything,
    /// Only the version of the file in this state: what the editor loaded or last saved.
    Version(&'a DiskState),
    /// Nothing: the file must not exist yet.
    Nothing,
}

/// [`write_atomic`] that replaces only what `replace` allows, and returns the state of
/// what it wrote: its length, hash and the stamp of the very file it wrote, not of
/// whatever the name leads to after the rename.
///
/// The file is compared with the expected version before writing (the whole content),
/// and its stamp again right before the rename (a write by another program while this
/// one formatted, wrote and synced is caught there); two journeymap processes saving into
/// one folder take turns for that check and the rename. After the rename, a file under
/// that name that is not the one just written is reported as [`StoreError::ChangedRightAfter`].
pub fn write_checked(
    path: &Path,
    bytes: &[u8],
    replace: Replace<'_>,
) -> Result<DiskState, StoreError> {
    write_checked_with(path, bytes, replace, |file, bytes| file.write_all(bytes))
}

/// [`write_checked`] with the writing step injectable, so tests can make another program
/// write to the file while the save is under way.
pub fn write_checked_with(
    path: &Path,
    bytes: &[u8],
    replace: Replace<'_>,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<DiskState, StoreError> {
    let target = resolve_symlinks(path).map_err(|e| StoreError::io(path, e))?;
    remove_stale_temp_files(&folder_of(&target));
    replace_file(path, &target, bytes, replace, write)
}

/// [`write_atomic`] with the writing step injectable, so tests can simulate a full disk.
/// `target` is written as it is (no symlink is followed) and nothing else in its folder is
/// touched: this is also how recovery copies are written.
pub fn write_atomic_with(
    target: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut fs::File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    match replace_file(target, target, bytes, Replace::Anything, write) {
        Ok(_) => Ok(()),
        Err(StoreError::Io { source, .. }) => Err(source),
        Err(other) => Err(io::Error::other(other.reason())),
    }
}

fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The start of every temporary file's name; the writer's process id follows, so that a
/// file left by a killed save can be told from one being written right now.
const TEMP_PREFIX: &str = ".journeymap-";
const TEMP_SUFFIX: &str = ".tmp";

fn replace_file(
    path: &Path,
    target: &Path,
    bytes: &[u8],
    replace: Replace<'_>,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<DiskState, StoreError> {
    let fail = |e: io::Error| StoreError::io(path, e);
    let dir = folder_of(target);
    let existing = match fs::metadata(target) {
        Ok(meta) => {
            check_regular(path, &meta, true)?;
            Some(meta)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e)),
    };
    let changed = |deleted| StoreError::ChangedOnDisk {
        path: path.to_path_buf(),
        deleted,
    };
    // The version about to be replaced, as seen now: its stamp must still hold right
    // before the rename.
    let seen = match replace {
        Replace::Version(state) => match read_stamped(target) {
            Ok((old, stamp)) if state.matches(&old) => Some(stamp),
            Ok(_) => return Err(changed(false)),
            Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return Err(changed(true));
            }
            Err(e) => return Err(e),
        },
        Replace::Nothing if existing.is_some() => {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        _ => None,
    };
    // Renaming over a file needs only a writable folder, but a file the user may not write
    // to is one they meant to protect: refuse, as an editor writing in place would.
    if existing.is_some()
        && let Err(e) = fs::OpenOptions::new().write(true).open(target)
        && e.kind() == io::ErrorKind::PermissionDenied
    {
        return Err(fail(io::Error::new(
            io::ErrorKind::PermissionDenied,
            ReadOnlyFile,
        )));
    }
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // tempfile creates 0600 files. A new map gets the usual document mode (the umask
    // applies, as it does for any new file); an existing one keeps the mode it had.
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(&dir).map_err(fail)?;
    if let Some(meta) = &existing {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    write(temp.as_file_mut(), bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    let before = Stamp::of(&temp.as_file().metadata().map_err(fail)?);

    // From the last look to the rename: as short as the OS allows, and one journeymap
    // process at a time in this folder. On error the temporary file is dropped, which
    // removes it.
    let turn = FolderTurn::take(&dir);
    let file = match replace {
        Replace::Nothing => temp.persist_noclobber(target).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                StoreError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                fail(e.error)
            }
        })?,
        _ => {
            if let Some(seen) = seen {
                match fs::metadata(target) {
                    Ok(now) if Stamp::of(&now) == seen => {}
                    Ok(_) => return Err(changed(false)),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(changed(true)),
                    Err(e) => return Err(fail(e)),
                }
            }
            temp.persist(target).map_err(|e| fail(e.error))?
        }
    };
    // What was written, described by the file itself (renaming sets its status-change
    // time), and whether the name still leads to it.
    let after = Stamp::of(&file.metadata().map_err(fail)?);
    let named = fs::metadata(target).ok().map(|m| Stamp::of(&m));
    drop(turn);
    sync_dir(&dir);
    let written = DiskState::from_parts(bytes, Some(after));
    let intact = after.same_content_times(&before)
        && named.is_some_and(|n| n.same_file(&after) && n.same_content_times(&after));
    if !intact {
        return Err(StoreError::ChangedRightAfter {
            path: path.to_path_buf(),
            written,
        });
    }
    Ok(written)
}

/// A turn at replacing files in one folder, among journeymap processes: a lock on the
/// folder itself, so no file is created for it. Best effort: where a folder cannot be
/// locked, or another process keeps it locked longer than any save takes, the save goes
/// on without it (the checks before and after the rename still hold).
struct FolderTurn {
    _folder: Option<File>,
}

impl FolderTurn {
    const PATIENCE: Duration = Duration::from_secs(2);

    fn take(dir: &Path) -> FolderTurn {
        let Ok(folder) = File::open(dir) else {
            return FolderTurn { _folder: None };
        };
        let deadline = Instant::now() + Self::PATIENCE;
        loop {
            match folder.try_lock() {
                Ok(()) => {
                    return FolderTurn {
                        _folder: Some(folder),
                    };
                }
                Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(_) => return FolderTurn { _folder: None },
            }
        }
    }
}

/// Removes the temporary files in `dir` that saves left behind when they were killed
/// (`kill -9`, a power cut): those whose writer's process has ended. A file whose writer
/// may still be running, or whose name carries no process id, is left alone. Best effort;
/// returns how many went.
pub fn remove_stale_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_file_writer) else {
            continue;
        };
        if pid != std::process::id()
            && process::process(pid) == process::Process::Ended
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            removed += usize::from(fs::remove_file(entry.path()).is_ok());
        }
    }
    removed
}

/// [`remove_stale_temp_files`] in the folder where saving `map` writes (a symlink's target's).
pub fn remove_stale_temp_files_beside(map: &Path) -> usize {
    resolve_symlinks(map).map_or(0, |target| remove_stale_temp_files(&folder_of(&target)))
}

/// The process id in a temporary file's name: `.journeymap-PID-RANDOM.tmp`.
fn temp_file_writer(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    (!random.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        .then(|| pid.parse().ok())
        .flatten()
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
    #[cfg(unix)]
    return Err(io::Error::from_raw_os_error(libc::ELOOP));
    #[cfg(not(unix))]
    Err(io::Error::other("too many levels of symbolic links"))
}

/// The files `KEY.PID.SUFFIX` of the map named `key` in `dir` left by editors that are no
/// longer running, newest first.
pub(crate) fn leftover_files(dir: &Path, key: &str, suffix: &str) -> Vec<PathBuf> {
    editor_files(dir, key, suffix, false)
        .into_iter()
        .map(|(_, path)| path)
        .collect()
}

/// The files `KEY.PID.SUFFIX` of the map named `key` in `dir` written by other editors that
/// still run (`live`) or are gone, newest first, with when each was last written.
pub(crate) fn editor_files(
    dir: &Path,
    key: &str,
    suffix: &str,
    live: bool,
) -> Vec<(std::time::SystemTime, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = format!("{key}.");
    let suffix = format!(".{suffix}");
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid: u32 = name
                .strip_prefix(&prefix)?
                .strip_suffix(&suffix)?
                .parse()
                .ok()?;
            if pid == std::process::id() || recovery::editor_running(pid) != live {
                return None;
            }
            let modified = entry.metadata().ok()?.modified().ok()?;
            Some((modified, entry.path()))
        })
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    found
}
