//! RON format 1: loading with every rule checked and a position on every error, and the
//! canonical save. Knows nothing of files or terminals: it turns bytes into a map and back.

mod canonical;
pub mod comments;
mod config;
mod conflicts;
mod error;
mod problems;
pub mod room;
pub mod round;
mod schema;
pub mod view;

pub use canonical::{to_string, to_string_paced};
pub use config::{Config, ThemeName, TimerDefaults, VotingDefaults, config_from_str};
pub use error::ParseError;
pub use problems::{MAX_PROBLEMS, check};
pub use room::{AddedFile, RoomFile, SeatFile, TallyFile, TypedAt, room_from_str, room_to_string};
pub use round::{DotFile, RoundFile, SeatDots, round_from_str, round_to_string};
pub use schema::FORMAT;
pub use view::{TimerFile, ViewFile, view_from_str, view_to_string};

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::model::Map;

/// Parses a map from the bytes of a file.
pub fn from_bytes(bytes: &[u8]) -> Result<Map, ParseError> {
    from_str(decode(bytes)?)
}

/// The text of a file that should be UTF-8; UTF-16 is named as such.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    if error::looks_like_utf16(bytes) {
        return Err(ParseError::utf16());
    }
    std::str::from_utf8(bytes).map_err(|e| ParseError::not_utf8(bytes, e))
}

/// Parses a map from text. Positions in errors count lines as editors show them: a lone
/// carriage return (old Mac line ends) ends a line too.
pub fn from_str(text: &str) -> Result<Map, ParseError> {
    parse_map(text).map_err(|e| e.in_lines_of(without_bom(text)))
}

/// Some Windows editors start UTF-8 files with a byte-order mark; it means nothing here,
/// and positions count from after it.
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// [`from_str`] with positions as ron counts them (a line ends only at `\n`), which is
/// what `check`'s search for further problems works with.
pub(crate) fn parse_map(text: &str) -> Result<Map, ParseError> {
    parse_file(text).map(Map::from)
}

/// [`parse_map`] before the map is made of what the file holds.
pub(crate) fn parse_file(text: &str) -> Result<schema::FileMap, ParseError> {
    let text = without_bom(text);
    if text.trim().is_empty() {
        return Err(ParseError::at(
            1,
            1,
            "the file is empty: a journey map starts with `(` and holds `format`, `title` and `stages`",
        ));
    }
    match parse::<schema::FileMap>(text) {
        Ok(file) => Ok(file),
        Err(full) => {
            // A newer file may fail on fields this version has never heard of; the
            // version is the one thing worth saying then.
            if let Err(probe) = parse::<schema::VersionProbe>(text)
                && probe.message.starts_with(schema::NEWER_PREFIX)
            {
                return Err(probe);
            }
            Err(at_the_word(full.with_hint(text), text))
        }
    }
}

/// A word field (`evidence`, `status`) given something other than a bare word is reported
/// by ron at the blank before the value; the caret belongs under the value.
fn at_the_word(mut e: ParseError, text: &str) -> ParseError {
    if !e.message.contains(schema::WRITTEN_BARE) {
        return e;
    }
    if let Some(line) = text.split('\n').nth(e.line - 1) {
        let blanks = line
            .chars()
            .skip(e.column - 1)
            .take_while(|c| matches!(c, ' ' | '\t'))
            .count();
        e.column += blanks;
    }
    e
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    // The default recursion limit (128) is kept on purpose: deep nesting becomes an error
    // instead of a stack overflow.
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(ParseError::from)
}
