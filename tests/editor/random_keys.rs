//! Random key presses: whatever a user mashes, the editor never panics, the selection
//! stays on the map and in view, and undo leads back to the map as it was opened.

use journeymap::app::{Action, App, Event, Mode};
use proptest::prelude::*;

use super::{assert_board_intact, buffer_text, draw, run, sample_with_persona, sized};

const KEYS: &[&str] = &[
    "j",
    "k",
    "h",
    "l",
    "<tab>",
    "<S-tab>",
    "1",
    "3",
    "9",
    "a",
    "e",
    "E",
    "c",
    "d",
    "+",
    "-",
    "H",
    "L",
    "J",
    "K",
    "u",
    "<C-r>",
    "r",
    "S",
    "p",
    "T",
    "?",
    "q",
    "<C-s>",
    "<enter>",
    "<esc>",
    "t",
    "/",
    "z",
    "P",
    "m",
    "i",
    "o",
    "O",
    "R",
    "w",
    ">",
    "<C-l>",
    "<bs>",
    "<C-w>",
    "<home>",
    "<left>",
    "n",
    "s",
    "x",
    "g",
    "\"Wo rd\"",
    "\"日本\"",
];

fn assert_consistent(app: &App, script: &str) {
    // The emotion curve is kept up to date stage by stage; it must equal a full recount.
    let recount: Vec<Option<f64>> = app.room.map.stages.iter().map(|s| s.mean_score()).collect();
    assert_eq!(
        app.room.curve(),
        &recount[..],
        "{script}: emotion curve out of date"
    );
    let sel = app.seat.selection;
    assert!(sel.stage < app.room.map.stages.len(), "{script}: {sel:?}");
    let len = app.room.map.stages[sel.stage].lane(sel.lane).len();
    assert!(
        sel.index < len.max(1),
        "{script}: {sel:?} in a lane of {len}"
    );
    let (buf, _) = draw(app);
    if app.seat.mode == Mode::Normal && !app.seat.zoom && app.view().geometry().is_some() {
        assert_board_intact(app, &buf);
        if let Some(card) = app.view().selected_card() {
            // The start of the text shows on the board (the detail line is below it): its
            // first word, as a card wrapped onto several lines may break after it.
            let bottom = app
                .view()
                .geometry()
                .map_or(0, |g| usize::from(g.board_bottom()));
            let first_word = card.text.split_whitespace().next().unwrap_or_default();
            let start: String = first_word.chars().take(6).collect();
            let one_space = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = buffer_text(&buf);
            assert!(
                text.lines()
                    .take(bottom)
                    .any(|line| line.contains(&start)
                        || one_space(line).contains(&one_space(&start))),
                "{script}: {start:?} not on the board:\n{text}"
            );
        }
    }
}

/// One thing a user does: a key, a click, the wheel, a paste, or resizing the terminal.
#[derive(Debug, Clone)]
enum Step {
    Key(&'static str),
    Mouse(Action),
    Paste(String),
    Resize(u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => proptest::sample::select(KEYS).prop_map(Step::Key),
        1 => (0u16..90, 0u16..30).prop_map(|(column, row)| Step::Mouse(Action::Click { column, row })),
        1 => (0u16..90, 0u16..30, any::<bool>()).prop_map(|(column, row, up)| Step::Mouse(if up {
            Action::ScrollUp { column, row }
        } else {
            Action::ScrollDown { column, row }
        })),
        1 => "[a-z \\n\\t\\x1b]{0,12}".prop_map(Step::Paste),
        1 => (55u16..130, 14u16..45).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_keys_keep_the_editor_consistent_and_undo_leads_back(
        steps in proptest::collection::vec(step(), 1..60),
    ) {
        let mut app = sized(App::new(sample_with_persona(), None), 80, 24);
        let mut script = String::new();
        for step in steps {
            script.push_str(&format!("{step:?} "));
            match step {
                Step::Key(key) => {
                    run(&mut app, key);
                }
                // The loop only sends the mouse on the board.
                Step::Mouse(action) if app.seat.mode == Mode::Normal => {
                    app.update(action);
                }
                Step::Mouse(_) => {}
                Step::Paste(text) => {
                    app.update(Action::Paste(text));
                }
                Step::Resize(width, height) => {
                    app.event(Event::Resize { width, height });
                }
            }
            assert_consistent(&app, &script);
        }
        // Leave whatever is open, then undo everything.
        run(&mut app, "<esc> <esc> <esc>");
        if app.seat.mode == Mode::ConfirmQuit {
            run(&mut app, "<esc>");
        }
        prop_assert_eq!(&app.seat.mode, &Mode::Normal, "{}", script);
        for _ in 0..200 {
            if !app.room.history.can_undo() {
                break;
            }
            run(&mut app, "u");
        }
        prop_assert_eq!(&app.room.map, &sample_with_persona(), "{}", script);
    }
}
