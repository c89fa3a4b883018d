//! Evidence, source, owner and status set from the keyboard, each one undo step, and the
//! workshop's outcome on one screen.

use journeymap::app::{App, Mode};
use journeymap::model::{Evidence, Lane, Status};

use super::{editor, example_map, run, sample_map, screen, sized};

#[test]
fn evidence_cycles_and_the_source_is_typed_on_any_card() {
    let mut app = editor(sample_map());
    let card = |app: &App| app.view().selected_card().cloned().expect("a card");
    run(&mut app, "i");
    assert_eq!(card(&app).evidence, Some(Evidence::Assumption));
    run(&mut app, "i i");
    assert_eq!(card(&app).evidence, Some(Evidence::Validated));
    run(&mut app, "i");
    assert_eq!(card(&app).evidence, None);
    run(&mut app, r#"I "Interview 4" <enter>"#);
    assert_eq!(card(&app).source, "Interview 4");
    assert!(
        screen(&app).contains("source: Interview 4"),
        "the detail line shows it"
    );
    // Five changes, five undo steps.
    run(&mut app, "u u u u");
    assert_ne!(app.room.map, sample_map());
    run(&mut app, "u");
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn owner_and_status_belong_to_opportunities() {
    let mut app = editor(sample_map());
    run(&mut app, "o");
    let (message, _) = app.seat.status.clone().expect("says why not");
    assert!(message.contains("only opportunities"), "{message}");
    run(&mut app, "O");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(app.room.map, sample_map());

    run(&mut app, r#"<S-tab> O "Priya" <enter> o o"#);
    assert_eq!(app.seat.selection.lane, Lane::Opportunities);
    let card = app.view().selected_card().cloned().expect("a card");
    assert_eq!(card.owner, "Priya");
    assert_eq!(card.status, Some(Status::Planned));
    let footer_and_detail = screen(&app);
    assert!(
        footer_and_detail.contains("owner: Priya · status: planned"),
        "{footer_and_detail}"
    );
    run(&mut app, "u u u");
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn the_board_marks_guesses_and_plans() {
    let mut app = sized(App::new(sample_map(), None), 100, 30);
    run(&mut app, "i <S-tab> o o");
    insta::assert_snapshot!("field_marks_100x30", screen(&app));
    let text = screen(&app);
    assert!(text.contains('?'), "an assumption is marked");
    assert!(text.contains('▸'), "a planned opportunity is marked");
}

#[test]
fn the_outcome_shows_on_one_screen_and_scrolls() {
    let mut app = sized(App::new(example_map(), None), 120, 40);
    run(&mut app, "R");
    assert!(matches!(app.seat.mode, Mode::Summary { .. }));
    let text = screen(&app);
    assert!(text.contains("The workshop's outcome"), "{text}");
    insta::assert_snapshot!("outcome_120x40", text);
    run(&mut app, "j j j");
    assert_ne!(screen(&app), text, "it scrolls");
    run(&mut app, "<esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
}
