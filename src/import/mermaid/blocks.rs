//! Finding the journey diagrams in a file: the whole file, or each ```` ```mermaid ````
//! block of a Markdown file that holds a `journey`.

use super::{is_blank_line, starts_with_word, trim};
use crate::format::ParseError;

/// One diagram in the file: the lines that hold it, and the line of its ```` ```mermaid ````
/// fence when it is a block in Markdown.
pub(super) struct Block {
    pub(super) fence: Option<usize>,
    pub(super) range: std::ops::Range<usize>,
}

/// The diagrams of the file: the whole file, or every ```mermaid block that holds a journey
/// when the file is Markdown.
pub(super) fn diagrams(lines: &[&str]) -> Result<Vec<Block>, ParseError> {
    let whole = || {
        vec![Block {
            fence: None,
            range: 0..lines.len(),
        }]
    };
    let first = lines
        .iter()
        .position(|l| !is_blank_line(l) && !trim(l).starts_with("%%"));
    let starts_diagram = |l: &str| {
        let t = trim(l);
        t == "---" || starts_with_word(t, "journey") || t.starts_with("%%")
    };
    if first.is_none_or(|i| starts_diagram(lines[i])) {
        return Ok(whole());
    }
    let mut first_fence = None;
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(fence) = mermaid_fence(lines[i]) {
            first_fence.get_or_insert(i);
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].trim_start().starts_with(fence))
                .unwrap_or(lines.len());
            if is_journey(&lines[i + 1..end]) {
                blocks.push(Block {
                    fence: Some(i),
                    range: i + 1..end,
                });
            }
            i = end;
        }
        i += 1;
    }
    if !blocks.is_empty() {
        return Ok(blocks);
    }
    match first_fence {
        Some(i) => Err(ParseError::at(
            i + 1,
            1,
            "no Mermaid block in this file is a `journey` diagram",
        )),
        // A heading: Markdown with no diagram at all, not a diagram with a typo.
        None if first.is_some_and(|i| lines[i].trim_start().starts_with('#')) => {
            Err(ParseError::at(
                first.map_or(1, |i| i + 1),
                1,
                "this looks like Markdown with no ```mermaid block: put the journey diagram in one",
            ))
        }
        None => Ok(whole()),
    }
}

/// Whether the lines of a Mermaid block hold a journey: after blank lines, comments,
/// directives and front matter, the first statement is `journey`.
fn is_journey(lines: &[&str]) -> bool {
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let t = trim(line);
        if t == "---" {
            match lines[i + 1..].iter().position(|l| trim(l) == "---") {
                Some(close) => i += close + 2,
                None => return false,
            }
            continue;
        }
        if t.starts_with("%%{") && !t.contains("}%%") {
            match lines[i..].iter().position(|l| l.contains("}%%")) {
                Some(close) => i += close + 1,
                None => return false,
            }
            continue;
        }
        if !t.is_empty() && !t.starts_with("%%") {
            return starts_with_word(t, "journey");
        }
        i += 1;
    }
    false
}

/// The fence (```` ``` ```` or `~~~`) when the line opens a Mermaid code block.
pub(super) fn mermaid_fence(line: &str) -> Option<&'static str> {
    let t = line.trim();
    for fence in ["```", "~~~"] {
        if let Some(info) = t.strip_prefix(fence) {
            let info = info.trim_start_matches(fence.chars().next().unwrap_or('`'));
            if info.trim().eq_ignore_ascii_case("mermaid") {
                return Some(fence);
            }
        }
    }
    None
}
