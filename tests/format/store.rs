//! `store::write_atomic`: a file is replaced whole or not at all, keeps its permissions,
//! is written through a symlink, and no temporary file is ever left behind.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use journeymap::store::{self, DiskCheck, Replace, StoreError};

/// Names in a folder, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[track_caller]
fn assert_no_temp_files(dir: &Path) {
    let left: Vec<String> = entries(dir)
        .into_iter()
        .filter(|n| n.starts_with(".journeymap-") || n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn replaces_the_file_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, "old").expect("write");
    store::write_atomic(&path, b"new contents").expect("write_atomic");
    assert_eq!(fs::read(&path).expect("read"), b"new contents");
    assert_eq!(entries(dir.path()), ["map.ron"]);
}

#[test]
fn creates_a_missing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new.ron");
    store::write_atomic(&path, b"fresh").expect("write_atomic");
    assert_eq!(fs::read(&path).expect("read"), b"fresh");
    assert_eq!(entries(dir.path()), ["new.ron"]);
}

#[test]
fn save_then_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let map = journeymap::templates::default_map();
    store::save(&path, &map).expect("save");
    assert_eq!(store::load(&path).expect("load"), map);
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        journeymap::format::to_string(&map)
    );
}

#[cfg(unix)]
#[test]
fn keeps_the_permissions_of_an_existing_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    for mode in [0o600, 0o640, 0o664] {
        let path = dir.path().join(format!("map-{mode:o}.ron"));
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod");
        store::write_atomic(&path, b"new").expect("write_atomic");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        let kept = fs::metadata(&path).expect("metadata").permissions().mode() & 0o7777;
        assert_eq!(kept, mode, "mode {mode:o} became {kept:o}");
    }
    assert_no_temp_files(dir.path());
}

#[cfg(unix)]
#[test]
fn a_file_the_user_may_not_write_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("protected.ron");
    fs::write(&path, "old").expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
    if fs::OpenOptions::new().write(true).open(&path).is_ok() {
        eprintln!("note: running as root, permission bits do not protect files; skipped");
        return;
    }
    let err = store::write_atomic(&path, b"new").expect_err("a read-only file is refused");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), b"old");
    assert_no_temp_files(dir.path());
}

#[cfg(unix)]
#[test]
fn follows_a_symlink_and_writes_its_target() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    fs::write(&real, "old").expect("write");
    symlink("real.ron", &link).expect("symlink");
    store::write_atomic(&link, b"through the link").expect("write_atomic");
    assert!(
        fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(
        fs::read_link(&link).expect("readlink"),
        Path::new("real.ron")
    );
    assert_eq!(fs::read(&real).expect("read"), b"through the link");
    assert_eq!(entries(dir.path()), ["link.ron", "real.ron"]);
}

#[cfg(unix)]
#[test]
fn follows_a_chain_of_symlinks_into_another_folder() {
    use std::os::unix::fs::symlink;
    let here = tempfile::tempdir().expect("temp dir");
    let there = tempfile::tempdir().expect("temp dir");
    let real = there.path().join("real.ron");
    fs::write(&real, "old").expect("write");
    // here/a.ron -> here/b.ron -> there/real.ron (absolute)
    symlink(&real, here.path().join("b.ron")).expect("symlink");
    symlink("b.ron", here.path().join("a.ron")).expect("symlink");
    store::write_atomic(&here.path().join("a.ron"), b"two hops").expect("write_atomic");
    assert_eq!(fs::read(&real).expect("read"), b"two hops");
    assert_eq!(entries(here.path()), ["a.ron", "b.ron"]);
    assert_eq!(entries(there.path()), ["real.ron"]);
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_creates_its_target() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let link = dir.path().join("link.ron");
    symlink("target.ron", &link).expect("symlink");
    store::write_atomic(&link, b"created").expect("write_atomic");
    assert!(
        fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read(dir.path().join("target.ron")).expect("read"),
        b"created"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_an_error_not_a_hang() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    symlink("b.ron", dir.path().join("a.ron")).expect("symlink");
    symlink("a.ron", dir.path().join("b.ron")).expect("symlink");
    let e = store::write_atomic(&dir.path().join("a.ron"), b"x").expect_err("a loop");
    assert!(e.to_string().contains("symbolic links"), "{e}");
    assert_eq!(entries(dir.path()), ["a.ron", "b.ron"]);
}

#[test]
fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, "old and precious").expect("write");
    let e = store::write_atomic_with(&path, b"new contents that will not fit", |file, bytes| {
        // Half the bytes make it to disk, then the disk is full.
        file.write_all(&bytes[..bytes.len() / 2])?;
        Err(io::Error::from(io::ErrorKind::StorageFull))
    })
    .expect_err("the write fails");
    assert_eq!(e.kind(), io::ErrorKind::StorageFull);
    assert_eq!(fs::read(&path).expect("read"), b"old and precious");
    assert_eq!(entries(dir.path()), ["map.ron"]);
    // And the words a user sees for it.
    assert_eq!(store::io_message(&e), "the disk is full");
}

