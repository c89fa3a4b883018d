//! Never lose a workshop's work, end to end: `kill -9` and
//! the recovery copy, an unsaved new map, two editors on one file, a file changed on disk
//! while it is open, saves that fail (the folder removed, a read-only file or folder, a
//! full disk) and `--read-only`.
//!
//! Every test has its own folders and its own state folder (recovery copies, locks); every
//! wait polls with a deadline, and a failing test kills its editors when its sessions drop.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use journeymap::model::{Card, Lane, Map};
use journeymap::store::{self, recovery};
use journeymap::templates;
use tempfile::TempDir;

use super::harness::keys::{CTRL_C, CTRL_S, CTRL_U, DOWN, ENTER, ESC, paste};
use super::harness::{Session, TIMEOUT, state_dir};
use super::{
    EXAMPLE, STAGES, assert_canonical, assert_not_on_screen, end_capture, example_copy, load,
    recovery_copies, texts, wait_for_board, wait_saved,
};

/// The recovery copy is updated within two seconds of a change.
const RECOVERY_WITHIN: Duration = Duration::from_secs(2);
/// The editor looks at its file every two seconds; a change must be on the status bar by
/// then (plus a tick and a slow machine's margin).
const NOTICE_WITHIN: Duration = Duration::from_secs(5);

/// The card every test adds: the first stage's second touchpoint.
const CARD: &str = "Sticky note from the wall";

/// A fresh folder with a home (state folder) inside: `(folder, home)`.
fn folder_and_home() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let home = dir.path().join("home");
    (dir, home)
}

/// An editor on `file`, sharing the state under `home`, working in the folder above it.
fn editor(file: &Path, home: &Path) -> Session {
    Session::builder()
        .arg(file)
        .home(home)
        .cwd(home.parent().expect("home has a parent"))
        .spawn()
}

/// `map` with [`CARD`] where `add_card` puts it.
fn with_card(mut map: Map) -> Map {
    let lane = map.stages[0].lane_mut(Lane::Touchpoints);
    let at = lane.len().min(1);
    lane.insert(at, Card::new(CARD));
    map
}

/// `map` with one more vote on the first card, as `+` right after opening gives.
fn with_vote(mut map: Map) -> Map {
    map.stages[0].lane_mut(Lane::Touchpoints)[0].votes += 1;
    map
}

/// Adds [`CARD`] after the selected card (the first one, right after opening).
fn add_card(s: &Session) {
    s.send("a");
    s.wait_for("New touchpoint");
    s.send(CARD);
    s.send(ENTER);
    // Enter opens the next card (quick capture); Esc ends the run.
    end_capture(s);
    // "unsaved" only shows once the card is really on the map, not while it is typed.
    s.wait_for("unsaved");
    s.wait_for(CARD);
}

/// Waits (polling the state folder, not sleeping) until this editor's recovery copy of the
/// map named `key` holds `expected`, and checks that took no longer than the editor promises.
fn wait_for_recovery_copy(s: &Session, home: &Path, key: &str, expected: &Map) -> PathBuf {
    let copy = state_dir(home).join(format!("{key}.{}.ron", s.pid()));
    let took = s.poll_until(
        &format!("the recovery copy {} holds the change", copy.display()),
        TIMEOUT,
        || store::load(&copy).is_ok_and(|map| &map == expected),
    );
    assert!(
        took <= RECOVERY_WITHIN,
        "the recovery copy was written {took:?} after the change; the promise is {RECOVERY_WITHIN:?}"
    );
    copy
}

/// `kill -9`: no handler runs, nothing is written on the way out.
fn kill_9(mut s: Session) {
    s.signal("KILL");
    let status = s.wait_exit(TIMEOUT);
    assert!(!status.success(), "kill -9 ended with {status:?}");
}

/// Quits an editor that has nothing unsaved.
fn quit(mut s: Session) {
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
}

/// Quits an editor with unsaved changes, dropping them.
fn quit_without_saving(mut s: Session) {
    s.send("q");
    s.wait_for("Save changes?");
    s.send("n");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
}

/// Temporary files of `write_atomic` anywhere under `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".journeymap-") || name.ends_with(".tmp") {
            found.push(path.clone());
        }
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            found.extend(temp_files(&path));
        }
    }
    found
}

#[track_caller]
fn assert_no_temp_files(dir: &Path) {
    let left = temp_files(dir);
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

/// After a clean end: no recovery copy, no lock file and no temporary file in the state
/// folder.
#[track_caller]
fn assert_state_clean(home: &Path) {
    assert_eq!(
        recovery_copies(home),
        Vec::<PathBuf>::new(),
        "recovery copies are left after a clean quit"
    );
    let locks: Vec<String> = fs::read_dir(state_dir(home))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".lock"))
                .collect()
        })
        .unwrap_or_default();
    assert!(locks.is_empty(), "lock files are left: {locks:?}");
    assert_no_temp_files(&state_dir(home));
}

/// Whether process `pid` has ended but is not reaped yet (a zombie).
fn is_zombie(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.starts_with(" Z"))
    })
}

/// Names in a folder, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read(file: &Path) -> Vec<u8> {
    fs::read(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()))
}

