//! A voting round at the one terminal (`V`): the facilitator sets the dots per person, the
//! most dots one person may put on one card and the lanes that take votes; participants take
//! turns, each seeing only their own dots and how many they have left; the facilitator may
//! enter counts from raised hands; the reveal adds every dot to the cards' votes as one
//! undoable change and opens the ranked results. Nobody sees a total before the reveal.
//!
//! The map does not change during a round (every key goes to the round), so a dot can name
//! its card by position.

use super::geometry::list_rows;
use super::results::{Results, RoundDots};
use super::{Action, App, Edit, Effect, Mode, Slot};
use crate::model::{Lane, MAX_VOTES, Map};
use crate::store::round::{DotFile, RoundFile};

/// The most dots per person the settings allow.
pub const MAX_DOTS: u8 = 99;

/// Where in a round the keyboard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The facilitator sets up the round.
    Settings,
    /// Between turns: the screen is clear, waiting for the next participant.
    Handover,
    /// A participant places their dots.
    Turn,
    /// The facilitator enters counts from raised hands.
    Counts,
    /// "Abort the round?"
    ConfirmAbort,
    /// A round from a session that ended was found.
    ResumeOffer,
}

/// How a round is run. [`VotingSettings::default`] is what a facilitator gets without a
/// configuration: 5 dots, at most 3 on one card, pain points and opportunities, existing
/// votes hidden (against anchoring).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VotingSettings {
    /// Dots per person, 1..=[`MAX_DOTS`].
    pub dots: u8,
    /// The most dots one person may put on one card (1: one dot per card).
    pub cap: u8,
    /// Which lanes take votes, in [`Lane::ALL`] order.
    pub lanes: [bool; 4],
    /// Whether the cards' existing votes stay hidden during the round.
    pub hide_votes: bool,
}

impl Default for VotingSettings {
    fn default() -> Self {
        VotingSettings {
            dots: 5,
            cap: 3,
            lanes: [false, false, true, true],
            hide_votes: true,
        }
    }
}

impl VotingSettings {
    pub fn takes(&self, lane: Lane) -> bool {
        self.lanes[lane.index()]
    }

    /// The rows of the settings form, as (label, value), in the order the keys move through.
    pub fn rows(&self) -> Vec<(String, String)> {
        let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
        let mut rows = vec![
            ("Dots per person".to_string(), self.dots.to_string()),
            ("Most dots on one card".to_string(), self.cap.to_string()),
        ];
        for lane in VOTING_LANE_ORDER {
            rows.push((
                format!("Vote on {}", lane.title().to_lowercase()),
                yes(self.takes(lane)),
            ));
        }
        rows.push(("Hide existing votes".to_string(), yes(self.hide_votes)));
        rows
    }

    /// Changes the setting on `row` one step up or down (a yes/no flips either way).
    fn adjust(&mut self, row: usize, up: bool) {
        let step = |n: u8, max: u8| {
            if up {
                n.saturating_add(1).min(max)
            } else {
                n.saturating_sub(1).max(1)
            }
        };
        match row {
            0 => self.dots = step(self.dots, MAX_DOTS),
            1 => self.cap = step(self.cap, MAX_DOTS),
            r if r < 2 + VOTING_LANE_ORDER.len() => {
                let lane = VOTING_LANE_ORDER[r - 2];
                self.lanes[lane.index()] = !self.lanes[lane.index()];
            }
            _ => self.hide_votes = !self.hide_votes,
        }
    }
}

/// The lanes in the order the settings list them: the usual ones first.
const VOTING_LANE_ORDER: [Lane; 4] = [
    Lane::PainPoints,
    Lane::Opportunities,
    Lane::Touchpoints,
    Lane::Emotions,
];
const SETTINGS_ROWS: usize = 3 + VOTING_LANE_ORDER.len();

/// One person's dots (or the facilitator's counts): a few cards each, so a short list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ballot {
    dots: Vec<(Slot, u16)>,
}

impl Ballot {
    /// Dots on the card at `slot`.
    pub fn on(&self, slot: Slot) -> u16 {
        self.dots
            .iter()
            .find(|(s, _)| *s == slot)
            .map_or(0, |(_, n)| *n)
    }

    /// Dots on all cards.
    pub fn spent(&self) -> u32 {
        self.dots.iter().map(|(_, n)| u32::from(*n)).sum()
    }

