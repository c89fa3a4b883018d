//! Finds the conflicts a merge left in a file that loads: `check` reports each one at its
//! `conflict` field (a card's side, a stage's other name) or `*_conflict` field (theirs'
//! title, persona name or summary, stage description), so a map with conflicts never
//! passes for a finished one.

use super::ParseError;

/// One conflict field of the file, with the position of its value (as ron counts lines).
struct Found {
    key: &'static str,
    /// Whether the field is the persona's own (not a card's or a stage's).
    in_persona: bool,
    line: usize,
    column: usize,
    value: String,
}

/// A problem for every `conflict` field in `text`, at most `limit`, in file order. `text`
/// is a file that parsed, so every `conflict` key outside strings and comments is a field.
pub(crate) fn problems(text: &str, limit: usize) -> Vec<ParseError> {
    fields(text)
        .into_iter()
        .take(limit)
        .map(|f| ParseError::at(f.line, f.column, message(&f)))
        .collect()
}

/// The keys a merge writes for a conflict: a card's or stage name's `conflict`, and
/// theirs' version of a value beside ours'.
const KEYS: [&str; 5] = [
    "conflict",
    "title_conflict",
    "name_conflict",
    "summary_conflict",
    "description_conflict",
];

fn message(found: &Found) -> String {
    const HOW: &str = "keep the version you want (or both) and remove its `conflict` field";
    let (key, value) = (found.key, found.value.as_str());
    if found.in_persona && key == "conflict" {
        let (side, other) = match value {
            "ours" => ("ours", "theirs"),
            _ => ("theirs", "ours"),
        };
        return format!(
            "merge conflict: {side} changed the persona and {other} removed it; keep it \
             (remove its `conflict` field) or remove the persona"
        );
    }
    let what = match key {
        "title_conflict" => "the title",
        "name_conflict" => "the persona's name",
        "summary_conflict" => "the persona's summary",
        "description_conflict" => "this stage's description",
        _ => match value {
            "ours" => return format!("merge conflict: ours' version of this card; {HOW}"),
            "theirs" => return format!("merge conflict: theirs' version of this card; {HOW}"),
            name => {
                return format!(
                    "merge conflict: this stage was renamed both ways, and theirs named it \
                     {name}; keep one name in `name` and remove `conflict`"
                );
            }
        },
    };
    let field = key.trim_end_matches("_conflict");
    format!(
        "merge conflict: {what} was changed both ways, and theirs is {value}; keep one {field} \
         in `{field}` and remove `{key}`"
    )
}

/// Walks the text the way ron reads it: strings (plain and raw) and comments are skipped.
fn fields(text: &str) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let (mut i, mut line, mut column) = (0, 1, 1);
    // The field each open bracket belongs to ("" for a card or a stage in a list), and the
    // field whose value comes next: what a `conflict` is the conflict of.
    let mut open: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    // Moves one character on, keeping the position.
    let step = |i: &mut usize, line: &mut usize, column: &mut usize| {
        if chars[*i] == '\n' {
            *line += 1;
            *column = 1;
        } else {
            *column += 1;
        }
        *i += 1;
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            step(&mut i, &mut line, &mut column);
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    step(&mut i, &mut line, &mut column);
                }
                step(&mut i, &mut line, &mut column);
            }
            if i < chars.len() {
                step(&mut i, &mut line, &mut column);
            }
        } else if c == 'r' && matches!(chars.get(i + 1), Some('"' | '#')) {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                step(&mut i, &mut line, &mut column);
                continue;
            }
            for _ in 0..hashes + 2 {
                step(&mut i, &mut line, &mut column);
            }
            let closes = |at: usize| {
                chars[at] == '"' && (1..=hashes).all(|k| chars.get(at + k) == Some(&'#'))
            };
            while i < chars.len() && !closes(i) {
                step(&mut i, &mut line, &mut column);
            }
            for _ in 0..=hashes {
                if i < chars.len() {
                    step(&mut i, &mut line, &mut column);
                }
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                step(&mut i, &mut line, &mut column);
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    step(&mut i, &mut line, &mut column);
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    step(&mut i, &mut line, &mut column);
                    step(&mut i, &mut line, &mut column);
                    if depth == 0 {
                        break;
                    }
                    continue;
                }
                step(&mut i, &mut line, &mut column);
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                step(&mut i, &mut line, &mut column);
            }
            let word: String = chars[start..i].iter().collect();
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if chars.get(j) != Some(&':') {
                continue;
            }
            let Some(key) = KEYS.into_iter().find(|k| *k == word) else {
                pending = Some(word);
                continue;
            };
            while i <= j {
                step(&mut i, &mut line, &mut column);
            }
            while i < chars.len() && chars[i].is_whitespace() {
                step(&mut i, &mut line, &mut column);
            }
            let (value_line, value_column, value_start) = (line, column, i);
            let mut end = i;
            if chars.get(i) == Some(&'"') {
                end += 1;
                while end < chars.len() && chars[end] != '"' {
                    end += if chars[end] == '\\' { 2 } else { 1 };
                }
                end = (end + 1).min(chars.len());
            } else {
                while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '_') {
                    end += 1;
                }
            }
            let owner = open.iter().rev().find(|name| !name.is_empty());
            found.push(Found {
                key,
                in_persona: owner.is_some_and(|name| name == "persona"),
                line: value_line,
                column: value_column,
                value: chars[value_start..end].iter().collect(),
            });
        } else {
            match c {
                '(' | '[' => open.push(pending.take().unwrap_or_default()),
                ')' | ']' => {
                    open.pop();
                }
                ',' => pending = None,
                _ => {}
            }
            step(&mut i, &mut line, &mut column);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_and_skips_strings_and_comments() {
        let text = "(\n  (text: \"conflict: ours\", conflict: ours),\n  // conflict: theirs\n  /* conflict: x */ (name: r#\"conflict: y\"#, conflict: \"Buy\"),\n)";
        let found = fields(text);
        let got: Vec<(usize, usize, &str)> = found
            .iter()
            .map(|f| (f.line, f.column, f.value.as_str()))
            .collect();
        assert_eq!(got, [(2, 38, "ours"), (4, 56, "\"Buy\"")]);
    }
}