// 1. kill -9 after an edit: the next start offers the recovery copy, names the difference,
// and `r` brings the work back; saved, it is in the file, and no copy is left.
#[test]
fn kill_9_then_restore_and_save() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let original = read(&file);
    let expected = with_card(load(&file));

    let s = editor(&file, &home);
    wait_for_board(&s);
    add_card(&s);
    let copy = wait_for_recovery_copy(&s, &home, &recovery::key(Some(&file)), &expected);
    kill_9(s);
    assert_eq!(
        read(&file),
        original,
        "kill -9 must leave the map file alone"
    );
    assert!(copy.exists(), "the recovery copy did not outlive kill -9");

    let s = editor(&file, &home);
    s.wait_for("Recovery copy");
    s.wait_for(&format!("1 card added in '{}'", STAGES[0]));
    assert_not_on_screen(&s, "already open", "the killed editor's lock still counts");
    s.send("r");
    s.wait_gone("Recovery copy");
    s.wait_for(CARD);
    s.wait_for("unsaved");
    s.send(CTRL_S);
    wait_saved(&s);
    quit(s);

    assert_eq!(
        assert_canonical(&file),
        expected,
        "the restored card was not saved"
    );
    assert_state_clean(&home);
    assert_no_temp_files(dir.path());
}

// 1a. Text still being typed (no Enter yet) is in the recovery copy too: a facilitator
// typing when the terminal dies does not lose the sentence.
#[test]
fn kill_9_while_typing_keeps_the_text_being_typed() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let expected = with_card(load(&file));

    let s = editor(&file, &home);
    wait_for_board(&s);
    s.send("a");
    s.wait_for("New touchpoint");
    s.send(CARD);
    // The input scrolls sideways: its last letters are what shows.
    s.wait_for(&CARD[CARD.len() - 12..CARD.len() - 1]);
    wait_for_recovery_copy(&s, &home, &recovery::key(Some(&file)), &expected);
    kill_9(s);

    let s = editor(&file, &home);
    s.wait_for("Recovery copy");
    s.wait_for(&format!("1 card added in '{}'", STAGES[0]));
    s.send("r");
    s.wait_gone("Recovery copy");
    s.wait_for(CARD);
    s.send(CTRL_S);
    wait_saved(&s);
    quit(s);
    assert_eq!(assert_canonical(&file), expected);
    assert_state_clean(&home);
    assert_no_temp_files(dir.path());
}

// 1b. Esc keeps the copy (it is offered again on the next start); `d` discards it and the
// file stays as it was.
#[test]
fn kill_9_then_decide_later_then_discard() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let original = read(&file);

    let s = editor(&file, &home);
    wait_for_board(&s);
    add_card(&s);
    let copy = wait_for_recovery_copy(
        &s,
        &home,
        &recovery::key(Some(&file)),
        &with_card(load(&file)),
    );
    kill_9(s);

    // Esc: decide later.
    let s = editor(&file, &home);
    s.wait_for("Recovery copy");
    s.send(ESC);
    s.wait_gone("Recovery copy");
    s.wait_for("recovery copy is kept");
    assert_not_on_screen(&s, CARD, "after Esc the board should be the file's");
    assert_not_on_screen(&s, "unsaved", "after Esc nothing is changed");
    quit(s);
    assert!(copy.exists(), "Esc (decide later) lost the recovery copy");

    // Offered again; `d` only asks (a word typed ahead must not discard it), `Y` discards.
    let s = editor(&file, &home);
    s.wait_for("Recovery copy");
    s.wait_for(&format!("1 card added in '{}'", STAGES[0]));
    s.send("d");
    s.wait_for("discards this copy for good");
    assert!(copy.exists(), "d alone discarded the copy");
    s.send("Y");
    s.wait_gone("Recovery copy");
    s.poll_until("the discarded copy is deleted", TIMEOUT, || !copy.exists());
    assert_not_on_screen(&s, CARD, "the discarded card is on the board");
    assert_not_on_screen(&s, "unsaved", "discarding changed the map");
    quit(s);
    assert_eq!(read(&file), original, "discarding changed the file");
    assert_state_clean(&home);

    // And it is not offered again.
    let s = editor(&file, &home);
    wait_for_board(&s);
    assert_not_on_screen(&s, "Recovery copy", "a discarded copy is offered again");
    quit(s);
}

// 1d. Two copies from two killed sessions (the first kept with Esc): each is offered in
// turn, newest first; discarding one does not delete the other.
#[test]
fn two_leftover_copies_are_offered_one_after_the_other() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let key = recovery::key(Some(&file));
    let original = load(&file);

    // First session: a vote, killed.
    let s = editor(&file, &home);
    wait_for_board(&s);
    s.send("+");
    s.wait_for("unsaved");
    wait_for_recovery_copy(&s, &home, &key, &with_vote(load(&file)));
    kill_9(s);

    // Second: decide later, add a card, killed.
    let s = editor(&file, &home);
    s.wait_for("Recovery copy");
    s.send(ESC);
    s.wait_gone("Recovery copy");
    add_card(&s);
    wait_for_recovery_copy(&s, &home, &key, &with_card(load(&file)));
    kill_9(s);

    // Third: the card (newest) is offered first; `d` discards it and the vote is offered.
    let s = editor(&file, &home);
    s.wait_for("Recovery copy");
    s.wait_for(&format!("1 card added in '{}'", STAGES[0]));
    s.send("dY");
    s.wait_for(&format!("1 card edited in '{}'", STAGES[0]));
    s.send("r");
    s.wait_gone("Recovery copy");
    s.wait_for("unsaved");
    s.send(CTRL_S);
    wait_saved(&s);
    quit(s);
    assert_eq!(assert_canonical(&file), with_vote(original));
    assert_state_clean(&home);
}

