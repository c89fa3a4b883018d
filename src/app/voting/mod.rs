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
use super::{SeatId, Slot};
use crate::format::{DotFile, RoundFile, SeatDots, round::Dropped};
use crate::model::{Lane, MAX_VOTES, Map};

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
    /// A participant of a live session places their dots on their own screen.
    Live,
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

/// One participant's ballot in a live round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatBallot {
    pub seat: SeatId,
    /// The name the facilitator's screen shows.
    pub name: String,
    pub ballot: Ballot,
    /// They said they are done (they may still change their mind until the reveal).
    pub done: bool,
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
    /// Run in a live session: every participant votes at once on their own screen.
    pub live: bool,
    /// The ballots of a live round's participants, by seat.
    pub seats: Vec<SeatBallot>,
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
            live: false,
            seats: Vec::new(),
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
            .chain(self.seats.iter().map(|s| &s.ballot))
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
        let seats: u32 = self.seats.iter().map(|s| s.ballot.spent()).sum();
        self.done.iter().map(Ballot::spent).sum::<u32>() + self.current.spent() + seats
    }

    /// People who placed dots: turns taken at the terminal and live participants.
    pub fn voters(&self) -> usize {
        self.done.len() + self.seats.iter().filter(|s| s.ballot.spent() > 0).count()
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
            live: self.live,
            seats: self
                .seats
                .iter()
                .map(|s| SeatDots {
                    seat: s.seat.0,
                    name: s.name.clone(),
                    done: s.done,
                    dots: dots(&s.ballot),
                })
                .collect(),
        }
    }

    /// The round a file describes, on `map`, once the file has been checked against it;
    /// also what the check dropped.
    pub fn from_file(file: &RoundFile, map: &Map) -> (Round, Dropped) {
        let (file, dropped) = file.checked(map);
        let mut lanes = [false; 4];
        for key in &file.lanes {
            if let Some(lane) = Lane::from_key(key) {
                lanes[lane.index()] = true;
            }
        }
        let settings = VotingSettings {
            dots: file.dots,
            cap: file.cap,
            lanes,
            hide_votes: file.hide_votes,
        };
        let ballot = |dots: &[DotFile]| {
            let mut ballot = Ballot::default();
            for dot in dots {
                if let Some(lane) = Lane::from_key(&dot.lane) {
                    let slot = Slot {
                        stage: dot.stage,
                        lane,
                        index: dot.index,
                    };
                    ballot.set(slot, dot.dots);
                }
            }
            ballot
        };
        let mut round = Round::new(settings);
        round.done = file.ballots.iter().map(|b| ballot(b)).collect();
        round.current = ballot(&file.current);
        round.counts = ballot(&file.counts);
        round.live = file.live;
        round.seats = file
            .seats
            .iter()
            .map(|s| SeatBallot {
                seat: SeatId(s.seat),
                name: s.name.clone(),
                ballot: ballot(&s.dots),
                done: s.done,
            })
            .collect();
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
        // The start of the group before this one: back past this group, then to the start
        // of the one found there.
        let start = (0..round.cursor)
            .rev()
            .find(|&i| !same(i))
            .map_or(0, |i| i + 1);
        let Some(prev) = start.checked_sub(1).map(|i| round.cards[i]) else {
            return round.cursor;
        };
        (0..start)
            .rev()
            .find(|&i| {
                let s = round.cards[i];
                !(s.stage == prev.stage && s.lane == prev.lane)
            })
            .map_or(0, |i| i + 1)
    }
}

mod keys;
pub mod live;
