//! Importing Mermaid `journey` diagrams, read the way Mermaid's own grammar reads them:
//!
//! ```text
//! ---
//! title: Optional front matter
//! ---
//! journey
//!     title My working day
//!     accTitle: Short accessible title
//!     accDescr { A longer description,
//!                over several lines }
//!     %% a comment
//!     section Go to work
//!       Make tea: 5: Me
//!       Do work: 1: Me, Cat
//! ```
//!
//! Sections become stages and tasks become touchpoints, each with an emotion of the same text
//! whose score is Mermaid's 1..5 mapped to −2..+2. One actor throughout becomes the persona;
//! with several, each touchpoint notes its actors. `#` and `%%` start comments as in Mermaid,
//! Mermaid's entity codes (`#58;`, `#quot;`) are decoded and `<br>` becomes a space. A
//! Markdown file is searched for its first ```` ```mermaid ```` block holding a journey.
//! Where Mermaid would reject the diagram, the error says where and why.

use crate::format::ParseError;
use crate::interchange::mermaid::{decode, entity_len, from_mermaid_score, is_space, js_number};
use crate::model::{Card, Lane, Map, Persona, Stage, is_blank};

use super::{Imported, Options, Warning, column};
use blocks::diagrams;

mod blocks;

/// The stage for tasks written before any `section`.
const NO_SECTION: &str = "Tasks";

pub fn parse(src: &str, opts: &Options) -> Result<Imported, ParseError> {
    let lines: Vec<&str> = src
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let blocks = diagrams(&lines)?;
    let wanted = opts.diagram.unwrap_or(1);
    let Some(block) = wanted.checked_sub(1).and_then(|i| blocks.get(i)) else {
        let message = match blocks.as_slice() {
            [only] if only.fence.is_none() => format!(
                "this file is one diagram, not Markdown with several: there is no diagram {wanted}"
            ),
            _ => format!(
                "this file holds {} journey diagrams: there is no diagram {wanted} (give --diagram 1 to {})",
                blocks.len(),
                blocks.len()
            ),
        };
        let at = blocks.last().and_then(|b| b.fence).map_or(1, |f| f + 1);
        return Err(ParseError::at(at, 1, message));
    };
    let mut reader = Reader::default();
    if blocks.len() > 1 {
        reader.warnings.push(Warning::note(
            block.fence.map_or(1, |f| f + 1),
            1,
            format!(
                "this file holds {} journey diagrams; imported diagram {wanted}, the block that starts here (--diagram N imports another, N from 1 to {})",
                blocks.len(),
                blocks.len()
            ),
        ));
    }
    reader.read(&lines, block.range.clone())?;
    reader.finish(&lines)
}

/// A line without the white space Mermaid skips around it.
fn trim(line: &str) -> &str {
    line.trim_matches(is_space)
}

fn is_blank_line(line: &str) -> bool {
    trim(line).is_empty()
}

/// True when `s` starts with the keyword `word` (any case) followed by white space or the end.
fn starts_with_word(s: &str, word: &str) -> bool {
    s.get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word))
        && s[word.len()..].chars().next().is_none_or(is_space)
}

/// The byte offset just after `word` and the one white-space character that follows it,
/// when `s` starts with that word.
fn after_word(s: &str, word: &str) -> Option<usize> {
    if !starts_with_word(s, word) {
        return None;
    }
    let gap = s[word.len()..].chars().next()?;
    Some(word.len() + gap.len_utf8())
}

/// The first of `stops` in `s`, skipping Mermaid entity codes (`#58;`), which Mermaid
/// replaces before it reads the diagram and which therefore never start a comment.
fn find_stop(s: &str, stops: &[char]) -> Option<usize> {
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if c == '#'
            && let Some(len) = entity_len(&s[i..])
        {
            i += len;
            continue;
        }
        if stops.contains(&c) {
            return Some(i);
        }
        i += c.len_utf8();
    }
    None
}

#[derive(Default)]
struct Reader {
    title: Option<String>,
    front_title: Option<String>,
    acc_title: Option<String>,
    stages: Vec<Stage>,
    /// The actors of every task, by stage and touchpoint index.
    actors: Vec<(usize, usize, Vec<String>)>,
    seen_journey: bool,
    /// What was read differently from how it is written (a score out of range), and notes.
    warnings: Vec<Warning>,
}

/// What follows a statement: the next line, in this state, or more of the same line.
enum Step {
    Done(Option<State>),
    Continue(usize),
}

/// Where the reader is between lines.
enum State {
    Body,
    /// Inside `accDescr { ... }`, which started on this line.
    Description(usize),
    /// Inside a `%%{ ... }%%` directive, which started on this line.
    Directive(usize),
}

