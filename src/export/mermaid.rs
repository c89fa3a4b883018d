//! The `mermaid` snapshot: a Mermaid `journey` diagram. The title, a `section` per stage, and
//! each touchpoint as a task. A task's score comes from the stage's emotions: the emotion
//! with the same text as the touchpoint when there is one (which is how `import` pairs them),
//! otherwise the stage's mean, rounded; a stage without emotions scores 3. Scores −2..+2 map
//! to Mermaid's 1..5. The persona, when there is one, is every task's actor, except on a
//! touchpoint whose notes list its own (`Actors: Me, Cat`, as `import` writes them).
//!
//! Mermaid's journey grammar ends a name at `:`, `#` or `;`, treats `%%` as a comment and
//! certain words at the start of a line as keywords. Text is therefore written with Mermaid's
//! entity codes (`#58;` for `:`), which Mermaid turns back into the character when it draws
//! the diagram, and the importer does too.

use std::collections::HashMap;
use std::fmt::Write;

use super::{Options, safe_line};
use crate::interchange::mermaid::{
    is_invisible, is_space, is_syntax, starts_with_keyword, to_mermaid_score,
};
use crate::model::{Lane, Map, Stage, is_blank};

pub(crate) fn render(map: &Map, _opts: &Options) -> String {
    let mut out = String::from("journey\n");
    if !is_blank(&map.title) {
        let _ = writeln!(out, "    title {}", encode(&map.title));
    }
    let actor = map
        .persona
        .as_ref()
        .filter(|p| !is_blank(&p.name))
        .map(|p| encode(&p.name).replace(',', "#44;"));
    for stage in &map.stages {
        let _ = writeln!(out, "    section {}", encode(&stage.name));
        let scores = Scores::of(stage);
        for card in stage.lane(Lane::Touchpoints) {
            let score = to_mermaid_score(scores.of_task(&card.text));
            let _ = write!(out, "        {}: {score}", encode(&card.text));
            if let Some(actors) = noted_actors(&card.notes).or_else(|| actor.clone()) {
                let _ = write!(out, ": {actors}");
            }
            out.push('\n');
        }
    }
    out
}

/// The actors of a touchpoint whose notes are `Actors: A, B`, as `import` writes them for
/// a diagram with several actors.
fn noted_actors(notes: &str) -> Option<String> {
    let list = notes.strip_prefix("Actors: ")?;
    if list.contains('\n') || is_blank(list) {
        return None;
    }
    let names: Vec<String> = list
        .split(", ")
        .map(|a| encode(a).replace(',', "#44;"))
        .collect();
    Some(names.join(", "))
}

/// The scores a stage's emotions give its tasks.
struct Scores<'a> {
    /// The first emotion of each text, for touchpoints of the same text.
    paired: HashMap<&'a str, i8>,
    /// The stage's mean, rounded, for the others.
    mean: i8,
}

impl<'a> Scores<'a> {
    fn of(stage: &'a Stage) -> Self {
        let mut paired = HashMap::new();
        for e in stage.lane(Lane::Emotions) {
            paired.entry(e.text.as_str()).or_insert(e.score);
        }
        let mean = stage.mean_score().map_or(0, |m| m.round() as i8);
        Scores { paired, mean }
    }

    /// The −2..+2 score of the touchpoint with this text.
    fn of_task(&self, text: &str) -> i8 {
        self.paired.get(text).copied().unwrap_or(self.mean)
    }
}

/// Text as it may stand in a Mermaid journey: on one line, made safe, and with every
/// character that Mermaid's grammar would read as syntax written as an entity code.
pub(crate) fn encode(s: &str) -> String {
    let text = safe_line(s);
    let mut out = String::with_capacity(text.len() + 8);
    // Mermaid's lexer skips a leading byte-order mark as white space, and other invisible
    // characters show nothing: at the start they are written as entity codes, so that a
    // keyword behind them stays text and a name of nothing but them is not blank.
    let mut leading = true;
    for c in text.chars() {
        leading = leading && (is_invisible(c) || is_space(c));
        match c {
            c if is_syntax(c) || leading => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    if starts_with_keyword(&out)
        && let Some(first) = out.chars().next()
    {
        out = format!("#{};{}", u32::from(first), &out[first.len_utf8()..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_in_text_becomes_entity_codes() {
        assert_eq!(
            encode("Ratio 3:1; #1 at 50%"),
            "Ratio 3#58;1#59; #35;1 at 50#37;"
        );
        assert_eq!(encode("Section 2 review"), "#83;ection 2 review");
        assert_eq!(encode("Journey\nplanning"), "#74;ourney planning");
        assert_eq!(encode("<b>"), "#60;b#62;");
        assert_eq!(encode("Tom & \"Jerry\""), "Tom & \"Jerry\"");
        assert_eq!(encode("\u{feff}title x"), "#65279;title x");
        assert_eq!(encode("\u{200b}\u{feff}"), "#8203;#65279;");
        assert_eq!(encode("a\u{200d}b"), "a\u{200d}b");
    }
}
