//! Thirty participants at once: each types a card key by key and pastes one with non-ASCII
//! text; every card reaches every screen and the map, and survives a save and a load.

use super::client::{Participant, TIMEOUT};
use super::{Session, editing, keys, texts, type_text};

const PEOPLE: usize = 30;
const STAGES: usize = 5;

fn typed(i: usize) -> String {
    format!("t{i:02} key")
}

fn pasted(i: usize) -> String {
    format!("p{i:02} çé€")
}

/// Waits until the inline editor is closed on every screen.
fn wait_board(people: &[Participant]) {
    for p in people {
        p.wait_until("the board, no input open", TIMEOUT, |s| {
            !editing(&s.parser.screen().contents())
        });
    }
}

#[test]
fn thirty_participants_add_cards_and_everyone_sees_every_card() {
    let session = Session::start();
    // Wide enough for five stage columns, tall enough for each stage's twelve new cards.
    let people: Vec<Participant> = (0..PEOPLE)
        .map(|i| session.join(&format!("person {i}"), 150, 60))
        .collect();
    session.wait_seen("everyone connected", |s| s.connected == PEOPLE);
    let before = session.wait_seen("everyone connected", |_| true).cards;

    // Each goes to a stage of their own (six people a stage), then everyone types at once,
    // a key at a time, interleaved.
    for (i, p) in people.iter().enumerate() {
        for _ in 0..i % STAGES {
            p.send(keys::RIGHT);
        }
        p.send(b"a");
    }
    for p in &people {
        p.wait_until("the new card's input", TIMEOUT, |s| {
            editing(&s.parser.screen().contents())
        });
    }
    let longest = typed(0).len();
    for step in 0..longest {
        for (i, p) in people.iter().enumerate() {
            type_text(p, &typed(i)[step..step + 1]);
        }
    }
    for p in &people {
        p.send(keys::ENTER);
    }
    for (i, p) in people.iter().enumerate() {
        p.wait_for(&format!("card '{}' added", typed(i)));
        // Quick capture opened the next card: Esc ends it.
        p.send(keys::ESC);
    }
    wait_board(&people);

    // Each pastes a card on the board (bracketed paste), and Enter adds it.
    for (i, p) in people.iter().enumerate() {
        p.send(&keys::paste(&pasted(i)));
    }
    for (i, p) in people.iter().enumerate() {
        p.wait_for(&pasted(i));
        p.send(keys::ENTER);
    }
    for (i, p) in people.iter().enumerate() {
        p.wait_for(&format!("card '{}' added", pasted(i)));
        p.send(keys::ESC);
    }
    wait_board(&people);

    // Every card on every screen.
    let all: Vec<String> = (0..PEOPLE).flat_map(|i| [typed(i), pasted(i)]).collect();
    for p in &people {
        p.wait_until("every card", TIMEOUT, |s| {
            let contents = s.parser.screen().contents();
            all.iter().all(|text| contents.contains(text.as_str()))
        });
    }

    // Every card in the map once, and in a saved copy loaded back.
    let room = session.finish();
    let expect_once = |cards: &[String]| {
        for text in &all {
            let n = cards.iter().filter(|c| *c == text).count();
            assert_eq!(n, 1, "{text:?} is on the map {n} times: {cards:?}");
        }
        assert_eq!(cards.len(), before.len() + all.len(), "{cards:?}");
    };
    expect_once(&texts(&room.map));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("workshop.ron");
    std::fs::write(&file, journeymap::format::to_string(&room.map)).unwrap();
    let loaded = journeymap::format::from_str(&std::fs::read_to_string(&file).unwrap())
        .expect("the saved map loads");
    expect_once(&texts(&loaded));
    // Each stage has its six people's cards.
    for (stage, s) in loaded.stages.iter().enumerate() {
        let here: Vec<String> = journeymap::model::Lane::ALL
            .into_iter()
            .flat_map(|l| s.lane(l).iter().map(|c| c.text.clone()))
            .collect();
        for i in (0..PEOPLE).filter(|i| i % STAGES == stage) {
            assert!(here.contains(&typed(i)), "stage {stage}: {here:?}");
            assert!(here.contains(&pasted(i)), "stage {stage}: {here:?}");
        }
    }
}
