//! Key scripts, in the style of helix's test helpers: `a "Search ad" <enter> + + <C-s>`.
//!
//! - a bare character is one key press (`jj` is two presses of `j`; upper case carries
//!   Shift, as terminals send it);
//! - a quoted string is typed a character at a time (`\"` and `\\` inside it);
//! - `<name>` is a named key: `<enter> <esc> <tab> <S-tab> <bs> <del> <home> <end> <space>
//!   <up> <down> <left> <right>`, with `C-`, `A-` or `S-` in front for Ctrl, Alt and Shift
//!   (`<C-s>`, `<S-right>`, `<C-left>`, `<A-bs>`), and `<lt>` / `<gt>` for `<` and `>`.
//!
//! Every key goes through `keymap::action(&app.seat.mode, key)` and then `app.update(action)`:
//! the real path from the terminal, minus the terminal.

use journeymap::app::{App, Effect};
use journeymap::keymap;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The key presses a script stands for.
pub fn keys(script: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '"' => loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => {
                        let escaped = chars.next().expect("a character after \\ in a script");
                        out.push(char_key(escaped));
                    }
                    Some(c) => out.push(char_key(c)),
                    None => panic!("unterminated string in key script {script:?}"),
                }
            },
            '<' => {
                let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
                out.push(named_key(&name));
            }
            c => out.push(char_key(c)),
        }
    }
    out
}

/// Presses every key of `script` in turn and returns the effects that came back, in order.
pub fn run(app: &mut App, script: &str) -> Vec<Effect> {
    keys(script)
        .into_iter()
        .flat_map(|key| press(app, key))
        .collect()
}

/// The effects a person notices: the session's housekeeping (keeping the recovery copy and
/// the round file current) left out. `tests/editor/safety.rs` checks those.
pub fn noticed(effects: Vec<Effect>) -> Vec<Effect> {
    effects
        .into_iter()
        .filter(|e| !matches!(e, Effect::KeepRecovery | Effect::PersistRound))
        .collect()
}

/// One key press through the key map of the current mode; unbound keys do nothing, as in
/// the terminal.
pub fn press(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    keymap::action(&app.seat.mode, key).map_or_else(Vec::new, |action| noticed(app.update(action)))
}

fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

fn named_key(name: &str) -> KeyEvent {
    let mut mods = KeyModifiers::NONE;
    let mut rest = name;
    while let Some((prefix, tail)) = rest
        .split_once('-')
        .filter(|(p, t)| p.len() == 1 && !t.is_empty())
    {
        mods |= match prefix {
            "C" => KeyModifiers::CONTROL,
            "A" => KeyModifiers::ALT,
            "S" => KeyModifiers::SHIFT,
            _ => panic!("unknown modifier {prefix:?} in <{name}>"),
        };
        rest = tail;
    }
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        // Terminals send Shift-Tab as BackTab with Shift held.
        "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        "tab" => KeyCode::Tab,
        "bs" | "backspace" => KeyCode::Backspace,
        "del" | "delete" => KeyCode::Delete,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "space" => KeyCode::Char(' '),
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        s if s.chars().count() == 1 => KeyCode::Char(s.chars().next().unwrap_or(' ')),
        _ => panic!("unknown key <{name}> in a key script"),
    };
    KeyEvent::new(code, mods)
}

#[test]
fn scripts_read_as_the_keys_a_user_presses() {
    let k = |code, mods| KeyEvent::new(code, mods);
    let none = KeyModifiers::NONE;
    assert_eq!(
        keys(r#"a "Hi \"x\"" <enter> <C-s> <S-tab> <S-right> E <lt>"#),
        vec![
            k(KeyCode::Char('a'), none),
            k(KeyCode::Char('H'), KeyModifiers::SHIFT),
            k(KeyCode::Char('i'), none),
            k(KeyCode::Char(' '), none),
            k(KeyCode::Char('"'), none),
            k(KeyCode::Char('x'), none),
            k(KeyCode::Char('"'), none),
            k(KeyCode::Enter, none),
            k(KeyCode::Char('s'), KeyModifiers::CONTROL),
            k(KeyCode::BackTab, KeyModifiers::SHIFT),
            k(KeyCode::Right, KeyModifiers::SHIFT),
            k(KeyCode::Char('E'), KeyModifiers::SHIFT),
            k(KeyCode::Char('<'), none),
        ]
    );
    assert_eq!(keys("jj<C-left>").len(), 3);
    assert_eq!(
        keys("<C-A-x>"),
        vec![k(
            KeyCode::Char('x'),
            KeyModifiers::CONTROL | KeyModifiers::ALT
        )]
    );
}
