//! Likely duplicate cards (`D`): similar cards of one stage and lane listed, most alike
//! first, and merged a pair at a time (`m`) as one undoable change.

use journeymap::app::{self, Event, Mode, Role, Room, Seat, SeatId, View};
use journeymap::keymap;
use journeymap::model::{Card, Evidence, Lane, MAX_VOTES, Map, Stage};

use super::script::keys;
use super::{editor, run, screen, slot, texts};

/// What private writing leaves: the same pain point three times in one stage (once with
/// other spacing and case), once more in another stage and once as an opportunity (neither
/// of which is a duplicate of it), and a pair of similar cards in the second stage.
fn written_map() -> Map {
    let mut map = Map::new("After the reveal");
    let mut aware = Stage::new("Aware");
    aware.lane_mut(Lane::PainPoints).extend([
        Card::new("Too many fields in the checkout form")
            .with_votes(1)
            .with_evidence(Evidence::Assumption)
            .with_notes("Heard in 4 of 6 interviews"),
        Card::new("Slow page"),
        Card::new("too many  fields in the Checkout form")
            .with_votes(3)
            .with_evidence(Evidence::Observed)
            .with_source("March survey"),
        Card::new("Too many fields in checkout").with_votes(2),
        Card::new("Price hidden until the end"),
    ]);
    aware
        .lane_mut(Lane::Opportunities)
        .push(Card::new("Slow page").with_owner("Ana"));
    let mut consider = Stage::new("Consider");
    consider.lane_mut(Lane::PainPoints).extend([
        Card::new("Too many fields in the checkout form"),
        Card::new("Slow pages"),
        Card::new("Slow page load"),
    ]);
    map.stages = vec![aware, consider];
    map
}

/// The pairs listed, as (stage, first text, second text).
fn listed(room: &Room, seat: &Seat) -> Vec<(usize, String, String)> {
    let list = seat.duplicate_pairs.as_ref().expect("the list is open");
    list.pairs()
        .iter()
        .map(|p| {
            let (a, b) = p.slots();
            let text = |s| room.card(s).map_or(String::new(), |c| c.text.clone());
            (p.stage, text(a), text(b))
        })
        .collect()
}