// 1e. A map that no longer loads (a bad merge) while a recovery copy waits: the error
// says the work is kept, and once the file is fixed the copy is offered.
#[test]
fn a_broken_file_with_a_recovery_copy_says_the_work_is_kept() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let original = read(&file);
    let s = editor(&file, &home);
    wait_for_board(&s);
    add_card(&s);
    wait_for_recovery_copy(
        &s,
        &home,
        &recovery::key(Some(&file)),
        &with_card(load(&file)),
    );
    kill_9(s);

    let mut merged = b"<<<<<<< HEAD\n".to_vec();
    merged.extend_from_slice(&original);
    fs::write(&file, &merged).expect("write the bad merge");
    let mut s = editor(&file, &home);
    let status = s.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 1, "exit status {status:?}");
    let shown = s.raw_text();
    assert!(shown.contains(": error:"), "{shown}");
    assert!(
        shown.contains("unsaved work on this map is kept in a recovery copy"),
        "{shown}"
    );

    fs::write(&file, &original).expect("fix the file");
    let s = editor(&file, &home);
    s.wait_for("Recovery copy");
    s.wait_for(&format!("1 card added in '{}'", STAGES[0]));
    s.send("dY");
    s.wait_gone("Recovery copy");
    quit(s);
    assert_state_clean(&home);
}

// 1c. Restoring deletes the old copy: the restored work must be on disk again (as this
// editor's own copy) before the old one goes, or a kill right after restoring loses it.
#[test]
fn a_kill_right_after_restoring_still_keeps_the_work() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let expected = with_card(load(&file));

    let s = editor(&file, &home);
    wait_for_board(&s);
    add_card(&s);
    wait_for_recovery_copy(&s, &home, &recovery::key(Some(&file)), &expected);
    kill_9(s);

    // Restore at once, and be killed at once (a second crash, the laptop lid...).
    let s = editor(&file, &home);
    s.wait_for("Recovery copy");
    s.send("r");
    s.wait_gone("Recovery copy");
    s.wait_for(CARD);
    kill_9(s);

    let s = editor(&file, &home);
    // The status bar is the last row drawn: once it shows either mode's keys, the whole
    // first frame (dialog included, if any) is on screen.
    s.wait_until(
        "the first frame, with or without a recovery dialog",
        TIMEOUT,
        |screen| screen.contains("decide later") || screen.contains("? help"),
    );
    if !s.screen_text().contains("Recovery copy") {
        s.fail(&format!(
            "the restored work is lost: after `r` and a kill, no recovery copy is offered \
             (copies in the state folder: {:?})",
            recovery_copies(&home)
        ));
    }
    s.send("r");
    s.wait_for(CARD);
    quit_without_saving(s);
}

// 2. A new map that was never saved, killed with -9: the next plain `journeymap` offers it.
#[test]
fn an_unsaved_new_map_is_offered_after_kill_9() {
    let (dir, home) = folder_and_home();
    let start = || Session::builder().cwd(dir.path()).home(&home).spawn();
    let expected = with_card(templates::default_map());
    let first_stage = expected.stages[0].name.clone();

    let s = start();
    s.wait_for("new map");
    add_card(&s);
    wait_for_recovery_copy(&s, &home, &recovery::key(None), &expected);
    kill_9(s);

    let s = start();
    s.wait_for("Recovery copy");
    s.wait_for(&format!("1 card added in '{first_stage}'"));
    s.send("r");
    s.wait_gone("Recovery copy");
    s.wait_for(CARD);
    s.wait_for("unsaved");
    s.send(CTRL_S);
    s.wait_for("Save as");
    s.send("rescued");
    s.send(ENTER);
    wait_saved(&s);
    quit(s);

    let saved = assert_canonical(&dir.path().join("rescued.ron"));
    assert_eq!(saved, expected, "the rescued new map was not saved whole");
    assert_state_clean(&home);
}

// 3. Two editors on one file: the second is told, with the first one's process id; once
// the first has quit (or was killed: the OS frees its lock) a new editor opens plainly.
#[test]
fn the_lock_is_seen_while_held_and_gone_after_the_first_editor_ends() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let original = read(&file);

    let first = editor(&file, &home);
    wait_for_board(&first);
    let mut second = editor(&file, &home);
    second.wait_for("already open");
    second.wait_for(&first.pid().to_string());
    second.send("q");
    let status = second.wait_exit(TIMEOUT);
    assert!(
        status.success(),
        "q in 'already open' ended with {status:?}"
    );
    quit(first);

    // The first one quit: no dialog.
    let third = editor(&file, &home);
    wait_for_board(&third);
    assert_not_on_screen(&third, "already open", "the lock outlived a clean quit");
    assert_not_on_screen(&third, "[read-only]", "the third editor is read-only");

    // While the third holds the lock, "open anyway" gives a normal editor.
    let fourth = editor(&file, &home);
    fourth.wait_for("already open");
    fourth.wait_for(&third.pid().to_string());
    fourth.send("o");
    fourth.wait_gone("already open");
    assert_not_on_screen(&fourth, "[read-only]", "'open anyway' opened read-only");
    fourth.send("+");
    fourth.wait_for("unsaved");
    wait_for_recovery_copy(
        &fourth,
        &home,
        &recovery::key(Some(&file)),
        &with_vote(load(&file)),
    );

    // The third one is killed: its lock dies with it, and the fourth one, still running,
    // takes it over within a few seconds, so a fifth editor is told about the fourth.
    kill_9(third);
    let lock_file = state_dir(&home).join(format!("{}.lock", recovery::key(Some(&file))));
    fourth.poll_until(
        "the editor opened anyway takes the lock over",
        TIMEOUT,
        || fs::read_to_string(&lock_file).is_ok_and(|pid| pid.trim() == fourth.pid().to_string()),
    );
    let mut fifth = editor(&file, &home);
    fifth.wait_for("already open");
    fifth.wait_for(&fourth.pid().to_string());
    fifth.send("q");
    assert!(fifth.wait_exit(TIMEOUT).success());
    quit_without_saving(fourth);

    // All gone: the next editor opens plainly, with nothing to offer.
    let sixth = editor(&file, &home);
    wait_for_board(&sixth);
    assert_not_on_screen(&sixth, "already open", "a lock outlived its editors");
    assert_not_on_screen(
        &sixth,
        "Recovery copy",
        "a copy outlived quitting without saving",
    );
    quit(sixth);

    assert_eq!(read(&file), original);
    assert_state_clean(&home);
}

