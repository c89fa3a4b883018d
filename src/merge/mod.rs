//! The three-way merge of maps: both sides' added cards survive, an edit on one side and a
//! move on the other both happen, votes merge as counters, the other fields one by one. What
//! cannot be combined (the same field changed both ways, an edit against a delete, a stage
//! renamed both ways) keeps both versions as conflict records, in a map that still loads.
//! Pure: `journeymap merge` reads the files and writes the result.
//!
//! Cards are matched to the base with the passes of [`crate::matching`]. Each card
//! then gets one place: the place ours gave it, unless only theirs moved it. Ours' layout is
//! the skeleton; what theirs placed goes after the card before it in theirs' lane, past any
//! cards ours added there (ours first, then theirs). Stages are ordered the same way.

mod fields;
mod order;
mod persona;
mod reworded;

use std::collections::HashMap;

use crate::mapdiff::moved_within_lanes;
use crate::matching::{Cards, Matching, in_order, match_maps};
use crate::model::{Card, Lane, Map, Side, Stage};
use fields::{marked, merge_card, pick, recorded, same_content};
use order::{Placed, interleave};

/// What a merge made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub map: Map,
    /// Conflicts recorded in the map (see [`Map::conflict_count`]).
    pub conflicts: usize,
    /// What the map cannot record and a person must look at: each side deleting every
    /// stage the other kept.
    pub kept_ours: Vec<String>,
}

impl Merged {
    /// Whether someone has to look: conflicts in the map, or a change settled for ours.
    pub fn is_clean(&self) -> bool {
        self.conflicts == 0 && self.kept_ours.is_empty()
    }
}

/// Who a stage or card is: the base's, or one only ours or only theirs has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Id {
    Base(usize),
    Ours(usize),
    Theirs(usize),
}

/// One side of the merge, with its matching to the base.
struct SideOf<'a> {
    map: &'a Map,
    cards: Cards<'a>,
    m: Matching,
    moved_along: Vec<bool>,
    /// Stages whose place among the base's stages changed.
    stage_moved: Vec<bool>,
    new_id: fn(usize) -> Id,
    /// A stage only this side has, known as another side's stage of the same name.
    alias: HashMap<usize, Id>,
    /// Cards this side moved to one place and the other side to another: this side's
    /// version is an item of its own, at this side's place.
    split: Vec<bool>,
}

impl<'a> SideOf<'a> {
    fn new(
        base_cards: &Cards,
        map: &'a Map,
        cards: Cards<'a>,
        m: Matching,
        new_id: fn(usize) -> Id,
    ) -> Self {
        let moved_along = moved_within_lanes(map, base_cards, &cards, &m);
        let matched: Vec<usize> = m.stages_back.iter().filter_map(|s| *s).collect();
        let kept = in_order(&matched);
        let mut stage_moved = vec![false; map.stages.len()];
        let mut k = 0;
        for (s, b) in m.stages_back.iter().enumerate() {
            if b.is_some() {
                stage_moved[s] = !kept[k];
                k += 1;
            }
        }
        SideOf {
            map,
            cards,
            m,
            moved_along,
            stage_moved,
            new_id,
            alias: HashMap::new(),
            split: Vec::new(),
        }
    }

    fn stage_id(&self, s: usize) -> Id {
        match self.m.stages_back[s] {
            Some(b) => Id::Base(b),
            None => self.alias.get(&s).copied().unwrap_or((self.new_id)(s)),
        }
    }

    fn card_id(&self, c: usize) -> Id {
        match self.m.cards_back[c] {
            Some(b) if !self.split.get(c).copied().unwrap_or(false) => Id::Base(b),
            _ => (self.new_id)(c),
        }
    }

    /// Where card `c` is: its stage and lane.
    fn place(&self, c: usize) -> (Id, Lane) {
        let at = self.cards.slots[c];
        (self.stage_id(at.stage), at.lane)
    }

    /// Whether this side put card `c` (matched to base card `b`) in another stage or lane.
    fn moved_away(&self, c: usize, b: usize, base: &Cards) -> bool {
        let there = base.slots[b];
        self.place(c) != (Id::Base(there.stage), there.lane)
    }
}

