//! One step of a seat: caught up with what others did to the room, then its action or
//! event, then what the session's files need. The seat's own keys are in `update.rs`.

use super::{Action, Ctx, Effect, Event, Mode, Room, Seat, Slot, Target};

/// Applies one action of `seat`'s to the room and returns what the event loop must do
/// next, in order.
pub fn update(room: &mut Room, seat: &mut Seat, action: Action) -> Vec<Effect> {
    if room.writes_privately(seat)
        && seat.mode == Mode::Normal
        && matches!(action, Action::Undo | Action::Redo)
    {
        return step(room, seat, |ctx| {
            ctx.undo_private(action == Action::Undo);
            None
        });
    }
    step(room, seat, |ctx| {
        let moving = action.clone();
        let effect = ctx.apply(action);
        ctx.step_out_if_moving(&moving);
        effect
    })
}

/// Lets `seat` take in something that happened (time, its terminal's size, what came of an
/// effect) and returns what the event loop must do next, in order.
pub fn handle(room: &mut Room, seat: &mut Seat, event: Event) -> Vec<Effect> {
    step(room, seat, |ctx| ctx.event(event))
}

/// One step of a seat: caught up with the room first, then `act`, then what the session's
/// files need.
fn step(
    room: &mut Room,
    seat: &mut Seat,
    act: impl FnOnce(&mut Ctx<'_>) -> Option<Effect>,
) -> Vec<Effect> {
    // A participant writing privately works on the map with their private cards on it.
    let private = room.writes_privately(seat).then(|| room.drafts_of(seat.id));
    let laid = room.lay_drafts(seat);
    let mut ctx = Ctx { room, seat };
    ctx.catch_up();
    ctx.show_focus();
    ctx.join_round();
    let before = ctx.kept();
    let mut effects: Vec<Effect> = act(&mut ctx).into_iter().collect();
    ctx.lead();
    ctx.looked();
    if laid {
        let changed = ctx.room.lift_drafts(ctx.seat.id);
        if let Some(before) = private {
            let writing = ctx.room.writings;
            ctx.seat
                .private_history
                .after_step(writing, before, changed);
        }
    }
    ctx.persist(before, &mut effects);
    effects
}

/// What the recovery copy and the round file hold, in short: when it changes, they must
/// be written again.
#[derive(PartialEq)]
struct Kept {
    version: u64,
    dirty: bool,
    /// A hash of the text being typed, if any.
    typed: Option<u64>,
    round: Option<u64>,
}

/// Brings `seat` up to what others did to the room since it last acted or was drawn: its
/// selection and its text input stay on their card wherever that card went.
pub fn catch_up(room: &mut Room, seat: &mut Seat) {
    let laid = room.lay_drafts(seat);
    let mut ctx = Ctx { room, seat };
    ctx.catch_up();
    ctx.show_focus();
    ctx.join_round();
    if laid {
        room.lift_drafts(seat.id);
    }
}

impl Ctx<'_> {
    fn kept(&self) -> Kept {
        let typed = match &self.seat.mode {
            Mode::Editing { input, .. } => {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                input.text().hash(&mut hasher);
                Some(hasher.finish())
            }
            _ => None,
        };
        Kept {
            version: self.room.version,
            dirty: self.room.is_dirty(),
            typed,
            round: self.view().round_revision(),
        }
    }

    /// Asks the loop to keep the recovery copy and the round file current when what they
    /// hold changed. The round goes first: a round that ends has its votes in the map,
    /// and the loop writes the copy with them before the round's file goes.
    fn persist(&self, before: Kept, effects: &mut Vec<Effect>) {
        let after = self.kept();
        if after.round != before.round {
            effects.push(Effect::PersistRound);
        }
        if (after.version, after.dirty, after.typed) != (before.version, before.dirty, before.typed)
        {
            effects.push(Effect::KeepRecovery);
        }
    }

    /// The seat has seen the room as it is now, and is on the card it is on.
    fn looked(&mut self) {
        self.seat.anchor = self.room.card(self.seat.selection).map(|c| c.id);
        self.seat.seen_version = self.room.version;
    }

    fn catch_up(&mut self) {
        if self.seat.seen_version == self.room.version {
            return;
        }
        self.seat.seen_version = self.room.version;
        let Some(id) = self.seat.anchor else {
            self.clamp_selection();
            return;
        };
        if self.selected_card().is_some_and(|c| c.id.same(id)) {
            return;
        }
        let found = self.room.find(id);
        let gone = found.is_none();
        if let Some(slot) = found {
            if slot.stage != self.seat.selection.stage {
                self.seat.lane_offset = [0; 4];
            }
            self.seat.selection = slot;
        }
        self.clamp_selection();
        let now = self.seat.selection;
        if let Mode::Editing { target, .. } = &mut self.seat.mode
            && let Some(slot) = target.card_mut()
        {
            if gone {
                // The card being typed on was deleted by someone else: the text stays,
                // and Enter adds it as a new card where the old one was.
                *target = Target::NewCard(Slot {
                    index: now.index,
                    ..*slot
                });
                self.seat.set_error(
                    "the card you were editing was deleted: Enter adds your text as a new card",
                );
            } else {
                *slot = now;
            }
        } else if gone {
            self.seat
                .set_error("the card you were on was deleted by someone else");
        }
        self.seat.anchor = self.selected_card().map(|c| c.id);
        self.follow_selection();
    }
}
