//! Every problem of a file, not only the first: what `check` reports.
//!
//! serde stops at the first error. When that error is in a value that can be set right
//! without guessing (a score of 7, blank text, an unknown field), the value is replaced by a
//! harmless one of exactly the same width, or the field by spaces, and the text is parsed
//! again. Nothing moves, so every later problem keeps its true line and column. Any other
//! error (broken syntax, a missing field, a newer format) ends the search, and so does a new
//! error at or just after the rewritten text: what would follow could be an echo of the
//! first problem rather than a problem of its own.

use super::{ParseError, decode, parse_file, parse_map, without_bom};
use crate::model::{CardField, FieldKind, Map};

/// At most this many problems are reported per file.
pub const MAX_PROBLEMS: usize = 20;
/// Each problem found costs a parse of the whole file; past this size only the first is
/// looked for, so a broken 50 MB file is still reported at once.
const MAX_BYTES_FOR_MORE: usize = 4 << 20;

/// The map, or every problem that can be told apart (at least one, at most
/// [`MAX_PROBLEMS`]), in the order they appear in the file.
pub fn check(bytes: &[u8]) -> Result<Map, Vec<ParseError>> {
    let source = decode(bytes).map_err(|e| vec![e])?;
    let first = match parse_file(source) {
        Ok(file) if !file.has_conflicts() => return Ok(file.into()),
        Ok(_) => {
            let source = without_bom(source);
            return Err(super::conflicts::problems(source, MAX_PROBLEMS)
                .into_iter()
                .map(|p| p.in_lines_of(source))
                .collect());
        }
        Err(first) => first,
    };
    // The search works with ron's positions; they are moved to the lines an editor shows
    // at the end.
    let shown = |problems: Vec<ParseError>| {
        let source = without_bom(source);
        problems
            .into_iter()
            .map(|p| p.in_lines_of(source))
            .collect::<Vec<_>>()
    };
    let mut problems = vec![first];
    if bytes.len() > MAX_BYTES_FOR_MORE {
        return Err(shown(problems));
    }
    let mut text: Vec<char> = without_bom(source).chars().collect();
    while problems.len() < MAX_PROBLEMS {
        let Some(last) = problems.last() else { break };
        let Some(fix) = set_right(&mut text, last) else {
            break;
        };
        let next = match parse_map(&text.iter().collect::<String>()) {
            Ok(_) => break,
            Err(next) => next,
        };
        if fix.may_have_caused(&text, &next) {
            break;
        }
        problems.push(next);
    }
    Err(shown(problems))
}

/// What [`set_right`] rewrote: the characters `start..end`, and whether that was a whole
/// field taken out.
struct Fix {
    start: usize,
    end: usize,
    field_removed: bool,
}

impl Fix {
    /// Whether `next` could be an echo of this rewrite rather than a problem of the file:
    /// an error inside or just after the rewritten text, or, once a field was taken out,
    /// a missing field (the unknown one was most likely a misspelling of it).
    fn may_have_caused(&self, text: &[char], next: &ParseError) -> bool {
        if self.field_removed && next.message.starts_with("missing field") {
            return true;
        }
        let Some(at) = offset(text, next.line, next.column) else {
            return true;
        };
        let mut after = self.end;
        while after < text.len() && text[after].is_whitespace() {
            after += 1;
        }
        (self.start..=after).contains(&at)
    }
}

/// Fields whose blank text becomes `"?"`. Card fields that hold a number get `0` for a bad
/// value, and those that hold a word are taken out whole when it is not one of their words.
const TEXT_FIELDS: [&str; 2] = ["text", "name"];

fn kind_of(field: &str) -> Option<FieldKind> {
    CardField::from_key(field).map(CardField::kind)
}

/// Replaces the value or field that `problem` is about; `None` when it is not one that can
/// be set right without guessing.
fn set_right(text: &mut [char], problem: &ParseError) -> Option<Fix> {
    let at = offset(text, problem.line, problem.column)?;
    if problem.message.starts_with("unknown field") {
        let end = blank_field(text, at)?;
        return Some(Fix {
            start: at,
            end,
            field_removed: true,
        });
    }
    let (field, value) = field_before(text, at)?;
    if matches!(kind_of(&field), Some(FieldKind::Word(_))) {
        let start = name_start(text, value)?;
        let end = blank_field(text, start)?;
        return Some(Fix {
            start,
            end,
            field_removed: true,
        });
    }
    let (start, end) = if matches!(kind_of(&field), Some(FieldKind::Number { .. })) {
        let end = scalar_end(text, value)?;
        fill(text, value, end, "0");
        (value, end)
    } else if TEXT_FIELDS.contains(&field.as_str()) {
        fill_blank_string(text, value)?
    } else {
        return None;
    };
    Some(Fix {
        start: start.min(at),
        end,
        field_removed: false,
    })
}

/// The index of a 1-based line and column (columns count characters).
fn offset(text: &[char], line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].iter().position(|&c| c == '\n')? + 1;
    }
    let at = start + column.checked_sub(1)?;
    (at <= text.len() && !text[start..at].contains(&'\n')).then_some(at)
}

