//! A participant's screen on the host: a ratatui terminal whose output is bytes to send over
//! SSH rather than writes to this process's terminal.
//!
//! The terminal diffs each frame against the last, so a frame is only the cells that changed;
//! [`SeatScreen::invalidate`] makes the next frame a whole screen (after a frame was dropped
//! for a slow connection, the participant's screen no longer matches what the diff assumes).

use std::io;
use std::sync::{Arc, Mutex, MutexGuard};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::{Frame, Terminal};

/// One participant's screen, at their terminal's size.
pub struct SeatScreen {
    terminal: Terminal<SeatBackend>,
    invalid: bool,
}

impl SeatScreen {
    /// A screen of `(columns, rows)`; the first draw paints all of it.
    pub fn new(size: (u16, u16)) -> Self {
        let backend = SeatBackend::new(size);
        // The backend answers its size from memory: creating the terminal cannot fail.
        let Ok(terminal) = Terminal::new(backend) else {
            unreachable!("a terminal over memory always starts")
        };
        Self {
            terminal,
            invalid: true,
        }
    }

    /// The participant's terminal changed size: the next draw repaints at the new size.
    pub fn resize(&mut self, size: (u16, u16)) {
        self.terminal.backend_mut().size = clamp(size);
        self.invalid = true;
    }

    /// The next draw repaints everything.
    pub fn invalidate(&mut self) {
        self.invalid = true;
    }

    pub fn size(&self) -> (u16, u16) {
        let size = self.terminal.backend().size;
        (size.width, size.height)
    }

    /// Draws a frame; returns the bytes that bring the participant's screen to it: only the
    /// cells that changed since the last draw, or everything after [`SeatScreen::invalidate`].
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> Vec<u8> {
        if std::mem::take(&mut self.invalid) {
            // Resets the back buffer (so every cell is sent) and clears the screen, with the
            // colours reset first so the clear does not paint a stale background.
            self.terminal.backend_mut().reset_style();
            // (Writing into memory cannot fail.)
            let _ = self.terminal.clear();
        }
        // A fixed size, so ratatui's resize check (which compares with the backend) sees a
        // change only after `resize`.
        let _ = self.terminal.draw(render);
        self.terminal.backend().sink.take()
    }
}

fn clamp((columns, rows): (u16, u16)) -> Size {
    // A zero-sized terminal (some clients send 0x0 before their first resize) still
    // needs a buffer.
    Size::new(columns.max(1), rows.max(1))
}

/// Crossterm's escape sequences written into memory; the size and cursor that crossterm
/// would ask the real terminal for are known here instead.
struct SeatBackend {
    inner: CrosstermBackend<Sink>,
    sink: Sink,
    size: Size,
    cursor: Position,
}

impl SeatBackend {
    fn new(size: (u16, u16)) -> Self {
        let sink = Sink::default();
        Self {
            inner: CrosstermBackend::new(sink.clone()),
            sink,
            size: clamp(size),
            cursor: Position::ORIGIN,
        }
    }

    fn reset_style(&mut self) {
        self.sink.bytes().extend_from_slice(b"\x1b[0m");
    }
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

impl Backend for SeatBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}
