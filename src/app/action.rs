use std::path::PathBuf;
use std::time::Instant;

use super::input::InputOp;

/// What a person at the map can do. Keys and the mouse become actions (see `keymap`), and
/// `update` is the only place that acts on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // Moving around the board.
    Up,
    Down,
    Left,
    Right,
    NextLane,
    PrevLane,
    JumpStage(usize),
    // Cards.
    AddCard,
    EditText,
    EditNotes,
    EditChannel,
    EditSource,
    EditOwner,
    /// Not stated → assumption → observed → validated → not stated.
    CycleEvidence,
    /// Not stated → open → planned → done → not stated (opportunities).
    CycleStatus,
    /// The workshop's outcome on one screen.
    Summary,
    /// Who is at the map in a live session.
    Roster,
    /// Settle the merge conflict of the selected card (or stage, or the one `!` went to).
    Resolve(super::conflicts::Resolution),
    /// Select the next merge conflict (`!`), round the map.
    NextConflict,
    DeleteCard,
    VoteUp,
    VoteDown,
    ScoreUp,
    ScoreDown,
    MoveCardLeft,
    MoveCardRight,
    MoveCardUp,
    MoveCardDown,
    /// Open the lane menu (`m`), then move the card to the lane chosen there.
    MoveLane,
    MoveToLane(crate::model::Lane),
    Undo,
    Redo,
    // Stages, title and persona.
    RenameStage,
    StageMenu,
    AddStage,
    RemoveStage,
    MoveStageLeft,
    MoveStageRight,
    EditStageDescription,
    EditTitle,
    PersonaMenu,
    EditPersona(PersonaField),
    RemovePersona,
    // Files and the session.
    Save,
    Quit,
    SaveAndQuit,
    QuitWithoutSaving,
    Help,
    // Snapshots.
    Export,
    // Search.
    Search,
    NextMatch,
    PrevMatch,
    // The workshop timer.
    Timer,
    TimerToggle,
    TimerAdd,
    TimerReset,
    TimerSet,
    /// `z`: zoom on the selected stage, or back to the board; Esc leaves the zoom.
    Zoom,
    /// `P`: show or hide the persona strip.
    TogglePersona,
    /// A key that does nothing here, by its name.
    Unbound(String),
    // Inside a text input or a dialog.
    Input(InputOp),
    Paste(String),
    Submit,
    Cancel,
    // From the terminal.
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
    RestoreRecovery,
    DiscardRecovery,
    /// `Y` (Shift-y) after a discard was asked for (of a recovery copy or an interrupted
    /// round): a capital, so that words typed ahead into the offer never confirm it.
    ConfirmDiscard,
    OpenReadOnly,
    OpenAnyway,
    /// Clear the terminal and draw everything again (Ctrl-L).
    Redraw,
    Reload,
    Overwrite,
    SaveAs,
    // Dot-voting (see `app::voting` and `app::results`).
    ShowResults,
    VotingRound,
    ToggleSetting,
    FacilitatorCounts,
    Reveal,
    AbortRound,
    /// A digit typed as a number (the facilitator's counts).
    Digit(u8),
    PageUp,
    PageDown,
    ResumeRound,
    DiscardRound,
    /// `D`: the likely duplicate cards (similar text in one stage and lane).
    DuplicatePairs,
    /// Merge the selected pair of likely duplicates into one card.
    MergePair,
    // A live session's workshop (see `app::phase` and `app::follow`).
    /// The facilitator moves the room to a phase.
    Phase(super::phase::Phase),
    /// The facilitator shows everyone's private cards at once.
    RevealCards,
    /// The facilitator's "follow me" on or off; a participant steps out or back in.
    FollowMe,
    /// The facilitator removes the person selected in the roster from the session.
    RemoveSeat,
}

