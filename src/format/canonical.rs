//! The canonical form of format 1: fields in a fixed order, 4-space indentation, one card per
//! line, empty optional fields left out. Written by hand rather than by ron's pretty printer
//! so that the layout is exactly the documented one and stable across ron versions.

use std::fmt::Write;

use super::schema::FORMAT;
use crate::model::{Card, CardField, Lane, Map, Persona, Stage, Value};

const INDENT: &str = "    ";

/// The canonical text of a map. Loading it gives the same map back.
pub fn to_string(map: &Map) -> String {
    to_string_paced(map, || {})
}

/// How many cards are written between two calls of the `pause` of [`to_string_paced`]:
/// about a tenth of a millisecond of work.
const CARDS_PER_PAUSE: usize = 512;

/// [`to_string`], calling `pause` after every few hundred cards. A background writer passes
/// `std::thread::yield_now`, so that formatting a large map never holds a CPU long enough
/// to make a key press wait for it.
pub fn to_string_paced(map: &Map, mut pause: impl FnMut()) -> String {
    // Cards average well under 100 bytes; reserving avoids most regrowth on big maps.
    let mut out = String::with_capacity(256 + map.card_count() * 96);
    out.push_str("(\n");
    let _ = writeln!(out, "{INDENT}format: {FORMAT},");
    field(&mut out, 1, "title", &map.title);
    if let Some(theirs) = &map.title_conflict {
        field(&mut out, 1, "title_conflict", theirs);
    }
    if let Some(persona) = &map.persona {
        write_persona(&mut out, persona);
    }
    let _ = writeln!(out, "{INDENT}stages: [");
    let mut since_pause = 0;
    for stage in &map.stages {
        write_stage(&mut out, stage, &mut since_pause, &mut pause);
    }
    let _ = writeln!(out, "{INDENT}],");
    out.push_str(")\n");
    out
}

fn write_persona(out: &mut String, persona: &Persona) {
    let _ = writeln!(out, "{INDENT}persona: (");
    field(out, 2, "name", &persona.name);
    if let Some(theirs) = &persona.name_conflict {
        field(out, 2, "name_conflict", theirs);
    }
    if !persona.summary.is_empty() {
        field(out, 2, "summary", &persona.summary);
    }
    if let Some(theirs) = &persona.summary_conflict {
        field(out, 2, "summary_conflict", theirs);
    }
    for (key, list) in [
        ("goals", &persona.goals),
        ("frustrations", &persona.frustrations),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(out, "{INDENT}{INDENT}{key}: [");
        for (i, item) in list.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            quoted(out, item);
        }
        out.push_str("],\n");
    }
    if let Some(side) = persona.conflict {
        let _ = writeln!(out, "{INDENT}{INDENT}conflict: {},", side.key());
    }
    let _ = writeln!(out, "{INDENT}),");
}

fn write_stage(out: &mut String, stage: &Stage, since_pause: &mut usize, pause: &mut impl FnMut()) {
    let _ = writeln!(out, "{INDENT}{INDENT}(");
    field(out, 3, "name", &stage.name);
    if !stage.description.is_empty() {
        field(out, 3, "description", &stage.description);
    }
    if let Some(theirs) = &stage.description_conflict {
        field(out, 3, "description_conflict", theirs);
    }
    if let Some(theirs) = &stage.conflict {
        field(out, 3, "conflict", theirs);
    }
    for lane in Lane::ALL {
        let cards = stage.lane(lane);
        if cards.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{INDENT}{INDENT}{INDENT}{}: [", lane.key());
        for card in cards {
            write_card(out, lane, card);
            *since_pause += 1;
            if *since_pause == CARDS_PER_PAUSE {
                *since_pause = 0;
                pause();
            }
        }
        let _ = writeln!(out, "{INDENT}{INDENT}{INDENT}],");
    }
    let _ = writeln!(out, "{INDENT}{INDENT}),");
}

fn write_card(out: &mut String, lane: Lane, card: &Card) {
    out.push_str(INDENT);
    out.push_str(INDENT);
    out.push_str(INDENT);
    out.push_str(INDENT);
    out.push('(');
    let mut first = true;
    for field in CardField::of(lane) {
        if !field.is_required() && !field.is_stated(card) {
            continue;
        }
        if !std::mem::take(&mut first) {
            out.push_str(", ");
        }
        out.push_str(field.key());
        out.push_str(": ");
        match field.get(card) {
            Value::Text(text) => quoted(out, text),
            Value::Number(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Word(word) => out.push_str(word.unwrap_or_default()),
        }
    }
    if let Some(side) = card.conflict {
        out.push_str(", conflict: ");
        out.push_str(side.key());
    }
    out.push_str("),\n");
}

fn field(out: &mut String, depth: usize, key: &str, value: &str) {
    for _ in 0..depth {
        out.push_str(INDENT);
    }
    out.push_str(key);
    out.push_str(": ");
    quoted(out, value);
    out.push_str(",\n");
}

/// A RON string literal. Printable text, non-ASCII included, is written as itself; control
/// characters and invisible direction overrides are escaped so that a file shown in a
/// terminal or a diff cannot hide or reorder what it says.
fn quoted(out: &mut String, s: &str) {
    out.push('"');
    let mut plain_from = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            c if crate::text::is_unsafe(c) => None,
            _ => continue,
        };
        out.push_str(&s[plain_from..i]);
        match escape {
            Some(e) => out.push_str(e),
            None => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
        plain_from = i + c.len_utf8();
    }
    out.push_str(&s[plain_from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> String {
        let mut out = String::new();
        quoted(&mut out, s);
        out
    }

    #[test]
    fn quoting_escapes_only_what_it_must() {
        assert_eq!(q("Café 日本 🙂"), "\"Café 日本 🙂\"");
        assert_eq!(q("say \"hi\"\\"), r#""say \"hi\"\\""#);
        assert_eq!(q("a\nb\tc"), r#""a\nb\tc""#);
        assert_eq!(q("\u{1b}[31m\u{202e}"), r#""\u{1b}[31m\u{202e}""#);
    }
}