/// A card (or the two versions of a conflicted one) with its place in the result.
struct Item<'a> {
    stage: Id,
    lane: Lane,
    by_theirs: bool,
    cards: Versions<'a>,
}

/// What a card of the result holds: most cards are one side's, unchanged, and are copied
/// only once, into the result.
#[derive(PartialEq)]
enum Versions<'a> {
    Same(&'a Card),
    Merged(Box<Card>),
    Conflict(Box<(Card, Card)>),
}

impl Versions<'_> {
    fn push_to(&self, lane: &mut Vec<Card>) {
        match self {
            Versions::Same(card) => lane.push((*card).clone()),
            Versions::Merged(card) => lane.push((**card).clone()),
            Versions::Conflict(both) => {
                lane.push(both.0.clone());
                lane.push(both.1.clone());
            }
        }
    }
}

/// Every card of the result, by who it is: a table indexed by the card's number in the
/// base, ours or theirs (hashing 200,000 ids costs more than the merge itself).
struct Items<'a> {
    slots: Vec<Option<Item<'a>>>,
    base: usize,
    ours: usize,
}

impl<'a> Items<'a> {
    fn new(base: usize, ours: usize, theirs: usize) -> Self {
        let mut slots = Vec::new();
        slots.resize_with(base + ours + theirs, || None);
        Items { slots, base, ours }
    }

    fn slot(&self, id: Id) -> usize {
        match id {
            Id::Base(b) => b,
            Id::Ours(o) => self.base + o,
            Id::Theirs(t) => self.base + self.ours + t,
        }
    }

    fn get(&self, id: &Id) -> Option<&Item<'a>> {
        self.slots[self.slot(*id)].as_ref()
    }

    fn insert(&mut self, id: Id, item: Item<'a>) {
        let slot = self.slot(id);
        self.slots[slot] = Some(item);
    }

    fn values(&self) -> impl Iterator<Item = &Item<'a>> {
        self.slots.iter().flatten()
    }
}

