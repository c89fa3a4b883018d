//! Resolving what a merge left in a map, one key per conflict: on a conflicted card (or a
//! stage whose name was changed both ways), take ours' version, take theirs', or keep both.
//! Each resolution is one edit, undone with one undo.

use super::{Ctx, Edit, Slot};
use crate::model::{Card, Map, Side};

/// How a conflict is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// Ours' version stays (or the card goes, when ours deleted it).
    Ours,
    /// Theirs' version stays (or the card goes, when theirs deleted it).
    Theirs,
    /// Both versions stay, as two cards (a stage gets both names).
    Both,
}

/// The mark after a conflicted card's text on the board.
pub fn mark(side: Side) -> &'static str {
    match side {
        Side::Ours => " ⚡ours",
        Side::Theirs => " ⚡theirs",
    }
}

/// The versions of the conflict the card at `slot` belongs to: ours' and theirs' indices
/// in the lane (ours' comes first; either is missing after an edit against a delete).
fn versions(map: &Map, slot: Slot) -> Option<(Option<usize>, Option<usize>)> {
    let cards = map.stages.get(slot.stage)?.lane(slot.lane);
    let side_at = |i: usize| cards.get(i).and_then(|c| c.conflict);
    match side_at(slot.index)? {
        Side::Ours => {
            let theirs = (side_at(slot.index + 1) == Some(Side::Theirs)).then_some(slot.index + 1);
            Some((Some(slot.index), theirs))
        }
        Side::Theirs => {
            let ours = slot
                .index
                .checked_sub(1)
                .filter(|&i| side_at(i) == Some(Side::Ours));
            Some((ours, Some(slot.index)))
        }
    }
}

fn settled(card: &Card) -> Card {
    Card {
        conflict: None,
        ..card.clone()
    }
}

/// The edit that settles the conflict at `slot` as `how` says, and what to tell the user;
/// `None` when the card there is not conflicted.
pub fn card_resolution(map: &Map, slot: Slot, how: Resolution) -> Option<(Edit, &'static str)> {
    let (ours, theirs) = versions(map, slot)?;
    let cards = map.stages[slot.stage].lane(slot.lane);
    let (keep, drop, message): (Vec<usize>, Vec<usize>, _) = match how {
        Resolution::Ours => (
            ours.into_iter().collect(),
            theirs.into_iter().collect(),
            "conflict settled: ours' version kept (u to undo)",
        ),
        Resolution::Theirs => (
            theirs.into_iter().collect(),
            ours.into_iter().collect(),
            "conflict settled: theirs' version kept (u to undo)",
        ),
        Resolution::Both => (
            ours.into_iter().chain(theirs).collect(),
            Vec::new(),
            "conflict settled: both versions kept (u to undo)",
        ),
    };
    let at = |index| Slot { index, ..slot };
    let mut edits: Vec<Edit> = keep
        .iter()
        .map(|&i| Edit::ReplaceCard(at(i), settled(&cards[i])))
        .collect();
    // Later cards first, so that each removal leaves the other's index as it was.
    edits.extend(drop.iter().rev().map(|&i| Edit::RemoveCard(at(i))));
    Some((Edit::Batch(edits), message))
}

/// The edit that settles a stage name changed both ways; `None` when it was not.
pub fn stage_resolution(map: &Map, stage: usize, how: Resolution) -> Option<(Edit, &'static str)> {
    let old = map.stages.get(stage)?;
    let theirs = old.conflict.as_ref()?;
    let mut new = old.clone();
    new.conflict = None;
    let message = match how {
        Resolution::Ours => "stage name settled: ours' kept (u to undo)",
        Resolution::Theirs => {
            new.name = theirs.clone();
            "stage name settled: theirs' kept (u to undo)"
        }
        Resolution::Both => {
            new.name = format!("{} / {theirs}", old.name);
            "stage name settled: both names kept (u to undo)"
        }
    };
    // The new stage goes in before the old one comes out: a map never has no stage.
    let edit = Edit::Batch(vec![
        Edit::InsertStage(stage, new),
        Edit::RemoveStage(stage + 1),
    ]);
    Some((edit, message))
}

