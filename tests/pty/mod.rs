//! End-to-end: the real binary in a real pseudo-terminal, driven by keys, checked on the
//! screen, in the raw output and in the files it writes.

mod board;
pub(crate) mod harness;
mod input;
mod projector;
mod safety;
mod voting;

use std::path::{Path, PathBuf};

use harness::keys::{CTRL_C, CTRL_R, CTRL_S, DOWN, ENTER, ESC, paste};
use harness::{Session, TIMEOUT, find, rfind, seq};
use journeymap::model::{Card, Lane, Map};
use journeymap::{format, store};
use tempfile::TempDir;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/examples/trial-signup.ron"
);

const STAGES: [&str; 5] = [
    "Awareness & Discovery",
    "Research & Consideration",
    "Purchase & Onboarding",
    "Retention & Loyalty",
    "Advocacy & Referrals",
];

/// A copy of the example map in a fresh folder.
fn example_copy() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("trial-signup.ron");
    std::fs::copy(EXAMPLE, &file).expect("copy the example map");
    (dir, file)
}

fn load(file: &Path) -> Map {
    store::load(file).unwrap_or_else(|e| panic!("{} does not load: {e:?}", file.display()))
}

/// The file on disk is exactly the canonical form of the map it holds.
fn assert_canonical(file: &Path) -> Map {
    let map = load(file);
    let text = std::fs::read_to_string(file).expect("read the saved map");
    assert_eq!(
        format::to_string(&map),
        text,
        "{} is not in canonical form",
        file.display()
    );
    map
}

fn texts(map: &Map, stage: usize, lane: Lane) -> Vec<&str> {
    map.stages[stage]
        .lane(lane)
        .iter()
        .map(|c| c.text.as_str())
        .collect()
}

/// Waits for the board of the example map.
fn wait_for_board(s: &Session) {
    s.wait_for("Touchpoints");
    s.wait_for(STAGES[0]);
}

#[track_caller]
fn assert_not_on_screen(s: &Session, text: &str, why: &str) {
    if s.screen_text().contains(text) {
        s.fail(&format!("{why}: the screen shows {text:?}"));
    }
}

/// Waits until a save went through: the header's unsaved marker is gone.
fn wait_saved(s: &Session) {
    s.wait_gone("unsaved");
    s.wait_for("saved");
}

/// After the editor ended, the terminal is as it was: the alternate screen left, mouse
/// capture and bracketed paste off, the cursor visible and (on unix) raw mode off. Fails
/// with every problem found.
fn assert_restored(s: &Session) {
    let raw = s.raw_output();
    let last = |needle: &str| rfind(&raw, needle.as_bytes());
    let mut problems = Vec::new();
    let mut off_after = |on: &str, offs: &[&str], what: &str| {
        let Some(on_at) = last(on) else { return };
        let off_at = offs.iter().filter_map(|off| last(off)).max();
        if off_at.is_none_or(|off| off < on_at) {
            problems.push(format!(
                "{what} was turned on ({on:?}) and not off again ({offs:?}) after that"
            ));
        }
    };
    off_after(
        seq::ALT_SCREEN_ON,
        &[seq::ALT_SCREEN_OFF],
        "the alternate screen",
    );
    off_after(
        seq::MOUSE_ON,
        &[seq::MOUSE_OFF, seq::MOUSE_SGR_OFF],
        "mouse capture",
    );
    off_after(
        seq::MOUSE_SGR_ON,
        &[seq::MOUSE_OFF, seq::MOUSE_SGR_OFF],
        "SGR mouse reporting",
    );
    off_after(seq::PASTE_ON, &[seq::PASTE_OFF], "bracketed paste");
    off_after(seq::CURSOR_HIDE, &[seq::CURSOR_SHOW], "the hidden cursor");
    if last(seq::ALT_SCREEN_ON).is_none() {
        problems.push("the editor never entered the alternate screen".into());
    }

    let (alternate, paste, mouse, hidden) = s.with_screen(|screen| {
        (
            screen.alternate_screen(),
            screen.bracketed_paste(),
            screen.mouse_protocol_mode(),
            screen.hide_cursor(),
        )
    });
    if alternate {
        problems.push("the screen model is still on the alternate screen".into());
    }
    if paste {
        problems.push("the screen model still has bracketed paste on".into());
    }
    if mouse != vt100::MouseProtocolMode::None {
        problems.push(format!("the screen model still has mouse mode {mouse:?}"));
    }
    if hidden {
        problems.push("the screen model still has the cursor hidden".into());
    }

    #[cfg(unix)]
    if let Some(flags) = local_flags(s) {
        for flag in ["ICANON", "ECHO"] {
            if !has_flag(&flags, flag) {
                problems.push(format!("raw mode still on: {flag} is off ({flags})"));
            }
        }
    }

    if !problems.is_empty() {
        s.fail(&format!(
            "the terminal is not restored:\n  {}",
            problems.join("\n  ")
        ));
    }
}

