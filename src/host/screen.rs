//! A participant's screen on the host: frames drawn into memory and turned into the bytes
//! that bring the participant's terminal from the last frame to this one.
//!
//! A frame is only the cells that changed, and nothing at all when nothing did (a redraw
//! for others' changes that this seat does not show sends no bytes).
//! [`SeatScreen::invalidate`] makes the next frame a whole screen (after a frame was dropped
//! for a slow connection, the participant's screen no longer matches what the diff assumes).
//!
//! The host draws hundreds of frames a second, most of them differing from the last in a
//! row or two, so rows are compared first and only the rows that differ go through
//! ratatui's cell diff (which measures every cell's width, and costs as much as drawing).

use std::io;
use std::sync::{Arc, Mutex, MutexGuard};

use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};

/// One participant's screen, at their terminal's size.
pub struct SeatScreen {
    /// What the participant's terminal shows: the last frame sent.
    shown: Buffer,
    /// The frame being drawn; kept between frames so drawing allocates nothing.
    next: Buffer,
    /// One row of each, for the cell diff of a row that changed.
    row_shown: Buffer,
    row_next: Buffer,
    /// Crossterm's escape sequences, written into `sink`.
    out: CrosstermBackend<Sink>,
    sink: Sink,
    /// Where the participant's cursor is shown (`None`: hidden), when known.
    cursor: Option<Option<Position>>,
    invalid: bool,
}

impl SeatScreen {
    /// A screen of `(columns, rows)`; the first draw paints all of it.
    pub fn new(size: (u16, u16)) -> Self {
        let area = area(size);
        let sink = Sink::default();
        Self {
            shown: Buffer::empty(area),
            next: Buffer::empty(area),
            row_shown: Buffer::empty(Rect::default()),
            row_next: Buffer::empty(Rect::default()),
            out: CrosstermBackend::new(sink.clone()),
            sink,
            cursor: None,
            invalid: true,
        }
    }

    /// The participant's terminal changed size: the next draw repaints at the new size.
    pub fn resize(&mut self, size: (u16, u16)) {
        let area = area(size);
        self.shown.resize(area);
        self.next.resize(area);
        self.invalid = true;
    }

    /// The next draw repaints everything.
    pub fn invalidate(&mut self) {
        self.invalid = true;
    }

    pub fn size(&self) -> (u16, u16) {
        (self.next.area.width, self.next.area.height)
    }

    /// Draws a frame with `render`, which fills the buffer it is given and says where the
    /// cursor belongs (`None`: hidden); returns the bytes that bring the participant's
    /// screen to it: only the cells that changed since the last draw (none when nothing
    /// did), or everything after [`SeatScreen::invalidate`].
    pub fn draw(&mut self, render: impl FnOnce(&mut Buffer) -> Option<Position>) -> Vec<u8> {
        // (Writing into memory cannot fail: the results below are all `Ok`.)
        if std::mem::take(&mut self.invalid) {
            // Clears the screen with the colours reset first, so the clear does not paint a
            // stale background; then every cell that is not blank is sent.
            self.sink.bytes().extend_from_slice(b"\x1b[0m");
            let _ = self.out.clear_region(ClearType::All);
            self.shown.reset();
            self.cursor = None;
        }
        self.next.reset();
        let cursor = render(&mut self.next);
        let changed = self.changed_cells();
        let drew = !changed.is_empty();
        if drew {
            let next = &self.next;
            let cells = changed.iter().map(|&i| {
                let (x, y) = next.pos_of(i);
                (x, y, &next.content[i])
            });
            let _ = self.out.draw(cells);
        }
        // Drawing moves the terminal's cursor: it is put back after any cells, and shown or
        // hidden when that changed.
        match cursor {
            None if self.cursor != Some(None) => {
                let _ = self.out.hide_cursor();
            }
            Some(position) if drew || self.cursor != Some(Some(position)) => {
                if !matches!(self.cursor, Some(Some(_))) {
                    let _ = self.out.show_cursor();
                }
                let _ = self.out.set_cursor_position(position);
            }
            _ => {}
        }
        self.cursor = Some(cursor);
        std::mem::swap(&mut self.shown, &mut self.next);
        self.sink.take()
    }