// 3b. A map saved under a new name takes its lock along: a second editor on the new
// file is told.
#[test]
fn a_map_saved_under_a_new_name_is_locked_under_it() {
    let (dir, home) = folder_and_home();
    let first = Session::builder().cwd(dir.path()).home(&home).spawn();
    first.wait_for("new map");
    add_card(&first);
    first.send(CTRL_S);
    first.wait_for("Save as");
    first.send("named");
    first.send(ENTER);
    wait_saved(&first);

    let file = dir.path().join("named.ron");
    let mut second = editor(&file, &home);
    second.wait_for("already open");
    second.wait_for(&first.pid().to_string());
    second.send("q");
    assert!(second.wait_exit(TIMEOUT).success());
    quit(first);
    assert_state_clean(&home);
}

/// The example with one card's text changed to text of the same length.
fn external_version(file: &Path) -> Vec<u8> {
    let text = String::from_utf8(read(file)).expect("the example is UTF-8");
    let changed = text.replacen("Colleague", "Coworkers", 1);
    assert!(
        changed != text && changed.len() == text.len(),
        "the external change must differ and keep the length"
    );
    changed.into_bytes()
}

/// Opens the example, votes (an unsaved change), then rewrites the file underneath as
/// another program would: the status bar says so within a few seconds, and Ctrl-s asks
/// instead of writing. Returns the editor in the "Changed on disk" dialog and what the
/// file now holds.
fn edit_while_the_file_changes(file: &Path, home: &Path) -> (Session, Vec<u8>) {
    let s = editor(file, home);
    wait_for_board(&s);
    s.send("+");
    s.wait_for("unsaved");

    let external = external_version(file);
    fs::write(file, &external).expect("rewrite the map underneath the editor");
    s.wait_for_within("changed on disk", NOTICE_WITHIN);

    s.send(CTRL_S);
    s.wait_for("Changed on disk");
    assert_eq!(
        read(file),
        external,
        "Ctrl-s wrote over a file that changed on disk"
    );
    (s, external)
}

// 4. `o` overwrites (and Esc before it saves nothing).
#[test]
fn changed_on_disk_esc_then_overwrite() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let mine = with_vote(load(&file));
    let (s, external) = edit_while_the_file_changes(&file, &home);

    s.send(ESC);
    s.wait_gone("Changed on disk");
    s.wait_for("not saved");
    s.wait_for("unsaved");
    assert_eq!(read(&file), external, "Esc in the dialog wrote the file");

    s.send(CTRL_S);
    s.wait_for("Changed on disk");
    s.send("o");
    s.wait_gone("Changed on disk");
    wait_saved(&s);
    quit(s);

    assert_eq!(
        assert_canonical(&file),
        mine,
        "`o` did not write my version"
    );
    assert_state_clean(&home);
    assert_no_temp_files(dir.path());
}

// 4b. `r` reloads: the other version is on the board, mine is gone, nothing is written.
#[test]
fn changed_on_disk_reload() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let (s, external) = edit_while_the_file_changes(&file, &home);

    s.send("r");
    s.wait_gone("Changed on disk");
    s.wait_for("Coworkers mentions");
    s.wait_gone("unsaved");
    assert_not_on_screen(&s, "Colleague", "the old text is still on the board");
    quit(s);

    assert_eq!(read(&file), external, "reloading wrote the file");
    assert_state_clean(&home);
    assert_no_temp_files(dir.path());
}

// 4c. `s` saves my version under another name and leaves the changed file alone.
#[test]
fn changed_on_disk_save_as() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let mine = with_vote(load(&file));
    let (s, external) = edit_while_the_file_changes(&file, &home);

    let other = dir.path().join("mine.ron");
    s.send("s");
    s.wait_for("Save as");
    s.send(&other.display().to_string());
    s.send(ENTER);
    wait_saved(&s);
    quit(s);

    assert_eq!(read(&file), external, "save as wrote the changed file");
    assert_eq!(
        assert_canonical(&other),
        mine,
        "save as did not write my version"
    );
    assert_state_clean(&home);
    assert_no_temp_files(dir.path());
}

// 4d. A change of the same length that keeps the modification time (a coarse-timestamp
// file system, `cp -p`, `rsync -t`): the status bar still tells, and the save still asks,
// because the content decides.
#[test]
fn a_same_length_same_mtime_change_still_stops_the_save() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let mtime = fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("modification time");
    let s = editor(&file, &home);
    wait_for_board(&s);
    s.send("+");
    s.wait_for("unsaved");

    let external = external_version(&file);
    fs::write(&file, &external).expect("rewrite the map");
    fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(mtime))
        .expect("keep the modification time");
    s.wait_for_within("changed on disk", NOTICE_WITHIN);

    s.send(CTRL_S);
    s.wait_for("Changed on disk");
    assert_eq!(read(&file), external, "the save overwrote the changed file");
    s.send(ESC);
    s.wait_for("not saved");
    quit_without_saving(s);
    assert_eq!(read(&file), external);
    assert_no_temp_files(dir.path());
}

