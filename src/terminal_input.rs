//! Keys from the raw bytes a terminal sends: the editor's own terminal (`tui`) and each
//! participant's over SSH (`host`) go through this one parser.
//!
//! Bytes come in reads or packets of any size: a UTF-8 character or an escape sequence may be
//! split across two, and a paste may span many. The parser keeps what is incomplete until the
//! rest arrives. Some things can only be told by a silence after them, so the caller asks
//! [`InputParser::quiet_limit`] how long to wait and calls [`InputParser::flush`] when the line
//! has been quiet that long:
//!
//! - a lone Esc cannot be told from the start of a sequence ([`ESC_WAIT`]);
//! - a bracketed paste whose end marker never comes (a cut connection, a terminal that drops
//!   it) would swallow every key after it: it ends after [`PASTE_SILENCE`], or [`PASTE_ESC`]
//!   when the last thing in it is an Esc (the user pressing Esc to get out), keeping what
//!   arrived.
//!
//! Between pastes the bytes go through `terminput`'s parser and come out as crossterm's events.

use std::time::Duration;

use ratatui::crossterm::event::Event;

/// How long a lone Esc waits for the rest of a sequence before it counts as the Esc key.
pub const ESC_WAIT: Duration = Duration::from_millis(40);

/// A paste that has been silent this long has ended, whatever its end marker.
pub const PASTE_SILENCE: Duration = Duration::from_millis(1000);

/// An Esc at the end of a paste (nothing after it for this long) ends the paste.
pub const PASTE_ESC: Duration = Duration::from_millis(60);

/// An unfinished escape sequence longer than this is garbage, not a key: it is dropped.
const SEQUENCE_CAP: usize = 64;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Turns a stream of terminal bytes into key, paste and mouse events.
#[derive(Debug)]
pub struct InputParser {
    /// Bytes of an event not yet complete.
    pending: Vec<u8>,
    /// Inside a bracketed paste: the text so far (capped) and the last bytes seen, to find
    /// the end marker even when it is split across reads.
    paste: Option<Paste>,
    /// Inside an overlong control sequence: its bytes are dropped up to its final byte.
    skipping: bool,
    /// The most a paste keeps, in bytes.
    paste_cap: usize,
}

#[derive(Debug, Default)]
struct Paste {
    text: Vec<u8>,
    tail: Vec<u8>,
}

impl Default for InputParser {
    fn default() -> Self {
        Self::new()
    }
}

impl InputParser {
    /// A parser that keeps pastes whole.
    pub fn new() -> Self {
        Self::with_paste_cap(usize::MAX)
    }

    /// A parser that keeps at most `cap` bytes of a paste; the rest of a longer paste is
    /// dropped (the text is cut at a character boundary).
    pub fn with_paste_cap(cap: usize) -> Self {
        Self {
            pending: Vec::new(),
            paste: None,
            skipping: false,
            paste_cap: cap,
        }
    }

