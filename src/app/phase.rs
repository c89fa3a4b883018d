//! The phases of a live workshop, set by the facilitator and shown on every seat: open (cards
//! appear to all as typed), private writing (each participant's new cards are theirs alone
//! until the reveal), voting (everyone places dots at once) and discussion (the board is the
//! facilitator's to show).
//!
//! A participant's private cards live in the room, not on the map: nothing that reads the
//! map (another seat's screen, the file, the recovery copy, an export) can show them. For
//! the steps and the frames of their own seat they are laid on the map, after the shared
//! cards of their lanes, and lifted off again right after, so every key works on them as on
//! any card.

use std::collections::HashSet;

use super::{Room, Seat, SeatId};
use crate::model::{Card, Lane, Map, Stage};
use crate::present;

/// What the room is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    /// Cards appear to all as they are typed.
    #[default]
    Open,
    /// Each participant sees only their own new cards until the reveal.
    Writing,
    /// Everyone places their dots at once; nobody sees a total until the reveal.
    Voting,
    /// The board is read-only for participants.
    Discussion,
}

impl Phase {
    /// The word the room file keeps.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Open => "open",
            Phase::Writing => "writing",
            Phase::Voting => "voting",
            Phase::Discussion => "discussion",
        }
    }

    pub fn from_key(key: &str) -> Option<Phase> {
        [
            Phase::Open,
            Phase::Writing,
            Phase::Voting,
            Phase::Discussion,
        ]
        .into_iter()
        .find(|p| p.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Open => "open",
            Phase::Writing => "private writing",
            Phase::Voting => "voting",
            Phase::Discussion => "discussion",
        }
    }
}

/// What a session produced, for its outcome: how many took part, how many cards each way of
/// writing gave, how many dots were cast.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// People with a seat at some point (the facilitator counts once one joins).
    pub people: usize,
    /// Cards added where everyone saw them as they were typed.
    pub open_cards: usize,
    /// Cards written privately and revealed.
    pub private_cards: usize,
    /// Dots placed in the rounds revealed.
    pub dots: u32,
}

impl Tally {
    /// The session in a sentence, for the outcome: who took part, what each way of writing
    /// gave, how many dots were cast. No names: a workshop's notes are anonymous.
    pub fn sentence(&self) -> String {
        format!(
            "This live session: {} took part (the facilitator and {}); {} written in the open, {} written privately and revealed; {} cast.",
            present::people(self.people + 1),
            present::count(self.people, "participant"),
            present::count(self.open_cards, "card"),
            self.private_cards,
            present::count(self.dots as usize, "dot"),
        )
    }
}

/// A card a participant wrote during private writing, kept in the room until the reveal.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub author: SeatId,
    pub stage: usize,
    pub lane: Lane,
    pub card: Card,
}

/// A participant's undo and redo during private writing: their private cards as they were.
#[derive(Debug, Default)]
pub struct PrivateHistory {
    /// Which private writing the stacks belong to (a new one starts them afresh).
    writing: u64,
    undo: Vec<Vec<Draft>>,
    redo: Vec<Vec<Draft>>,
    /// The step under way was an undo or a redo: it is not itself remembered.
    taken_back: bool,
}

impl PrivateHistory {
    /// After a step of the seat: `before` is what an undo goes back to when the step changed
    /// the private cards (and was not itself an undo or a redo).
    pub(super) fn after_step(&mut self, writing: u64, before: Vec<Draft>, changed: bool) {
        if std::mem::take(&mut self.taken_back) || !changed {
            return;
        }
        if self.writing != writing {
            *self = PrivateHistory {
                writing,
                ..Default::default()
            };
        }
        self.undo.push(before);
        self.redo.clear();
    }
}