/// The terminal's local flags; on Linux they must be readable, or the raw-mode checks
/// would pass without looking.
#[cfg(unix)]
fn local_flags(s: &Session) -> Option<String> {
    let flags = s.local_flags();
    if cfg!(target_os = "linux") {
        assert!(flags.is_some(), "cannot read the terminal's flags");
    }
    flags
}

/// Whether a termios flag list as `Debug` writes it (`LocalFlags(ECHO | ICANON)`) has `flag`.
#[cfg(unix)]
fn has_flag(flags: &str, flag: &str) -> bool {
    flags
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|word| word == flag)
}

// 1. The issue's scenario.
#[test]
fn add_vote_delete_undo_save_and_quit() {
    let (_dir, file) = example_copy();
    let before = load(&file);
    let mut s = Session::open(&file);
    wait_for_board(&s);

    s.send_keys(&["2", "a"]);
    s.wait_for(&format!("New touchpoint in '{}'", STAGES[1]));
    s.send("Comparison site");
    s.send(ENTER);
    // Enter opens the next card (quick capture); Esc ends the run.
    end_capture(&s);
    s.wait_for("Comparison site");
    s.wait_for("unsaved");

    s.send_keys(&["+", "+"]);
    s.wait_until("the new card has 2 votes", TIMEOUT, |screen| {
        screen
            .lines()
            .any(|l| l.contains("Comparison site") && l.contains("2 votes"))
    });

    // Delete the card below the new one, then bring it back.
    s.send(DOWN);
    s.wait_for("G2 and Capterra reviews");
    s.send("d");
    s.wait_for("card deleted");
    s.wait_gone("G2 and Capterra");
    s.send("u");
    s.wait_for("undone");
    s.wait_for("G2 and Capterra review");

    s.send(CTRL_S);
    wait_saved(&s);
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");

    let saved = assert_canonical(&file);
    assert_eq!(
        texts(&saved, 1, Lane::Touchpoints),
        [
            "Pricing page",
            "Comparison site",
            "G2 and Capterra reviews",
            "Help centre article on payroll export"
        ]
    );
    let mut expected = before;
    expected.stages[1]
        .lane_mut(Lane::Touchpoints)
        .insert(1, Card::new("Comparison site").with_votes(2));
    assert_eq!(
        saved, expected,
        "the saved map differs in more than the new card"
    );
}

// 2. Quitting with unsaved changes asks; Esc stays; n quits and writes nothing.
#[test]
fn quit_with_unsaved_changes_asks_and_n_discards() {
    let (_dir, file) = example_copy();
    let original = std::fs::read(&file).expect("read the map");
    let mut s = Session::open(&file);
    wait_for_board(&s);

    s.send("+");
    s.wait_for("unsaved");

    s.send("q");
    s.wait_for("Save changes?");
    s.wait_for("quit without saving");
    s.send(ESC);
    s.wait_gone("Save changes?");
    let screen = s.screen_text();
    for text in ["Touchpoints", STAGES[0], "unsaved"] {
        assert!(
            screen.contains(text),
            "after Esc the board should show {text:?}:\n{screen}"
        );
    }

    // Ctrl-c asks too (in raw mode it is a key, not a signal).
    s.send(CTRL_C);
    s.wait_for("Save changes?");
    s.send(ESC);
    s.wait_gone("Save changes?");

    s.send("q");
    s.wait_for("Save changes?");
    s.send("n");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(
        std::fs::read(&file).expect("read the map"),
        original,
        "quitting without saving changed the file"
    );
}

// 2b. ...and y saves, then quits.
#[test]
fn quit_dialog_y_saves_and_quits() {
    let (_dir, file) = example_copy();
    let before = load(&file);
    let mut s = Session::open(&file);
    wait_for_board(&s);

    s.send("+");
    s.wait_for("unsaved");
    s.send("q");
    s.wait_for("Save changes?");
    s.send("y");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");

    let saved = assert_canonical(&file);
    let mut expected = before;
    expected.stages[0].lane_mut(Lane::Touchpoints)[0].votes += 1;
    assert_eq!(saved, expected);
}

