//! The live workshop's phases over SSH: private writing (nobody's screen ever receives
//! another participant's hidden card, and the reveal puts every card on every screen and in
//! the map once), everyone voting at once (the reveal adds exactly the dots cast; a seat
//! that drops and comes back finds its dots) and follow me.

use journeymap::app::Action;
use journeymap::app::phase::Phase;
use journeymap::model::{Card, Lane};

use super::client::{Participant, TIMEOUT};
use super::{Session, empty_map, keys, phases_map, type_text};

const PEOPLE: usize = 30;
const STAGES: usize = 5;

fn secret(i: usize) -> String {
    format!("s{i:02} idea")
}

fn raw_text(p: &Participant) -> String {
    String::from_utf8_lossy(&p.shared.lock().raw).into_owned()
}

#[test]
fn private_cards_reach_no_other_screen_until_the_reveal_shows_them_all_once() {
    let session = Session::with_map(empty_map());
    let people: Vec<Participant> = (0..PEOPLE)
        .map(|i| session.join(&format!("person {i}"), 160, 60))
        .collect();
    session.wait_seen("everyone connected", |s| s.connected == PEOPLE);
    session.act(Action::Phase(Phase::Writing));
    for p in &people {
        p.wait_for("private writing");
    }

    // Each writes one card in a stage and lane of their own, all at once.
    for (i, p) in people.iter().enumerate() {
        p.send((i % STAGES + 1).to_string().as_bytes());
        for _ in 0..(i / STAGES) % 4 {
            p.send(b"\t");
        }
        p.send(b"a");
    }
    for (i, p) in people.iter().enumerate() {
        p.wait_until("the input open", TIMEOUT, |s| {
            super::editing(&s.parser.screen().contents())
        });
        type_text(p, &secret(i));
        p.send(keys::ENTER);
    }
    session.wait_seen("every card written, privately", |s| s.drafts == PEOPLE);
    for p in &people {
        p.send(keys::ESC);
        p.wait_for(&format!("{} cards from {PEOPLE} people", PEOPLE));
    }
    let seen = session.wait_seen("nothing on the map yet", |_| true);
    assert!(seen.cards.is_empty(), "the map holds {:?}", seen.cards);

    // Every screen shows its own card, and no byte sent to it holds another's.
    for (a, p) in people.iter().enumerate() {
        p.wait_for(&secret(a));
        let raw = raw_text(p);
        let screen = p.contents();
        for b in (0..PEOPLE).filter(|&b| b != a) {
            assert!(
                !raw.contains(&secret(b)) && !screen.contains(&secret(b)),
                "seat {a} was sent seat {b}'s private card"
            );
        }
    }

    session.act(Action::RevealCards);
    let seen = session.wait_seen("every card revealed", |s| {
        s.drafts == 0 && s.cards.len() == PEOPLE
    });
    for i in 0..PEOPLE {
        let n = seen.cards.iter().filter(|t| **t == secret(i)).count();
        assert_eq!(n, 1, "{} is on the map {n} times", secret(i));
    }
    for p in &people {
        for i in 0..PEOPLE {
            p.wait_for(&secret(i));
        }
    }
    let room = session.finish();
    assert_eq!(room.phase(), Phase::Open);
}

/// A participant's dots for one round: (card row, dots) within the budget and the cap.
fn plan(seed: usize, cards: usize) -> Vec<(usize, u16)> {
    let mut state = seed as u64 * 2_654_435_761 + 12_345;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        ((state >> 33) % n) as usize
    };
    let mut left = 5u16;
    let mut dots = Vec::new();
    let mut row = 0;
    while left > 0 && row < cards {
        row += next(3);
        if row >= cards {
            break;
        }
        let n = (1 + next(3) as u16).min(left);
        dots.push((row, n));
        left -= n;
        row += 1;
    }
    dots
}

fn place(p: &Participant, dots: &[(usize, u16)]) {
    let mut at = 0;
    for &(row, n) in dots {
        for _ in at..row {
            p.send(keys::DOWN);
        }
        at = row;
        for _ in 0..n {
            p.send(b"+");
        }
    }
}