#[test]
fn a_failed_write_of_a_new_file_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new.ron");
    store::write_atomic_with(&path, b"x", |_, _| {
        Err(io::Error::from(io::ErrorKind::StorageFull))
    })
    .expect_err("the write fails");
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

#[test]
fn writing_over_a_folder_fails_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("map.ron");
    fs::create_dir(&folder).expect("mkdir");
    let e = store::write_atomic(&folder, b"x").expect_err("a folder is not a file");
    assert!(matches!(e, StoreError::Io { .. }), "{e:?}");
    assert!(folder.is_dir());
    assert_eq!(entries(dir.path()), ["map.ron"]);
}

#[test]
fn a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("no such folder").join("map.ron");
    let e = store::write_atomic(&path, b"x").expect_err("no folder");
    assert!(e.to_string().contains("no such file or folder"), "{e}");
    assert!(e.to_string().contains("map.ron"), "{e}");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_fails_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("locked");
    fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("map.ron");
    fs::write(&path, "old and precious").expect("write");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root (as in many containers) may write to a read-only folder anyway: find out.
    let probe = folder.join("probe");
    let enforced = fs::write(&probe, "x").is_err();
    let _ = fs::remove_file(&probe);
    let result = store::write_atomic(&path, b"new");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");
    if !enforced {
        eprintln!("note: permissions are not enforced here (running as root?); skipped");
        return;
    }
    let e = result.expect_err("a read-only folder cannot take a new file");
    assert!(e.to_string().contains("permission denied"), "{e}");
    assert_eq!(fs::read(&path).expect("read"), b"old and precious");
    assert_eq!(entries(&folder), ["map.ron"]);
}

// Faults on save beyond a write that stops halfway . The writer is injected: a
// failure inside `write_atomic_with`'s own `sync_all` cannot be, so the nearest stand-in is
// a writer that gets every byte out, syncs, and only then reports the disk full, as a full
// disk may first do at sync or close.
#[cfg(unix)]
#[test]
fn a_full_disk_reported_after_every_byte_keeps_the_old_file_and_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, "old and precious").expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    let e = store::write_atomic_with(&path, b"every byte of the new version", |file, bytes| {
        file.write_all(bytes)?;
        file.sync_all()?;
        Err(io::Error::from(io::ErrorKind::StorageFull))
    })
    .expect_err("the write fails");
    assert_eq!(e.kind(), io::ErrorKind::StorageFull);
    assert_eq!(fs::read(&path).expect("read"), b"old and precious");
    let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "the old file's mode changed");
    assert_eq!(entries(dir.path()), ["map.ron"]);
}

#[test]
fn every_kind_of_write_failure_leaves_the_old_file_and_a_plain_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, "old and precious").expect("write");
    for kind in [
        io::ErrorKind::StorageFull,
        io::ErrorKind::QuotaExceeded,
        io::ErrorKind::FileTooLarge,
        io::ErrorKind::ReadOnlyFilesystem,
        io::ErrorKind::PermissionDenied,
        io::ErrorKind::WriteZero,
        io::ErrorKind::Other,
    ] {
        let e = store::write_atomic_with(&path, b"new contents", |file, bytes| {
            file.write_all(&bytes[..3])?;
            Err(io::Error::from(kind))
        })
        .expect_err("the write fails");
        assert_eq!(e.kind(), kind);
        let message = store::io_message(&e);
        assert!(
            !message.is_empty() && !message.contains("os error"),
            "{kind:?}: {message:?} is not a plain message"
        );
        assert_eq!(
            fs::read(&path).expect("read"),
            b"old and precious",
            "{kind:?}"
        );
        assert_eq!(entries(dir.path()), ["map.ron"], "{kind:?}");
    }
    // After all that, a save that can go through does.
    store::write_atomic(&path, b"saved at last").expect("write_atomic");
    assert_eq!(fs::read(&path).expect("read"), b"saved at last");
    assert_eq!(entries(dir.path()), ["map.ron"]);
}

