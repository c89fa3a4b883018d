//! Undo when several people edit one map: each change remembers the cards it touched, so a
//! person's own change can be undone after others changed other cards, at the places those
//! cards are now, and refused when someone changed the same card since.

use super::edit::Edit;
use crate::model::{CardId, Map, Slot};

/// The cards an edit refers to by position, by identity: read from the map the edit applies
/// to, in the order [`relocate`] walks the edit.
pub fn anchors(edit: &Edit, map: &Map) -> Vec<Option<CardId>> {
    let mut out = Vec::new();
    collect(edit, map, &mut out);
    out
}

fn card_at(map: &Map, slot: Slot) -> Option<CardId> {
    let card = map
        .stages
        .get(slot.stage)?
        .lane(slot.lane)
        .get(slot.index)?;
    Some(card.id)
}

fn collect(edit: &Edit, map: &Map, out: &mut Vec<Option<CardId>>) {
    match edit {
        Edit::RemoveCard(slot) | Edit::MoveCard { from: slot, .. } => {
            out.push(card_at(map, *slot));
        }
        Edit::Batch(edits) => {
            // A batch applies in order: later parts see the map the earlier ones left, so
            // the anchors are read on a scratch copy only when the batch moves cards about.
            if edits.iter().all(|e| matches!(e, Edit::ReplaceCard(..))) {
                return;
            }
            let mut scratch = map.clone();
            for e in edits {
                collect(e, &scratch, out);
                let _ = e.clone().apply(&mut scratch);
            }
        }
        _ => {}
    }
}

/// Every card an edit touches (by identity), and whether it also changes what is not a card
/// (stages, the title, the persona).
pub fn touched(edit: &Edit, anchors: &[Option<CardId>]) -> (Vec<CardId>, bool) {
    let mut cards: Vec<CardId> = anchors.iter().flatten().copied().collect();
    let mut structure = false;
    walk(edit, &mut |e| match e {
        Edit::InsertCard(_, card) | Edit::ReplaceCard(_, card) => cards.push(card.id),
        Edit::RemoveCard(_) | Edit::MoveCard { .. } | Edit::Batch(_) => {}
        _ => structure = true,
    });
    (cards, structure)
}

fn walk(edit: &Edit, f: &mut impl FnMut(&Edit)) {
    match edit {
        Edit::Batch(edits) => edits.iter().for_each(|e| walk(e, f)),
        other => f(other),
    }
}

/// The edit as it applies to the map now: each card found where it is now by its identity,
/// each insertion kept inside its lane. `None` when a card it needs is gone.
pub fn relocate(edit: Edit, anchors: &[Option<CardId>], map: &Map) -> Option<Edit> {
    let mut anchors = anchors.iter().copied();
    let mut scratch = None;
    relocate_in(edit, &mut anchors, map, &mut scratch)
}

/// Where the card `id` is: at `hint` when it has not moved (the common case, at no cost),
/// else wherever it is on the map.
fn find_near(map: &Map, id: CardId, hint: Slot) -> Option<Slot> {
    if card_at(map, hint).is_some_and(|c| c.same(id)) {
        return Some(hint);
    }
    find(map, id)
}

fn find(map: &Map, id: CardId) -> Option<Slot> {
    map.stages.iter().enumerate().find_map(|(stage, s)| {
        crate::model::Lane::ALL.into_iter().find_map(|lane| {
            let index = s.lane(lane).iter().position(|c| c.id.same(id))?;
            Some(Slot { stage, lane, index })
        })
    })
}

fn clamp_insert(map: &Map, slot: Slot) -> Option<Slot> {
    let len = map.stages.get(slot.stage)?.lane(slot.lane).len();
    Some(Slot {
        index: slot.index.min(len),
        ..slot
    })
}

fn relocate_in(
    edit: Edit,
    anchors: &mut impl Iterator<Item = Option<CardId>>,
    map: &Map,
    scratch: &mut Option<Map>,
) -> Option<Edit> {
    Some(match edit {
        Edit::RemoveCard(at) => Edit::RemoveCard(find_near(map, anchors.next()??, at)?),
        Edit::MoveCard { from, to } => {
            let from = find_near(map, anchors.next()??, from)?;
            let len = map.stages.get(to.stage)?.lane(to.lane).len();
            let same_lane = from.stage == to.stage && from.lane == to.lane;
            let max = if same_lane {
                len.saturating_sub(1)
            } else {
                len
            };
            Edit::MoveCard {
                from,
                to: Slot {
                    index: to.index.min(max),
                    ..to
                },
            }
        }
        Edit::ReplaceCard(at, card) => Edit::ReplaceCard(find_near(map, card.id, at)?, card),
        Edit::InsertCard(slot, card) => Edit::InsertCard(clamp_insert(map, slot)?, card),
        Edit::Batch(edits) => {
            let mut work = scratch.take().unwrap_or_else(|| map.clone());
            let mut out = Vec::with_capacity(edits.len());
            for e in edits {
                let e = relocate_in(e, anchors, &work, &mut None)?;
                e.clone().apply(&mut work)?;
                out.push(e);
            }
            Edit::Batch(out)
        }
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, Lane};
    use crate::templates;

    fn slot(stage: usize, index: usize) -> Slot {
        Slot {
            stage,
            lane: Lane::PainPoints,
            index,
        }
    }

    #[test]
    fn a_removal_follows_its_card_when_others_insert_before_it() {
        let mut map = templates::default_map();
        let mine = Card::new("mine");
        let id = mine.id;
        map.stages[0].lane_mut(Lane::PainPoints).push(mine);
        let undo = Edit::RemoveCard(slot(0, 0));
        let anchors = anchors(&undo, &map);
        assert_eq!(touched(&undo, &anchors).0.len(), 1);
        map.stages[0]
            .lane_mut(Lane::PainPoints)
            .insert(0, Card::new("theirs"));
        let moved = relocate(undo, &anchors, &map).expect("the card is still there");
        assert_eq!(moved, Edit::RemoveCard(slot(0, 1)));
        map.stages[0].lane_mut(Lane::PainPoints).remove(1);
        assert!(find(&map, id).is_none());
        assert_eq!(relocate(moved, &anchors, &map), None, "the card is gone");
    }
}
