//! Boxes over the board: text inputs that are not inline on a card, the stage and persona
//! menus, and the "Save changes?" question.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::{Theme, input_line, put};
use crate::app::timer::{Display, clock};
use crate::app::{Mode, PersonaField, Target, View};
use crate::keymap::{self, Binding};
use crate::model::CardField;
use crate::text;

pub fn render(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) -> Option<Position> {
    match &app.seat.mode {
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
            let persona = app.room.map.persona.clone().unwrap_or_default();
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
        Mode::Roster => {
            let lines = app.roster();
            menu(buf, area, "Who is here", &lines, keymap::ROSTER, theme);
            None
        }
        Mode::ConfirmQuit => {
            menu(buf, area, "Save changes?", &[], keymap::CONFIRM_QUIT, theme);
            None
        }
        Mode::RecoveryOffer { summary, age, of } => {
            let which = match of {
                (_, 1) => String::new(),
                (i, n) => format!(" (copy {i} of {n}, newest first)"),
            };
            let lines = [
                format!(
                    "A recovery copy of this map was found{which}, written {age}, from a session that ended without saving:"
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
        Mode::ChangedOnDisk { deleted } => {
            let (title, line) = if *deleted {
                (
                    "Deleted on disk",
                    "The file was deleted on disk since it was opened: o writes it again.",
                )
            } else {
                (
                    "Changed on disk",
                    "The file changed on disk since it was opened (another editor, git pull…).",
                )
            };
            let lines = [line.to_string()];
            let keys = if *deleted {
                keymap::DELETED_ON_DISK
            } else {
                keymap::CHANGED_ON_DISK
            };
            menu(buf, area, title, &lines, keys, theme);
            None
        }
        Mode::FileExists => {
            let name = app.room.saving().map_or(String::new(), |p| {
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
        Mode::MoveLane => {
            let text = app.selected_card().map_or("", |c| c.text.as_str());
            let lines = [format!("Move '{}' to:", text::ellipsize(text, 40))];
            menu(buf, area, "Move to lane", &lines, keymap::MOVE_LANE, theme);
            None
        }
        Mode::Export => {
            let lines: Vec<String> = crate::app::exporting::choices()
                .enumerate()
                .map(|(i, e)| {
                    let what = if e.name == crate::app::exporting::SUMMARY.name {
                        "summary of the workshop's outcome"
                    } else {
                        e.name
                    };
                    format!("{}  {what} (.{})", i + 1, e.extensions[0])
                })
                .collect();
            menu(
                buf,
                area,
                "Export a snapshot",
                &lines,
                keymap::EXPORT,
                theme,
            );
            None
        }
        Mode::ConfirmRemoveStage { stage } => {
            let lines = match app.room.map.stages.get(*stage) {
                Some(s) => vec![format!(
                    "Remove stage '{}' and its {}?",
                    text::sanitize(&s.name),
                    crate::present::count(s.card_count(), "card")
                )],
                None => Vec::new(),
            };
            menu(
                buf,
                area,
                "Remove stage",
                &lines,
                keymap::CONFIRM_REMOVE_STAGE,
                theme,
            );
            None
        }
        Mode::ExportExists(path) => {
            let lines = [format!(
                "{} already exists. Replace it with the snapshot?",
                text::sanitize(&path.display().to_string())
            )];
            menu(
                buf,
                area,
                "File exists",
                &lines,
                keymap::EXPORT_EXISTS,
                theme,
            );
            None
        }
        Mode::Summary { scroll } => {
            summary(buf, area, app, *scroll, theme);
            None
        }
        Mode::Timer => {
            let line = match app.room.now().and_then(|now| app.room.timer.display(now)) {
                Some(Display::Left { seconds, running }) => format!(
                    "{} left{}",
                    clock(seconds),
                    if running { ", running" } else { "" }
                ),
                Some(Display::TimesUp) => "Time's up".to_string(),
                None => format!(
                    "Set to {}; it shows in the header once started.",
                    clock(app.room.timer.length().as_secs())
                ),
            };
            menu(buf, area, "Timer", &[line], keymap::TIMER, theme);
            None
        }
        Mode::Search { input } => {
            // The query is typed on the line under the board, with the count beside it.
            let y = area.bottom().saturating_sub(2);
            let count = match &app.seat.search {
                Some(s) if s.count() > 0 => {
                    let at = s
                        .position(app.seat.selection)
                        .map_or("-".into(), |i| i.to_string());
                    format!("  {at}/{}", s.count())
                }
                Some(s) if !s.query.trim().is_empty() => "  no match".into(),
                _ => String::new(),
            };
            let count_width = text::width(&count) as u16;
            // The line held the selected card's details: clear it whole first.
            put(
                buf,
                area.x,
                y,
                &" ".repeat(usize::from(area.width)),
                area.width,
                theme.card,
            );
            let x = put(buf, area.x + 1, y, "/", 1, theme.key);
            let field = area.width.saturating_sub(x - area.x + count_width + 2);
            let cursor = input_line(buf, x, y, field, input, theme.card);
            put(buf, x + field + 1, y, &count, count_width, theme.info);
            Some(cursor)
        }
        Mode::Normal | Mode::Help => None,
        Mode::Voting(_) | Mode::Results | Mode::DuplicatePairs => None,
    }
}

/// The workshop's outcome over the whole board, as `journeymap summary` prints it, scrolled
/// by `scroll` rows.
fn summary(buf: &mut Buffer, area: Rect, app: &View<'_>, scroll: usize, theme: &Theme) {
    let outcome = crate::summary::Outcome::of(&app.room.map);
    let width = usize::from(area.width.saturating_sub(6));
    let mut body = crate::summary::text::render(
        &outcome,
        &crate::summary::text::Options {
            width,
            color: false,
        },
    );
    if app.room.live.is_some() {
        let session = crate::text::wrap(&app.room.tally.sentence(), width.max(1)).join("\n");
        body = format!("{session}\n\n{body}");
    }
    let lines: Vec<&str> = body.lines().collect();
    let rows = usize::from(area.height.saturating_sub(4)).max(1);
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    let inner = framed(
        buf,
        area,
        area.width.saturating_sub(4),
        rows as u16,
        "The workshop's outcome (↑↓ scroll, Esc closes)",
        theme,
    );
    for (i, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        put(
            buf,
            inner.x,
            inner.y + i as u16,
            line,
            inner.width,
            theme.card,
        );
    }
}

/// The dialog title for a text input, or `None` for the inputs drawn inline on the board.
fn input_label(app: &View<'_>, target: Target) -> Option<String> {
    let stage = |i: usize| {
        app.room
            .map
            .stages
            .get(i)
            .map_or(String::new(), |s| s.name.clone())
    };
    Some(match target {
        Target::NewCard(_) | Target::CardText(_) => return None,
        Target::CardField(field, _) => match field {
            CardField::Notes => "Notes on the card".into(),
            CardField::Channel => "Channel of the touchpoint (web, email, store…)".into(),
            CardField::Source => "Where the evidence comes from (interview, ticket, metric)".into(),
            CardField::Owner => "Who takes the opportunity on".into(),
            other => format!("The card's {}", other.label()),
        },
        Target::StageName(i) => format!("Rename stage '{}'", stage(i)),
        Target::NewStage(_) => "Name of the new stage".into(),
        Target::StageDescription(i) => format!("Question or description of '{}'", stage(i)),
        Target::Title => "Title of the map".into(),
        Target::TimerLength => format!(
            "Timer length, now {}: minutes (5) or mm:ss (1:30)",
            clock(app.room.timer.length().as_secs())
        ),
        Target::ExportPath => "Write the snapshot to (Enter writes, Esc cancels)".into(),
        Target::Persona(PersonaField::Name) => "Persona name".into(),
        Target::Persona(PersonaField::Summary) => "Persona summary".into(),
        Target::Persona(PersonaField::Goals) => "Persona goals (separate with ;)".into(),
        Target::Persona(PersonaField::Frustrations) => {
            "Persona frustrations (separate with ;)".into()
        }
        Target::SaveAs => "Save as (file name; .ron is added if missing)".into(),
        Target::SeatName => "Your name, as the room sees it (Enter)".into(),
    })
}

/// A titled menu: some lines of information, then one line per key.
pub(super) fn menu(
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
    // Each key's words wrap under themselves, never cut: what a key does is read whole.
    let help_width = wrap_at.saturating_sub(14).max(8);
    let helps: Vec<Vec<String>> = keys
        .iter()
        .map(|binding| text::wrap(binding.help, help_width))
        .collect();
    let key_rows: usize = helps.iter().map(|h| h.len().max(1)).sum();
    let height = (lines.len() + usize::from(!lines.is_empty()) + key_rows) as u16;
    let inner = framed(buf, area, WIDTH, height, title, theme);
    let mut y = inner.y;
    for line in &lines {
        put(buf, inner.x, y, line, inner.width, theme.card);
        y += 1;
    }
    if !lines.is_empty() {
        y += 1;
    }
    'keys: for (binding, help) in keys.iter().zip(&helps) {
        if y >= inner.bottom() {
            break;
        }
        let x = put(buf, inner.x, y, &keymap::keys_label(binding), 12, theme.key);
        let help_x = inner.x + 13.max(x - inner.x + 1);
        for line in help {
            if y >= inner.bottom() {
                break 'keys;
            }
            put(
                buf,
                help_x,
                y,
                line,
                inner.right().saturating_sub(help_x),
                theme.card,
            );
            y += 1;
        }
        if help.is_empty() {
            y += 1;
        }
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
