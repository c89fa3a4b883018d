//! Markdown text that shows exactly as written, in a table cell or a list item.

use crate::text::safe_line;

/// The map's text as inline Markdown that shows exactly as written: on one line, unsafe
/// characters replaced, and every character that could start markup, a link, maths or an
/// entity escaped with a backslash (which CommonMark allows before any ASCII punctuation).
/// Pipes are escaped too, which GitHub needs even inside a table cell's code span.
pub fn inline(s: &str) -> String {
    let text = safe_line(s);
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '#' => {
                out.push('\\');
                out.push(c);
            }
            // `&` only starts an entity when a name or number follows.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    // At the start of a line, `-`, `+`, `=` and `1.` would make a list or a heading.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    match out[digits..].chars().next() {
        Some('-' | '+' | '=') if digits == 0 => out.insert(0, '\\'),
        Some('.' | ')') if digits > 0 => out.insert(digits, '\\'),
        _ => {}
    }
    out
}
