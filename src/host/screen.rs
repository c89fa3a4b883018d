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
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
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

    /// The indices of the cells to send, in order, as ratatui's diff would give them: a row
    /// of one-column cells (most rows: the symbols' widths cannot shift what follows) is
    /// compared cell by cell in place; a row with a wide or special cell goes through
    /// ratatui's diff.
    fn changed_cells(&mut self) -> Vec<usize> {
        let width = usize::from(self.next.area.width);
        let mut changed = Vec::new();
        if width == 0 {
            return changed;
        }
        let rows = self.next.content.chunks(width);
        for (y, (next, shown)) in rows.zip(self.shown.content.chunks(width)).enumerate() {
            let start = y * width;
            let Some(first) = next.iter().zip(shown).position(|(a, b)| !same(a, b)) else {
                continue;
            };
            if next.iter().chain(shown).all(one_column) {
                changed.extend(
                    (first..width)
                        .filter(|&x| !same(&next[x], &shown[x]))
                        .map(|x| start + x),
                );
                continue;
            }
            let area = Rect::new(0, 0, self.next.area.width, 1);
            fill(&mut self.row_next, area, next);
            fill(&mut self.row_shown, area, shown);
            changed.extend(
                self.row_shown
                    .diff_iter(&self.row_next)
                    .map(|(x, _, _)| start + usize::from(x)),
            );
        }
        changed
    }
}

/// Whether a cell takes exactly one column and asks nothing special of the diff: between
/// rows of such cells, ratatui's diff is the cells that differ.
#[inline]
fn one_column(cell: &Cell) -> bool {
    #[allow(deprecated)]
    let plain = !cell.skip && cell.diff_option == CellDiffOption::None;
    plain
        && match cell.symbol().as_bytes() {
            [byte] => (0x20..0x7f).contains(byte),
            _ => cell.cell_width() == 1,
        }
}

/// Whether two cells look the same: the cell's own `==`, with the cheap fields first and a
/// shortcut for one-byte symbols (most of a screen), which makes comparing a whole screen
/// a few times cheaper.
#[inline]
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
    use ratatui::style::{Color, Style};

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
    #[test]
    fn the_cells_sent_are_the_ones_ratatuis_diff_finds() {
        // Rows of one-column cells take the in-place comparison, rows with wide symbols
        // ratatui's diff: on random frames both must give ratatui's cells of the whole screen.
        let symbols = ["a", "b", " ", "│", "●", "é", "コ", "😀", "❤\u{FE0F}", "…"];
        let colors = [Color::Reset, Color::Red, Color::Blue];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (width, height) = (12u16, 6u16);
        let mut screen = SeatScreen::new((width, height));
        let mut shown = Buffer::empty(Rect::new(0, 0, width, height));
        screen.draw(|_| None);
        for _ in 0..400 {
            let mut frame = shown.clone();
            for _ in 0..next(8) {
                let (x, y) = (
                    next(usize::from(width)) as u16,
                    next(usize::from(height)) as u16,
                );
                // Mostly plain text, now and then a wide symbol.
                let symbol = symbols[if next(4) == 0 {
                    next(symbols.len())
                } else {
                    next(6)
                }];
                let style = Style::default()
                    .fg(colors[next(colors.len())])
                    .bg(colors[next(2)]);
                frame.set_stringn(x, y, symbol, usize::from(width - x), style);
            }
            let expected: Vec<usize> = shown
                .diff(&frame)
                .iter()
                .map(|&(x, y, _)| frame.index_of(x, y))
                .collect();
            screen.next.clone_from(&frame);
            let changed = screen.changed_cells();
            assert_eq!(changed, expected);
            std::mem::swap(&mut screen.shown, &mut screen.next);
            shown = frame;
        }
    }
}