// 3. A new map without a file: Ctrl-s asks for a name and saves in the working folder.
#[test]
fn new_map_asks_for_a_file_name() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut s = Session::builder().cwd(dir.path()).spawn();
    s.wait_for("new map");

    s.send("a");
    s.wait_for("New touchpoint");
    s.send("Sticky note from the wall");
    s.send(ENTER);
    // Enter opens the next card (quick capture); Esc ends the run.
    end_capture(&s);
    s.wait_for("unsaved");

    s.send(CTRL_S);
    s.wait_for("Save as");
    s.send("workshop");
    s.send(ENTER);
    wait_saved(&s);
    s.wait_for("workshop.ron");
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");

    let file = dir.path().join("workshop.ron");
    assert!(
        file.exists(),
        "workshop.ron was not created in the working folder"
    );
    let saved = assert_canonical(&file);
    assert!(
        texts(&saved, 0, Lane::Touchpoints).contains(&"Sticky note from the wall"),
        "the new card is not in the first stage's touchpoints: {saved:?}"
    );
}

// 3c. Saving a new map under the name of a file that exists asks first; Esc writes
// nothing, `o` replaces it.
#[test]
fn save_as_onto_an_existing_file_asks_before_replacing_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let other = dir.path().join("other.ron");
    std::fs::write(&other, "not a map, but somebody's file\n").expect("written");
    let mut s = Session::builder().cwd(dir.path()).spawn();
    s.wait_for("new map");
    s.send("a");
    s.wait_for("New touchpoint");
    s.send("Sticky note");
    s.send(ENTER);
    // Enter opens the next card (quick capture); Esc ends the run.
    end_capture(&s);
    s.wait_for("unsaved");

    for answer in [ESC, "o"] {
        s.send(CTRL_S);
        s.wait_for("Save as");
        s.send("other");
        s.send(ENTER);
        s.wait_for("other.ron already exists");
        assert_not_on_screen(&s, "Changed on disk", "a new name is not a change on disk");
        s.send(answer);
        s.wait_gone("already exists");
        if answer == ESC {
            s.wait_for("not saved");
            assert_eq!(
                std::fs::read_to_string(&other).expect("read"),
                "not a map, but somebody's file\n",
                "Esc replaced the file"
            );
        }
    }
    wait_saved(&s);
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
    let saved = assert_canonical(&other);
    assert!(texts(&saved, 0, Lane::Touchpoints).contains(&"Sticky note"));
}

// 3b. A FILE that does not exist yet: Ctrl-s writes it without asking.
#[test]
fn missing_file_argument_is_created_on_save() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("fresh.ron");
    let mut s = Session::builder().cwd(dir.path()).arg(&file).spawn();
    s.wait_for("fresh.ron");
    assert!(!file.exists(), "opening a missing file created it");

    s.send("a");
    s.wait_for("New touchpoint");
    s.send("Sticky note from the wall");
    s.send(ENTER);
    // Enter opens the next card (quick capture); Esc ends the run.
    end_capture(&s);
    s.wait_for("unsaved");
    s.send(CTRL_S);
    wait_saved(&s);
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");

    let saved = assert_canonical(&file);
    assert!(
        texts(&saved, 0, Lane::Touchpoints).contains(&"Sticky note from the wall"),
        "the new card is not in the first stage's touchpoints: {saved:?}"
    );
}

// 4. Quitting restores the terminal.
#[test]
fn quit_restores_the_terminal() {
    let (_dir, file) = example_copy();
    let mut s = Session::open(&file);
    wait_for_board(&s);

    let (alternate, paste, mouse) = s.with_screen(|screen| {
        (
            screen.alternate_screen(),
            screen.bracketed_paste(),
            screen.mouse_protocol_mode(),
        )
    });
    assert!(alternate, "the board is not on the alternate screen");
    assert!(paste, "bracketed paste is not on");
    assert_ne!(
        mouse,
        vt100::MouseProtocolMode::None,
        "mouse capture is not on"
    );
    #[cfg(unix)]
    if let Some(flags) = local_flags(&s) {
        assert!(!has_flag(&flags, "ICANON"), "not in raw mode: {flags}");
    }

    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
    let raw = s.raw_output();
    for needle in [seq::ALT_SCREEN_OFF, seq::PASTE_OFF] {
        assert!(
            find(&raw, needle.as_bytes()).is_some(),
            "{needle:?} missing from the output"
        );
    }
    assert!(
        find(&raw, seq::MOUSE_OFF.as_bytes()).is_some()
            || find(&raw, seq::MOUSE_SGR_OFF.as_bytes()).is_some(),
        "mouse capture is never turned off"
    );
    assert_restored(&s);
}

