//! The editor's state and its pure update. One [`Room`] holds what everybody shares (the map,
//! its history, the timer, the voting round); each person at the map has a [`Seat`] (where
//! they are, what they are typing, what their screen shows). `update(room, seat, action)`
//! changes both and returns the effects (save, quit) for the event loop to carry out; the
//! screen is drawn from a [`View`] of one room through one seat. No terminal here.
//!
//! Today's one-terminal editor is an [`App`]: a room with the facilitator's seat.

mod action;
pub mod added_by;
mod authors;
pub mod board_view;
pub mod capture;
pub mod card_layout;
pub mod conflicts;
pub mod duplicate_pairs;
pub mod edit;
pub mod exporting;
pub mod follow;
pub mod geometry;
mod history;
pub mod input;
mod lanes;
pub mod list;
pub mod live;
mod menus;
mod offers;
pub mod phase;
pub mod projector;
pub mod results;
pub mod roles;
mod saving;
pub mod search;
mod seat;
mod step;
mod text_entry;
pub mod timer;
pub mod typing;
mod update;
pub use step::{catch_up, handle, update};
pub mod voting;
mod workshop;
pub mod zoom;

use std::path::PathBuf;
use std::time::Instant;

pub use crate::model::Slot;
pub use action::{Action, Effect, Event, PersonaField};
pub use edit::Edit;
pub use history::History;
pub use input::{InputOp, LineInput};
pub use seat::Seat;

use crate::model::{Card, CardField, CardId, Lane, Map, Stage};

/// What the keyboard is talking to right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The inline editor is open on some text.
    Editing {
        target: Target,
        input: LineInput,
    },
    StageMenu,
    /// Removing a stage that holds cards: asked first, with how many go with it.
    ConfirmRemoveStage {
        stage: usize,
    },
    PersonaMenu,
    ConfirmQuit,
    Help,
    /// A recovery copy from a session that ended without saving was found.
    RecoveryOffer {
        summary: String,
        age: String,
        /// Which copy this is, of how many (newest first).
        of: (usize, usize),
    },
    /// Another editor has this map open.
    AlreadyOpen {
        pid: Option<u32>,
    },
    /// Saving found the file changed (or deleted) on disk since it was opened.
    ChangedOnDisk {
        deleted: bool,
    },
    /// Saving under a new name found a file of that name.
    FileExists,
    /// The workshop timer's keys.
    Timer,
    /// The workshop's outcome on one screen (`R`), scrolled by this many rows.
    Summary {
        scroll: usize,
    },
    /// Choosing the lane to move the selected card to (`m`).
    MoveLane,
    /// Choosing a snapshot format (`x`).
    Export,
    /// Writing a snapshot found a file of that name (not a map): replace it?
    ExportExists(PathBuf),
    /// A search query being typed; the board follows it as it changes.
    Search {
        input: LineInput,
    },
    /// A voting round (`V`): its settings, the hand-over, a turn, the facilitator's counts.
    Voting(voting::Step),
    /// The dot-voting results (`v`); their state is `Seat::results`.
    Results,
    /// Who is at the map in a live session (`W`).
    Roster,
    /// Likely duplicate cards (`D`); their state is `Seat::duplicate_pairs`.
    DuplicatePairs,
}

impl Target {
    /// The card whose field the input changes, if it changes a card that is there.
    fn card_mut(&mut self) -> Option<&mut Slot> {
        match self {
            Target::CardText(slot) | Target::CardField(_, slot) => Some(slot),
            _ => None,
        }
    }
}

/// What a text input will change when it is submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    NewCard(Slot),
    CardText(Slot),
    /// A text field of a card other than its text (notes, channel, source, owner).
    CardField(CardField, Slot),
    StageName(usize),
    StageDescription(usize),
    NewStage(usize),
    Title,
    Persona(PersonaField),
    SaveAs,
    /// The timer's length, in minutes or mm:ss.
    TimerLength,
    /// Where a snapshot is written.
    ExportPath,
    /// The name the room knows this seat by (asked when a participant joins with a key).
    SeatName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// Who sits at a seat, and what they may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Runs the workshop: everything, as in the one-terminal editor.
    Facilitator,
    /// Adds, edits and deletes their own cards, and votes.
    Participant,
}

/// A seat's number in its room; the undo history remembers which seat made each change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SeatId(pub u32);

