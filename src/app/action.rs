use std::path::PathBuf;

use super::input::InputOp;

/// Everything that can happen to the editor. Keys, mouse and terminal events become actions
/// (see `keymap`), and `App::update` is the only place that acts on them.
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
    DeleteCard,
    VoteUp,
    VoteDown,
    MoveCardLeft,
    MoveCardRight,
    MoveCardUp,
    MoveCardDown,
    Undo,
    Redo,
    // Stages, title and persona.
    RenameStage,
    StageMenu,
    AddStage,
    RemoveStage,
    MoveStageLeft,
    MoveStageRight,
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
    Resize {
        width: u16,
        height: u16,
    },
    /// The outcome of a save that the loop carried out.
    Saved(Result<PathBuf, String>),
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
    Save(PathBuf),
    Quit,
}
