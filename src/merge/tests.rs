use super::*;
use crate::model::{Lane, Map, Stage};

use Lane::{Emotions as E, PainPoints as P, Touchpoints as T};

fn map(stages: &[(&str, &[(Lane, &str)])]) -> Map {
    let mut map = Map::new("Trial");
    for (name, cards) in stages {
        let mut stage = Stage::new(*name);
        for (lane, text) in *cards {
            stage.lane_mut(*lane).push(Card::new(*text));
        }
        map.stages.push(stage);
    }
    map
}

fn texts(map: &Map, stage: usize, lane: Lane) -> Vec<&str> {
    map.stages[stage]
        .lane(lane)
        .iter()
        .map(|c| c.text.as_str())
        .collect()
}

#[test]
fn cards_added_to_one_lane_on_both_sides_all_survive_ours_first() {
    let base = map(&[("Buy", &[(P, "Slow"), (P, "Fees")])]);
    let ours = map(&[("Buy", &[(P, "Slow"), (P, "Long form"), (P, "Fees")])]);
    let theirs = map(&[(
        "Buy",
        &[
            (P, "Slow"),
            (P, "No guest checkout"),
            (P, "Fees"),
            (P, "Late"),
        ],
    )]);
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        texts(&m.map, 0, P),
        ["Slow", "Long form", "No guest checkout", "Fees", "Late"]
    );
}

#[test]
fn an_edit_and_a_move_both_happen() {
    let base = map(&[("Look", &[(T, "Search ad"), (T, "Blog")]), ("Buy", &[])]);
    let ours = map(&[("Look", &[(T, "Search ads"), (T, "Blog")]), ("Buy", &[])]);
    let theirs = map(&[("Look", &[(T, "Blog")]), ("Buy", &[(T, "Search ad")])]);
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean(), "{m:?}");
    assert_eq!(texts(&m.map, 0, T), ["Blog"]);
    assert_eq!(texts(&m.map, 1, T), ["Search ads"]);
}

#[test]
fn votes_merge_as_counters_and_the_same_change_counts_once() {
    let mut base = map(&[("Buy", &[(P, "Slow")])]);
    base.stages[0].lane_mut(P)[0].votes = 2;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.stages[0].lane_mut(P)[0].votes = 5;
    theirs.stages[0].lane_mut(P)[0].votes = 3;
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.map.stages[0].lane(P)[0].votes, 6);
    assert_eq!(merge(&base, &ours, &ours).map, ours);
}

#[test]
fn an_edit_both_ways_keeps_both_versions() {
    let base = map(&[("Buy", &[(P, "Long form"), (P, "Fees")])]);
    let ours = map(&[("Buy", &[(P, "Long signup form"), (P, "Fees")])]);
    let theirs = map(&[("Buy", &[(P, "Long form, 12 fields"), (P, "Fees")])]);
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts, 1);
    let lane = m.map.stages[0].lane(P);
    assert_eq!(lane[0].text, "Long signup form");
    assert_eq!(lane[0].conflict, Some(Side::Ours));
    assert_eq!(lane[1].text, "Long form, 12 fields");
    assert_eq!(lane[1].conflict, Some(Side::Theirs));
    assert_eq!(lane[2].text, "Fees");
}

#[test]
fn an_edit_against_a_delete_keeps_the_edit_marked() {
    let base = map(&[("Buy", &[(E, "Nervous"), (E, "Calm")])]);
    let ours = map(&[("Buy", &[(E, "Very nervous"), (E, "Calm")])]);
    let theirs = map(&[("Buy", &[(E, "Calm")])]);
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts, 1);
    assert_eq!(m.map.stages[0].lane(E)[0].conflict, Some(Side::Ours));
    // Deleted on one side and untouched on the other: gone.
    let m = merge(&base, &base, &theirs);
    assert!(m.is_clean());
    assert_eq!(texts(&m.map, 0, E), ["Calm"]);
}

#[test]
fn a_stage_renamed_both_ways_records_theirs_name() {
    let base = map(&[("Buy", &[(P, "Fees")])]);
    let ours = map(&[("Purchase", &[(P, "Fees")])]);
    let theirs = map(&[("Checkout", &[(P, "Fees")])]);
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts, 1);
    assert_eq!(m.map.stages[0].name, "Purchase");
    assert_eq!(m.map.stages[0].conflict.as_deref(), Some("Checkout"));
}

#[test]
fn a_title_changed_both_ways_keeps_ours_and_records_theirs() {
    let base = map(&[("Buy", &[])]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.title = "Trial, Q3".into();
    theirs.title = "Trial journey".into();
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.map.title, "Trial, Q3");
    assert_eq!(m.map.title_conflict.as_deref(), Some("Trial journey"));
    assert_eq!(m.conflicts, 1);
    assert!(m.kept_ours.is_empty(), "{:?}", m.kept_ours);
    // Settled on one side (the record gone, a title chosen) and merged again: settled.
    let mut settled = m.map.clone();
    settled.title_conflict = None;
    let again = merge(&m.map, &settled, &m.map);
    assert_eq!(again.map.title_conflict, None);
    assert_eq!(again.conflicts, 0);
}

