//! Resolving what a merge left in a map, one key per conflict: on a conflicted card, a stage
//! whose name or description was changed both ways, or the title or persona `!` went to,
//! take ours' version, take theirs', or keep both. `!` goes from conflict to conflict.
//! Each resolution is one edit, undone with one undo.

use super::{Ctx, Edit, Slot};
use crate::model::{Card, Lane, Map, Persona, Side};

/// Where a conflict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A stage's name or description.
    Stage(usize),
    /// A conflicted card (ours' version of a pair).
    Card(Slot),
    Title,
    PersonaName,
    PersonaSummary,
    /// The persona one side removed and the other changed.
    Persona,
}

impl Place {
    /// Board order: stages and their cards left to right, then the title and the persona.
    fn order(self) -> (usize, usize, usize, usize) {
        match self {
            Place::Stage(s) => (s, 0, 0, 0),
            Place::Card(slot) => (slot.stage, 1, slot.lane.index(), slot.index),
            Place::Title => (usize::MAX, 0, 0, 0),
            Place::PersonaName => (usize::MAX, 1, 0, 0),
            Place::PersonaSummary => (usize::MAX, 2, 0, 0),
            Place::Persona => (usize::MAX, 3, 0, 0),
        }
    }

    /// What the status line says on arriving here.
    fn describe(self, map: &Map) -> String {
        const KEYS: &str = "[ keeps ours, ] theirs, | both";
        let persona = map.persona.as_ref();
        let theirs = match self {
            Place::Stage(s) => {
                let stage = &map.stages[s];
                let (what, theirs) = match (&stage.conflict, &stage.description_conflict) {
                    (Some(name), _) => ("name", name),
                    (None, Some(description)) => ("description", description),
                    (None, None) => return String::new(),
                };
                return format!(
                    "⚡ stage {}'s {what} was changed both ways; theirs: {}: {KEYS}",
                    s + 1,
                    quoted(theirs)
                );
            }
            Place::Card(_) => return format!("⚡ a card changed both ways: {KEYS}"),
            Place::Persona => {
                let side = persona.and_then(|p| p.conflict).unwrap_or(Side::Ours);
                let keep = match side {
                    Side::Ours => "[ or | keeps it, ] removes it",
                    Side::Theirs => "] or | keeps it, [ removes it",
                };
                return format!(
                    "⚡ {} changed the persona and {} removed it: {keep}",
                    side.key(),
                    side.other().key()
                );
            }
            Place::Title => map.title_conflict.as_ref(),
            Place::PersonaName => persona.and_then(|p| p.name_conflict.as_ref()),
            Place::PersonaSummary => persona.and_then(|p| p.summary_conflict.as_ref()),
        };
        let what = match self {
            Place::Title => "the title",
            Place::PersonaName => "the persona's name",
            _ => "the persona's summary",
        };
        format!(
            "⚡ {what} was changed both ways; theirs: {}: {KEYS}",
            quoted(theirs.map_or("", String::as_str))
        )
    }
}

/// A value as a status line quotes it: on one line, not too long.
fn quoted(text: &str) -> String {
    format!(
        "\"{}\"",
        crate::text::ellipsize(&crate::text::sanitize(text), 40)
    )
}

/// Every conflict of the map, in board order.
pub fn places(map: &Map) -> Vec<Place> {
    let mut found = Vec::new();
    for (s, stage) in map.stages.iter().enumerate() {
        if stage.has_conflict() {
            found.push(Place::Stage(s));
        }
        for lane in Lane::ALL {
            let cards = stage.lane(lane);
            for (index, card) in cards.iter().enumerate() {
                let pairs_with_previous = card.conflict == Some(Side::Theirs)
                    && index > 0
                    && cards[index - 1].conflict == Some(Side::Ours);
                if card.conflict.is_some() && !pairs_with_previous {
                    found.push(Place::Card(Slot {
                        stage: s,
                        lane,
                        index,
                    }));
                }
            }
        }
    }
    if map.title_conflict.is_some() {
        found.push(Place::Title);
    }
    if let Some(persona) = &map.persona {
        if persona.name_conflict.is_some() {
            found.push(Place::PersonaName);
        }
        if persona.summary_conflict.is_some() {
            found.push(Place::PersonaSummary);
        }
        if persona.conflict.is_some() {
            found.push(Place::Persona);
        }
    }
    found
}

