//! Every change to a map is an [`Edit`]. Applying one returns its inverse, which is how undo
//! works without ever copying the whole map: an edit holds only what it touches.

use crate::model::{Card, CardField, Lane, Map, Persona, Slot, Stage};

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    InsertCard(Slot, Card),
    RemoveCard(Slot),
    ReplaceCard(Slot, Card),
    MoveCard {
        from: Slot,
        to: Slot,
    },
    InsertStage(usize, Stage),
    RemoveStage(usize),
    MoveStage {
        from: usize,
        to: usize,
    },
    RenameStage(usize, String),
    DescribeStage(usize, String),
    SetTitle(String),
    /// Theirs' title recorded by a merge that changed it both ways (`None` once settled).
    SetTitleConflict(Option<String>),
    SetPersona(Option<Persona>),
    /// Several edits done and undone as one (a pasted list of cards).
    Batch(Vec<Edit>),
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it, or `None` when the edit does not
    /// fit the map (an index out of range): then the map is left untouched.
    pub fn apply(self, map: &mut Map) -> Option<Edit> {
        Some(match self {
            Edit::InsertCard(slot, card) => {
                let cards = lane_mut(map, slot)?;
                if slot.index > cards.len() {
                    return None;
                }
                cards.insert(slot.index, card);
                Edit::RemoveCard(slot)
            }
            Edit::RemoveCard(slot) => {
                let cards = lane_mut(map, slot)?;
                if slot.index >= cards.len() {
                    return None;
                }
                Edit::InsertCard(slot, cards.remove(slot.index))
            }
            Edit::ReplaceCard(slot, card) => {
                let old = lane_mut(map, slot)?.get_mut(slot.index)?;
                Edit::ReplaceCard(slot, std::mem::replace(old, card))
            }
            Edit::MoveCard { from, to } => {
                let card = lane_mut(map, from)?.get(from.index)?.clone();
                let target_len = lane_mut(map, to)?.len();
                let same_lane = from.stage == to.stage && from.lane == to.lane;
                let max = if same_lane {
                    target_len - 1
                } else {
                    target_len
                };
                if to.index > max {
                    return None;
                }
                lane_mut(map, from)?.remove(from.index);
                lane_mut(map, to)?.insert(to.index, card);
                Edit::MoveCard { from: to, to: from }
            }
            Edit::InsertStage(index, stage) => {
                if index > map.stages.len() {
                    return None;
                }
                map.stages.insert(index, stage);
                Edit::RemoveStage(index)
            }
            Edit::RemoveStage(index) => {
                // A map always keeps at least one stage.
                if index >= map.stages.len() || map.stages.len() == 1 {
                    return None;
                }
                Edit::InsertStage(index, map.stages.remove(index))
            }
            Edit::MoveStage { from, to } => {
                if from >= map.stages.len() || to >= map.stages.len() {
                    return None;
                }
                let stage = map.stages.remove(from);
                map.stages.insert(to, stage);
                Edit::MoveStage { from: to, to: from }
            }
            Edit::RenameStage(index, name) => {
                let stage = map.stages.get_mut(index)?;
                Edit::RenameStage(index, std::mem::replace(&mut stage.name, name))
            }
            Edit::DescribeStage(index, description) => {
                let stage = map.stages.get_mut(index)?;
                Edit::DescribeStage(
                    index,
                    std::mem::replace(&mut stage.description, description),
                )
            }
            Edit::SetTitle(title) => Edit::SetTitle(std::mem::replace(&mut map.title, title)),
            Edit::SetTitleConflict(theirs) => {
                Edit::SetTitleConflict(std::mem::replace(&mut map.title_conflict, theirs))
            }
            Edit::SetPersona(persona) => {
                Edit::SetPersona(std::mem::replace(&mut map.persona, persona))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(map) {
                        Some(inverse) => inverses.push(inverse),
                        None => {
                            // Roll back what was done so the batch is all or nothing.
                            for inverse in inverses.into_iter().rev() {
                                inverse.apply(map);
                            }
                            return None;
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }

    /// What the edit does, in words, said before it is applied to `map`: "card 'Search ad'
    /// deleted". Undo and redo repeat it, so the facilitator knows what came back.
    pub fn describe(&self, map: &Map) -> String {
        let card = |slot: &Slot| {
            map.stages
                .get(slot.stage)
                .and_then(|s| s.lane(slot.lane).get(slot.index))
                .map_or_else(String::new, |c| quoted(&c.text))
        };
        let stage = |i: usize| {
            map.stages
                .get(i)
                .map_or_else(String::new, |s| quoted(&s.name))
        };
        match self {
            Edit::InsertCard(_, new) => format!("card {} added", quoted(&new.text)),
            Edit::RemoveCard(slot) => format!("card {} deleted", card(slot)),
            Edit::ReplaceCard(slot, new) => {
                let old = map
                    .stages
                    .get(slot.stage)
                    .and_then(|s| s.lane(slot.lane).get(slot.index));
                let changed =
                    |field: &CardField| old.is_some_and(|old| field.get(old) != field.get(new));
                let what = CardField::ALL
                    .iter()
                    .find(|field| changed(field))
                    .map_or("details", |field| field.label());
                format!("{what} of card {}", card(slot))
            }
            Edit::MoveCard { from, to } if from.lane != to.lane => {
                format!(
                    "card {} moved to {}",
                    card(from),
                    to.lane.title().to_lowercase()
                )
            }
            Edit::MoveCard { from, .. } => format!("card {} moved", card(from)),
            Edit::InsertStage(_, new) => format!("stage {} added", quoted(&new.name)),
            Edit::RemoveStage(i) => format!("stage {} removed", stage(*i)),
            Edit::MoveStage { from, .. } => format!("stage {} moved", stage(*from)),
            Edit::RenameStage(i, name) => {
                format!("stage {} renamed {}", stage(*i), quoted(name))
            }
            Edit::DescribeStage(i, _) => format!("question of stage {}", stage(*i)),
            Edit::SetTitle(_) | Edit::SetTitleConflict(_) => "title".to_string(),
            Edit::SetPersona(None) => "persona removed".to_string(),
            Edit::SetPersona(Some(_)) => "persona".to_string(),
            Edit::Batch(edits) => match edits.as_slice() {
                [one] => one.describe(map),
                [Edit::RemoveCard(slot), Edit::InsertCard(to, _)] if slot.lane != to.lane => {
                    format!(
                        "card {} moved to {}",
                        card(slot),
                        to.lane.title().to_lowercase()
                    )
                }
                all if all.iter().all(|e| matches!(e, Edit::InsertCard(..))) => {
                    format!("{} cards added", all.len())
                }
                // A voting round revealed: the votes of the cards it gave dots.
                all if all
                    .iter()
                    .all(|e| e.describe(map).starts_with("votes of card")) =>
                {
                    format!("votes of {} cards", all.len())
                }
                all => format!("{} changes", all.len()),
            },
        }
    }

    /// The stages whose cards the edit changes, or `None` when it changes the stages
    /// themselves (added, removed, moved).
    pub fn card_stages(&self) -> Option<Vec<usize>> {
        match self {
            Edit::InsertCard(slot, _) | Edit::RemoveCard(slot) | Edit::ReplaceCard(slot, _) => {
                Some(vec![slot.stage])
            }
            Edit::MoveCard { from, to } => Some(vec![from.stage, to.stage]),
            Edit::RenameStage(..)
            | Edit::DescribeStage(..)
            | Edit::SetTitle(_)
            | Edit::SetTitleConflict(_)
            | Edit::SetPersona(_) => Some(Vec::new()),
            Edit::Batch(edits) => edits.iter().try_fold(Vec::new(), |mut all, e| {
                all.extend(e.card_stages()?);
                Some(all)
            }),
            Edit::InsertStage(..) | Edit::RemoveStage(_) | Edit::MoveStage { .. } => None,
        }
    }

    /// Where the change happened, so undo and redo can show it.
    pub fn focus(&self) -> Option<Slot> {
        match self {
            Edit::InsertCard(slot, _) | Edit::RemoveCard(slot) | Edit::ReplaceCard(slot, _) => {
                Some(*slot)
            }
            Edit::MoveCard { to, .. } => Some(*to),
            Edit::InsertStage(i, _)
            | Edit::RemoveStage(i)
            | Edit::RenameStage(i, _)
            | Edit::DescribeStage(i, _)
            | Edit::MoveStage { to: i, .. } => Some(Slot {
                stage: *i,
                lane: Lane::Touchpoints,
                index: 0,
            }),
            // Where a card went in (a lane move, a pasted list), else the first change.
            Edit::Batch(edits) => edits
                .iter()
                .rev()
                .find(|e| matches!(e, Edit::InsertCard(..)))
                .or(edits.first())
                .and_then(Edit::focus),
            Edit::SetTitle(_) | Edit::SetTitleConflict(_) | Edit::SetPersona(_) => None,
        }
    }
}

fn lane_mut(map: &mut Map, slot: Slot) -> Option<&mut Vec<Card>> {
    Some(map.stages.get_mut(slot.stage)?.lane_mut(slot.lane))
}

/// A card's text or a stage's name as quoted in a message: on one line, at most 30
/// columns.
fn quoted(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("'{}'", crate::text::ellipsize(&line, 30))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    fn slot(stage: usize, lane: Lane, index: usize) -> Slot {
        Slot { stage, lane, index }
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let mut map = templates::default_map();
        map.stages[0]
            .lane_mut(Lane::Touchpoints)
            .push(Card::new("Search ad"));
        map.stages[0]
            .lane_mut(Lane::Touchpoints)
            .push(Card::new("Blog"));
        let edits = vec![
            Edit::InsertCard(slot(1, Lane::Emotions, 0), Card::new("Happy").with_score(2)),
            Edit::RemoveCard(slot(0, Lane::Touchpoints, 1)),
            Edit::ReplaceCard(slot(0, Lane::Touchpoints, 0), Card::new("Ad").with_votes(3)),
            Edit::MoveCard {
                from: slot(0, Lane::Touchpoints, 0),
                to: slot(2, Lane::Touchpoints, 0),
            },
            Edit::MoveCard {
                from: slot(0, Lane::Touchpoints, 1),
                to: slot(0, Lane::Touchpoints, 0),
            },
            Edit::InsertStage(5, Stage::new("Renewal")),
            Edit::RemoveStage(0),
            Edit::MoveStage { from: 0, to: 4 },
            Edit::RenameStage(3, "Loyalty".into()),
            Edit::DescribeStage(3, "What keeps them?".into()),
            Edit::SetTitle("New".into()),
            Edit::SetPersona(Some(Persona {
                name: "Olivia".into(),
                ..Persona::default()
            })),
            Edit::Batch(vec![
                Edit::InsertCard(slot(0, Lane::PainPoints, 0), Card::new("a")),
                Edit::InsertCard(slot(0, Lane::PainPoints, 1), Card::new("b")),
            ]),
        ];
        for edit in edits {
            let before = map.clone();
            let mut after = map.clone();
            let inverse = edit
                .clone()
                .apply(&mut after)
                .unwrap_or_else(|| panic!("{edit:?}"));
            assert_ne!(after, before, "{edit:?} changed nothing");
            let mut undone = after.clone();
            let redo = inverse.apply(&mut undone).expect("inverse applies");
            assert_eq!(undone, before, "undo of {edit:?}");
            redo.apply(&mut undone).expect("redo applies");
            assert_eq!(undone, after, "redo of {edit:?}");
        }
    }

    #[test]
    fn edits_that_do_not_fit_leave_the_map_alone() {
        let mut map = templates::default_map();
        let before = map.clone();
        assert!(
            Edit::RemoveCard(slot(0, Lane::Touchpoints, 0))
                .apply(&mut map)
                .is_none()
        );
        assert!(
            Edit::InsertStage(9, Stage::new("x"))
                .apply(&mut map)
                .is_none()
        );
        let batch = Edit::Batch(vec![
            Edit::InsertCard(slot(0, Lane::Emotions, 0), Card::new("ok")),
            Edit::RemoveCard(slot(7, Lane::Emotions, 0)),
        ]);
        assert!(batch.apply(&mut map).is_none());
        assert_eq!(map, before);
        let mut single = crate::model::Map::new("t");
        single.stages.push(Stage::new("Only"));
        assert!(Edit::RemoveStage(0).apply(&mut single).is_none());
    }
}
