use super::*;
use crate::model::{Card, Lane, Map, Stage};

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

use Lane::{Emotions as E, Opportunities as O, PainPoints as P, Touchpoints as T};

fn plain(d: &MapDiff) -> String {
    text::render(d, &text::Options::default())
}

#[test]
fn the_same_map_has_no_changes() {
    let a = map(&[("Buy", &[(T, "Web"), (P, "Slow")])]);
    assert!(diff(&a, &a).is_empty());
    assert_eq!(plain(&diff(&a, &a)), "");
}

#[test]
fn an_edited_card_is_matched_by_similarity_and_its_words_marked() {
    let a = map(&[("Buy", &[(P, "Long form"), (P, "Hidden fees")])]);
    let b = map(&[("Buy", &[(P, "Long signup form"), (P, "Hidden fees")])]);
    let d = diff(&a, &b);
    assert_eq!(d.cards.len(), 1);
    assert!(matches!(
        &d.cards[0],
        CardChange::Changed { fields, moved: None, .. } if fields == &[Field::Text]
    ));
    assert_eq!(
        plain(&d),
        "\nBuy\n  Pain points\n    ~ \"Long {+signup +}form\"\n"
    );
}

#[test]
fn a_different_card_is_not_taken_for_an_edit() {
    let a = map(&[("Buy", &[(P, "Checkout")])]);
    let b = map(&[("Buy", &[(P, "Support chat")])]);
    let d = diff(&a, &b);
    assert!(matches!(d.cards[0], CardChange::Removed { .. }));
    assert!(matches!(d.cards[1], CardChange::Added { .. }));
}

#[test]
fn similarity_never_crosses_lane_kinds() {
    let a = map(&[("Buy", &[(P, "Long form")])]);
    let b = map(&[("Buy", &[(O, "Long form shorter")])]);
    let d = diff(&a, &b);
    assert_eq!(d.cards.len(), 2, "{d:?}");
    // The same text in another lane is a move between lanes.
    let c = map(&[("Buy", &[(O, "Long form")])]);
    let d = diff(&a, &c);
    assert!(matches!(
        d.cards[..],
        [CardChange::Changed {
            moved: Some(Move::Lane),
            ..
        }]
    ));
}

#[test]
fn moves_between_stages_and_along_a_lane_are_moves() {
    let a = map(&[
        ("Look", &[(T, "Ad"), (T, "Blog"), (T, "Search")]),
        ("Buy", &[(E, "Nervous")]),
    ]);
    let b = map(&[
        ("Look", &[(T, "Search"), (T, "Ad")]),
        ("Buy", &[(T, "Blog"), (E, "Nervous")]),
    ]);
    let d = diff(&a, &b);
    let moves: Vec<Option<Move>> = d
        .cards
        .iter()
        .map(|c| match c {
            CardChange::Changed { moved, .. } => *moved,
            _ => None,
        })
        .collect();
    assert_eq!(moves, [Some(Move::WithinLane), Some(Move::Stage)]);
    let text = plain(&d);
    assert!(
        text.contains("> \"Blog\"\n        moved from \"Look\", Touchpoints"),
        "{text}"
    );
}

#[test]
fn a_renamed_stage_is_recognised_by_its_cards() {
    let a = map(&[("Purchase", &[(T, "Cart"), (P, "Fees")]), ("Use", &[])]);
    let b = map(&[("Buying", &[(T, "Cart"), (P, "Fees")]), ("Use", &[])]);
    let d = diff(&a, &b);
    assert_eq!(d.stages, [StageChange::Renamed { old: 0, new: 0 }]);
    assert!(d.cards.is_empty());
}

#[test]
fn fields_votes_and_curves_are_reported() {
    let mut a = map(&[("Buy", &[(E, "Happy"), (T, "Web")])]);
    let mut b = a.clone();
    b.stages[0].lane_mut(E)[0].score = 2;
    b.stages[0].lane_mut(T)[0].votes = 3;
    a.stages[0].lane_mut(T)[0].votes = 1;
    let text = plain(&diff(&a, &b));
    assert!(
        text.contains("    ~ \"Web\"\n        votes: 1 → 3\n"),
        "{text}"
    );
    assert!(text.contains("score: +0 → +2"), "{text}");
    assert!(
        text.contains("Emotion curve (before → after)\n  * Buy  +0.0 → +2.0"),
        "{text}"
    );
}

#[test]
fn matching_a_long_lane_is_not_quadratic() {
    // 10,000 cards in one lane, every one edited: the window keeps it linear.
    let texts: Vec<String> = (0..10_000).map(|i| format!("Card number {i}")).collect();
    let edited: Vec<String> = texts.iter().map(|t| format!("{t}!")).collect();
    let build = |texts: &[String]| {
        let mut m = Map::new("Big");
        let mut s = Stage::new("All");
        for t in texts {
            s.lane_mut(P).push(Card::new(t.as_str()));
        }
        m.stages.push(s);
        m
    };
    let (a, b) = (build(&texts), build(&edited));
    let started = std::time::Instant::now();
    let d = diff(&a, &b);
    assert_eq!(d.cards.len(), 10_000);
    assert!(
        d.cards
            .iter()
            .all(|c| matches!(c, CardChange::Changed { .. }))
    );
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn a_shared_note_lets_a_longer_rewording_match() {
    let with_note = |text: &str| {
        let mut m = map(&[("Buy", &[])]);
        m.stages[0]
            .lane_mut(T)
            .push(Card::new(text).with_notes("Per-seat price is hard to find"));
        m
    };
    let (a, b) = (
        with_note("Pricing page"),
        with_note("Pricing page with a calculator"),
    );
    assert!(matches!(
        diff(&a, &b).cards[..],
        [CardChange::Changed { .. }]
    ));
    // Without the note the texts alone are too far apart.
    let a = map(&[("Buy", &[(T, "Pricing page")])]);
    let b = map(&[("Buy", &[(T, "Pricing page with a calculator")])]);
    assert_eq!(diff(&a, &b).cards.len(), 2);
}

#[test]
fn a_stage_renamed_with_every_card_reworded_is_a_rename_not_a_new_stage() {
    let a = map(&[
        ("Look", &[(T, "Ad")]),
        ("Buy", &[(P, "Long form"), (P, "Hidden fees")]),
    ]);
    let b = map(&[
        ("Look", &[(T, "Ad")]),
        (
            "Purchase",
            &[(P, "Long signup form"), (P, "Hidden fees at checkout")],
        ),
    ]);
    let shown = plain(&diff(&a, &b));
    assert!(
        shown.contains("stage \"Buy\" renamed to \"Purchase\""),
        "{shown}"
    );
    assert!(!shown.contains("stage \"Purchase\" added"), "{shown}");
    assert!(shown.contains("~ \"Long {+signup +}form\""), "{shown}");
}
