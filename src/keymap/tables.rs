//! The key tables, one per mode: which keys do what, and how the status bar and the help
//! name it.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, alt, bind, ch, ctrl, ctrl_key, hinted, key, shift};
use crate::app::conflicts::Resolution;
use crate::app::phase::Phase;
use crate::app::{Action, InputOp, PersonaField};
use crate::model::Lane;

use KeyCode::{Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Up};

pub static NORMAL: &[Binding] = &[
    bind(&[key(Up), ch('k')], Action::Up, "card / lane above"),
    bind(&[key(Down), ch('j')], Action::Down, "card / lane below"),
    bind(&[key(Left), ch('h')], Action::Left, "previous stage"),
    bind(&[key(Right), ch('l')], Action::Right, "next stage"),
    bind(&[key(KeyCode::Tab)], Action::NextLane, "next lane"),
    bind(
        &[key(KeyCode::BackTab), shift(KeyCode::BackTab)],
        Action::PrevLane,
        "previous lane",
    ),
    bind(
        &[
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
            ch('9'),
        ],
        Action::JumpStage(0),
        "jump to a stage",
    )
    .named("1..9"),
    hinted(&[ch('a')], Action::AddCard, "add a card", "add"),
    hinted(
        &[key(Enter), ch('e')],
        Action::EditText,
        "edit the text",
        "edit",
    ),
    bind(&[ch('E')], Action::EditNotes, "edit the notes"),
    bind(&[ch('c')], Action::EditChannel, "edit the channel"),
    bind(
        &[ch('i')],
        Action::CycleEvidence,
        "evidence: assumption, observed, validated",
    ),
    bind(&[ch('I')], Action::EditSource, "edit the evidence's source"),
    bind(&[ch('O')], Action::EditOwner, "edit an opportunity's owner"),
    bind(
        &[ch('o')],
        Action::CycleStatus,
        "status: open, planned, done",
    ),
    hinted(
        &[ch('R')],
        Action::Summary,
        "the workshop's outcome",
        "outcome",
    ),
    bind(
        &[ch('W')],
        Action::Roster,
        "who is here, and the workshop's phases (live session)",
    ),
    bind(
        &[ch('F')],
        Action::FollowMe,
        "follow me on / off (a participant: step out / back)",
    ),
    hinted(
        &[ch('d'), key(Delete)],
        Action::DeleteCard,
        "delete the card",
        "delete",
    ),
    hinted(
        &[ch('+'), ch('=')],
        Action::VoteUp,
        "vote up (any card)",
        "vote",
    ),
    bind(&[ch('-')], Action::VoteDown, "vote down"),
    hinted(
        &[ch('>'), ch('.')],
        Action::ScoreUp,
        "emotion score up",
        "score",
    )
    .emotions_only(),
    bind(&[ch('<'), ch(',')], Action::ScoreDown, "emotion score down"),
    bind(
        &[shift(Left), ch('H')],
        Action::MoveCardLeft,
        "card to prev stage",
    ),
    bind(
        &[shift(Right), ch('L')],
        Action::MoveCardRight,
        "card to next stage",
    ),
    bind(&[shift(Up), ch('K')], Action::MoveCardUp, "card up"),
    bind(&[shift(Down), ch('J')], Action::MoveCardDown, "card down"),
    bind(&[ch('m')], Action::MoveLane, "card to another lane"),
    hinted(&[ch('u'), ctrl('z')], Action::Undo, "undo", "undo"),
    bind(&[ctrl('r'), ctrl('y')], Action::Redo, "redo"),
    bind(&[ch('r')], Action::RenameStage, "rename the stage"),
    bind(&[ch('S')], Action::StageMenu, "stage actions"),
    bind(&[ch('p')], Action::PersonaMenu, "edit the persona"),
    bind(&[ch('T')], Action::EditTitle, "edit the title"),
    bind(
        &[ch('v')],
        Action::ShowResults,
        "dot-voting results (ranked)",
    ),
    bind(&[ch('V')], Action::VotingRound, "run a voting round"),
    bind(
        &[ch('D')],
        Action::DuplicatePairs,
        "likely duplicate cards, to merge",
    ),
    hinted(&[ctrl('s')], Action::Save, "save", "save"),
    bind(
        &[ch('w')],
        Action::SaveAs,
        "write the map under a new file name",
    ),
    bind(&[ctrl('l')], Action::Redraw, "redraw the whole screen"),
    hinted(&[ch('t')], Action::Timer, "workshop timer", "timer"),
    hinted(&[ch('/')], Action::Search, "search every card", "search"),
    hinted(
        &[ch('x')],
        Action::Export,
        "export a snapshot in any print format",
        "export",
    ),
    bind(&[ch('n')], Action::NextMatch, "next match (across stages)"),
    bind(&[ch('N')], Action::PrevMatch, "previous match"),
    bind(
        &[key(Esc)],
        Action::Cancel,
        "leave the zoom, or clear the search",
    ),
    hinted(
        &[ch('z')],
        Action::Zoom,
        "zoom: the stage fills the screen (z again to leave)",
        "zoom",
    ),
    bind(
        &[ch('P')],
        Action::TogglePersona,
        "show / hide the persona strip",
    ),
    hinted(
        &[ch('q'), ctrl('c')],
        Action::Quit,
        "quit (asks first)",
        "quit",
    )
    .essential(),
    hinted(&[ch('?')], Action::Help, "this help", "help").essential(),
    bind(
        &[ch('!')],
        Action::NextConflict,
        "next merge conflict (round the map)",
    ),
    hinted(
        &[ch('[')],
        Action::Resolve(Resolution::Ours),
        "merge conflict: take ours",
        "take ours",
    )
    .conflicts_only(),
    hinted(
        &[ch(']')],
        Action::Resolve(Resolution::Theirs),
        "merge conflict: take theirs",
        "take theirs",
    )
    .conflicts_only(),
    hinted(
        &[ch('|')],
        Action::Resolve(Resolution::Both),
        "merge conflict: keep both",
        "keep both",
    )
    .conflicts_only(),
];