/// What everybody at the map shares: the map, its file, its history, the workshop timer and
/// the voting round. Changed only through `update`.
#[derive(Debug)]
pub struct Room {
    pub map: Map,
    pub path: Option<PathBuf>,
    pub read_only: bool,
    pub history: History,
    /// Counts the changes to the map, so each seat can tell what it has not seen yet.
    version: u64,
    /// Who added which card during this session (a participant changes only their own).
    authors: added_by::AddedBy,
    /// Mean emotion score per stage, kept current by `update` for the emotion curve.
    curve: Vec<Option<f64>>,
    /// The time of the latest `Tick`: the room's only clock, so tests can set it.
    now: Option<Instant>,
    /// The workshop timer; it never changes the map.
    pub timer: timer::Timer,
    /// How the next voting round is set up (the last round's settings, or the defaults).
    pub voting_settings: voting::VotingSettings,
    /// The voting round under way, if any.
    pub round: Option<voting::Round>,
    /// A round from a session that ended, waiting to be offered.
    round_offer: Option<crate::format::RoundFile>,
    /// `view --follow`: whether the map shown is the editor's live copy or the saved file.
    pub source: Option<board_view::Source>,
    /// `view --follow`: what the facilitator's editor shows besides the map (its phase,
    /// a round's progress, whether the votes are hidden), while it runs.
    pub projection: Option<projector::Projection>,
    /// A live session (`journeymap host`): how to join and who is here.
    pub live: Option<live::Live>,
    /// Why the map's file cannot be written where it is, if it cannot: saving then asks
    /// for another name.
    cannot_write: Option<String>,
    /// Quit once the save under way succeeds (the quit dialog's "save and quit").
    quit_after_save: bool,
    /// Where the save under way writes; becomes `path` only once it succeeds.
    saving: Option<PathBuf>,
    /// What the workshop is doing now (a live session's phases).
    phase: phase::Phase,
    /// The participants' private cards, until the reveal.
    drafts: Vec<phase::Draft>,
    /// While one seat's private cards are on the map: the cards that were there before.
    laid: Option<std::collections::HashSet<u64>>,
    /// Counts private writings, so a participant's private undo never outlives its own.
    writings: u64,
    /// Counts what seats show besides the map (the phase, the private cards' count, the
    /// place of the one followed): a seat drawn at an older count has something new to show.
    shown: u64,
    /// What the session produced, for its outcome.
    pub tally: phase::Tally,
    /// "Follow me": where the facilitator is, while it is on.
    follow: Option<follow::Focus>,
    /// Counts the times follow me was turned on (a participant steps out of one of them).
    follows: u64,
    /// Counts the live rounds revealed.
    reveals: u64,
    /// Counts the times the timer reached zero: every seat's terminal rings each time.
    rings: u64,
    /// Seats the facilitator removed, for the live session to disconnect and forget.
    removed: Vec<SeatId>,
    /// The last live round revealed (its number and dots), for the participants' results.
    revealed: Option<(u64, results::RoundDots)>,
}

/// A room seen through one seat: what drawing and hit tests read. Never changes anything.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub room: &'a Room,
    pub seat: &'a Seat,
}

/// One seat acting on the room: what every key handler works on.
pub(crate) struct Ctx<'a> {
    pub(crate) room: &'a mut Room,
    pub(crate) seat: &'a mut Seat,
}

/// The one-terminal editor: a room with the facilitator's seat.
#[derive(Debug)]
pub struct App {
    pub room: Room,
    pub seat: Seat,
}

impl Room {
    pub fn new(map: Map, path: Option<PathBuf>) -> Self {
        let mut room = Room {
            map,
            path,
            read_only: false,
            history: History::default(),
            version: 0,
            authors: Default::default(),
            curve: Vec::new(),
            now: None,
            timer: timer::Timer::default(),
            voting_settings: voting::VotingSettings::default(),
            round: None,
            round_offer: None,
            source: None,
            projection: None,
            live: None,
            cannot_write: None,
            quit_after_save: false,
            saving: None,
            phase: phase::Phase::Open,
            drafts: Vec::new(),
            laid: None,
            writings: 0,
            shown: 0,
            tally: phase::Tally::default(),
            follow: None,
            follows: 0,
            reveals: 0,
            rings: 0,
            removed: Vec::new(),
            revealed: None,
        };
        room.refresh_curve(None);
        room
    }

    /// Where the save under way writes, for the dialogs that ask about it.
    pub fn saving(&self) -> Option<&std::path::Path> {
        self.saving.as_deref()
    }

