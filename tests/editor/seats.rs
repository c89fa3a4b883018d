//! Two people on one map, in process: one room, two seats, each with its own selection,
//! text input, undo and screen size.

use journeymap::app::{self, Event, Mode, Role, Room, Seat, SeatId, Target, View};
use journeymap::keymap;
use journeymap::model::Lane;
use journeymap::ui::{self, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::script::keys;
use super::{buffer_text, sample_map, slot};

/// Presses `script` (the key-script language of the editor tests) at `seat`.
fn press(room: &mut Room, seat: &mut Seat, script: &str) {
    for key in keys(script) {
        if let Some(action) = keymap::action(&seat.mode, key) {
            app::update(room, seat, action);
        }
    }
}

fn two_seats() -> (Room, Seat, Seat) {
    let mut room = Room::new(sample_map(), None);
    let mut ana = Seat::new(SeatId(0), Role::Facilitator, "Ana");
    let mut ben = Seat::new(SeatId(1), Role::Participant, "Ben");
    app::handle(
        &mut room,
        &mut ana,
        Event::Resize {
            width: 120,
            height: 40,
        },
    );
    app::handle(
        &mut room,
        &mut ben,
        Event::Resize {
            width: 80,
            height: 24,
        },
    );
    (room, ana, ben)
}

fn selected_text(room: &Room, seat: &Seat) -> Option<String> {
    View::new(room, seat)
        .selected_card()
        .map(|c| c.text.clone())
}

fn screen(room: &Room, seat: &Seat) -> String {
    let (width, height) = seat.size;
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    ui::render(&mut buf, area, &View::new(room, seat), &Theme::plain());
    buffer_text(&buf)
}

#[test]
fn selections_stay_on_their_cards_while_the_other_seat_adds_moves_votes_and_deletes() {
    let (mut room, mut ana, mut ben) = two_seats();
    // Two facilitators: Ben may delete Ana's card.
    ben.role = Role::Facilitator;
    let slow = slot(0, Lane::PainPoints, 0);
    ana.select(&room, slow);
    ben.select(&room, slow);
    // Ben adds a pain point and moves it above Ana's card.
    press(&mut room, &mut ben, "a \"Lost password\" <enter> <esc> K");
    assert_eq!(selected_text(&room, &ben).as_deref(), Some("Lost password"));
    app::catch_up(&mut room, &mut ana);
    assert_eq!(selected_text(&room, &ana).as_deref(), Some("Slow page"));
    assert_eq!(ana.selection, slot(0, Lane::PainPoints, 1));
    // Ana votes on her card while Ben's selection stays on his.
    press(&mut room, &mut ana, "+ +");
    app::catch_up(&mut room, &mut ben);
    assert_eq!(selected_text(&room, &ben).as_deref(), Some("Lost password"));
    assert_eq!(room.map.stages[0].lane(Lane::PainPoints)[1].votes, 3);
    // Ben moves his card to the next stage: Ana does not move with it.
    press(&mut room, &mut ben, "L");
    app::catch_up(&mut room, &mut ana);
    assert_eq!(selected_text(&room, &ana).as_deref(), Some("Slow page"));
    assert_eq!(ana.selection, slow);
    assert_eq!(ben.selection.stage, 1);
    assert_eq!(selected_text(&room, &ben).as_deref(), Some("Lost password"));
    // Ben deletes Ana's card: Ana lands on a neighbour and is told.
    ben.select(&room, slow);
    press(&mut room, &mut ben, "d");
    app::catch_up(&mut room, &mut ana);
    let (message, _) = ana.status.clone().expect("Ana is told");
    assert!(message.contains("deleted"), "{message}");
    assert_eq!(ana.selection.stage, 0);
    assert_ne!(selected_text(&room, &ana).as_deref(), Some("Slow page"));
}

#[test]
fn text_typed_on_a_card_another_seat_deletes_is_kept_as_a_new_card() {
    let (mut room, mut ana, mut ben) = two_seats();
    ben.role = Role::Facilitator;
    let faster = slot(0, Lane::Opportunities, 0);
    ana.select(&room, faster);
    press(&mut room, &mut ana, "e <C-u> \"Faster checkout\"");
    ben.select(&room, faster);
    press(&mut room, &mut ben, "d");
    app::catch_up(&mut room, &mut ana);
    assert!(
        matches!(ana.mode, Mode::Editing { target: Target::NewCard(s), .. } if s.lane == Lane::Opportunities),
        "{:?}",
        ana.mode
    );
    press(&mut room, &mut ana, "<enter>");
    let texts: Vec<&str> = room.map.stages[0]
        .lane(Lane::Opportunities)
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts, ["Faster checkout"]);
}

