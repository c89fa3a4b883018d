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
    assert!(screen(&app).contains("⚡ours"), "{}", screen(&app));
}

/// Settling a conflict means comparing the two versions: at 80 columns the line under the
/// board shows each version's whole text (the keys are on the status bar already).
#[test]
fn at_80_columns_the_detail_line_shows_each_conflicted_version_whole() {
    use journeymap::model::{Card, Map, Side, Stage};
    let mut map = Map::new("Trial");
    let mut buy = Stage::new("Buy");
    for (text, side) in [
        ("No price for teams above ten seats on the page", Side::Ours),
        (
            "No price listed for teams above ten on the page",
            Side::Theirs,
        ),
    ] {
        buy.lane_mut(Lane::PainPoints).push(Card {
            conflict: Some(side),
            ..Card::new(text).with_votes(3)
        });
    }
    map.stages = vec![buy];
    let mut app = editor(map);
    let detail = |app: &journeymap::app::App| {
        let shown = screen(app);
        let lines: Vec<&str> = shown.lines().collect();
        lines[lines.len() - 2].to_string()
    };
    run(&mut app, "<tab><tab>");
    let ours = detail(&app);
    assert!(
        ours.contains("No price for teams above ten seats on the page") && ours.contains("ours"),
        "{ours}"
    );
    run(&mut app, "j");
    let theirs = detail(&app);
    assert!(
        theirs.contains("No price listed for teams above ten on the page")
            && theirs.contains("theirs"),
        "{theirs}"
    );
}

/// A map with a conflict of every kind: the title, the persona's summary, stage 2's
/// description, stage 3's name, and a card edited both ways in stage 3 (3 votes).
fn every_kind() -> journeymap::model::Map {
    use journeymap::model::{Card, Map, Persona, Side, Stage};
    let mut map = Map::new("Trial, Q3");
    map.title_conflict = Some("Trial, autumn".into());
    map.persona = Some(Persona {
        name: "Olivia".into(),
        summary: "Runs a shop".into(),
        summary_conflict: Some("Runs a bakery".into()),
        ..Persona::default()
    });
    let mut look = Stage::new("Look");
    look.lane_mut(Lane::Touchpoints)
        .push(Card::new("Search ad"));
    let mut learn = Stage::new("Learn").with_description("What do they read?");
    learn.description_conflict = Some("What do they compare?".into());
    learn
        .lane_mut(Lane::Touchpoints)
        .push(Card::new("Pricing page"));
    let mut buy = Stage::new("Buy");
    buy.conflict = Some("Checkout".into());
    let pains = buy.lane_mut(Lane::PainPoints);
    pains.push(Card::new("Hidden fees"));
    for (text, side) in [
        ("Long form", Side::Ours),
        ("Long form, 12 fields", Side::Theirs),
    ] {
        pains.push(Card {
            conflict: Some(side),
            ..Card::new(text).with_votes(3)
        });
    }
    map.stages = vec![look, learn, buy];
    map
}

#[test]
fn on_opening_the_status_line_counts_the_conflicts_and_every_one_is_marked() {
    let app = editor(every_kind());
    let board = screen(&app);
    assert!(
        board.contains("5 merge conflicts") && board.contains("! jumps"),
        "{board}"
    );
    // The title and the persona in the header, stages 2 and 3 on their names, the card.
    for marked in [
        "⚡ Trial, Q3",
        "⚡ Olivia",
        "2 ⚡ Learn",
        "3 ⚡ Buy",
        "⚡ours",
    ] {
        assert!(
            board.contains(marked),
            "{marked} not on the board:\n{board}"
        );
    }
    assert!(!board.contains("⚡ Look"), "{board}");
    // The persona strip marks the persona too; the help names the key.
    let mut app = app;
    run(&mut app, "P");
    assert!(
        screen(&app).contains("Persona: ⚡ Olivia"),
        "{}",
        screen(&app)
    );
    run(&mut app, "P ?");
    let mut help = screen(&app);
    for _ in 0..80 {
        if help.contains("next merge conflict") {
            break;
        }
        run(&mut app, "<down>");
        help = screen(&app);
    }
    assert!(
        help.contains("!               next merge conflict"),
        "{help}"
    );
    // A map without conflicts says nothing of them.
    let plain = screen(&editor(crate::editor::sample_map()));
    assert!(
        !plain.contains("merge conflict") && !plain.contains('⚡'),
        "{plain}"
    );
}

#[test]
fn one_key_jumps_from_conflict_to_conflict_and_round_again() {
    let mut app = editor(every_kind());
    let at = |app: &journeymap::app::App| {
        let s = app.seat.selection;
        (s.stage, s.lane, s.index)
    };
    run(&mut app, "!");
    assert_eq!(at(&app).0, 1, "stage 2's description");
    assert!(screen(&app).contains("description"), "{}", screen(&app));
    run(&mut app, "!");
    assert_eq!(at(&app).0, 2, "stage 3's name");
    run(&mut app, "!");
    assert_eq!(
        at(&app),
        (2, Lane::PainPoints, 1),
        "the card edited both ways"
    );
    // Then the title and the persona, which the status line names, and round again.
    run(&mut app, "!");
    assert!(screen(&app).contains("title"), "{}", screen(&app));
    run(&mut app, "!");
    assert!(screen(&app).contains("summary"), "{}", screen(&app));
    run(&mut app, "!");
    assert_eq!(at(&app).0, 1, "round to the first again");
}

