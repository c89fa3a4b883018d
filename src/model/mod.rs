//! The journey map: stages, lanes and cards. Pure data and the rules that keep it valid;
//! no I/O and no terminal.

mod card;
mod conflict;
mod fields;
mod identity;
mod lane;

use std::sync::Arc;

pub use card::{Card, CardField, FieldKind, Value};
pub use conflict::Side;
pub use fields::{Evidence, Status};
pub use identity::CardId;
pub use lane::Lane;

/// Highest vote count a card can hold (the file format's limit).
pub const MAX_VOTES: u16 = 9999;
/// Emotion scores run from `MIN_SCORE` (very negative) to `MAX_SCORE` (very positive).
pub const MIN_SCORE: i8 = -2;
pub const MAX_SCORE: i8 = 2;

/// Where a card sits: stage index, lane, index in the lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub stage: usize,
    pub lane: Lane,
    pub index: usize,
}

/// A whole journey map: what one file holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Map {
    pub title: String,
    /// After a merge that changed the title both ways: theirs' title (`title` is ours').
    /// `None` in every map that is not an unresolved merge, as for every `*_conflict`.
    pub title_conflict: Option<String>,
    pub persona: Option<Persona>,
    pub stages: Vec<Stage>,
}

/// Who the journey is about. Only the name is required; empty strings and lists mean "not set".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Persona {
    pub name: String,
    /// Theirs' name after a merge that changed it both ways.
    pub name_conflict: Option<String>,
    pub summary: String,
    /// Theirs' summary after a merge that changed it both ways.
    pub summary_conflict: Option<String>,
    pub goals: Vec<String>,
    pub frustrations: Vec<String>,
    /// After a merge in which one side removed the persona and the other changed it: the
    /// side that changed it (this persona is that side's).
    pub conflict: Option<Side>,
}

/// One column of the journey, with its four lanes of cards.
///
/// Lanes are shared on clone and copied on first write, so a snapshot of a whole map (for
/// the recovery copy) costs a few reference counts, not a copy of every card.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stage {
    pub name: String,
    pub description: String,
    /// After a merge that renamed the stage both ways: the name theirs gave it (`name` is
    /// ours'). `None` in every map that is not an unresolved merge.
    pub conflict: Option<String>,
    /// Theirs' description after a merge that changed it both ways.
    pub description_conflict: Option<String>,
    lanes: [Arc<Vec<Card>>; 4],
}

impl Persona {
    /// Whether a merge left a conflict on the persona: its name or summary changed both
    /// ways, or the persona removed on one side and changed on the other.
    pub fn has_conflict(&self) -> bool {
        self.name_conflict.is_some() || self.summary_conflict.is_some() || self.conflict.is_some()
    }
}

impl Stage {
    /// Whether a merge left a conflict on the stage itself: its name or description
    /// changed both ways (its cards aside).
    pub fn has_conflict(&self) -> bool {
        self.conflict.is_some() || self.description_conflict.is_some()
    }

    pub fn new(name: impl Into<String>) -> Self {
        Stage {
            name: name.into(),
            ..Stage::default()
        }
    }

    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    pub fn lane(&self, lane: Lane) -> &Vec<Card> {
        &self.lanes[lane.index()]
    }

    pub fn lane_mut(&mut self, lane: Lane) -> &mut Vec<Card> {
        Arc::make_mut(&mut self.lanes[lane.index()])
    }

    pub fn card_count(&self) -> usize {
        self.lanes.iter().map(|cards| cards.len()).sum()
    }

    /// Mean emotion score of the stage, or `None` when it has no emotion cards.
    pub fn mean_score(&self) -> Option<f64> {
        let emotions = self.lane(Lane::Emotions);
        if emotions.is_empty() {
            return None;
        }
        let sum: i64 = emotions.iter().map(|c| i64::from(c.score)).sum();
        Some(sum as f64 / emotions.len() as f64)
    }
}

impl Map {
    pub fn new(title: impl Into<String>) -> Self {
        Map {
            title: title.into(),
            ..Map::default()
        }
    }

    pub fn card_count(&self) -> usize {
        self.stages.iter().map(Stage::card_count).sum()
    }

    /// How many conflicts a merge left unresolved: the title, the persona's name and
    /// summary, stage names and descriptions, and conflicted cards (a pair of versions
    /// counts once).
    pub fn conflict_count(&self) -> usize {
        let mut count = usize::from(self.title_conflict.is_some());
        if let Some(p) = &self.persona {
            count += usize::from(p.name_conflict.is_some());
            count += usize::from(p.summary_conflict.is_some());
            count += usize::from(p.conflict.is_some());
        }
        for stage in &self.stages {
            count += usize::from(stage.conflict.is_some());
            count += usize::from(stage.description_conflict.is_some());
            for lane in Lane::ALL {
                let cards = stage.lane(lane);
                for (i, card) in cards.iter().enumerate() {
                    let pairs_with_previous = card.conflict == Some(Side::Theirs)
                        && i > 0
                        && cards[i - 1].conflict == Some(Side::Ours);
                    count += usize::from(card.conflict.is_some() && !pairs_with_previous);
                }
            }
        }
        count
    }
}

/// True when a card text (or a name) holds something other than white space.
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_score_averages_emotions_only() {
        let mut stage = Stage::new("Research");
        assert_eq!(stage.mean_score(), None);
        stage
            .lane_mut(Lane::Emotions)
            .push(Card::new("Curious").with_score(2));
        stage
            .lane_mut(Lane::Emotions)
            .push(Card::new("Lost").with_score(-1));
        stage
            .lane_mut(Lane::PainPoints)
            .push(Card::new("Slow").with_votes(3));
        assert_eq!(stage.mean_score(), Some(0.5));
        assert_eq!(stage.card_count(), 3);
    }

    #[test]
    fn a_clone_shares_lanes_until_one_side_writes() {
        let mut stage = Stage::new("Purchase");
        stage
            .lane_mut(Lane::PainPoints)
            .push(Card::new("Long form"));
        let snapshot = stage.clone();
        assert!(std::ptr::eq(
            snapshot.lane(Lane::PainPoints),
            stage.lane(Lane::PainPoints)
        ));
        stage
            .lane_mut(Lane::PainPoints)
            .push(Card::new("No guest checkout"));
        assert_eq!(snapshot.lane(Lane::PainPoints).len(), 1);
        assert_eq!(stage.lane(Lane::PainPoints).len(), 2);
    }

    #[test]
    fn builders_clamp_to_the_format_limits() {
        assert_eq!(Card::new("x").with_score(7).score, MAX_SCORE);
        assert_eq!(Card::new("x").with_score(-9).score, MIN_SCORE);
        assert_eq!(Card::new("x").with_votes(60000).votes, MAX_VOTES);
    }
}
