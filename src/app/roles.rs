//! What a participant may do at a shared map: move about, add cards, change and delete the
//! cards they added, vote, search and zoom. Saving, exporting, the stages, the title, the
//! persona, the timer and the voting round are the facilitator's.

use super::{Action, Ctx, Edit, Role};
use crate::model::CardId;

/// Whether `role` may ever do `action` (a participant's own cards aside): the status bar
/// offers only what the person at that seat can do.
pub fn allowed(role: Role, action: &Action) -> bool {
    role == Role::Facilitator || facilitators_only(action).is_none()
}

/// Why `action` is not this participant's to do, if it is not.
pub(super) fn refusal(ctx: &Ctx<'_>, action: &Action) -> Option<&'static str> {
    if ctx.seat.role == Role::Facilitator {
        return None;
    }
    if let Some(why) = facilitators_only(action) {
        return Some(why);
    }
    if !action.changes_selected_card() {
        return None;
    }
    match ctx.selected_card() {
        Some(card) if !ctx.room.added_by(card.id, ctx.seat.id) => {
            Some("you can change only the cards you added")
        }
        _ => None,
    }
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