#[test]
fn a_writer_that_panics_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, "old and precious").expect("write");
    let outcome = std::panic::catch_unwind(|| {
        store::write_atomic_with(&path, b"new contents", |file, bytes| {
            file.write_all(&bytes[..4])?;
            panic!("the writer dies halfway");
        })
    });
    assert!(outcome.is_err(), "the writer's panic did not come through");
    assert_eq!(fs::read(&path).expect("read"), b"old and precious");
    assert_eq!(entries(dir.path()), ["map.ron"]);
}

/// Process ids are reused: a copy whose writer's id now belongs to another program (here a
/// `sleep`) is a leftover to offer, not the copy of a running editor. (Kept out of the
/// library's unit tests: spawning a child there could briefly hold their lock files open.)
#[test]
fn a_recovery_copy_whose_process_id_now_belongs_to_another_program_is_offered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = journeymap::templates::default_map();
    let Ok(mut other) = std::process::Command::new("sleep").arg("30").spawn() else {
        return; // no `sleep` here: nothing to stand in for a reused id
    };
    let copy = dir.path().join(format!("k.{}.ron", other.id()));
    store::recovery::write(&copy, &map).expect("copy");
    let found = store::recovery::leftovers(dir.path(), "k");
    let _ = other.kill();
    let _ = other.wait();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, copy);
}

/// An editor that has ended but not been reaped yet (a zombie: the terminal that ran it was
/// just closed) has ended: its copy is offered, although `/proc` still has its name.
#[cfg(target_os = "linux")]
#[test]
fn a_recovery_copy_of_an_editor_that_ended_but_was_not_reaped_is_offered() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().expect("temp dir");
    let map = journeymap::templates::default_map();
    // This very program, run so that it ends at once: the same name as this process, as a
    // crashed editor has the same name as the next one.
    let mut child = std::process::Command::new(std::env::current_exe().expect("this test"))
        .args(["--exact", "no test has this name"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start a child");
    let stat = format!("/proc/{}/stat", child.id());
    let deadline = Instant::now() + Duration::from_secs(10);
    while !fs::read_to_string(&stat).is_ok_and(|s| {
        s.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.starts_with(" Z"))
    }) {
        assert!(Instant::now() < deadline, "the child never became a zombie");
        std::thread::sleep(Duration::from_millis(5));
    }
    let comm = |pid: u32| fs::read(format!("/proc/{pid}/comm")).expect("comm");
    assert_eq!(
        comm(child.id()),
        comm(std::process::id()),
        "not the same name"
    );
    let copy = dir.path().join(format!("k.{}.ron", child.id()));
    store::recovery::write(&copy, &map).expect("copy");
    let found = store::recovery::leftovers(dir.path(), "k");
    child.wait().expect("reap the child");
    assert_eq!(found.len(), 1, "the zombie's copy is hidden: {found:?}");
    assert_eq!(found[0].path, copy);
}

/// Temporary files of saves that were killed (`kill -9` halfway) go at the next save in
/// that folder; those of a writer that may still be running stay.
#[cfg(target_os = "linux")]
#[test]
fn the_next_save_removes_temporary_files_of_killed_saves_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, "old").expect("write");
    // Process ids far above any pid_max have ended; this process is running.
    let dead = ".journeymap-999999991-aB3dE9.tmp";
    let running = format!(".journeymap-{}-Xy12Zw.tmp", std::process::id());
    let unknown = ".journeymap-aB3dE9.tmp";
    for name in [dead, &running, unknown] {
        fs::write(dir.path().join(name), "half a map").expect("temp file");
    }
    let mut kept = vec![unknown.to_string(), running.clone(), "map.ron".into()];
    kept.sort();
    store::write_atomic(&path, b"new").expect("save");
    assert_eq!(entries(dir.path()), kept);
    // Opening a map tidies its folder as well.
    fs::write(dir.path().join(dead), "half a map").expect("temp file");
    assert_eq!(store::remove_stale_temp_files_beside(&path), 1);
    assert_eq!(entries(dir.path()), kept);
}

