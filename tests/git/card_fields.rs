//! Every card field merged, from the one table of card fields (`CardField::ALL`): for each
//! field, one side changing it, both changing it the same way, and both changing it in
//! different ways, merged by the real binary on real files. The expected map is built here,
//! from the field's kind: votes are counters, every other field is taken from the side that
//! changed it, and two different changes are a conflict with both versions in the file.

use std::fs;

use journeymap::format;
use journeymap::model::{Card, CardField, FieldKind, Lane, Map, Side, Stage, Value};

use crate::cli::{assert_exit, journeymap};

/// How the two sides change the field of the card under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    OursOnly,
    TheirsOnly,
    BothSame,
    BothDifferent,
}

pub(crate) const CHANGES: [Change; 4] = [
    Change::OursOnly,
    Change::TheirsOnly,
    Change::BothSame,
    Change::BothDifferent,
];

/// The field's value in the base, on one side, on the other side (`n` 0, 1, 2). Texts stay
/// similar, so that a card whose text changed is still the same card.
fn value(field: CardField, n: usize) -> Value<'static> {
    const TEXTS: [&str; 3] = [
        "Long signup form",
        "Long signup form with 12 fields",
        "Long signup forms",
    ];
    const WORDS: [&str; 3] = ["web", "email", "phone"];
    match field.kind() {
        FieldKind::Text { .. } if field == CardField::Text => Value::Text(TEXTS[n]),
        FieldKind::Text { .. } => Value::Text(WORDS[n]),
        FieldKind::Number { min, .. } if min < 0 => Value::Number([-1, 1, 2][n]),
        FieldKind::Number { .. } => Value::Number([2, 3, 5][n]),
        FieldKind::Word(words) => Value::Word(Some(words[n])),
    }
}

/// A map whose first stage's lane (the first lane that has `field`) holds the card under
/// test, with `field` at `value`, before a card nobody touches.
fn map_with(field: CardField, value: Value) -> Map {
    let lane = field.lanes()[0];
    let mut card = Card::new("Long signup form");
    field.set(&mut card, value);
    let mut stage = Stage::new("Buy");
    stage.lane_mut(lane).push(card);
    stage.lane_mut(lane).push(Card::new("Hidden fees"));
    let mut map = Map::new("Trial");
    map.stages.push(stage);
    map
}

/// Base, ours, theirs and the expected result. Ours also adds a pain point, so that the
/// sides are never the same map (two identical sides are one change that reached both, and
/// count once).
pub(crate) fn case(field: CardField, change: Change) -> [Map; 4] {
    let [base, mut ours, theirs, mut expected] = field_only(field, change);
    for map in [&mut ours, &mut expected] {
        map.stages[0]
            .lane_mut(Lane::PainPoints)
            .push(Card::new("Added by ours"));
    }
    [base, ours, theirs, expected]
}

fn field_only(field: CardField, change: Change) -> [Map; 4] {
    let (o, t) = match change {
        Change::OursOnly => (1, 0),
        Change::TheirsOnly => (0, 1),
        Change::BothSame => (1, 1),
        Change::BothDifferent => (1, 2),
    };
    let [base, ours, theirs] = [0, o, t].map(|n| map_with(field, value(field, n)));
    let expected = if field == CardField::Votes {
        // Counters: the base's count and each side's change.
        let count = |n| match value(field, n) {
            Value::Number(v) => v,
            _ => unreachable!("votes are a number"),
        };
        let sum = count(o) + count(t) - count(0);
        map_with(field, Value::Number(sum))
    } else if change == Change::BothDifferent {
        let mut map = map_with(field, value(field, 1));
        let lane = field.lanes()[0];
        let cards = map.stages[0].lane_mut(lane);
        let mut theirs_card = cards[0].clone();
        field.set(&mut theirs_card, value(field, 2));
        cards[0].conflict = Some(Side::Ours);
        theirs_card.conflict = Some(Side::Theirs);
        cards.insert(1, theirs_card);
        map
    } else {
        map_with(field, value(field, o.max(t)))
    };
    [base, ours, theirs, expected]
}

#[test]
fn every_card_field_merges_one_side_same_change_and_conflict() {
    let dir = tempfile::tempdir().expect("temp dir");
    for field in CardField::ALL {
        for change in CHANGES {
            let [base, ours, theirs, expected] = case(field, change);
            for (name, map) in [("base", &base), ("ours", &ours), ("theirs", &theirs)] {
                fs::write(
                    dir.path().join(format!("{name}.ron")),
                    format::to_string(map),
                )
                .expect("write side");
            }
            let out = journeymap(dir.path())
                .args([
                    "merge",
                    "base.ron",
                    "ours.ron",
                    "theirs.ron",
                    "-o",
                    "out.ron",
                ])
                .output()
                .expect("run journeymap");
            let conflicts = expected.conflict_count();
            assert_eq!(
                out.status.code(),
                Some(i32::from(conflicts > 0)),
                "{field:?} {change:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let merged = fs::read_to_string(dir.path().join("out.ron")).expect("merged");
            assert_eq!(merged, format::to_string(&expected), "{field:?} {change:?}");
            // The conflicted result fails `check` at each version; a clean one passes.
            let check = journeymap(dir.path())
                .args(["check", "out.ron"])
                .output()
                .expect("check");
            assert_exit(&check, i32::from(conflicts > 0));
        }
    }
}