    /// Feeds bytes; returns the events they complete.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        for &byte in bytes {
            if let Some(paste) = &mut self.paste {
                if paste.push(byte, self.paste_cap) {
                    let paste = self.paste.take().unwrap_or_default();
                    events.push(Event::Paste(paste.into_text()));
                }
                continue;
            }
            if self.skipping {
                self.skipping = !is_final_byte(byte);
                continue;
            }
            self.pending.push(byte);
            if self.pending == PASTE_START {
                self.pending.clear();
                self.paste = Some(Paste::default());
                continue;
            }
            // A lone Esc (and the start of a paste marker) waits for the bytes behind it, in
            // this read or the next, or for silence.
            if PASTE_START.starts_with(&self.pending) {
                continue;
            }
            self.parse_pending(&mut events);
        }
        events
    }

    /// The bytes fed last were the whole of what the terminal had (a read of a local
    /// terminal, which hands over a sequence whole): an Esc left at the end is the Esc key,
    /// at once. Over a network a sequence may be split anywhere: there, wait for silence.
    pub fn end_of_read(&mut self) -> Vec<Event> {
        if self.pending == b"\x1b" {
            self.flush()
        } else {
            Vec::new()
        }
    }

    /// Whether bytes are waiting for more input or for silence (see [`quiet_limit`]).
    ///
    /// [`quiet_limit`]: InputParser::quiet_limit
    pub fn is_waiting(&self) -> bool {
        self.quiet_limit().is_some()
    }

    /// How long a silence completes what is waiting: after that long without input, call
    /// [`flush`]. `None` when nothing is waiting.
    ///
    /// [`flush`]: InputParser::flush
    pub fn quiet_limit(&self) -> Option<Duration> {
        match &self.paste {
            Some(paste) if paste.ends_with_escape() => Some(PASTE_ESC),
            Some(_) => Some(PASTE_SILENCE),
            None if !self.pending.is_empty() => Some(ESC_WAIT),
            None => None,
        }
    }

    /// A paste has started and not ended: how many characters have come so far.
    pub fn pasting(&self) -> Option<usize> {
        let paste = self.paste.as_ref()?;
        let chars = |bytes: &[u8]| String::from_utf8_lossy(bytes).chars().count();
        Some(chars(&paste.text) + chars(&paste.tail))
    }

    /// After a quiet moment: what is waiting is complete as it is. A paste ends, keeping
    /// what arrived (without an end marker cut short). A lone Esc is the Esc key; an
    /// unfinished sequence is read as far as it goes (Esc then its characters, as a
    /// terminal without the sequence would mean).
    pub fn flush(&mut self) -> Vec<Event> {
        if let Some(mut paste) = self.paste.take() {
            paste.end_early(self.paste_cap);
            return vec![Event::Paste(paste.into_text())];
        }
        let pending = std::mem::take(&mut self.pending);
        let mut events = Vec::new();
        if pending.is_empty() {
            return events;
        }
        if let Ok(Some(event)) = terminput::Event::parse_from(&pending) {
            push_converted(event, &mut events);
            return events;
        }
        if pending[0] != 0x1b {
            // Half a character, never completed.
            return events;
        }
        // Esc, then the rest byte by byte.
        push_converted(
            terminput::Event::Key(terminput::KeyCode::Esc.into()),
            &mut events,
        );
        let mut rest = InputParser::with_paste_cap(self.paste_cap);
        events.extend(rest.feed(&pending[1..]));
        if !rest.pending.is_empty() {
            events.extend(rest.flush());
        }
        events
    }

    fn parse_pending(&mut self, events: &mut Vec<Event>) {
        match terminput::Event::parse_from(&self.pending) {
            Ok(Some(event)) => {
                self.pending.clear();
                push_converted(event, events);
            }
            Ok(None) => {
                if self.pending.len() > SEQUENCE_CAP {
                    // A control sequence ends with its final byte: skip to it.
                    self.skipping = self.pending.starts_with(b"\x1b[");
                    self.pending.clear();
                }
            }
            Err(_) => {
                // Not a sequence this parser knows: drop it rather than type its bytes.
                self.pending.clear();
            }
        }
    }
}

impl Paste {
    /// Adds a byte; true when it ends the paste.
    fn push(&mut self, byte: u8, cap: usize) -> bool {
        self.tail.push(byte);
        if self.tail.len() > PASTE_END.len() {
            let first = self.tail.remove(0);
            if self.text.len() < cap {
                self.text.push(first);
            }
        }
        self.tail == PASTE_END
    }

    /// Whether the paste ends with what may be an Esc key (or an end marker still on its
    /// way).
    fn ends_with_escape(&self) -> bool {
        (1..PASTE_END.len()).any(|n| self.tail.ends_with(&PASTE_END[..n]))
    }