/// Merges `ours` and `theirs`, two versions of `base`.
pub fn merge(base: &Map, ours: &Map, theirs: &Map) -> Merged {
    if ours == theirs {
        // The same change reached both sides (a cherry-pick, a rebase): it counts once.
        return Merged {
            map: ours.clone(),
            conflicts: ours.conflict_count(),
            kept_ours: Vec::new(),
        };
    }
    let base_cards = Cards::of(base);
    let (ours_cards, theirs_cards) = (Cards::of(ours), Cards::of(theirs));
    let mut ours_m = match_maps(base, ours, &base_cards, &ours_cards);
    let mut theirs_m = match_maps(base, theirs, &base_cards, &theirs_cards);
    reworded::pair_reworded(
        &base_cards,
        reworded::Side {
            cards: &ours_cards,
            m: &mut ours_m,
        },
        reworded::Side {
            cards: &theirs_cards,
            m: &mut theirs_m,
        },
    );
    let o = SideOf::new(&base_cards, ours, ours_cards, ours_m, Id::Ours);
    let mut t = SideOf::new(&base_cards, theirs, theirs_cards, theirs_m, Id::Theirs);
    // A stage both sides added under the same name is one stage.
    let mut ours_new: HashMap<&str, Vec<usize>> = HashMap::new();
    for (s, stage) in ours.stages.iter().enumerate().rev() {
        if o.m.stages_back[s].is_none() {
            ours_new.entry(stage.name.as_str()).or_default().push(s);
        }
    }
    for (s, stage) in theirs.stages.iter().enumerate() {
        if t.m.stages_back[s].is_none()
            && let Some(os) = ours_new.get_mut(stage.name.as_str()).and_then(Vec::pop)
        {
            t.alias.insert(s, Id::Ours(os));
        }
    }

    // A card both sides moved, to different places: each side's version where it put it.
    t.split = (0..t.cards.len())
        .map(|c| {
            t.m.cards_back[c].is_some_and(|b| {
                o.m.cards[b].is_some_and(|oc| {
                    o.moved_away(oc, b, &base_cards)
                        && t.moved_away(c, b, &base_cards)
                        && o.place(oc) != t.place(c)
                })
            })
        })
        .collect();
    let mut kept_ours = Vec::new();
    let items = card_items(&base_cards, &o, &t);
    let mut stages = stage_contents(base, &o, &t, &items);

    // Stages in order, then each lane's cards.
    let stage_order = {
        let skeleton: Vec<Id> = (0..ours.stages.len())
            .map(|s| o.stage_id(s))
            .filter(|id| stages.get(id).is_some_and(|(_, by_theirs)| !by_theirs))
            .collect();
        let theirs_order: Vec<(Id, Placed)> = (0..theirs.stages.len())
            .map(|s| {
                let id = t.stage_id(s);
                let placed = match stages.get(&id) {
                    Some((_, true)) => Placed::ByTheirs,
                    Some((_, false)) => Placed::ByOurs,
                    None => Placed::Gone,
                };
                (id, placed)
            })
            .collect();
        interleave(
            &skeleton,
            &theirs_order,
            |id| matches!(id, Id::Ours(_)),
            |_, _| false,
        )
    };
    let mut skeletons: HashMap<(Id, Lane), Vec<Id>> = HashMap::new();
    for c in 0..o.cards.len() {
        let id = o.card_id(c);
        if items.get(&id).is_some_and(|item| !item.by_theirs) {
            let at = o.cards.slots[c];
            skeletons
                .entry((o.stage_id(at.stage), at.lane))
                .or_default()
                .push(id);
        }
    }
    let mut theirs_lanes: HashMap<(Id, Lane), Vec<(Id, Placed)>> = HashMap::new();
    for c in 0..t.cards.len() {
        let id = t.card_id(c);
        let at = t.cards.slots[c];
        let key = (t.stage_id(at.stage), at.lane);
        let placed = match items.get(&id) {
            Some(item) if item.by_theirs => Placed::ByTheirs,
            Some(item) if (item.stage, item.lane) == key => Placed::ByOurs,
            _ => Placed::Gone,
        };
        theirs_lanes.entry(key).or_default().push((id, placed));
    }
    let (title, title_conflict) = recorded(
        (&base.title, &base.title_conflict),
        (&ours.title, &ours.title_conflict),
        (&theirs.title, &theirs.title_conflict),
    );
    let mut map = Map {
        title,
        title_conflict,
        persona: persona::merge_persona(
            base.persona.as_ref(),
            ours.persona.as_ref(),
            theirs.persona.as_ref(),
        ),
        stages: Vec::with_capacity(stage_order.len()),
    };
    let empty = Vec::new();
    let mut emitted = vec![false; items.slots.len()];
    let mut placed_stages: Vec<Id> = Vec::with_capacity(stage_order.len());
    for id in stage_order.into_iter().chain(stray_stages(&stages, &items)) {
        let Some((mut stage, _)) = stages.remove(&id) else {
            continue;
        };
        for lane in Lane::ALL {
            let key = (id, lane);
            let ids = interleave(
                skeletons.get(&key).unwrap_or(&empty),
                theirs_lanes.get(&key).map_or(&[][..], Vec::as_slice),
                |id| matches!(id, Id::Ours(_)),
                |theirs_id, ours_id| {
                    matches!(theirs_id, Id::Theirs(_))
                        && items.get(&theirs_id).map(|i| &i.cards)
                            == items.get(&ours_id).map(|i| &i.cards)
                },
            );
            let cards = stage.lane_mut(lane);
            for id in ids {
                if let Some(item) = items.get(&id) {
                    item.cards.push_to(cards);
                    emitted[items.slot(id)] = true;
                }
            }
            // Theirs' cards left out as the same as a card ours added here are placed too.
            for &(id, placed) in theirs_lanes.get(&key).map_or(&[][..], Vec::as_slice) {
                if placed == Placed::ByTheirs {
                    emitted[items.slot(id)] = true;
                }
            }
        }
        map.stages.push(stage);
        placed_stages.push(id);
    }
    // A card the orders above did not place (its neighbours all went): at the end of its
    // lane, never lost.
    for (slot, item) in items.slots.iter().enumerate() {
        let Some(item) = item else { continue };
        if emitted[slot] {
            continue;
        }
        if let Some(s) = placed_stages.iter().position(|id| *id == item.stage) {
            item.cards.push_to(map.stages[s].lane_mut(item.lane));
        }
    }
    if map.stages.is_empty() {
        // Each side deleted every stage the other kept, and a map needs a stage: both sides'
        // stages stay, each card marked with the side that kept it, for people to settle.
        kept_ours
            .push("each side deleted every stage the other kept: both sides' stages kept".into());
        map.stages = both_sides_stages(ours, theirs);
    }
    let conflicts = map.conflict_count();
    Merged {
        map,
        conflicts,
        kept_ours,
    }
}