pub static EDITING: &[Binding] = &[
    hinted(&[key(Enter)], Action::Submit, "done", "done"),
    hinted(
        &[key(Esc), ctrl('c')],
        Action::Cancel,
        "cancel the edit",
        "cancel",
    ),
    bind(
        &[key(Left), ctrl('b')],
        Action::Input(InputOp::Left),
        "cursor left",
    ),
    bind(
        &[key(Right), ctrl('f')],
        Action::Input(InputOp::Right),
        "cursor right",
    ),
    bind(
        &[ctrl_key(Left), alt(KeyCode::Char('b'))],
        Action::Input(InputOp::WordLeft),
        "word left",
    ),
    bind(
        &[ctrl_key(Right), alt(KeyCode::Char('f'))],
        Action::Input(InputOp::WordRight),
        "word right",
    ),
    hinted(
        &[key(Home), ctrl('a')],
        Action::Input(InputOp::Home),
        "start of the line",
        "start",
    ),
    hinted(
        &[key(End), ctrl('e')],
        Action::Input(InputOp::End),
        "end of the line",
        "end",
    ),
    bind(
        &[key(Backspace)],
        Action::Input(InputOp::Backspace),
        "delete before the cursor",
    ),
    bind(
        &[key(Delete)],
        Action::Input(InputOp::Delete),
        "delete under the cursor",
    ),
    hinted(
        &[ctrl('w'), alt(Backspace), ctrl_key(Backspace)],
        Action::Input(InputOp::DeleteWordBack),
        "delete the word before the cursor",
        "delete word",
    ),
    bind(
        &[ctrl('u')],
        Action::Input(InputOp::DeleteToStart),
        "delete to the start",
    ),
    bind(
        &[ctrl('k')],
        Action::Input(InputOp::DeleteToEnd),
        "delete to the end",
    ),
];

pub static STAGE_MENU: &[Binding] = &[
    hinted(
        &[ch('a')],
        Action::AddStage,
        "add a stage after this one",
        "add",
    ),
    hinted(
        &[ch('d'), key(Delete)],
        Action::RemoveStage,
        "remove this stage",
        "remove",
    ),
    hinted(
        &[ch('h'), key(Left)],
        Action::MoveStageLeft,
        "move the stage left",
        "move left",
    ),
    hinted(
        &[ch('l'), key(Right)],
        Action::MoveStageRight,
        "move the stage right",
        "move right",
    ),
    hinted(
        &[ch('r')],
        Action::RenameStage,
        "rename the stage",
        "rename",
    ),
    hinted(
        &[ch('e')],
        Action::EditStageDescription,
        "edit the stage's workshop question",
        "question",
    ),
    hinted(&[key(Esc)], Action::Cancel, "close", "close"),
];

