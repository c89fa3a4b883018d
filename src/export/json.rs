//! The map as one JSON object, every field of format 1, for `jq`, scripts and other tools.
//!
//! The shape is documented in the README and kept stable: keys are never left out, a value
//! that is not stated is `null`, and each lane's cards carry the keys of that lane only.
//!
//! Text is kept exactly. Characters that could drive a terminal (C1 controls, DEL,
//! bidirectional overrides) are written as `\u` escapes, as JSON already does for C0
//! controls, so the output is safe to show and still decodes to the same text.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::Options;
use crate::format::FORMAT;
use crate::interchange::json::to_string;
use crate::model::{Card, CardField, Lane, Map, Persona, Stage, Value};

pub fn render(map: &Map, _opts: &Options) -> String {
    to_string(&JsonMap(map))
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

/// A card with the keys of its lane (`channel` on touchpoints, `score` on emotions, `owner`
/// and `status` on opportunities, the rest on every card), in the table's order.
pub(crate) struct JsonCard<'a> {
    pub lane: Lane,
    pub card: &'a Card,
}

impl Serialize for JsonCard<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("card", CardField::ALL.len())?;
        for field in CardField::of(self.lane) {
            match field.get(self.card) {
                Value::Text(text) => out.serialize_field(field.key(), &stated(text))?,
                Value::Number(n) => out.serialize_field(field.key(), &n)?,
                Value::Word(word) => out.serialize_field(field.key(), &word)?,
            }
        }
        out.end()
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
