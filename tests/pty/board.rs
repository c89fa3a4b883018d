//! The projector view: `view --follow` in a second terminal shows what the facilitator
//! types, saved or not, from the editor's recovery copy; and never writes or locks.

use std::time::{Duration, Instant};

use super::harness::Session;
use super::harness::TIMEOUT;
use super::harness::keys::{CTRL_S, ENTER};
use super::{end_capture, example_copy, wait_for_board, wait_saved};

#[test]
fn view_follow_shows_unsaved_edits_live_then_the_saved_file() {
    let (_dir, file) = example_copy();
    let home = tempfile::tempdir().expect("a shared home");
    let editor = Session::builder().home(home.path()).arg(&file).spawn();
    wait_for_board(&editor);
    let mut view = Session::builder()
        .home(home.path())
        .arg("view")
        .arg(&file)
        .arg("--follow")
        .spawn();
    view.wait_for("saved file");
    assert!(!editor.screen_text().contains("already open"));

    // A card typed in the editor, not saved: on the projector within two seconds.
    editor.send("a");
    editor.send("Typed live");
    editor.send(ENTER);
    end_capture(&editor);
    let typed = Instant::now();
    view.wait_for_within("Typed live", Duration::from_secs(2));
    view.wait_for("live from the editor");
    let took = typed.elapsed();
    assert!(took < Duration::from_secs(2), "took {took:?}");

    // Saved and closed: the view stays on the saved file, card and all.
    editor.send(CTRL_S);
    wait_saved(&editor);
    editor.send("q");
    let mut editor = editor;
    let status = editor.wait_exit(TIMEOUT);
    assert!(status.success(), "editor exit {status:?}");
    view.wait_for("saved file");
    assert!(view.screen_text().contains("Typed live"));
    let saved = std::fs::read(&file).expect("read the saved map");
    let view_pid = view.pid().to_string();

    view.send("q");
    let status = view.wait_exit(TIMEOUT);
    assert!(status.success(), "view exit {status:?}");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        saved,
        "the view never writes"
    );
    // No lock or copy of the view's own in the state folder.
    let state = super::harness::state_dir(home.path());
    let left: Vec<String> = std::fs::read_dir(&state)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        !left.iter().any(|name| name.contains(&view_pid)),
        "{left:?}"
    );
}

// A projector started before the first save follows the editor's unsaved map.
#[test]
fn view_follow_shows_a_map_that_has_no_file_yet() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("not-saved-yet.ron");
    let home = tempfile::tempdir().expect("a shared home");
    let editor = Session::builder().home(home.path()).arg(&file).spawn();
    wait_for_board(&editor);
    editor.send("a");
    editor.send("Before any save");
    editor.send(ENTER);
    end_capture(&editor);
    // The recovery copy is written about a second after the change.
    let state = super::harness::state_dir(home.path());
    let deadline = Instant::now() + TIMEOUT;
    while std::fs::read_dir(&state).map_or(0, |d| {
        d.filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with("not-saved-yet"))
            .filter(|e| e.file_name().to_string_lossy().ends_with(".ron"))
            .count()
    }) == 0
    {
        assert!(Instant::now() < deadline, "no recovery copy was written");
        std::thread::sleep(Duration::from_millis(50));
    }
    let view = Session::builder()
        .home(home.path())
        .arg("view")
        .arg(&file)
        .arg("--follow")
        .spawn();
    view.wait_for("Before any save");
    view.wait_for("live from the editor");
    assert!(!file.exists(), "nothing was saved");
    editor.send("q");
    editor.wait_for("Save changes?");
    editor.send("n");
    // The editor went without saving: the projector says so, not that a reload failed.
    view.wait_for("it has no file yet");
    assert!(!view.screen_text().contains("could not reload"));
    view.send("q");
}