impl Ctx<'_> {
    /// Settles the conflict of the selected card, or else of the selected stage's name.
    pub(super) fn resolve(&mut self, how: Resolution) {
        let sel = self.seat.selection;
        let found = card_resolution(&self.room.map, sel, how)
            .or_else(|| stage_resolution(&self.room.map, sel.stage, how));
        match found {
            Some((edit, message)) => {
                self.change(edit, message);
            }
            None => self.set_status("no merge conflict here"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lane, Stage};

    fn conflicted() -> Map {
        let mut map = Map::new("Trial");
        let mut stage = Stage::new("Buy");
        stage.conflict = Some("Checkout".into());
        let lane = stage.lane_mut(Lane::PainPoints);
        lane.push(Card {
            conflict: Some(Side::Ours),
            ..Card::new("Long signup form")
        });
        lane.push(Card {
            conflict: Some(Side::Theirs),
            ..Card::new("Long form, 12 fields")
        });
        lane.push(Card::new("Hidden fees"));
        lane.push(Card {
            conflict: Some(Side::Theirs),
            ..Card::new("Card declined")
        });
        map.stages.push(stage);
        map
    }

    fn texts(map: &Map) -> Vec<(&str, Option<Side>)> {
        map.stages[0]
            .lane(Lane::PainPoints)
            .iter()
            .map(|c| (c.text.as_str(), c.conflict))
            .collect()
    }

    fn resolved(index: usize, how: Resolution) -> Map {
        let mut map = conflicted();
        let slot = Slot {
            stage: 0,
            lane: Lane::PainPoints,
            index,
        };
        let (edit, _) = card_resolution(&map, slot, how).expect("a conflict");
        edit.apply(&mut map).expect("applies");
        map
    }

    #[test]
    fn each_key_settles_the_pair_the_card_belongs_to() {
        // From either version of the pair.
        for index in [0, 1] {
            let map = resolved(index, Resolution::Ours);
            assert_eq!(
                texts(&map),
                [
                    ("Long signup form", None),
                    ("Hidden fees", None),
                    ("Card declined", Some(Side::Theirs))
                ]
            );
        }
        let map = resolved(0, Resolution::Theirs);
        assert_eq!(texts(&map)[0], ("Long form, 12 fields", None));
        let map = resolved(1, Resolution::Both);
        assert_eq!(texts(&map).len(), 4);
        assert_eq!(
            texts(&map)[..2],
            [("Long signup form", None), ("Long form, 12 fields", None)]
        );
    }

    #[test]
    fn a_card_deleted_on_one_side_goes_or_stays() {
        // Theirs edited it, ours deleted it: taking ours deletes it.
        let map = resolved(3, Resolution::Ours);
        assert_eq!(texts(&map).len(), 3);
        let map = resolved(3, Resolution::Theirs);
        assert_eq!(texts(&map)[3], ("Card declined", None));
        // A settled card is no conflict.
        let map = conflicted();
        let slot = Slot {
            stage: 0,
            lane: Lane::PainPoints,
            index: 2,
        };
        assert!(card_resolution(&map, slot, Resolution::Ours).is_none());
    }

    #[test]
    fn a_stage_name_is_settled_and_undone_in_one_step() {
        let mut map = conflicted();
        let (edit, _) = stage_resolution(&map, 0, Resolution::Theirs).expect("a conflict");
        let undo = edit.apply(&mut map).expect("applies");
        assert_eq!(map.stages.len(), 1);
        assert_eq!(map.stages[0].name, "Checkout");
        assert_eq!(map.stages[0].conflict, None);
        undo.apply(&mut map).expect("undoes");
        assert_eq!(map, conflicted());
    }
}