/// A save's own temporary file carries its process id.
#[test]
fn a_temporary_file_is_named_after_its_writer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let mut seen = Vec::new();
    store::write_atomic_with(&path, b"x", |file, bytes| {
        seen = entries(dir.path());
        file.write_all(bytes)
    })
    .expect("write");
    let prefix = format!(".journeymap-{}-", std::process::id());
    assert!(
        seen.len() == 1 && seen[0].starts_with(&prefix) && seen[0].ends_with(".tmp"),
        "{seen:?}"
    );
}

#[cfg(unix)]
fn fifo(dir: &Path) -> Option<std::path::PathBuf> {
    let path = dir.join("pipe.ron");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    made.is_ok_and(|s| s.success()).then_some(path)
}

/// Only a regular file is written over: a FIFO (and so a device) stays what it is.
#[cfg(unix)]
#[test]
fn a_fifo_is_not_replaced_by_a_file() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(pipe) = fifo(dir.path()) else {
        eprintln!("note: no mkfifo here; skipped");
        return;
    };
    let e = store::write_atomic(&pipe, b"x").expect_err("a FIFO is refused");
    assert!(
        matches!(
            e,
            StoreError::NotAFile {
                kind: store::FileKind::Fifo,
                writing: true,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("not a regular file (a FIFO)"), "{e}");
    assert!(fs::metadata(&pipe).expect("stat").file_type().is_fifo());
    assert_eq!(entries(dir.path()), ["pipe.ron"]);
    // Through a symlink too.
    std::os::unix::fs::symlink("pipe.ron", dir.path().join("link.ron")).expect("symlink");
    store::write_atomic(&dir.path().join("link.ron"), b"x").expect_err("a FIFO is refused");
    assert!(fs::metadata(&pipe).expect("stat").file_type().is_fifo());
}

/// Reading a FIFO that nobody writes to returns at once with an error, instead of waiting
/// forever; `/dev/zero` is refused instead of read until memory runs out.
#[cfg(unix)]
#[test]
fn special_files_are_refused_at_once() {
    use std::time::Duration;
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(pipe) = fifo(dir.path()) else {
        eprintln!("note: no mkfifo here; skipped");
        return;
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = pipe.clone();
    std::thread::spawn(move || {
        let _ = tx.send((store::load(&reader), store::check(&reader).map(drop)));
    });
    let (loaded, checked) = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("loading a FIFO without a writer must not wait");
    let e = loaded.expect_err("a FIFO is not a map");
    assert!(e.to_string().contains("not a regular file (a FIFO)"), "{e}");
    assert!(checked.is_err());

    if Path::new("/dev/zero").exists() {
        let e = store::load(Path::new("/dev/zero")).expect_err("not a map");
        assert!(
            matches!(
                e,
                StoreError::NotAFile {
                    kind: store::FileKind::CharDevice,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(store::read(Path::new("/dev/zero")).is_err());
    }
}

/// A file above the size limit is refused without being read (a sparse file here).
#[test]
fn a_file_above_the_limit_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let file = fs::File::create(&path).expect("create");
    if file.set_len(store::MAX_FILE_BYTES + 1).is_err() {
        return; // no sparse files here
    }
    let e = store::load(&path).expect_err("too large");
    assert!(matches!(e, StoreError::TooLarge { .. }), "{e:?}");
    assert!(e.to_string().contains("256 MB"), "{e}");
}

#[cfg(unix)]
#[test]
fn links_that_lead_nowhere_say_so() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    symlink("b.ron", dir.path().join("a.ron")).expect("symlink");
    symlink("a.ron", dir.path().join("b.ron")).expect("symlink");
    let e = store::load(&dir.path().join("a.ron")).expect_err("a loop");
    assert!(e.to_string().contains("symlink loop"), "{e}");
    symlink("gone.ron", dir.path().join("dangling.ron")).expect("symlink");
    let e = store::load(&dir.path().join("dangling.ron")).expect_err("dangling");
    assert!(
        e.to_string().contains("points nowhere") && e.to_string().contains("gone.ron"),
        "{e}"
    );
}

/// A map a little over the size that is compared whole at every check.
fn big_map_bytes(mark: u8) -> Vec<u8> {
    let mut bytes = vec![b' '; store::WHOLE_CHECK_MAX as usize + 4096];
    bytes[0] = mark;
    bytes
}

/// Two editors saving the version they both loaded: the second finds the first one's
/// save and writes nothing, whatever the order.
#[test]
fn two_saves_over_one_version_cannot_both_go_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let map = journeymap::templates::default_map();
    store::save(&path, &map).expect("save");
    let (_, loaded) = store::load_tracked(&path).expect("load");
    let (a, b) = (big_map_bytes(b'a'), big_map_bytes(b'b'));

    // B's check before writing passes; A saves while B writes: B's check right before its
    // rename finds A's file.
    let e = store::write_checked_with(&path, &b, Replace::Version(&loaded), |file, bytes| {
        file.write_all(bytes)?;
        store::write_checked(&path, &a, Replace::Version(&loaded)).expect("A saves");
        Ok(())
    })
    .expect_err("B must not write over A's save");
    assert!(
        matches!(e, StoreError::ChangedOnDisk { deleted: false, .. }),
        "{e:?}"
    );
    assert_eq!(fs::read(&path).expect("read"), a);
    assert_eq!(entries(dir.path()), ["map.ron"]);

    // And a save that starts after A's is refused at its first look.
    let e = store::write_checked(&path, &b, Replace::Version(&loaded)).expect_err("refused");
    assert!(matches!(e, StoreError::ChangedOnDisk { .. }), "{e:?}");
    assert_eq!(fs::read(&path).expect("read"), a);
}

/// What a save records is what it wrote: a later replacement of the same length with the
/// same modification time (another editor's save) is not taken for it.
#[cfg(unix)]
#[test]
fn a_save_knows_its_own_file_from_the_next_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let (a, b) = (big_map_bytes(b'a'), big_map_bytes(b'b'));
    let mine = store::write_checked(&path, &a, Replace::Nothing).expect("save");
    assert_eq!(mine.check(&path), DiskCheck::Unchanged);
    assert!(mine.looks_unchanged(&path));
    let mtime = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    store::write_atomic(&path, &b).expect("the other editor saves");
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(mtime))
        .expect("same mtime");
    assert!(!mine.looks_unchanged(&path));
    assert_eq!(mine.check(&path), DiskCheck::Changed);
    // And a save over "my" version is refused.
    let e = store::write_checked(&path, &a, Replace::Version(&mine)).expect_err("refused");
    assert!(matches!(e, StoreError::ChangedOnDisk { .. }), "{e:?}");
    assert_eq!(fs::read(&path).expect("read"), b);
    fs::remove_file(&path).expect("remove");
    assert_eq!(mine.check(&path), DiskCheck::Deleted);
    let e = store::write_checked(&path, &a, Replace::Version(&mine)).expect_err("refused");
    assert!(
        matches!(e, StoreError::ChangedOnDisk { deleted: true, .. }),
        "{e:?}"
    );
}