/// For a position in or just before a value, the field name before its `:` and where the
/// value starts. Only whitespace, quotes, signs and digits may lie between the `:` and the
/// position: the error must be about this value and nothing else.
fn field_before(text: &[char], at: usize) -> Option<(String, usize)> {
    let mut i = at;
    while i > 0 && matches!(text[i - 1], ' ' | '\t' | '"' | '-' | '+' | '.' | '0'..='9') {
        i -= 1;
    }
    let colon = i.checked_sub(1)?;
    if text[colon] != ':' {
        return None;
    }
    let mut end = colon;
    while end > 0 && matches!(text[end - 1], ' ' | '\t') {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && (text[start - 1].is_ascii_alphanumeric() || text[start - 1] == '_') {
        start -= 1;
    }
    let mut value = colon + 1;
    while value < text.len() && matches!(text[value], ' ' | '\t') {
        value += 1;
    }
    (start < end).then(|| (text[start..end].iter().collect(), value))
}

/// Where the name of the field whose value starts at `value` begins.
fn name_start(text: &[char], value: usize) -> Option<usize> {
    let mut i = value;
    while i > 0 && matches!(text[i - 1], ' ' | '\t') {
        i -= 1;
    }
    if text.get(i.checked_sub(1)?) != Some(&':') {
        return None;
    }
    i -= 1;
    while i > 0 && matches!(text[i - 1], ' ' | '\t') {
        i -= 1;
    }
    while i > 0 && (text[i - 1].is_ascii_alphanumeric() || text[i - 1] == '_') {
        i -= 1;
    }
    Some(i)
}

/// The end of the plain value that starts at `start`: a string on one line, or a bare word
/// or number, followed by nothing but the end of the field. `None` for anything else (a
/// list, a comment, a character literal), which is not rewritten.
fn scalar_end(text: &[char], start: usize) -> Option<usize> {
    let end = if text.get(start) == Some(&'"') {
        string_end(text, start, false)?
    } else {
        let mut end = start;
        while end < text.len()
            && (text[end].is_ascii_alphanumeric() || matches!(text[end], '_' | '.' | '-' | '+'))
        {
            end += 1;
        }
        end
    };
    let mut after = end;
    while after < text.len() && matches!(text[after], ' ' | '\t') {
        after += 1;
    }
    let ends_field = after == text.len() || matches!(text[after], ',' | ')' | '\r' | '\n');
    (end > start && ends_field).then_some(end)
}

/// The index just past the closing quote of the string that opens at `start`, if it closes
/// (on the same line, unless `multiline`).
fn string_end(text: &[char], start: usize, multiline: bool) -> Option<usize> {
    let mut i = start + 1;
    while i < text.len() {
        match text[i] {
            '\\' => i += 2,
            '"' => return Some(i + 1),
            '\n' if !multiline => return None,
            _ => i += 1,
        }
    }
    None
}

/// Writes `with` over `text[start..end]`, padded with spaces to the same width.
fn fill(text: &mut [char], start: usize, end: usize, with: &str) {
    let mut with = with.chars();
    for c in &mut text[start..end] {
        *c = with.next().unwrap_or(' ');
    }
}

/// Makes the blank string at `start` read `"?"` without moving anything after it; the
/// range rewritten.
fn fill_blank_string(text: &mut [char], start: usize) -> Option<(usize, usize)> {
    if text.get(start) != Some(&'"') {
        return None;
    }
    let end = scalar_end(text, start)?;
    if end - start > 2 {
        // Something between the quotes: overwrite it.
        fill(text, start + 1, end - 1, "?");
        Some((start, end))
    } else if start > 0 && text[start - 1] == ' ' {
        // `""`: borrow the space before it.
        fill(text, start - 1, end, "\"?\"");
        Some((start - 1, end))
    } else {
        None
    }
}

/// Turns `name: value,` (the unknown field at `at`) into spaces, keeping line breaks, and
/// returns where the blanked text ends. Gives up on anything it cannot be sure of, such as a
/// comment or a character literal inside the value.
fn blank_field(text: &mut [char], at: usize) -> Option<usize> {
    let mut end = value_end(text, at)?;
    // Its comma too, unless the field was the last one.
    let mut after = end;
    while after < text.len() && text[after].is_whitespace() {
        after += 1;
    }
    if text.get(after) == Some(&',') {
        end = after + 1;
    }
    for c in &mut text[at..end] {
        if *c != '\n' {
            *c = ' ';
        }
    }
    Some(end)
}

/// The end of a field's value: up to the first `,`, `)` or `]` outside brackets and strings.
fn value_end(text: &[char], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    let mut seen_colon = false;
    while i < text.len() {
        match text[i] {
            ':' => seen_colon = true,
            '"' => {
                i = string_end(text, i, true)?;
                continue;
            }
            '/' if matches!(text.get(i + 1), Some('/' | '*')) => return None,
            '\'' => return None,
            'r' if text.get(i + 1).is_some_and(|&c| c == '"' || c == '#') => return None,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return seen_colon.then_some(i),
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return seen_colon.then_some(i),
            _ => {}
        }
        i += 1;
    }
    None
}
