//! Quitting, saving and read-only mode: what the keys ask for, and what the loop is told.

use std::path::PathBuf;

use journeymap::app::{Action, App, Effect, Event, Mode, StatusKind, Target};
use journeymap::model::Lane;

use super::script::noticed;
use super::{editor, run, sample_map, screen, sized};

fn with_path(path: &str) -> App {
    sized(App::new(sample_map(), Some(PathBuf::from(path))), 80, 24)
}

fn status(app: &App) -> (String, StatusKind) {
    app.seat
        .status
        .clone()
        .expect("a message in the status bar")
}

#[test]
fn q_with_no_changes_quits_at_once() {
    let mut app = editor(sample_map());
    assert_eq!(run(&mut app, "q"), [Effect::Quit]);
    let mut app = editor(sample_map());
    assert_eq!(run(&mut app, "<C-c>"), [Effect::Quit]);
    // Changes undone are no changes.
    let mut app = editor(sample_map());
    assert_eq!(run(&mut app, "+ u q"), [Effect::Quit]);
}

#[test]
fn q_with_unsaved_changes_asks_and_n_quits_without_saving() {
    for quit in ["q", "<C-c>"] {
        let mut app = editor(sample_map());
        assert!(run(&mut app, &format!("+ {quit}")).is_empty(), "{quit}");
        assert_eq!(app.seat.mode, Mode::ConfirmQuit, "{quit}");
        assert!(screen(&app).contains("Save changes?"), "{quit}");
        assert_eq!(run(&mut app, "n"), [Effect::Quit], "{quit}");
    }
}

#[test]
fn esc_in_the_quit_dialog_stays_with_the_changes() {
    let mut app = editor(sample_map());
    run(&mut app, "+ q");
    assert!(run(&mut app, "<esc>").is_empty());
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(app.room.is_dirty());
    assert_eq!(app.view().selected_card().map(|c| c.votes), Some(3));
    // Other keys in the dialog do nothing: a second q or Ctrl-c does not lose the work.
    run(&mut app, "q");
    assert!(run(&mut app, "q <C-c> x").is_empty());
    assert_eq!(app.seat.mode, Mode::ConfirmQuit);
}

#[test]
fn y_in_the_quit_dialog_saves_then_quits_once_saved() {
    let mut app = with_path("journey.ron");
    run(&mut app, "+ q");
    assert_eq!(
        run(&mut app, "y"),
        [Effect::Save(PathBuf::from("journey.ron"))]
    );
    assert_eq!(
        noticed(app.event(Event::Saved(Ok(PathBuf::from("journey.ron"))))),
        [Effect::Quit]
    );
    assert!(!app.room.is_dirty());
}

#[test]
fn a_failed_save_from_the_quit_dialog_does_not_quit() {
    let mut app = with_path("journey.ron");
    run(&mut app, "+ q y");
    let effect = noticed(app.event(Event::Saved(Err("permission denied".into()))));
    assert_eq!(effect, []);
    assert!(app.room.is_dirty());
    assert_eq!(app.seat.mode, Mode::Normal);
    let (message, kind) = status(&app);
    assert_eq!(kind, StatusKind::Error);
    assert!(message.contains("permission denied"), "{message}");
    // A later save that works does not quit by surprise.
    run(&mut app, "<C-s>");
    assert_eq!(
        noticed(app.event(Event::Saved(Ok("journey.ron".into())))),
        []
    );
}