// 5. The map's folder is removed while the editor is open: saving fails with a clear
// message, the edits stay on the board, nothing is left behind, and they can still be
// saved elsewhere.
#[test]
fn saving_into_a_removed_folder_fails_cleanly_and_keeps_the_edits() {
    let (dir, home) = folder_and_home();
    let folder = dir.path().join("workshop");
    fs::create_dir(&folder).expect("map folder");
    let file = folder.join("map.ron");
    fs::copy(EXAMPLE, &file).expect("copy the example");
    let expected = with_card(load(&file));

    let s = editor(&file, &home);
    wait_for_board(&s);
    add_card(&s);
    fs::remove_dir_all(&folder).expect("remove the map's folder");

    s.send(CTRL_S);
    s.wait_until(
        "the save fails or asks (the file is gone)",
        TIMEOUT,
        |screen| screen.contains("not saved") || screen.contains("Deleted on disk"),
    );
    if s.screen_text().contains("Deleted on disk") {
        // The file vanished, and the dialog says so: insist on writing it again.
        s.send("o");
        s.wait_gone("Deleted on disk");
    }
    s.wait_for("not saved:");
    s.wait_for("no such file or folder");
    s.wait_for("changes are kept");
    s.wait_for(CARD);
    s.wait_for("unsaved");
    assert!(!folder.exists(), "the failed save recreated the folder");
    assert_no_temp_files(dir.path());

    // The edits are not lost: save them under another name.
    let rescued = dir.path().join("rescued.ron");
    s.send(CTRL_S);
    s.wait_for("Deleted on disk");
    s.send("s");
    s.wait_for("Save as");
    s.send(&rescued.display().to_string());
    s.send(ENTER);
    wait_saved(&s);
    quit(s);

    assert_eq!(assert_canonical(&rescued), expected);
    assert_state_clean(&home);
    assert_no_temp_files(dir.path());
}

/// A file or folder made read-only for the length of a test, undone on drop (also when the
/// test fails, so the temporary folder can be removed).
struct ReadOnly {
    path: PathBuf,
    mode: u32,
    immutable: bool,
}

