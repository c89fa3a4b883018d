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
    view.send("q");
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
