//! Stages (rename, and the S menu: add, remove, move), the title and the persona.

use journeymap::app::{Mode, PersonaField, Target};
use journeymap::model::{Lane, Map, Persona, Stage};

use super::{editor, run, sample_map, sample_with_persona, screen, slot, texts};

fn names(map: &Map) -> Vec<&str> {
    map.stages.iter().map(|s| s.name.as_str()).collect()
}

fn message(app: &journeymap::app::App) -> String {
    app.seat.status.clone().map(|(m, _)| m).unwrap_or_default()
}

#[test]
fn r_renames_the_selected_stage() {
    let mut app = editor(sample_map());
    run(&mut app, r#"2 r"#);
    assert!(matches!(
        &app.seat.mode,
        Mode::Editing { target: Target::StageName(1), input } if input.text() == "Consider"
    ));
    run(&mut app, r#"<C-u> "  Compare   options " <enter>"#);
    assert_eq!(names(&app.room.map), ["Aware", "Compare options", "Buy"]);
    // The stage keeps its cards and description.
    assert_eq!(texts(&app, 1, Lane::Touchpoints), ["Pricing page"]);
    // Blank: refused with a reason. Esc: nothing.
    let before = app.room.map.clone();
    run(&mut app, r#"r <C-u> " " <enter>"#);
    assert_eq!(app.room.map, before);
    assert!(message(&app).contains("needs a name"), "{}", message(&app));
    run(&mut app, r#"r "xyz" <esc>"#);
    assert_eq!(app.room.map, before);
    // From the stage menu too.
    run(&mut app, r#"S r <C-u> "Choose" <enter>"#);
    assert_eq!(names(&app.room.map), ["Aware", "Choose", "Buy"]);
}

#[test]
fn the_stage_menu_adds_a_stage_after_the_selected_one() {
    let mut app = editor(sample_map());
    run(&mut app, "S");
    assert_eq!(app.seat.mode, Mode::StageMenu);
    run(&mut app, r#"a "Research" <enter> <esc>"#);
    assert_eq!(
        names(&app.room.map),
        ["Aware", "Research", "Consider", "Buy"]
    );
    assert_eq!(app.seat.selection, slot(1, Lane::Touchpoints, 0));
    assert_eq!(app.room.map.stages[1], Stage::new("Research"));
    // After the last stage.
    run(&mut app, r#"4 S a "Renew" <enter>"#);
    assert_eq!(
        names(&app.room.map),
        ["Aware", "Research", "Consider", "Buy", "Renew"]
    );
    assert_eq!(app.seat.selection.stage, 4);
    // A blank name adds nothing and says so.
    let before = app.room.map.clone();
    run(&mut app, r#"S a "  " <enter>"#);
    assert_eq!(app.room.map, before);
    assert!(
        message(&app).contains("no stage added"),
        "{}",
        message(&app)
    );
}

#[test]
fn the_stage_menu_removes_a_stage_but_never_the_last_one() {
    let mut app = editor(sample_map());
    // A stage with cards: asked first, with the count; n or Esc keeps it.
    run(&mut app, "S d");
    assert_eq!(app.seat.mode, Mode::ConfirmRemoveStage { stage: 0 });
    assert!(
        screen(&app).contains("Remove stage 'Aware' and its 5 cards?"),
        "{}",
        screen(&app)
    );
    run(&mut app, "n");
    assert_eq!(app.room.map, sample_map());
    assert_eq!(app.seat.mode, Mode::Normal);
    run(&mut app, "S d <esc>");
    assert_eq!(app.room.map, sample_map());
    run(&mut app, "S d y");
    assert_eq!(names(&app.room.map), ["Consider", "Buy"]);
    assert_eq!(app.seat.selection.stage, 0);
    assert!(
        message(&app).contains("stage 'Aware' and its 5 cards removed (u to undo)"),
        "{}",
        message(&app)
    );
    // An empty stage goes at once.
    run(&mut app, "2 S <del>");
    assert_eq!(names(&app.room.map), ["Consider"]);
    assert_eq!(
        app.seat.selection.stage, 0,
        "the selection stays on a stage that exists"
    );
    run(&mut app, "S d");
    assert_eq!(names(&app.room.map), ["Consider"]);
    assert!(
        message(&app).contains("at least one stage"),
        "{}",
        message(&app)
    );
    assert_eq!(app.seat.mode, Mode::Normal);
    // Undo brings the stages back with their cards.
    run(&mut app, "u u");
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn the_stage_menu_moves_a_stage_left_and_right_within_the_ends() {
    let mut app = editor(sample_map());
    run(&mut app, "S h S <left>");
    assert_eq!(app.room.map, sample_map(), "the first stage cannot go left");
    run(&mut app, "S l");
    assert_eq!(names(&app.room.map), ["Consider", "Aware", "Buy"]);
    assert_eq!(
        app.seat.selection.stage, 1,
        "the selection moves with the stage"
    );
    assert_eq!(
        texts(&app, 1, Lane::Touchpoints),
        ["Search ad", "Blog post"]
    );
    run(&mut app, "S <right>");
    assert_eq!(names(&app.room.map), ["Consider", "Buy", "Aware"]);
    let before = app.room.map.clone();
    run(&mut app, "S l");
    assert_eq!(app.room.map, before, "the last stage cannot go right");
    assert_eq!(app.seat.selection.stage, 2);
    run(&mut app, "S h S h");
    assert_eq!(app.room.map, sample_map());
    assert_eq!(app.seat.selection.stage, 0);
}

#[test]
fn esc_closes_the_stage_menu_and_stray_keys_do_nothing() {
    let mut app = editor(sample_map());
    run(&mut app, "S <esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
    run(&mut app, "S x");
    assert_eq!(app.seat.mode, Mode::StageMenu);
    run(&mut app, "p <esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn the_stage_menu_edits_the_stage_question() {
    let mut app = editor(sample_map());
    run(&mut app, "S e <C-u> \"What brings them here?\" <enter>");
    assert_eq!(app.room.map.stages[0].description, "What brings them here?");
    run(&mut app, "u");
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn a_key_that_does_nothing_says_so() {
    let mut app = editor(sample_map());
    run(&mut app, "Z");
    let (message, _) = app.seat.status.clone().expect("a message");
    assert!(
        message.contains("Z does nothing here") && message.contains('?'),
        "{message}"
    );
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn t_edits_the_title() {
    let mut app = editor(sample_map());
    run(&mut app, "T");
    assert!(matches!(
        &app.seat.mode,
        Mode::Editing { target: Target::Title, input } if input.text() == "Sample journey"
    ));
    run(&mut app, r#"<C-w> "trip" <enter>"#);
    assert_eq!(app.room.map.title, "Sample trip");
    run(&mut app, r#"T <C-u> "x" <esc> <esc>"#);
    assert_eq!(app.room.map.title, "Sample trip");
    run(&mut app, "u");
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn the_persona_menu_creates_and_edits_a_persona() {
    let mut app = editor(sample_map());
    run(&mut app, "p");
    assert_eq!(app.seat.mode, Mode::PersonaMenu);
    // Without a name, the other fields wait.
    run(&mut app, "g");
    assert_eq!(app.seat.mode, Mode::PersonaMenu);
    assert!(message(&app).contains("name first"), "{}", message(&app));
    run(&mut app, r#"n "Olivia" <enter>"#);
    assert_eq!(
        app.seat.mode,
        Mode::PersonaMenu,
        "back in the menu for the next field"
    );
    run(
        &mut app,
        r#"s "Runs a team" <enter> g "Save time; Less chasing ;; " <enter>"#,
    );
    run(&mut app, r#"f "Long forms" <enter> <esc>"#);
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(
        app.room.map.persona,
        Some(Persona {
            name_conflict: None,
            summary_conflict: None,
            conflict: None,
            name: "Olivia".into(),
            summary: "Runs a team".into(),
            goals: vec!["Save time".into(), "Less chasing".into()],
            frustrations: vec!["Long forms".into()],
        })
    );
    // Goals come back into the input as they were typed.
    run(&mut app, "p g");
    assert!(matches!(
        &app.seat.mode,
        Mode::Editing { target: Target::Persona(PersonaField::Goals), input }
            if input.text() == "Save time; Less chasing"
    ));
    run(&mut app, "<esc>");
    assert_eq!(app.room.map.title, "Sample journey");
}

#[test]
fn a_persona_name_cannot_be_blanked_and_x_removes_the_persona() {
    let mut app = editor(sample_with_persona());
    run(&mut app, r#"p n <C-u> <enter>"#);
    assert_eq!(app.room.map, sample_with_persona());
    assert!(message(&app).contains("needs a name"), "{}", message(&app));
    run(&mut app, "<esc> p x");
    assert_eq!(app.room.map.persona, None);
    assert_eq!(app.seat.mode, Mode::Normal);
    run(&mut app, "u");
    assert_eq!(app.room.map, sample_with_persona());
}

#[test]
fn esc_in_a_persona_field_goes_back_to_the_persona_menu() {
    // Enter in a field returns to the menu for the next field; Esc should too, rather than
    // dropping the user on the board.
    let mut app = editor(sample_with_persona());
    run(&mut app, "p s <esc>");
    assert_eq!(app.seat.mode, Mode::PersonaMenu);
    assert_eq!(app.room.map, sample_with_persona());
}

#[test]
fn enter_on_unchanged_persona_goals_keeps_a_goal_that_holds_a_semicolon() {
    let mut map = sample_with_persona();
    if let Some(persona) = map.persona.as_mut() {
        persona.goals = vec!["Save time; and money".into(), "Less chasing".into()];
    }
    let mut app = editor(map.clone());
    run(&mut app, "p g <enter> <esc>");
    assert_eq!(app.room.map, map, "the goals were only looked at");
    assert!(!app.room.is_dirty());
}

/// A key's words in a dialog wrap rather than end in `…` at 80 columns: removing a stage
/// says whole that `u` brings it back.
#[test]
fn the_remove_stage_question_says_whole_that_u_brings_it_back() {
    let mut app = editor(sample_map());
    run(&mut app, "S d");
    let text = screen(&app);
    // The key's words: from the row that starts them, in the same columns below.
    let rows: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let (top, at) = rows
        .iter()
        .enumerate()
        .find_map(|(i, row)| {
            let line: String = row.iter().collect();
            let byte = line.find("remove the stage and its cards")?;
            Some((i, line[..byte].chars().count()))
        })
        .expect("the key's words");
    let joined: String = rows[top..]
        .iter()
        .take(3)
        .map(|row| {
            row.iter()
                .skip(at)
                .take_while(|&&c| c != '│')
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(joined.contains("(u brings them back)"), "{text}");
}
