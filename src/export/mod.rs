//! Snapshots of a map, one module per format. Every format is a plain function from a map
//! and [`Options`] to the text of the snapshot; [`ALL`] lists them, so a new format is one
//! new file and one line here.
//!
//! Nothing here knows of terminals or files: the caller decides the width and whether colour
//! is wanted, and writes the result where it belongs.

mod ascii;
pub mod csv;
mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub mod mermaid;
mod svg;
mod text;
mod xml;

use std::path::Path;

use crate::date::Date;
use crate::model::Map;

/// How a snapshot is drawn. Only the `text` format reads `width`, `ascii` and `color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The widest line allowed, in terminal columns (at least [`MIN_WIDTH`] is used).
    pub width: usize,
    /// Draw with ASCII only.
    pub ascii: bool,
    /// Add ANSI colours (the caller has decided the output is a terminal that wants them).
    pub color: bool,
    /// The day the snapshot is made, which the HTML page says; `None` leaves it out.
    pub made: Option<Date>,
}

/// The narrowest `text` board; narrower widths are drawn at this width.
pub const MIN_WIDTH: usize = 20;

/// Width of a `text` board when nothing else says (not a terminal, no `--width`).
pub const DEFAULT_WIDTH: usize = 120;

impl Default for Options {
    fn default() -> Self {
        Options {
            width: DEFAULT_WIDTH,
            ascii: false,
            color: false,
            made: None,
        }
    }
}

/// One snapshot format.
pub struct Exporter {
    /// The name given to `--format`.
    pub name: &'static str,
    /// File extensions (without the dot) that mean this format, the usual one first.
    pub extensions: &'static [&'static str],
    pub render: fn(&Map, &Options) -> String,
}

/// Every format, in the order `--help` lists them; the first is the default.
pub const ALL: [Exporter; 7] = [
    Exporter {
        name: "text",
        extensions: &["txt"],
        render: text::render,
    },
    Exporter {
        name: "markdown",
        extensions: &["md", "markdown"],
        render: markdown::render,
    },
    Exporter {
        name: "html",
        extensions: &["html", "htm"],
        render: html::render,
    },
    Exporter {
        name: "svg",
        extensions: &["svg"],
        render: svg::render,
    },
    Exporter {
        name: "csv",
        extensions: &["csv"],
        render: csv::render,
    },
    Exporter {
        name: "mermaid",
        extensions: &["mmd", "mermaid"],
        render: mermaid::render,
    },
    Exporter {
        name: "json",
        extensions: &["json"],
        render: json::render,
    },
];

/// The format called `name`.
pub fn find(name: &str) -> Option<&'static Exporter> {
    ALL.iter().find(|e| e.name == name)
}

/// The format a file name asks for by its extension (`board.html` → html).
pub fn for_path(path: &Path) -> Option<&'static Exporter> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    ALL.iter().find(|e| e.extensions.contains(&ext.as_str()))
}

/// The names of all formats, for `--format`.
pub fn names() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|e| e.name)
}

/// Renders `map` in the format called `name`, or `None` for an unknown name.
pub fn render(name: &str, map: &Map, opts: &Options) -> Option<String> {
    find(name).map(|e| (e.render)(map, opts))
}

pub(crate) use crate::text::{safe_line, safe_multiline};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_text_keeps_line_breaks_only_where_asked() {
        assert_eq!(safe_multiline("a\r\nb\u{1b}[1m"), "a\nb\u{241b}[1m");
        assert_eq!(safe_line(" a\n\tb\u{7} "), "a b\u{2407}");
    }

    #[test]
    fn formats_are_found_by_name_and_extension() {
        assert_eq!(names().count(), ALL.len());
        assert!(find("svg").is_some());
        assert!(find("pdf").is_none());
        assert_eq!(
            for_path(Path::new("out/board.HTML")).map(|e| e.name),
            Some("html")
        );
        assert_eq!(
            for_path(Path::new("map.mmd")).map(|e| e.name),
            Some("mermaid")
        );
        assert!(for_path(Path::new("noext")).is_none());
    }
}