    /// The cards with dots and how many, in the order they were first given one.
    pub fn dots(&self) -> &[(Slot, u16)] {
        &self.dots
    }

    fn set(&mut self, slot: Slot, n: u16) {
        match self.dots.iter().position(|(s, _)| *s == slot) {
            Some(i) if n == 0 => {
                self.dots.remove(i);
            }
            Some(i) => self.dots[i].1 = n,
            None if n > 0 => self.dots.push((slot, n)),
            None => {}
        }
    }
}

/// A round under way.
#[derive(Debug, Clone)]
pub struct Round {
    pub settings: VotingSettings,
    /// The ballots of the participants who are done.
    pub done: Vec<Ballot>,
    /// The ballot of the participant whose turn it is (empty between turns).
    pub current: Ballot,
    /// What the facilitator entered from raised hands.
    pub counts: Ballot,
    /// The cards of the voting lanes, in map order: what a turn lists.
    pub cards: Vec<Slot>,
    /// The selected row of `cards`, and the first row on screen.
    pub cursor: usize,
    pub first: usize,
    /// The selected row of the settings form.
    pub settings_row: usize,
    /// A participant with dots left pressed Enter once: the next Enter ends the turn.
    done_armed: bool,
    /// Digits typed for the selected card's count, so `1` `2` makes 12.
    typed: Option<Slot>,
    /// Changes whenever anything worth keeping changes (for the round file).
    revision: u64,
}

impl Round {
    fn new(settings: VotingSettings) -> Round {
        Round {
            settings,
            done: Vec::new(),
            current: Ballot::default(),
            counts: Ballot::default(),
            cards: Vec::new(),
            cursor: 0,
            first: 0,
            settings_row: 0,
            done_armed: false,
            typed: None,
            revision: 0,
        }
    }

    /// The participant whose turn it is or comes next, from 1.
    pub fn participant(&self) -> usize {
        self.done.len() + 1
    }

    /// Dots the current participant has not placed yet.
    pub fn dots_left(&self) -> u32 {
        u32::from(self.settings.dots).saturating_sub(self.current.spent())
    }

    /// The selected card.
    pub fn selected(&self) -> Option<Slot> {
        self.cards.get(self.cursor).copied()
    }

    /// How many dots the round gives each card so far (participants and counts together).
    pub fn totals(&self) -> Vec<(Slot, u32)> {
        let mut totals: Vec<(Slot, u32)> = Vec::new();
        let ballots = self
            .done
            .iter()
            .chain([&self.current, &self.counts])
            .flat_map(|b| b.dots.iter());
        for &(slot, n) in ballots {
            match totals.iter_mut().find(|(s, _)| *s == slot) {
                Some((_, total)) => *total += u32::from(n),
                None => totals.push((slot, u32::from(n))),
            }
        }
        totals.sort_by_key(|(s, _)| (s.stage, s.lane.index(), s.index));
        totals
    }

    /// Dots placed by participants, not counting the facilitator's counts.
    pub fn dots_placed(&self) -> u32 {
        self.done.iter().map(Ballot::spent).sum::<u32>() + self.current.spent()
    }

    /// Changes whenever the round changes in a way the round file keeps.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    /// The round as its file keeps it, each dot with its card's text.
    pub fn to_file(&self, map: &Map, step: Step) -> RoundFile {
        let dots = |ballot: &Ballot| -> Vec<DotFile> {
            ballot
                .dots
                .iter()
                .map(|&(slot, n)| DotFile {
                    stage: slot.stage,
                    lane: slot.lane.key().to_string(),
                    index: slot.index,
                    text: card_text(map, slot).to_string(),
                    dots: n,
                })
                .collect()
        };
        RoundFile {
            dots: self.settings.dots,
            cap: self.settings.cap,
            lanes: Lane::ALL
                .into_iter()
                .filter(|&l| self.settings.takes(l))
                .map(|l| l.key().to_string())
                .collect(),
            hide_votes: self.settings.hide_votes,
            ballots: self.done.iter().map(dots).collect(),
            current: dots(&self.current),
            in_turn: step == Step::Turn,
            counts: dots(&self.counts),
        }
    }

