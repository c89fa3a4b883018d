//! Who added which card during a live session: a participant changes only the cards they
//! added. Cards are known by their identity in memory, which a new map does not keep (a
//! recovery copy taken, a reload, the host started again after a crash); the cards are
//! then found again by their stage, lane and text.

use std::collections::HashMap;

use super::SeatId;
use crate::model::{CardId, Lane, Map};

/// A card someone added, by where it is and what it says: the `nth` card (from 0) with
/// that text in its stage and lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub seat: SeatId,
    pub stage: usize,
    pub lane: Lane,
    pub text: String,
    pub nth: usize,
}

#[derive(Debug, Default)]
pub(super) struct AddedBy {
    by_card: HashMap<u64, SeatId>,
    /// Cards known by place and text only, waiting for a map that holds them.
    waiting: Vec<Added>,
}

impl AddedBy {
    pub(super) fn get(&self, id: CardId) -> Option<SeatId> {
        self.by_card.get(&id.key()).copied()
    }

    /// `seat` added the card `id` (a card keeps its first author).
    pub(super) fn insert(&mut self, id: CardId, seat: SeatId) {
        self.by_card.entry(id.key()).or_insert(seat);
    }

    /// Every card of `map` someone added, in the map's order, and those still waiting.
    pub(super) fn listed(&self, map: &Map) -> Vec<Added> {
        let mut listed = Vec::new();
        for (stage, s) in map.stages.iter().enumerate() {
            for lane in Lane::ALL {
                let cards = s.lane(lane);
                for (i, card) in cards.iter().enumerate() {
                    if let Some(&seat) = self.by_card.get(&card.id.key()) {
                        let nth = cards[..i].iter().filter(|c| c.text == card.text).count();
                        listed.push(Added {
                            seat,
                            stage,
                            lane,
                            text: card.text.clone(),
                            nth,
                        });
                    }
                }
            }
        }
        listed.extend(self.waiting.iter().cloned());
        listed
    }

    /// Forgets the cards' identities and keeps them by place and text, for a new map.
    pub(super) fn forget_identities(&mut self, map: &Map) {
        self.waiting = self.listed(map);
        self.by_card.clear();
    }

    /// Takes `added` to be found on the map, with those already waiting.
    pub(super) fn wait_for(&mut self, added: impl IntoIterator<Item = Added>) {
        self.waiting.extend(added);
    }

    /// Finds the waiting cards on `map`: each one is the `nth` card of its stage and lane
    /// with its text, or else the first of them that has no author yet. Those not found
    /// keep waiting.
    pub(super) fn claim(&mut self, map: &Map) {
        let waiting = std::mem::take(&mut self.waiting);
        for added in waiting {
            let found = map.stages.get(added.stage).and_then(|stage| {
                let free = |card: &&crate::model::Card| !self.by_card.contains_key(&card.id.key());
                let mut same = stage
                    .lane(added.lane)
                    .iter()
                    .filter(|card| card.text == added.text);
                same.clone()
                    .nth(added.nth)
                    .filter(free)
                    .or_else(|| same.find(free))
            });
            match found {
                Some(card) => {
                    self.by_card.insert(card.id.key(), added.seat);
                }
                None => self.waiting.push(added),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, Stage};

    fn map(texts: &[&str]) -> Map {
        let mut map = Map::new("m");
        let mut stage = Stage::new("S");
        for text in texts {
            stage.lane_mut(Lane::PainPoints).push(Card::new(*text));
        }
        map.stages.push(stage);
        map
    }

    #[test]
    fn authors_are_found_again_on_a_new_map_by_place_and_text() {
        let old = map(&["same", "ada's", "same"]);
        let mut added = AddedBy::default();
        let cards = old.stages[0].lane(Lane::PainPoints);
        added.insert(cards[1].id, SeatId(1));
        added.insert(cards[2].id, SeatId(2));
        added.forget_identities(&old);
        // The new map lost Ada's card; the second "same" is still the second.
        let new = map(&["same", "same", "same"]);
        added.claim(&new);
        let cards = new.stages[0].lane(Lane::PainPoints);
        let authors: Vec<_> = cards.iter().map(|c| added.get(c.id)).collect();
        assert_eq!(authors, [None, Some(SeatId(2)), None]);
        // Ada's card waits, and is listed as such.
        assert_eq!(added.listed(&new).len(), 2);
        assert_eq!(added.listed(&new)[1].text, "ada's");
    }
}