#[test]
fn y_on_a_new_map_asks_for_a_file_name_first() {
    let mut app = editor(sample_map());
    run(&mut app, "+ q y");
    assert!(matches!(
        app.seat.mode,
        Mode::Editing {
            target: Target::SaveAs,
            ..
        }
    ));
    assert_eq!(
        run(&mut app, r#""workshop" <enter>"#),
        [Effect::Save(PathBuf::from("workshop.ron"))]
    );
    assert_eq!(
        noticed(app.event(Event::Saved(Ok("workshop.ron".into())))),
        [Effect::Quit]
    );
    // Cancelling the file name cancels the quit too.
    let mut app = editor(sample_map());
    run(&mut app, "+ q y <esc>");
    assert_eq!(run(&mut app, r#"<C-s> "later" <enter>"#).len(), 1);
    assert_eq!(noticed(app.event(Event::Saved(Ok("later.ron".into())))), []);
}

/// Enter on an empty file name saves nothing and says so; and it never leaves a "quit
/// after saving" behind for a later Ctrl-s to act on.
#[test]
fn enter_on_an_empty_file_name_says_so_and_a_later_save_does_not_quit() {
    let mut app = editor(sample_map());
    run(&mut app, "+ q y <enter>");
    assert_eq!(app.seat.mode, Mode::Normal);
    let (message, _) = status(&app);
    assert!(message.contains("no file name"), "{message}");
    assert_eq!(run(&mut app, r#"<C-s> "later" <enter>"#).len(), 1);
    assert_eq!(noticed(app.event(Event::Saved(Ok("later.ron".into())))), []);
}

#[test]
fn a_new_name_that_exists_asks_overwrite_or_another_name() {
    let mut app = editor(sample_map());
    run(&mut app, r#"+ <C-s> "notes" <enter>"#);
    // The loop found notes.ron on disk.
    assert_eq!(app.event(Event::FileExists), []);
    assert_eq!(app.seat.mode, Mode::FileExists);
    let shown = screen(&app);
    assert!(shown.contains("notes.ron already exists"), "{shown}");
    assert!(!shown.contains("reload"), "nothing to reload: {shown}");
    // r (reload) means nothing here: the dialog stays. Esc saves nothing.
    assert!(run(&mut app, "r").is_empty());
    assert_eq!(app.seat.mode, Mode::FileExists);
    assert!(run(&mut app, "<esc>").is_empty());
    assert_eq!(status(&app).0, "not saved");
    // s asks for another name; o replaces the file.
    app.event(Event::FileExists);
    assert!(run(&mut app, "s").is_empty());
    assert!(matches!(
        app.seat.mode,
        Mode::Editing {
            target: Target::SaveAs,
            ..
        }
    ));
    run(&mut app, r#""notes" <enter>"#);
    app.event(Event::FileExists);
    assert_eq!(
        run(&mut app, "o"),
        [Effect::Overwrite(PathBuf::from("notes.ron"))]
    );
}

#[test]
fn ctrl_s_on_a_map_with_a_path_saves_there() {
    let mut app = with_path("maps/trial.ron");
    run(&mut app, "+");
    assert_eq!(
        run(&mut app, "<C-s>"),
        [Effect::Save(PathBuf::from("maps/trial.ron"))]
    );
    assert!(app.room.is_dirty(), "dirty until the loop says it is saved");
}

#[test]
fn ctrl_s_on_a_new_map_asks_for_a_name_and_adds_ron() {
    let mut app = editor(sample_map());
    run(&mut app, "+");
    assert!(run(&mut app, "<C-s>").is_empty());
    assert!(matches!(
        app.seat.mode,
        Mode::Editing {
            target: Target::SaveAs,
            ..
        }
    ));
    assert!(screen(&app).contains("Save as"));
    assert_eq!(
        run(&mut app, r#""trial signup" <enter>"#),
        [Effect::Save(PathBuf::from("trial signup.ron"))]
    );
    // The map takes the name only once the save has worked.
    assert_eq!(app.room.path, None);
    noticed(app.event(Event::Saved(Ok(PathBuf::from("trial signup.ron")))));
    assert_eq!(app.room.path, Some(PathBuf::from("trial signup.ron")));
    // A name that ends in .ron keeps it; any other gets .ron added ("v1.2" is no extension).
    let mut app = editor(sample_map());
    assert_eq!(
        run(&mut app, r#"<C-s> "map.ron" <enter>"#),
        [Effect::Save(PathBuf::from("map.ron"))]
    );
    let mut app = editor(sample_map());
    assert_eq!(
        run(&mut app, r#"<C-s> "trial v1.2" <enter>"#),
        [Effect::Save(PathBuf::from("trial v1.2.ron"))]
    );
}

#[test]
fn an_empty_file_name_saves_nothing_and_says_so() {
    let mut app = editor(sample_map());
    assert!(run(&mut app, r#"+ <C-s> "  " <enter>"#).is_empty());
    assert_eq!(app.room.path, None);
    assert!(
        status(&app).0.contains("no file name"),
        "{:?}",
        app.seat.status
    );
    assert!(run(&mut app, "<C-s> <esc>").is_empty());
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(app.room.is_dirty());
}

#[test]
fn saved_ok_clears_the_unsaved_marker() {
    let mut app = with_path("trial.ron");
    run(&mut app, "+ <C-s>");
    assert!(screen(&app).contains("● unsaved"));
    assert_eq!(noticed(app.event(Event::Saved(Ok("trial.ron".into())))), []);
    assert!(!app.room.is_dirty());
    let (message, kind) = status(&app);
    // The folder is named in full: a map saved somewhere unexpected is noticed.
    let here = std::env::current_dir().expect("a working folder");
    assert_eq!(
        (message.as_str(), kind),
        (
            format!("saved trial.ron in {}", here.display()).as_str(),
            StatusKind::Info
        )
    );
    assert!(!screen(&app).contains("unsaved"));
    // Undo after a save makes the map differ from the file again.
    run(&mut app, "u");
    assert!(app.room.is_dirty());
    assert_eq!(run(&mut app, "q"), [], "and q asks again");
}

#[test]
fn saved_err_keeps_the_changes_and_shows_why() {
    let mut app = with_path("/read-only/trial.ron");
    run(&mut app, "+ <C-s>");
    noticed(app.event(Event::Saved(Err("the folder is read-only".into()))));
    assert!(app.room.is_dirty());
    assert_eq!(app.view().selected_card().map(|c| c.votes), Some(3));
    let (message, kind) = status(&app);
    assert_eq!(kind, StatusKind::Error);
    assert!(message.contains("the folder is read-only"), "{message}");
    assert!(message.contains("changes are kept"), "{message}");
    assert!(screen(&app).contains("the folder is read-only"));
}

#[test]
fn after_a_failed_save_as_ctrl_s_asks_for_a_name_again() {
    // The user named a file in a folder they cannot write to; the save failed. The next
    // Ctrl-s must let them pick another name: nothing else in the editor changes the path.
    let mut app = editor(sample_map());
    run(&mut app, r#"+ <C-s> "/no-such-folder/trial" <enter>"#);
    noticed(app.event(Event::Saved(Err("no such folder".into()))));
    assert!(
        run(&mut app, "<C-s>").is_empty(),
        "asks again instead of retrying"
    );
    assert!(matches!(
        app.seat.mode,
        Mode::Editing {
            target: Target::SaveAs,
            ..
        }
    ));
}

#[test]
fn read_only_refuses_every_change_with_a_message() {
    let scripts = [
        "a",
        "e",
        "<enter>",
        "E",
        "c",
        "d",
        "<del>",
        "+",
        "-",
        "<S-right>",
        "H",
        "J",
        "K",
        "u",
        "<C-r>",
        "r",
        "S",
        "p",
        "T",
        "<C-s>",
    ];
    for script in scripts {
        let mut app = editor(sample_map());
        app.room.read_only = true;
        let effects = run(&mut app, script);
        assert!(effects.is_empty(), "{script}");
        assert_eq!(app.seat.mode, Mode::Normal, "{script}");
        assert_eq!(app.room.map, sample_map(), "{script}");
        let (message, kind) = status(&app);
        assert_eq!(kind, StatusKind::Error, "{script}");
        assert!(message.contains("read-only"), "{script}: {message}");
    }
    let mut app = editor(sample_map());
    app.room.read_only = true;
    app.update(Action::Paste("one\ntwo".into()));
    assert_eq!(app.seat.mode, Mode::Normal);
    // Looking around still works, and q leaves at once.
    run(&mut app, "j l 3 <tab> ?");
    assert_eq!(app.seat.mode, Mode::Help);
    run(&mut app, "<esc>");
    assert!(screen(&app).contains("[read-only]"));
    assert_eq!(run(&mut app, "q"), [Effect::Quit]);
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn help_opens_with_question_mark_and_esc_or_q_closes_it() {
    let mut app = editor(sample_map());
    run(&mut app, "?");
    assert_eq!(app.seat.mode, Mode::Help);
    // q closes the help; it does not quit.
    assert!(run(&mut app, "q").is_empty());
    assert_eq!(app.seat.mode, Mode::Normal);
    // A stray key does nothing in the help, as in every dialog.
    run(&mut app, "? d");
    assert_eq!(app.seat.mode, Mode::Help);
    run(&mut app, "j j k <esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(
        app.room.map,
        sample_map(),
        "keys in the help change nothing"
    );
    assert_eq!(app.seat.selection.lane, Lane::Touchpoints);
}

#[test]
fn w_saves_under_another_name_from_the_board_even_read_only() {
    let mut app = editor(sample_map());
    app.room.path = Some(PathBuf::from("map.ron"));
    app.room.read_only = true;
    assert_eq!(
        run(&mut app, r#"w "copy" <enter>"#),
        [Effect::Save(PathBuf::from("copy.ron"))]
    );
}

#[test]
fn a_map_that_cannot_be_written_where_it_is_asks_for_a_name_on_save() {
    let mut app = editor(sample_map());
    app.room.path = Some(PathBuf::from("/no/such/folder/map.ron"));
    app.event(Event::CannotWrite("this folder does not exist".into()));
    let (message, kind) = app.seat.status.clone().expect("says so at once");
    assert_eq!(kind, StatusKind::Error);
    assert!(message.contains("Ctrl-s will ask"), "{message}");
    // Ctrl-s proposes the map's whole path, folder and all, to be put right.
    assert!(run(&mut app, "+ <C-s>").is_empty());
    assert!(matches!(
        &app.seat.mode,
        Mode::Editing { target: Target::SaveAs, input } if input.text() == "/no/such/folder/map.ron"
    ));
    assert_eq!(
        run(&mut app, r#"<C-u> "workshops/map.ron" <enter>"#),
        [Effect::Save(PathBuf::from("workshops/map.ron"))]
    );
}

#[test]
fn a_pasted_file_name_never_keeps_its_line_breaks() {
    let mut app = editor(sample_map());
    run(&mut app, "w");
    app.update(Action::Paste("multi\nline\nname".into()));
    assert!(run(&mut app, "<enter>").is_empty(), "nothing is saved yet");
    assert!(matches!(
        &app.seat.mode,
        Mode::Editing { target: Target::SaveAs, input } if input.text() == "multi line name"
    ));
    assert_eq!(
        run(&mut app, "<enter>"),
        [Effect::Save(PathBuf::from("multi line name.ron"))]
    );
}

#[test]
fn a_deleted_file_is_said_to_be_deleted() {
    let mut app = editor(sample_map());
    app.event(Event::ChangedOnDisk { deleted: true });
    let (message, _) = app.seat.status.clone().expect("a message");
    assert!(message.contains("deleted on disk"), "{message}");
    app.event(Event::SaveConflict { deleted: true });
    assert_eq!(app.seat.mode, Mode::ChangedOnDisk { deleted: true });
    assert!(screen(&app).contains("Deleted on disk"));
}

#[test]
fn ctrl_l_redraws_in_every_mode() {
    let mut app = editor(sample_map());
    assert_eq!(run(&mut app, "<C-l>"), [Effect::Redraw]);
    run(&mut app, "a");
    assert_eq!(run(&mut app, "<C-l>"), [Effect::Redraw]);
    assert!(
        matches!(app.seat.mode, Mode::Editing { .. }),
        "the input stays open"
    );
}

/// A restored recovery copy and a reload each replace the whole map: the status bar says
/// which happened, and that restored work is not saved yet.
#[test]
fn a_restored_copy_and_a_reload_each_say_so() {
    let mut app = with_path("map.ron");
    let mut restored = sample_map();
    restored.title = "Restored".into();
    app.event(Event::Replace {
        map: Box::new(restored),
        saved: false,
    });
    let (message, kind) = status(&app);
    assert_eq!(kind, StatusKind::Info);
    assert!(
        message.contains("recovery copy restored") && message.contains("Ctrl-s"),
        "{message}"
    );
    app.event(Event::Replace {
        map: Box::new(sample_map()),
        saved: true,
    });
    let (message, _) = status(&app);
    assert!(message.contains("reloaded"), "{message}");
}

/// Ctrl-s on a map whose place cannot be written opens the file name with the path in it;
/// the status bar says why again, as the notice on opening is long gone by then.
#[test]
fn ctrl_s_where_the_map_cannot_be_written_says_why_it_asks_for_a_name() {
    let mut app = with_path("/nowhere/journey.ron");
    app.event(Event::CannotWrite("this folder does not exist".into()));
    run(&mut app, r#"a "A card" <enter> <esc>"#);
    assert!(run(&mut app, "<C-s>").is_empty());
    assert!(matches!(
        app.seat.mode,
        Mode::Editing {
            target: Target::SaveAs,
            ..
        }
    ));
    let (message, _) = status(&app);
    assert!(message.contains("this folder does not exist"), "{message}");
}

/// `F` (follow me) is for a live session's participants: on the one-terminal editor it says
/// so, as `W` does, rather than promise participants a view that nobody has.
#[test]
fn follow_me_outside_a_live_session_says_where_it_works() {
    let mut app = editor(sample_map());
    run(&mut app, "F");
    let (message, _) = status(&app);
    assert!(message.contains("live session"), "{message}");
    assert!(!app.room.follow_me());
}
