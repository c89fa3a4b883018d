//! Undo and redo after every kind of change, back to the exact map before it.

use journeymap::app::{Action, App, Mode};
use journeymap::model::Lane;

use super::{editor, run, sample_with_persona, slot};

/// Every kind of change the editor can make, as a key script (or a paste) from a fresh
/// editor on `sample_with_persona()`.
const CHANGES: &[(&str, &str)] = &[
    ("add a card", r#"a "Newsletter" <enter> <esc>"#),
    (
        "add to an empty lane",
        r#"3 <tab> <tab> a "No trial" <enter> <esc>"#,
    ),
    ("paste a list", "PASTE"),
    ("edit the text", r#"e <C-w> "banner" <enter>"#),
    ("edit the notes", r#"E "Most trials start here" <enter>"#),
    ("edit the channel", r#"c <C-u> "email" <enter>"#),
    ("delete a card", "d"),
    ("delete the last card of a lane", "<tab> <tab> d"),
    ("vote up", "+"),
    ("vote down", "-"),
    ("raise a score", "<tab> >"),
    ("lower a score", "<tab> <lt>"),
    ("vote on an emotion", "<tab> +"),
    ("move a card to the next stage", "<S-right>"),
    ("move a card to the previous stage", "2 H"),
    ("move a card down", "J"),
    ("move a card up", "j K"),
    ("rename a stage", r#"r <C-u> "Discover" <enter>"#),
    ("add a stage", r#"S a "Renew" <enter>"#),
    ("remove a stage", "S d y"),
    ("remove a stage with no cards", "3 S d"),
    ("move a stage right", "S l"),
    ("move a stage left", "3 S h"),
    ("edit the title", r#"T <C-u> "Workshop" <enter>"#),
    ("rename the persona", r#"p n <C-u> "Sam" <enter> <esc>"#),
    ("edit the persona summary", r#"p s <C-u> <enter> <esc>"#),
    (
        "edit the persona goals",
        r#"p g "; Fewer meetings" <enter> <esc>"#,
    ),
    (
        "edit the persona frustrations",
        r#"p f "Sales calls" <enter> <esc>"#,
    ),
    ("remove the persona", "p x"),
];

fn apply(app: &mut App, script: &str) {
    if script == "PASTE" {
        app.update(Action::Paste("one\ntwo\nthree".into()));
        run(app, "<enter> <esc>");
    } else {
        run(app, script);
    }
}

#[test]
fn every_kind_of_change_is_undone_and_redone_exactly() {
    for &(name, script) in CHANGES {
        let mut app = editor(sample_with_persona());
        let original = app.room.map.clone();
        apply(&mut app, script);
        assert_eq!(app.seat.mode, Mode::Normal, "{name}");
        let changed = app.room.map.clone();
        assert_ne!(changed, original, "{name}: the script changed nothing");
        assert!(app.room.is_dirty(), "{name}");
        for (undo, redo) in [("u", "<C-r>"), ("<C-z>", "<C-y>")] {
            run(&mut app, undo);
            assert_eq!(app.room.map, original, "{name}: {undo}");
            assert!(!app.room.is_dirty(), "{name}: back to the saved state");
            run(&mut app, undo);
            assert_eq!(app.room.map, original, "{name}: one change, one undo");
            run(&mut app, redo);
            assert_eq!(app.room.map, changed, "{name}: {redo}");
            assert!(app.room.is_dirty(), "{name}");
            run(&mut app, redo);
            assert_eq!(app.room.map, changed, "{name}: nothing more to redo");
        }
    }
}

#[test]
fn all_changes_in_a_row_undo_back_to_the_start_and_redo_to_the_end() {
    let mut app = editor(sample_with_persona());
    let original = app.room.map.clone();
    let mut states = vec![original.clone()];
    for &(name, script) in CHANGES {
        app.seat.selection = slot(0, Lane::Touchpoints, 0);
        let before = app.room.map.clone();
        apply(&mut app, script);
        if app.room.map != before {
            states.push(app.room.map.clone());
        } else {
            // A few scripts depend on the starting map (the persona is gone, say).
            eprintln!("{name}: no change on this map");
        }
    }
    assert!(states.len() > 20, "most changes apply in a row");
    for state in states.iter().rev().skip(1) {
        run(&mut app, "u");
        assert_eq!(&app.room.map, state);
    }
    run(&mut app, "u");
    assert_eq!(app.room.map, original);
    for state in states.iter().skip(1) {
        run(&mut app, "<C-r>");
        assert_eq!(&app.room.map, state);
    }
}

#[test]
fn undo_shows_where_the_change_was() {
    let mut app = editor(sample_with_persona());
    run(&mut app, "2 <tab> > 1 <tab> <tab> <tab>");
    run(&mut app, "u");
    assert_eq!(app.seat.selection, slot(1, Lane::Emotions, 0));
    let (message, _) = app.seat.status.clone().expect("says what happened");
    assert_eq!(message, "undone: score of card 'Confused'");
    run(&mut app, "1 <C-r>");
    assert_eq!(app.seat.selection, slot(1, Lane::Emotions, 0));
    run(&mut app, "u u");
    let (message, _) = app.seat.status.clone().expect("says there is nothing");
    assert_eq!(message, "nothing to undo");
}

#[test]
fn a_new_change_after_undo_clears_redo() {
    let mut app = editor(sample_with_persona());
    run(&mut app, "+ u -");
    let after = app.room.map.clone();
    run(&mut app, "<C-r>");
    assert_eq!(app.room.map, after);
    let (message, _) = app.seat.status.clone().expect("says there is nothing");
    assert_eq!(message, "nothing to redo");
}

#[test]
fn undo_is_offered_on_the_status_bar_once_there_is_something_to_undo() {
    let mut app = super::sized(editor(sample_with_persona()), 120, 40);
    let last_line = |app: &App| super::screen(app).lines().last().unwrap_or("").to_string();
    assert!(!last_line(&app).contains("u undo"), "{}", last_line(&app));
    run(&mut app, r#"a "Newsletter" <enter> <esc>"#);
    assert!(last_line(&app).contains("u undo"), "{}", last_line(&app));
    app.update(Action::Undo);
    assert!(!last_line(&app).contains("u undo"), "{}", last_line(&app));
}