#[test]
fn thirty_vote_at_once_and_the_reveal_adds_exactly_the_dots_cast() {
    let session = Session::with_map(phases_map());
    let people: Vec<Participant> = (0..PEOPLE)
        .map(|i| session.join(&format!("voter {i}"), 120, 40))
        .collect();
    session.wait_seen("everyone connected", |s| s.connected == PEOPLE);
    session.act(Action::Phase(Phase::Voting));
    session.act(Action::Submit);
    let mut expected = [0u16; 10];
    for (i, p) in people.iter().enumerate() {
        p.wait_for("Your dots");
        let dots = plan(i, 10);
        for &(row, n) in &dots {
            expected[row] += n;
        }
        place(p, &dots);
        p.send(keys::ENTER);
    }
    for p in &people {
        p.wait_for("voting · you are done");
    }
    // Nobody's screen showed a total before the reveal: every card still has no votes.
    let seen = session.wait_seen("the round under way", |_| true);
    assert_eq!(seen.cards.len(), 10);
    session.act(Action::Reveal);
    for p in &people {
        p.wait_for("the round is revealed");
    }
    let room = session.finish();
    let votes: Vec<u16> = room
        .map
        .stages
        .iter()
        .flat_map(|s| s.lane(Lane::PainPoints).iter().map(|c| c.votes))
        .collect();
    assert_eq!(votes, expected.to_vec());
    assert_eq!(room.phase(), Phase::Discussion);
}

#[test]
fn a_voter_who_drops_mid_round_finds_their_dots_on_coming_back() {
    let session = Session::with_map(phases_map());
    let p = session.join("Grace", 120, 40);
    session.act(Action::Phase(Phase::Voting));
    session.act(Action::Submit);
    p.wait_for("Your dots");
    place(&p, &[(0, 2), (3, 1)]);
    p.wait_for("left: 2 of 5");
    p.send(b"q");
    p.wait_closed();
    session.wait_seen("Grace gone", |s| s.connected == 0);

    let mut back = super::client::connect(session.port);
    let (_, ok) = super::client::auth_name(&mut back, super::CODE, "Grace");
    assert!(ok);
    let back = Participant::open(back, 120, 40);
    back.wait_for("left: 2 of 5");
    back.wait_for("●●");
    back.send(b"+");
    back.wait_for("left: 1 of 5");
    back.send(keys::ENTER);
    back.wait_for("voting · you are done");
    session.act(Action::Reveal);
    back.wait_for("the round is revealed");
    let room = session.finish();
    let votes: Vec<u16> = room.map.stages[0]
        .lane(Lane::PainPoints)
        .iter()
        .chain(room.map.stages[1].lane(Lane::PainPoints))
        .map(|c| c.votes)
        .collect();
    assert_eq!(votes, vec![3, 0, 0, 1]);
}

#[test]
fn follow_me_shows_the_facilitators_stage_on_every_seat_until_one_steps_out() {
    let mut map = empty_map();
    map.stages[3]
        .lane_mut(Lane::Touchpoints)
        .push(Card::new("where Ana is"));
    let session = Session::with_map(map);
    let people: Vec<Participant> = (0..3)
        .map(|i| session.join(&format!("follower {i}"), 120, 40))
        .collect();
    session.act(Action::FollowMe);
    for p in &people {
        p.wait_for("following Ana");
    }
    session.act(Action::JumpStage(3));
    for p in &people {
        p.wait_for("Touchpoint 1/1: where Ana is");
    }

    // One steps out by moving, and back in with F.
    people[0].send(b"h");
    people[0].wait_for("you stepped out");
    people[0].wait_until("no longer following", TIMEOUT, |s| {
        !s.parser.screen().contents().contains("following Ana")
    });
    session.act(Action::JumpStage(0));
    session.act(Action::JumpStage(3));
    people[0].send(b"F");
    people[0].wait_for("following Ana");
    people[0].wait_for("Touchpoint 1/1: where Ana is");
    for p in &people[1..] {
        p.wait_for("following Ana");
    }
}

#[test]
fn the_facilitator_removes_a_participant_whose_private_cards_go_with_them() {
    let session = Session::with_map(empty_map());
    let ada = session.join("Ada", 120, 40);
    let ben = session.join("Ben", 120, 40);
    session.wait_seen("both here", |s| s.connected == 2);
    session.act(Action::Phase(Phase::Writing));
    ben.wait_for("private writing");
    ben.send(b"a");
    type_text(&ben, "ben private");
    ben.send(keys::ENTER);
    session.wait_seen("Ben's card", |s| s.drafts == 1);

    // The roster lists the facilitator, then Ada, then Ben.
    for action in [
        Action::Roster,
        Action::Down,
        Action::Down,
        Action::RemoveSeat,
        Action::RemoveSeat,
    ] {
        session.act(action);
    }
    ben.wait_closed();
    assert!(ben.contents().contains("removed you"), "{}", ben.contents());
    session.wait_seen("Ben gone, and his card", |s| {
        s.connected == 1 && s.drafts == 0
    });
    ada.wait_for("0 cards from 0 people");

    let mut back = super::client::connect(session.port);
    let (_, ok) = super::client::auth_name(&mut back, super::CODE, "Ben");
    assert!(ok);
    let back = Participant::open(back, 120, 40);
    back.wait_for("welcome");
    assert!(!back.contents().contains("welcome back"));
}
