//! Keys to actions, one table per mode. The same tables feed the status bar hints and the
//! help overlay, so what the screen says is always what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{Action, InputOp, Mode, PersonaField};

/// One key as it is pressed. For letters, Shift is part of the character (`E` vs `e`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}
const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}
const fn ctrl_key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::CONTROL,
    }
}

/// A row of a key table: the keys, what they do, and how to name it.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// Shown in the help overlay.
    pub help: &'static str,
    /// Shown in the status bar when set (the most useful keys of the mode).
    pub hint: Option<&'static str>,
}

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint: None,
    }
}
const fn hinted(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint: Some(hint),
    }
}

use KeyCode::{Backspace, Delete, Down, End, Enter, Esc, Home, Left, Right, Up};

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
    ),
    hinted(&[ch('a')], Action::AddCard, "add a card", "add"),
    hinted(
        &[key(Enter), ch('e')],
        Action::EditText,
        "edit the text",
        "edit",
    ),
    bind(&[ch('E')], Action::EditNotes, "edit the notes"),
    bind(&[ch('c')], Action::EditChannel, "edit the channel"),
    hinted(
        &[ch('d'), key(Delete)],
        Action::DeleteCard,
        "delete the card",
        "delete",
    ),
    hinted(
        &[ch('+'), ch('=')],
        Action::VoteUp,
        "vote / score up",
        "vote",
    ),
    bind(&[ch('-')], Action::VoteDown, "vote / score down"),
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
    hinted(&[ch('u'), ctrl('z')], Action::Undo, "undo", "undo"),
    bind(&[ctrl('r'), ctrl('y')], Action::Redo, "redo"),
    bind(&[ch('r')], Action::RenameStage, "rename the stage"),
    bind(&[ch('S')], Action::StageMenu, "stage actions"),
    bind(&[ch('p')], Action::PersonaMenu, "edit the persona"),
    bind(&[ch('T')], Action::EditTitle, "edit the title"),
    hinted(&[ctrl('s')], Action::Save, "save", "save"),
    hinted(
        &[ch('q'), ctrl('c')],
        Action::Quit,
        "quit (asks first)",
        "quit",
    ),
    hinted(&[ch('?')], Action::Help, "this help", "help"),
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

pub static HELP: &[Binding] = &[hinted(
    &[key(Esc), ch('?'), ch('q')],
    Action::Cancel,
    "close the help",
    "close",
)];

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
        "discard the recovery copy",
        "discard",
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

pub static CHANGED_ON_DISK: &[Binding] = &[
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

/// The key table of a mode.
pub fn bindings(mode: &Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Editing { .. } => EDITING,
        Mode::StageMenu => STAGE_MENU,
        Mode::PersonaMenu => PERSONA_MENU,
        Mode::ConfirmQuit => CONFIRM_QUIT,
        Mode::Help => HELP,
        Mode::RecoveryOffer { .. } => RECOVERY,
        Mode::AlreadyOpen { .. } => ALREADY_OPEN,
        Mode::ChangedOnDisk => CHANGED_ON_DISK,
        Mode::FileExists => FILE_EXISTS,
    }
}

/// The action for a key press in `mode`, if any.
pub fn action(mode: &Mode, event: KeyEvent) -> Option<Action> {
    let pressed = normalise(event);
    if let Some(binding) = bindings(mode).iter().find(|b| b.keys.contains(&pressed)) {
        return Some(match (&binding.action, pressed.code) {
            (Action::JumpStage(_), KeyCode::Char(c)) => {
                Action::JumpStage(c.to_digit(10).map_or(0, |d| d as usize).saturating_sub(1))
            }
            (action, _) => action.clone(),
        });
    }
    match (mode, pressed) {
        (
            Mode::Editing { .. },
            Key {
                code: KeyCode::Char(c),
                mods,
            },
        ) if mods.is_empty() => Some(Action::Input(InputOp::Insert(c))),
        // Any other key closes the help or a menu, as Esc would.
        (Mode::Help | Mode::StageMenu | Mode::PersonaMenu, _) => Some(Action::Cancel),
        _ => None,
    }
}

/// Folds Shift into the character for letters and symbols, which is how terminals differ
/// most (some send `E` with Shift, some without).
fn normalise(event: KeyEvent) -> Key {
    let mut mods =
        event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let code = match event.code {
        KeyCode::Char(c) => {
            mods.remove(KeyModifiers::SHIFT);
            // Ctrl with a letter arrives as the lower-case letter on most terminals.
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        KeyCode::BackTab => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        code => code,
    };
    Key { code, mods }
}

/// How a key is written in hints and help: `Ctrl-s`, `Shift-←`, `Enter`.
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        other => format!("{other:?}"),
    };
    let mut name = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        name.push_str("Ctrl-");
    }
    if key.mods.contains(KeyModifiers::ALT) {
        name.push_str("Alt-");
    }
    if key.mods.contains(KeyModifiers::SHIFT) && key.code != KeyCode::BackTab {
        name.push_str("Shift-");
    }
    name + &base
}

/// All the keys of a binding, as the help overlay lists them: `↑ / k`.
pub fn keys_label(binding: &Binding) -> String {
    if matches!(binding.action, Action::JumpStage(_)) {
        return "1..9".into();
    }
    let mut names: Vec<String> = binding.keys.iter().map(key_name).collect();
    names.dedup();
    names.join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_to_actions_per_mode() {
        let normal = Mode::Normal;
        assert_eq!(
            action(&normal, press(KeyCode::Char('a'), KeyModifiers::NONE)),
            Some(Action::AddCard)
        );
        assert_eq!(
            action(&normal, press(KeyCode::Char('E'), KeyModifiers::SHIFT)),
            Some(Action::EditNotes)
        );
        assert_eq!(
            action(&normal, press(KeyCode::Char('3'), KeyModifiers::NONE)),
            Some(Action::JumpStage(2))
        );
        assert_eq!(
            action(&normal, press(KeyCode::Left, KeyModifiers::SHIFT)),
            Some(Action::MoveCardLeft)
        );
        assert_eq!(
            action(&normal, press(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::Save)
        );
        assert_eq!(
            action(&normal, press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevLane)
        );
        let editing = Mode::Editing {
            target: crate::app::Target::Title,
            input: Default::default(),
        };
        assert_eq!(
            action(&editing, press(KeyCode::Char('a'), KeyModifiers::NONE)),
            Some(Action::Input(InputOp::Insert('a')))
        );
        assert_eq!(
            action(&editing, press(KeyCode::Char('A'), KeyModifiers::SHIFT)),
            Some(Action::Input(InputOp::Insert('A')))
        );
        assert_eq!(
            action(&editing, press(KeyCode::Char('w'), KeyModifiers::CONTROL)),
            Some(Action::Input(InputOp::DeleteWordBack))
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for table in [
            NORMAL,
            EDITING,
            STAGE_MENU,
            PERSONA_MENU,
            CONFIRM_QUIT,
            HELP,
        ] {
            let keys: Vec<&Key> = table.iter().flat_map(|b| b.keys).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{} bound twice", key_name(k));
            }
        }
    }
}