// 5. SIGTERM and SIGHUP end the editor with the terminal restored.
#[cfg(unix)]
fn signal_restores_the_terminal(signal: &str) {
    let (_dir, file) = example_copy();
    let mut s = Session::open(&file);
    wait_for_board(&s);
    s.send("+");
    s.wait_for("unsaved");

    s.signal(signal);
    let status = s.wait_exit(TIMEOUT);
    assert!(
        !status.success(),
        "SIG{signal} should not end the editor with success: {status:?}"
    );
    let raw = s.raw_output();
    let entered = rfind(&raw, seq::ALT_SCREEN_ON.as_bytes()).expect("entered the full screen");
    assert!(
        rfind(&raw, seq::ALT_SCREEN_OFF.as_bytes()).is_some_and(|left| left > entered),
        "SIG{signal}: the alternate screen was not left"
    );
    assert_restored(&s);
}

#[cfg(unix)]
#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

#[cfg(unix)]
#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

// 5b. A signal keeps the unsaved work in a recovery copy; opening the map again offers it,
// and `r` restores it.
#[cfg(unix)]
fn signal_leaves_a_recovery_copy(signal: &str) {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let original = std::fs::read(&file).expect("read the map");
    let mut expected = load(&file);
    expected.stages[0].lane_mut(Lane::Touchpoints)[0].votes += 1;

    let mut s = Session::builder().arg(&file).home(&home).spawn();
    wait_for_board(&s);
    s.send("+");
    s.wait_for("unsaved");
    let pid = s.pid();
    s.signal(signal);
    s.wait_exit(TIMEOUT);
    drop(s);
    assert_eq!(
        std::fs::read(&file).expect("read the map"),
        original,
        "SIG{signal} must not write the map itself"
    );

    let copies = recovery_copies(&home);
    let own: Vec<&PathBuf> = copies
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(&format!(".{pid}.ron")))
        .collect();
    assert_eq!(
        own.len(),
        1,
        "SIG{signal}: expected one recovery copy of process {pid}, found {copies:?}"
    );
    assert_eq!(load(own[0]), expected, "the recovery copy lacks the change");

    let mut s = Session::builder().arg(&file).home(&home).spawn();
    s.wait_for("Recovery copy");
    s.send("r");
    s.wait_gone("Recovery copy");
    s.wait_for("unsaved");
    s.send(CTRL_S);
    wait_saved(&s);
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(
        assert_canonical(&file),
        expected,
        "the restored work was not saved"
    );
    assert_eq!(
        recovery_copies(&home),
        Vec::<PathBuf>::new(),
        "recovery copies are left after the work was restored and saved"
    );
}

/// The recovery copies in a session home's state folder.
#[cfg(unix)]
fn recovery_copies(home: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(harness::state_dir(home)) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    copies.sort();
    copies
}

#[cfg(unix)]
#[test]
fn sigterm_leaves_a_recovery_copy() {
    signal_leaves_a_recovery_copy("TERM");
}

#[cfg(unix)]
#[test]
fn sighup_leaves_a_recovery_copy() {
    signal_leaves_a_recovery_copy("HUP");
}

// 5c. A second editor on an open map says so, with the first one's process id.
#[test]
fn second_editor_on_an_open_map_says_already_open() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let original = std::fs::read(&file).expect("read the map");
    let mut first = Session::builder().arg(&file).home(&home).spawn();
    wait_for_board(&first);

    let mut second = Session::builder().arg(&file).home(&home).spawn();
    second.wait_for("already open");
    // The dialog names the first editor's process id (it may wrap after "process").
    second.wait_for(&first.pid().to_string());
    second.send("r");
    second.wait_gone("already open");
    second.wait_for("read-only");
    second.send("q");
    let status = second.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");

    first.send("q");
    let status = first.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(std::fs::read(&file).expect("read the map"), original);
}

