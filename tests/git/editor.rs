//! Settling a merge's conflicts in the editor: the board marks each conflicted card, and
//! one key settles each conflict (`[` ours, `]` theirs, `|` both), undone with one undo.

use journeymap::format;
use journeymap::model::Lane;

use crate::editor::{editor, run, screen, texts};

fn conflicted() -> journeymap::model::Map {
    let text = std::fs::read_to_string(crate::cli::repo_file(
        "tests/fixtures/conflicts/two-conflicts.ron",
    ))
    .expect("fixture");
    format::from_str(&text).expect("a map with conflicts loads")
}

#[test]
fn one_key_per_conflict_and_the_map_checks_clean() {
    let mut app = editor(conflicted());
    let board = screen(&app);
    assert!(
        board.contains("⚡ours") && board.contains("⚡theirs"),
        "{board}"
    );
    // The first pain point is ours' version; `]` keeps theirs instead.
    run(&mut app, "<tab><tab> ]");
    assert_eq!(
        texts(&app, 0, Lane::PainPoints),
        ["Long form with 12 fields", "Hidden fees"]
    );
    // The opportunity is theirs' edit of a card ours deleted: `[` takes ours, the deletion.
    run(&mut app, "<tab> [");
    assert!(texts(&app, 0, Lane::Opportunities).is_empty());
    // No card conflict left here: the key settles the stage name.
    run(&mut app, "|");
    assert_eq!(app.room.map.stages[0].name, "Buy / Purchase");
    assert_eq!(app.room.map.conflict_count(), 0);
    assert!(format::check(format::to_string(&app.room.map).as_bytes()).is_ok());
    // Each settlement is one undo.
    run(&mut app, "u u u");
    assert_eq!(app.room.map, conflicted());
}

#[test]
fn the_keys_say_so_where_there_is_no_conflict() {
    let mut app = editor(crate::editor::sample_map());
    let before = app.room.map.clone();
    run(&mut app, "[ ] |");
    assert_eq!(app.room.map, before);
    assert!(screen(&app).contains("no merge conflict here"));
}

#[test]
fn on_a_conflicted_card_the_status_bar_and_the_detail_line_say_how_to_settle_it() {
    let mut app = editor(conflicted());
    let footer =
        |app: &journeymap::app::App| screen(app).lines().last().unwrap_or_default().to_string();
    assert!(!footer(&app).contains("take ours"), "{}", footer(&app));
    run(&mut app, "<tab><tab>");
    assert!(
        app.view()
            .selected_card()
            .is_some_and(|c| c.conflict.is_some()),
        "on a conflicted card"
    );
    let bar = footer(&app);
    assert!(
        bar.contains("[ take ours") && bar.contains("] take theirs"),
        "{bar}"
    );
    assert!(screen(&app).contains("⚡ conflict"), "{}", screen(&app));
}
