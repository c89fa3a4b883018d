//! The dot-voting results (`v`): pain points and opportunities of all stages ranked by votes
//! (the summary's ranking: most first, equals in map order), the stage beside each, a lane
//! filter on Tab, Enter to jump to the card on the board, Esc back. After a reveal, each
//! card's dots from that round show beside its total.
//!
//! The ranking is made once when the view opens (a sort of the two lanes' cards); a key
//! press only moves through it or filters it, so a map of 200,000 cards stays quick.

use super::geometry::ListScreen;
use super::list::ListCursor;
use super::{Action, Ctx, Effect, Mode, Slot};
use crate::model::{Lane, Map};

/// Which cards the results list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    PainPoints,
    Opportunities,
    All,
}

impl Filter {
    pub fn label(self) -> &'static str {
        match self {
            Filter::PainPoints => "Pain points",
            Filter::Opportunities => "Opportunities",
            Filter::All => "Both lanes",
        }
    }

    fn next(self) -> Filter {
        match self {
            Filter::PainPoints => Filter::Opportunities,
            Filter::Opportunities => Filter::All,
            Filter::All => Filter::PainPoints,
        }
    }

    fn prev(self) -> Filter {
        self.next().next()
    }

    fn takes(self, lane: Lane) -> bool {
        match self {
            Filter::PainPoints => lane == Lane::PainPoints,
            Filter::Opportunities => lane == Lane::Opportunities,
            Filter::All => true,
        }
    }
}

/// The results view's state.
#[derive(Debug, Clone)]
pub struct Results {
    /// Every card of the ranked lanes with its votes, ranked.
    ranked: Vec<(u16, Slot)>,
    /// The rows of `ranked` the filter shows (all of them for "all lanes"), each with its
    /// place in the ranking (equal votes share a place: 1, 2, 2, 4). Only cards with votes:
    /// the rest would all share the last place, a long tail that ranks nothing.
    shown: Vec<(u32, u32)>,
    /// The cards the filter takes that have no votes, counted on one line below the list.
    unvoted: usize,
    pub filter: Filter,
    /// The selected row of `shown`, and the first row on screen.
    pub list: ListCursor,
    /// The round just revealed, when there was one.
    round: Option<RoundDots>,
}

/// What a round just revealed gave each card: (card, all its dots, of which counted from
/// raised hands), sorted by stage, lane and index; and the round's own totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundDots {
    pub cards: Vec<(Slot, u32, u16)>,
    pub participants: usize,
    pub placed: u32,
    pub counted: u32,
}

/// The lanes the results rank.
pub const RANKED_LANES: [Lane; 2] = [Lane::PainPoints, Lane::Opportunities];

impl Results {
    /// Ranks the map's pain points and opportunities; `round` holds the dots of a round just
    /// revealed.
    pub fn open(map: &Map, round: Option<RoundDots>, filter: Filter) -> Results {
        let mut ranked: Vec<(u16, Slot)> = Vec::new();
        for (stage, s) in map.stages.iter().enumerate() {
            for lane in RANKED_LANES {
                ranked.extend(
                    s.lane(lane)
                        .iter()
                        .enumerate()
                        .map(|(index, card)| (card.votes, Slot { stage, lane, index })),
                );
            }
        }
        crate::summary::rank_by_votes(&mut ranked, |(votes, _)| *votes);
        let mut results = Results {
            ranked,
            shown: Vec::new(),
            unvoted: 0,
            filter,
            list: ListCursor::default(),
            round,
        };
        results.refilter();
        results
    }

    fn refilter(&mut self) {
        let filter = self.filter;
        let mut place = 0;
        let mut previous = None;
        let taken = || {
            (0..self.ranked.len() as u32).filter(|&i| filter.takes(self.ranked[i as usize].1.lane))
        };
        self.unvoted = taken().filter(|&i| self.ranked[i as usize].0 == 0).count();
        self.shown = taken()
            .filter(|&i| self.ranked[i as usize].0 > 0)
            .enumerate()
            .map(|(row, i)| {
                let votes = self.ranked[i as usize].0;
                if previous != Some(votes) {
                    place = row as u32 + 1;
                    previous = Some(votes);
                }
                (i, place)
            })
            .collect();
        self.list.reset();
    }

    /// How many cards the filter takes that have no votes (not listed).
    pub fn unvoted(&self) -> usize {
        self.unvoted
    }

    /// How many cards the filter shows.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The card on row `row` of the list.
    pub fn row(&self, row: usize) -> Option<Slot> {
        self.shown.get(row).map(|&(i, _)| self.ranked[i as usize].1)
    }

    /// The place in the ranking of the card on row `row` (equal votes share a place).
    pub fn place(&self, row: usize) -> usize {
        self.shown.get(row).map_or(0, |&(_, place)| place as usize)
    }

    /// The round's dots on a card after a reveal, and how many of them were counted from
    /// raised hands.
    pub fn round_dots(&self, slot: Slot) -> Option<(u32, u16)> {
        let round = &self.round.as_ref()?.cards;
        let key = |s: &Slot| (s.stage, s.lane.index(), s.index);
        Some(
            round
                .binary_search_by_key(&key(&slot), |(s, _, _)| key(s))
                .map_or((0, 0), |i| (round[i].1, round[i].2)),
        )
    }

    /// The round just revealed, if the view shows one.
    pub fn round(&self) -> Option<&RoundDots> {
        self.round.as_ref()
    }
}

impl Ctx<'_> {
    /// `v` on the board.
    pub(super) fn open_results(&mut self) {
        self.seat.results = Some(Results::open(
            &self.room.map,
            None,
            self.seat.results_filter,
        ));
        self.seat.mode = Mode::Results;
    }

    pub(super) fn results_key(&mut self, action: Action) -> Option<Effect> {
        let Some(results) = self.seat.results.as_mut() else {
            self.seat.mode = Mode::Normal;
            return None;
        };
        let rows = ListScreen::rows(self.seat.size.0, self.seat.size.1);
        let len = results.len();
        let page = rows as isize;
        match action {
            Action::Up => results.list.step(-1, len),
            Action::Down => results.list.step(1, len),
            Action::PageUp => results.list.step(-page, len),
            Action::PageDown => results.list.step(page, len),
            Action::NextLane | Action::PrevLane => {
                results.filter = if action == Action::NextLane {
                    results.filter.next()
                } else {
                    results.filter.prev()
                };
                results.refilter();
                self.seat.results_filter = results.filter;
            }
            Action::Submit => {
                if let Some(slot) = results.row(results.list.cursor) {
                    self.seat.results = None;
                    self.seat.mode = Mode::Normal;
                    self.select_stage(slot.stage);
                    self.seat.selection = slot;
                }
                return None;
            }
            Action::Cancel => {
                self.seat.results = None;
                self.seat.mode = Mode::Normal;
                return None;
            }
            // Saving right after a reveal: back on the board, saved as from there.
            Action::Save => {
                self.seat.results = None;
                self.seat.mode = Mode::Normal;
                return self.save(false);
            }
            _ => {}
        }
        results.list.follow(rows);
        None
    }
}