#[test]
fn each_seat_undoes_its_own_change_and_is_refused_when_the_card_changed_since() {
    let (mut room, mut ana, mut ben) = two_seats();
    let pains = |room: &Room| -> Vec<String> {
        room.map.stages[1]
            .lane(Lane::PainPoints)
            .iter()
            .map(|c| c.text.clone())
            .collect()
    };
    ana.select(&room, slot(1, Lane::PainPoints, 0));
    ben.select(&room, slot(1, Lane::PainPoints, 0));
    press(&mut room, &mut ana, "a \"From Ana\" <enter> <esc>");
    press(&mut room, &mut ben, "a \"From Ben\" <enter> <esc>");
    assert_eq!(pains(&room).len(), 2);
    press(&mut room, &mut ana, "u");
    assert_eq!(
        pains(&room),
        ["From Ben"],
        "Ana's undo takes back Ana's card"
    );
    press(&mut room, &mut ben, "u");
    assert!(pains(&room).is_empty());
    // Ana adds a card, Ben votes on it: Ana's undo would take Ben's vote with it.
    press(&mut room, &mut ana, "a Mine <enter> <esc>");
    app::catch_up(&mut room, &mut ben);
    ben.select(&room, slot(1, Lane::PainPoints, 0));
    press(&mut room, &mut ben, "+");
    press(&mut room, &mut ana, "u");
    assert_eq!(pains(&room), ["Mine"]);
    let (message, _) = ana.status.clone().expect("Ana is told");
    assert!(message.contains("cannot undo"), "{message}");
    // Alone again, the facilitator's undo works as ever.
    press(&mut room, &mut ben, "u");
    press(&mut room, &mut ana, "u");
    assert!(pains(&room).is_empty());
}

#[test]
fn each_seat_is_drawn_at_its_own_size_with_its_own_view() {
    let (mut room, mut ana, mut ben) = two_seats();
    app::handle(
        &mut room,
        &mut ben,
        Event::Resize {
            width: 60,
            height: 20,
        },
    );
    press(&mut room, &mut ana, "3");
    let wide = screen(&room, &ana);
    let narrow = screen(&room, &ben);
    assert_eq!(wide.lines().count(), 40);
    assert_eq!(narrow.lines().count(), 20);
    assert!(wide.lines().any(|l| l.contains("3 Buy")), "{wide}");
    assert!(!narrow.lines().any(|l| l.contains("3 Buy")), "{narrow}");
    press(&mut room, &mut ben, "z");
    assert!(ben.zoom && !ana.zoom);
}

#[test]
fn a_participant_changes_only_their_own_cards_and_never_saves() {
    let (mut room, mut ana, mut ben) = two_seats();
    let slow = slot(0, Lane::PainPoints, 0);
    ben.select(&room, slow);
    press(&mut room, &mut ben, "d");
    assert_eq!(room.map.stages[0].lane(Lane::PainPoints).len(), 1);
    let (message, _) = ben.status.clone().expect("Ben is told why");
    assert!(message.contains("only the cards you added"), "{message}");
    for (keys, why) in [
        ("<C-s>", "saves"),
        ("S", "stages"),
        ("t", "timer"),
        ("V", "voting"),
    ] {
        let effects: Vec<_> = keys_effects(&mut room, &mut ben, keys);
        assert!(effects.is_empty(), "{keys}: {effects:?}");
        let (message, _) = ben.status.clone().expect("Ben is told why");
        assert!(message.contains(why), "{keys}: {message}");
    }
    press(&mut room, &mut ben, "a Mine <enter> <esc> d");
    assert_eq!(
        room.map.stages[0].lane(Lane::PainPoints).len(),
        1,
        "his own card goes"
    );
    // The facilitator may change anything.
    ana.select(&room, slow);
    press(&mut room, &mut ana, "d");
    assert!(room.map.stages[0].lane(Lane::PainPoints).is_empty());
}

fn keys_effects(room: &mut Room, seat: &mut Seat, script: &str) -> Vec<app::Effect> {
    let mut effects = Vec::new();
    for key in keys(script) {
        if let Some(action) = keymap::action(&seat.mode, key) {
            effects.extend(app::update(room, seat, action));
        }
    }
    effects
}

#[test]
fn text_taken_back_after_a_restart_follows_its_card_when_others_move_the_lane() {
    // Ben was editing his touchpoint "Blog post" when the host went; it comes back on that
    // card, and stays on it when Ana adds a card above it before his Enter.
    let (mut room, mut ana, _) = two_seats();
    let place = app::typing::TypedPlace {
        stage: 0,
        lane: Lane::Touchpoints,
        card: Some("Blog post".into()),
        field: journeymap::model::CardField::Text,
    };
    let mut ben = Seat::new(SeatId(1), Role::Participant, "Ben");
    room.restore_added(vec![app::added_by::Added {
        seat: ben.id,
        stage: 0,
        lane: Lane::Touchpoints,
        text: "Blog post".into(),
        nth: 0,
    }]);
    app::typing::resume_typing(&room, &mut ben, "Blog post, read".into(), &place);
    ana.select(&room, slot(0, Lane::Touchpoints, 0));
    press(&mut room, &mut ana, "a \"Newsletter\" <enter> <esc> K K");
    app::catch_up(&mut room, &mut ben);
    press(&mut room, &mut ben, "<enter>");
    let texts: Vec<&str> = room.map.stages[0]
        .lane(Lane::Touchpoints)
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts, ["Newsletter", "Search ad", "Blog post, read"]);
}
