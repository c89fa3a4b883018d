//! Likely duplicate cards in the real binary: `D` lists them, `m` merges a pair, and the
//! saved map holds the one card that is left.

use journeymap::model::{Card, Lane, Map, Stage};

use super::harness::keys::{CTRL_S, ESC};
use super::harness::{Session, TIMEOUT};
use super::{assert_canonical, wait_saved};

#[test]
fn a_pair_listed_with_d_is_merged_with_m_and_saved() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("wall.ron");
    let mut map = Map::new("After private writing");
    let mut stage = Stage::new("Checkout");
    stage.lane_mut(Lane::PainPoints).extend([
        Card::new("No guest checkout").with_votes(1),
        Card::new("Shipping cost shown late"),
        Card::new("No guest check-out option").with_votes(2),
    ]);
    map.stages = vec![stage];
    std::fs::write(&file, journeymap::format::to_string(&map)).expect("write the map");

    let mut s = Session::open(&file);
    s.wait_for("No guest checkout");
    s.send("D");
    s.wait_for("Likely duplicate cards · 1 pair");
    s.wait_for("No guest check-out option");
    s.send("m");
    s.wait_for("merged into");
    s.wait_for("none in one stage and lane");
    s.send(ESC);
    s.wait_for("a add");
    s.send(CTRL_S);
    wait_saved(&s);
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());

    let saved = assert_canonical(&file);
    let cards = saved.stages[0].lane(Lane::PainPoints);
    let kept: Vec<(&str, u16, &str)> = cards
        .iter()
        .map(|c| (c.text.as_str(), c.votes, c.notes.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            ("Shipping cost shown late", 0, ""),
            ("No guest check-out option", 3, "No guest checkout"),
        ]
    );
}