#[test]
fn a_stage_both_sides_added_under_one_name_is_one_stage() {
    let base = map(&[("Buy", &[])]);
    let ours = map(&[("Buy", &[]), ("Use", &[(P, "Setup is slow")])]);
    let theirs = map(&[("Buy", &[]), ("Use", &[(P, "No mobile app")])]);
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.map.stages.len(), 2);
    assert_eq!(texts(&m.map, 1, P), ["Setup is slow", "No mobile app"]);
}

#[test]
fn equal_vote_changes_on_both_sides_add_up() {
    let base = map(&[("Buy", &[(P, "Slow"), (P, "Fees")])]);
    let mut ours = base.clone();
    ours.stages[0].lane_mut(P)[0].votes = 1;
    let mut theirs = ours.clone();
    // Theirs also did something else: the two sides are two rooms, not one change.
    theirs.stages[0].lane_mut(P).push(Card::new("Late"));
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.map.stages[0].lane(P)[0].votes, 2);
    // The same map on both sides is one change that reached both: its votes count once.
    assert_eq!(merge(&base, &ours, &ours).map, ours);
}

#[test]
fn a_card_reworded_heavily_on_both_sides_is_one_conflict() {
    let base = map(&[(
        "Buy",
        &[(P, "Slow"), (P, "Left workshop pain"), (P, "Fees")],
    )]);
    let ours = map(&[(
        "Buy",
        &[
            (P, "Slow"),
            (P, "Left pain, reworded in workshop A"),
            (P, "Fees"),
        ],
    )]);
    let theirs = map(&[(
        "Buy",
        &[
            (P, "Slow"),
            (P, "Left pain, reworded in workshop B"),
            (P, "Fees"),
        ],
    )]);
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts, 1, "{:?}", m.map);
    let lane = m.map.stages[0].lane(P);
    assert_eq!(lane.len(), 4);
    assert_eq!(lane[1].conflict, Some(Side::Ours));
    assert_eq!(lane[2].conflict, Some(Side::Theirs));
}

#[test]
fn cards_that_only_share_a_source_are_not_taken_for_one_card_across_stages() {
    let mut base = map(&[("Look", &[(P, "Slow search")]), ("Buy", &[(P, "Fees")])]);
    base.stages[0].lane_mut(P)[0].source = "Interview 3".into();
    // Ours deletes "Slow search" and adds an unrelated card in another stage that
    // shares its source; theirs votes on "Slow search".
    let mut ours = map(&[("Look", &[]), ("Buy", &[(P, "Fees"), (P, "Slow refunds")])]);
    ours.stages[1].lane_mut(P)[1].source = "Interview 3".into();
    let mut theirs = base.clone();
    theirs.stages[0].lane_mut(P)[0].votes = 3;
    let m = merge(&base, &ours, &theirs);
    // The vote stays on "Slow search" (edit against delete), never on "Slow refunds".
    let refunds = &m.map.stages[1].lane(P)[1];
    assert_eq!((refunds.text.as_str(), refunds.votes), ("Slow refunds", 0));
    let search = &m.map.stages[0].lane(P)[0];
    assert_eq!((search.text.as_str(), search.votes), ("Slow search", 3));
    assert_eq!(search.conflict, Some(Side::Theirs));
}

#[test]
fn an_uncertain_pairing_keeps_both_cards_as_a_conflict() {
    let mut base = map(&[("Buy", &[(P, "Pricing page")])]);
    base.stages[0].lane_mut(P)[0].notes = "from the survey".into();
    // Ours rewords it far (only the shared note pairs them); theirs votes on it.
    let mut ours = map(&[("Buy", &[(P, "Pricing page with a calculator")])]);
    ours.stages[0].lane_mut(P)[0].notes = "from the survey".into();
    let mut theirs = base.clone();
    theirs.stages[0].lane_mut(P)[0].votes = 2;
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts, 1);
    let lane = m.map.stages[0].lane(P);
    assert_eq!(lane.len(), 2);
    assert_eq!((lane[0].votes, lane[1].votes), (0, 2));
}

