//! Maps from other tools: Mermaid `journey` diagrams and the CSV that `print --format csv`
//! writes. Each importer turns text into a [`Map`] or a [`ParseError`] with the line and
//! column of the problem in the input; [`import`] then checks the map against the rules of
//! the file format, so whatever it returns can be saved and loaded again.

pub mod csv;
pub mod mermaid;

use std::path::Path;

use crate::format::{self, ParseError};
use crate::model::Map;

/// One input format.
pub struct Importer {
    /// The name given to `--from`.
    pub name: &'static str,
    /// File extensions (without the dot) that mean this format.
    pub extensions: &'static [&'static str],
    pub parse: fn(&str) -> Result<Map, ParseError>,
}

pub const ALL: [Importer; 2] = [
    Importer {
        name: "mermaid",
        extensions: &["mmd", "mermaid", "md", "markdown"],
        parse: mermaid::parse,
    },
    Importer {
        name: "csv",
        extensions: &["csv"],
        parse: csv::parse,
    },
];

pub fn find(name: &str) -> Option<&'static Importer> {
    ALL.iter().find(|i| i.name == name)
}

/// The format a file's extension names (`journey.mmd` → mermaid).
pub fn for_path(path: &Path) -> Option<&'static Importer> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    ALL.iter().find(|i| i.extensions.contains(&ext.as_str()))
}

pub fn names() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|i| i.name)
}

/// Reads `bytes` with `importer`. A map without a title is named `fallback_title` (the
/// importers leave the title empty when the input has none). The result is checked like
/// `check` checks a file: it is valid format 1.
pub fn import(importer: &Importer, bytes: &[u8], fallback_title: &str) -> Result<Map, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::not_utf8(bytes, e))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut map = (importer.parse)(text)?;
    if crate::model::is_blank(&map.title) {
        map.title = fallback_title.to_string();
    }
    // The importers check every rule where they read it, with the position in the input;
    // this is the backstop that the map really is what `check` accepts.
    format::from_str(&format::to_string(&map)).map_err(|e| {
        ParseError::at(
            1,
            1,
            format!("the imported map is not a valid journey map: {}", e.message),
        )
    })
}

/// A 1-based column: the characters of `line` before byte offset `at`, plus one.
pub(crate) fn column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(1, |s| s.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_guessed_from_the_extension() {
        let name = |p: &str| for_path(Path::new(p)).map(|i| i.name);
        assert_eq!(name("journey.mmd"), Some("mermaid"));
        assert_eq!(name("README.md"), Some("mermaid"));
        assert_eq!(name("board.CSV"), Some("csv"));
        assert_eq!(name("map.ron"), None);
        assert_eq!(name("noext"), None);
    }

    #[test]
    fn a_missing_title_is_filled_in() {
        let csv = find("csv").map(|i| {
            import(
                i,
                b"stage,lane,text,channel,score,votes,notes\r\nStart,,,,,,\r\n",
                "from file",
            )
        });
        let map = csv.and_then(Result::ok).map(|m| m.title);
        assert_eq!(map.as_deref(), Some("from file"));
    }

    #[test]
    fn bad_utf8_is_an_error_with_a_position() {
        let Some(mermaid) = find("mermaid") else {
            panic!("mermaid importer missing")
        };
        let err = import(mermaid, b"journey\n  section \xff\n", "x").err();
        assert_eq!(err.map(|e| (e.line, e.column)), Some((2, 11)));
    }
}
