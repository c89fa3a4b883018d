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
//! The bytes between pastes are parsed as the library parses them (the same parser), and
//! handed on as the library's events.

use std::io;
use std::time::Duration;
#[cfg(unix)]
use std::time::Instant;

use ratatui::crossterm::event::Event;

/// Marks the start and the end of a bracketed paste.
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";
/// A paste that has been silent this long has ended, whatever its end marker.
const PASTE_SILENCE: Duration = Duration::from_millis(1000);
/// An Esc during a paste (nothing after it for this long) ends the paste.
const PASTE_ESC: Duration = Duration::from_millis(60);
/// The most read in one wake-up, so a flood of input still lets the board be drawn.
const MOST_PER_READ: usize = 256 * 1024;

/// What arrived while waiting.
#[derive(Debug, Default)]
pub struct Received {
    pub events: Vec<Event>,
    /// A paste has started and not ended: how many characters have come so far. Only set
    /// when the count changed.
    pub pasting: Option<usize>,
}

/// Splits terminal input into events: pastes here, everything else through the parser.
#[derive(Debug, Default)]
struct Decoder {
    /// Bytes of an event not complete yet.
    pending: Vec<u8>,
    /// The text of a paste that has started and not ended.
    paste: Option<Vec<u8>>,
}

impl Decoder {
    /// Decodes `bytes`, the whole of one read: an Esc at the very end is the Esc key.
    fn feed(&mut self, bytes: &[u8], events: &mut Vec<Event>) {
        let mut at = 0;
        while at < bytes.len() {
            if let Some(paste) = &mut self.paste {
                let searched_from = paste.len().saturating_sub(PASTE_END.len() - 1);
                paste.extend_from_slice(&bytes[at..]);
                let Some(end) = find(&paste[searched_from..], PASTE_END) else {
                    return;
                };
                let end = searched_from + end;
                let rest = paste.split_off(end + PASTE_END.len());
                paste.truncate(end);
                events.push(self.end_paste());
                // What came after the end marker is read again, as keys.
                return self.feed(&rest, events);
            }
            self.pending.push(bytes[at]);
            at += 1;
            let more = at < bytes.len();
            if self.pending == PASTE_START {
                self.pending.clear();
                self.paste = Some(Vec::new());
            } else if PASTE_START.starts_with(&self.pending) && (more || self.pending.len() > 1) {
                // Perhaps a paste starting: wait for the rest (a lone Esc at the end of a
                // read is the Esc key, below).
            } else if self.pending == b"\x1b" && more {
                // Esc followed by more: a sequence or an Alt combination.
            } else {
                match terminput::Event::parse_from(&self.pending) {
                    Ok(None) => {}
                    Ok(Some(event)) => {
                        self.pending.clear();
                        events.extend(terminput_crossterm::to_crossterm(event).ok());
                    }
                    Err(_) => self.pending.clear(),
                }
            }
        }
    }

    /// Ends the paste under way, keeping its text; a partial end marker (the Esc key, or
    /// the start of an end marker that never finished) is dropped.
    fn end_paste(&mut self) -> Event {
        let mut text = self.paste.take().unwrap_or_default();
        if let Some(partial) = (1..PASTE_END.len())
            .rev()
            .find(|&n| text.ends_with(&PASTE_END[..n]))
        {
            text.truncate(text.len() - partial);
        }
        Event::Paste(String::from_utf8_lossy(&text).into_owned())
    }

    /// Characters of the paste under way, if one is.
    fn pasting(&self) -> Option<usize> {
        let paste = self.paste.as_ref()?;
        Some(String::from_utf8_lossy(paste).chars().count())
    }

    /// Whether the paste under way ends with what may be an Esc key (or an end marker
    /// still on its way).
    fn paste_ends_with_escape(&self) -> bool {
        self.paste
            .as_ref()
            .is_some_and(|paste| (1..PASTE_END.len()).any(|n| paste.ends_with(&PASTE_END[..n])))
    }
}

/// The position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The terminal's input: the terminal itself and a pipe that a resize writes to.
#[cfg(unix)]
pub struct Reader {
    resized: std::os::unix::net::UnixStream,
    decoder: Decoder,
    /// When the paste under way last received anything.
    paste_heard: Instant,
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
            decoder: Decoder::default(),
            paste_heard: Instant::now(),
            reported: None,
        })
    }

    /// Waits up to `timeout` for input, then reads all that is pending.
    pub fn wait(&mut self, timeout: Duration) -> io::Result<Received> {
        use std::io::Read as _;
        use std::os::fd::AsRawFd as _;

        let mut received = Received::default();
        let timeout = self.paste_deadline().map_or(timeout, |due| {
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
        ];
        let millis = libc::c_int::try_from(timeout.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: `fds` is a valid array of two pollfd structures for the whole call.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, millis) };
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
                self.paste_heard = Instant::now();
                self.decoder.feed(&bytes, &mut received.events);
            }
        }
        if self
            .paste_deadline()
            .is_some_and(|due| due <= Instant::now())
        {
            received.events.push(self.decoder.end_paste());
        }
        let pasting = self.decoder.pasting();
        if pasting.is_some() && pasting != self.reported {
            received.pasting = pasting;
        }
        self.reported = pasting;
        Ok(received)
    }

    /// When the paste under way ends if nothing more comes.
    fn paste_deadline(&self) -> Option<Instant> {
        self.decoder.paste.as_ref()?;
        Some(
            self.paste_heard
                + if self.decoder.paste_ends_with_escape() {
                    PASTE_ESC
                } else {
                    PASTE_SILENCE
                },
        )
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

    pub fn wait(&mut self, timeout: Duration) -> io::Result<Received> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn decode(chunks: &[&[u8]]) -> (Vec<Event>, Decoder) {
        let mut decoder = Decoder::default();
        let mut events = Vec::new();
        for chunk in chunks {
            decoder.feed(chunk, &mut events);
        }
        (events, decoder)
    }

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn keys_around_a_paste_and_an_esc_at_the_end() {
        let (events, decoder) = decode(&[b"a\x1b[200~x\ny\x1b[201~\x1b[A", b"\x1b"]);
        assert_eq!(
            events,
            [
                key(KeyCode::Char('a')),
                Event::Paste("x\ny".into()),
                key(KeyCode::Up),
                key(KeyCode::Esc),
            ]
        );
        assert_eq!(decoder.pasting(), None);
    }

    #[test]
    fn a_paste_split_over_reads_ends_at_its_marker() {
        let (events, decoder) = decode(&[b"\x1b[20", b"0~h\xc3", b"\xa9llo\x1b[2", b"01~b"]);
        assert_eq!(
            events,
            [Event::Paste("héllo".into()), key(KeyCode::Char('b'))]
        );
        assert!(decoder.paste.is_none());
    }

    #[test]
    fn an_open_paste_counts_its_characters_and_ends_keeping_them() {
        let (events, mut decoder) = decode(&[b"\x1b[200~caf\xc3\xa9 ", b"\x1b"]);
        assert!(events.is_empty());
        assert_eq!(decoder.pasting(), Some(6));
        assert!(decoder.paste_ends_with_escape());
        assert_eq!(decoder.end_paste(), Event::Paste("café ".into()));
        assert_eq!(decoder.pasting(), None);
    }
}