impl Room {
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Moves the room to `phase` (every seat's header shows it).
    pub(super) fn set_phase_to(&mut self, phase: Phase) {
        self.phase = phase;
        self.shown += 1;
    }

    /// The seats removed by the facilitator since the last look, for the session to
    /// disconnect and forget.
    pub fn take_removed(&mut self) -> Vec<SeatId> {
        std::mem::take(&mut self.removed)
    }

    /// Whether the cards' vote totals are not for everyone's eyes now: while people write
    /// privately, and during a round that hides them.
    pub fn hides_totals(&self) -> bool {
        self.phase == Phase::Writing || self.round.as_ref().is_some_and(|r| r.settings.hide_votes)
    }

    /// Whether `seat`'s new cards are private now.
    pub fn writes_privately(&self, seat: &Seat) -> bool {
        self.phase == Phase::Writing && seat.role == super::Role::Participant
    }

    /// The private cards not yet revealed, in the order they were written, by author.
    pub fn drafts(&self) -> &[Draft] {
        &self.drafts
    }

    /// How many private cards each author holds, in seat order.
    pub fn drafts_by_author(&self) -> Vec<(SeatId, usize)> {
        let mut counts: Vec<(SeatId, usize)> = Vec::new();
        for draft in &self.drafts {
            match counts.iter_mut().find(|(seat, _)| *seat == draft.author) {
                Some((_, n)) => *n += 1,
                None => counts.push((draft.author, 1)),
            }
        }
        counts.sort_by_key(|(seat, _)| seat.0);
        counts
    }

    /// "14 cards from 5 people": what everybody is told of the private cards.
    pub fn drafts_count(&self) -> String {
        let people = self.drafts_by_author().len();
        format!(
            "{} from {}",
            present::count(self.drafts.len(), "card"),
            present::people(people)
        )
    }

    /// Lays `seat`'s private cards on the map, after the shared cards of their lanes, when
    /// it has any to write: `None` when the seat writes in the open.
    pub(super) fn lay_drafts(&mut self, seat: &Seat) -> bool {
        if !self.writes_privately(seat) || self.map.stages.is_empty() {
            return false;
        }
        let shared = self
            .map
            .stages
            .iter()
            .flat_map(|s| Lane::ALL.into_iter().flat_map(move |l| s.lane(l).iter()))
            .map(|c| c.id.key())
            .collect();
        self.laid = Some(shared);
        let mine = self.drafts_of(seat.id);
        self.put_on_map(mine);
        true
    }

    /// Puts private cards on the map after the shared cards of their lanes.
    fn put_on_map(&mut self, drafts: Vec<Draft>) {
        let last = self.map.stages.len().saturating_sub(1);
        for draft in drafts {
            // A stage that went (a reload) leaves its private cards on the last one.
            if let Some(stage) = self.map.stages.get_mut(draft.stage.min(last)) {
                stage.lane_mut(draft.lane).push(draft.card);
            }
        }
        self.refresh_curve(None);
    }

    /// Whether the card `key` is a private card laid on the map for the step under way.
    pub(super) fn is_laid(&self, key: u64) -> bool {
        self.laid
            .as_ref()
            .is_some_and(|shared| !shared.contains(&key))
    }

    /// Takes `seat`'s private cards off the map again, as they are now (written, changed,
    /// moved or deleted during the step). Returns whether they changed.
    pub(super) fn lift_drafts(&mut self, seat: SeatId) -> bool {
        let Some(shared) = self.laid.take() else {
            return false;
        };
        let mine = self.take_laid(seat, &shared);
        self.refresh_curve(None);
        let before: Vec<&Draft> = self.drafts.iter().filter(|d| d.author == seat).collect();
        let changed = before.len() != mine.len() || before.iter().zip(&mine).any(|(a, b)| *a != b);
        if changed {
            self.drafts.retain(|d| d.author != seat);
            self.drafts.extend(mine);
            self.shown += 1;
        }
        changed
    }

    /// Takes off the map every card that is not in `shared`, as `seat`'s private cards.
    fn take_laid(&mut self, seat: SeatId, shared: &HashSet<u64>) -> Vec<Draft> {
        let mut mine = Vec::new();
        for (index, stage) in self.map.stages.iter_mut().enumerate() {
            for lane in Lane::ALL {
                if stage
                    .lane(lane)
                    .iter()
                    .all(|c| shared.contains(&c.id.key()))
                {
                    continue;
                }
                let cards = stage.lane_mut(lane);
                let (kept, private): (Vec<Card>, Vec<Card>) = std::mem::take(cards)
                    .into_iter()
                    .partition(|c| shared.contains(&c.id.key()));
                *cards = kept;
                mine.extend(private.into_iter().map(|card| Draft {
                    author: seat,
                    stage: index,
                    lane,
                    card,
                }));
            }
        }
        mine
    }

    /// The private cards as a map of their own (the room's stages, each card in its lane),
    /// and whose each card is, in the order the map lists them: how the room file keeps them.
    pub fn drafts_as_map(&self) -> (Map, Vec<SeatId>) {
        let mut map = Map::new(self.map.title.clone());
        map.stages = self
            .map
            .stages
            .iter()
            .map(|s| Stage::new(s.name.clone()))
            .collect();
        let mut authors = Vec::new();
        let last = map.stages.len().saturating_sub(1);
        for (index, stage) in map.stages.iter_mut().enumerate() {
            for lane in Lane::ALL {
                for draft in &self.drafts {
                    if draft.stage.min(last) == index && draft.lane == lane {
                        stage.lane_mut(lane).push(draft.card.clone());
                        authors.push(draft.author);
                    }
                }
            }
        }
        (map, authors)
    }

    /// Takes back the phase and the private cards a room file kept. A round's voting phase
    /// comes back with the round, when it is resumed.
    pub fn restore_room(&mut self, phase: Phase, drafts: &Map, authors: &[SeatId]) {
        let cards = drafts.stages.iter().enumerate().flat_map(|(stage, s)| {
            Lane::ALL
                .into_iter()
                .flat_map(move |lane| s.lane(lane).iter().map(move |card| (stage, lane, card)))
        });
        self.drafts = cards
            .zip(authors)
            .map(|((stage, lane, card), &author)| Draft {
                author,
                stage,
                lane,
                card: card.clone(),
            })
            .collect();
        let phase = match phase {
            Phase::Voting => Phase::Open,
            other => other,
        };
        if phase == Phase::Writing {
            self.writings += 1;
        }
        self.set_phase_to(phase);
    }

    /// Puts `seat`'s private cards (laid on the map for its step) back as they were before
    /// its last change, or after the change it took back; says what it did.
    pub(super) fn undo_private(&mut self, seat: &mut Seat, undo: bool) -> &'static str {
        let stacks = &mut seat.private_history;
        if stacks.writing != self.writings {
            *stacks = PrivateHistory {
                writing: self.writings,
                ..Default::default()
            };
        }
        let (from, to) = if undo {
            (&mut stacks.undo, &mut stacks.redo)
        } else {
            (&mut stacks.redo, &mut stacks.undo)
        };
        let Some(earlier) = from.pop() else {
            return if undo {
                "nothing to undo"
            } else {
                "nothing to redo"
            };
        };
        let Some(shared) = self.laid.clone() else {
            return "";
        };
        to.push(self.take_laid(seat.id, &shared));
        stacks.taken_back = true;
        self.put_on_map(earlier);
        self.version += 1;
        if undo {
            "undone: your private cards as they were"
        } else {
            "redone"
        }
    }

