//! Undo and redo as two stacks of inverse edits, and revision numbers that tell whether the
//! map differs from what was last saved.

use super::edit::Edit;
use crate::model::Map;
use crate::model::Slot;

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// Identifies the current state of the map; a new edit always gets a fresh number.
    revision: u64,
    next_revision: u64,
    saved_revision: u64,
}

#[derive(Debug)]
struct Entry {
    edit: Edit,
    /// What the change did, in words ("card 'Search ad' deleted").
    label: String,
    /// The revision that applying `edit` leads to.
    revision: u64,
}

/// What an undo or redo did, for the selection and the status bar.
pub struct Step {
    pub focus: Option<Slot>,
    /// What the change undone or redone did, in words.
    pub label: String,
    /// The stages whose cards changed (`None`: the stages themselves changed).
    pub stages: Option<Vec<usize>>,
}

impl History {
    /// Applies a new change and records its inverse. Returns false (and changes nothing)
    /// when the edit does not fit the map.
    pub fn apply(&mut self, map: &mut Map, edit: Edit) -> bool {
        let label = edit.describe(map);
        let Some(inverse) = edit.apply(map) else {
            return false;
        };
        self.undo.push(Entry {
            edit: inverse,
            label,
            revision: self.revision,
        });
        self.redo.clear();
        self.next_revision += 1;
        self.revision = self.next_revision;
        true
    }

    pub fn undo(&mut self, map: &mut Map) -> Option<Step> {
        Self::step(&mut self.undo, &mut self.redo, &mut self.revision, map)
    }

    pub fn redo(&mut self, map: &mut Map) -> Option<Step> {
        Self::step(&mut self.redo, &mut self.undo, &mut self.revision, map)
    }

    fn step(
        from: &mut Vec<Entry>,
        to: &mut Vec<Entry>,
        revision: &mut u64,
        map: &mut Map,
    ) -> Option<Step> {
        let entry = from.pop()?;
        let focus = entry.edit.focus();
        let stages = entry.edit.card_stages();
        let back = entry.edit.apply(map)?;
        to.push(Entry {
            edit: back,
            label: entry.label.clone(),
            revision: *revision,
        });
        *revision = entry.revision;
        Some(Step {
            focus,
            stages,
            label: entry.label,
        })
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn mark_saved(&mut self) {
        self.saved_revision = self.revision;
    }

    /// Marks the current map as never saved (a new map, or a restored recovery copy).
    pub fn mark_unsaved(&mut self) {
        self.next_revision += 1;
        self.saved_revision = self.next_revision;
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Changes whenever the map changes (edit, undo or redo).
    pub fn revision(&self) -> u64 {
        self.revision
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, Lane};
    use crate::templates;

    #[test]
    fn dirty_follows_undo_back_to_the_saved_state() {
        let mut map = templates::default_map();
        let mut history = History::default();
        assert!(!history.is_dirty());
        let slot = Slot {
            stage: 0,
            lane: Lane::Touchpoints,
            index: 0,
        };
        assert!(history.apply(&mut map, Edit::InsertCard(slot, Card::new("a"))));
        assert!(history.is_dirty());
        history.undo(&mut map);
        assert!(!history.is_dirty());
        history.redo(&mut map);
        history.mark_saved();
        history.undo(&mut map);
        assert!(history.is_dirty());
        // A new edit after undo is a new state, even if the count of edits matches.
        assert!(history.apply(&mut map, Edit::InsertCard(slot, Card::new("b"))));
        assert!(history.is_dirty());
        assert!(history.redo(&mut map).is_none(), "a new edit clears redo");
    }
}
