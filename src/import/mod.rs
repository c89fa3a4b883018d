//! Maps from other tools: Mermaid `journey` diagrams, and the CSV and the JSON that `print`
//! writes. Each importer turns text into a [`Map`] (with [`Warning`]s for what it read
//! differently from how it is written) or a [`ParseError`] with the line and column of the
//! problem in the input; [`import_with`] then checks the map against the rules of the file
//! format, so whatever it returns can be saved and loaded again.

pub mod csv;
pub mod json;
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
    pub parse: fn(&str, &Options) -> Result<Imported, ParseError>,
    /// Whether a file may hold several diagrams to choose from (`--diagram`).
    pub diagrams: bool,
}

/// What the caller chose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Which diagram of a Markdown file with several (1 is the first); `None` = the first.
    pub diagram: Option<usize>,
}

/// A map read from another tool's file, and what the reader has to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub map: Map,
    pub warnings: Vec<Warning>,
}

/// Something worth saying about the input that does not stop the import: a value read
/// differently from how it is written (a warning), or which part of the file was read (a
/// note). Positions are 1-based, columns count characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Warning,
    Note,
}

impl Warning {
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self::new(line, column, Severity::Warning, message)
    }

    pub fn note(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self::new(line, column, Severity::Note, message)
    }

    fn new(line: usize, column: usize, severity: Severity, message: impl Into<String>) -> Self {
        Warning {
            line: line.max(1),
            column: column.max(1),
            severity,
            message: message.into(),
        }
    }

    /// `FILE:LINE:COLUMN: warning: MESSAGE` (or `note:`), then the line with a caret when
    /// the source is at hand, as errors are reported. Everything printed is sanitised.
    pub fn report(&self, file: &str, source: Option<&str>) -> String {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        ParseError::at(self.line, self.column, self.message.as_str()).report_as(kind, file, source)
    }
}

pub const ALL: [Importer; 3] = [
    Importer {
        name: "mermaid",
        extensions: &["mmd", "mermaid", "md", "markdown"],
        parse: mermaid::parse,
        diagrams: true,
    },
    Importer {
        name: "csv",
        extensions: &["csv"],
        parse: csv::parse,
        diagrams: false,
    },
    Importer {
        name: "json",
        extensions: &["json"],
        parse: json::parse,
        diagrams: false,
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

/// [`import_with`] the default options, without the warnings.
pub fn import(importer: &Importer, bytes: &[u8], fallback_title: &str) -> Result<Map, ParseError> {
    import_with(importer, bytes, fallback_title, &Options::default()).map(|i| i.map)
}

/// Reads `bytes` with `importer`. A map without a title is named `fallback_title` (the
/// importers leave the title empty when the input has none). The result is checked like
/// `check` checks a file: it is valid format 1.
pub fn import_with(
    importer: &Importer,
    bytes: &[u8],
    fallback_title: &str,
    opts: &Options,
) -> Result<Imported, ParseError> {
    if opts.diagram.is_some() && !importer.diagrams {
        return Err(ParseError::at(
            1,
            1,
            format!(
                "a {} file holds one map: --diagram chooses among the diagrams of a Markdown file",
                importer.name
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::not_utf8(bytes, e))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Imported { mut map, warnings } = (importer.parse)(text, opts)?;
    if crate::model::is_blank(&map.title) {
        map.title = fallback_title.to_string();
    }
    // The importers check every rule where they read it, with the position in the input;
    // this is the backstop that the map really is what `check` accepts.
    let map = format::from_str(&format::to_string(&map)).map_err(|e| {
        ParseError::at(
            1,
            1,
            format!("the imported map is not a valid journey map: {}", e.message),
        )
    })?;
    Ok(Imported { map, warnings })
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
