//! The map as one JSON object, every field of format 1, for `jq`, scripts and other tools.
//!
//! The shape is documented in the README and kept stable: keys are never left out, a value
//! that is not stated is `null`, and each lane's cards carry the keys of that lane only.
//!
//! Text is kept exactly. Characters that could drive a terminal (C1 controls, DEL,
//! bidirectional overrides) are written as `\u` escapes, as JSON already does for C0
//! controls, so the output is safe to show and still decodes to the same text.

use std::io;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use serde_json::ser::Formatter;

use super::Options;
use crate::format::FORMAT;
use crate::model::{Card, Lane, Map, Persona, Stage};

pub fn render(map: &Map, _opts: &Options) -> String {
    to_string(&JsonMap(map))
}

/// `value` as JSON in the layout of this module: two-space indentation, a card (or any
/// object or list nested five deep) on one line, unsafe characters escaped, a final newline.
pub(crate) fn to_string(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Layout::default());
    // Writing to memory cannot fail, and every key is a string.
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// Empty text is "not stated": `null`.
fn stated(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

struct JsonMap<'a>(&'a Map);

impl Serialize for JsonMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let map = self.0;
        let mut out = s.serialize_struct("map", 4)?;
        out.serialize_field("format", &FORMAT)?;
        out.serialize_field("title", &map.title)?;
        out.serialize_field("persona", &map.persona.as_ref().map(JsonPersona))?;
        let stages: Vec<JsonStage> = map.stages.iter().map(JsonStage).collect();
        out.serialize_field("stages", &stages)?;
        out.end()
    }
}

struct JsonPersona<'a>(&'a Persona);

impl Serialize for JsonPersona<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut out = s.serialize_struct("persona", 4)?;
        out.serialize_field("name", &p.name)?;
        out.serialize_field("summary", &stated(&p.summary))?;
        out.serialize_field("goals", &p.goals)?;
        out.serialize_field("frustrations", &p.frustrations)?;
        out.end()
    }
}

struct JsonStage<'a>(&'a Stage);

impl Serialize for JsonStage<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let stage = self.0;
        let mut out = s.serialize_struct("stage", 6)?;
        out.serialize_field("name", &stage.name)?;
        out.serialize_field("description", &stated(&stage.description))?;
        for lane in Lane::ALL {
            let cards: Vec<JsonCard> = stage
                .lane(lane)
                .iter()
                .map(|card| JsonCard { lane, card })
                .collect();
            out.serialize_field(lane.key(), &cards)?;
        }
        out.end()
    }
}

/// A card with the keys of its lane: `channel` on touchpoints, `score` on emotions, `owner`
/// and `status` on opportunities, the rest on every card.
pub(crate) struct JsonCard<'a> {
    pub lane: Lane,
    pub card: &'a Card,
}

impl Serialize for JsonCard<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (lane, card) = (self.lane, self.card);
        let mut out = s.serialize_struct("card", 8)?;
        out.serialize_field("text", &card.text)?;
        match lane {
            Lane::Touchpoints => out.serialize_field("channel", &stated(&card.channel))?,
            Lane::Emotions => out.serialize_field("score", &card.score)?,
            Lane::PainPoints | Lane::Opportunities => {}
        }
        out.serialize_field("votes", &card.votes)?;
        out.serialize_field("notes", &stated(&card.notes))?;
        out.serialize_field("evidence", &card.evidence.map(|e| e.key()))?;
        out.serialize_field("source", &stated(&card.source))?;
        if lane == Lane::Opportunities {
            out.serialize_field("owner", &stated(&card.owner))?;
            out.serialize_field("status", &card.status.map(|s| s.key()))?;
        }
        out.end()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Status};

    #[test]
    fn cards_are_one_line_each_and_lists_without_items_are_empty() {
        let mut stage = Stage::new("Purchase");
        stage.lane_mut(Lane::Opportunities).push(
            Card::new("Trial without a card")
                .with_votes(4)
                .with_evidence(Evidence::Observed)
                .with_owner("Growth")
                .with_status(Status::Planned),
        );
        let mut map = Map::new("t");
        map.stages.push(stage);
        let json = render(&map, &Options::default());
        assert_eq!(
            json,
            r#"{
  "format": 1,
  "title": "t",
  "persona": null,
  "stages": [
    {
      "name": "Purchase",
      "description": null,
      "touchpoints": [],
      "emotions": [],
      "pain_points": [],
      "opportunities": [
        {"text": "Trial without a card", "votes": 4, "notes": null, "evidence": "observed", "source": null, "owner": "Growth", "status": "planned"}
      ]
    }
  ]
}
"#
        );
    }

    #[test]
    fn unsafe_characters_are_escaped_and_decode_to_the_same_text() {
        let text = "a\u{1b}[31m\u{7f}\u{9b}\u{202e}\u{2066}\"\\\n日本 🙂";
        let json = to_string(&text);
        assert_eq!(
            json,
            "\"a\\u001b[31m\\u007f\\u009b\\u202e\\u2066\\\"\\\\\\n日本 🙂\"\n"
        );
        let back: String = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(back, text);
    }
}
