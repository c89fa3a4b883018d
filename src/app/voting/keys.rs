//! The round's keys: the settings, the hand-over, a turn, the facilitator's counts, the
//! reveal and the abort, and a round found after a crash.

use super::*;
use crate::app::{Action, Ctx, Edit, Effect, Mode, View};

impl View<'_> {
    /// The revision of the round under way, for the session to keep its file current;
    /// `None` when no round has started (none at all, or still in its settings).
    pub fn round_revision(&self) -> Option<u64> {
        let round = self.room.round.as_ref()?;
        match self.seat.mode {
            Mode::Voting(Step::Settings) => None,
            _ => Some(round.revision),
        }
    }

    /// The round under way as its file keeps it.
    pub fn round_file(&self) -> Option<RoundFile> {
        self.round_revision()?;
        let step = match self.seat.mode {
            Mode::Voting(step) => step,
            _ => Step::Handover,
        };
        Some(self.room.round.as_ref()?.to_file(&self.room.map, step))
    }
}

impl Ctx<'_> {
    /// `V` on the board: the round's settings, prefilled with the last ones used.
    pub(in crate::app) fn open_voting(&mut self) {
        if self.room.read_only {
            self.set_error("read-only: a voting round changes the votes");
            return;
        }
        if self.room.round.is_some() {
            self.seat.mode = Mode::Voting(Step::Handover);
            return;
        }
        self.room.round = Some(Round::new(self.room.voting_settings));
        self.seat.mode = Mode::Voting(Step::Settings);
    }

    /// A round found by the session from an editor that ended: offer to resume it.
    pub(in crate::app) fn offer_round(&mut self, file: RoundFile) {
        self.room.round_offer = Some(file);
        if self.seat.mode == Mode::Normal {
            self.seat.mode = Mode::Voting(Step::ResumeOffer);
        }
    }

    /// Shows a waiting round offer once the dialogs before it are answered.
    pub(in crate::app) fn show_waiting_round_offer(&mut self) {
        if self.room.round_offer.is_some()
            && self.seat.mode == Mode::Normal
            && self.room.round.is_none()
        {
            self.seat.mode = Mode::Voting(Step::ResumeOffer);
        }
    }

    /// Every key during a round comes here.
    pub(in crate::app) fn voting(&mut self, step: Step, action: Action) -> Option<Effect> {
        if step == Step::ResumeOffer {
            return self.resume_offer(action);
        }
        let Some(mut round) = self.room.round.take() else {
            self.seat.mode = Mode::Normal;
            return None;
        };
        let effect = if step == Step::Live {
            self.live_turn(&mut round, action)
        } else {
            self.round_step(&mut round, step, action)
        };
        if step == Step::Live || matches!(self.seat.mode, Mode::Voting(_)) {
            self.room.round = Some(round);
        }
        effect
    }

    fn round_step(&mut self, round: &mut Round, step: Step, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Submit) {
            round.done_armed = false;
        }
        if !matches!(
            action,
            Action::Digit(_) | Action::Input(crate::app::InputOp::Backspace)
        ) {
            round.typed = None;
        }
        let rows = ListScreen::rows(self.seat.size.0, self.seat.size.1);
        match (step, action.clone()) {
            (Step::Settings, Action::Up) => {
                round.settings_row = round.settings_row.saturating_sub(1);
            }
            (Step::Settings, Action::Down) => {
                round.settings_row = (round.settings_row + 1).min(SETTINGS_ROWS - 1);
            }
            (Step::Settings, Action::Left | Action::VoteDown) => {
                round.settings.adjust(round.settings_row, false);
            }
            (Step::Settings, Action::Right | Action::VoteUp | Action::ToggleSetting) => {
                round.settings.adjust(round.settings_row, true);
            }
            (Step::Settings, Action::Submit) => {
                if !round.settings.lanes.contains(&true) {
                    self.set_error("choose at least one lane to vote on");
                    return None;
                }
                round.cards = voting_cards(&self.room.map, &round.settings);
                if round.cards.is_empty() {
                    self.set_error("the lanes chosen have no cards to vote on");
                    return None;
                }
                self.room.voting_settings = round.settings;
                round.changed();
                self.seat.mode = Mode::Voting(Step::Handover);
                if self.room.live.is_some() {
                    // Everyone votes at once on their own screen; turns at this terminal
                    // remain for people without one.
                    round.live = true;
                    self.room.set_phase_to(crate::app::phase::Phase::Voting);
                }
            }
            (Step::Settings, Action::Cancel) => {
                self.seat.mode = Mode::Normal;
                self.set_status("no round started");
            }
            (Step::Handover, Action::Submit) => {
                round.current = Ballot::default();
                round.list.reset();
                round.changed();
                self.seat.mode = Mode::Voting(Step::Turn);
            }
            (Step::Handover, Action::FacilitatorCounts) => {
                round.list.reset();
                self.seat.mode = Mode::Voting(Step::Counts);
            }
            (Step::Handover, Action::AbortRound) => {
                self.seat.mode = Mode::Voting(Step::ConfirmAbort);
            }
            (Step::Handover, Action::Reveal) => {
                self.reveal(round);
            }
            // Quitting keys, pressed out of habit, say how a round goes on or ends.
            (Step::Handover, Action::Quit) => {
                self.set_status("R reveals the round, X aborts the round; then q quits");
            }
            (Step::Turn, Action::Quit) => self.set_status(
                "Enter ends your turn and hands over the keyboard; between turns R reveals, X aborts",
            ),
            (Step::ConfirmAbort, Action::AbortRound) => {
                self.seat.mode = Mode::Normal;
                self.set_status("round aborted: no votes changed");
                round.changed();
                if round.live {
                    self.room.set_phase_to(crate::app::phase::Phase::Open);
                }
            }
            (Step::ConfirmAbort, _) => self.seat.mode = Mode::Voting(Step::Handover),
            (Step::Turn | Step::Counts, Action::Up) => {
                round.list.step(-1, round.cards.len());
            }
            (Step::Turn | Step::Counts, Action::Down) => {
                round.list.step(1, round.cards.len());
            }
            (Step::Turn | Step::Counts, Action::NextLane) => {
                round.list.set(next_group(round, round.list.cursor, true));
            }
            (Step::Turn | Step::Counts, Action::PrevLane) => {
                round.list.set(next_group(round, round.list.cursor, false));
            }
            (Step::Turn, Action::VoteUp) => self.place_dot(round),
            (Step::Turn, Action::VoteDown) => {
                if let Some(slot) = round.selected() {
                    let on = round.current.on(slot);
                    if on == 0 {
                        self.set_status("no dot of yours on this card to take back");
                    } else {
                        round.current.set(slot, on - 1);
                        round.changed();
                    }
                }
            }
            (Step::Turn, Action::Submit) => {
                let left = round.dots_left();
                if left > 0 && !round.done_armed {
                    round.done_armed = true;
                    self.set_status(format!(
                        "{} left: press Enter again to finish your turn",
                        crate::present::count(left as usize, "dot")
                    ));
                } else {
                    let ballot = std::mem::take(&mut round.current);
                    round.done.push(ballot);
                    round.changed();
                    self.seat.mode = Mode::Voting(Step::Handover);
                }
            }
            (Step::Counts, Action::VoteUp | Action::VoteDown) => {
                if let Some(slot) = round.selected() {
                    let on = round.counts.on(slot);
                    let n = if action == Action::VoteUp {
                        on.saturating_add(1).min(MAX_VOTES)
                    } else {
                        on.saturating_sub(1)
                    };
                    round.counts.set(slot, n);
                    round.changed();
                }
            }
            (Step::Counts, Action::Digit(d)) => {
                if let Some(slot) = round.selected() {
                    // The first digit on a card replaces its count; the next ones extend it.
                    let on = if round.typed == Some(slot) {
                        round.counts.on(slot)
                    } else {
                        0
                    };
                    let n = (u32::from(on) * 10 + u32::from(d)).min(u32::from(MAX_VOTES));
                    round.counts.set(slot, n as u16);
                    round.typed = Some(slot);
                    round.changed();
                }
            }
            (Step::Counts, Action::Input(crate::app::InputOp::Backspace)) => {
                if let Some(slot) = round.selected() {
                    round.counts.set(slot, round.counts.on(slot) / 10);
                    round.typed = Some(slot);
                    round.changed();
                }
            }
            (Step::Counts, Action::Submit | Action::Cancel) => {
                self.seat.mode = Mode::Voting(Step::Handover);
            }
            _ => {}
        }
        round.list.follow(rows);
        None
    }
}

