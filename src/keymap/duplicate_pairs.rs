//! The keys of the likely duplicate cards (`D`).

use ratatui::crossterm::event::KeyCode;

use super::{Binding, bind, ch, ctrl, hinted, key};
use crate::app::Action;

use KeyCode::{Down, Enter, Esc, PageDown, PageUp, Up};

pub static DUPLICATE_PAIRS: &[Binding] = &[
    hinted(&[key(Up), ch('k')], Action::Up, "pair above", "move"),
    bind(&[key(Down), ch('j')], Action::Down, "pair below"),
    bind(&[key(PageUp)], Action::PageUp, "a page up"),
    bind(&[key(PageDown)], Action::PageDown, "a page down"),
    hinted(
        &[ch('m')],
        Action::MergePair,
        "merge the pair into one card",
        "merge",
    ),
    hinted(&[ch('u'), ctrl('z')], Action::Undo, "undo", "undo"),
    bind(&[ctrl('r'), ctrl('y')], Action::Redo, "redo"),
    hinted(
        &[key(Enter)],
        Action::Submit,
        "go to the first card on the board",
        "go to card",
    ),
    hinted(
        &[key(Esc), ch('D'), ch('q')],
        Action::Cancel,
        "back to the board",
        "back",
    )
    .essential(),
];