impl Reader {
    fn read(&mut self, lines: &[&str], range: std::ops::Range<usize>) -> Result<(), ParseError> {
        let mut start = (range.start..range.end)
            .find(|&j| !is_blank_line(lines[j]))
            .unwrap_or(range.end);
        // Front matter: `---` on the first line, YAML, `---`.
        if lines.get(start).is_some_and(|l| trim(l) == "---") {
            let close = (start + 1..range.end)
                .find(|&j| trim(lines[j]) == "---")
                .ok_or_else(|| {
                    ParseError::at(
                        start + 1,
                        1,
                        "the front matter that starts here is not closed with `---`",
                    )
                })?;
            // Mermaid dedents a diagram indented as a whole (in a page or a document) before
            // reading it: the front matter's own keys are as indented as its `---`.
            let opening = lines[start];
            let indent = &opening[..opening.len() - opening.trim_start_matches(is_space).len()];
            for line in &lines[start + 1..close] {
                let line = line.strip_prefix(indent).unwrap_or(line);
                if let Some(value) = line.strip_prefix("title:") {
                    self.front_title = Some(decode(&yaml_scalar(value)));
                }
            }
            start = close + 1;
        }
        let mut state = State::Body;
        for (n, &line) in lines.iter().enumerate().take(range.end).skip(start) {
            match state {
                State::Description(_) => {
                    if let Some(close) = line.find('}') {
                        state = State::Body;
                        state = self.statements(line, close + 1, n)?.unwrap_or(state);
                    }
                }
                State::Directive(_) => {
                    if line.contains("}%%") {
                        state = State::Body;
                    }
                }
                State::Body => state = self.statements(line, 0, n)?.unwrap_or(State::Body),
            }
        }
        match state {
            State::Body => Ok(()),
            State::Description(n) => Err(ParseError::at(
                n + 1,
                1,
                "this `accDescr {` is not closed: end the description with `}`",
            )),
            State::Directive(n) => Err(ParseError::at(
                n + 1,
                1,
                "this `%%{` directive is not closed with `}%%`",
            )),
        }
    }

    /// Reads the statements in `line` from byte `from` (`journey` and `accDescr { }` may be
    /// followed by more on the same line); `n` is the 0-based line number. Returns the
    /// state for the next line when it is not the body. A loop, not recursion: a line of a
    /// million `accDescr{}` takes no more stack than one.
    fn statements(
        &mut self,
        line: &str,
        mut from: usize,
        n: usize,
    ) -> Result<Option<State>, ParseError> {
        loop {
            match self.statement(line, from, n)? {
                Step::Done(state) => return Ok(state),
                Step::Continue(next) => from = next,
            }
        }
    }

    /// Reads one statement in `line` from byte `from`.
    fn statement(&mut self, line: &str, from: usize, n: usize) -> Result<Step, ParseError> {
        let rest = &line[from..];
        // Mermaid's lexer skips JavaScript's white space, the byte-order mark included.
        let at = from + (rest.len() - rest.trim_start_matches(is_space).len());
        let t = line[at..].trim_end_matches(is_space);
        let err = |offset: usize, msg: &str| ParseError::at(n + 1, column(line, at + offset), msg);
        if t.is_empty() || (t.starts_with('#') && entity_len(t).is_none()) {
            return Ok(Step::Done(None));
        }
        if t.starts_with("%%") {
            let directive = t.starts_with("%%{") && !t.contains("}%%");
            return Ok(Step::Done(directive.then_some(State::Directive(n))));
        }
        if !self.seen_journey {
            if starts_with_word(t, "journey") {
                self.seen_journey = true;
                return Ok(Step::Continue(at + "journey".len()));
            }
            let first_word = t.split_whitespace().next().unwrap_or(t);
            let message = if KNOWN_DIAGRAMS
                .iter()
                .any(|d| first_word.eq_ignore_ascii_case(d))
            {
                format!(
                    "this is a Mermaid `{first_word}` diagram; journeymap imports only `journey` diagrams"
                )
            } else {
                "expected `journey`: a Mermaid journey diagram starts with that word".to_string()
            };
            return Err(err(0, &message));
        }
        if starts_with_word(t, "journey") {
            return Err(err(0, "a second `journey`: a file holds one diagram"));
        }
        if let Some(value_at) = after_word(t, "title").filter(|&i| i < t.len()) {
            let value = self.until_comment(t, value_at, &err)?;
            self.title = Some(decode(value).trim().to_string());
            return Ok(Step::Done(None));
        }
        for (key, is_title) in [("acctitle", true), ("accdescr", false)] {
            let Some(after) = t
                .get(..key.len())
                .filter(|head| head.eq_ignore_ascii_case(key))
                .map(|_| &t[key.len()..])
            else {
                continue;
            };
            let gap = after.len() - after.trim_start().len();
            let pos = key.len() + gap;
            match t[pos..].chars().next() {
                Some(':') => {
                    let value = decode(t[pos + 1..].trim());
                    if is_title {
                        self.acc_title = Some(value);
                    }
                    return Ok(Step::Done(None));
                }
                Some('{') if !is_title => {
                    return match t[pos + 1..].find('}') {
                        Some(close) => Ok(Step::Continue(at + pos + 1 + close + 1)),
                        None => Ok(Step::Done(Some(State::Description(n)))),
                    };
                }
                _ => {}
            }
        }
        if let Some(name_at) = after_word(t, "section").filter(|&i| i < t.len()) {
            let end = find_stop(&t[name_at..], &[':', '#', ';']).map_or(t.len(), |i| name_at + i);
            match t[end..].chars().next() {
                Some(':') => {
                    return Err(err(
                        end,
                        "a section name cannot hold `:` (write `#58;` for a colon)",
                    ));
                }
                Some(';') => return Err(err(end, SEMICOLON)),
                _ => {}
            }
            let name = decode(&t[name_at..end]).trim().to_string();
            if is_blank(&name) {
                return Err(err(0, "the section has no name"));
            }
            self.stages.push(Stage::new(name));
            return Ok(Step::Done(None));
        }
        let warn = |offset: usize, msg: String| Warning::at(n + 1, column(line, at + offset), msg);
        self.task(t, &err, &warn).map(|()| Step::Done(None))
    }

