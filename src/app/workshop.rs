//! The facilitator's keys for a live workshop (in the roster, `W`): the phases, the reveal
//! of the private cards, follow me and removing someone; and a participant's undo of their
//! own private writing.

use super::phase::Phase;
use super::{Action, Ctx, Edit, Effect, Mode, Slot};
use crate::model::Lane;

impl Ctx<'_> {
    /// The roster's keys (`W`): the facilitator moves the room through the phases, reveals
    /// the private cards and turns follow me on or off; Esc closes it.
    pub(super) fn roster_key(&mut self, action: Action) -> Option<Effect> {
        let people = self.room.live.as_ref().map_or(0, |l| l.members.len());
        let armed = self.seat.remove_armed.take();
        match action {
            Action::Up => {
                self.seat.roster_cursor = self.seat.roster_cursor.saturating_sub(1);
                return None;
            }
            Action::Down => {
                self.seat.roster_cursor =
                    (self.seat.roster_cursor + 1).min(people.saturating_sub(1));
                return None;
            }
            _ => {}
        }
        self.seat.mode = Mode::Normal;
        if !matches!(
            action,
            Action::Phase(_) | Action::RevealCards | Action::FollowMe | Action::RemoveSeat
        ) {
            return None;
        }
        if let Some(why) = super::roles::refusal(&self.view(), &action) {
            self.set_error(why);
            return None;
        }
        match action {
            Action::Phase(phase) => self.set_phase(phase),
            Action::RevealCards if self.room.phase == Phase::Voting => {
                // A round's reveal is on its own screen, with the round's other keys.
                self.seat.mode = Mode::Voting(super::voting::Step::Handover);
            }
            Action::RevealCards => self.reveal_cards(),
            Action::RemoveSeat => self.remove_seat(armed),
            _ => self.toggle_follow(),
        }
        None
    }

    /// The facilitator removes the person selected in the roster from the session: they
    /// are disconnected, their seat is not kept, and their private cards and dots go. The
    /// first `x` says so and the second removes them: nothing of it can be undone.
    fn remove_seat(&mut self, armed: Option<super::SeatId>) {
        let Some(member) = self
            .room
            .live
            .as_ref()
            .and_then(|l| l.members.get(self.seat.roster_cursor))
            .cloned()
        else {
            return;
        };
        if member.role == super::Role::Facilitator {
            self.set_status("↑↓ choose a participant in the roster, then x removes them");
            self.seat.mode = Mode::Roster;
            return;
        }
        if armed != Some(member.seat) {
            let name = crate::text::sanitize(&member.name);
            let mut going = Vec::new();
            let drafts = self.room.drafts.iter().filter(|d| d.author == member.seat);
            match drafts.count() {
                0 => {}
                n => going.push(crate::present::count(n, "private card")),
            }
            let dots = self
                .room
                .round
                .as_ref()
                .and_then(|r| r.ballot_of(member.seat));
            match dots.map_or(0, |b| b.ballot.spent()) {
                0 => {}
                n => going.push(crate::present::count(n as usize, "dot")),
            }
            let with = if going.is_empty() {
                String::new()
            } else {
                format!(", with {}", going.join(" and "))
            };
            self.set_status(format!(
                "x again removes {name} from the session{with}; any other key keeps them"
            ));
            self.seat.remove_armed = Some(member.seat);
            self.seat.mode = Mode::Roster;
            return;
        }
        self.room.drafts.retain(|d| d.author != member.seat);
        if let Some(round) = self.room.round.as_mut() {
            round.seats.retain(|b| b.seat != member.seat);
        }
        self.room.removed.push(member.seat);
        // The roster and every header count them out at once, before the session has
        // disconnected them.
        if let Some(live) = self.room.live.as_mut() {
            live.members.retain(|m| m.seat != member.seat);
            self.seat.roster_cursor = self
                .seat
                .roster_cursor
                .min(live.members.len().saturating_sub(1));
        }
        self.room.shown += 1;
        self.set_status(format!(
            "{} was removed from the session",
            crate::text::sanitize(&member.name)
        ));
    }

    /// `u` or `Ctrl-r` of a participant writing privately: their own private cards as they
    /// were before their last change (or after the change they took back).
    pub(super) fn undo_private(&mut self, undo: bool) {
        let said = self.room.undo_private(self.seat, undo);
        self.clamp_selection();
        self.set_status(said);
    }

    /// The facilitator moves the room to `phase`.
    pub(super) fn set_phase(&mut self, phase: Phase) {
        if self.room.phase == phase {
            self.set_status(format!("the room is already in {}", phase.label()));
            return;
        }
        if self.room.phase == Phase::Writing && !self.room.drafts.is_empty() {
            self.set_error(format!(
                "the private cards ({}) are not revealed yet: W r reveals them first",
                self.room.drafts_count()
            ));
            return;
        }
        if self.room.round.is_some() {
            self.set_error("a voting round is under way: reveal or abort it first (V)");
            return;
        }
        if phase == Phase::Voting {
            // The round's settings come first; the phase starts with the round.
            self.open_voting();
            return;
        }
        self.room.set_phase_to(phase);
        if phase == Phase::Writing {
            self.room.writings += 1;
        }
        self.set_status(match phase {
            Phase::Open => "open: cards appear to all as they are typed",
            Phase::Writing => {
                "private writing: each participant sees only their own new cards until W r reveals them"
            }
            Phase::Discussion => "discussion: the board is read-only for participants",
            Phase::Voting => "voting",
        });
    }

    /// The facilitator shows everyone's private cards at once, as one undoable change.
    pub(super) fn reveal_cards(&mut self) {
        if self.room.drafts.is_empty() {
            if self.room.phase == Phase::Writing {
                self.room.set_phase_to(Phase::Open);
                self.set_status("nothing private to reveal: the room is open again");
            } else {
                self.set_status("no private cards to reveal");
            }
            return;
        }
        let said = self.room.drafts_count();
        let mut drafts = std::mem::take(&mut self.room.drafts);
        // Each person's cards together, in the order they wrote them.
        drafts.sort_by_key(|d| d.author.0);
        let mut ends: Vec<(usize, Lane, usize)> = Vec::new();
        let mut edits = Vec::new();
        let last = self.room.map.stages.len().saturating_sub(1);
        for draft in drafts {
            let stage = draft.stage.min(last);
            let index = match ends
                .iter_mut()
                .find(|(s, l, _)| *s == stage && *l == draft.lane)
            {
                Some((_, _, end)) => {
                    *end += 1;
                    *end
                }
                None => {
                    let end = self
                        .room
                        .map
                        .stages
                        .get(stage)
                        .map_or(0, |s| s.lane(draft.lane).len());
                    ends.push((stage, draft.lane, end));
                    end
                }
            };
            let slot = Slot {
                stage,
                lane: draft.lane,
                index,
            };
            // Each card stays its writer's, whatever the map went through meanwhile.
            self.room.authors.insert(draft.card.id, draft.author);
            edits.push(Edit::InsertCard(slot, draft.card));
        }
        self.room.set_phase_to(Phase::Open);
        self.room.tally.private_cards += edits.len();
        self.record(Edit::Batch(edits), &format!("revealed {said} (u to undo)"));
    }
}
