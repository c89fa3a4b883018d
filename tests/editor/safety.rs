//! No character from a map can drive the terminal: whatever screen, mode or size, no cell
//! holds a control character, an escape sequence or a BiDi control, and placeholders show
//! where they were.

use journeymap::app::{Action, App, Event};
use journeymap::text::is_unsafe;
use ratatui::buffer::Buffer;

use super::{buffer_text, draw, hostile_map, run, sized};

fn assert_safe(buf: &Buffer, what: &str) {
    for (i, cell) in buf.content.iter().enumerate() {
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(is_unsafe),
            "{what}: cell {i} holds {symbol:?}:\n{}",
            buffer_text(buf)
        );
    }
}

#[test]
fn hostile_text_shows_placeholders_on_the_board() {
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let app = sized(App::new(hostile_map(), None), width, height);
        let (buf, _) = draw(&app);
        assert_safe(&buf, &format!("board at {width}x{height}"));
        let text = buffer_text(&buf);
        for placeholder in ['␛', '\u{FFFD}'] {
            assert!(text.contains(placeholder), "{placeholder} missing:\n{text}");
        }
        assert!(text.contains("␛[2J␛[Hcleared?"), "{text}");
        // The title's escape sequence is shown, not run.
        assert!(text.contains("␛]0;pwned␇Hostile"), "{text}");
    }
    // The card with bells and DEL, and the one with the BiDi override.
    let mut app = sized(App::new(hostile_map(), None), 200, 60);
    let text = buffer_text(&draw(&app).0);
    assert!(text.contains("bell␇␇ and DEL␡"), "{text}");
    assert!(
        text.contains("bidi \u{FFFD}txet desrever\u{FFFD}"),
        "{text}"
    );
    app.update(Action::Down);
    assert_safe(&draw(&app).0, "second card selected");
}

#[test]
fn hostile_text_is_safe_in_every_screen() {
    let screens = [
        ("board", ""),
        ("each card selected and shown in full", "j"),
        ("edit a card", "e"),
        ("edit the last card", "j j j e"),
        ("notes", "E"),
        ("channel", "c"),
        ("stage menu", "S"),
        ("rename the stage", "r"),
        ("persona menu", "p"),
        ("persona name", "p n"),
        ("persona goals", "p g"),
        ("title", "T"),
        ("second stage", "l"),
        ("quit dialog", "+ q"),
        ("stage removed message", "S d"),
        ("help", "?"),
    ];
    for (what, script) in screens {
        for (width, height) in [(80, 24), (200, 60), (60, 16)] {
            let mut app = sized(App::new(hostile_map(), None), width, height);
            for _ in 0..5 {
                run(&mut app, script);
                assert_safe(&draw(&app).0, &format!("{what} at {width}x{height}"));
            }
        }
    }
}

#[test]
fn a_file_name_with_control_characters_is_shown_safely() {
    let path = std::path::PathBuf::from("evil\u{1b}[2Jname\u{7}.ron");
    let mut app = sized(App::new(hostile_map(), Some(path.clone())), 80, 24);
    assert_safe(&draw(&app).0, "header");
    app.event(Event::Saved(Ok(path)));
    let (buf, _) = draw(&app);
    assert_safe(&buf, "saved message");
    app.event(Event::Saved(Err("disk \u{1b}[31mfull".into())));
    assert_safe(&draw(&app).0, "error message");
}

#[test]
fn typed_and_pasted_control_characters_never_reach_the_map() {
    let mut app = sized(App::new(hostile_map(), None), 80, 24);
    let before = app.room.map.stages[0]
        .lane(journeymap::model::Lane::Touchpoints)
        .len();
    app.update(Action::AddCard);
    for c in ['\u{1b}', '[', '3', '1', 'm', '\u{7}', 'x', '\u{202e}', 'y'] {
        app.update(Action::Input(journeymap::app::InputOp::Insert(c)));
    }
    app.update(Action::Paste("\u{1b}]0;t\u{7} z\u{9b}".into()));
    assert_safe(&draw(&app).0, "inline editor");
    app.update(Action::Submit);
    let cards = app.room.map.stages[0].lane(journeymap::model::Lane::Touchpoints);
    assert_eq!(cards.len(), before + 1);
    assert_eq!(cards[1].text, "[31mxy]0;t z");
}
