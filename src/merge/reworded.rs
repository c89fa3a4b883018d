//! A card reworded heavily on both sides: neither side's text is close enough to the base's
//! for the matcher, so each side seems to have deleted the card and added another. When
//! both sides lost the same base card and each has exactly one new card standing where it
//! stood (same stage and lane, next to the same neighbours), that is one card edited both
//! ways: it is paired on both sides, as an uncertain pair, and becomes a conflict record.

use crate::matching::{Cards, Matching};
use crate::model::Slot;

/// One side's cards and matching to the base.
pub(super) struct Side<'s, 'a> {
    pub cards: &'s Cards<'a>,
    pub m: &'s mut Matching,
}

/// Pairs each base card both sides lost with the one new card each side has in its place.
pub(super) fn pair_reworded(base: &Cards, ours: Side, theirs: Side) {
    for b in 0..base.len() {
        if ours.m.cards[b].is_some() || theirs.m.cards[b].is_some() {
            continue;
        }
        let (Some(o), Some(t)) = (in_place_of(base, b, &ours), in_place_of(base, b, &theirs))
        else {
            continue;
        };
        if ours.cards.cards[o].text != theirs.cards.cards[t].text {
            ours.m.pair_uncertain(b, o);
            theirs.m.pair_uncertain(b, t);
        }
    }
}

/// The one unmatched card of `side` that stands where base card `b` stood: in the matched
/// stage, the same lane, after the image of `b`'s previous card (or first) or before the
/// image of its next card (or last).
fn in_place_of(base: &Cards, b: usize, side: &Side) -> Option<usize> {
    let at = base.slots[b];
    let stage = side.m.stages[at.stage]?;
    let lane = side.cards.lane(stage, at.lane);
    let base_lane = base.lane(at.stage, at.lane);
    // The images of b's neighbours, when they are still in this lane.
    let image = |n: usize| {
        side.m.cards[n].filter(|&c| {
            let Slot {
                stage: s, lane: l, ..
            } = side.cards.slots[c];
            s == stage && l == at.lane
        })
    };
    let before = if b == base_lane.start {
        Some(None)
    } else {
        image(b - 1).map(Some)
    };
    let after = if b + 1 == base_lane.end {
        Some(None)
    } else {
        image(b + 1).map(Some)
    };
    let mut found = None;
    for c in lane.clone() {
        if side.m.cards_back[c].is_some() {
            continue;
        }
        let prev = (c > lane.start).then(|| c - 1);
        let next = (c + 1 < lane.end).then_some(c + 1);
        if before == Some(prev) || after == Some(next) {
            if found.is_some() {
                return None;
            }
            found = Some(c);
        }
    }
    found
}