impl ReadOnly {
    /// `chmod a-w`; where that does not stop this process (root ignores permission bits),
    /// the immutable attribute, which stops root too. `None`, with a note, when nothing
    /// here can make `path` read-only: the test is then skipped, not faked.
    fn make(path: &Path, writes_refused: impl Fn() -> bool) -> Option<ReadOnly> {
        let mode = fs::metadata(path).expect("metadata").permissions().mode() & 0o7777;
        let mut guard = ReadOnly {
            path: path.to_path_buf(),
            mode,
            immutable: false,
        };
        fs::set_permissions(path, fs::Permissions::from_mode(mode & !0o222)).expect("chmod");
        if writes_refused() {
            return Some(guard);
        }
        guard.immutable = Command::new("chattr")
            .arg("+i")
            .arg(path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if guard.immutable && writes_refused() {
            return Some(guard);
        }
        eprintln!(
            "note: {} cannot be made read-only for this process here (root, and no \
             `chattr +i`): test skipped",
            path.display()
        );
        None
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.immutable {
            let _ = Command::new("chattr")
                .arg("-i")
                .arg(&self.path)
                .stderr(Stdio::null())
                .status();
        }
        let _ = fs::set_permissions(&self.path, fs::Permissions::from_mode(self.mode));
    }
}

/// Adds a card, saves, and expects the save to fail with a message while the old file, the
/// folder and the edits stay as they were.
fn save_is_refused(file: &Path, home: &Path, what: &str) {
    let folder = file.parent().expect("folder");
    let original = read(file);
    let names = entries(folder);

    let s = editor(file, home);
    wait_for_board(&s);
    // The editor says at once that this map cannot be saved where it is.
    s.wait_for("Ctrl-s will ask where to save");
    add_card(&s);
    s.send(CTRL_S);
    s.wait_for("Save as");
    assert_eq!(read(file), original, "{what}: the old file changed");
    assert_eq!(entries(folder), names, "{what}: the folder changed");
    // The work leaves through another name.
    let rescued = home.join("rescued.ron");
    s.send(CTRL_U);
    s.send(&rescued.display().to_string());
    s.send(ENTER);
    wait_saved(&s);
    let saved = load(&rescued);
    assert!(
        texts(&saved, 0, Lane::Touchpoints).contains(&CARD),
        "{what}: the card was not saved under the new name"
    );
    assert_eq!(read(file), original, "{what}: the old file changed");
    assert_eq!(entries(folder), names, "{what}: the folder changed");
    quit(s);
    assert_state_clean(home);
}

// 5b. A read-only folder.
#[test]
fn saving_into_a_read_only_folder_fails_cleanly() {
    let (dir, home) = folder_and_home();
    let folder = dir.path().join("locked");
    fs::create_dir(&folder).expect("folder");
    let file = folder.join("map.ron");
    fs::copy(EXAMPLE, &file).expect("copy the example");
    let probe = folder.join("probe");
    let Some(_read_only) = ReadOnly::make(&folder, || {
        let refused = fs::write(&probe, "x").is_err();
        let _ = fs::remove_file(&probe);
        refused
    }) else {
        return;
    };
    save_is_refused(&file, &home, "into a read-only folder");
}

// 5c. A read-only file (in a writable folder).
#[test]
fn saving_over_a_read_only_file_fails_cleanly() {
    let (dir, home) = folder_and_home();
    let folder = dir.path().join("maps");
    fs::create_dir(&folder).expect("folder");
    let file = folder.join("map.ron");
    fs::copy(EXAMPLE, &file).expect("copy the example");
    let Some(_read_only) = ReadOnly::make(&file, || {
        fs::File::options().append(true).open(&file).is_err()
    }) else {
        return;
    };
    save_is_refused(&file, &home, "over a read-only file");
}

/// How to run a command in a private mount namespace where it may mount a tmpfs: as root
/// `unshare -m`, otherwise in a user namespace; `None` where neither is allowed.
fn private_mount_namespace() -> Option<Vec<&'static str>> {
    let probe = tempfile::tempdir().ok()?;
    [vec!["unshare", "-m"], vec!["unshare", "-r", "-m"]]
        .into_iter()
        .find(|wrapper| {
            Command::new(wrapper[0])
                .args(&wrapper[1..])
                .args(["sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\""])
                .arg(probe.path())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

// 5d. A real full disk: the editor runs in its own mount namespace, its map on a small
// tmpfs filled to the last byte. (The test reaches the files through /proc/PID/root.)
// Where namespaces are not allowed, tests/format/store.rs covers the same with an injected
// writer.
#[test]
fn saving_on_a_full_disk_fails_cleanly_and_works_once_there_is_room() {
    let Some(wrapper) = private_mount_namespace() else {
        eprintln!("note: no private mount namespace here (unshare): full-disk test skipped");
        return;
    };
    let (dir, home) = folder_and_home();
    let seed = dir.path().join("seed.ron");
    fs::copy(EXAMPLE, &seed).expect("copy the example");
    let mount = dir.path().join("disk");
    fs::create_dir(&mount).expect("mount point");
    let expected = with_card(load(&seed));

    const SCRIPT: &str = r#"set -e
mount -t tmpfs -o size=256k tmpfs "$JM_DISK"
cp "$JM_SEED" "$JM_DISK/map.ron"
dd if=/dev/zero of="$JM_DISK/fill" bs=4k 2>/dev/null || true
exec "$@""#;
    let mut via = wrapper;
    via.extend(["sh", "-c", SCRIPT, "sh"]);
    let s = Session::builder()
        .via(via)
        .arg(mount.join("map.ron"))
        .env("JM_DISK", &mount.display().to_string())
        .env("JM_SEED", &seed.display().to_string())
        .home(&home)
        .cwd(dir.path())
        .spawn();
    wait_for_board(&s);
    // The editor's view of the disk, from outside its namespace.
    let disk = PathBuf::from(format!("/proc/{}/root", s.pid()))
        .join(mount.strip_prefix("/").expect("absolute"));
    let file = disk.join("map.ron");
    assert_eq!(
        entries(&disk),
        ["fill", "map.ron"],
        "the disk was not set up"
    );

    add_card(&s);
    s.send(CTRL_S);
    s.wait_for("not saved:");
    s.wait_for("the disk is full");
    s.wait_for("changes are kept");
    s.wait_for(CARD);
    s.wait_for("unsaved");
    assert_eq!(
        read(&file),
        read(&seed),
        "the full disk damaged the old file"
    );
    assert_eq!(
        entries(&disk),
        ["fill", "map.ron"],
        "the failed save left files behind"
    );

    // Room again: the same editor saves the same edits.
    fs::remove_file(disk.join("fill")).expect("free the disk");
    s.send(CTRL_S);
    wait_saved(&s);
    assert_eq!(assert_canonical(&file), expected);
    assert_eq!(entries(&disk), ["map.ron"]);
    quit(s);
    assert_state_clean(&home);
}

// 6. `journeymap edit FILE --read-only`: every editing key says "read-only", nothing is
// written, and no lock is taken (a normal editor opens alongside without a dialog).
#[test]
fn edit_read_only_refuses_edits_and_takes_no_lock() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let original = read(&file);

    let s = Session::builder()
        .arg("edit")
        .arg(&file)
        .arg("--read-only")
        .home(&home)
        .cwd(dir.path())
        .spawn();
    wait_for_board(&s);
    s.wait_for("[read-only]");

    let pasted = paste("pasted card");
    let keys: [(&str, &str); 15] = [
        ("a", "add a card"),
        ("e", "edit the text"),
        (ENTER, "edit the text"),
        ("E", "edit the notes"),
        ("c", "edit the channel"),
        ("d", "delete"),
        ("+", "vote"),
        ("-", "vote down"),
        ("L", "move the card"),
        ("u", "undo"),
        ("r", "rename the stage"),
        ("S", "stage menu"),
        ("p", "persona"),
        ("T", "title"),
        (&pasted, "paste"),
    ];
    for (key, what) in keys.into_iter().chain([(CTRL_S, "save")]) {
        s.send(key);
        s.wait_until(&format!("{what} says read-only"), TIMEOUT, |screen| {
            screen.contains("read-only:")
        });
        for opened in ["New touchpoint", "Editing the card", "Save as", "Persona"] {
            assert_not_on_screen(&s, opened, &format!("read-only: {what} opened an input"));
        }
        // Any other key clears the message, so the next one must show it anew.
        s.send(DOWN);
        s.wait_gone("read-only:");
    }
    assert_not_on_screen(&s, "unsaved", "read-only: the map changed");
    assert_not_on_screen(&s, "pasted card", "read-only: the paste was added");

    let other = editor(&file, &home);
    wait_for_board(&other);
    assert_not_on_screen(&other, "already open", "--read-only took the lock");
    assert_not_on_screen(&other, "[read-only]", "the normal editor is read-only");
    quit(other);
    quit(s);

    assert_eq!(read(&file), original, "--read-only wrote the file");
    assert_eq!(entries(dir.path()), ["home", "trial-signup.ron"]);
    assert_state_clean(&home);
}

// 1e. The terminal is closed and the map opened again at once, before the old editor is
// reaped (it is a zombie that still bears the editor's name): its copy is offered.
#[cfg(target_os = "linux")]
#[test]
fn reopening_right_after_the_terminal_closed_offers_the_copy() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let expected = with_card(load(&file));
    let mut first = editor(&file, &home);
    wait_for_board(&first);
    add_card(&first);
    wait_for_recovery_copy(&first, &home, &recovery::key(Some(&file)), &expected);
    let pid = first.pid();
    first.signal("HUP");
    // Not reaped: the harness waits on it only at the end, as a terminal may do.
    first.poll_until("the closed editor has ended", TIMEOUT, || is_zombie(pid));

    let second = editor(&file, &home);
    second.wait_for("Recovery copy");
    assert_not_on_screen(
        &second,
        "already open",
        "the ended editor's lock still counts",
    );
    second.send("r");
    second.wait_gone("Recovery copy");
    second.wait_for(CARD);
    second.send(CTRL_S);
    wait_saved(&second);
    quit(second);
    assert!(!first.wait_exit(TIMEOUT).success());

    assert_eq!(assert_canonical(&file), expected);
    assert_state_clean(&home);
    assert_no_temp_files(dir.path());
}

/// A map over 1 MB (the size above which the periodic check reads the file only when the
/// file system says it changed): the second stage's touchpoints hold long cards.
fn big_map() -> Map {
    let mut map = load(Path::new(EXAMPLE));
    let lane = map.stages[1].lane_mut(Lane::Touchpoints);
    for i in 0..8000 {
        lane.push(Card::new(format!(
            "Card {i:05} from a long wall of sticky notes that the room wrote during the whole afternoon, one after the other, without a pause"
        )));
    }
    map
}

/// Adds a card with `text` after the selected card.
fn add_card_with(s: &Session, text: &str) {
    s.send("a");
    s.wait_for("New touchpoint");
    s.send(text);
    s.send(ENTER);
    end_capture(s);
    s.wait_for("unsaved");
    s.wait_for(text);
}

// 3c. Two editors on one big map (the second opened anyway), each adds a card, and both
// save within milliseconds: one saves, the other is told the file changed on disk; never
// do both say "saved" with one card lost. When the second then overwrites, the first
// notices, and quitting it asks.
#[test]
fn two_editors_saving_at_once_never_both_say_saved() {
    let (dir, home) = folder_and_home();
    let file = dir.path().join("big.ron");
    store::save(&file, &big_map()).expect("write the big map");
    let size = fs::metadata(&file).expect("stat").len();
    assert!(
        size > store::WHOLE_CHECK_MAX,
        "the map is only {size} bytes"
    );

    let a = editor(&file, &home);
    wait_for_board(&a);
    let b = editor(&file, &home);
    b.wait_for("already open");
    b.send("o");
    b.wait_gone("already open");
    wait_for_board(&b);
    add_card_with(&a, "Card from A");
    add_card_with(&b, "Card from B");

    a.send(CTRL_S);
    b.send(CTRL_S);
    let saved = |s: &Session| {
        let screen = s.screen_text();
        screen.contains("saved ") && !screen.contains("unsaved")
    };
    let asks = |s: &Session| s.screen_text().contains("Changed on disk");
    a.poll_until("one editor saves and the other asks", TIMEOUT, || {
        (saved(&a) && asks(&b)) || (saved(&b) && asks(&a))
    });
    let (winner, loser, card, lost) = if saved(&a) {
        (a, b, "Card from A", "Card from B")
    } else {
        (b, a, "Card from B", "Card from A")
    };
    let on_disk = load(&file);
    let touchpoints = texts(&on_disk, 0, Lane::Touchpoints);
    assert!(touchpoints.contains(&card), "{card} is not saved");
    assert!(
        !touchpoints.contains(&lost),
        "{lost} is saved though its editor asks"
    );

    // The one that was told keeps its card and asks before quitting.
    loser.send(ESC);
    loser.wait_for("not saved");
    loser.send("q");
    loser.wait_for("Save changes?");
    loser.send(ESC);
    loser.wait_gone("Save changes?");
    // It overwrites: now the first one's card is gone from the file...
    loser.send(CTRL_S);
    loser.wait_for("Changed on disk");
    loser.send("o");
    wait_saved(&loser);
    // ...and the first one notices, and does not quit without asking.
    winner.wait_for_within("changed on disk", NOTICE_WITHIN);
    winner.wait_for("unsaved");
    winner.send("q");
    winner.wait_for("Save changes?");
    winner.send("n");
    let mut winner = winner;
    assert!(winner.wait_exit(TIMEOUT).success());
    quit(loser);

    let touchpoints_now = texts(&load(&file), 0, Lane::Touchpoints)
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    assert!(
        touchpoints_now.iter().any(|t| t == lost),
        "the overwrite is not on disk"
    );
    assert_no_temp_files(dir.path());
    assert_state_clean(&home);
}

// A map opened where its folder does not exist: the editor says so at once, Ctrl-s asks for
// a name, a pasted name with line breaks is joined and shown before anything is written,
// Ctrl-c on typed text asks before throwing it away, and the work leaves under a name.
#[test]
fn a_map_in_a_missing_folder_leaves_by_save_as() {
    let (dir, home) = folder_and_home();
    let file = dir.path().join("no/such/folder/map.ron");
    let s = editor(&file, &home);
    s.wait_for("this folder does not exist: Ctrl-s will ask where to save");
    add_card(&s);

    // Ctrl-c in a text input with typed text asks first; the text stays.
    s.send("a");
    s.wait_for("New touchpoint");
    s.send("Half a thought");
    s.wait_for("Half a thought");
    s.send(CTRL_C);
    s.wait_for("Esc or Ctrl-c again throws away what you typed");
    s.wait_for("Half a thought");
    s.send(ESC);
    s.wait_for("a add");

    s.send(CTRL_S);
    s.wait_for("Save as");
    s.send(CTRL_U);
    s.send(&paste("rescued\nmap"));
    s.send(ENTER);
    s.wait_for("cannot hold a line break");
    s.wait_for("rescued map");
    assert!(
        entries(home.parent().expect("cwd"))
            .iter()
            .all(|n| !n.contains('\n')),
        "a file name with a line break was written"
    );
    s.send(ENTER);
    wait_saved(&s);
    let saved = load(&home.parent().expect("cwd").join("rescued map.ron"));
    assert!(texts(&saved, 0, Lane::Touchpoints).contains(&CARD));
    assert!(!file.exists());
    quit(s);
    assert_state_clean(&home);
}

// The file was deleted while open: Ctrl-s offers to write it again or elsewhere, never to
// reload a file that is not there.
#[test]
fn saving_a_deleted_file_offers_no_reload() {
    let (dir, home) = folder_and_home();
    let file = dir.path().join("map.ron");
    fs::copy(EXAMPLE, &file).expect("copy the example");
    let expected = with_card(load(&file));

    let s = editor(&file, &home);
    wait_for_board(&s);
    add_card(&s);
    fs::remove_file(&file).expect("delete the map");
    s.wait_for_within("deleted on disk", NOTICE_WITHIN);

    s.send(CTRL_S);
    s.wait_for("Deleted on disk");
    assert_not_on_screen(&s, "reload", "a deleted file has nothing to reload");
    s.send("o");
    wait_saved(&s);
    quit(s);
    assert_eq!(assert_canonical(&file), expected);
}

// 1f. Reopened at once after the terminal closed, not waiting for the old editor to end: it
// (saving its recovery copy); the new one waits for it and offers the copy, instead of
// calling the map open elsewhere.
#[test]
fn reopening_right_after_the_terminal_closed_offers_the_recovery_copy() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let expected = with_card(load(&file));
    let mut s = editor(&file, &home);
    wait_for_board(&s);
    add_card(&s);
    wait_for_recovery_copy(&s, &home, &recovery::key(Some(&file)), &expected);
    s.signal("HUP");
    let again = editor(&file, &home);
    again.wait_for("Recovery copy");
    assert_not_on_screen(
        &again,
        "already open",
        "the ending editor was taken as running",
    );
    s.wait_exit(TIMEOUT);
    again.send("r");
    again.wait_for(CARD);
    again.send(CTRL_S);
    wait_saved(&again);
    quit(again);
    assert_eq!(assert_canonical(&file), expected);
}

