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
use crate::interchange::mermaid::{decode, entity_len, from_mermaid_score};
use crate::model::{Card, Lane, Map, Persona, Stage, is_blank};

use super::column;

/// The stage for tasks written before any `section`.
const NO_SECTION: &str = "Tasks";

pub fn parse(src: &str) -> Result<Map, ParseError> {
    let lines: Vec<&str> = src
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let range = diagram_range(&lines)?;
    let mut reader = Reader::default();
    reader.read(&lines, range)?;
    reader.finish(&lines)
}

/// The lines that hold the diagram: all of them, or the inside of the first ```mermaid
/// block that holds a journey when the file is Markdown.
fn diagram_range(lines: &[&str]) -> Result<std::ops::Range<usize>, ParseError> {
    let first = lines
        .iter()
        .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with("%%"));
    let starts_diagram = |l: &str| {
        let t = l.trim();
        t == "---" || starts_with_word(t, "journey") || t.starts_with("%%")
    };
    if first.is_none_or(|i| starts_diagram(lines[i])) {
        return Ok(0..lines.len());
    }
    let mut first_fence = None;
    let mut i = 0;
    while i < lines.len() {
        if let Some(fence) = mermaid_fence(lines[i]) {
            first_fence.get_or_insert(i);
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].trim_start().starts_with(fence))
                .unwrap_or(lines.len());
            let inside = (i + 1..end).find(|&j| !lines[j].trim().is_empty());
            if inside.is_some_and(|j| starts_diagram(lines[j])) {
                return Ok(i + 1..end);
            }
            i = end;
        }
        i += 1;
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
        None => Ok(0..lines.len()),
    }
}

/// The fence (```` ``` ```` or `~~~`) when the line opens a Mermaid code block.
fn mermaid_fence(line: &str) -> Option<&'static str> {
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

/// True when `s` starts with the keyword `word` (any case) followed by white space or the end.
fn starts_with_word(s: &str, word: &str) -> bool {
    s.get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word))
        && s[word.len()..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
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
            .find(|&j| !lines[j].trim().is_empty())
            .unwrap_or(range.end);
        // Front matter: `---` on the first line, YAML, `---`.
        if lines.get(start).is_some_and(|l| l.trim() == "---") {
            let close = (start + 1..range.end)
                .find(|&j| lines[j].trim() == "---")
                .ok_or_else(|| {
                    ParseError::at(
                        start + 1,
                        1,
                        "the front matter that starts here is not closed with `---`",
                    )
                })?;
            for line in &lines[start + 1..close] {
                if let Some(value) = line.strip_prefix("title:") {
                    self.front_title = Some(decode(unquote(value.trim())));
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
        let at = from + (rest.len() - rest.trim_start().len());
        let t = line[at..].trim_end();
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
        self.task(t, &err).map(|()| Step::Done(None))
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

    /// `Task name: score: actor, actor`.
    fn task(
        &mut self,
        t: &str,
        err: &impl Fn(usize, &str) -> ParseError,
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
        let mut pieces = data.split(':');
        let score_text = pieces.next().unwrap_or("");
        let score_at = colon + 1 + (score_text.len() - score_text.trim_start().len());
        let score = match score_text.trim().parse::<u8>() {
            Ok(s @ 1..=5) => s,
            _ if score_text.trim().is_empty() => {
                return Err(err(colon + 1, "expected a score from 1 to 5 after the `:`"));
            }
            _ => {
                return Err(err(
                    score_at,
                    &format!(
                        "a task's score must be a whole number from 1 to 5, not `{}`",
                        score_text.trim()
                    ),
                ));
            }
        };
        let actors: Vec<String> = pieces
            .next()
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
                .push(Card::new(name).with_score(from_mermaid_score(score)));
            let t = stage.lane(Lane::Touchpoints).len() - 1;
            self.actors.push((s, t, actors));
        }
        Ok(())
    }

    fn finish(self, lines: &[&str]) -> Result<Map, ParseError> {
        let Reader {
            title,
            front_title,
            acc_title,
            mut stages,
            actors,
            seen_journey,
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
        let title = title.or(front_title).or(acc_title).unwrap_or_default();
        Ok(Map {
            title,
            persona,
            stages,
        })
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

/// A YAML scalar without its quotes.
fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_fences() {
        assert!(starts_with_word("journey", "journey"));
        assert!(starts_with_word("Journey  x", "journey"));
        assert!(!starts_with_word("journeys", "journey"));
        assert_eq!(mermaid_fence("```mermaid"), Some("```"));
        assert_eq!(mermaid_fence("~~~~ Mermaid "), Some("~~~"));
        assert_eq!(mermaid_fence("```rust"), None);
    }
}
