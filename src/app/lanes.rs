//! `m`: a card put in the wrong lane moves to another lane of its stage, as one undo step.
//! What the new lane has no field for (a channel, a score, an owner and status) is kept
//! in the card's notes rather than lost.

use super::{Action, Ctx, Edit, Effect, Mode};
use crate::model::{Card, Lane, Slot};
use crate::present;

impl Ctx<'_> {
    /// The lane menu's keys: the lane to move the selected card to.
    pub(super) fn move_lane_keys(&mut self, action: Action) -> Option<Effect> {
        self.seat.mode = Mode::Normal;
        let Action::MoveToLane(lane) = action else {
            return None;
        };
        let from = self.seat.selection;
        if lane == from.lane {
            self.set_status("the card is in that lane already");
            return None;
        }
        let card = self.selected_card().cloned()?;
        let (card, kept) = fit_to_lane(card, from.lane);
        let to = Slot {
            lane,
            index: self
                .room
                .map
                .stages
                .get(from.stage)
                .map_or(0, |s| s.lane(lane).len()),
            ..from
        };
        let mut message = format!("card moved to {}", lane.title().to_lowercase());
        if !kept.is_empty() {
            message.push_str(&format!(" (its {} kept in the notes)", kept.join(" and ")));
        }
        message.push_str("; u to undo");
        if self.change(
            Edit::Batch(vec![Edit::RemoveCard(from), Edit::InsertCard(to, card)]),
            &message,
        ) {
            self.seat.selection = to;
        }
        None
    }
}

/// The card as it leaves lane `from` for another: the fields only `from` has move into
/// the notes.
/// Returns the card and the names of what was moved.
fn fit_to_lane(mut card: Card, from: Lane) -> (Card, Vec<&'static str>) {
    let mut kept = Vec::new();
    let mut notes = Vec::new();
    if from == Lane::Touchpoints && !card.channel.trim().is_empty() {
        notes.push(present::Fact::Channel(&card.channel).labelled());
        kept.push("channel");
    }
    if from == Lane::Emotions && card.score != 0 {
        notes.push(present::Fact::Score(card.score).labelled());
        kept.push("score");
    }
    if from == Lane::Opportunities {
        if !card.owner.trim().is_empty() {
            notes.push(format!("owner: {}", card.owner));
            kept.push("owner");
        }
        if let Some(status) = card.status {
            notes.push(format!("status: {}", status.key()));
            kept.push("status");
        }
    }
    if from == Lane::Touchpoints {
        card.channel.clear();
    }
    if from == Lane::Emotions {
        card.score = 0;
    }
    if from == Lane::Opportunities {
        card.owner.clear();
        card.status = None;
    }
    if !notes.is_empty() {
        let moved = notes.join("; ");
        card.notes = if card.notes.trim().is_empty() {
            moved
        } else {
            format!("{}; {moved}", card.notes.trim_end())
        };
    }
    (card, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_new_lane_lacks_goes_to_the_notes() {
        let card = Card::new("Chat").with_channel("web").with_notes("busy");
        let (moved, kept) = fit_to_lane(card, Lane::Touchpoints);
        assert_eq!(moved.channel, "");
        assert_eq!(moved.notes, "busy; channel: web");
        assert_eq!(kept, ["channel"]);
        let (moved, kept) = fit_to_lane(Card::new("Lost").with_score(-2), Lane::Emotions);
        assert_eq!((moved.score, moved.notes.as_str()), (0, "score -2"));
        assert_eq!(kept, ["score"]);
        let (moved, kept) = fit_to_lane(Card::new("x"), Lane::PainPoints);
        assert_eq!(moved, Card::new("x"));
        assert!(kept.is_empty());
    }
}