// 6. An invalid file: the same message as `check`, exit 1, never the full screen.
#[test]
fn invalid_file_reports_and_never_enters_the_full_screen() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("bad.ron");
    std::fs::write(
        &file,
        "(\n    format: 1,\n    title: 42,\n    stages: [],\n)\n",
    )
    .expect("write the bad map");

    let mut s = Session::open(&file);
    let status = s.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 1, "exit status {status:?}");

    let raw = s.raw_output();
    for needle in [seq::ALT_SCREEN_ON, seq::MOUSE_ON, seq::PASTE_ON] {
        assert!(
            find(&raw, needle.as_bytes()).is_none(),
            "an invalid file must not start the editor, but the output has {needle:?}"
        );
    }
    let shown = s.raw_text();
    let position = format!("{}:3:11: error:", file.display());
    assert!(
        shown.contains(&position),
        "expected {position:?} in:\n{shown}"
    );

    let check = std::process::Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .arg("check")
        .arg(&file)
        .output()
        .expect("run journeymap check");
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8_lossy(&check.stderr);
    assert!(
        !report.trim().is_empty() && shown.contains(report.trim_end()),
        "the editor's message differs from `check`:\n--- editor ---\n{shown}\n--- check ---\n{report}"
    );
}

// 7. A resize redraws at once, down to the too-small message and back.
#[test]
fn resize_redraws() {
    let (_dir, file) = example_copy();
    let mut s = Session::open(&file);
    wait_for_board(&s);
    assert!(
        !s.screen_text().contains(STAGES[4]),
        "at 100 columns the fifth stage should be scrolled out of view"
    );

    s.resize(200, 50);
    s.wait_until("all five stages show at 200x50", TIMEOUT, |screen| {
        STAGES.iter().all(|name| screen.contains(name))
    });

    s.resize(40, 10);
    s.wait_for("needs a terminal of at least");
    s.wait_gone("Touchpoints");

    s.resize(100, 30);
    s.wait_gone("needs a terminal");
    wait_for_board(&s);
    s.wait_for(STAGES[2]);

    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
}

// 7b. The too-small message says "press q to quit"; with unsaved changes q must still ask
// where it can be seen, not open a dialog hidden behind the message.
#[test]
fn too_small_terminal_still_shows_the_quit_question() {
    let (_dir, file) = example_copy();
    let original = std::fs::read(&file).expect("read the map");
    let mut s = Session::open(&file);
    wait_for_board(&s);
    s.send("+");
    s.wait_for("unsaved");

    s.resize(40, 10);
    s.wait_for("press q to quit");
    s.send("q");
    s.wait_for("Save changes?");
    s.send("n");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(std::fs::read(&file).expect("read the map"), original);
}

// 8. A bracketed paste on the board becomes one card per line, in one undoable step.
#[test]
fn bracketed_paste_adds_a_card_per_line() {
    let (_dir, file) = example_copy();
    let before = load(&file);
    let mut s = Session::open(&file);
    wait_for_board(&s);

    s.send(&paste("first\nsecond"));
    s.wait_for("New touchpoint");
    s.send(ENTER);
    s.wait_for("2 cards added");
    end_capture(&s);
    let card_shown = |screen: &str, text: &str| screen.contains(&format!("│ {text} "));
    s.wait_until("both pasted cards show", TIMEOUT, |screen| {
        card_shown(screen, "first") && card_shown(screen, "second")
    });

    // One undo removes both, one redo brings both back.
    s.send("u");
    s.wait_for("undone");
    s.wait_until("both pasted cards are gone", TIMEOUT, |screen| {
        !card_shown(screen, "first") && !card_shown(screen, "second")
    });
    s.send(CTRL_R);
    s.wait_for("redone");
    s.wait_until("both pasted cards are back", TIMEOUT, |screen| {
        card_shown(screen, "first") && card_shown(screen, "second")
    });

    s.send(CTRL_S);
    wait_saved(&s);
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");

    let saved = assert_canonical(&file);
    let mut expected = before;
    let lane = expected.stages[0].lane_mut(Lane::Touchpoints);
    lane.insert(1, Card::new("first"));
    lane.insert(2, Card::new("second"));
    assert_eq!(saved, expected);
}

// 9. NO_COLOR: not one colour on screen, and the selection and header still stand out.
#[test]
fn no_color_draws_without_colours() {
    let (_dir, file) = example_copy();
    let mut s = Session::builder().arg(&file).env("NO_COLOR", "1").spawn();
    wait_for_board(&s);

    let (coloured, inverse, bold) = s.with_screen(|screen| {
        let (rows, cols) = screen.size();
        let mut coloured = Vec::new();
        let (mut inverse, mut bold) = (0, 0);
        for row in 0..rows {
            for col in 0..cols {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                if cell.fgcolor() != vt100::Color::Default
                    || cell.bgcolor() != vt100::Color::Default
                {
                    coloured.push((row, col, cell.contents().to_string()));
                }
                inverse += usize::from(cell.inverse());
                bold += usize::from(cell.bold());
            }
        }
        (coloured, inverse, bold)
    });
    assert!(
        coloured.is_empty(),
        "NO_COLOR is set but {} cells are coloured, first {:?}",
        coloured.len(),
        &coloured[..coloured.len().min(5)]
    );
    assert!(
        inverse > 0,
        "under NO_COLOR nothing is reversed: the selection is invisible"
    );
    assert!(bold > 0, "under NO_COLOR nothing is bold");

    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
}