impl Ctx<'_> {
    /// A dot on the selected card, unless it is over the budget or over the cap.
    fn place_dot(&mut self, round: &mut Round) {
        let Some(slot) = round.selected() else {
            return;
        };
        let on = round.current.on(slot);
        if round.dots_left() == 0 {
            self.set_error(format!(
                "no dots left: all {} are placed (- takes one back)",
                round.settings.dots
            ));
        } else if on >= u16::from(round.settings.cap) {
            self.set_error(format!(
                "at most {} on one card",
                crate::present::count(usize::from(round.settings.cap), "dot")
            ));
        } else {
            round.current.set(slot, on + 1);
            round.changed();
        }
    }

    /// Adds the round's dots to the cards' votes as one undoable change and opens the
    /// results with the round's dots beside the totals.
    fn reveal(&mut self, round: &mut Round) {
        let totals = round.totals();
        let mut edits = Vec::new();
        for &(slot, n) in &totals {
            let Some(card) = self
                .room
                .map
                .stages
                .get(slot.stage)
                .and_then(|s| s.lane(slot.lane).get(slot.index))
            else {
                continue;
            };
            let mut card = card.clone();
            let votes = (u32::from(card.votes) + n).min(u32::from(MAX_VOTES));
            card.votes = votes as u16;
            edits.push(Edit::ReplaceCard(slot, card));
        }
        let participants = round.voters();
        let counted = round.counts.spent();
        let placed = round.dots_placed();
        let mut message = format!(
            "round revealed: {} from {}",
            crate::present::count(placed as usize, "dot"),
            crate::present::count(participants, "participant")
        );
        if counted > 0 {
            message.push_str(&format!(", {counted} counted from raised hands"));
        }
        message.push_str(" (u to undo)");
        if !edits.is_empty() {
            self.change(Edit::Batch(edits), "");
        }
        round.changed();
        let dots = RoundDots {
            cards: totals
                .into_iter()
                .map(|(slot, n)| (slot, n, round.counts.on(slot)))
                .collect(),
            participants,
            placed,
            counted,
        };
        if round.live {
            // Every participant's screen opens the same ranking.
            self.room.reveals += 1;
            self.room.revealed = Some((self.room.reveals, dots.clone()));
            self.room.set_phase_to(crate::app::phase::Phase::Discussion);
        }
        self.room.tally.dots += placed;
        self.seat.results = Some(Results::open(
            &self.room.map,
            Some(dots),
            self.seat.results_filter,
        ));
        self.seat.mode = Mode::Results;
        self.set_status(message);
    }

    fn resume_offer(&mut self, action: Action) -> Option<Effect> {
        let discard = Action::DiscardRound;
        if !self.discard_confirmed(&action, &discard, "the round and its dots", "r resumes it") {
            return None;
        }
        self.seat.mode = Mode::Normal;
        match action {
            Action::ResumeRound => {
                let file = self.room.round_offer.take()?;
                let (round, dropped) = Round::from_file(&file, &self.room.map);
                let step = if file.in_turn {
                    Step::Turn
                } else {
                    Step::Handover
                };
                let mut round = round;
                round.changed();
                let dropped = (dropped.total() > 0).then(|| dropped_words(&dropped, &round));
                if round.live {
                    self.room.set_phase_to(crate::app::phase::Phase::Voting);
                }
                self.room.round = Some(round);
                self.seat.mode = Mode::Voting(step);
                if let Some(dropped) = dropped {
                    self.set_error(dropped);
                } else {
                    self.set_status("round resumed");
                }
                Some(Effect::DropRoundLeftover)
            }
            Action::ConfirmDiscard => {
                self.room.round_offer = None;
                self.set_status("the interrupted round was discarded");
                Some(Effect::DropRoundLeftover)
            }
            _ => {
                self.room.round_offer = None;
                self.set_status(
                    "the interrupted round is kept: it will be offered again next time",
                );
                None
            }
        }
    }
}

/// What the check of a resumed round dropped, in words.
fn dropped_words(dropped: &Dropped, round: &Round) -> String {
    let dots = |n: u64| crate::present::count(usize::try_from(n).unwrap_or(usize::MAX), "dot");
    let reasons: Vec<String> = [
        (
            dropped.over_budget,
            format!("beyond the {} dots per person", round.settings.dots),
        ),
        (
            dropped.over_cap,
            format!("beyond {} on one card", round.settings.cap),
        ),
        (
            dropped.no_card,
            "on no card of this map (gone or changed)".to_string(),
        ),
        (
            dropped.over_count,
            format!("beyond {} votes on a card", crate::model::MAX_VOTES),
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, why)| format!("{} {why}", dots(n)))
    .collect();
    format!("round resumed; dropped {}", reasons.join(", "))
}
