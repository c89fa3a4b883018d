//! One value, one card: the three-way choice of each field, votes as counters, and a card
//! marked with the side whose version it is when both are kept.

use super::Versions;
use crate::model::{Card, MAX_VOTES, Side};

/// The three-way choice for one value: the side that changed it, or `None` when both
/// changed it differently.
pub(super) fn pick<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || theirs == base {
        Some(ours.clone())
    } else if ours == base {
        Some(theirs.clone())
    } else {
        None
    }
}

/// A value and its conflict record (theirs' value, after a merge that changed it both
/// ways), merged: the side that changed the value, or ours' value with theirs' recorded.
/// A record already in the maps merges like any value.
pub(super) fn recorded(
    base: (&String, &Option<String>),
    ours: (&String, &Option<String>),
    theirs: (&String, &Option<String>),
) -> (String, Option<String>) {
    match pick(base.0, ours.0, theirs.0) {
        Some(value) => {
            let record = pick(base.1, ours.1, theirs.1).unwrap_or_else(|| ours.1.clone());
            (value, record)
        }
        None => (ours.0.clone(), Some(theirs.0.clone())),
    }
}

/// Votes are counters: the base's count plus each side's change, so two rooms that each
/// give a card a dot add up. (Two sides that are the same map are one change that reached
/// both, as after a cherry-pick: [`merge`] takes that map whole before cards are merged.)
fn merge_votes(base: u16, ours: u16, theirs: u16) -> u16 {
    let sum = i32::from(ours) + i32::from(theirs) - i32::from(base);
    sum.clamp(0, i32::from(MAX_VOTES)) as u16
}

/// One card merged field by field, or ours' and theirs' versions marked as a conflict when
/// a field was changed both ways (each version keeps what did merge).
pub(super) fn merge_card<'a>(base: &Card, ours: &'a Card, theirs: &'a Card) -> Versions<'a> {
    if theirs == base {
        return Versions::Same(ours);
    }
    if ours == base {
        return Versions::Same(theirs);
    }
    // Every field by name, so that a new field does not compile until it merges.
    let Card {
        text,
        channel,
        score,
        votes,
        notes,
        evidence,
        source,
        owner,
        status,
        conflict,
        id: _,
    } = base;
    let mut merged = ours.clone();
    let mut other = ours.clone();
    let mut conflicted = false;
    macro_rules! field {
        ($f:ident) => {
            match pick($f, &ours.$f, &theirs.$f) {
                Some(v) => {
                    merged.$f = v.clone();
                    other.$f = v;
                }
                None => {
                    other.$f = theirs.$f.clone();
                    conflicted = true;
                }
            }
        };
    }
    field!(text);
    field!(channel);
    field!(score);
    field!(notes);
    field!(evidence);
    field!(source);
    field!(owner);
    field!(status);
    field!(conflict);
    merged.votes = merge_votes(*votes, ours.votes, theirs.votes);
    other.votes = merged.votes;
    if conflicted {
        Versions::Conflict(Box::new((
            marked(&merged, Side::Ours),
            marked(&other, Side::Theirs),
        )))
    } else {
        Versions::Merged(Box::new(merged))
    }
}

pub(super) fn marked(card: &Card, side: Side) -> Card {
    Card {
        conflict: Some(side),
        ..card.clone()
    }
}

/// Whether a card says what the base's said (its place aside).
pub(super) fn same_content(card: &Card, base: &Card) -> bool {
    card == base
}
