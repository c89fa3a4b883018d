//! What the user sees: whole frames as text, snapshotted with insta (colourless theme).
//! Review every changed snapshot as a user would read the screen.

use journeymap::app::{Action, App, Event, Mode};
use journeymap::model::{Lane, Map};
use journeymap::templates;
use journeymap::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;

use super::{
    assert_board_intact, buffer_text, draw, editor, example_map, hostile_map, run, sample_map,
    screen, sized, wide_map,
};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

/// Snapshots the board of `map` at each size, checking the grid on the way.
fn snapshot_board(name: &str, map: &Map) {
    for (width, height) in SIZES {
        let app = sized(App::new(map.clone(), None), width, height);
        let (buf, cursor) = draw(&app);
        assert_eq!(cursor, None, "no cursor on the board");
        assert_board_intact(&app, &buf);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), buffer_text(&buf));
    }
}

#[test]
fn default_template() {
    snapshot_board("default_map", &templates::default_map());
}

#[test]
fn example_map_snapshots() {
    snapshot_board("example_map", &example_map());
}

#[test]
fn long_and_wide_text() {
    snapshot_board("wide_text", &wide_map());
}

#[test]
fn hostile_text() {
    snapshot_board("hostile_text", &hostile_map());
}

#[test]
fn wide_text_with_each_card_selected_keeps_the_grid() {
    // The selection bar and the detail line under the board, for every card in turn.
    for (width, height) in SIZES {
        let mut app = sized(App::new(wide_map(), None), width, height);
        for stage in 0..app.room.map.stages.len() {
            app.update(Action::JumpStage(stage));
            for _ in 0..8 {
                let (buf, _) = draw(&app);
                assert_board_intact(&app, &buf);
                app.update(Action::Down);
            }
        }
    }
}

#[test]
fn example_map_in_a_later_stage_at_80x24() {
    let mut app = editor(example_map());
    run(&mut app, "4 j j j");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = sized(App::new(example_map(), None), width, height);
        run(&mut app, "?");
        insta::assert_snapshot!(format!("help_{width}x{height}"), screen(&app));
    }
}

