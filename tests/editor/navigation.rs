//! Moving around the board: arrows and h j k l, Tab / Shift-Tab, 1..9, and the mouse.

use journeymap::app::geometry::Geometry;
use journeymap::app::{Action, App};
use journeymap::model::{Card, Lane, Map, Stage};

use super::{editor, example_map, run, sample_map, screen, sized, slot};

#[test]
fn down_and_up_run_through_the_cards_and_on_across_the_lanes() {
    let mut app = editor(sample_map());
    let mut seen = vec![app.seat.selection];
    for _ in 0..6 {
        run(&mut app, "j");
        seen.push(app.seat.selection);
    }
    assert_eq!(
        seen,
        [
            slot(0, Lane::Touchpoints, 0),
            slot(0, Lane::Touchpoints, 1),
            slot(0, Lane::Emotions, 0),
            slot(0, Lane::PainPoints, 0),
            slot(0, Lane::Opportunities, 0),
            // The bottom of the stage: Down stays.
            slot(0, Lane::Opportunities, 0),
            slot(0, Lane::Opportunities, 0),
        ]
    );
    let mut seen = vec![];
    for _ in 0..6 {
        run(&mut app, "<up>");
        seen.push(app.seat.selection);
    }
    assert_eq!(
        seen,
        [
            slot(0, Lane::PainPoints, 0),
            slot(0, Lane::Emotions, 0),
            // Up from a lane's first card lands on the last card of the lane above.
            slot(0, Lane::Touchpoints, 1),
            slot(0, Lane::Touchpoints, 0),
            slot(0, Lane::Touchpoints, 0),
            slot(0, Lane::Touchpoints, 0),
        ]
    );
}

#[test]
fn down_and_up_pass_over_empty_lanes() {
    let mut app = editor(sample_map());
    run(&mut app, "2 j");
    assert_eq!(app.seat.selection, slot(1, Lane::Emotions, 0));
    run(&mut app, "j");
    assert_eq!(app.seat.selection, slot(1, Lane::PainPoints, 0));
    assert_eq!(app.view().selected_card(), None);
    run(&mut app, "j j");
    assert_eq!(app.seat.selection, slot(1, Lane::Opportunities, 0));
    run(&mut app, "k k");
    assert_eq!(app.seat.selection, slot(1, Lane::Emotions, 0));
    run(&mut app, "k");
    assert_eq!(app.seat.selection, slot(1, Lane::Touchpoints, 0));
}

#[test]
fn left_and_right_change_stage_and_stop_at_the_ends() {
    let mut app = editor(sample_map());
    run(&mut app, "j");
    run(&mut app, "l");
    // Same lane; the index is kept where the lane is long enough, else the last card.
    assert_eq!(app.seat.selection, slot(1, Lane::Touchpoints, 0));
    run(&mut app, "<right>");
    assert_eq!(app.seat.selection, slot(2, Lane::Touchpoints, 0));
    run(&mut app, "l <right>");
    assert_eq!(app.seat.selection.stage, 2);
    run(&mut app, "h <left> h");
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 0));
}

#[test]
fn number_keys_jump_to_a_stage_that_exists() {
    let mut app = editor(sample_map());
    run(&mut app, "3");
    assert_eq!(app.seat.selection.stage, 2);
    run(&mut app, "9");
    assert_eq!(app.seat.selection.stage, 2, "there is no ninth stage");
    run(&mut app, "2");
    assert_eq!(app.seat.selection.stage, 1);
    run(&mut app, "1");
    assert_eq!(app.seat.selection.stage, 0);

    let mut map = Map::new("Nine");
    map.stages = (1..=9).map(|i| Stage::new(format!("S{i}"))).collect();
    let mut app = editor(map);
    run(&mut app, "9");
    assert_eq!(app.seat.selection.stage, 8);
    assert!(
        screen(&app).contains("9 S9"),
        "the ninth stage scrolls into view"
    );
}

#[test]
fn tab_and_shift_tab_cycle_through_the_lanes() {
    let mut app = editor(sample_map());
    let mut lanes = vec![];
    for _ in 0..4 {
        run(&mut app, "<tab>");
        lanes.push(app.seat.selection.lane);
    }
    assert_eq!(
        lanes,
        [
            Lane::Emotions,
            Lane::PainPoints,
            Lane::Opportunities,
            Lane::Touchpoints
        ]
    );
    run(&mut app, "<S-tab>");
    assert_eq!(app.seat.selection.lane, Lane::Opportunities);
    run(&mut app, "<S-tab> <S-tab>");
    assert_eq!(app.seat.selection, slot(0, Lane::Emotions, 0));
}

/// The screen position of a card cell: two columns into its stage column, on its row.
fn cell_of(app: &App, stage: usize, lane: Lane, row: u16) -> (u16, u16) {
    let geo: Geometry = app.view().geometry().expect("big enough to draw");
    let visible = stage - app.seat.first_stage;
    let (top, _) = geo.bands[lane.index()];
    (geo.column_x(visible) + 2, top + row)
}