/// Ours' stages then theirs', each card marked with its side.
fn both_sides_stages(ours: &Map, theirs: &Map) -> Vec<Stage> {
    let mut stages = Vec::new();
    for (map, side) in [(ours, Side::Ours), (theirs, Side::Theirs)] {
        for stage in &map.stages {
            let mut kept = bare(stage);
            for lane in Lane::ALL {
                *kept.lane_mut(lane) = stage.lane(lane).iter().map(|c| marked(c, side)).collect();
            }
            stages.push(kept);
        }
    }
    stages
}

/// The stages that hold cards but are in neither side's order (their place went with every
/// neighbour): after the others.
fn stray_stages(stages: &HashMap<Id, (Stage, bool)>, items: &Items) -> Vec<Id> {
    let mut stray: Vec<Id> = items
        .values()
        .map(|item| item.stage)
        .filter(|id| stages.contains_key(id))
        .collect();
    stray.sort_by_key(|id| items.slot(*id));
    stray.dedup();
    stray
}

/// Every card of the result, by who it is.
fn card_items<'a>(base: &Cards<'a>, o: &SideOf<'a>, t: &SideOf<'a>) -> Items<'a> {
    let mut items = Items::new(base.len(), o.cards.len(), t.cards.len());
    let place_of = |side: &SideOf, c: usize| side.place(c);
    for b in 0..base.len() {
        let (oc, tc) = (o.m.cards[b], t.m.cards[b]);
        let base_card = base.cards[b];
        let item = match (oc, tc) {
            (Some(oc), Some(tc)) if t.split[tc] => {
                // Moved both ways: each version where its side put it, both marked.
                let (ours_card, theirs_card) =
                    match merge_card(base_card, o.cards.cards[oc], t.cards.cards[tc]) {
                        Versions::Conflict(both) => (both.0, both.1),
                        Versions::Merged(card) => {
                            (marked(&card, Side::Ours), marked(&card, Side::Theirs))
                        }
                        Versions::Same(card) => {
                            (marked(card, Side::Ours), marked(card, Side::Theirs))
                        }
                    };
                let ((stage, lane), (t_stage, t_lane)) = (place_of(o, oc), place_of(t, tc));
                items.insert(
                    Id::Theirs(tc),
                    Item {
                        stage: t_stage,
                        lane: t_lane,
                        by_theirs: true,
                        cards: Versions::Merged(Box::new(theirs_card)),
                    },
                );
                Item {
                    stage,
                    lane,
                    by_theirs: false,
                    cards: Versions::Merged(Box::new(ours_card)),
                }
            }
            (Some(oc), Some(tc)) => {
                // A move to another stage or lane wins over a move along the lane; of two
                // moves along it, ours' order stands.
                let by_theirs = if o.moved_away(oc, b, base) {
                    false
                } else if t.moved_away(tc, b, base) {
                    true
                } else {
                    !o.moved_along[oc] && t.moved_along[tc]
                };
                let (stage, lane) = if by_theirs {
                    place_of(t, tc)
                } else {
                    place_of(o, oc)
                };
                let (ours_card, theirs_card) = (o.cards.cards[oc], t.cards.cards[tc]);
                // A pair the matcher was unsure of is not merged into: when the other side
                // changed the card too, both versions stay.
                let unsure = (o.m.uncertain[b] && theirs_card != base_card)
                    || (t.m.uncertain[b] && ours_card != base_card);
                let cards = if unsure && ours_card != theirs_card {
                    Versions::Conflict(Box::new((
                        marked(ours_card, Side::Ours),
                        marked(theirs_card, Side::Theirs),
                    )))
                } else {
                    merge_card(base_card, ours_card, theirs_card)
                };
                Item {
                    stage,
                    lane,
                    by_theirs,
                    cards,
                }
            }
            (Some(oc), None) => {
                let card = o.cards.cards[oc];
                if same_content(card, base_card) {
                    continue;
                }
                let (stage, lane) = place_of(o, oc);
                Item {
                    stage,
                    lane,
                    by_theirs: false,
                    cards: Versions::Merged(Box::new(marked(card, Side::Ours))),
                }
            }
            (None, Some(tc)) => {
                let card = t.cards.cards[tc];
                if same_content(card, base_card) {
                    continue;
                }
                let (stage, lane) = place_of(t, tc);
                Item {
                    stage,
                    lane,
                    by_theirs: true,
                    cards: Versions::Merged(Box::new(marked(card, Side::Theirs))),
                }
            }
            (None, None) => continue,
        };
        items.insert(Id::Base(b), item);
    }
    for (side, by_theirs) in [(o, false), (t, true)] {
        for c in 0..side.cards.len() {
            if side.m.cards_back[c].is_none() {
                let (stage, lane) = place_of(side, c);
                let item = Item {
                    stage,
                    lane,
                    by_theirs,
                    cards: Versions::Same(side.cards.cards[c]),
                };
                items.insert((side.new_id)(c), item);
            }
        }
    }
    items
}

