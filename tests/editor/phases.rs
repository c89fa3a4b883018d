//! The live workshop's phases on one room, in process: private writing (own cards only,
//! their own undo, the reveal as one undoable change), everyone voting at once (every card
//! gets exactly the dots cast on it, over twenty rooms of thirty), discussion (read-only
//! for participants). The same `app::update` serves every seat of `journeymap host`.

use journeymap::app::live::{Live, Member};
use journeymap::app::phase::Phase;
use journeymap::app::voting::Step;
use journeymap::app::{self, Action, Event, Mode, Role, Room, Seat, SeatId, View};
use journeymap::format;
use journeymap::model::{Card, Lane, Map};
use journeymap::templates;
use journeymap::ui::{self, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::buffer_text;

fn empty_map() -> Map {
    let mut map = templates::default_map();
    for stage in &mut map.stages {
        for lane in Lane::ALL {
            stage.lane_mut(lane).clear();
        }
    }
    map
}

/// A live room (as `journeymap host` makes it) with the facilitator Ana and `n` participants.
fn live_room(map: Map, n: u32) -> (Room, Seat, Vec<Seat>) {
    let mut room = Room::new(map, None);
    let mut ana = Seat::new(SeatId(0), Role::Facilitator, "Ana");
    let mut people: Vec<Seat> = (1..=n)
        .map(|i| Seat::new(SeatId(i), Role::Participant, format!("P{i}")))
        .collect();
    let members = std::iter::once(&ana).chain(&people).map(|seat| Member {
        seat: seat.id,
        name: seat.name.clone(),
        role: seat.role,
        here: true,
    });
    room.live = Some(Live {
        members: members.collect(),
        ..Live::default()
    });
    for seat in std::iter::once(&mut ana).chain(people.iter_mut()) {
        app::handle(
            &mut room,
            seat,
            Event::Resize {
                width: 120,
                height: 40,
            },
        );
    }
    (room, ana, people)
}

fn act(room: &mut Room, seat: &mut Seat, actions: &[Action]) {
    for action in actions {
        app::update(room, seat, action.clone());
    }
}

fn typed(text: &str) -> Vec<Action> {
    let mut actions = vec![Action::AddCard];
    actions.extend(text.chars().map(|c| Action::Input(app::InputOp::Insert(c))));
    actions.extend([Action::Submit, Action::Cancel]);
    actions
}

/// A seat's screen, drawn as `journeymap host` draws it: through its own eyes.
fn screen(room: &mut Room, seat: &mut Seat) -> String {
    app::catch_up(room, seat);
    let (width, height) = seat.size;
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    app::phase::as_seen_by(room, seat, |room| {
        ui::render(&mut buf, area, &View::new(room, seat), &Theme::plain())
    });
    buffer_text(&buf)
}

fn texts(map: &Map) -> Vec<String> {
    map.stages
        .iter()
        .flat_map(|s| Lane::ALL.into_iter().flat_map(move |l| s.lane(l).iter()))
        .map(|c| c.text.clone())
        .collect()
}

#[test]
fn private_cards_are_their_writers_alone_until_one_undoable_reveal() {
    let mut map = empty_map();
    map.stages[0]
        .lane_mut(Lane::Touchpoints)
        .push(Card::new("shared card"));
    let (mut room, mut ana, mut people) = live_room(map, 2);
    act(&mut room, &mut ana, &[Action::Phase(Phase::Writing)]);
    assert_eq!(room.phase(), Phase::Writing);

    let (ben, cy) = people.split_at_mut(1);
    let (ben, cy) = (&mut ben[0], &mut cy[0]);
    act(&mut room, ben, &typed("ben secret"));
    act(&mut room, cy, &typed("cy secret"));
    act(&mut room, cy, &typed("cy second"));
    assert_eq!(room.drafts().len(), 3);
    assert_eq!(
        texts(&room.map),
        vec!["shared card"],
        "the map holds no private card"
    );
    assert!(!format::to_string(&room.map).contains("secret"));

    let ben_sees = screen(&mut room, ben);
    let cy_sees = screen(&mut room, cy);
    let ana_sees = screen(&mut room, &mut ana);
    assert!(ben_sees.contains("ben secret"), "{ben_sees}");
    assert!(!ben_sees.contains("cy secret") && !ben_sees.contains("cy second"));
    assert!(cy_sees.contains("cy secret") && cy_sees.contains("cy second"));
    assert!(!cy_sees.contains("ben secret"));
    assert!(!ana_sees.contains("secret") && !ana_sees.contains("cy second"));
    assert!(ana_sees.contains("3 cards from 2 people"), "{ana_sees}");

    // A participant changes only their own new cards, and undoes their own writing.
    act(&mut room, cy, &[Action::Undo]);
    assert_eq!(room.drafts().len(), 2, "cy's second card undone");
    act(&mut room, cy, &[Action::Redo]);
    assert_eq!(room.drafts().len(), 3);
    act(
        &mut room,
        ben,
        &[Action::Up, Action::Up, Action::Up, Action::DeleteCard],
    );
    assert_eq!(
        texts(&room.map),
        vec!["shared card"],
        "the shared card stays"
    );
    assert!(
        status_of(ben).contains("only your new cards"),
        "{}",
        status_of(ben)
    );

    // The stages stay as they are while people write.
    act(&mut room, &mut ana, &[Action::StageMenu]);
    assert_eq!(ana.mode, Mode::Normal);

    act(&mut room, &mut ana, &[Action::RevealCards]);
    assert_eq!(room.phase(), Phase::Open);
    assert!(room.drafts().is_empty());
    let mut all = texts(&room.map);
    all.sort();
    assert_eq!(
        all,
        vec!["ben secret", "cy second", "cy secret", "shared card"]
    );
    assert!(screen(&mut room, &mut ana).contains("cy second"));
    // Their writers may still change them; the reveal is one step of Ana's undo.
    assert!(screen(&mut room, ben).contains("cy secret"));
    act(&mut room, &mut ana, &[Action::Undo]);
    assert_eq!(texts(&room.map), vec!["shared card"]);
    assert_eq!(room.tally.private_cards, 3);
    act(&mut room, &mut ana, &[Action::Summary]);
    let outcome = screen(&mut room, &mut ana);
    assert!(outcome.contains("This live session"), "{outcome}");
    assert!(outcome.contains("3 written"), "{outcome}");
}

#[test]
fn twenty_rooms_of_thirty_voters_get_exactly_the_dots_they_cast() {
    let mut map = empty_map();
    for (s, stage) in map.stages.iter_mut().enumerate() {
        for k in 0..3 {
            stage
                .lane_mut(Lane::PainPoints)
                .push(Card::new(format!("pain {s}{k}")));
        }
    }
    let cards = 15;
    for run in 0..20u64 {
        let (mut room, mut ana, mut people) = live_room(map.clone(), 30);
        act(
            &mut room,
            &mut ana,
            &[Action::Phase(Phase::Voting), Action::Submit],
        );
        assert_eq!(room.phase(), Phase::Voting);
        let mut cast = vec![0u16; cards];
        let mut state = run * 7919 + 1;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        // Keys from all thirty interleaved: moves, dots, dots taken back, some refused.
        let mut rows = vec![0usize; people.len()];
        let mut mine = vec![vec![0u16; cards]; people.len()];
        for _ in 0..1500 {
            let who = next(30) as usize;
            let seat = &mut people[who];
            let action = match next(6) {
                0 => Action::Down,
                1 => Action::Up,
                2 => Action::VoteDown,
                _ => Action::VoteUp,
            };
            app::update(&mut room, seat, action.clone());
            assert_eq!(seat.mode, Mode::Voting(Step::Live));
            let row = &mut rows[who];
            match action {
                Action::Down => *row = (*row + 1).min(cards - 1),
                Action::Up => *row = row.saturating_sub(1),
                Action::VoteUp => {
                    let spent: u16 = mine[who].iter().sum();
                    if spent < 5 && mine[who][*row] < 3 {
                        mine[who][*row] += 1;
                    }
                }
                _ => mine[who][*row] = mine[who][*row].saturating_sub(1),
            }
        }
        for (who, seat) in people.iter_mut().enumerate() {
            app::update(&mut room, seat, Action::Submit);
            for (card, n) in mine[who].iter().enumerate() {
                cast[card] += n;
            }
        }
        let facilitator = screen(&mut room, &mut ana);
        assert!(facilitator.contains("30 of 30 done"), "{facilitator}");
        act(&mut room, &mut ana, &[Action::Reveal]);
        let votes: Vec<u16> = room
            .map
            .stages
            .iter()
            .flat_map(|s| s.lane(Lane::PainPoints).iter().map(|c| c.votes))
            .collect();
        assert_eq!(votes, cast, "run {run}");
        assert_eq!(
            room.tally.dots,
            cast.iter().map(|&n| u32::from(n)).sum::<u32>()
        );
        for seat in &mut people {
            app::catch_up(&mut room, seat);
            assert_eq!(seat.mode, Mode::Results, "every seat opens the ranking");
        }
        assert_eq!(room.phase(), Phase::Discussion);
    }
}

#[test]
fn a_hidden_round_shows_no_total_on_any_screen_before_the_reveal() {
    let mut map = empty_map();
    let mut voted = Card::new("already voted");
    voted.votes = 7;
    map.stages[0].lane_mut(Lane::PainPoints).push(voted);
    let (mut room, mut ana, mut people) = live_room(map, 2);
    act(
        &mut room,
        &mut ana,
        &[Action::Phase(Phase::Voting), Action::Submit],
    );
    act(&mut room, &mut people[0], &[Action::VoteUp, Action::VoteUp]);
    for seat in std::iter::once(&mut ana).chain(people.iter_mut()) {
        let seen = screen(&mut room, seat);
        assert!(!seen.contains("●7") && !seen.contains("7 votes"), "{seen}");
    }
    let ana_sees = screen(&mut room, &mut ana);
    assert!(
        ana_sees.contains("0 of 2 done · 8 dots still to place"),
        "{ana_sees}"
    );
}

#[test]
fn during_the_discussion_the_board_is_read_only_for_participants() {
    let (mut room, mut ana, mut people) = live_room(empty_map(), 1);
    act(&mut room, &mut ana, &[Action::Phase(Phase::Discussion)]);
    act(&mut room, &mut people[0], &[Action::AddCard]);
    assert_eq!(people[0].mode, Mode::Normal);
    assert!(
        status_of(&people[0]).contains("read-only"),
        "{}",
        status_of(&people[0])
    );
    act(&mut room, &mut people[0], &typed("too late"));
    assert!(texts(&room.map).is_empty());
    act(&mut room, &mut ana, &typed("the facilitator's note"));
    assert_eq!(texts(&room.map), vec!["the facilitator's note"]);
}

#[test]
fn a_seat_that_follows_shows_no_totals_while_people_write_privately() {
    let mut map = empty_map();
    let mut voted = Card::new("already voted");
    voted.votes = 7;
    map.stages[0].lane_mut(Lane::PainPoints).push(voted);
    let (mut room, mut ana, mut people) = live_room(map, 2);
    act(
        &mut room,
        &mut ana,
        &[Action::FollowMe, Action::Phase(Phase::Writing)],
    );
    let following = screen(&mut room, &mut people[0]);
    assert!(following.contains("following Ana"), "{following}");
    assert!(
        following.contains("already voted") && !following.contains("●7"),
        "{following}"
    );
    // One who stepped out of following sees the board as it is.
    act(&mut room, &mut people[1], &[Action::FollowMe]);
    assert!(screen(&mut room, &mut people[1]).contains("●7"));
    act(&mut room, &mut ana, &[Action::RevealCards]);
    assert!(screen(&mut room, &mut people[0]).contains("●7"));
    assert_eq!(room.map.stages[0].lane(Lane::PainPoints)[0].votes, 7);
}

#[test]
fn quitting_with_private_cards_unrevealed_asks_for_a_second_q() {
    let (mut room, mut ana, mut people) = live_room(empty_map(), 1);
    act(&mut room, &mut ana, &[Action::Phase(Phase::Writing)]);
    act(&mut room, &mut people[0], &typed("not yet revealed"));
    let first = app::update(&mut room, &mut ana, Action::Quit);
    assert!(!first.contains(&app::Effect::Quit));
    assert!(
        status_of(&ana).contains("private cards not revealed (1 card from 1 person)"),
        "{}",
        status_of(&ana)
    );
    // Anything else in between disarms it.
    act(&mut room, &mut ana, &[Action::Down]);
    assert!(!app::update(&mut room, &mut ana, Action::Quit).contains(&app::Effect::Quit));
    assert!(app::update(&mut room, &mut ana, Action::Quit).contains(&app::Effect::Quit));
}

fn status_of(seat: &Seat) -> String {
    seat.status
        .as_ref()
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

#[test]
fn the_facilitator_is_told_the_reveal_is_w_then_r() {
    // `r` on the board renames the stage: the reveal is in the roster, `W` then `r`.
    let (mut room, mut ana, mut people) = live_room(empty_map(), 1);
    act(&mut room, &mut ana, &[Action::Phase(Phase::Writing)]);
    let said = status_of(&ana);
    assert!(said.contains("W r reveals"), "{said}");
    act(&mut room, &mut people[0], &typed("not yet revealed"));
    act(&mut room, &mut ana, &[Action::Phase(Phase::Discussion)]);
    let said = status_of(&ana);
    assert!(said.contains("W r reveals"), "{said}");
}

#[test]
fn follow_me_brings_a_participant_from_the_ranking_to_the_facilitators_board() {
    let mut map = empty_map();
    map.stages[2]
        .lane_mut(Lane::PainPoints)
        .push(Card::new("card declined"));
    let (mut room, mut ana, mut people) = live_room(map, 1);
    act(&mut room, &mut people[0], &[Action::ShowResults]);
    assert_eq!(people[0].mode, Mode::Results);
    act(
        &mut room,
        &mut ana,
        &[
            Action::JumpStage(2),
            Action::NextLane,
            Action::NextLane,
            Action::FollowMe,
        ],
    );
    let seen = screen(&mut room, &mut people[0]);
    assert_eq!(people[0].mode, Mode::Normal, "{seen}");
    assert!(seen.contains("following Ana"), "{seen}");
    assert_eq!(status_of(&people[0]), "following Ana: F steps out");
    assert_eq!(people[0].selection, ana.selection);
    // Once there, the ranking opens again while following, and stays open.
    act(&mut room, &mut people[0], &[Action::ShowResults]);
    act(&mut room, &mut ana, &[Action::Down]);
    screen(&mut room, &mut people[0]);
    assert_eq!(people[0].mode, Mode::Results);
}

/// The last line of a seat's screen: the status bar with the keys it offers.
fn keys_offered(room: &mut Room, seat: &mut Seat) -> String {
    let shown = screen(room, seat);
    shown.lines().last().unwrap_or_default().to_string()
}

#[test]
fn a_participants_status_bar_offers_only_the_keys_that_work_for_them_now() {
    let mut map = empty_map();
    map.stages[0]
        .lane_mut(Lane::PainPoints)
        .push(Card::new("the facilitator's card"));
    let (mut room, mut ana, mut people) = live_room(map, 1);
    let ben = &mut people[0];
    act(&mut room, ben, &[Action::NextLane, Action::NextLane]);
    assert_eq!(ben.selection.lane, Lane::PainPoints);
    ben.status = None;
    let bar = keys_offered(&mut room, ben);
    assert!(bar.contains("a add") && bar.contains("+ vote"), "{bar}");
    assert!(
        !bar.contains("d delete") && !bar.contains("Enter edit"),
        "{bar}"
    );
    // An empty lane has no card to edit, delete or vote on.
    act(&mut room, ben, &[Action::NextLane]);
    ben.status = None;
    let bar = keys_offered(&mut room, ben);
    assert!(bar.contains("a add"), "{bar}");
    assert!(
        !bar.contains("+ vote") && !bar.contains("Enter edit"),
        "{bar}"
    );
    act(&mut room, ben, &[Action::PrevLane]);
    // Their own card: theirs to change.
    act(&mut room, ben, &typed("ben's own"));
    assert_eq!(room.card(ben.selection).unwrap().text, "ben's own");
    ben.status = None;
    let bar = keys_offered(&mut room, ben);
    assert!(
        bar.contains("d delete") && bar.contains("Enter edit"),
        "{bar}"
    );
    // Private writing: no votes yet, and only their new cards to change.
    act(&mut room, &mut ana, &[Action::Phase(Phase::Writing)]);
    ben.status = None;
    let bar = keys_offered(&mut room, ben);
    assert!(bar.contains("a add"), "{bar}");
    assert!(
        !bar.contains("+ vote") && !bar.contains("d delete"),
        "{bar}"
    );
    act(&mut room, &mut ana, &[Action::RevealCards]);
    // The discussion: the board is read-only for them.
    act(&mut room, &mut ana, &[Action::Phase(Phase::Discussion)]);
    ben.status = None;
    let bar = keys_offered(&mut room, ben);
    assert!(!bar.contains("a add") && !bar.contains("+ vote"), "{bar}");
    assert!(
        !bar.contains("u undo") && !bar.contains("d delete"),
        "{bar}"
    );
    assert!(bar.contains("q quit"), "{bar}");
}

#[test]
fn a_participants_header_leaves_saving_to_the_facilitator_and_keeps_their_name_in_80_columns() {
    let (mut room, mut ana, mut people) = live_room(empty_map(), 1);
    let ben = &mut people[0];
    app::handle(
        &mut room,
        ben,
        Event::Resize {
            width: 80,
            height: 24,
        },
    );
    act(&mut room, ben, &typed("a card nobody saved yet"));
    act(&mut room, &mut ana, &[Action::Phase(Phase::Writing)]);
    let header = screen(&mut room, ben)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(!header.contains("unsaved"), "{header}");
    assert!(header.contains("P1"), "{header}");
    let header = screen(&mut room, &mut ana)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(header.contains("● unsaved"), "{header}");
}

#[test]
fn removing_a_participant_takes_a_second_x_that_says_what_goes() {
    let (mut room, mut ana, mut people) = live_room(empty_map(), 2);
    act(&mut room, &mut ana, &[Action::Phase(Phase::Writing)]);
    act(&mut room, &mut people[0], &typed("p1 secret"));
    act(
        &mut room,
        &mut ana,
        &[Action::Roster, Action::Down, Action::RemoveSeat],
    );
    assert_eq!(room.drafts().len(), 1, "one x removes nobody");
    assert_eq!(ana.mode, Mode::Roster);
    let said = status_of(&ana);
    assert!(
        said.contains("x again removes P1") && said.contains("1 private card"),
        "{said}"
    );
    // Anything else keeps them.
    act(
        &mut room,
        &mut ana,
        &[Action::Down, Action::Up, Action::RemoveSeat],
    );
    assert_eq!(room.drafts().len(), 1);
    act(&mut room, &mut ana, &[Action::RemoveSeat]);
    assert!(room.drafts().is_empty(), "the second x removes P1");
    assert_eq!(room.take_removed(), vec![people[0].id]);
    assert!(
        status_of(&ana).contains("P1 was removed"),
        "{}",
        status_of(&ana)
    );
}

#[test]
fn the_status_bar_offers_the_roster_to_the_facilitator_and_follow_to_one_who_stepped_out() {
    let (mut room, mut ana, mut people) = live_room(empty_map(), 1);
    let bar = keys_offered(&mut room, &mut ana);
    assert!(bar.contains("W phases"), "{bar}");
    let ben = &mut people[0];
    assert!(!keys_offered(&mut room, ben).contains("W "));
    act(&mut room, &mut ana, &[Action::FollowMe]);
    ben.status = None;
    assert!(!keys_offered(&mut room, ben).contains("F follow"));
    act(&mut room, ben, &[Action::Right]);
    ben.status = None;
    let bar = keys_offered(&mut room, ben);
    assert!(bar.contains("F follow"), "{bar}");
}

#[test]
fn the_round_screen_says_who_is_away_while_everyone_votes() {
    let mut map = empty_map();
    map.stages[0]
        .lane_mut(Lane::PainPoints)
        .push(Card::new("a pain"));
    let (mut room, mut ana, mut people) = live_room(map, 2);
    act(
        &mut room,
        &mut ana,
        &[Action::Phase(Phase::Voting), Action::Submit],
    );
    for seat in &mut people {
        act(&mut room, seat, &[Action::VoteUp]);
    }
    // P2's connection drops: the session marks them away.
    if let Some(live) = room.live.as_mut() {
        live.members[2].here = false;
    }
    let seen = screen(&mut room, &mut ana);
    let line = |name: &str| {
        seen.lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("P2").contains("away · 4 dots left"), "{seen}");
    assert!(!line("P1").contains("away"), "{seen}");
}

#[test]
fn the_roster_names_the_facilitator_once() {
    let (mut room, ana, _people) = live_room(empty_map(), 1);
    if let Some(live) = room.live.as_mut() {
        live.members[0].name = "facilitator".into();
    }
    let lines = View::new(&room, &ana).roster();
    assert!(
        lines.iter().any(|l| l.ends_with("here  facilitator")),
        "{lines:?}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("facilitator (facilitator)"))
    );
    if let Some(live) = room.live.as_mut() {
        live.members[0].name = "Ana".into();
    }
    let lines = View::new(&room, &ana).roster();
    assert!(
        lines.iter().any(|l| l.ends_with("Ana (facilitator)")),
        "{lines:?}"
    );
}

#[test]
fn private_cards_stay_their_writers_through_a_reload_and_the_reveal() {
    let (mut room, mut ana, mut people) = live_room(empty_map(), 1);
    act(&mut room, &mut ana, &[Action::Phase(Phase::Writing)]);
    act(&mut room, &mut people[0], &typed("mine to change"));
    // The facilitator takes the file from disk again (a reload, or a recovery copy).
    let map = room.map.clone();
    app::handle(
        &mut room,
        &mut ana,
        Event::Replace {
            map: Box::new(map),
            saved: true,
        },
    );
    act(&mut room, &mut ana, &[Action::RevealCards]);
    let (stage, lane) = (0, people[0].selection.lane);
    let index = room.map.stages[stage]
        .lane(lane)
        .iter()
        .position(|c| c.text == "mine to change")
        .expect("revealed");
    let card = &room.map.stages[stage].lane(lane)[index];
    assert!(room.added_by(card.id, people[0].id), "still the writer's");
    assert!(!room.added_by(card.id, ana.id));
}