    /// The indices of the cells to send, in order: ratatui's diff of each row that differs
    /// from the one shown.
    fn changed_cells(&mut self) -> Vec<usize> {
        let width = usize::from(self.next.area.width);
        let mut changed = Vec::new();
        if width == 0 {
            return changed;
        }
        let rows = self.next.content.chunks(width);
        for (y, (next, shown)) in rows.zip(self.shown.content.chunks(width)).enumerate() {
            if next.iter().zip(shown).all(|(a, b)| same(a, b)) {
                continue;
            }
            let area = Rect::new(0, 0, self.next.area.width, 1);
            fill(&mut self.row_next, area, next);
            fill(&mut self.row_shown, area, shown);
            let start = y * width;
            changed.extend(
                self.row_shown
                    .diff_iter(&self.row_next)
                    .map(|(x, _, _)| start + usize::from(x)),
            );
        }
        changed
    }
}

/// Whether two cells look the same: the cell's own `==`, with the cheap fields first and a
/// shortcut for one-byte symbols (most of a screen), which makes comparing a whole screen
/// a few times cheaper.
fn same(a: &Cell, b: &Cell) -> bool {
    #[allow(deprecated)]
    let flags = a.skip == b.skip;
    if !(flags
        && a.fg == b.fg
        && a.bg == b.bg
        && a.underline_color == b.underline_color
        && a.modifier == b.modifier
        && a.diff_option == b.diff_option)
    {
        return false;
    }
    match (a.symbol().as_bytes(), b.symbol().as_bytes()) {
        ([x], [y]) => x == y,
        (x, y) => x == y,
    }
}

/// Makes `row` a one-row buffer holding `cells`.
fn fill(row: &mut Buffer, area: Rect, cells: &[Cell]) {
    row.area = area;
    row.content.clear();
    row.content.extend_from_slice(cells);
}

/// Where crossterm writes: memory the screen takes each frame's bytes from.
#[derive(Debug, Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    fn bytes(&self) -> MutexGuard<'_, Vec<u8>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.bytes())
    }
}

impl io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn area((columns, rows): (u16, u16)) -> Rect {
    // A zero-sized terminal (some clients send 0x0 before their first resize) still
    // needs a buffer.
    Rect::new(0, 0, columns.max(1), rows.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(buf: &mut Buffer, s: &str) -> Option<Position> {
        buf.set_string(0, 1, s, ratatui::style::Style::default());
        None
    }

    #[test]
    fn a_frame_is_the_changed_cells_and_nothing_when_nothing_changed() {
        let mut screen = SeatScreen::new((20, 3));
        let first = String::from_utf8(screen.draw(|b| text(b, "hello"))).unwrap();
        assert!(
            first.contains("\x1b[2J") && first.contains("hello"),
            "{first:?}"
        );
        assert!(screen.draw(|b| text(b, "hello")).is_empty());
        let next = String::from_utf8(screen.draw(|b| text(b, "help"))).unwrap();
        // Only the fourth cell and the fifth (now blank) are written, from column 4.
        assert!(next.starts_with("\x1b[2;4Hp "), "{next:?}");
        assert!(!next.contains("hel"), "{next:?}");
    }

    #[test]
    fn the_cursor_is_moved_back_after_drawing_and_otherwise_left_alone() {
        let mut screen = SeatScreen::new((20, 3));
        let at = Position::new(3, 1);
        let first = String::from_utf8(screen.draw(|_| Some(at))).unwrap();
        assert!(first.ends_with("\x1b[?25h\x1b[2;4H"), "{first:?}");
        assert!(screen.draw(|_| Some(at)).is_empty());
        let moved = String::from_utf8(screen.draw(|b| text(b, "x").or(Some(at)))).unwrap();
        assert!(moved.starts_with("\x1b[2;1Hx"), "{moved:?}");
        assert!(moved.ends_with("\x1b[0m\x1b[2;4H"), "{moved:?}");
        assert!(!moved.contains("\x1b[?25h"), "{moved:?}");
        let hidden = String::from_utf8(screen.draw(|b| text(b, "x"))).unwrap();
        assert_eq!(hidden, "\x1b[?25l");
        screen.invalidate();
        let whole = String::from_utf8(screen.draw(|b| text(b, "x"))).unwrap();
        assert!(whole.contains("\x1b[2J") && whole.contains('x') && whole.ends_with("\x1b[?25l"));
    }
}