// `view --follow`: read-only, redrawn when the file changes; a broken file on disk is
// reported, and nothing in it speaks of saving.
#[test]
fn view_follow_redraws_on_change_and_reports_a_broken_file() {
    let (_dir, file) = example_copy();
    let original = std::fs::read_to_string(&file).expect("read");
    let mut s = Session::builder()
        .arg("view")
        .arg(&file)
        .arg("--follow")
        .spawn();
    wait_for_board(&s);
    s.send("a");
    s.wait_for("read-only");

    let renamed = original.replacen("Colleague mentions us", "Partner mentions us", 1);
    std::fs::write(&file, &renamed).expect("changed on disk");
    s.wait_for("Partner mentions us");

    let broken = renamed.replacen("votes: 4,", "votes: 99999,", 1);
    std::fs::write(&file, &broken).expect("broken on disk");
    s.wait_for("could not reload");
    assert_not_on_screen(&s, "not saved", "view never saves");
    assert_not_on_screen(&s, "changes are kept", "view has no changes");

    std::fs::write(&file, &original).expect("repaired");
    s.wait_for("Colleague mentions us");
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), original);
}

/// Ends a quick-capture run with Esc and waits until the input has closed, so the next key
/// is not read together with the Esc as an Alt combination.
pub(crate) fn end_capture(s: &Session) {
    s.send(ESC);
    // The board's own hints are back in the status bar once the input has closed.
    s.wait_for("a add");
}

// The timer reaching zero says "TIME'S UP" and rings the terminal's bell once.
#[test]
fn the_timer_at_zero_rings_the_bell_once() {
    let (_dir, file) = example_copy();
    let mut s = Session::open(&file);
    wait_for_board(&s);
    s.send("t");
    s.wait_for("Timer");
    s.send("s");
    s.wait_for("Timer length");
    s.send("\x15");
    s.send("0:02");
    s.send(ENTER);
    s.wait_for("Enter starts it");
    let bells = |s: &Session| s.raw_output().iter().filter(|&&b| b == 0x07).count();
    assert_eq!(bells(&s), 0, "no bell before the time is up");
    s.send(ENTER);
    s.wait_for("⏱ 00:0");
    s.wait_for("TIME'S UP");
    // A little longer: no second bell.
    std::thread::sleep(std::time::Duration::from_millis(1200));
    assert_eq!(bells(&s), 1, "the bell rings exactly once");
    // The timer's dialog stays open after starting: t closes it, then q quits.
    s.send("t");
    s.wait_for("a add");
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
}

// Quick capture: five sticky notes in one run, with prefixes, then a save.
#[test]
fn a_quick_capture_run_of_five_cards_is_saved() {
    let (_dir, file) = example_copy();
    let before = load(&file);
    let mut s = Session::open(&file);
    wait_for_board(&s);
    s.send("a");
    s.wait_for("New touchpoint");
    let notes = [
        "@email Welcome mail",
        "Chat bubble",
        "@\"live chat\" Asked about price",
        "Webinar invite",
        "Partner newsletter",
    ];
    for note in notes {
        s.send(note);
        s.send(ENTER);
        s.wait_for("added");
    }
    end_capture(&s);
    s.send(CTRL_S);
    wait_saved(&s);
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
    let after = load(&file);
    let lane = after.stages[0].lane(Lane::Touchpoints);
    assert_eq!(
        lane.len(),
        before.stages[0].lane(Lane::Touchpoints).len() + 5
    );
    let added: Vec<(&str, &str)> = lane[1..6]
        .iter()
        .map(|c| (c.text.as_str(), c.channel.as_str()))
        .collect();
    assert_eq!(
        added,
        [
            ("Welcome mail", "email"),
            ("Chat bubble", ""),
            ("Asked about price", "live chat"),
            ("Webinar invite", ""),
            ("Partner newsletter", ""),
        ]
    );
}