/// Another program writes the file while the save formats, writes and syncs: the check
/// right before the rename catches it, and its version stays.
#[test]
fn an_external_write_during_a_save_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    for size in [100, store::WHOLE_CHECK_MAX as usize + 100] {
        let old = vec![b'o'; size];
        fs::write(&path, &old).expect("write");
        let loaded = store::DiskState::of(&path, &old);
        let external = vec![b'e'; size];
        let e =
            store::write_checked_with(&path, b"mine", Replace::Version(&loaded), |file, bytes| {
                // Same length: only the content and the file's times differ.
                fs::write(&path, &external)?;
                file.write_all(bytes)
            })
            .expect_err("the external write is caught");
        assert!(
            matches!(e, StoreError::ChangedOnDisk { .. }),
            "{size}: {e:?}"
        );
        assert_eq!(fs::read(&path).expect("read"), external, "{size}");
        assert_eq!(entries(dir.path()), ["map.ron"], "{size}");
    }
}

/// A file created while a new map is being saved under that name is not replaced.
#[test]
fn a_new_file_is_only_created_not_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let e = store::write_checked_with(&path, b"mine", Replace::Nothing, |file, bytes| {
        fs::write(&path, "theirs")?;
        file.write_all(bytes)
    })
    .expect_err("the file appeared");
    assert!(matches!(e, StoreError::Exists { .. }), "{e:?}");
    assert_eq!(fs::read(&path).expect("read"), b"theirs");
    assert_eq!(entries(dir.path()), ["map.ron"]);
}