    /// The next moment at which the room has something to do by itself (a `Tick` is due
    /// then), or `None` when nothing is waiting for time to pass.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.timer.next_deadline(self.now?)
    }

    /// How many times the timer has reached zero: each time, every seat hears the bell.
    pub fn rings(&self) -> u64 {
        self.rings
    }

    /// The time of the latest tick, for what the screen shows of the timer.
    pub fn now(&self) -> Option<Instant> {
        self.now
    }

    /// Takes the user's defaults from `config.ron`: the voting round's settings and the
    /// timer's length. Values out of range are brought into it.
    pub fn use_config(&mut self, config: &crate::format::Config) {
        let voting = &mut self.voting_settings;
        let clamp = |n: u16| n.clamp(1, u16::from(voting::MAX_DOTS)) as u8;
        if let Some(dots) = config.voting.dots {
            voting.dots = clamp(dots);
        }
        if let Some(cap) = config.voting.max_per_card {
            voting.cap = clamp(cap);
        }
        if let Some(hide) = config.voting.hide_votes {
            voting.hide_votes = hide;
        }
        if let Some(minutes) = config.timer.minutes {
            let seconds = u64::from(minutes.clamp(1, 99)) * 60;
            self.timer = timer::Timer::with_length(std::time::Duration::from_secs(seconds));
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Changes whenever the map does (an edit, an undo, a reload): a seat drawn at an older
    /// version has something new to show.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Changes whenever anything any seat shows of the room does: the map, the phase, the
    /// private cards' count, the round's progress, the place of the one followed.
    pub fn shown(&self) -> (u64, u64, Option<u64>) {
        let round = self.round.as_ref().map(voting::Round::revision);
        (self.version, self.shown, round)
    }

    /// The card at `slot`, if there is one.
    pub fn card(&self, slot: Slot) -> Option<&Card> {
        self.map
            .stages
            .get(slot.stage)?
            .lane(slot.lane)
            .get(slot.index)
    }

    /// Where the card `id` is now, if it is still on the map.
    pub fn find(&self, id: CardId) -> Option<Slot> {
        self.map.stages.iter().enumerate().find_map(|(stage, s)| {
            Lane::ALL.into_iter().find_map(|lane| {
                let index = s.lane(lane).iter().position(|c| c.id.same(id))?;
                Some(Slot { stage, lane, index })
            })
        })
    }

    /// Whether `seat` added the card `id` during this session.
    pub fn added_by(&self, id: CardId, seat: SeatId) -> bool {
        self.authors.get(id) == Some(seat)
    }

    /// Every card someone added during this session, by place and text (for the room file).
    pub fn added_cards(&self) -> Vec<added_by::Added> {
        self.authors.listed(&self.map)
    }

    /// Takes back who added which card from a session that ended: found on the map now, or
    /// on the map that replaces it (a recovery copy taken after the room came back).
    pub fn restore_added(&mut self, added: Vec<added_by::Added>) {
        self.authors.wait_for(added);
        self.authors.claim(&self.map);
    }

    /// Mean emotion score per stage (`None` for a stage without emotions).
    pub fn curve(&self) -> &[Option<f64>] {
        &self.curve
    }

    /// Swaps in a whole map (a restored copy or a reload). History starts afresh.
    fn replace_map(&mut self, map: crate::model::Map, saved: bool) {
        // The new map's cards are new to memory: their authors are found by place and text.
        self.authors.forget_identities(&self.map);
        self.map = map;
        self.authors.claim(&self.map);
        self.version += 1;
        self.history = History::default();
        if !saved {
            self.history.mark_unsaved();
        }
        self.refresh_curve(None);
    }

    /// Recomputes the emotion averages of `stages`, or of every stage when `None` (or when
    /// the curve and the map disagree on the number of stages).
    fn refresh_curve(&mut self, stages: Option<Vec<usize>>) {
        match stages {
            Some(stages) if self.curve.len() == self.map.stages.len() => {
                for i in stages {
                    if let (Some(mean), Some(stage)) =
                        (self.curve.get_mut(i), self.map.stages.get(i))
                    {
                        *mean = stage.mean_score();
                    }
                }
            }
            _ => self.curve = self.map.stages.iter().map(Stage::mean_score).collect(),
        }
    }

    /// The file name as shown in the header.
    pub fn file_label(&self) -> String {
        match &self.path {
            Some(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => "new map".into(),
        }
    }
}

impl<'a> View<'a> {
    pub fn new(room: &'a Room, seat: &'a Seat) -> Self {
        View { room, seat }
    }

    pub fn selected_stage(&self) -> Option<&'a Stage> {
        self.room.map.stages.get(self.seat.selection.stage)
    }

    pub fn selected_card(&self) -> Option<&'a Card> {
        self.room.card(self.seat.selection)
    }
}

impl Ctx<'_> {
    fn view(&self) -> View<'_> {
        View {
            room: self.room,
            seat: self.seat,
        }
    }

    fn selected_card(&self) -> Option<&Card> {
        self.room.card(self.seat.selection)
    }

    fn set_status(&mut self, message: impl Into<String>) {
        self.seat.set_status(message);
    }

    fn set_error(&mut self, message: impl Into<String>) {
        self.seat.set_error(message);
    }
}

impl App {
    pub fn new(map: Map, path: Option<PathBuf>) -> Self {
        let mut seat = Seat::facilitator();
        if let Some(note) = conflicts::on_opening(&map) {
            seat.set_status(note);
        }
        App {
            room: Room::new(map, path),
            seat,
        }
    }

    /// Applies one action of the facilitator's and returns what the loop must do, in order.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        update(&mut self.room, &mut self.seat, action)
    }

    /// Lets the facilitator's seat take in an event (time, size, an effect's outcome).
    pub fn event(&mut self, event: Event) -> Vec<Effect> {
        handle(&mut self.room, &mut self.seat, event)
    }

    pub fn view(&self) -> View<'_> {
        View::new(&self.room, &self.seat)
    }
}