#[test]
fn a_click_selects_the_card_under_the_pointer() {
    let mut app = sized(App::new(sample_map(), None), 120, 40);
    let (column, row) = cell_of(&app, 1, Lane::Emotions, 0);
    app.update(Action::Click { column, row });
    assert_eq!(app.seat.selection, slot(1, Lane::Emotions, 0));
    let (column, row) = cell_of(&app, 0, Lane::Touchpoints, 1);
    app.update(Action::Click { column, row });
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 1));
    // The far right of a column is still that column.
    let geo = app.view().geometry().expect("drawn");
    let (_, row) = cell_of(&app, 1, Lane::Touchpoints, 0);
    app.update(Action::Click {
        column: geo.column_x(2) - 1,
        row,
    });
    assert_eq!(app.seat.selection, slot(1, Lane::Touchpoints, 0));
    // The header, the lane titles and the status bar select nothing.
    for (column, row) in [(5, 0), (3, row), (50, 39)] {
        app.update(Action::Click { column, row });
        assert_eq!(
            app.seat.selection,
            slot(1, Lane::Touchpoints, 0),
            "{column},{row}"
        );
    }
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn a_card_wrapped_onto_several_lines_is_clicked_on_any_of_them() {
    let mut map = sample_map();
    *map.stages[0].lane_mut(Lane::Touchpoints) = vec![
        Card::new("Comparison blog post that ranks us third behind two older tools"),
        Card::new("Short"),
    ];
    let mut app = sized(App::new(map, None), 120, 40);
    let board = screen(&app);
    assert!(
        board.contains("│ Comparison blog post that ranks │"),
        "{board}"
    );
    assert!(
        board.contains("│   us third behind two older     │"),
        "{board}"
    );
    assert!(
        board.contains("│   tools                         │"),
        "{board}"
    );
    for (row, index) in [(0, 0), (1, 0), (2, 0), (3, 1)] {
        let (column, row) = cell_of(&app, 0, Lane::Touchpoints, row);
        app.update(Action::Click { column, row });
        assert_eq!(
            app.seat.selection,
            slot(0, Lane::Touchpoints, index),
            "row {row}"
        );
    }
}

#[test]
fn a_click_below_the_last_card_of_a_band_selects_that_lane() {
    let mut app = sized(App::new(sample_map(), None), 120, 40);
    let (column, row) = cell_of(&app, 0, Lane::PainPoints, 3);
    app.update(Action::Click { column, row });
    assert_eq!(app.seat.selection, slot(0, Lane::PainPoints, 0));
}

#[test]
fn a_click_selects_in_a_column_scrolled_into_view() {
    let mut app = sized(App::new(sample_map(), None), 70, 24);
    run(&mut app, "3");
    assert_eq!(app.seat.first_stage, 1, "70 columns show two stages");
    let (column, row) = cell_of(&app, 1, Lane::Emotions, 0);
    app.update(Action::Click { column, row });
    assert_eq!(app.seat.selection, slot(1, Lane::Emotions, 0));
}

fn long_lane(cards: usize) -> Map {
    let mut map = sample_map();
    *map.stages[0].lane_mut(Lane::Touchpoints) = (0..cards)
        .map(|i| Card::new(format!("tp-{i:02}")))
        .collect();
    map
}

#[test]
fn the_wheel_scrolls_the_lane_under_the_pointer() {
    let mut app = editor(long_lane(20));
    let rows = app
        .view()
        .geometry()
        .expect("drawn")
        .card_rows(Lane::Touchpoints);
    let (column, row) = cell_of(&app, 0, Lane::Touchpoints, 0);
    for _ in 0..10 {
        app.update(Action::ScrollDown { column, row });
    }
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 10));
    assert_eq!(app.seat.lane_offset[Lane::Touchpoints.index()], 11 - rows);
    assert!(screen(&app).contains("tp-10"));
    assert!(!screen(&app).contains("tp-00"));
    for _ in 0..4 {
        app.update(Action::ScrollUp { column, row });
    }
    assert_eq!(app.seat.selection.index, 6);
    assert!(screen(&app).contains("tp-06"));
    // Past the end: stays on the last card.
    for _ in 0..30 {
        app.update(Action::ScrollDown { column, row });
    }
    assert_eq!(app.seat.selection.index, 19);
    assert!(screen(&app).contains("tp-19"));
    // The wheel over another lane scrolls that lane.
    let (column, row) = cell_of(&app, 0, Lane::Emotions, 0);
    app.update(Action::ScrollDown { column, row });
    assert_eq!(app.seat.selection.lane, Lane::Emotions);
    assert_eq!(app.room.map, long_lane(20));
}

#[test]
fn a_click_on_the_second_row_of_a_two_row_stage_name_selects_that_stage() {
    let mut app = sized(App::new(example_map(), None), 120, 40);
    let geo = app.view().geometry().expect("drawn");
    assert_eq!(
        geo.stage_rows, 2,
        "the example's stage names take two rows at 120x40"
    );
    let (left, _) = geo.column(2);
    app.update(Action::Click {
        column: left + 2,
        row: geo.stage_names().start + 1,
    });
    assert_eq!(app.seat.selection.stage, app.seat.first_stage + 2);
}
