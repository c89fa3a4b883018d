//! Reading the terminal's input. The editor reads the terminal itself rather than through
//! the terminal library's event reader, for two reasons:
//!
//! - everything pending is read before the loop sleeps again: the library reads a kilobyte
//!   at a time and then waits for the terminal to signal new input, so text typed ahead
//!   past the first kilobyte waited for the next key;
//! - a bracketed paste whose end never comes (a cut connection, a terminal that drops it)
//!   is shown as arriving and ended by Esc or a short silence, keeping what arrived; the
//!   library swallows every key after such a start.
//!
//! The bytes are parsed by [`InputParser`], the parser of participants' keys too.

use std::io;
use std::time::Duration;
#[cfg(unix)]
use std::time::Instant;

use ratatui::crossterm::event::Event;

#[cfg(unix)]
use crate::terminal_input::InputParser;

/// The most read in one wake-up, so a flood of input still lets the board be drawn.
#[cfg(unix)]
const MOST_PER_READ: usize = 256 * 1024;

/// What arrived while waiting.
#[derive(Debug, Default)]
pub struct Received {
    pub events: Vec<Event>,
    /// A paste has started and not ended: how many characters have come so far. Only set
    /// when the count changed.
    pub pasting: Option<usize>,
}

/// The terminal's input: the terminal itself and a pipe that a resize writes to.
#[cfg(unix)]
pub struct Reader {
    resized: std::os::unix::net::UnixStream,
    parser: InputParser,
    /// When the terminal last sent anything.
    heard: Instant,
    /// The character count last reported for the paste under way.
    reported: Option<usize>,
}

#[cfg(unix)]
impl Reader {
    pub fn new() -> io::Result<Reader> {
        let (resized, write_end) = std::os::unix::net::UnixStream::pair()?;
        resized.set_nonblocking(true)?;
        write_end.set_nonblocking(true)?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write_end)?;
        Ok(Reader {
            resized,
            parser: InputParser::new(),
            heard: Instant::now(),
            reported: None,
        })
    }

    /// Waits up to `timeout` for input, or for `bell` to become readable (a live session's
    /// participants), then reads all the terminal has pending.
    pub fn wait(
        &mut self,
        timeout: Duration,
        bell: Option<std::os::raw::c_int>,
    ) -> io::Result<Received> {
        use std::io::Read as _;
        use std::os::fd::AsRawFd as _;

        let mut received = Received::default();
        let timeout = self.quiet_deadline().map_or(timeout, |due| {
            timeout.min(due.saturating_duration_since(Instant::now()))
        });
        let tty = libc::STDIN_FILENO;
        let mut fds = [
            libc::pollfd {
                fd: tty,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.resized.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: bell.unwrap_or(-1),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let millis = libc::c_int::try_from(timeout.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: `fds` is a valid array of three pollfd structures for the whole call (a
        // negative descriptor, when there is no bell, is skipped by poll).
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 3, millis) };
        if ready < 0 {
            let error = io::Error::last_os_error();
            return match error.kind() {
                io::ErrorKind::Interrupted => Ok(received),
                _ => Err(error),
            };
        }
        if fds[1].revents != 0 {
            let mut drain = [0u8; 64];
            while matches!((&self.resized).read(&mut drain), Ok(n) if n > 0) {}
            let (width, height) = ratatui::crossterm::terminal::size()?;
            received.events.push(Event::Resize(width, height));
        }
        if fds[0].revents != 0 {
            let bytes = read_pending(tty)?;
            if !bytes.is_empty() {
                self.heard = Instant::now();
                received.events.extend(self.parser.feed(&bytes));
                received.events.extend(self.parser.end_of_read());
            }
        }
        if self
            .quiet_deadline()
            .is_some_and(|due| due <= Instant::now())
        {
            received.events.extend(self.parser.flush());
        }
        let pasting = self.parser.pasting();
        if pasting.is_some() && pasting != self.reported {
            received.pasting = pasting;
        }
        self.reported = pasting;
        Ok(received)
    }

    /// When what is waiting (an unfinished paste or sequence) is complete if nothing more
    /// comes.
    fn quiet_deadline(&self) -> Option<Instant> {
        Some(self.heard + self.parser.quiet_limit()?)
    }
}

/// Reads everything the terminal has for us now (up to [`MOST_PER_READ`]).
#[cfg(unix)]
fn read_pending(tty: libc::c_int) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        // SAFETY: `chunk` is valid for writes of its whole length.
        let n = unsafe { libc::read(tty, chunk.as_mut_ptr().cast(), chunk.len()) };
        match n {
            n if n > 0 => bytes.extend_from_slice(&chunk[..n.unsigned_abs()]),
            0 => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the terminal closed",
                ));
            }
            _ => {
                let error = io::Error::last_os_error();
                match error.kind() {
                    io::ErrorKind::Interrupted => continue,
                    _ if !bytes.is_empty() => return Ok(bytes),
                    _ => return Err(error),
                }
            }
        }
        if bytes.len() >= MOST_PER_READ || !readable_now(tty) {
            return Ok(bytes);
        }
    }
}

/// Whether the terminal has input waiting, without waiting for it.
#[cfg(unix)]
fn readable_now(tty: libc::c_int) -> bool {
    let mut fd = libc::pollfd {
        fd: tty,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd for the whole call.
    unsafe { libc::poll(&raw mut fd, 1, 0) > 0 && fd.revents & libc::POLLIN != 0 }
}

/// Elsewhere the terminal library reads the input.
#[cfg(not(unix))]
pub struct Reader;

#[cfg(not(unix))]
impl Reader {
    pub fn new() -> io::Result<Reader> {
        Ok(Reader)
    }

    pub fn wait(&mut self, timeout: Duration, _bell: Option<i32>) -> io::Result<Received> {
        use ratatui::crossterm::event;
        let mut received = Received::default();
        if event::poll(timeout)? {
            received.events.push(event::read()?);
            while event::poll(Duration::ZERO)? {
                received.events.push(event::read()?);
            }
        }
        Ok(received)
    }
}