/// What happens to the editor that nobody at it asked for just now: time passing, the
/// terminal's size, and the answers of the event loop to the effects `update` asked for
/// (a save done, a file changed on disk, a recovery copy found). `handle` acts on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// What came of writing a snapshot (from the loop).
    Exported(super::exporting::Exported),
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passes: the loop says what time it is whenever something may be due.
    Tick(Instant),
    /// The outcome of a save that the loop carried out.
    Saved(Result<PathBuf, String>),
    OfferRecovery {
        summary: String,
        age: String,
        /// Which copy this is, of how many (newest first).
        of: (usize, usize),
    },
    AlreadyOpen {
        pid: Option<u32>,
    },
    /// The file on disk is not what was loaded (or is gone): asked when saving.
    SaveConflict {
        deleted: bool,
    },
    /// Saving under a new name found a file of that name already there.
    FileExists,
    /// Noticed while editing; only a note in the status bar.
    ChangedOnDisk {
        deleted: bool,
    },
    /// The map's file cannot be written where it is (a missing folder, a read-only file):
    /// saving asks for another name from the start.
    CannotWrite(String),
    /// Something the user should know about, shown in the status bar.
    Warn(String),
    /// A bracketed paste has started and not ended yet: the characters so far.
    PasteArriving(usize),
    /// A whole new map from the loop (a restored recovery copy, or the file reloaded);
    /// `saved` says whether it matches the file on disk.
    Replace {
        map: Box<crate::model::Map>,
        saved: bool,
    },
    /// The session found a round from an editor that ended.
    OfferRound(Box<crate::format::RoundFile>),
    /// `view --follow`: the map as the editor has it (its recovery copy) or as saved.
    Follow {
        map: Box<crate::model::Map>,
        source: super::board_view::Source,
    },
    /// `view --follow`: the facilitator's view file, read at `now` (`wall` on the wall
    /// clock); `None` when no editor runs on the map.
    Projected {
        view: Option<Box<crate::format::ViewFile>>,
        now: Instant,
        wall: std::time::SystemTime,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonaField {
    Name,
    Summary,
    Goals,
    Frustrations,
}

/// Work for the event loop: the only things `update` cannot do itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save, but first check that the file was not changed by someone else.
    Save(PathBuf),
    /// Save over whatever is on disk now.
    Overwrite(PathBuf),
    Reload,
    RestoreRecovery,
    DiscardRecovery,
    /// Write a snapshot of the map in `format` to `path`; ask first (answer
    /// `Exported::Exists`) when a file is there, unless `overwrite`.
    Export {
        path: PathBuf,
        format: &'static str,
        overwrite: bool,
    },
    /// Ring the terminal's bell.
    Bell,
    /// Clear the terminal and draw the whole screen again.
    Redraw,
    Quit,
    /// The round offered from an ended session is resumed or discarded: its file goes.
    DropRoundLeftover,
    /// The map (or text being typed) changed: keep the recovery copy current, soon.
    KeepRecovery,
    /// The voting round changed (a dot, a turn, its end): keep its file current, now.
    PersistRound,
}

impl Action {
    /// Whether the action edits the map (refused, and not offered, in read-only mode).
    pub fn changes_map(&self) -> bool {
        self.changes_selected_card()
            || matches!(
                self,
                Action::AddCard
                    | Action::Resolve(_)
                    | Action::VoteUp
                    | Action::VoteDown
                    | Action::Undo
                    | Action::Redo
                    | Action::RenameStage
                    | Action::StageMenu
                    | Action::EditTitle
                    | Action::PersonaMenu
                    | Action::Paste(_)
                    | Action::Save
                    | Action::VotingRound
                    | Action::DuplicatePairs
                    | Action::MergePair
            )
    }

    /// Whether the action changes the selected card itself (its text, fields, place), as
    /// only the person who added it may in a live session. (A vote is everybody's.)
    pub fn changes_selected_card(&self) -> bool {
        matches!(
            self,
            Action::EditText
                | Action::EditNotes
                | Action::EditChannel
                | Action::EditSource
                | Action::EditOwner
                | Action::CycleEvidence
                | Action::CycleStatus
                | Action::DeleteCard
                | Action::ScoreUp
                | Action::ScoreDown
                | Action::MoveCardLeft
                | Action::MoveCardRight
                | Action::MoveCardUp
                | Action::MoveCardDown
                | Action::MoveLane
        )
    }
}