    /// The paste ends without its end marker: the last bytes are text, but for a start of
    /// an end marker (or an Esc) at the very end.
    fn end_early(&mut self, cap: usize) {
        let mut tail = std::mem::take(&mut self.tail);
        if let Some(partial) = (1..PASTE_END.len())
            .rev()
            .find(|&n| tail.ends_with(&PASTE_END[..n]))
        {
            tail.truncate(tail.len() - partial);
        }
        let room = cap.saturating_sub(self.text.len());
        self.text.extend(tail.into_iter().take(room));
    }

    fn into_text(self) -> String {
        match std::str::from_utf8(&self.text) {
            Ok(text) => text.to_string(),
            Err(e) if e.error_len().is_none() => {
                // Cut by the cap in the middle of a character.
                String::from_utf8_lossy(&self.text[..e.valid_up_to()]).into_owned()
            }
            Err(_) => String::from_utf8_lossy(&self.text).into_owned(),
        }
    }
}

/// The byte that ends a CSI sequence.
fn is_final_byte(byte: u8) -> bool {
    (0x40..=0x7e).contains(&byte)
}

fn push_converted(event: terminput::Event, events: &mut Vec<Event>) {
    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
        events.push(event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// Whole reads of a local terminal, as the editor feeds them.
    fn reads(chunks: &[&[u8]]) -> (Vec<Event>, InputParser) {
        let mut parser = InputParser::new();
        let mut events = Vec::new();
        for chunk in chunks {
            events.extend(parser.feed(chunk));
            events.extend(parser.end_of_read());
        }
        (events, parser)
    }

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn keys_around_a_paste_and_an_esc_at_the_end_of_a_read() {
        let (events, parser) = reads(&[b"a\x1b[200~x\ny\x1b[201~\x1b[A", b"\x1b"]);
        assert_eq!(
            events,
            [
                key(KeyCode::Char('a')),
                Event::Paste("x\ny".into()),
                key(KeyCode::Up),
                key(KeyCode::Esc),
            ]
        );
        assert_eq!(parser.pasting(), None);
        assert_eq!(parser.quiet_limit(), None);
    }

    #[test]
    fn a_paste_split_over_reads_ends_at_its_marker() {
        let (events, parser) = reads(&[b"\x1b[20", b"0~h\xc3", b"\xa9llo\x1b[2", b"01~b"]);
        assert_eq!(
            events,
            [Event::Paste("héllo".into()), key(KeyCode::Char('b'))]
        );
        assert!(!parser.is_waiting());
    }

    #[test]
    fn an_open_paste_counts_its_characters_and_ends_after_an_esc_keeping_them() {
        let (events, mut parser) = reads(&[b"\x1b[200~caf\xc3\xa9 ", b"\x1b"]);
        assert!(events.is_empty());
        assert_eq!(parser.pasting(), Some(6));
        assert_eq!(parser.quiet_limit(), Some(PASTE_ESC));
        assert_eq!(parser.flush(), [Event::Paste("café ".into())]);
        assert_eq!(parser.pasting(), None);
        assert_eq!(parser.feed(b"z"), [key(KeyCode::Char('z'))]);
    }

    #[test]
    fn a_paste_without_an_end_is_delivered_after_a_silence() {
        let mut parser = InputParser::new();
        assert!(parser.feed(b"\x1b[200~cut off").is_empty());
        assert!(parser.feed(b" mid").is_empty());
        assert_eq!(parser.quiet_limit(), Some(PASTE_SILENCE));
        assert_eq!(parser.flush(), [Event::Paste("cut off mid".into())]);
        assert_eq!(parser.quiet_limit(), None);
        assert_eq!(parser.feed(b"\r"), [key(KeyCode::Enter)]);
    }

    #[test]
    fn a_capped_paste_ended_by_silence_stays_within_its_cap() {
        let mut parser = InputParser::with_paste_cap(4);
        assert!(parser.feed(b"\x1b[200~abcdefghij").is_empty());
        assert_eq!(parser.flush(), [Event::Paste("abcd".into())]);
    }
}