/// The stages of the result (without cards), by who they are, and whether theirs places
/// each one. A stage one side deleted survives only while it holds a card.
fn stage_contents(base: &Map, o: &SideOf, t: &SideOf, items: &Items) -> HashMap<Id, (Stage, bool)> {
    let mut holding: HashMap<Id, usize> = HashMap::new();
    for item in items.values() {
        *holding.entry(item.stage).or_default() += 1;
    }
    let mut stages = HashMap::new();
    for (b, base_stage) in base.stages.iter().enumerate() {
        let id = Id::Base(b);
        let (os, ts) = (o.m.stages[b], t.m.stages[b]);
        let entry = match (os, ts) {
            (Some(os), Some(ts)) => {
                let (ours, theirs) = (&o.map.stages[os], &t.map.stages[ts]);
                let mut stage = Stage::new(ours.name.clone());
                match pick(&base_stage.name, &ours.name, &theirs.name) {
                    Some(name) => stage.name = name,
                    None => stage.conflict = Some(theirs.name.clone()),
                }
                (stage.description, stage.description_conflict) = recorded(
                    (&base_stage.description, &base_stage.description_conflict),
                    (&ours.description, &ours.description_conflict),
                    (&theirs.description, &theirs.description_conflict),
                );
                if stage.conflict.is_none() {
                    stage.conflict = pick(&base_stage.conflict, &ours.conflict, &theirs.conflict)
                        .unwrap_or_else(|| ours.conflict.clone());
                }
                (stage, !o.stage_moved[os] && t.stage_moved[ts])
            }
            (Some(os), None) if holding.contains_key(&id) => (bare(&o.map.stages[os]), false),
            (None, Some(ts)) if holding.contains_key(&id) => (bare(&t.map.stages[ts]), true),
            _ => continue,
        };
        stages.insert(id, entry);
    }
    for (s, stage) in o.map.stages.iter().enumerate() {
        if o.m.stages_back[s].is_none() {
            stages.insert(Id::Ours(s), (bare(stage), false));
        }
    }
    for (s, stage) in t.map.stages.iter().enumerate() {
        if t.m.stages_back[s].is_none() && !t.alias.contains_key(&s) {
            stages.insert(Id::Theirs(s), (bare(stage), true));
        }
    }
    stages
}

/// A stage's name, description and conflicts, without its cards.
fn bare(stage: &Stage) -> Stage {
    let mut copy = Stage::new(stage.name.clone()).with_description(stage.description.clone());
    copy.conflict = stage.conflict.clone();
    copy.description_conflict = stage.description_conflict.clone();
    copy
}

#[cfg(test)]
mod tests;