/// What the status line says on opening a map a merge left conflicts in.
pub fn on_opening(map: &Map) -> Option<String> {
    match map.conflict_count() {
        0 => None,
        1 => Some("1 merge conflict (⚡) in this map: ! jumps to it".into()),
        n => Some(format!(
            "{n} merge conflicts (⚡) in this map: ! jumps to the next"
        )),
    }
}

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
            "conflict settled: both versions kept, the votes on ours' (u to undo)",
        ),
    };
    let at = |index| Slot { index, ..slot };
    let mut edits: Vec<Edit> = keep
        .iter()
        .map(|&i| {
            let mut card = settled(&cards[i]);
            // Both versions carry the card's votes (merged once): kept both, the votes
            // stay once, on ours'.
            if how == Resolution::Both && ours.is_some() && Some(i) == theirs {
                card.votes = 0;
            }
            Edit::ReplaceCard(at(i), card)
        })
        .collect();
    // Later cards first, so that each removal leaves the other's index as it was.
    edits.extend(drop.iter().rev().map(|&i| Edit::RemoveCard(at(i))));
    Some((Edit::Batch(edits), message))
}

/// Ours' value, theirs', or both joined, as `how` says.
fn settle(ours: &str, theirs: &str, how: Resolution) -> String {
    match how {
        Resolution::Ours => ours.to_string(),
        Resolution::Theirs => theirs.to_string(),
        Resolution::Both => format!("{ours} / {theirs}"),
    }
}

fn kept(how: Resolution) -> &'static str {
    match how {
        Resolution::Ours => "ours' kept (u to undo)",
        Resolution::Theirs => "theirs' kept (u to undo)",
        Resolution::Both => "both kept (u to undo)",
    }
}

/// The edit that settles a stage name changed both ways, or else its description; `None`
/// when neither was.
pub fn stage_resolution(map: &Map, stage: usize, how: Resolution) -> Option<(Edit, String)> {
    let old = map.stages.get(stage)?;
    let mut new = old.clone();
    let message = if let Some(theirs) = new.conflict.take() {
        new.name = settle(&old.name, &theirs, how);
        format!("stage name settled: {}", kept(how))
    } else {
        let theirs = new.description_conflict.take()?;
        new.description = settle(&old.description, &theirs, how);
        format!("stage description settled: {}", kept(how))
    };
    // The new stage goes in before the old one comes out: a map never has no stage.
    let edit = Edit::Batch(vec![
        Edit::InsertStage(stage, new),
        Edit::RemoveStage(stage + 1),
    ]);
    Some((edit, message))
}

/// The edit that settles the title or a persona field changed both ways; `None` when the
/// place holds no such conflict.
pub fn map_resolution(map: &Map, place: Place, how: Resolution) -> Option<(Edit, String)> {
    if place == Place::Title {
        let theirs = map.title_conflict.as_ref()?;
        let edit = Edit::Batch(vec![
            Edit::SetTitle(settle(&map.title, theirs, how)),
            Edit::SetTitleConflict(None),
        ]);
        return Some((edit, format!("title settled: {}", kept(how))));
    }
    let old = map.persona.as_ref()?;
    let mut new: Persona = old.clone();
    let what = match place {
        Place::PersonaName => {
            new.name = settle(&old.name, &new.name_conflict.take()?, how);
            "name"
        }
        Place::PersonaSummary => {
            new.summary = settle(&old.summary, &new.summary_conflict.take()?, how);
            "summary"
        }
        Place::Persona => {
            let side = new.conflict.take()?;
            let kept = match how {
                Resolution::Ours => side == Side::Ours,
                Resolution::Theirs => side == Side::Theirs,
                Resolution::Both => true,
            };
            return Some(if kept {
                (
                    Edit::SetPersona(Some(new)),
                    "persona kept (u to undo)".into(),
                )
            } else {
                (Edit::SetPersona(None), "persona removed (u to undo)".into())
            });
        }
        Place::Stage(_) | Place::Card(_) | Place::Title => return None,
    };
    Some((
        Edit::SetPersona(Some(new)),
        format!("persona's {what} settled: {}", kept(how)),
    ))
}

