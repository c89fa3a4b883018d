//! A participant's keys, from the raw bytes their terminal sends over the channel.
//!
//! SSH hands over bytes in packets of any size: a UTF-8 character or an escape sequence may be
//! split across two packets, and a paste may span many. The parser keeps what is incomplete
//! until the rest arrives. A lone Esc cannot be told from the start of a sequence until the
//! line has been quiet for a moment, so it stays pending until [`InputParser::flush`] (called
//! after [`ESC_WAIT`] of silence).

use std::time::Duration;

use ratatui::crossterm::event::Event;

/// How long a lone Esc waits for the rest of a sequence before it counts as the Esc key.
pub const ESC_WAIT: Duration = Duration::from_millis(40);

/// The most a single paste may carry, in bytes; the rest of a longer paste is dropped (the
/// text is cut at a character boundary).
pub const PASTE_CAP: usize = 16 * 1024;

/// An unfinished escape sequence longer than this is garbage, not a key: it is dropped.
const SEQUENCE_CAP: usize = 64;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Turns a stream of terminal bytes into key, paste and mouse events.
#[derive(Debug, Default)]
pub struct InputParser {
    /// Bytes of an event not yet complete.
    pending: Vec<u8>,
    /// Inside a bracketed paste: the text so far (capped) and the last bytes seen, to find
    /// the end marker even when it is split across packets.
    paste: Option<Paste>,
    /// Inside an overlong control sequence: its bytes are dropped up to its final byte.
    skipping: bool,
}

#[derive(Debug, Default)]
struct Paste {
    text: Vec<u8>,
    tail: Vec<u8>,
}

impl InputParser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds bytes; returns the events they complete.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        for &byte in bytes {
            if let Some(paste) = &mut self.paste {
                if paste.push(byte) {
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
            // this packet or the next, or for silence.
            if PASTE_START.starts_with(&self.pending) {
                continue;
            }
            self.parse_pending(&mut events);
        }
        events
    }

    /// Whether bytes are waiting for more input (the caller then calls [`flush`] after
    /// [`ESC_WAIT`] of silence).
    ///
    /// [`flush`]: InputParser::flush
    pub fn is_waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// After a quiet moment: what is pending is complete as it is. A lone Esc is the Esc key;
    /// an unfinished sequence is read as far as it goes (Esc then its characters, as a
    /// terminal without the sequence would mean). An unfinished paste keeps waiting.
    pub fn flush(&mut self) -> Vec<Event> {
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
        let mut rest = InputParser::new();
        events.extend(rest.feed(&pending[1..]));
        events.extend(rest.flush_plain());
        events
    }

    /// Whatever is left after a flush's replay, without another Esc.
    fn flush_plain(&mut self) -> Vec<Event> {
        if self.pending.is_empty() {
            Vec::new()
        } else {
            self.flush()
        }
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
    fn push(&mut self, byte: u8) -> bool {
        self.tail.push(byte);
        if self.tail.len() > PASTE_END.len() {
            let first = self.tail.remove(0);
            if self.text.len() < PASTE_CAP {
                self.text.push(first);
            }
        }
        self.tail == PASTE_END
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
