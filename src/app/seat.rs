//! One person at the map: the seat, what its keyboard talks to, where it is on the board
//! and how its screen shows it. Its fields that only the room's handlers touch are the
//! `app` module's alone.

use super::*;

/// One person at the map: who they are, what the keyboard is talking to, where they are on
/// the board and how their screen shows it.
#[derive(Debug)]
pub struct Seat {
    pub id: SeatId,
    pub role: Role,
    /// The name the room knows this person by.
    pub name: String,
    /// Wide columns for a projector (`view --big`).
    pub big: bool,
    pub mode: Mode,
    pub selection: Slot,
    /// The card the selection is on, so that it stays on that card while others add, move
    /// and delete cards around it.
    pub(super) anchor: Option<CardId>,
    /// The room's version this seat last looked at.
    pub(super) seen_version: u64,
    pub status: Option<(String, StatusKind)>,
    /// Terminal size, for scrolling and mouse hit tests.
    pub size: (u16, u16),
    /// First visible stage column, and the scroll offset of each lane in the selected stage.
    pub first_stage: usize,
    pub lane_offset: [usize; 4],
    /// How far the help overlay is scrolled, in rows.
    pub help_scroll: usize,
    /// `z`: the selected stage fills the screen.
    pub zoom: bool,
    /// `P`: the persona strip under the board.
    pub show_persona: bool,
    /// The first Esc on typed text asked; the next one throws the text away.
    pub(super) discard_armed: bool,
    /// The first `d` on a recovery copy or an interrupted round asked; the next discards it.
    pub(super) offer_discard_armed: bool,
    /// The first `q` said that private cards would be lost; the next one quits.
    pub(super) quit_armed: bool,
    /// The first `x` in the roster said who would be removed and what goes with them; the
    /// next one removes them.
    pub(super) remove_armed: Option<SeatId>,
    /// The search whose matches the board marks (kept after Enter, for `n` and `N`).
    pub search: Option<search::Search>,
    /// The map's revision the search's matches belong to.
    pub(super) search_revision: u64,
    /// The snapshot format chosen in the export menu.
    pub(super) export_format: &'static str,
    /// The results view's state while it is open.
    pub results: Option<results::Results>,
    /// The lanes the results showed last: they open on the same tab again.
    pub(super) results_filter: results::Filter,
    /// The likely duplicate cards while their list is open.
    pub duplicate_pairs: Option<duplicate_pairs::DuplicatePairs>,
    /// The conflict `!` last went to, with the selection it left: while the selection stays
    /// there, the next `!` goes on from it and `[ ] |` settle it.
    pub(super) conflict_at: Option<(conflicts::Place, Slot)>,
    /// Undo and redo of this seat's private cards during private writing.
    pub(super) private_history: phase::PrivateHistory,
    /// The follow me this participant stepped out of, if any.
    pub(super) stepped_out: Option<u64>,
    /// The time of follow me (`Room::follows`) that last brought this seat to the board.
    pub(super) led: u64,
    /// A live round's card list on this seat: the selected row and the first on screen.
    pub(super) ballot_list: list::ListCursor,
    /// The selected person in the roster (`W`), from 0 (the facilitator).
    pub roster_cursor: usize,
    /// The live rounds whose results this seat has been shown.
    pub(super) reveals_seen: u64,
}

impl Seat {
    pub fn new(id: SeatId, role: Role, name: impl Into<String>) -> Self {
        Seat {
            id,
            role,
            name: name.into(),
            big: false,
            mode: Mode::Normal,
            selection: Slot {
                stage: 0,
                lane: Lane::Touchpoints,
                index: 0,
            },
            anchor: None,
            seen_version: 0,
            status: None,
            size: (80, 24),
            first_stage: 0,
            lane_offset: [0; 4],
            help_scroll: 0,
            zoom: false,
            show_persona: false,
            discard_armed: false,
            offer_discard_armed: false,
            quit_armed: false,
            remove_armed: None,
            search: None,
            search_revision: 0,
            export_format: "text",
            results: None,
            results_filter: results::Filter::All,
            duplicate_pairs: None,
            conflict_at: None,
            private_history: phase::PrivateHistory::default(),
            stepped_out: None,
            led: 0,
            ballot_list: list::ListCursor::default(),
            roster_cursor: 0,
            reveals_seen: 0,
        }
    }

    /// The one-terminal editor's seat.
    pub fn facilitator() -> Self {
        Seat::new(SeatId(0), Role::Facilitator, "facilitator")
    }

    pub fn set_status(&mut self, message: impl Into<String>) {
        self.status = Some((message.into(), StatusKind::Info));
    }

    /// Puts the selection on `slot` (and on the card there, wherever it goes next).
    pub fn select(&mut self, room: &Room, slot: Slot) {
        self.selection = slot;
        self.anchor = room.card(slot).map(|c| c.id);
        self.seen_version = room.version;
    }

    pub fn set_error(&mut self, message: impl Into<String>) {
        self.status = Some((message.into(), StatusKind::Error));
    }

    /// A live round's card list on this seat: the selected row and the first on screen.
    pub fn ballot_list(&self) -> &list::ListCursor {
        &self.ballot_list
    }
}