pub static PERSONA_MENU: &[Binding] = &[
    hinted(
        &[ch('n')],
        Action::EditPersona(PersonaField::Name),
        "name",
        "name",
    ),
    hinted(
        &[ch('s')],
        Action::EditPersona(PersonaField::Summary),
        "summary",
        "summary",
    ),
    hinted(
        &[ch('g')],
        Action::EditPersona(PersonaField::Goals),
        "goals (separate with ;)",
        "goals",
    ),
    hinted(
        &[ch('f')],
        Action::EditPersona(PersonaField::Frustrations),
        "frustrations (separate with ;)",
        "frustrations",
    ),
    hinted(
        &[ch('x')],
        Action::RemovePersona,
        "remove the persona",
        "remove",
    ),
    hinted(&[key(Esc)], Action::Cancel, "close", "close"),
];

/// Removing a stage that holds cards.
pub static CONFIRM_REMOVE_STAGE: &[Binding] = &[
    hinted(
        &[ch('y')],
        Action::RemoveStage,
        "remove the stage and its cards (u brings them back)",
        "remove",
    ),
    hinted(
        &[ch('n'), key(Esc)],
        Action::Cancel,
        "keep the stage",
        "keep",
    ),
];

pub static CONFIRM_QUIT: &[Binding] = &[
    hinted(
        &[ch('y')],
        Action::SaveAndQuit,
        "save and quit",
        "save and quit",
    ),
    hinted(
        &[ch('n')],
        Action::QuitWithoutSaving,
        "quit without saving",
        "quit without saving",
    ),
    hinted(&[key(Esc)], Action::Cancel, "stay", "stay"),
];

/// Typing a search; the text input's own keys (cursor, word delete) work as in EDITING.
pub static SEARCH: &[Binding] = &[
    hinted(
        &[key(Enter)],
        Action::Submit,
        "keep the selection on this match",
        "keep",
    ),
    hinted(
        &[key(Esc), ctrl('c')],
        Action::Cancel,
        "clear the search",
        "clear",
    ),
];

pub static MOVE_LANE: &[Binding] = &[
    hinted(
        &[ch('t'), ch('1')],
        Action::MoveToLane(Lane::Touchpoints),
        "to touchpoints",
        "touchpoints",
    ),
    hinted(
        &[ch('e'), ch('2')],
        Action::MoveToLane(Lane::Emotions),
        "to emotions",
        "emotions",
    ),
    hinted(
        &[ch('p'), ch('3')],
        Action::MoveToLane(Lane::PainPoints),
        "to pain points",
        "pain points",
    ),
    hinted(
        &[ch('o'), ch('4')],
        Action::MoveToLane(Lane::Opportunities),
        "to opportunities",
        "opportunities",
    ),
    hinted(&[key(Esc)], Action::Cancel, "close", "close"),
];

pub static EXPORT: &[Binding] = &[
    hinted(
        &[
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
        ],
        Action::JumpStage(0),
        "choose the format by its number",
        "format",
    )
    .named("1..8"),
    hinted(&[key(Esc)], Action::Cancel, "close", "close"),
];

pub static EXPORT_EXISTS: &[Binding] = &[
    hinted(
        &[ch('o')],
        Action::Overwrite,
        "replace that file with the snapshot",
        "overwrite",
    ),
    hinted(
        &[ch('s')],
        Action::SaveAs,
        "choose another name",
        "another name",
    ),
    hinted(&[key(Esc)], Action::Cancel, "do not write it", "cancel"),
];

pub static SUMMARY: &[Binding] = &[
    hinted(&[key(Down), ch('j')], Action::Down, "scroll down", "scroll"),
    bind(&[key(Up), ch('k')], Action::Up, "scroll up"),
    hinted(
        &[key(Esc), ch('R'), ch('q')],
        Action::Cancel,
        "close",
        "close",
    ),
];

pub static TIMER: &[Binding] = &[
    hinted(
        &[key(Enter), ch(' ')],
        Action::TimerToggle,
        "start / pause the timer",
        "start/pause",
    )
    .named("Enter"),
    hinted(
        &[ch('+'), ch('=')],
        Action::TimerAdd,
        "add a minute",
        "+1 min",
    ),
    hinted(
        &[ch('s')],
        Action::TimerSet,
        "set the length (minutes or mm:ss)",
        "set",
    ),
    hinted(
        &[ch('r')],
        Action::TimerReset,
        "reset to the set length",
        "reset",
    ),
    hinted(&[key(Esc), ch('t')], Action::Cancel, "close", "close"),
];