// 1g. "Open anyway" next to an editor that then dies: once its lock is free, its recovery
// copy is offered, without reopening.
#[test]
fn open_anyway_offers_the_recovery_copy_once_the_other_editor_is_gone() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let expected = with_card(load(&file));
    let first = editor(&file, &home);
    wait_for_board(&first);
    add_card(&first);
    wait_for_recovery_copy(&first, &home, &recovery::key(Some(&file)), &expected);

    let second = editor(&file, &home);
    second.wait_for("already open");
    second.send("o");
    second.wait_gone("already open");
    kill_9(first);
    second.wait_for("Recovery copy");
    second.send("r");
    second.wait_for(CARD);
    second.send(CTRL_S);
    wait_saved(&second);
    quit(second);
    assert_eq!(assert_canonical(&file), expected);
}

// A recovery copy that could not be written (here a folder is in its way, as a full disk
// would refuse it) is written again once it can be, with no further key: the work is not
// left unprotected until the next edit.
#[test]
fn a_recovery_copy_that_failed_is_written_once_it_can_be() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let expected = with_card(load(&file));
    let s = editor(&file, &home);
    wait_for_board(&s);
    let copy = state_dir(&home).join(format!("{}.{}.ron", recovery::key(Some(&file)), s.pid()));
    fs::create_dir_all(copy.join("in the way")).expect("a folder where the copy goes");
    add_card(&s);
    s.wait_for("the recovery copy could not be written");
    fs::remove_dir_all(&copy).expect("clear the way");
    s.poll_until("the copy is written again", TIMEOUT, || {
        store::load(&copy).is_ok_and(|map| map == expected)
    });
    quit_without_saving(s);
    assert_state_clean(&home);
}

#[test]
fn opening_asks_the_terminal_nothing_it_might_not_answer() {
    // A terminal that does not answer a cursor-position request (some emulators, some
    // pipes and recorders) would keep the editor from opening for seconds, then fail.
    let s = Session::builder().size(100, 30).spawn();
    wait_for_board(&s);
    assert!(
        super::harness::find(&s.raw_output(), b"\x1b[6n").is_none(),
        "the editor asked for the cursor position while opening"
    );
}