    /// `t[from..]` up to a `#` comment; a `;` is an error as it is in Mermaid.
    fn until_comment<'a>(
        &self,
        t: &'a str,
        from: usize,
        err: &impl Fn(usize, &str) -> ParseError,
    ) -> Result<&'a str, ParseError> {
        let end = find_stop(&t[from..], &['#', ';']).map_or(t.len(), |i| from + i);
        if t[end..].starts_with(';') {
            return Err(err(end, SEMICOLON));
        }
        Ok(&t[from..end])
    }

    /// `Task name: score: actor, actor`. Mermaid reads the score as JavaScript's `Number`
    /// and draws any task it can lex; a score outside 1..5 is taken to the nearest end, one
    /// that is not a number is neutral, and either is reported as a warning.
    fn task(
        &mut self,
        t: &str,
        err: &impl Fn(usize, &str) -> ParseError,
        warn: &impl Fn(usize, String) -> Warning,
    ) -> Result<(), ParseError> {
        let colon = find_stop(t, &[':', '#', ';']).unwrap_or(t.len());
        match t[colon..].chars().next() {
            Some(':') => {}
            Some(';') => return Err(err(colon, SEMICOLON)),
            _ => {
                return Err(err(
                    colon,
                    "expected `:` and a score after the task name, as in `Make tea: 5: Me`",
                ));
            }
        }
        let name = decode(&t[..colon]).trim().to_string();
        if is_blank(&name) {
            return Err(err(0, "the task has no name before the `:`"));
        }
        let data = self.until_comment(t, colon + 1, err)?;
        if data.is_empty() {
            return Err(err(colon + 1, "expected a score from 1 to 5 after the `:`"));
        }
        let mut pieces = data.split(':');
        let score_text = pieces.next().unwrap_or("");
        let actors_text = pieces.next();
        let score_at =
            colon + 1 + (score_text.len() - score_text.trim_start_matches(is_space).len());
        let shown = score_text.trim_matches(is_space);
        // Mermaid reads `Step: Sign in: 4: Me` as the task `Step`, scored `Sign in`, by
        // the actor `4`: a colon in the name, not an actor called 4.
        let colon_in_name = actors_text
            .is_some_and(|a| !a.trim_matches(is_space).is_empty() && js_number(a).is_some());
        let (score, problem) = match js_number(score_text) {
            _ if shown.is_empty() => (
                0,
                Some((
                    colon + 1,
                    "the task has no score: imported as neutral (0); write a score from 1 to 5 after the `:`".to_string(),
                )),
            ),
            None => {
                let hint = if colon_in_name {
                    "Mermaid ends a task name at its first `:`; write #58; for a colon in a task name"
                } else {
                    "write a score from 1 to 5"
                };
                let message = format!(
                    "the score `{shown}` is not a number: imported as neutral (0); {hint}"
                );
                (0, Some((score_at, message)))
            }
            Some(number) => {
                let whole = number.clamp(1.0, 5.0).round();
                // In 1.0..=5.0, so the cast is exact.
                let mermaid = whole as u8;
                let score = from_mermaid_score(mermaid);
                let message = if !(1.0..=5.0).contains(&number) {
                    Some(format!(
                        "the score `{shown}` is outside Mermaid's 1..5: imported as {mermaid} ({}); write a score from 1 to 5",
                        signed(score)
                    ))
                } else if whole != number {
                    Some(format!(
                        "the score `{shown}` is not a whole number: imported as {mermaid} ({}); write a whole number from 1 to 5",
                        signed(score)
                    ))
                } else {
                    None
                };
                (score, message.map(|m| (score_at, m)))
            }
        };
        if let Some((offset, message)) = problem {
            self.warnings.push(warn(offset, message));
        }
        let actors: Vec<String> = actors_text
            .filter(|_| !colon_in_name)
            .map(|a| {
                a.split(',')
                    .map(|s| decode(s).trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();

        if self.stages.is_empty() {
            self.stages.push(Stage::new(NO_SECTION));
        }
        let s = self.stages.len() - 1;
        if let Some(stage) = self.stages.last_mut() {
            stage
                .lane_mut(Lane::Touchpoints)
                .push(Card::new(name.clone()));
            stage
                .lane_mut(Lane::Emotions)
                .push(Card::new(name).with_score(score));
            let t = stage.lane(Lane::Touchpoints).len() - 1;
            self.actors.push((s, t, actors));
        }
        Ok(())
    }

    fn finish(self, lines: &[&str]) -> Result<Imported, ParseError> {
        let Reader {
            title,
            front_title,
            acc_title,
            mut stages,
            actors,
            seen_journey,
            warnings,
        } = self;
        if !seen_journey {
            return Err(ParseError::at(
                lines.len().max(1),
                1,
                "the file holds no diagram: a Mermaid journey diagram starts with `journey`",
            ));
        }
        if stages.is_empty() {
            return Err(ParseError::at(
                lines.len().max(1),
                1,
                "the diagram has no sections and no tasks: a journey map needs at least one stage",
            ));
        }
        let mut everyone: Vec<&String> = Vec::new();
        for (_, _, names) in &actors {
            for a in names {
                if !everyone.contains(&a) {
                    everyone.push(a);
                }
            }
        }
        let persona = match everyone.as_slice() {
            [one] => Some(Persona {
                name: (*one).clone(),
                ..Persona::default()
            }),
            _ => None,
        };
        if everyone.len() > 1 {
            for (s, t, names) in &actors {
                if names.is_empty() {
                    continue;
                }
                if let Some(card) = stages
                    .get_mut(*s)
                    .and_then(|st| st.lane_mut(Lane::Touchpoints).get_mut(*t))
                {
                    card.notes = format!("Actors: {}", names.join(", "));
                }
            }
        }
        // Mermaid shows the diagram's `title`, else the front matter's; `accTitle` is only
        // for screen readers, so it names the map only when there is no other title.
        let title = title.or(front_title).or(acc_title).unwrap_or_default();
        Ok(Imported {
            map: Map {
                title,
                persona,
                stages,
                ..Map::default()
            },
            warnings,
        })
    }
}

/// An emotion score as people read it: `+2`, `0`, `-1`.
fn signed(score: i8) -> String {
    if score > 0 {
        format!("+{score}")
    } else {
        score.to_string()
    }
}

const SEMICOLON: &str = "Mermaid does not allow `;` here (write `#59;` for a semicolon)";

const KNOWN_DIAGRAMS: [&str; 14] = [
    "graph",
    "flowchart",
    "sequenceDiagram",
    "classDiagram",
    "stateDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "gantt",
    "pie",
    "mindmap",
    "timeline",
    "gitGraph",
    "quadrantChart",
    "xychart-beta",
];

/// A one-line YAML scalar: without its quotes (in single quotes, `''` is one `'`; in
/// double quotes, `\"` is one `"`) and without a ` #` comment after it.
fn yaml_scalar(s: &str) -> String {
    let s = s.trim();
    let mut chars = s.chars().peekable();
    match chars.next() {
        Some(q @ ('\'' | '"')) => {
            let mut out = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\'' if q == '\'' && chars.peek() == Some(&'\'') => {
                        chars.next();
                        out.push('\'');
                    }
                    '\\' if q == '"' && chars.peek() == Some(&'"') => {
                        chars.next();
                        out.push('"');
                    }
                    c if c == q => return out,
                    c => out.push(c),
                }
            }
            // Not closed: taken as it is written.
            s.to_string()
        }
        _ => s.find(" #").map_or(s, |i| &s[..i]).trim_end().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_fences() {
        assert!(starts_with_word("journey", "journey"));
        assert!(starts_with_word("Journey  x", "journey"));
        assert!(!starts_with_word("journeys", "journey"));
        assert_eq!(blocks::mermaid_fence("```mermaid"), Some("```"));
        assert_eq!(blocks::mermaid_fence("~~~~ Mermaid "), Some("~~~"));
        assert_eq!(blocks::mermaid_fence("```rust"), None);
    }
}