// Each way the followed file can fail (deleted, a folder in its place, half written,
// unreadable) says "could not reload", and the next good reload takes the message away.
#[test]
fn view_follow_forgets_a_failed_reload_once_the_file_reads_again() {
    let (_dir, file) = example_copy();
    let good = std::fs::read_to_string(&file).expect("read");
    let mut view = Session::builder()
        .arg("view")
        .arg(&file)
        .arg("--follow")
        .spawn();
    wait_for_board(&view);
    let fixed = |view: &Session, text: &str| {
        std::fs::write(&file, good.replacen("Colleague mentions us", text, 1)).expect("fixed");
        view.wait_for(text);
        view.wait_gone("could not reload");
    };

    std::fs::remove_file(&file).expect("deleted");
    view.wait_for("could not reload");
    fixed(&view, "Back again A");

    std::fs::remove_file(&file).expect("deleted");
    std::fs::create_dir(&file).expect("a folder in its place");
    view.wait_for("could not reload");
    std::fs::remove_dir(&file).expect("the folder removed");
    fixed(&view, "Back again B");

    std::fs::write(&file, &good[..good.len() / 2]).expect("half written");
    view.wait_for("could not reload");
    fixed(&view, "Back again C");

    #[cfg(unix)]
    if !running_as_root() {
        use std::os::unix::fs::PermissionsExt;
        let unreadable = std::fs::Permissions::from_mode(0o000);
        std::fs::set_permissions(&file, unreadable).expect("unreadable");
        // Touch it so the change is seen.
        view.wait_for("could not reload");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("ok");
        fixed(&view, "Back again D");
    }

    view.send("q");
    assert!(view.wait_exit(TIMEOUT).success());
}

/// Root reads files whatever their permissions.
#[cfg(unix)]
fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

// Non-characters, unassigned code points, zero-width and tag characters (whose width
// terminals disagree on) are drawn as the placeholder, so the board never shifts.
#[test]
fn characters_terminals_disagree_on_are_drawn_as_placeholders() {
    let (_dir, file) = example_copy();
    let hostile = "A\u{fffe}B\u{fdd0}C\u{378}D\u{200b}E\u{e0041}F\u{ffff}G";
    let map = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, map.replacen("Colleague mentions us", hostile, 1)).expect("write");
    let mut s = Session::open(&file);
    wait_for_board(&s);
    // (The test terminal drops U+FFFD from its screen text: look at what was sent.)
    let drawn = "A\u{fffd}B\u{fffd}C\u{fffd}D\u{fffd}E\u{fffd}F\u{fffd}G";
    s.poll_until("the card is drawn with placeholders", TIMEOUT, || {
        s.raw_text().contains(drawn)
    });
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
}

// A stage whose mean leans bad (-0.5) is drawn below the zero line, as `print` draws it,
// also on a board with only three curve rows (+2, 0, -2).
#[test]
fn a_mean_that_leans_bad_is_drawn_below_the_zero_line() {
    let (_dir, file) = example_copy();
    let mut s = Session::open(&file);
    wait_for_board(&s);
    s.wait_for("-0.5");
    let screen = s.screen_text();
    let rows: Vec<&str> = screen.lines().collect();
    let row_of = |needle: &str| rows.iter().position(|r| r.contains(needle));
    let mean = row_of("● -0.5").expect("the mean -0.5 is drawn");
    let minus_two = rows
        .iter()
        .position(|r| r.trim_start_matches('│').trim_start().starts_with("-2"))
        .expect("the -2 row of the scale");
    assert_eq!(
        mean, minus_two,
        "the -0.5 mean is not below zero:\n{screen}"
    );
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
}

#[test]
fn the_default_command_takes_the_editors_options() {
    let (_dir, file) = example_copy();
    let mut editor = Session::builder()
        .arg(&file)
        .arg("--theme")
        .arg("light")
        .arg("--read-only")
        .spawn();
    wait_for_board(&editor);
    editor.wait_for("[read-only]");
    // The light theme paints its own white background (colour 231) under the board.
    let painted = editor.with_screen(|screen| {
        (0..screen.size().0)
            .filter_map(|row| screen.cell(row, 0))
            .any(|cell| cell.bgcolor() == vt100::Color::Idx(231))
    });
    assert!(painted, "{}", editor.screen_text());
    editor.send("q");
    let status = editor.wait_exit(TIMEOUT);
    assert!(status.success(), "exit {status:?}");
}