    /// `seat`'s private cards now, for its undo.
    pub(super) fn drafts_of(&self, seat: SeatId) -> Vec<Draft> {
        self.drafts
            .iter()
            .filter(|d| d.author == seat)
            .cloned()
            .collect()
    }
}

/// Runs `look` on the room as `seat` sees it: with its private cards on the map. Drawing
/// a participant's screen goes through here; nothing of the room changes.
pub fn as_seen_by<T>(room: &mut Room, seat: &Seat, look: impl FnOnce(&Room) -> T) -> T {
    // A seat that follows the facilitator serves as a projector: while people write
    // privately or vote with the votes hidden, it shows no totals.
    let hidden = room.followed_by(seat).is_some() && room.hides_totals();
    let whole = hidden.then(|| {
        let whole = room.map.clone();
        for stage in &mut room.map.stages {
            for lane in Lane::ALL {
                if stage.lane(lane).iter().any(|c| c.votes > 0) {
                    stage.lane_mut(lane).iter_mut().for_each(|c| c.votes = 0);
                }
            }
        }
        whole
    });
    let laid = room.lay_drafts(seat);
    let seen = look(room);
    if laid {
        room.lift_drafts(seat.id);
    }
    if let Some(whole) = whole {
        room.map = whole;
    }
    seen
}
