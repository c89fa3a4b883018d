//! JSON as journeymap writes it, for the map (`print --format json`) and for the workshop's
//! outcome (`summary --format json`) alike: two-space indentation, a card (or anything
//! nested as deep) on one line, and the characters that could drive a terminal escaped.

use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

/// `value` as JSON in that layout: two-space indentation, a card (or any
/// object or list nested five deep) on one line, unsafe characters escaped, a final newline.
pub fn to_string(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Layout::default());
    // Writing to memory cannot fail, and every key is a string.
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// Objects and lists this deep (the map is 1, a stage 3, a card 5) are written on one line.
const INLINE_DEPTH: usize = 5;

/// serde_json's pretty layout, with cards on one line each and unsafe characters escaped.
#[derive(Default)]
struct Layout {
    /// Objects and lists open around what is being written.
    depth: usize,
    /// Whether the innermost open object or list holds something yet.
    has_value: bool,
}

impl Layout {
    fn inline(&self) -> bool {
        self.depth >= INLINE_DEPTH
    }

    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        let inline = self.inline();
        self.depth -= 1;
        if self.has_value && !inline {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    /// Before an item of the innermost object or list.
    fn item<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if self.inline() {
            return w.write_all(if first { b"" } else { b", " });
        }
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }

    fn newline<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl Formatter for Layout {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    /// serde_json escapes quotes, backslashes and C0 controls before this; what is left to
    /// escape is DEL, the C1 controls and the bidirectional marks.
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Most text is printable ASCII, which holds nothing to escape here.
        if fragment.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return w.write_all(fragment.as_bytes());
        }
        let mut plain_from = 0;
        for (i, c) in fragment.char_indices() {
            if crate::text::is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[plain_from..i])?;
                // Every unsafe character lies in the Basic Multilingual Plane.
                write!(w, "\\u{:04x}", u32::from(c))?;
                plain_from = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[plain_from..])
    }
}
