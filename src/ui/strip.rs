//! The strips under the board: the persona (`P`), so the room keeps the customer in view,
//! and the text being typed on a card, in full, across the whole width, so the room can read
//! it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{Theme, put};
use crate::app::View;
use crate::app::board_view::{INPUT_PROMPT, card_input, input_lines};
use crate::app::geometry::Geometry;

/// Draws the persona strip then the input strip in `area`; returns the cursor's place when
/// the input shows.
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    app: &View<'_>,
    geo: &Geometry,
    theme: &Theme,
) -> Option<Position> {
    let persona = Rect {
        height: geo.persona_rows.min(area.height),
        ..area
    };
    persona_strip(buf, persona, app, theme);
    let input = Rect {
        y: area.y + persona.height,
        height: area.height - persona.height,
        ..area
    };
    input_strip(buf, input, app, theme)
}

fn persona_strip(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let width = area.width.saturating_sub(2);
    let Some(persona) = &app.room.map.persona else {
        put(
            buf,
            area.x + 1,
            area.y,
            "No persona yet: p adds one (P hides this strip)",
            width,
            theme.dim,
        );
        return;
    };
    let mut y = area.y;
    let x = put(buf, area.x + 1, y, "Persona: ", width, theme.lane);
    let x = if persona.has_conflict() {
        put(buf, x, y, "⚡ ", area.right() - x, theme.title)
    } else {
        x
    };
    let x = put(buf, x, y, &persona.name, area.right() - x, theme.title);
    if !persona.summary.is_empty() {
        let x = put(buf, x, y, " — ", 3, theme.dim);
        put(
            buf,
            x,
            y,
            &persona.summary,
            area.right().saturating_sub(x + 1),
            theme.card,
        );
    }
    for (label, items) in [
        ("Goals: ", &persona.goals),
        ("Frustrations: ", &persona.frustrations),
    ] {
        if items.is_empty() {
            continue;
        }
        y += 1;
        if y >= area.bottom() {
            break;
        }
        let x = put(buf, area.x + 3, y, label, width, theme.lane);
        put(
            buf,
            x,
            y,
            &items.join(" · "),
            area.right().saturating_sub(x + 1),
            theme.card,
        );
    }
}

/// The card's text as it is typed, wrapped over the strip's full width, scrolled so the
/// cursor's line shows.
fn input_strip(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) -> Option<Position> {
    let input = card_input(app)?;
    if area.height == 0 {
        return None;
    }
    super::fill_style(buf, area, theme.input);
    let room = usize::from(area.width.saturating_sub(INPUT_PROMPT + 1)).max(1);
    // Only the part around the cursor can show: a long paste costs what shows.
    let text = input.text();
    let cursor = input.cursor();
    let window = room * (usize::from(area.height) + 1) * 2;
    let start = text[..cursor]
        .char_indices()
        .rev()
        .nth(window)
        .map_or(0, |(at, _)| at);
    let end = text[cursor..]
        .char_indices()
        .nth(window)
        .map_or(text.len(), |(at, _)| cursor + at);
    let (lines, (line, column)) = input_lines(&text[start..end], cursor - start, room);
    let rows = usize::from(area.height);
    let first = (line + 1).saturating_sub(rows);
    put(buf, area.x, area.y, " › ", INPUT_PROMPT, theme.key);
    // A proposal shows as selected: the first key typed replaces it.
    let style = if input.is_proposed() {
        theme.input.add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        theme.input
    };
    for (i, words) in lines.iter().skip(first).take(rows).enumerate() {
        let y = area.y + i as u16;
        put(buf, area.x + INPUT_PROMPT, y, words, room as u16, style);
    }
    Some(Position::new(
        area.x + INPUT_PROMPT + column as u16,
        area.y + (line - first) as u16,
    ))
}
