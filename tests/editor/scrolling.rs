//! Big maps: the selection stays in view, and a frame draws only what is on screen.

use std::time::{Duration, Instant};

use journeymap::app::{Action, App, Event};
use journeymap::model::{Card, Lane, Map, Stage};
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::{buffer_text, draw, run, screen, sized};

fn card_text(stage: usize, lane: Lane, index: usize) -> String {
    format!("s{}-{}-{index:05}", stage + 1, lane.key())
}

/// `stages` stages with `per_lane` numbered cards in every lane.
fn big_map(stages: usize, per_lane: usize) -> Map {
    let mut map = Map::new("Big");
    map.stages = (0..stages)
        .map(|s| {
            let mut stage = Stage::new(format!("Stage {}", s + 1));
            for lane in Lane::ALL {
                *stage.lane_mut(lane) = (0..per_lane)
                    .map(|i| Card::new(card_text(s, lane, i)).with_score((i % 5) as i8 - 2))
                    .collect();
            }
            stage
        })
        .collect();
    map
}

/// True when `needle` is on the board highlighted as the selection (reversed), not only in
/// the detail line under the board.
fn shown_selected(buf: &Buffer, app: &App, needle: &str) -> bool {
    let text = buffer_text(buf);
    let bottom = app.view().geometry().map_or(0, |g| g.board_bottom());
    text.lines().enumerate().any(|(y, line)| {
        let Some(byte) = line.find(needle) else {
            return false;
        };
        let x = unicode_width::UnicodeWidthStr::width(&line[..byte]) as u16;
        (y as u16) < bottom && buf[(x, y as u16)].modifier.contains(Modifier::REVERSED)
    })
}

#[test]
fn the_selection_stays_visible_through_a_long_lane_and_nine_stages_at_80x24() {
    let mut app = sized(App::new(big_map(9, 50), None), 80, 24);
    let check = |app: &App, what: &str| {
        let sel = app.seat.selection;
        let (buf, _) = draw(app);
        // Cards that were moved keep their text: ask the map, not the numbering.
        let needle = app
            .view()
            .selected_card()
            .map(|c| c.text.clone())
            .unwrap_or_default();
        assert_eq!(
            needle,
            app.room.map.stages[sel.stage].lane(sel.lane)[sel.index].text
        );
        assert!(
            shown_selected(&buf, app, &needle),
            "{what}: {needle} not shown as selected:\n{}",
            buffer_text(&buf)
        );
        let stage = format!("{} Stage {}", sel.stage + 1, sel.stage + 1);
        assert!(
            buffer_text(&buf).contains(&stage),
            "{what}: {stage} not shown"
        );
    };
    // Down through the whole stage: every card of every lane in turn.
    for step in 0..200 {
        check(&app, &format!("down, step {step}"));
        run(&mut app, "j");
    }
    assert_eq!(app.seat.selection.lane, Lane::Opportunities);
    assert_eq!(app.seat.selection.index, 49);
    // And back up.
    for step in 0..200 {
        check(&app, &format!("up, step {step}"));
        run(&mut app, "k");
    }
    // Across the stages, from the middle of a lane.
    run(
        &mut app,
        "<tab> <tab> j j j j j j j j j j j j j j j j j j j j j j j j j",
    );
    for step in 0..8 {
        check(&app, &format!("right, step {step}"));
        run(&mut app, "l");
    }
    assert_eq!(app.seat.selection.stage, 8);
    for step in 0..8 {
        check(&app, &format!("left, step {step}"));
        run(&mut app, "h");
    }
    // Jumps, moves and Tab.
    for script in [
        "9", "1", "5", "<tab>", "<S-tab>", "L", "L", "J", "J", "H", "K", "9", "j",
    ] {
        run(&mut app, script);
        check(&app, script);
    }
}

#[test]
fn the_selection_follows_a_terminal_resize() {
    let mut app = sized(App::new(big_map(9, 50), None), 200, 60);
    run(
        &mut app,
        "9 <tab> j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j",
    );
    for (width, height) in [(80, 24), (60, 16), (120, 40), (61, 17)] {
        app.event(Event::Resize { width, height });
        let sel = app.seat.selection;
        let (buf, _) = draw(&app);
        let needle = card_text(sel.stage, sel.lane, sel.index);
        assert!(
            shown_selected(&buf, &app, &needle),
            "{width}x{height}: {needle}:\n{}",
            buffer_text(&buf)
        );
    }
}

#[test]
fn a_map_of_10000_cards_a_lane_draws_only_what_is_on_screen() {
    let start = Instant::now();
    let mut app = sized(App::new(big_map(5, 10_000), None), 160, 45);
    let first = card_text(0, Lane::Touchpoints, 0);
    let last = card_text(0, Lane::Touchpoints, 9_999);
    let text = screen(&app);
    assert!(text.contains(&first));
    assert!(
        !text.contains(&last),
        "the last card is far below the screen"
    );
    let shown = text.matches("-touchpoints-").count();
    let rows = app
        .view()
        .geometry()
        .expect("drawn")
        .card_rows(Lane::Touchpoints);
    assert!(
        shown <= rows * 5 + 1,
        "{shown} touchpoints drawn for {rows} rows"
    );
    // Jump to the last card of the lane: it is drawn, the first is not.
    for _ in 0..10_000 {
        app.update(Action::Down);
        if app.seat.selection.index == 9_999 {
            break;
        }
    }
    assert_eq!(app.seat.selection.index, 9_999);
    let text = screen(&app);
    assert!(text.contains(&last));
    let (buf, _) = draw(&app);
    assert!(shown_selected(&buf, &app, &last));
    // The curve of 10,000 emotions: the mean of scores -2..=2 is 0.
    assert!(text.contains("● 0.0"), "{text}");
    // Edits on the big map stay quick (the undo history must not copy the map).
    run(&mut app, "+ d u <C-r> u");
    assert_eq!(app.room.map.stages[0].lane(Lane::Touchpoints).len(), 10_000);
    let frames = Instant::now();
    for _ in 0..20 {
        draw(&app);
    }
    let per_frame = frames.elapsed() / 20;
    assert!(
        per_frame < Duration::from_millis(50),
        "a frame took {per_frame:?} on the big map"
    );
    assert!(start.elapsed() < Duration::from_secs(5));
}
