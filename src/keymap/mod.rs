//! Keys to actions, one table per mode. The same tables feed the status bar hints and the
//! help overlay, so what the screen says is always what the keys do.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::app::{Action, InputOp, Mode};

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

/// A row of a key table: the keys, what they do, and how to name it. The same row feeds
/// the key lookup, the status bar's hints and the help overlay.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// Shown in the help overlay.
    pub help: &'static str,
    /// Shown in the status bar when set (the most useful keys of the mode).
    pub hint: Option<&'static str>,
    /// Hinted only while an emotion card is selected (its score keys).
    pub emotions_only: bool,
    /// Hinted only while a card with a merge conflict is selected; then hinted first.
    pub conflicts_only: bool,
    /// Kept in the status bar when room runs out (quit and help).
    pub essential: bool,
    /// How the help names the keys when listing each one would be too long (`1..9`).
    pub keys_label: Option<&'static str>,
}

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint: None,
        emotions_only: false,
        conflicts_only: false,
        essential: false,
        keys_label: None,
    }
}
const fn hinted(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    let mut binding = bind(keys, action, help);
    binding.hint = Some(hint);
    binding
}

impl Binding {
    const fn essential(mut self) -> Binding {
        self.essential = true;
        self
    }
    const fn emotions_only(mut self) -> Binding {
        self.emotions_only = true;
        self
    }
    const fn conflicts_only(mut self) -> Binding {
        self.conflicts_only = true;
        self
    }
    const fn named(mut self, label: &'static str) -> Binding {
        self.keys_label = Some(label);
        self
    }
}

mod duplicate_pairs;
mod tables;
mod voting;

pub use duplicate_pairs::*;
pub use tables::*;
pub use voting::*;

/// Every key table with the heading the help overlay gives it, in the order it lists them.
pub static TABLES: &[(&str, &[Binding])] = &[
    ("On the board", NORMAL),
    ("Typing text", EDITING),
    ("Stage actions (S)", STAGE_MENU),
    ("Remove a stage with cards? (S d)", CONFIRM_REMOVE_STAGE),
    ("Persona (p)", PERSONA_MENU),
    ("Search (/)", SEARCH),
    ("Move to lane (m)", MOVE_LANE),
    ("Export (x)", EXPORT),
    ("Snapshot file exists", EXPORT_EXISTS),
    ("Timer (t)", TIMER),
    ("Workshop outcome (R)", SUMMARY),
    ("Save changes? (q)", CONFIRM_QUIT),
    ("Recovery copy found", RECOVERY),
    ("Map already open", ALREADY_OPEN),
    ("Changed on disk", CHANGED_ON_DISK),
    ("File exists", FILE_EXISTS),
    ("Dot-voting results (v)", RESULTS),
    ("Voting round: settings (V)", VOTING_SETTINGS),
    ("Voting round: between turns", VOTING_HANDOVER),
    ("Voting round: a participant's turn", VOTING_TURN),
    ("Voting round: counts from raised hands", VOTING_COUNTS),
    ("Abort the round?", VOTING_ABORT),
    ("Interrupted round found", VOTING_RESUME),
    ("Who is here", ROSTER),
    ("Likely duplicate cards (D)", DUPLICATE_PAIRS),
    ("This help", HELP),
];

/// The key table of a mode.
pub fn bindings(mode: &Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Editing { .. } => EDITING,
        Mode::StageMenu => STAGE_MENU,
        Mode::ConfirmRemoveStage { .. } => CONFIRM_REMOVE_STAGE,
        Mode::PersonaMenu => PERSONA_MENU,
        Mode::ConfirmQuit => CONFIRM_QUIT,
        Mode::Help => HELP,
        Mode::RecoveryOffer { .. } => RECOVERY,
        Mode::AlreadyOpen { .. } => ALREADY_OPEN,
        Mode::ChangedOnDisk { deleted: false } => CHANGED_ON_DISK,
        Mode::ChangedOnDisk { deleted: true } => DELETED_ON_DISK,
        Mode::Timer => TIMER,
        Mode::Summary { .. } => SUMMARY,
        Mode::Export => EXPORT,
        Mode::MoveLane => MOVE_LANE,
        Mode::ExportExists(_) => EXPORT_EXISTS,
        Mode::Search { .. } => SEARCH,
        Mode::FileExists => FILE_EXISTS,
        Mode::Voting(step) => voting(*step),
        Mode::Results => RESULTS,
        Mode::Roster => ROSTER,
        Mode::DuplicatePairs => DUPLICATE_PAIRS,
    }
}

/// The action for a terminal's key, paste or mouse event in `mode`, if any: the one
/// translation every seat's input goes through, local or remote. (A resize is not an
/// action: the loop tells the seat its size.)
pub fn action_for(mode: &Mode, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action(mode, key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(mouse) if *mode == Mode::Normal => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
                MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The action for a key press in `mode`, if any.
pub fn action(mode: &Mode, event: KeyEvent) -> Option<Action> {
    let pressed = normalise(event);
    // A search is typed with the same keys as any text.
    let tables: &[&[Binding]] = match mode {
        Mode::Search { .. } => &[SEARCH, EDITING],
        _ => &[bindings(mode)],
    };
    if let Some(binding) = tables
        .iter()
        .flat_map(|t| t.iter())
        .find(|b| b.keys.contains(&pressed))
    {
        return Some(match (&binding.action, pressed.code) {
            // The digit pressed says which stage.
            (Action::JumpStage(_), KeyCode::Char(c)) => {
                Action::JumpStage(c.to_digit(10).map_or(0, |d| d as usize).saturating_sub(1))
            }
            (Action::Digit(_), KeyCode::Char(c)) => {
                Action::Digit(c.to_digit(10).unwrap_or(0) as u8)
            }
            (action, _) => action.clone(),
        });
    }
    match (mode, pressed) {
        // Redrawing works in every mode, as in vim, less and htop.
        (
            _,
            Key {
                code: KeyCode::Char('l'),
                mods: KeyModifiers::CONTROL,
            },
        ) => Some(Action::Redraw),
        (
            Mode::Editing { .. } | Mode::Search { .. },
            Key {
                code: KeyCode::Char(c),
                mods,
            },
        ) if mods.is_empty() => Some(Action::Input(InputOp::Insert(c))),
        // On the board, a key that does nothing says so (a dialog ignores stray keys);
        // Esc, pressed out of habit, stays quiet.
        (Mode::Normal, key) if key.code != KeyCode::Esc => Some(Action::Unbound(key_name(&key))),
        // In an offer to restore or resume, a stray key calls off a discard asked for.
        (Mode::RecoveryOffer { .. } | Mode::Voting(crate::app::voting::Step::ResumeOffer), key) => {
            Some(Action::Unbound(key_name(&key)))
        }
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
    if let Some(label) = binding.keys_label {
        return label.into();
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
        for (_, table) in TABLES {
            let keys: Vec<&Key> = table.iter().flat_map(|b| b.keys).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{} bound twice", key_name(k));
            }
        }
    }

    /// The export menu's number keys are its choices, one each, and named so.
    #[test]
    fn the_export_menu_has_a_key_per_format() {
        let formats = crate::app::exporting::choices().count();
        let row = tables::EXPORT
            .iter()
            .find(|b| matches!(b.action, Action::JumpStage(_)))
            .expect("the number keys");
        assert_eq!(row.keys.len(), formats);
        assert_eq!(row.keys_label, Some(format!("1..{formats}").as_str()));
    }
}
