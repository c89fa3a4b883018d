//! Undo and redo as two stacks of inverse edits, and revision numbers that tell whether the
//! map differs from what was last saved. Each change remembers its author: a person's undo
//! takes back their own last change, even when others have changed the map since.

use super::SeatId;
use super::authors;
use super::edit::Edit;
use crate::model::Map;
use crate::model::{CardId, Slot};

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// Identifies the current state of the map; a new edit always gets a fresh number.
    revision: u64,
    next_revision: u64,
    saved_revision: u64,
    /// Counts every change, undo and redo, to order them between authors.
    seq: u64,
}

#[derive(Debug)]
struct Entry {
    edit: Edit,
    /// What the change did, in words ("card 'Search ad' deleted").
    label: String,
    /// The revision that applying `edit` leads to.
    revision: u64,
    author: SeatId,
    /// The cards `edit` refers to by position, by identity (see `authors::anchors`).
    anchors: Vec<CardId>,
    anchored: Vec<Option<CardId>>,
    /// Whether the change was to something other than cards (stages, title, persona).
    structure: bool,
    /// When the entry was made: later entries of others may block it.
    seq: u64,
}

impl Entry {
    fn new(edit: Edit, label: String, revision: u64, author: SeatId, map: &Map, seq: u64) -> Self {
        let anchored = authors::anchors(&edit, map);
        let (anchors, structure) = authors::touched(&edit, &anchored);
        Entry {
            edit,
            label,
            revision,
            author,
            anchors,
            anchored,
            structure,
            seq,
        }
    }

    /// Whether this change and `other` touch the same card, or either is not about cards.
    fn overlaps(&self, other: &Entry) -> bool {
        self.structure
            || other.structure
            || self
                .anchors
                .iter()
                .any(|a| other.anchors.iter().any(|b| a.same(*b)))
    }
}

/// What asking for an undo or a redo came to.
pub enum Outcome {
    Done(Step),
    /// The person has nothing of theirs to undo (or redo).
    Nothing,
    /// Their last change cannot be taken back: someone else changed the same card since.
    Blocked(String),
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
    /// Applies a new change by `author` and records its inverse. Returns false (and changes
    /// nothing) when the edit does not fit the map.
    pub fn apply(&mut self, map: &mut Map, edit: Edit, author: SeatId) -> bool {
        let label = edit.describe(map);
        let Some(inverse) = edit.apply(map) else {
            return false;
        };
        self.seq += 1;
        let entry = Entry::new(inverse, label, self.revision, author, map, self.seq);
        self.undo.push(entry);
        // A new change ends what its author could redo; others keep theirs.
        self.redo.retain(|e| e.author != author);
        self.next_revision += 1;
        self.revision = self.next_revision;
        true
    }

    /// Takes back `author`'s last change.
    pub fn undo(&mut self, map: &mut Map, author: SeatId) -> Outcome {
        self.step(true, map, author)
    }

    /// Puts back the last change `author` took back.
    pub fn redo(&mut self, map: &mut Map, author: SeatId) -> Outcome {
        self.step(false, map, author)
    }

