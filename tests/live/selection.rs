//! Two participants on one lane: one's selection stays on its card while the other adds
//! cards above it.

use super::{Session, keys, map_with, type_text};

#[test]
fn a_selection_stays_on_its_card_while_another_adds_cards_above_it() {
    let session = Session::with_map(map_with(&["first", "anchor"]));
    let a = session.join("Ada", 120, 40);
    let b = session.join("Bob", 120, 40);
    a.send(keys::DOWN);
    a.wait_for("Touchpoint 2/2: anchor");
    b.wait_for("Touchpoint 1/2: first");

    // Bob adds three cards after "first", which is above Ada's card.
    b.send(b"a");
    for text in ["above 1", "above 2", "above 3"] {
        type_text(&b, text);
        b.send(keys::ENTER);
        b.wait_for(&format!("card '{text}' added"));
    }
    b.send(keys::ESC);

    // Ada's selection went down with her card.
    a.wait_for("Touchpoint 5/5: anchor");
    a.wait_for("above 3");
    let seen = session.wait_seen("the cards in order", |s| s.cards.len() == 5);
    assert_eq!(
        seen.cards,
        ["first", "above 1", "above 2", "above 3", "anchor"]
    );

    // And her keys act on it: Up from there is Bob's last card.
    a.send(keys::UP);
    a.wait_for("Touchpoint 4/5: above 3");
}