impl Ctx<'_> {
    /// Settles the conflict `!` went to while the selection is still there; else the
    /// selected card's, the selected stage's, or the title's and the persona's.
    pub(super) fn resolve(&mut self, how: Resolution) {
        let sel = self.seat.selection;
        let map = &self.room.map;
        let went_to = self
            .seat
            .conflict_at
            .filter(|(_, at)| *at == sel)
            .map(|(place, _)| place)
            .filter(|place| !matches!(place, Place::Stage(_) | Place::Card(_)));
        let found = went_to
            .and_then(|place| map_resolution(map, place, how))
            .or_else(|| {
                card_resolution(map, sel, how).map(|(edit, message)| (edit, message.to_string()))
            })
            .or_else(|| stage_resolution(map, sel.stage, how))
            .or_else(|| {
                [
                    Place::Title,
                    Place::PersonaName,
                    Place::PersonaSummary,
                    Place::Persona,
                ]
                .into_iter()
                .find_map(|place| map_resolution(map, place, how))
            });
        match found {
            Some((edit, message)) => {
                self.change(edit, &message);
            }
            None => self.set_status("no merge conflict here"),
        }
    }

    /// Selects the next conflict after the selection (or after the one `!` last went to),
    /// round the map, and says what it is.
    pub(super) fn next_conflict(&mut self) {
        let sel = self.seat.selection;
        let all = places(&self.room.map);
        let from = match self.seat.conflict_at {
            Some((place, at)) if at == sel => place.order(),
            _ => Place::Card(sel).order(),
        };
        let Some(&next) = all
            .iter()
            .find(|p| p.order() > from)
            .or_else(|| all.first())
        else {
            self.set_status("no merge conflict left");
            return;
        };
        match next {
            Place::Stage(stage) => self.select_place(Slot {
                stage,
                lane: Lane::Touchpoints,
                index: 0,
            }),
            Place::Card(slot) => self.select_place(slot),
            Place::Title | Place::PersonaName | Place::PersonaSummary | Place::Persona => {}
        }
        self.seat.conflict_at = Some((next, self.seat.selection));
        let message = next.describe(&self.room.map);
        self.set_status(message);
    }

    fn select_place(&mut self, slot: Slot) {
        self.select_stage(slot.stage);
        self.seat.select(self.room, slot);
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
    fn the_votes_stay_once_whichever_is_kept() {
        let votes = |how| {
            let mut map = conflicted();
            for card in map.stages[0].lane_mut(Lane::PainPoints).iter_mut() {
                card.votes = 3;
            }
            let slot = Slot {
                stage: 0,
                lane: Lane::PainPoints,
                index: 0,
            };
            let (edit, _) = card_resolution(&map, slot, how).expect("a conflict");
            edit.apply(&mut map).expect("applies");
            let lane = map.stages[0].lane(Lane::PainPoints);
            lane.iter().map(|c| c.votes).collect::<Vec<_>>()
        };
        assert_eq!(votes(Resolution::Ours), [3, 3, 3]);
        assert_eq!(votes(Resolution::Theirs), [3, 3, 3]);
        assert_eq!(votes(Resolution::Both), [3, 0, 3, 3]);
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