#[test]
fn cards_of_one_text_are_told_apart_by_their_other_fields() {
    let mut base = map(&[("Buy", &[(P, "Slow"), (P, "Slow")])]);
    base.stages[0].lane_mut(P)[1].votes = 5;
    // Ours deletes the first "Slow" (no votes); theirs adds a note to the second.
    let mut ours = base.clone();
    ours.stages[0].lane_mut(P).remove(0);
    let mut theirs = base.clone();
    theirs.stages[0].lane_mut(P)[1].notes = "at checkout".into();
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean(), "{:?}", m.map);
    let lane = m.map.stages[0].lane(P);
    assert_eq!(lane.len(), 1);
    assert_eq!((lane[0].votes, lane[0].notes.as_str()), (5, "at checkout"));
}

#[test]
fn a_card_moved_two_ways_is_kept_at_both_places_as_a_conflict() {
    let base = map(&[("Look", &[(P, "Slow")]), ("Buy", &[]), ("Use", &[])]);
    let ours = map(&[("Look", &[]), ("Buy", &[(P, "Slow")]), ("Use", &[])]);
    let theirs = map(&[("Look", &[]), ("Buy", &[]), ("Use", &[(P, "Slow")])]);
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts, 2);
    assert_eq!(m.map.stages[1].lane(P)[0].conflict, Some(Side::Ours));
    assert_eq!(m.map.stages[2].lane(P)[0].conflict, Some(Side::Theirs));
    // Reordered on one side, moved to another stage on the other: the move, either way.
    let base = map(&[("Look", &[(P, "Slow"), (P, "Fees")]), ("Buy", &[])]);
    let reordered = map(&[("Look", &[(P, "Fees"), (P, "Slow")]), ("Buy", &[])]);
    let moved = map(&[("Look", &[(P, "Fees")]), ("Buy", &[(P, "Slow")])]);
    for (o, t) in [(&reordered, &moved), (&moved, &reordered)] {
        let m = merge(&base, o, t);
        assert!(m.is_clean());
        assert_eq!(texts(&m.map, 1, P), ["Slow"]);
    }
}

#[test]
fn a_stage_renamed_empty_or_with_every_card_reworded_takes_the_other_sides_cards() {
    // Empty, renamed on one side, a card added on the other: one stage, either way round.
    let base = map(&[
        ("Look", &[(T, "Ad")]),
        ("Buy", &[]),
        ("Use", &[(P, "Slow")]),
    ]);
    let renamed = map(&[
        ("Look", &[(T, "Ad")]),
        ("Purchase", &[]),
        ("Use", &[(P, "Slow")]),
    ]);
    let added = map(&[
        ("Look", &[(T, "Ad")]),
        ("Buy", &[(P, "Card declined")]),
        ("Use", &[(P, "Slow")]),
    ]);
    for (ours, theirs) in [(&renamed, &added), (&added, &renamed)] {
        let m = merge(&base, ours, theirs);
        assert!(m.is_clean(), "{:?}", m.kept_ours);
        let names: Vec<&str> = m.map.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Look", "Purchase", "Use"]);
        assert_eq!(texts(&m.map, 1, P), ["Card declined"]);
    }
    // Renamed with every card reworded; the other side voted and added a card.
    let base = map(&[
        ("Look", &[(T, "Ad")]),
        ("Buy", &[(P, "Long form"), (P, "Hidden fees")]),
    ]);
    let reworded = map(&[
        ("Look", &[(T, "Ad")]),
        (
            "Purchase",
            &[(P, "Long signup form"), (P, "Hidden fees at checkout")],
        ),
    ]);
    let mut voted = map(&[
        ("Look", &[(T, "Ad")]),
        (
            "Buy",
            &[(P, "Long form"), (P, "Hidden fees"), (P, "Card declined")],
        ),
    ]);
    voted.stages[1].lane_mut(P)[0].votes = 1;
    for (ours, theirs) in [(&reworded, &voted), (&voted, &reworded)] {
        let m = merge(&base, ours, theirs);
        assert!(m.is_clean(), "{:?}", m.kept_ours);
        assert_eq!(m.map.stages.len(), 2);
        assert_eq!(m.map.stages[1].name, "Purchase");
        assert_eq!(
            texts(&m.map, 1, P),
            [
                "Long signup form",
                "Hidden fees at checkout",
                "Card declined"
            ]
        );
        assert_eq!(m.map.stages[1].lane(P)[0].votes, 1);
    }
}

#[test]
fn a_stage_deleted_and_another_added_in_its_place_stay_two_stages() {
    // Nothing in common: not a rename, so the other side's card keeps its stage.
    let base = map(&[("Look", &[(T, "Ad")]), ("Buy", &[(P, "Long form")])]);
    let ours = map(&[("Look", &[(T, "Ad")]), ("Support", &[(P, "No chat")])]);
    let theirs = map(&[
        ("Look", &[(T, "Ad")]),
        ("Buy", &[(P, "Long form"), (P, "Fees")]),
    ]);
    let m = merge(&base, &ours, &theirs);
    let names: Vec<&str> = m.map.stages.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"Support") && names.contains(&"Buy"),
        "{names:?}"
    );
}
