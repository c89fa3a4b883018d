//! The keys of a voting round and of its results: the settings, the hand-over, a turn, the
//! facilitator's counts, and the ranked list.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, bind, ch, ctrl, hinted, key, shift};
use crate::app::voting::Step;
use crate::app::{Action, InputOp};

use KeyCode::{Backspace, Down, Enter, Esc, Left, PageDown, PageUp, Right, Up};

pub static VOTING_SETTINGS: &[Binding] = &[
    hinted(&[key(Up), ch('k')], Action::Up, "setting above", "move"),
    bind(&[key(Down), ch('j')], Action::Down, "setting below"),
    hinted(
        &[key(Right), ch('l'), ch('+'), ch('=')],
        Action::VoteUp,
        "more (or yes / no)",
        "change",
    ),
    bind(
        &[key(Left), ch('h'), ch('-')],
        Action::VoteDown,
        "fewer (or yes / no)",
    ),
    bind(&[ch(' ')], Action::ToggleSetting, "yes / no"),
    hinted(&[key(Enter)], Action::Submit, "start the round", "start").essential(),
    hinted(&[key(Esc)], Action::Cancel, "no round now", "cancel").essential(),
];

pub static VOTING_HANDOVER: &[Binding] = &[
    hinted(
        &[key(Enter)],
        Action::Submit,
        "start the next participant's turn",
        "start the turn",
    )
    .essential(),
    hinted(
        &[ch('c')],
        Action::FacilitatorCounts,
        "enter counts from raised hands",
        "counts",
    ),
    hinted(
        &[ch('R')],
        Action::Reveal,
        "reveal: add the dots to the votes, show the ranking",
        "reveal",
    )
    .essential(),
    hinted(
        &[ch('X')],
        Action::AbortRound,
        "abort the round (asks)",
        "abort",
    ),
    bind(
        &[ch('q'), key(Esc), ctrl('c')],
        Action::Quit,
        "say how to end the round",
    ),
];

pub static VOTING_TURN: &[Binding] = &[
    hinted(&[key(Up), ch('k')], Action::Up, "card above", "move"),
    bind(&[key(Down), ch('j')], Action::Down, "card below"),
    bind(&[key(KeyCode::Tab)], Action::NextLane, "next stage or lane"),
    bind(
        &[key(KeyCode::BackTab), shift(KeyCode::BackTab)],
        Action::PrevLane,
        "previous stage or lane",
    ),
    hinted(
        &[ch('+'), ch('='), ch(' ')],
        Action::VoteUp,
        "put a dot on the card",
        "dot",
    )
    .essential(),
    hinted(
        &[ch('-'), key(Backspace)],
        Action::VoteDown,
        "take a dot back",
        "take back",
    ),
    hinted(
        &[key(Enter)],
        Action::Submit,
        "done: hand over the keyboard",
        "done",
    )
    .essential(),
    bind(
        &[ch('q'), key(Esc), ctrl('c')],
        Action::Quit,
        "say how to end the turn",
    ),
];

pub static VOTING_LIVE: &[Binding] = &[
    hinted(&[key(Up), ch('k')], Action::Up, "card above", "move"),
    bind(&[key(Down), ch('j')], Action::Down, "card below"),
    bind(&[key(KeyCode::Tab)], Action::NextLane, "next stage or lane"),
    bind(
        &[key(KeyCode::BackTab), shift(KeyCode::BackTab)],
        Action::PrevLane,
        "previous stage or lane",
    ),
    hinted(
        &[ch('+'), ch('='), ch(' ')],
        Action::VoteUp,
        "put a dot on the card",
        "dot",
    )
    .essential(),
    hinted(
        &[ch('-'), key(Backspace)],
        Action::VoteDown,
        "take a dot back",
        "take back",
    ),
    hinted(&[key(Enter)], Action::Submit, "done voting", "done").essential(),
    bind(&[key(Esc)], Action::Cancel, "say how the round goes on"),
    hinted(
        &[ch('q'), ctrl('c')],
        Action::Quit,
        "leave (your seat and dots are kept)",
        "leave",
    ),
];

pub static VOTING_COUNTS: &[Binding] = &[
    hinted(&[key(Up), ch('k')], Action::Up, "card above", "move"),
    bind(&[key(Down), ch('j')], Action::Down, "card below"),
    bind(&[key(KeyCode::Tab)], Action::NextLane, "next stage or lane"),
    bind(
        &[key(KeyCode::BackTab), shift(KeyCode::BackTab)],
        Action::PrevLane,
        "previous stage or lane",
    ),
    hinted(
        &[
            ch('0'),
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
        Action::Digit(0),
        "type the count of raised hands",
        "count",
    )
    .named("0..9"),
    bind(&[ch('+'), ch('=')], Action::VoteUp, "one more"),
    bind(&[ch('-')], Action::VoteDown, "one fewer"),
    bind(
        &[key(Backspace)],
        Action::Input(InputOp::Backspace),
        "delete the last digit",
    ),
    hinted(
        &[key(Enter), key(Esc)],
        Action::Submit,
        "back to the hand-over",
        "done",
    )
    .essential(),
];

pub static VOTING_ABORT: &[Binding] = &[
    hinted(
        &[ch('y')],
        Action::AbortRound,
        "abort: throw the round's dots away",
        "abort",
    ),
    hinted(
        &[key(Esc), ch('n')],
        Action::Cancel,
        "go on with the round",
        "go on",
    ),
];

pub static VOTING_RESUME: &[Binding] = &[
    hinted(
        &[ch('r')],
        Action::ResumeRound,
        "resume the interrupted round",
        "resume",
    ),
    hinted(
        &[ch('d')],
        Action::DiscardRound,
        "discard the interrupted round (Y confirms)",
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
        "decide later (the round is kept)",
        "decide later",
    ),
];

pub static RESULTS: &[Binding] = &[
    hinted(&[key(Up), ch('k')], Action::Up, "card above", "move"),
    bind(&[key(Down), ch('j')], Action::Down, "card below"),
    bind(&[key(PageUp)], Action::PageUp, "a page up"),
    bind(&[key(PageDown)], Action::PageDown, "a page down"),
    hinted(
        &[key(KeyCode::Tab)],
        Action::NextLane,
        "pain points / opportunities / all lanes",
        "lanes",
    ),
    bind(
        &[key(KeyCode::BackTab), shift(KeyCode::BackTab)],
        Action::PrevLane,
        "the lanes the other way round",
    ),
    hinted(
        &[key(Enter)],
        Action::Submit,
        "go to the card on the board",
        "go to card",
    ),
    hinted(
        &[key(Esc), ch('v'), ch('q')],
        Action::Cancel,
        "back to the board",
        "back",
    )
    .essential(),
    bind(&[ctrl('s')], Action::Save, "save (back on the board)"),
];

/// The key table of each step of a voting round.
pub fn voting(step: Step) -> &'static [Binding] {
    match step {
        Step::Settings => VOTING_SETTINGS,
        Step::Handover => VOTING_HANDOVER,
        Step::Turn => VOTING_TURN,
        Step::Counts => VOTING_COUNTS,
        Step::ConfirmAbort => VOTING_ABORT,
        Step::ResumeOffer => VOTING_RESUME,
        Step::Live => VOTING_LIVE,
    }
}
