//! A round in a live session: every participant places their dots at once on their own
//! screen, seeing only their own dots and how many are left; the facilitator sees who is
//! done and how many dots are still to place, never a total. A participant who drops and comes
//! back finds their dots where they left them (the ballot is the room's, by seat).

use super::{Ballot, Round, SeatBallot, Step};
use crate::app::geometry::ListScreen;
use crate::app::phase::Phase;
use crate::app::{Action, Ctx, Effect, Mode, Role, SeatId};
use crate::present;

impl Round {
    /// `seat`'s ballot in a live round, if they have one yet.
    pub fn ballot_of(&self, seat: SeatId) -> Option<&SeatBallot> {
        self.seats.iter().find(|b| b.seat == seat)
    }

    fn ballot_mut(&mut self, seat: SeatId, name: &str) -> &mut SeatBallot {
        let at = match self.seats.iter().position(|b| b.seat == seat) {
            Some(at) => at,
            None => {
                self.seats.push(SeatBallot {
                    seat,
                    name: name.to_string(),
                    ballot: Ballot::default(),
                    done: false,
                });
                self.seats.len() - 1
            }
        };
        &mut self.seats[at]
    }

    /// Dots `seat` has not placed yet.
    pub fn dots_left_of(&self, seat: SeatId) -> u32 {
        let spent = self.ballot_of(seat).map_or(0, |b| b.ballot.spent());
        u32::from(self.settings.dots).saturating_sub(spent)
    }

    /// "3 of 5 done · 12 dots still to place": the facilitator's view of a live round, with `here` the
    /// participants at the map now.
    pub fn progress(&self, here: usize) -> String {
        let done = self.seats.iter().filter(|b| b.done).count();
        let voters = here.max(self.seats.len());
        let out: u32 = self
            .seats
            .iter()
            .filter(|b| !b.done)
            .map(|b| u32::from(self.settings.dots).saturating_sub(b.ballot.spent()))
            .sum::<u32>()
            + u32::from(self.settings.dots) * (voters - self.seats.len()) as u32;
        format!(
            "{done} of {voters} done · {} still to place",
            present::count(out as usize, "dot")
        )
    }
}

impl Ctx<'_> {
    /// A participant in a live round votes on their own screen: they are put there when
    /// the round starts, and taken to the results (or back to the board) when it ends.
    pub(in crate::app) fn join_round(&mut self) {
        if self.seat.role != Role::Participant {
            return;
        }
        let live = self.room.round.as_ref().is_some_and(|r| r.live);
        match self.seat.mode {
            Mode::Normal if live && self.room.phase() == Phase::Voting => {
                self.seat.mode = Mode::Voting(Step::Live);
                self.seat.ballot_list.reset();
                self.set_status("voting: + puts a dot on a card, Enter when you are done");
            }
            Mode::Voting(Step::Live) if !live => {
                self.seat.mode = Mode::Normal;
                match &self.room.revealed {
                    Some((n, dots)) if *n != self.seat.reveals_seen => {
                        self.seat.reveals_seen = *n;
                        self.seat.results = Some(crate::app::results::Results::open(
                            &self.room.map,
                            Some(dots.clone()),
                            self.seat.results_filter,
                        ));
                        self.seat.mode = Mode::Results;
                        self.set_status("the round is revealed: the ranking of the room");
                    }
                    _ => self.set_status("the round was aborted: no votes changed"),
                }
            }
            _ => {}
        }
    }

    /// A participant's key in a live round.
    pub(in crate::app) fn live_turn(
        &mut self,
        round: &mut Round,
        action: Action,
    ) -> Option<Effect> {
        let rows = ListScreen::rows(self.seat.size.0, self.seat.size.1);
        let (seat, name) = (self.seat.id, self.seat.name.clone());
        let list = &mut self.seat.ballot_list;
        let cursor = list.cursor;
        match action {
            Action::Up => list.step(-1, round.cards.len()),
            Action::Down => list.step(1, round.cards.len()),
            Action::NextLane | Action::PrevLane => {
                list.set(super::next_group(round, cursor, action == Action::NextLane));
            }
            Action::VoteUp => {
                let &slot = round.cards.get(cursor)?;
                let (dots, cap) = (round.settings.dots, round.settings.cap);
                let mine = round.ballot_mut(seat, &name);
                let on = mine.ballot.on(slot);
                if mine.ballot.spent() >= u32::from(dots) {
                    self.set_error(format!(
                        "no dots left: all {dots} are placed (- takes one back)"
                    ));
                } else if on >= u16::from(cap) {
                    self.set_error(format!(
                        "at most {} on one card",
                        present::count(usize::from(cap), "dot")
                    ));
                } else {
                    mine.ballot.set(slot, on + 1);
                    mine.done = false;
                    round.changed();
                }
            }
            Action::VoteDown => {
                let &slot = round.cards.get(cursor)?;
                let mine = round.ballot_mut(seat, &name);
                match mine.ballot.on(slot) {
                    0 => self.set_status("no dot of yours on this card to take back"),
                    on => {
                        mine.ballot.set(slot, on - 1);
                        mine.done = false;
                        round.changed();
                    }
                }
            }
            Action::Submit => {
                let left = round.dots_left_of(seat);
                let mine = round.ballot_mut(seat, &name);
                mine.done = true;
                round.changed();
                self.set_status(match left {
                    0 => "done: the facilitator reveals the round when everyone is".to_string(),
                    n => format!(
                        "done, with {} unused: + still places them until the reveal",
                        present::count(n as usize, "dot")
                    ),
                });
            }
            // Leaving keeps the seat and its dots for when they come back.
            Action::Quit => return Some(Effect::Quit),
            Action::Cancel => {
                self.set_status("your dots stay yours until the reveal: Enter says you are done")
            }
            _ => {}
        }
        self.seat.ballot_list.follow(rows);
        None
    }
}
