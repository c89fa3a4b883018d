//! "Follow me": the facilitator's stage, zoom and selected card shown on every participant's
//! seat, so the room looks at one thing. A participant steps out by moving about (or `F`)
//! and back with `F`.

use super::{Action, Ctx, Mode, Role, Room, Seat, Slot};

/// Where the facilitator is on the board, for the seats that follow them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// The name the header shows ("following Ana").
    pub leader: String,
    pub selection: Slot,
    pub zoom: bool,
    pub first_stage: usize,
    pub lane_offset: [usize; 4],
}

impl Focus {
    fn of(seat: &Seat) -> Focus {
        Focus {
            leader: seat.name.clone(),
            selection: seat.selection,
            zoom: seat.zoom,
            first_stage: seat.first_stage,
            lane_offset: seat.lane_offset,
        }
    }
}

impl Room {
    /// Whom `seat` follows now, if it follows anyone.
    pub fn followed_by(&self, seat: &Seat) -> Option<&Focus> {
        let focus = self.follow.as_ref()?;
        let following = seat.role == Role::Participant && seat.stepped_out != Some(self.follows);
        following.then_some(focus)
    }

    /// Whether the facilitator's "follow me" is on.
    pub fn follow_me(&self) -> bool {
        self.follow.is_some()
    }
}

/// Moving about the board: a following participant who does it steps out.
fn moves(action: &Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::NextLane
            | Action::PrevLane
            | Action::JumpStage(_)
            | Action::Zoom
            | Action::Click { .. }
            | Action::ScrollUp { .. }
            | Action::ScrollDown { .. }
    )
}

impl Ctx<'_> {
    /// `F`: the facilitator turns "follow me" on or off; a participant steps out of
    /// following or back in.
    pub(super) fn toggle_follow(&mut self) {
        if self.seat.role == Role::Facilitator {
            if self.room.follow.take().is_some() {
                self.set_status("follow me is off: everyone moves on their own");
            } else {
                self.room.follows += 1;
                self.room.follow = Some(Focus::of(self.seat));
                self.set_status("follow me: every participant sees your stage and card");
            }
            self.room.shown += 1;
            return;
        }
        let Some(focus) = &self.room.follow else {
            self.set_status("F follows the facilitator once they turn on follow me");
            return;
        };
        if self.seat.stepped_out == Some(self.room.follows) {
            let leader = focus.leader.clone();
            self.seat.stepped_out = None;
            self.show_focus();
            self.set_status(format!("following {leader}"));
        } else {
            self.seat.stepped_out = Some(self.room.follows);
            self.set_status("you stepped out: F follows again");
        }
    }

    /// Before a participant's key: moving about while following steps out.
    pub(super) fn step_out_if_moving(&mut self, action: &Action) {
        if moves(action) && self.room.followed_by(self.seat).is_some() {
            self.seat.stepped_out = Some(self.room.follows);
            self.set_status("you stepped out of following: F follows again");
        }
    }

    /// A following seat shows where the facilitator is (unless it is typing, voting or in
    /// a dialog: it catches up once back on the board). A screen that only shows (the
    /// ranking, the outcome, the help, the roster) gives way to the board once each time
    /// follow me starts, so that the room looks at the facilitator's board.
    pub(super) fn show_focus(&mut self) {
        let Some(leader) = self.room.followed_by(self.seat).map(|f| &f.leader) else {
            return;
        };
        let shows_only = matches!(
            self.seat.mode,
            Mode::Results | Mode::Summary { .. } | Mode::Help | Mode::Roster
        );
        if shows_only && self.seat.led != self.room.follows {
            let said = format!("following {leader}: F steps out");
            self.seat.mode = Mode::Normal;
            self.seat.results = None;
            self.set_status(said);
        }
        if self.seat.mode != Mode::Normal {
            return;
        }
        self.seat.led = self.room.follows;
        let Some(focus) = self.room.follow.clone() else {
            return;
        };
        self.seat.selection = focus.selection;
        self.seat.zoom = focus.zoom;
        self.seat.first_stage = focus.first_stage;
        self.seat.lane_offset = focus.lane_offset;
        self.clamp_selection();
        self.follow_selection();
    }

    /// After the facilitator's step: those who follow them see where they are now.
    pub(super) fn lead(&mut self) {
        if self.seat.role != Role::Facilitator || self.room.follow.is_none() {
            return;
        }
        let focus = Focus::of(self.seat);
        if self.room.follow.as_ref() != Some(&focus) {
            self.room.follow = Some(focus);
            self.room.shown += 1;
        }
    }
}
