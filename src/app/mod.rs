//! The editor's state and its pure update: `App::update(action)` changes the state and
//! returns the effects (save, quit) for the event loop to carry out. No terminal here.

mod action;
pub mod board_view;
pub mod capture;
pub mod card_layout;
pub mod conflicts;
pub mod edit;
pub mod exporting;
pub mod geometry;
mod history;
pub mod input;
mod lanes;
mod menus;
pub mod results;
pub mod search;
mod text_entry;
pub mod timer;
mod update;
pub mod voting;
pub mod zoom;

use std::path::PathBuf;
use std::time::Instant;

pub use crate::model::Slot;
pub use action::{Action, Effect, PersonaField};
pub use edit::Edit;
pub use history::History;
pub use input::{InputOp, LineInput};

use crate::model::{Card, Lane, Map, Stage};

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
    /// The dot-voting results (`v`); their state is `App::results`.
    Results,
}

/// What a text input will change when it is submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    NewCard(Slot),
    CardText(Slot),
    Notes(Slot),
    Channel(Slot),
    Source(Slot),
    Owner(Slot),
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// The editor: the map, where the user is, and what they are doing.
#[derive(Debug)]
pub struct App {
    pub map: Map,
    pub path: Option<PathBuf>,
    pub read_only: bool,
    /// Wide columns for a projector (`view --big`).
    pub big: bool,
    pub mode: Mode,
    pub selection: Slot,
    pub history: History,
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
    /// `view --follow`: whether the map shown is the editor's live copy or the saved file.
    pub source: Option<board_view::Source>,
    /// The first Esc on typed text asked; the next one throws the text away.
    discard_armed: bool,
    /// Why the map's file cannot be written where it is, if it cannot: saving then asks
    /// for another name.
    cannot_write: Option<String>,
    /// Quit once the save under way succeeds (the quit dialog's "save and quit").
    quit_after_save: bool,
    /// Where the save under way writes; becomes `path` only once it succeeds.
    saving: Option<PathBuf>,
    /// Mean emotion score per stage, kept current by `update` for the emotion curve.
    curve: Vec<Option<f64>>,
    /// The time of the latest `Tick`: the app's only clock, so tests can set it.
    now: Option<Instant>,
    /// The workshop timer; it never changes the map.
    pub timer: timer::Timer,
    /// The search whose matches the board marks (kept after Enter, for `n` and `N`).
    pub search: Option<search::Search>,
    /// The map's revision the search's matches belong to.
    search_revision: u64,
    /// The snapshot format chosen in the export menu.
    export_format: &'static str,
    /// How the next voting round is set up (the last round's settings, or the defaults).
    pub voting_settings: voting::VotingSettings,
    /// The voting round under way, if any.
    pub round: Option<voting::Round>,
    /// A round from a session that ended, waiting to be offered.
    round_offer: Option<crate::store::round::RoundFile>,
    /// The results view's state while it is open.
    pub results: Option<results::Results>,
    /// The lanes the results showed last: they open on the same tab again.
    results_filter: results::Filter,
}

impl App {
    /// Where the save under way writes, for the dialogs that ask about it.
    pub fn saving(&self) -> Option<&std::path::Path> {
        self.saving.as_deref()
    }

    pub fn new(map: Map, path: Option<PathBuf>) -> Self {
        let mut app = App {
            map,
            path,
            read_only: false,
            big: false,
            mode: Mode::Normal,
            selection: Slot {
                stage: 0,
                lane: Lane::Touchpoints,
                index: 0,
            },
            history: History::default(),
            status: None,
            size: (80, 24),
            first_stage: 0,
            lane_offset: [0; 4],
            help_scroll: 0,
            zoom: false,
            show_persona: false,
            source: None,
            discard_armed: false,
            cannot_write: None,
            quit_after_save: false,
            saving: None,
            curve: Vec::new(),
            now: None,
            timer: timer::Timer::default(),
            search: None,
            search_revision: 0,
            export_format: "text",
            voting_settings: voting::VotingSettings::default(),
            round: None,
            round_offer: None,
            results: None,
            results_filter: results::Filter::All,
        };
        app.refresh_curve(None);
        app
    }

    /// The next moment at which the app has something to do by itself (a `Tick` is due
    /// then), or `None` when nothing is waiting for time to pass.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.timer.next_deadline(self.now?)
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

    pub fn selected_stage(&self) -> Option<&Stage> {
        self.map.stages.get(self.selection.stage)
    }

    pub fn selected_card(&self) -> Option<&Card> {
        self.selected_stage()?
            .lane(self.selection.lane)
            .get(self.selection.index)
    }

    /// Mean emotion score per stage (`None` for a stage without emotions).
    pub fn curve(&self) -> &[Option<f64>] {
        &self.curve
    }

    /// Swaps in a whole map (a restored copy or a reload). History starts afresh; the
    /// selection stays where it was as far as the new map allows.
    fn replace_map(&mut self, map: crate::model::Map, saved: bool) {
        self.map = map;
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

    pub fn set_status(&mut self, message: impl Into<String>) {
        self.status = Some((message.into(), StatusKind::Info));
    }

    pub fn set_error(&mut self, message: impl Into<String>) {
        self.status = Some((message.into(), StatusKind::Error));
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