pub static HELP: &[Binding] = &[
    hinted(&[key(Down), ch('j')], Action::Down, "scroll down", "scroll"),
    bind(&[key(Up), ch('k')], Action::Up, "scroll up"),
    bind(&[key(PageDown), ch(' ')], Action::PageDown, "a page down"),
    bind(&[key(PageUp)], Action::PageUp, "a page up"),
    hinted(
        &[key(Esc), ch('?'), ch('q')],
        Action::Cancel,
        "close the help",
        "close",
    ),
];

pub static ROSTER: &[Binding] = &[
    hinted(
        &[key(Esc), ch('W'), ch('q')],
        Action::Cancel,
        "close",
        "close",
    ),
    bind(&[key(Up), ch('k')], Action::Up, "person above"),
    bind(&[key(Down), ch('j')], Action::Down, "person below"),
    bind(
        &[ch('x')],
        Action::RemoveSeat,
        "remove the person selected from the session",
    ),
    hinted(
        &[ch('o')],
        Action::Phase(Phase::Open),
        "phase: open (cards appear to all as typed)",
        "open",
    ),
    hinted(
        &[ch('p')],
        Action::Phase(Phase::Writing),
        "phase: private writing (each sees only their own new cards)",
        "private",
    ),
    hinted(
        &[ch('r')],
        Action::RevealCards,
        "reveal everyone's private cards (or the round's dots)",
        "reveal",
    ),
    hinted(
        &[ch('v')],
        Action::Phase(Phase::Voting),
        "phase: voting (everyone places dots at once)",
        "vote",
    ),
    hinted(
        &[ch('d')],
        Action::Phase(Phase::Discussion),
        "phase: discussion (the board is read-only for participants)",
        "discuss",
    ),
    hinted(
        &[ch('f'), ch('F')],
        Action::FollowMe,
        "follow me: every participant sees your stage and card",
        "follow me",
    ),
];

pub static RECOVERY: &[Binding] = &[
    hinted(
        &[ch('r')],
        Action::RestoreRecovery,
        "restore the recovery copy",
        "restore",
    ),
    hinted(
        &[ch('d')],
        Action::DiscardRecovery,
        "discard the recovery copy (Y confirms)",
        "discard",
    ),
    bind(
        &[ch('Y')],
        Action::ConfirmDiscard,
        "yes, discard it for good (Shift-y)",
    ),
    hinted(
        &[key(Esc)],
        Action::Cancel,
        "decide later (the copy is kept)",
        "decide later",
    ),
];

pub static ALREADY_OPEN: &[Binding] = &[
    hinted(
        &[ch('r')],
        Action::OpenReadOnly,
        "open read-only",
        "read-only",
    ),
    hinted(&[ch('o')], Action::OpenAnyway, "open anyway", "open anyway"),
    hinted(&[ch('q'), key(Esc)], Action::Quit, "quit", "quit"),
];

pub static FILE_EXISTS: &[Binding] = &[
    hinted(
        &[ch('o')],
        Action::Overwrite,
        "replace that file with this map",
        "overwrite",
    ),
    hinted(
        &[ch('s')],
        Action::SaveAs,
        "choose another name",
        "another name",
    ),
    hinted(&[key(Esc)], Action::Cancel, "do not save now", "cancel"),
];

pub static CHANGED_ON_DISK: &[Binding] = &ON_DISK;

/// A file deleted on disk has nothing to reload: the same choices without the first.
pub static DELETED_ON_DISK: &[Binding] = ON_DISK.split_at(1).1;

/// The file on disk is not the one opened: reload it, overwrite it, or save elsewhere.
static ON_DISK: [Binding; 4] = [
    hinted(
        &[ch('r')],
        Action::Reload,
        "reload from disk (your changes are lost)",
        "reload",
    ),
    hinted(
        &[ch('o')],
        Action::Overwrite,
        "overwrite the file with your version",
        "overwrite",
    ),
    hinted(
        &[ch('s')],
        Action::SaveAs,
        "save your version under another name",
        "save as",
    ),
    hinted(&[key(Esc)], Action::Cancel, "do not save now", "cancel"),
];