    /// The round a file describes, on `map`; also says how many dots no longer matched a
    /// card (changed or gone) and were dropped.
    pub fn from_file(file: &RoundFile, map: &Map) -> (Round, u32) {
        let mut lanes = [false; 4];
        for key in &file.lanes {
            if let Some(lane) = Lane::from_key(key) {
                lanes[lane.index()] = true;
            }
        }
        let settings = VotingSettings {
            dots: file.dots.clamp(1, MAX_DOTS),
            cap: file.cap.clamp(1, MAX_DOTS),
            lanes,
            hide_votes: file.hide_votes,
        };
        let mut dropped = 0;
        let mut ballot = |dots: &[DotFile]| {
            let mut ballot = Ballot::default();
            for dot in dots {
                let slot = Lane::from_key(&dot.lane).map(|lane| Slot {
                    stage: dot.stage,
                    lane,
                    index: dot.index,
                });
                match slot.filter(|&s| settings.takes(s.lane) && card_text(map, s) == dot.text) {
                    Some(slot) => ballot.set(slot, ballot.on(slot).saturating_add(dot.dots)),
                    None => dropped += u32::from(dot.dots),
                }
            }
            ballot
        };
        let mut round = Round::new(settings);
        round.done = file.ballots.iter().map(|b| ballot(b)).collect();
        round.current = ballot(&file.current);
        round.counts = ballot(&file.counts);
        round.cards = voting_cards(map, &settings);
        (round, dropped)
    }
}

fn card_text(map: &Map, slot: Slot) -> &str {
    map.stages
        .get(slot.stage)
        .and_then(|s| s.lane(slot.lane).get(slot.index))
        .map_or("", |c| c.text.as_str())
}

/// The cards of the lanes that take votes, stage by stage, in map order.
fn voting_cards(map: &Map, settings: &VotingSettings) -> Vec<Slot> {
    let mut cards = Vec::new();
    for (stage, s) in map.stages.iter().enumerate() {
        for lane in Lane::ALL.into_iter().filter(|&l| settings.takes(l)) {
            cards.extend((0..s.lane(lane).len()).map(|index| Slot { stage, lane, index }));
        }
    }
    cards
}

impl App {
    /// The revision of the round under way, for the session to keep its file current;
    /// `None` when no round has started (none at all, or still in its settings).
    pub fn round_revision(&self) -> Option<u64> {
        let round = self.round.as_ref()?;
        match self.mode {
            Mode::Voting(Step::Settings) => None,
            _ => Some(round.revision),
        }
    }

    /// The round under way as its file keeps it.
    pub fn round_file(&self) -> Option<RoundFile> {
        self.round_revision()?;
        let step = match self.mode {
            Mode::Voting(step) => step,
            _ => Step::Handover,
        };
        Some(self.round.as_ref()?.to_file(&self.map, step))
    }
}

impl App {
    /// `V` on the board: the round's settings, prefilled with the last ones used.
    pub(super) fn open_voting(&mut self) {
        if self.read_only {
            self.set_error("read-only: a voting round changes the votes");
            return;
        }
        if self.round.is_some() {
            self.mode = Mode::Voting(Step::Handover);
            return;
        }
        self.round = Some(Round::new(self.voting_settings));
        self.mode = Mode::Voting(Step::Settings);
    }

    /// A round found by the session from an editor that ended: offer to resume it.
    pub(super) fn offer_round(&mut self, file: RoundFile) {
        self.round_offer = Some(file);
        if self.mode == Mode::Normal {
            self.mode = Mode::Voting(Step::ResumeOffer);
        }
    }

    /// Shows a waiting round offer once the dialogs before it are answered.
    pub(super) fn show_waiting_round_offer(&mut self) {
        if self.round_offer.is_some() && self.mode == Mode::Normal && self.round.is_none() {
            self.mode = Mode::Voting(Step::ResumeOffer);
        }
    }

