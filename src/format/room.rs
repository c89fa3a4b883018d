//! The file of a live session's room (`KEY.PID.room` in the state folder): what the map
//! file does not hold and a `kill -9` of the host must not lose. The phase, who had a seat
//! (so that they come back to it), and the participants' private cards, which are written
//! into the map only when revealed. The dots of a live round are in the round file.

use serde::{Deserialize, Serialize};

use super::ParseError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RoomFile {
    /// The phase by its key: `open`, `writing`, `voting` or `discussion`.
    pub phase: String,
    pub seats: Vec<SeatFile>,
    /// The private cards as a map of their own (the room's stages, each card in its lane),
    /// in the map file's own text, so every field of a card is kept as the format keeps it.
    pub drafts: String,
    /// Whose each private card is, in the order the map text lists them (stage by stage,
    /// lane by lane).
    pub authors: Vec<u32>,
    /// The cards participants added to the map, by place and text, so that who may change
    /// them comes back with the room.
    #[serde(default)]
    pub added: Vec<AddedFile>,
    /// The session code participants typed, so a restarted host takes the same one.
    #[serde(default)]
    pub code: Option<String>,
    /// What the session has produced so far, for its outcome.
    #[serde(default)]
    pub tally: TallyFile,
}

/// How many took part, the cards written in the open and privately, the dots cast.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyFile {
    pub people: usize,
    pub open_cards: usize,
    pub private_cards: usize,
    pub dots: u32,
}

/// A card a seat added: its stage (from 0), its lane by key, its text, and which of the
/// cards with that text in the lane it is (from 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedFile {
    pub seat: u32,
    pub stage: usize,
    pub lane: String,
    pub text: String,
    #[serde(default)]
    pub nth: usize,
}

/// A participant's seat: its number, the name the room knew them by, and the key they
/// joined with (its fingerprint), if they joined with one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatFile {
    pub seat: u32,
    pub name: String,
    pub key: Option<String>,
    /// What they were typing and had not yet added, if anything.
    #[serde(default)]
    pub typed: Option<String>,
    /// Where that text goes: a new card of a lane, or a field of a card.
    #[serde(default)]
    pub typed_at: Option<TypedAt>,
}

/// Where a seat's typed text goes: a new card at the end of a lane (`card` none), or the
/// field `field` (by its key) of the card of that lane whose text is `card`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedAt {
    pub stage: usize,
    pub lane: String,
    #[serde(default)]
    pub card: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
}

/// The text of a room file.
pub fn room_to_string(room: &RoomFile) -> String {
    ron::ser::to_string_pretty(room, ron::ser::PrettyConfig::default()).unwrap_or_default()
}

/// Parses the text of a room file.
pub fn room_from_str(text: &str) -> Result<RoomFile, ParseError> {
    super::parse::<RoomFile>(text).map_err(|e| e.in_lines_of(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_file_reads_back_as_written() {
        let room = RoomFile {
            phase: "writing".into(),
            seats: vec![SeatFile {
                seat: 3,
                name: "Ada \"A\"".into(),
                key: Some("SHA256:abc".into()),
                typed: Some("half a".into()),
                typed_at: Some(TypedAt {
                    stage: 2,
                    lane: "opportunities".into(),
                    card: Some("Chat".into()),
                    field: Some("owner".into()),
                }),
            }],
            drafts: "(format: 1)".into(),
            authors: vec![3, 3],
            added: vec![AddedFile {
                seat: 3,
                stage: 1,
                lane: "pain_points".into(),
                text: "Slow \"form\"".into(),
                nth: 1,
            }],
            code: Some("K7QF9M".into()),
            tally: TallyFile {
                people: 4,
                open_cards: 3,
                private_cards: 9,
                dots: 12,
            },
        };
        assert_eq!(room_from_str(&room_to_string(&room)), Ok(room));
        assert!(room_from_str("(phase: 3)").is_err());
        // A room file written before it listed the cards' authors still reads.
        let older = room_from_str(r#"(phase: "open", seats: [], drafts: "", authors: [])"#);
        assert_eq!(
            older.map(|r| (r.added, r.code, r.tally)),
            Ok((Vec::new(), None, TallyFile::default()))
        );
    }
}