#[test]
fn every_kind_of_conflict_is_settled_with_the_same_keys() {
    let mut app = editor(every_kind());
    // Stage 2's description: theirs.
    run(&mut app, "! ]");
    assert_eq!(app.room.map.stages[1].description, "What do they compare?");
    assert_eq!(app.room.map.stages[1].description_conflict, None);
    // Stage 3's name: both.
    run(&mut app, "! |");
    assert_eq!(app.room.map.stages[2].name, "Buy / Checkout");
    // The card edited both ways: both versions, and its 3 votes once, not twice.
    run(&mut app, "! |");
    let pains = &app.room.map.stages[2].lane(Lane::PainPoints);
    let votes: Vec<u16> = pains.iter().map(|c| c.votes).collect();
    assert_eq!(votes, [0, 3, 0], "{pains:?}");
    // The title (ours), then the persona's summary (theirs): no conflict left.
    run(&mut app, "! [ ! ]");
    assert_eq!(app.room.map.title, "Trial, Q3");
    let persona = app.room.map.persona.as_ref().expect("persona");
    assert_eq!(persona.summary, "Runs a bakery");
    assert_eq!(app.room.map.conflict_count(), 0);
    assert!(format::check(format::to_string(&app.room.map).as_bytes()).is_ok());
    run(&mut app, "!");
    assert!(
        screen(&app).contains("no merge conflict left"),
        "{}",
        screen(&app)
    );
    // Each settlement is one undo.
    run(&mut app, "u u u u u");
    assert_eq!(app.room.map, every_kind());
}

/// At 80 columns `!` on a title or a stage name changed both ways says whole what theirs
/// is and which keys settle it (no card is selected, so the status bar offers no keys of
/// its own): a message longer than the status bar takes the line under the board.
#[test]
fn at_80_columns_a_title_or_stage_conflict_says_its_keys_whole() {
    let mut map = every_kind();
    map.title = "Trial sign-up journey, the autumn workshop".into();
    map.title_conflict = Some("Trial sign-up journey, the Q3 workshop".into());
    let mut app = editor(map);
    for _ in 0..4 {
        run(&mut app, "!");
        let message = app.seat.status.clone().expect("a message").0;
        if !message.contains("the title") {
            continue;
        }
        let shown = screen(&app);
        let lines: Vec<&str> = shown.lines().collect();
        let bottom = format!(
            "{} {}",
            lines[lines.len() - 2].trim(),
            lines[lines.len() - 1].trim()
        );
        assert!(bottom.contains(&message), "{message}\n{shown}");
        assert!(
            shown.lines().last().unwrap_or_default().contains("q quit"),
            "{shown}"
        );
        return;
    }
    panic!("! never reached the title");
}

#[test]
fn the_real_editor_counts_the_conflicts_on_opening_and_jumps_to_them() {
    use crate::pty::harness::{Session, TIMEOUT};
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("map.ron");
    std::fs::write(&file, format::to_string(&every_kind())).expect("write map");
    let mut s = Session::open(&file);
    s.wait_for("5 merge conflicts");
    assert!(s.screen_text().contains("3 ⚡ Buy"), "{}", s.screen_text());
    s.send("!");
    s.wait_for("stage 2's description was changed both ways");
    s.send("]");
    s.wait_for("stage description settled: theirs' kept");
    s.send("q");
    s.wait_for("quit without saving");
    s.send("n");
    assert!(s.wait_exit(TIMEOUT).success());
}

#[test]
fn a_persona_removed_on_one_side_and_changed_on_the_other_is_kept_or_removed_with_one_key() {
    use journeymap::model::{Map, Persona, Side, Stage};
    let mut map = Map::new("Trial");
    map.stages.push(Stage::new("Look"));
    map.persona = Some(Persona {
        name: "Olivia".into(),
        summary: "Runs a bakery".into(),
        conflict: Some(Side::Theirs),
        ..Persona::default()
    });
    let mut app = editor(map.clone());
    assert!(screen(&app).contains("⚡ Olivia"), "{}", screen(&app));
    run(&mut app, "!");
    assert!(
        screen(&app).contains("theirs changed the persona and ours removed it"),
        "{}",
        screen(&app)
    );
    // Ours removed it: `[` removes it.
    run(&mut app, "[");
    assert_eq!(app.room.map.persona, None);
    run(&mut app, "u");
    assert_eq!(app.room.map, map);
    // Theirs changed it: `]` keeps it, settled.
    run(&mut app, "! ]");
    let kept = app.room.map.persona.as_ref().expect("kept");
    assert_eq!(
        (kept.summary.as_str(), kept.conflict),
        ("Runs a bakery", None)
    );
    assert_eq!(app.room.map.conflict_count(), 0);
}
