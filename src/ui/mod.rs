//! Rendering only: reads the `App` and draws it. Every string from a map reaches the buffer
//! through [`put`], which sanitises it and cuts it to display width.

mod board;
mod dialogs;
mod help;
mod status;
mod theme;

pub use theme::Theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::view::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, LineInput};
use crate::text;

/// Draws one frame and places the terminal cursor when a text input is open.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if let Some(cursor) = render(frame.buffer_mut(), area, app, theme) {
        frame.set_cursor_position(cursor);
    }
}

/// Draws the whole screen into `buf`; returns where the cursor belongs, if anywhere.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) -> Option<Position> {
    let Some(geo) = app.geometry_at(area.width, area.height) else {
        too_small(buf, area, app, theme);
        return None;
    };
    status::header(buf, area, app, theme);
    let mut cursor = board::render(buf, app, &geo, theme);
    status::detail(buf, area, app, &geo, theme);
    status::footer(buf, area, app, theme);
    if let Some(pos) = dialogs::render(buf, area, app, theme) {
        cursor = Some(pos);
    }
    if app.mode == crate::app::Mode::Help {
        help::render(buf, area, app.read_only, theme);
    }
    cursor
}

/// The board does not fit: say how big the terminal must be, and keep a question that is
/// open (such as "Save changes?") answerable.
fn too_small(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let mut message = format!(
        "journeymap needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. Make it bigger, or press q to quit.",
        area.width, area.height
    );
    if app.mode != crate::app::Mode::Normal {
        let keys: Vec<String> = crate::keymap::bindings(&app.mode)
            .iter()
            .filter_map(|b| {
                Some(format!(
                    "{} {}",
                    crate::keymap::key_name(b.keys.first()?),
                    b.hint?
                ))
            })
            .collect();
        let question = if app.mode == crate::app::Mode::ConfirmQuit {
            "Save changes? "
        } else {
            ""
        };
        message = format!(
            "{question}{}. (The board needs {MIN_WIDTH}x{MIN_HEIGHT}.)",
            keys.join(", ")
        );
    }
    for (i, line) in text::wrap(&message, usize::from(area.width))
        .iter()
        .enumerate()
    {
        if i as u16 >= area.height {
            break;
        }
        put(
            buf,
            area.x,
            area.y + i as u16,
            line,
            area.width,
            theme.header,
        );
    }
}

/// Writes `s` at (x, y), sanitised and cut to `max` columns (ending in "…" when cut); a style with nothing to write
/// still paints the cells (for a selection bar). Returns the column after the text.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: u16, style: Style) -> u16 {
    let area = buf.area;
    if y >= area.bottom() || x >= area.right() {
        return x;
    }
    let max = max.min(area.right() - x);
    if s.is_empty() {
        buf.set_style(Rect::new(x, y, max, 1), style);
        return x;
    }
    // Fast path for the common case, plain ASCII: a cell per byte, no grapheme segmentation,
    // and only the bytes that can show are looked at. Most of a frame's text takes it.
    let max_cols = usize::from(max);
    let head = &s.as_bytes()[..s.len().min(max_cols + 1)];
    if head.iter().all(|b| (0x20..0x7f).contains(b)) {
        let (shown, ellipsis) = if s.len() <= max_cols {
            (head, false)
        } else {
            (&head[..max_cols.saturating_sub(1)], max_cols > 0)
        };
        for (i, &b) in shown.iter().enumerate() {
            buf[(x + i as u16, y)]
                .set_char(char::from(b))
                .set_style(style);
        }
        let mut end = x + shown.len() as u16;
        if ellipsis {
            buf[(end, y)].set_char('…').set_style(style);
            end += 1;
        }
        return end;
    }
    // Only the start of a long text can show: sanitise just that much. Every column holds
    // at least one char, so a few chars per column leave room for combining marks.
    let visible = match s.char_indices().nth(max_cols * 4 + 4) {
        Some((cut, _)) => &s[..cut],
        None => s,
    };
    let clean = text::sanitize(visible);
    let shown = if visible.len() == s.len() && fits(&clean, max_cols) {
        std::borrow::Cow::Borrowed(clean.as_ref())
    } else if max_cols == 0 {
        std::borrow::Cow::Borrowed("")
    } else {
        // Too wide (or cut above): what fits in one column less, then the ellipsis.
        std::borrow::Cow::Owned(format!("{}…", text::truncate(&clean, max_cols - 1)))
    };
    let (end, _) = buf.set_stringn(x, y, shown, usize::from(max), style);
    end
}

/// Whether `s` fits in `max` columns, looking no further than it must: a card's text may be
/// long, and only the part that can show should cost anything.
pub(crate) fn fits(s: &str, max: usize) -> bool {
    if s.len() <= max && s.is_ascii() {
        return true;
    }
    let mut used = 0;
    for c in s.chars() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > max {
            return false;
        }
    }
    // Per-char widths can exceed the grapheme widths (emoji sequences); check the exact way.
    text::width(s) <= max
}

/// Draws a text input in `width` columns at (x, y), scrolled so the cursor shows, and
/// returns the cursor's screen position.
pub(crate) fn input_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    input: &LineInput,
    style: Style,
) -> Position {
    let width = usize::from(width.max(2));
    buf.set_style(
        Rect::new(x, y, width as u16, 1).intersection(buf.area),
        style,
    );
    let before = text::sanitize(&input.text()[..input.cursor()]);
    let after = text::sanitize(&input.text()[input.cursor()..]);
    // Keep the cursor inside the field: drop text from the left until it fits.
    let mut start = 0;
    while text::width(&before[start..]) >= width {
        start += before[start..].chars().next().map_or(1, char::len_utf8);
    }
    let shown_before = &before[start..];
    let cursor_x = x + text::width(shown_before) as u16;
    let end = put(buf, x, y, shown_before, width as u16, style);
    put(
        buf,
        end,
        y,
        &after,
        (width - text::width(shown_before)) as u16,
        style,
    );
    Position::new(cursor_x, y)
}