    /// Every key during a round comes here.
    pub(super) fn voting(&mut self, step: Step, action: Action) -> Option<Effect> {
        if step == Step::ResumeOffer {
            return self.resume_offer(action);
        }
        let Some(mut round) = self.round.take() else {
            self.mode = Mode::Normal;
            return None;
        };
        let effect = self.round_step(&mut round, step, action);
        if matches!(self.mode, Mode::Voting(_)) {
            self.round = Some(round);
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
        let rows = list_rows(self.size.1);
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
                round.cards = voting_cards(&self.map, &round.settings);
                if round.cards.is_empty() {
                    self.set_error("the lanes chosen have no cards to vote on");
                    return None;
                }
                self.voting_settings = round.settings;
                round.changed();
                self.mode = Mode::Voting(Step::Handover);
            }
            (Step::Settings, Action::Cancel) => {
                self.mode = Mode::Normal;
                self.set_status("no round started");
            }
            (Step::Handover, Action::Submit) => {
                round.current = Ballot::default();
                round.cursor = 0;
                round.first = 0;
                round.changed();
                self.mode = Mode::Voting(Step::Turn);
            }
            (Step::Handover, Action::FacilitatorCounts) => {
                round.cursor = 0;
                round.first = 0;
                self.mode = Mode::Voting(Step::Counts);
            }
            (Step::Handover, Action::AbortRound) => {
                self.mode = Mode::Voting(Step::ConfirmAbort);
            }
            (Step::Handover, Action::Reveal) => {
                self.reveal(round);
            }
            (Step::ConfirmAbort, Action::AbortRound) => {
                self.mode = Mode::Normal;
                self.set_status("round aborted: no votes changed");
                round.changed();
            }
            (Step::ConfirmAbort, _) => self.mode = Mode::Voting(Step::Handover),
            (Step::Turn | Step::Counts, Action::Up) => {
                round.cursor = round.cursor.saturating_sub(1);
            }
            (Step::Turn | Step::Counts, Action::Down) => {
                round.cursor = (round.cursor + 1).min(round.cards.len().saturating_sub(1));
            }
            (Step::Turn | Step::Counts, Action::NextLane) => {
                round.cursor = next_group(round, true);
            }
            (Step::Turn | Step::Counts, Action::PrevLane) => {
                round.cursor = next_group(round, false);
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
                    self.mode = Mode::Voting(Step::Handover);
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
                self.mode = Mode::Voting(Step::Handover);
            }
            _ => {}
        }
        if round.cursor < round.first {
            round.first = round.cursor;
        } else if round.cursor >= round.first + rows {
            round.first = round.cursor + 1 - rows;
        }
        None
    }
}

impl App {
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
        let participants = round.done.len();
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
        self.results = Some(Results::open(&self.map, Some(dots)));
        self.mode = Mode::Results;
        self.set_status(message);
    }

    fn resume_offer(&mut self, action: Action) -> Option<Effect> {
        self.mode = Mode::Normal;
        match action {
            Action::ResumeRound => {
                let file = self.round_offer.take()?;
                let (round, dropped) = Round::from_file(&file, &self.map);
                let step = if file.in_turn {
                    Step::Turn
                } else {
                    Step::Handover
                };
                let mut round = round;
                round.changed();
                self.round = Some(round);
                self.mode = Mode::Voting(step);
                if dropped > 0 {
                    self.set_error(format!(
                        "round resumed; {} no longer matched a card and were dropped",
                        crate::present::count(dropped as usize, "dot")
                    ));
                } else {
                    self.set_status("round resumed");
                }
                Some(Effect::DropRoundLeftover)
            }
            Action::DiscardRound => {
                self.round_offer = None;
                self.set_status("the interrupted round was discarded");
                Some(Effect::DropRoundLeftover)
            }
            _ => {
                self.round_offer = None;
                self.set_status(
                    "the interrupted round is kept: it will be offered again next time",
                );
                None
            }
        }
    }
}

/// The first card of the next (or previous) stage-and-lane group in the list, for Tab.
fn next_group(round: &Round, forward: bool) -> usize {
    let Some(here) = round.selected() else {
        return 0;
    };
    let same = |i: usize| {
        let s = round.cards[i];
        s.stage == here.stage && s.lane == here.lane
    };
    if forward {
        (round.cursor..round.cards.len())
            .find(|&i| !same(i))
            .unwrap_or(round.cursor)
    } else {
        // The start of this group, then the start of the group before it.
        let start = (0..round.cursor)
            .rev()
            .find(|&i| !same(i))
            .map_or(0, |i| i + 1);
        if start == round.cursor && start > 0 {
            let prev = round.cards[start - 1];
            (0..start)
                .rev()
                .find(|&i| {
                    let s = round.cards[i];
                    !(s.stage == prev.stage && s.lane == prev.lane)
                })
                .map_or(0, |i| i + 1)
        } else {
            start
        }
    }
}