#[test]
fn quit_dialog() {
    let mut app = editor(example_map());
    run(&mut app, "+ q");
    assert_eq!(app.seat.mode, Mode::ConfirmQuit);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn inline_editor_on_a_new_card() {
    let mut app = editor(example_map());
    run(&mut app, r#"2 <tab> a "Relieved: the price is clear""#);
    let (buf, cursor) = draw(&app);
    let Mode::Editing { target, .. } = &app.seat.mode else {
        panic!("the inline editor is open")
    };
    let journeymap::app::Target::NewCard(slot) = target else {
        panic!("on a new card, not {target:?}")
    };
    assert_eq!(slot.lane, Lane::Emotions);
    let geo = app.view().geometry().expect("drawn");
    // The text shows in full in the input under the board, the cursor right after it.
    let row = geo.below_top() + geo.persona_rows;
    assert_eq!(geo.input_rows, 1);
    let cursor = cursor.expect("the cursor is placed");
    assert_eq!(cursor.y, row, "the cursor is in the input under the board");
    let line = buffer_text(&buf)
        .lines()
        .nth(usize::from(row))
        .unwrap_or("")
        .to_string();
    assert!(line.contains("› Relieved: the price is clear"), "{line}");
    let typed_end = line.find("clear").map(|i| i + "clear".len());
    assert_eq!(
        Some(usize::from(cursor.x)),
        typed_end.map(|byte| unicode_width::UnicodeWidthStr::width(&line[..byte])),
        "{line}"
    );
    insta::assert_snapshot!(buffer_text(&buf));
}

#[test]
fn inline_editor_on_a_long_card_keeps_the_cursor_in_its_column() {
    let mut app = editor(wide_map());
    run(&mut app, "2 e");
    let (buf, cursor) = draw(&app);
    let cursor = cursor.expect("the cursor is placed");
    let geo = app.view().geometry().expect("drawn");
    // The whole text, over two lines of the input under the board, the cursor at its end.
    assert_eq!(geo.input_rows, 2);
    let input = geo.below_top() + geo.persona_rows;
    let text = screen(&app);
    let rows: Vec<&str> = text.lines().collect();
    let shown = format!(
        "{}{}",
        rows[usize::from(input)].trim_start_matches(" › "),
        rows[usize::from(input) + 1].trim_start()
    );
    assert!(shown.starts_with("A very long touchpoint"), "{text}");
    assert!(shown.ends_with("on the board"), "{text}");
    assert_eq!(cursor.y, input + 1);
    run(&mut app, "<home>");
    let (_, home) = draw(&app);
    assert_eq!(home, Some(Position::new(3, input)));
    insta::assert_snapshot!(buffer_text(&buf));
}

#[test]
fn the_cursor_reaches_the_terminal_through_draw() {
    let mut app = editor(sample_map());
    run(&mut app, r#"a "Hi""#);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    let theme = Theme::plain();
    terminal
        .draw(|frame| ui::draw(frame, &app.room, &app.seat, &theme))
        .expect("draws");
    let (_, expected) = draw(&app);
    assert_eq!(
        terminal.get_cursor_position().ok(),
        expected,
        "the frame puts the cursor where render says"
    );
}

#[test]
fn stage_menu() {
    let mut app = editor(example_map());
    run(&mut app, "2 S");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn persona_menu() {
    let mut app = editor(example_map());
    run(&mut app, "p");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn save_as_dialog() {
    let mut app = editor(sample_map());
    run(&mut app, r#"+ <C-s> "workshop""#);
    let (buf, cursor) = draw(&app);
    let cursor = cursor.expect("the cursor is in the dialog");
    let line = buffer_text(&buf)
        .lines()
        .nth(usize::from(cursor.y))
        .unwrap_or("")
        .to_string();
    assert!(line.contains("workshop"), "{line}");
    insta::assert_snapshot!(buffer_text(&buf));
}

#[test]
fn empty_lane_hint_and_status_message() {
    let mut app = editor(sample_map());
    run(&mut app, "3 e");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn the_status_bar_always_keeps_quit_and_help() {
    for (width, height) in [(60, 16), (80, 24), (120, 40)] {
        let mut app = sized(App::new(example_map(), None), width, height);
        // A long message, as when the file changed on disk.
        run(&mut app, "3");
        app.event(journeymap::app::Event::Warn(
            "the file changed on disk since it was opened: saving will ask what to do".into(),
        ));
        let text = screen(&app);
        let footer = text.lines().last().unwrap_or_default();
        assert!(footer.contains("q quit"), "{width}x{height}: {footer}");
        assert!(footer.contains("? help"), "{width}x{height}: {footer}");
    }
}

/// The notice that the file changed on disk is read whole at 80 columns, beside quit and
/// help: it says what happened and what saving will do.
#[test]
fn at_80_columns_the_changed_on_disk_notice_is_whole() {
    for deleted in [false, true] {
        let mut app = sized(App::new(example_map(), Some("map.ron".into())), 80, 24);
        app.event(journeymap::app::Event::ChangedOnDisk { deleted });
        let message = app.seat.status.clone().expect("a notice").0;
        let text = screen(&app);
        let footer = text.lines().last().unwrap_or_default();
        assert!(footer.contains(&message), "{footer}");
        assert!(footer.contains("Ctrl-s"), "{footer}");
    }
}

/// A message too long for the status bar but not for the line under the board is on that
/// line alone: the status bar then starts with its keys, not with blanks.
#[test]
fn a_message_that_moved_up_leaves_no_gap_on_the_status_bar() {
    let mut app = sized(App::new(example_map(), None), 80, 24);
    run(&mut app, "m p");
    let message = app.seat.status.clone().expect("a message").0;
    let text = screen(&app);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[lines.len() - 2].contains(&message), "{text}");
    let footer = lines[lines.len() - 1];
    assert!(footer.starts_with(" a add"), "{footer:?}");
}

/// `m` asks where the card goes: the line under the board says so, and the status bar
/// keeps the lanes' keys.
#[test]
fn m_asks_which_lane_the_card_goes_to() {
    let mut app = sized(App::new(example_map(), None), 80, 24);
    run(&mut app, "m");
    let text = screen(&app);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[lines.len() - 2].starts_with(" Move to which lane?"),
        "{text}"
    );
    assert!(lines[lines.len() - 1].contains("p pain points"), "{text}");
}

#[test]
fn on_an_emotion_the_score_keys_are_hinted_beside_the_vote() {
    let mut app = sized(App::new(example_map(), None), 120, 40);
    let footer = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    assert!(footer(&app).contains("+ vote"), "{}", footer(&app));
    assert!(!footer(&app).contains("> score"), "{}", footer(&app));
    run(&mut app, "<tab>");
    assert_eq!(app.seat.selection.lane, journeymap::model::Lane::Emotions);
    assert!(footer(&app).contains("+ vote"), "{}", footer(&app));
    assert!(footer(&app).contains("> score"), "{}", footer(&app));
}

#[test]
fn too_small_says_how_big_it_must_be() {
    for (width, height) in [(40, 10), (20, 5)] {
        let app = sized(App::new(example_map(), None), width, height);
        let text = screen(&app);
        assert!(text.contains("60x16"), "{text}");
        insta::assert_snapshot!(format!("too_small_{width}x{height}"), text);
    }
}

#[test]
fn no_size_panics_and_every_mode_draws() {
    let setups = [
        "", "?", "+ q", "S", "p", "a \"x\"", "e", "T", "E", "<C-s>", "p n",
    ];
    for setup in setups {
        for width in [0, 1, 2, 5, 20, 59, 60, 61, 79, 80, 81, 100, 300] {
            for height in [0, 1, 2, 5, 15, 16, 17, 24, 31, 32, 49, 50, 100] {
                let mut app = sized(App::new(wide_map(), None), 80, 24);
                run(&mut app, setup);
                app.event(Event::Resize { width, height });
                draw(&app);
            }
        }
    }
}

// What a user would call wrong on screen. Each of these shows one problem found while
// reading the snapshots.

#[test]
fn card_text_cut_to_fit_its_column_ends_with_an_ellipsis() {
    // Otherwise "Ad promises "zero admin"," reads as the whole card.
    let app = editor(example_map());
    let text = screen(&app);
    let row = text
        .lines()
        .find(|line| line.contains("Ad promises"))
        .unwrap_or_default();
    let cell = row.split('│').nth(2).unwrap_or_default();
    assert!(cell.contains('…'), "{cell:?} is cut without a mark");
}

#[test]
fn hidden_cards_are_counted_even_when_a_band_is_one_row() {
    let app = sized(App::new(example_map(), None), 60, 16);
    let geo = app.view().geometry().expect("drawn");
    assert_eq!(
        geo.bands[Lane::Touchpoints.index()].1,
        1,
        "one row per band at 60x16"
    );
    let text = screen(&app);
    let row = text
        .lines()
        .nth(usize::from(geo.band_start(Lane::Touchpoints)))
        .unwrap_or_default();
    let hidden = app.room.map.stages[0].lane(Lane::Touchpoints).len() - 1;
    assert!(row.contains(&format!("↓{hidden}")), "{row}\n{text}");
}

#[test]
fn help_on_a_read_only_board_lists_only_the_keys_that_work_there() {
    let mut app = editor(example_map());
    app.room.read_only = true;
    run(&mut app, "?");
    // Everything the help shows, scrolling through it.
    let mut text = String::new();
    for _ in 0..100 {
        text.push_str(&screen(&app));
        run(&mut app, "j");
    }
    for binding in journeymap::keymap::NORMAL {
        assert_eq!(
            text.contains(binding.help),
            !binding.action.changes_map(),
            "{:?}:\n{text}",
            binding.help
        );
    }
    assert!(!text.contains("delete word"), "{text}");
    assert!(text.contains("select a card"), "{text}");
}

#[test]
fn each_stage_has_a_mark_at_its_mean_with_the_number_beside_it() {
    // A stage that feels great (+2) has its mark in the top row of the curve, beside the
    // scale's +2, and its mean written next to the mark.
    let mut map = sample_map();
    for stage in &mut map.stages {
        *stage.lane_mut(Lane::Emotions) = vec![journeymap::model::Card::new("Great").with_score(2)];
    }
    for (width, height) in SIZES {
        let app = sized(App::new(map.clone(), None), width, height);
        let geo = app.view().geometry().expect("drawn");
        let text = screen(&app);
        let rows: Vec<&str> = text.lines().collect();
        let top = rows[usize::from(geo.curve_top())];
        assert_eq!(top.matches("● +2.0").count(), 3, "{width}x{height}: {top}");
        assert!(top.contains("+2 │"), "the scale: {top}");
        let bottom = rows[usize::from(geo.curve_top() + geo.curve_rows - 1)];
        assert!(bottom.contains("-2 │"), "the scale: {bottom}");
    }
}

#[test]
fn persona_menu_lines_up_its_labels_and_values() {
    let mut app = editor(example_map());
    run(&mut app, "p");
    let text = screen(&app);
    let column_of = |needle: &str| {
        text.lines().find_map(|line| {
            line.find(needle)
                .map(|byte| unicode_width::UnicodeWidthStr::width(&line[..byte]))
        })
    };
    let name = column_of("Olivia, operations manager");
    let summary = column_of("Runs a team of twelve");
    assert!(name.is_some() && summary.is_some(), "{text}");
    assert_eq!(name, summary, "values start in one column:\n{text}");
}

#[test]
fn scroll_marks_stay_off_the_grid_lines_at_the_smallest_size() {
    // At 60x16 each lane has one row; the gutter's "↓2" more-cards mark stays beside the
    // lane's title. The grid lines carry only the stage column's own note of the cards
    // below, at its right end.
    let app = sized(App::new(example_map(), None), 60, 16);
    let geo = app.view().geometry().expect("60x16 is big enough");
    let text = screen(&app);
    let rows: Vec<&str> = text.lines().collect();
    let mut lines: Vec<u16> = Lane::ALL[1..]
        .iter()
        .map(|&lane| geo.band_start(lane) - 1)
        .collect();
    lines.push(geo.board_bottom());
    for y in lines {
        let full = rows[usize::from(y)];
        let row = match full.find(" ↓") {
            Some(at) => {
                let after = &full[at + " ↓".len()..];
                let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
                assert!(digits > 0 && after[digits..].starts_with(" ─"), "{full:?}");
                format!("{}{}", &full[..at], &after[digits + 1..])
            }
            None => full.to_string(),
        };
        assert!(
            row.chars().all(|c| "─┌┬┐├┼┤└┴┘".contains(c)),
            "row {y} is a grid line but reads {row:?}:\n{text}"
        );
    }
}

/// One stage with one pain point, on a terminal of the given size.
fn one_pain_point(card: journeymap::model::Card, width: u16, height: u16) -> String {
    let mut map = Map::new("t");
    let mut stage = journeymap::model::Stage::new("s");
    stage.lane_mut(Lane::PainPoints).push(card);
    map.stages = vec![stage];
    let app = sized(App::new(map, None), width, height);
    let (buf, _) = draw(&app);
    assert_board_intact(&app, &buf);
    buffer_text(&buf)
}

#[test]
fn emoji_sequences_are_measured_whole_on_wrapped_cards() {
    // 👨‍👩‍👧 and 👍🏽 take two columns each; counted char by char they seemed wider, and
    // lines that fit were cut with a false ellipsis.
    let text = "Launch party with 👩‍💻 devs and 👨‍👩‍👧 families, everyone gave it a 👍🏽 at the end";
    for width in [61, 83, 94, 120] {
        let board = one_pain_point(journeymap::model::Card::new(text), width, 24);
        let band: String = board
            .lines()
            .skip(4)
            .take(14)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!band.contains('…'), "{width} columns:\n{board}");
        for word in ["families,", "👍🏽", "end"] {
            assert!(band.contains(word), "{word} at {width} columns:\n{board}");
        }
    }
}

#[test]
fn a_wrapped_line_never_runs_into_the_votes() {
    // Lam-alef is one column to unicode-width's whole-string measure but two cells in the
    // buffer: the text must still stop short of the votes.
    let mut card = journeymap::model::Card::new(
        "لا أستطيع العثور على زر الدفع في صفحة السلة ولا أعرف كيف أكمل الاشتراك",
    );
    card.votes = 12;
    for width in 60..=80 {
        let board = one_pain_point(card.clone(), width, 24);
        assert!(board.contains("●12 │"), "{width} columns:\n{board}");
    }
}

#[test]
fn help_lists_every_key_of_every_mode_scrolling_where_needed() {
    for (width, height) in [(200, 60), (80, 24)] {
        let mut app = sized(App::new(example_map(), None), width, height);
        run(&mut app, "?");
        let mut seen = String::new();
        for _ in 0..400 {
            seen.push_str(&screen(&app));
            run(&mut app, "j");
        }
        for (heading, table) in journeymap::keymap::TABLES {
            assert!(
                seen.contains(heading),
                "{width}x{height}: {heading} missing"
            );
            for binding in *table {
                assert!(
                    seen.contains(binding.help),
                    "{width}x{height}: {:?} is cut or missing",
                    binding.help
                );
            }
        }
    }
}
