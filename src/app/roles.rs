//! What a participant may do at a shared map: move about, add cards, change and delete the
//! cards they added, vote, search and zoom. Saving, exporting, the stages, the title, the
//! persona, the timer and the voting round are the facilitator's.

use super::phase::Phase;
use super::{Action, Edit, Mode, Role, View};
use crate::model::CardId;

/// Whether the person at this seat may do `action` now: the status bar offers only that.
/// On the board this is the phase, whether a card is selected and whose it is; elsewhere,
/// the role.
pub fn offered(view: &View<'_>, action: &Action) -> bool {
    if view.seat.mode == Mode::Normal {
        let on_card =
            action.changes_selected_card() || matches!(action, Action::VoteUp | Action::VoteDown);
        return (view.selected_card().is_some() || !on_card) && refusal(view, action).is_none();
    }
    view.seat.role == Role::Facilitator || facilitators_only(action).is_none()
}

/// Why `action` is not this participant's to do, if it is not.
pub(super) fn refusal(view: &View<'_>, action: &Action) -> Option<&'static str> {
    if view.seat.role == Role::Facilitator {
        return phase_refusal(view.room.phase(), action);
    }
    if let Some(why) = facilitators_only(action) {
        return Some(why);
    }
    match view.room.phase() {
        Phase::Discussion | Phase::Voting if action.changes_map() => {
            return Some("the board is the facilitator's to show now: it is read-only for you");
        }
        Phase::Writing if matches!(action, Action::VoteUp | Action::VoteDown) => {
            return Some("votes wait for the voting phase");
        }
        Phase::Writing if action.changes_selected_card() => {
            return match view.selected_card() {
                Some(card) if !view.room.is_laid(card.id.key()) => {
                    Some("while people write privately you change only your new cards")
                }
                _ => None,
            };
        }
        _ => {}
    }
    if !action.changes_selected_card() {
        return None;
    }
    match view.selected_card() {
        Some(card) if !view.room.added_by(card.id, view.seat.id) => {
            Some("you can change only the cards you added")
        }
        _ => None,
    }
}

/// Why the facilitator may not do `action` in `phase`: the stages stay as they are while
/// people write privately (their private cards are placed by stage).
fn phase_refusal(phase: Phase, action: &Action) -> Option<&'static str> {
    let stages = matches!(
        action,
        Action::StageMenu
            | Action::AddStage
            | Action::RemoveStage
            | Action::MoveStageLeft
            | Action::MoveStageRight
    );
    (phase == Phase::Writing && stages)
        .then_some("the stages stay as they are while people write privately: reveal first")
}

/// Why only the facilitator may do `action`, if only they may.
fn facilitators_only(action: &Action) -> Option<&'static str> {
    match action {
        Action::Save | Action::SaveAs | Action::SaveAndQuit | Action::Export => {
            Some("only the facilitator saves and exports the map")
        }
        Action::StageMenu
        | Action::RenameStage
        | Action::AddStage
        | Action::RemoveStage
        | Action::MoveStageLeft
        | Action::MoveStageRight
        | Action::EditStageDescription => Some("only the facilitator changes the stages"),
        Action::EditTitle
        | Action::PersonaMenu
        | Action::EditPersona(_)
        | Action::RemovePersona => Some("only the facilitator changes the title and the persona"),
        Action::Timer => Some("only the facilitator runs the timer"),
        Action::VotingRound => Some("only the facilitator starts a voting round"),
        Action::Phase(_) | Action::RevealCards => {
            Some("only the facilitator changes the workshop's phase")
        }
        Action::RemoveSeat => Some("only the facilitator removes someone from the session"),
        Action::Resolve(_) => Some("only the facilitator settles merge conflicts"),
        Action::DuplicatePairs | Action::MergePair => {
            Some("only the facilitator merges duplicate cards")
        }
        _ => None,
    }
}

/// The cards an edit adds, to remember who added them.
pub(super) fn added_cards(edit: &Edit, out: &mut Vec<CardId>) {
    match edit {
        Edit::InsertCard(_, card) => out.push(card.id),
        Edit::Batch(edits) => edits.iter().for_each(|e| added_cards(e, out)),
        _ => {}
    }
}
