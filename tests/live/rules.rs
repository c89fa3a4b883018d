//! What a participant may not do, over SSH: save, or delete a card someone else added; and
//! what they may: delete their own card, leave with `q` and come back to the same seat.

use super::{Session, keys, map_with, type_text};

#[test]
fn a_participant_is_refused_saving_and_others_cards_but_deletes_their_own() {
    let session = Session::with_map(map_with(&["from the facilitator"]));
    let p = session.join("Ada", 120, 40);
    p.wait_for("Touchpoint 1/1: from the facilitator");

    p.send(keys::CTRL_S);
    p.wait_for("only the facilitator saves");

    p.send(b"d");
    p.wait_for("you can change only the cards you added");
    session.wait_seen("the card kept", |s| {
        s.cards.contains(&"from the facilitator".to_string())
    });

    p.send(b"a");
    type_text(&p, "mine to delete");
    p.send(keys::ENTER);
    p.wait_for("card 'mine to delete' added");
    p.send(keys::ESC);
    p.wait_for("Touchpoint 2/2: mine to delete");
    p.send(b"d");
    p.wait_for("card deleted");
    let seen = session.wait_seen("the own card gone", |s| {
        !s.cards.contains(&"mine to delete".to_string())
    });
    assert!(seen.cards.contains(&"from the facilitator".to_string()));

    // Nothing was written: the room has no file, and the save was never asked for.
    let room = session.finish();
    assert!(room.path.is_none());
    assert_eq!(
        super::texts(&room.map)
            .iter()
            .filter(|t| t.as_str() == "from the facilitator")
            .count(),
        1
    );
}

#[test]
fn q_leaves_and_the_same_name_in_any_case_comes_back_to_the_same_seat() {
    let session = Session::with_map(map_with(&["one", "two", "three"]));
    let p = session.join("Grace", 120, 40);
    p.send(keys::DOWN);
    p.send(keys::DOWN);
    p.wait_for("Touchpoint 3/3: three");

    p.send(b"q");
    p.wait_closed();
    assert!(
        p.contents().contains("your seat is kept"),
        "{}",
        p.contents()
    );
    session.wait_seen("Grace gone", |s| s.connected == 0);

    let mut back = super::client::connect(session.port);
    // Typed in other letters the second time: the same person.
    let (_, ok) = super::client::auth_name(&mut back, super::CODE, " grace");
    assert!(ok);
    let back = super::client::Participant::open(back, 120, 40);
    back.wait_for("welcome back, Grace");
    back.wait_for("Touchpoint 3/3: three");
    session.wait_seen("Grace back", |s| s.connected == 1);
}
