//! Boxes over the board: text inputs that are not inline on a card, the stage and persona
//! menus, and the "Save changes?" question.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::{Theme, input_line, put};
use crate::app::{App, Mode, PersonaField, Target};
use crate::keymap::{self, Binding};
use crate::text;

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) -> Option<Position> {
    match &app.mode {
        Mode::Editing { target, input } => {
            let label = input_label(app, *target)?;
            let inner = framed(buf, area, 64, 3, &label, theme);
            let cursor = input_line(buf, inner.x, inner.y + 1, inner.width, input, theme.card);
            Some(cursor)
        }
        Mode::StageMenu => {
            let name = app.selected_stage().map_or("", |s| s.name.as_str());
            menu(
                buf,
                area,
                &format!("Stage '{}'", text::ellipsize(name, 40)),
                &[],
                keymap::STAGE_MENU,
                theme,
            );
            None
        }
        Mode::PersonaMenu => {
            let persona = app.map.persona.clone().unwrap_or_default();
            let or_unset = |s: String| {
                if s.is_empty() {
                    "(not set)".to_string()
                } else {
                    s
                }
            };
            let lines = [
                format!("Name          {}", or_unset(persona.name)),
                format!("Summary       {}", or_unset(persona.summary)),
                format!("Goals         {}", or_unset(persona.goals.join("; "))),
                format!(
                    "Frustrations  {}",
                    or_unset(persona.frustrations.join("; "))
                ),
            ];
            menu(buf, area, "Persona", &lines, keymap::PERSONA_MENU, theme);
            None
        }
        Mode::ConfirmQuit => {
            menu(buf, area, "Save changes?", &[], keymap::CONFIRM_QUIT, theme);
            None
        }
        Mode::RecoveryOffer { summary, age } => {
            let lines = [
                format!(
                    "A recovery copy of this map was found (written {age}), from a session that ended without saving:"
                ),
                if summary.is_empty() {
                    "(no differences in the cards)".into()
                } else {
                    summary.clone()
                },
            ];
            menu(buf, area, "Recovery copy", &lines, keymap::RECOVERY, theme);
            None
        }
        Mode::AlreadyOpen { pid } => {
            let who = pid.map_or("another journeymap".to_string(), |p| {
                format!("another journeymap (process {p})")
            });
            let lines = [format!("This map is already open in {who}.")];
            menu(
                buf,
                area,
                "Already open",
                &lines,
                keymap::ALREADY_OPEN,
                theme,
            );
            None
        }
        Mode::ChangedOnDisk => {
            let lines = [
                "The file changed on disk since it was opened (another editor, git pull…)."
                    .to_string(),
            ];
            menu(
                buf,
                area,
                "Changed on disk",
                &lines,
                keymap::CHANGED_ON_DISK,
                theme,
            );
            None
        }
        Mode::FileExists => {
            let name = app.saving().map_or(String::new(), |p| {
                p.file_name()
                    .unwrap_or(p.as_os_str())
                    .to_string_lossy()
                    .into_owned()
            });
            let lines = [format!(
                "{} already exists. Replace it with this map?",
                text::sanitize(&name)
            )];
            menu(buf, area, "File exists", &lines, keymap::FILE_EXISTS, theme);
            None
        }
        Mode::Normal | Mode::Help => None,
        Mode::Voting(_) | Mode::Results => None,
    }
}

/// The dialog title for a text input, or `None` for the inputs drawn inline on the board.
fn input_label(app: &App, target: Target) -> Option<String> {
    let stage = |i: usize| {
        app.map
            .stages
            .get(i)
            .map_or(String::new(), |s| s.name.clone())
    };
    Some(match target {
        Target::NewCard(_) | Target::CardText(_) => return None,
        Target::Notes(_) => "Notes on the card".into(),
        Target::Channel(_) => "Channel of the touchpoint (web, email, store…)".into(),
        Target::StageName(i) => format!("Rename stage '{}'", stage(i)),
        Target::NewStage(_) => "Name of the new stage".into(),
        Target::StageDescription(i) => format!("Question or description of '{}'", stage(i)),
        Target::Title => "Title of the map".into(),
        Target::Persona(PersonaField::Name) => "Persona name".into(),
        Target::Persona(PersonaField::Summary) => "Persona summary".into(),
        Target::Persona(PersonaField::Goals) => "Persona goals (separate with ;)".into(),
        Target::Persona(PersonaField::Frustrations) => {
            "Persona frustrations (separate with ;)".into()
        }
        Target::SaveAs => "Save as (file name; .ron is added if missing)".into(),
    })
}

/// A titled menu: some lines of information, then one line per key.
fn menu(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    lines: &[String],
    keys: &[Binding],
    theme: &Theme,
) {
    const WIDTH: u16 = 60;
    let wrap_at = usize::from(WIDTH.min(area.width.saturating_sub(8)));
    let lines: Vec<String> = lines
        .iter()
        .flat_map(|line| wrap_labelled(&text::sanitize(line), wrap_at))
        .collect();
    let height = (lines.len() + usize::from(!lines.is_empty()) + keys.len()) as u16;
    let inner = framed(buf, area, WIDTH, height, title, theme);
    let mut y = inner.y;
    for line in &lines {
        put(buf, inner.x, y, line, inner.width, theme.card);
        y += 1;
    }
    if !lines.is_empty() {
        y += 1;
    }
    for binding in keys {
        if y >= inner.bottom() {
            break;
        }
        let x = put(buf, inner.x, y, &keymap::keys_label(binding), 12, theme.key);
        put(
            buf,
            inner.x + 13.max(x - inner.x + 1),
            y,
            binding.help,
            inner.width.saturating_sub(14),
            theme.card,
        );
        y += 1;
    }
}

/// Wraps a line of a dialog. A line laid out as "Label   value" keeps its value column:
/// the value wraps and its continuation lines are indented to line up under it.
fn wrap_labelled(line: &str, width: usize) -> Vec<String> {
    let indent = line
        .find("  ")
        .filter(|&i| i > 0 && i < 16)
        .map(|i| i + line[i..].len() - line[i..].trim_start().len())
        .unwrap_or(0);
    if indent == 0 || indent + 8 > width {
        return text::wrap(line, width);
    }
    let (label, value) = line.split_at(indent);
    text::wrap(value, width - indent)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                format!("{label}{part}")
            } else {
                format!("{}{part}", " ".repeat(indent))
            }
        })
        .collect()
}

/// Clears a centred box with a border and title; returns the space inside it.
pub fn framed(
    buf: &mut Buffer,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    theme: &Theme,
) -> Rect {
    let width = (width + 4).min(area.width);
    let height = (height + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(format!(" {} ", text::sanitize(title)))
        .title_style(theme.header);
    let inner = block.inner(rect);
    block.render(rect, buf);
    Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    )
}