fn owned(pairs: &[(usize, &str, &str)]) -> Vec<(usize, String, String)> {
    pairs
        .iter()
        .map(|&(s, a, b)| (s, a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn similar_cards_of_one_stage_and_lane_are_listed_most_alike_first() {
    let mut app = editor(written_map());
    run(&mut app, "D");
    assert_eq!(app.seat.mode, Mode::DuplicatePairs);
    assert_eq!(
        listed(&app.room, &app.seat),
        owned(&[
            // The same text but for case and spacing.
            (
                0,
                "Too many fields in the checkout form",
                "too many  fields in the Checkout form"
            ),
            (
                0,
                "Too many fields in the checkout form",
                "Too many fields in checkout"
            ),
            (
                0,
                "too many  fields in the Checkout form",
                "Too many fields in checkout"
            ),
            (1, "Slow pages", "Slow page load"),
        ]),
        "never across stages (the same text in Consider) or lanes (Slow page)"
    );
    let list = app.seat.duplicate_pairs.as_ref().expect("open");
    let alike: Vec<f64> = list.pairs().iter().map(|p| p.similarity).collect();
    assert!(alike[0] > 0.95, "{alike:?}");
    assert!(alike.windows(2).all(|w| w[0] >= w[1]), "{alike:?}");
    assert!(alike.iter().all(|&s| s >= 0.6), "{alike:?}");
    // Enter goes to the first card of the selected pair; Esc back from the list.
    run(&mut app, "jjj <enter>");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(app.seat.selection, slot(1, Lane::PainPoints, 1));
    run(&mut app, "D <esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(app.seat.duplicate_pairs.is_none());
}

#[test]
fn a_merge_adds_the_votes_keeps_the_stronger_evidence_and_is_one_undo_step() {
    let mut app = editor(written_map());
    let before = app.room.map.clone();
    let ids: Vec<_> = app.room.map.stages[0]
        .lane(Lane::PainPoints)
        .iter()
        .map(|c| c.id)
        .collect();
    // The first pair: the card with more votes (the second) stays.
    run(&mut app, "D m");
    assert_eq!(
        texts(&app, 0, Lane::PainPoints),
        [
            "Slow page",
            "too many  fields in the Checkout form",
            "Too many fields in checkout",
            "Price hidden until the end",
        ]
    );
    let kept = &app.room.map.stages[0].lane(Lane::PainPoints)[1];
    assert!(kept.id.same(ids[2]), "the card with more votes stays");
    assert_eq!(kept.votes, 4);
    assert_eq!(kept.evidence, Some(Evidence::Observed));
    assert_eq!(kept.source, "March survey");
    // The same text but for case and spacing is not repeated in the notes.
    assert_eq!(kept.notes, "Heard in 4 of 6 interviews");
    let status = app.seat.status.clone().expect("told").0;
    assert!(status.contains("merged into"), "{status}");
    // The list follows: the kept card with the other similar one, and the second stage's.
    assert_eq!(
        listed(&app.room, &app.seat),
        owned(&[
            (
                0,
                "too many  fields in the Checkout form",
                "Too many fields in checkout"
            ),
            (1, "Slow pages", "Slow page load"),
        ])
    );
    let merged_once = app.room.map.clone();
    // Merging texts that differ: the other's text goes into the notes.
    run(&mut app, "m");
    let kept = &app.room.map.stages[0].lane(Lane::PainPoints)[1];
    assert_eq!(kept.votes, 6);
    assert_eq!(
        kept.notes,
        "Heard in 4 of 6 interviews\nToo many fields in checkout"
    );
    assert_eq!(listed(&app.room, &app.seat).len(), 1);
    // Each merge is one undo step that puts both cards back exactly, where they were.
    run(&mut app, "u");
    assert_eq!(app.room.map, merged_once);
    run(&mut app, "u");
    assert_eq!(app.room.map, before);
    let back: Vec<_> = app.room.map.stages[0]
        .lane(Lane::PainPoints)
        .iter()
        .map(|c| c.id)
        .collect();
    assert!(ids.iter().zip(&back).all(|(a, b)| a.same(*b)));
    assert_eq!(
        listed(&app.room, &app.seat).len(),
        4,
        "the list follows undo"
    );
    run(&mut app, "<C-r>");
    assert_eq!(app.room.map, merged_once);
    run(&mut app, "<esc> u");
    assert_eq!(app.room.map, before, "undo on the board too");
}

#[test]
fn votes_add_up_to_the_most_a_card_holds() {
    let mut map = Map::new("Capped");
    let mut stage = Stage::new("Use");
    stage.lane_mut(Lane::Opportunities).extend([
        Card::new("Guest checkout").with_votes(MAX_VOTES - 1),
        Card::new("Guest check-out")
            .with_votes(5)
            .with_owner("Ben")
            .with_notes("From the survey"),
    ]);
    map.stages = vec![stage];
    let mut app = editor(map);
    run(&mut app, "D m");
    let cards = app.room.map.stages[0].lane(Lane::Opportunities);
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].text, "Guest checkout");
    assert_eq!(cards[0].votes, MAX_VOTES);
    assert_eq!(
        cards[0].owner, "Ben",
        "what only the other card says is kept"
    );
    assert_eq!(cards[0].notes, "Guest check-out\nFrom the survey");
    assert!(
        app.seat
            .duplicate_pairs
            .as_ref()
            .is_some_and(|l| l.is_empty())
    );
    assert!(
        screen(&app).contains("None: no two cards"),
        "{}",
        screen(&app)
    );
    // An empty list ranks nothing: its title does not say "most alike first".
    assert!(!screen(&app).contains("0 pairs"), "{}", screen(&app));
    assert!(
        !screen(&app).contains("most alike first"),
        "{}",
        screen(&app)
    );
}

#[test]
fn a_long_lane_still_finds_its_near_identical_cards() {
    let mut map = Map::new("Imported");
    let mut stage = Stage::new("Research");
    let lane = stage.lane_mut(Lane::Touchpoints);
    for i in 0..1000 {
        lane.push(Card::new(format!("{i:04} {}", "x".repeat(i % 7 + 1))));
    }
    lane.insert(10, Card::new("Reads the pricing page"));
    lane.push(Card::new("reads the pricing page"));
    map.stages = vec![stage];
    let mut app = editor(map);
    run(&mut app, "D");
    let pairs = listed(&app.room, &app.seat);
    assert_eq!(
        pairs[0],
        (
            0,
            "Reads the pricing page".to_string(),
            "reads the pricing page".to_string()
        )
    );
}

#[test]
fn the_list_at_80x24() {
    let mut app = editor(written_map());
    run(&mut app, "D j");
    insta::assert_snapshot!("duplicate_cards_80x24", screen(&app));
}

/// Presses `script` at `seat`.
fn press(room: &mut Room, seat: &mut Seat, script: &str) {
    for key in keys(script) {
        if let Some(action) = keymap::action(&seat.mode, key) {
            app::update(room, seat, action);
        }
    }
}

#[test]
fn only_the_facilitator_merges_in_a_live_room_and_the_list_follows_others() {
    let mut room = Room::new(written_map(), None);
    let mut ana = Seat::new(SeatId(0), Role::Facilitator, "Ana");
    let mut ben = Seat::new(SeatId(1), Role::Participant, "Ben");
    for seat in [&mut ana, &mut ben] {
        let size = Event::Resize {
            width: 80,
            height: 24,
        };
        app::handle(&mut room, seat, size);
    }
    press(&mut room, &mut ben, "D");
    assert_eq!(ben.mode, Mode::Normal);
    assert!(ben.duplicate_pairs.is_none());
    let (why, _) = ben.status.clone().expect("Ben is told why");
    assert!(why.contains("only the facilitator"), "{why}");
    // Ana opens the list; Ben adds a card like one of the stage's, and Ana's list has it
    // as soon as her seat catches up (as it does before every frame).
    press(&mut room, &mut ana, "D");
    assert_eq!(listed(&room, &ana).len(), 4);
    ben.select(&room, slot(1, Lane::PainPoints, 0));
    press(&mut room, &mut ben, "a \"Slow page loading\" <enter> <esc>");
    app::catch_up(&mut room, &mut ana);
    assert_eq!(listed(&room, &ana).len(), 6, "{:?}", listed(&room, &ana));
    // Ana merges; Ben's board shows one card fewer.
    let before = room.map.stages[0].card_count();
    press(&mut room, &mut ana, "m");
    app::catch_up(&mut room, &mut ben);
    assert_eq!(room.map.stages[0].card_count(), before - 1);
    assert_eq!(ben.mode, Mode::Normal);
    assert!(View::new(&room, &ben).selected_card().is_some());
}

#[test]
fn a_long_list_scrolls_a_page_at_a_time() {
    let mut map = Map::new("Many pairs");
    // A pair in each of twelve stages: alike within a stage, never paired across.
    for i in 0..12 {
        let mut stage = Stage::new(format!("Step {i}"));
        stage.lane_mut(Lane::PainPoints).extend([
            Card::new(format!("Export number {i:02} fails")),
            Card::new(format!("export number {i:02} fails!")),
        ]);
        map.stages.push(stage);
    }
    let mut app = editor(map);
    run(&mut app, "D");
    assert_eq!(listed(&app.room, &app.seat).len(), 12);
    let shown = screen(&app);
    assert!(shown.contains("Export number 00 fails"), "{shown}");
    assert!(!shown.contains("Export number 11 fails"), "{shown}");
    assert!(shown.contains("↓ 3 more"), "{shown}");
    let cursor =
        |app: &journeymap::app::App| app.seat.duplicate_pairs.as_ref().map(|l| l.list.cursor);
    app.update(journeymap::app::Action::PageDown);
    assert_eq!(cursor(&app), Some(9));
    let shown = screen(&app);
    assert!(!shown.contains("Export number 00 fails"), "{shown}");
    assert!(shown.contains("↓ 2 more"), "{shown}");
    app.update(journeymap::app::Action::PageDown);
    assert_eq!(cursor(&app), Some(11), "a page down stops at the last pair");
    let shown = screen(&app);
    assert!(shown.contains("Export number 11 fails"), "{shown}");
}
