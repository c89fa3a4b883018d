//! Rendering only: reads the `App` and draws it. Every string from a map reaches the buffer
//! through [`put`], which sanitises it and cuts it to display width.

mod board;
mod curve;
mod dialogs;
mod duplicate_pairs;
mod help;
mod list;
mod results;
mod status;
mod strip;
mod theme;
mod voting;
mod zoom;

pub use theme::{Theme, ThemeName};

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use unicode_segmentation::UnicodeSegmentation;

use crate::app::geometry::{ListScreen, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{LineInput, Room, Seat, View};
use crate::text;

/// Draws one frame and places the terminal cursor when a text input is open.
/// Draws the room as `seat` sees it: the whole screen of one person.
pub fn draw(frame: &mut Frame, room: &Room, seat: &Seat, theme: &Theme) {
    let area = frame.area();
    let app = &View::new(room, seat);
    if let Some(cursor) = render(frame.buffer_mut(), area, app, theme) {
        frame.set_cursor_position(cursor);
    }
}

/// Draws the whole screen into `buf`; returns where the cursor belongs, if anywhere.
pub fn render(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) -> Option<Position> {
    // A voting round and the results have screens of their own, without the board.
    if let Some(step) = voting::showing(app) {
        voting::render(buf, area, app, step, theme);
        return None;
    }
    if app.seat.mode == crate::app::Mode::Results {
        results::render(buf, area, app, theme);
        return None;
    }
    if app.seat.mode == crate::app::Mode::DuplicatePairs {
        duplicate_pairs::render(buf, area, app, theme);
        return None;
    }
    let Some(geo) = app.geometry_at(area.width, area.height) else {
        too_small(buf, area, app, theme);
        return None;
    };
    fill_style(buf, area, theme.base);
    // The board's geometry places everything from the screen's top-left corner.
    let regions = geo.regions;
    let (header, board, below, detail, footer) = (
        regions.header,
        regions.board,
        regions.strips,
        regions.detail,
        regions.footer,
    );
    status::header(buf, header, app, theme);
    let mut cursor = if app.seat.zoom {
        zoom::render(buf, board, app, theme)
    } else {
        board::render(buf, app, &geo, theme)
    };
    if let Some(pos) = strip::render(buf, below, app, &geo, theme) {
        cursor = Some(pos);
    }
    status::detail(buf, detail, app, theme);
    status::footer(buf, footer, app, theme);
    if let Some(pos) = dialogs::render(buf, area, app, theme) {
        cursor = Some(pos);
    }
    if app.seat.mode == crate::app::Mode::Help {
        help::render(buf, area, app.room.read_only, app.seat.help_scroll, theme);
    }
    theme.fill_background(buf);
    cursor
}

/// A screen of its own over the board (a voting round, the results): cleared, with the
/// header on top. Returns its regions, or `None` when the terminal has room for the status
/// bar alone (then drawn).
fn full_screen(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) -> Option<ListScreen> {
    ratatui::widgets::Widget::render(ratatui::widgets::Clear, area, buf);
    let Some(screen) = ListScreen::new(area) else {
        status::footer(buf, Rect { height: 1, ..area }, app, theme);
        return None;
    };
    status::header(buf, screen.header, app, theme);
    Some(screen)
}

impl ListScreen {
    /// Everything between the header and the status bar.
    fn body(&self) -> Rect {
        Rect {
            height: self.footer.y - self.title.y,
            ..self.title
        }
    }
}

/// The board does not fit: say how big the terminal must be, and keep a question that is
/// open (such as "Save changes?") answerable.
fn too_small(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) {
    let mut message = format!(
        "journeymap needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. Make it bigger, or press q to quit.",
        area.width, area.height
    );
    if app.seat.mode != crate::app::Mode::Normal {
        let keys: Vec<String> = crate::keymap::bindings(&app.seat.mode)
            .iter()
            .filter_map(|b| {
                Some(format!(
                    "{} {}",
                    crate::keymap::key_name(b.keys.first()?),
                    b.hint?
                ))
            })
            .collect();
        let question = if app.seat.mode == crate::app::Mode::ConfirmQuit {
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
        fill_style(buf, Rect::new(x, y, max, 1), style);
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
        let start = buf.index_of(x, y);
        for (cell, &b) in buf.content[start..start + shown.len()]
            .iter_mut()
            .zip(shown)
        {
            cell.set_char(char::from(b)).set_style(style);
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
    graphemes(buf, x, y, &clean, max, visible.len() < s.len(), style)
}

/// Draws `s` grapheme by grapheme, in one pass, as ratatui's `set_stringn` would, but ending
/// in "…" when it needs more than `max` columns (or `cut` says it goes on). Returns the
/// column after it.
fn graphemes(buf: &mut Buffer, x: u16, y: u16, s: &str, max: u16, cut: bool, style: Style) -> u16 {
    if max == 0 {
        return x;
    }
    // Columns that may be drawn while it is not yet known whether the text fits: one is
    // kept back for the ellipsis, and a grapheme that would fill it waits.
    let before_ellipsis = max - 1;
    let mut used: u16 = 0;
    let mut waiting: Option<(&str, u16)> = None;
    let mut overflow = cut;
    for g in s.graphemes(true) {
        let w = unicode_width::UnicodeWidthStr::width(g) as u16;
        if w == 0 {
            continue;
        }
        if waiting.is_some() || used + w > max {
            overflow = true;
            break;
        }
        if used + w > before_ellipsis {
            waiting = Some((g, w));
            continue;
        }
        cell(buf, x + used, y, g, w, style);
        used += w;
    }
    match (overflow, waiting) {
        (true, _) => {
            cell(buf, x + used, y, "…", 1, style);
            x + used + 1
        }
        (false, Some((g, w))) => {
            cell(buf, x + used, y, g, w, style);
            x + used + w
        }
        (false, None) => x + used,
    }
}

/// Applies `style` to the cells of `area` (within the buffer), as `Buffer::set_style` does,
/// a row at a time: a frame styles most of its cells, and a style with nothing in it
/// changes none.
pub(crate) fn fill_style(buf: &mut Buffer, area: Rect, style: Style) {
    let area = buf.area.intersection(area);
    if area.is_empty() || style == Style::new() {
        return;
    }
    for y in area.top()..area.bottom() {
        let start = buf.index_of(area.x, y);
        for cell in &mut buf.content[start..start + usize::from(area.width)] {
            cell.set_style(style);
        }
    }
}

/// One grapheme `w` columns wide at (x, y); the cells it covers are cleared, as ratatui's
/// buffer does.
fn cell(buf: &mut Buffer, x: u16, y: u16, g: &str, w: u16, style: Style) {
    buf[(x, y)].set_symbol(g).set_style(style);
    for hidden in x + 1..x + w {
        buf[(hidden, y)].reset();
    }
}

/// Whether `s` fits in `max` columns. Callers pass only the start of a long text, so
/// this costs in proportion to what can show.
pub(crate) fn fits(s: &str, max: usize) -> bool {
    (s.len() <= max && s.is_ascii()) || text::width(s) <= max
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
    fill_style(buf, Rect::new(x, y, width as u16, 1), style);
    let before = text::sanitize(&input.text()[..input.cursor()]);
    let after = text::sanitize(&input.text()[input.cursor()..]);
    // Keep the cursor inside the field: the end of the text before it that fits in one
    // column less than the field, found from the cursor backwards, so a long text (a
    // pasted list) costs only what shows.
    let mut start = before.len();
    let mut used = 0;
    for (i, g) in before.grapheme_indices(true).rev() {
        used += text::width(g);
        if used >= width {
            break;
        }
        start = i;
    }
    let shown_before = &before[start..];
    let cursor_x = x + text::width(shown_before) as u16;
    // A proposal shows as selected: the first key typed replaces it.
    let style = if input.is_proposed() {
        style.add_modifier(Modifier::REVERSED)
    } else {
        style
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `put` draws in a row `max` columns wide, and the column it returns.
    fn drawn(s: &str, max: u16) -> (String, u16) {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        let end = put(&mut buf, 0, 0, s, max, Style::default());
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..12 {
            let symbol = buf[(x, 0)].symbol();
            if skip == 0 {
                line.push_str(symbol);
            }
            skip = skip.max(text::width(symbol)).saturating_sub(1);
        }
        (line.trim_end().to_string(), end)
    }

    #[test]
    fn text_is_cut_with_an_ellipsis_only_when_it_does_not_fit() {
        assert_eq!(drawn("café au lait", 12), ("café au lait".into(), 12));
        assert_eq!(drawn("café au lait!", 12), ("café au lai…".into(), 12));
        // A wide character that exactly fills the row stays; one column short, it gives
        // way to the ellipsis.
        assert_eq!(drawn("abc日本", 7), ("abc日本".into(), 7));
        assert_eq!(drawn("abc日本", 6), ("abc日…".into(), 6));
        assert_eq!(drawn("abc日本x", 7), ("abc日…".into(), 6));
        // Emoji sequences and combining marks are one grapheme each.
        assert_eq!(
            drawn("👨\u{200d}👩\u{200d}👧 ok", 5),
            ("👨\u{200d}👩\u{200d}👧 ok".into(), 5)
        );
        assert_eq!(
            drawn("e\u{301}e\u{301}e\u{301}", 3),
            ("e\u{301}e\u{301}e\u{301}".into(), 3)
        );
        // Control characters never reach the buffer.
        assert_eq!(drawn("a\u{1b}[2Jb", 12), ("a␛[2Jb".into(), 6));
        assert_eq!(drawn("anything", 0), (String::new(), 0));
    }
}