    fn step(&mut self, undo: bool, map: &mut Map, author: SeatId) -> Outcome {
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(at) = from.iter().rposition(|e| e.author == author) else {
            return Outcome::Nothing;
        };
        let last = at + 1 == from.len();
        if !last {
            // Others changed the map since: fine unless they changed the same card. For a
            // redo, what counts is what others did after the undo it would take back.
            let entry = &from[at];
            let since = |e: &&Entry| e.author != author && e.seq > entry.seq;
            let blocked = if undo {
                from[at + 1..]
                    .iter()
                    .filter(since)
                    .any(|e| entry.overlaps(e))
            } else {
                to.iter().filter(since).any(|e| entry.overlaps(e))
            };
            if blocked {
                return Outcome::Blocked(format!(
                    "cannot {} {}: someone changed it since",
                    if undo { "undo" } else { "redo" },
                    entry.label
                ));
            }
        }
        let entry = from.remove(at);
        // Others' changes, even ones since undone, may have moved the cards it names.
        let edit = authors::relocate(entry.edit, &entry.anchored, map);
        let Some(edit) = edit else {
            return Outcome::Blocked(format!(
                "cannot {} {}: its card is gone",
                if undo { "undo" } else { "redo" },
                entry.label
            ));
        };
        let focus = edit.focus();
        let stages = edit.card_stages();
        let Some(back) = edit.apply(map) else {
            return Outcome::Blocked(format!("cannot undo {}: the map changed", entry.label));
        };
        self.seq += 1;
        let revision = if last {
            entry.revision
        } else {
            // Taken back out of order: a state the map was never in before.
            self.next_revision += 1;
            self.next_revision
        };
        let back = Entry::new(
            back,
            entry.label.clone(),
            self.revision,
            author,
            map,
            self.seq,
        );
        let to = if undo { &mut self.redo } else { &mut self.undo };
        to.push(back);
        self.revision = revision;
        Outcome::Done(Step {
            focus,
            stages,
            label: entry.label,
        })
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether `author` has a change of their own to undo.
    pub fn can_undo_by(&self, author: SeatId) -> bool {
        self.undo.iter().any(|e| e.author == author)
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

    const A: SeatId = SeatId(0);
    const B: SeatId = SeatId(1);

    fn pain(index: usize) -> Slot {
        Slot {
            stage: 0,
            lane: Lane::PainPoints,
            index,
        }
    }

    fn texts(map: &Map) -> Vec<&str> {
        map.stages[0]
            .lane(Lane::PainPoints)
            .iter()
            .map(|c| c.text.as_str())
            .collect()
    }

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
        assert!(history.apply(&mut map, Edit::InsertCard(slot, Card::new("a")), A));
        assert!(history.is_dirty());
        history.undo(&mut map, A);
        assert!(!history.is_dirty());
        history.redo(&mut map, A);
        history.mark_saved();
        history.undo(&mut map, A);
        assert!(history.is_dirty());
        // A new edit after undo is a new state, even if the count of edits matches.
        assert!(history.apply(&mut map, Edit::InsertCard(slot, Card::new("b")), A));
        assert!(history.is_dirty());
        assert!(
            matches!(history.redo(&mut map, A), Outcome::Nothing),
            "a new edit clears redo"
        );
    }

    #[test]
    fn each_author_undoes_their_own_change_where_the_card_is_now() {
        let mut map = templates::default_map();
        let mut history = History::default();
        assert!(history.apply(&mut map, Edit::InsertCard(pain(0), Card::new("a1")), A));
        assert!(history.apply(&mut map, Edit::InsertCard(pain(0), Card::new("b1")), B));
        assert_eq!(texts(&map), ["b1", "a1"]);
        // A's card moved down one place since A added it; A's undo still finds it.
        assert!(matches!(history.undo(&mut map, A), Outcome::Done(_)));
        assert_eq!(texts(&map), ["b1"]);
        assert!(matches!(history.undo(&mut map, A), Outcome::Nothing));
        assert!(matches!(history.redo(&mut map, A), Outcome::Done(_)));
        assert_eq!(texts(&map).len(), 2);
        assert!(matches!(history.undo(&mut map, B), Outcome::Done(_)));
        assert_eq!(texts(&map), ["a1"]);
    }

    #[test]
    fn an_undo_is_refused_when_someone_changed_that_card_since() {
        let mut map = templates::default_map();
        let mut history = History::default();
        assert!(history.apply(&mut map, Edit::InsertCard(pain(0), Card::new("a1")), A));
        let mut voted = map.stages[0].lane(Lane::PainPoints)[0].clone();
        voted.votes = 3;
        assert!(history.apply(&mut map, Edit::ReplaceCard(pain(0), voted), B));
        let before = map.clone();
        assert!(matches!(history.undo(&mut map, A), Outcome::Blocked(_)));
        assert_eq!(map, before, "a refused undo changes nothing");
        // Once B takes their vote back, A may undo again.
        assert!(matches!(history.undo(&mut map, B), Outcome::Done(_)));
        assert!(matches!(history.undo(&mut map, A), Outcome::Done(_)));
        assert!(texts(&map).is_empty());
    }
}
