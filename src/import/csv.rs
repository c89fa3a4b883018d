//! Importing the CSV that `print --format csv` writes (the columns and the formula guard are
//! in `crate::interchange::csv`). RFC 4180, read leniently where there is no doubt: LF or
//! CRLF line ends, a quote inside an unquoted field taken as it is, missing fields at the end
//! of a row meaning empty ones, column names in any case. Rows are gathered into stages by
//! the stage number, in its order; a row without one (a CSV of an older journeymap, or a row
//! added by hand) joins the stage of its name, or starts a new one after the others. A row
//! with a stage name and nothing else makes an empty stage. Every problem is reported at its
//! line and column.

use std::collections::HashMap;

use super::{Imported, Options};
use crate::format::ParseError;
use crate::interchange::csv::{HEADER, NUMBERED_COLUMNS, OLD_HEADER, unguard};
use crate::model::{
    Card, Evidence, Lane, MAX_SCORE, MAX_VOTES, MIN_SCORE, Map, Stage, Status, is_blank,
};

/// One field with the position where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Field {
    text: String,
    line: usize,
    column: usize,
}

impl Field {
    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError::at(self.line, self.column, message)
    }
}

pub fn parse(src: &str, _opts: &Options) -> Result<Imported, ParseError> {
    let records = read_records(src)?;
    let mut rows = records
        .into_iter()
        .filter(|r| !(r.len() == 1 && r[0].text.is_empty()));
    let Some(header) = rows.next() else {
        return Err(ParseError::at(
            1,
            1,
            format!(
                "the file is empty: a journey-map CSV starts with the header `{}`",
                HEADER.join(",")
            ),
        ));
    };
    let columns = check_header(&header)?;
    let after_header = header.first().map_or(1, |f| f.line + 1);

    let mut map = Map::default();
    let mut stages = Stages::default();
    for row in rows {
        read_row(&row, columns, &mut stages)?;
    }
    map.stages = stages.finish();
    if map.stages.is_empty() {
        return Err(ParseError::at(
            after_header,
            1,
            "the CSV has no rows after the header: a journey map needs at least one stage",
        ));
    }
    Ok(Imported {
        map,
        warnings: Vec::new(),
    })
}

/// Checks the header; returns how many columns it has (with or without the stage number).
fn check_header(header: &[Field]) -> Result<usize, ParseError> {
    let expected = HEADER.join(",");
    let columns = match header.len() {
        n if n == OLD_HEADER.len() || n == NUMBERED_COLUMNS => n,
        _ => HEADER.len(),
    };
    for (i, name) in HEADER.iter().enumerate().take(columns) {
        match header.get(i) {
            Some(f) if f.text.trim().eq_ignore_ascii_case(name) => {}
            Some(f) => {
                return Err(f.error(format!(
                    "expected the column `{name}` here, found `{}`: the header must be `{expected}`",
                    f.text
                )));
            }
            None => {
                let last = header.last();
                return Err(ParseError::at(
                    last.map_or(1, |f| f.line),
                    last.map_or(1, |f| f.column + f.text.chars().count()),
                    format!("the header is missing the column `{name}`: it must be `{expected}`"),
                ));
            }
        }
    }
    if let Some(extra) = header.get(HEADER.len()) {
        return Err(extra.error(format!(
            "unexpected column `{}`: the header must be `{expected}`",
            extra.text
        )));
    }
    Ok(columns)
}

/// The stages as the rows name them.
#[derive(Default)]
struct Stages {
    /// Each stage with the key it is put in order by: its number, or, for a stage without
    /// one, after all numbered stages in the order it first appeared.
    list: Vec<((bool, u64), Stage)>,
    /// The first stage of each name, and the stage of each number.
    by_name: HashMap<String, usize>,
    by_number: HashMap<u64, usize>,
}

impl Stages {
    /// The stage a row names: by its number when it has one, else by its name.
    fn find(
        &mut self,
        name: String,
        number: Option<u64>,
        stage_f: &Field,
    ) -> Result<usize, ParseError> {
        let found = match number {
            Some(n) => self.by_number.get(&n).copied(),
            None => self.by_name.get(&name).copied(),
        };
        if let Some(at) = found {
            let named = &self.list[at].1.name;
            if *named != name {
                return Err(stage_f.error(format!(
                    "stage {} is called `{named}` in an earlier row, not `{name}`: a stage number belongs to one stage",
                    number.unwrap_or_default()
                )));
            }
            return Ok(at);
        }
        let at = self.list.len();
        let key = match number {
            Some(n) => (false, n),
            None => (true, at as u64),
        };
        self.by_name.entry(name.clone()).or_insert(at);
        if let Some(n) = number {
            self.by_number.insert(n, at);
        }
        self.list.push((key, Stage::new(name)));
        Ok(at)
    }

    fn finish(mut self) -> Vec<Stage> {
        self.list.sort_by_key(|(key, _)| *key);
        self.list.into_iter().map(|(_, stage)| stage).collect()
    }
}

fn read_row(row: &[Field], columns: usize, stages: &mut Stages) -> Result<(), ParseError> {
    if let Some(extra) = row.get(columns) {
        return Err(extra.error(format!(
            "this row has more than {columns} fields ({})",
            HEADER[..columns].join(",")
        )));
    }
    let empty = Field {
        text: String::new(),
        line: row.first().map_or(1, |f| f.line),
        column: 1,
    };
    let get = |i: usize| row.get(i).unwrap_or(&empty);
    let [
        stage_f,
        lane_f,
        text_f,
        channel_f,
        score_f,
        votes_f,
        notes_f,
        number_f,
        evidence_f,
        source_f,
        owner_f,
        status_f,
    ] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(get);

    let name = unguard(&stage_f.text);
    if is_blank(&name) {
        return Err(stage_f.error("the stage name is blank: every row needs a stage"));
    }
    let number = read_stage_number(number_f)?;
    let at = stages.find(name, number, stage_f)?;

    if lane_f.text.trim().is_empty() {
        // A stage of its own, with no card: everything else must be empty too.
        if let Some(f) = [
            text_f, channel_f, score_f, votes_f, notes_f, evidence_f, source_f, owner_f, status_f,
        ]
        .into_iter()
        .find(|f| !f.text.trim().is_empty())
        {
            return Err(f.error(
                "this card has no lane: write touchpoints, emotions, pain_points or opportunities",
            ));
        }
        return Ok(());
    }
    let lane = parse_lane(&lane_f.text).ok_or_else(|| {
        lane_f.error(format!(
            "unknown lane `{}`: write touchpoints, emotions, pain_points or opportunities",
            lane_f.text.trim()
        ))
    })?;

    let text = unguard(&text_f.text);
    if is_blank(&text) {
        return Err(text_f.error("the card's text is blank: every card needs some text"));
    }
    let channel = unguard(&channel_f.text);
    if lane != Lane::Touchpoints && !is_blank(&channel) {
        return Err(channel_f.error(format!(
            "only touchpoints have a channel, and this card is in {}",
            lane.key()
        )));
    }
    let score = read_score(score_f, lane)?;
    let votes = read_votes(votes_f)?;
    let owner = unguard(&owner_f.text);
    if lane != Lane::Opportunities
        && let Some(f) = [owner_f, status_f]
            .into_iter()
            .find(|f| !f.text.trim().is_empty())
    {
        return Err(f.error(format!(
            "only opportunities have an owner and a status, and this card is in {}",
            lane.key()
        )));
    }
    let card = Card {
        text,
        channel,
        score,
        votes,
        notes: unguard(&notes_f.text),
        evidence: read_word(
            evidence_f,
            Evidence::from_key,
            "evidence",
            &Evidence::ALL.map(Evidence::key),
        )?,
        source: unguard(&source_f.text),
        owner,
        status: read_word(
            status_f,
            Status::from_key,
            "status",
            &Status::ALL.map(Status::key),
        )?,
        // An imported card is never a merge's unresolved version.
        conflict: None,
        id: Default::default(),
    };
    if let Some((_, stage)) = stages.list.get_mut(at) {
        stage.lane_mut(lane).push(card);
    }
    Ok(())
}

/// An optional field that takes one of a few words (`evidence`, `status`): empty is not
/// stated; anything else says which words there are.
fn read_word<T>(
    f: &Field,
    parse: fn(&str) -> Option<T>,
    field: &str,
    words: &[&str],
) -> Result<Option<T>, ParseError> {
    let s = f.text.trim();
    if s.is_empty() {
        return Ok(None);
    }
    parse(&s.to_lowercase()).map(Some).ok_or_else(|| {
        f.error(format!(
            "`{field}` must be one of {}, not `{s}`",
            words.join(", ")
        ))
    })
}

/// A lane by its key (`pain_points`) or its title (`Pain points`), in any case.
fn parse_lane(s: &str) -> Option<Lane> {
    let key = s.trim().to_lowercase().replace([' ', '-'], "_");
    Lane::from_key(&key)
}

fn read_score(f: &Field, lane: Lane) -> Result<i8, ParseError> {
    let s = f.text.trim();
    if s.is_empty() {
        return Ok(0);
    }
    let n = s.strip_prefix('+').unwrap_or(s).parse::<i64>();
    if lane != Lane::Emotions {
        return match n {
            Ok(0) => Ok(0),
            _ => Err(f.error(format!(
                "only emotions have a score, and this card is in {}",
                lane.key()
            ))),
        };
    }
    match n.ok().and_then(|n| i8::try_from(n).ok()) {
        Some(n) if (MIN_SCORE..=MAX_SCORE).contains(&n) => Ok(n),
        _ => Err(f.error(format!(
            "an emotion score must be a whole number from {MIN_SCORE} to +{MAX_SCORE}, not `{s}`"
        ))),
    }
}

/// The stage number: blank (none), or a whole number from 1.
fn read_stage_number(f: &Field) -> Result<Option<u64>, ParseError> {
    let s = f.text.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u64>() {
        Ok(n) if n >= 1 => Ok(Some(n)),
        _ => Err(f.error(format!(
            "the stage number must be a whole number from 1 (the first stage), not `{s}`"
        ))),
    }
}

fn read_votes(f: &Field) -> Result<u16, ParseError> {
    let s = f.text.trim();
    if s.is_empty() {
        return Ok(0);
    }
    match s.parse::<u16>() {
        Ok(n) if n <= MAX_VOTES => Ok(n),
        _ => Err(f.error(format!(
            "votes must be a whole number from 0 to {MAX_VOTES}, not `{s}`"
        ))),
    }
}

/// Splits the text into records of fields, each field with its position.
fn read_records(src: &str) -> Result<Vec<Vec<Field>>, ParseError> {
    let mut records = Vec::new();
    let mut chars = src.chars().peekable();
    let (mut line, mut column) = (1usize, 1usize);
    let mut record: Vec<Field> = Vec::new();
    loop {
        let Some(&first) = chars.peek() else {
            if !record.is_empty() {
                // The line ended in a comma: its last field is empty.
                record.push(Field {
                    text: String::new(),
                    line,
                    column,
                });
                records.push(record);
            }
            return Ok(records);
        };
        let mut field = Field {
            text: String::new(),
            line,
            column,
        };
        if first == '"' {
            chars.next();
            column += 1;
            loop {
                match chars.next() {
                    None => {
                        return Err(
                            field.error("this quoted field is not closed: add the closing `\"`")
                        );
                    }
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        column += 2;
                        field.text.push('"');
                    }
                    Some('"') => {
                        column += 1;
                        break;
                    }
                    Some(c) => {
                        if c == '\n' {
                            line += 1;
                            column = 1;
                        } else {
                            column += 1;
                        }
                        field.text.push(c);
                    }
                }
            }
            match chars.peek() {
                None | Some(',' | '\r' | '\n') => {}
                Some(_) => {
                    return Err(ParseError::at(
                        line,
                        column,
                        "expected a comma or the end of the line after the closing quote (a quote inside a quoted field is written twice: `\"\"`)",
                    ));
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if matches!(c, ',' | '\r' | '\n') {
                    break;
                }
                field.text.push(c);
                column += 1;
                chars.next();
            }
        }
        record.push(field);
        match chars.next() {
            Some(',') => column += 1,
            Some('\r') => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                records.push(std::mem::take(&mut record));
                line += 1;
                column = 1;
            }
            Some(_) => {
                // Only '\n' can be here.
                records.push(std::mem::take(&mut record));
                line += 1;
                column = 1;
            }
            None => {
                records.push(std::mem::take(&mut record));
                return Ok(records);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(src: &str) -> Vec<Vec<String>> {
        read_records(src)
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.into_iter().map(|f| f.text).collect())
            .collect()
    }

    #[test]
    fn records_follow_rfc_4180() {
        assert_eq!(
            fields("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n"),
            vec![vec!["a", "b,c", "say \"hi\""], vec!["two\nlines", "", "x"],]
        );
        assert_eq!(fields("a,b"), vec![vec!["a", "b"]]);
        assert_eq!(fields("a,"), vec![vec!["a", ""]]);
    }

    #[test]
    fn positions_point_at_the_problem() {
        let err = read_records("a,b\nc,\"open\n\nstill open").err();
        assert_eq!(err.map(|e| (e.line, e.column)), Some((2, 3)));
        let err = read_records("a,\"q\"x,b").err();
        assert_eq!(err.map(|e| (e.line, e.column)), Some((1, 6)));
    }

    #[test]
    fn lanes_by_key_or_title() {
        assert_eq!(parse_lane("Pain points"), Some(Lane::PainPoints));
        assert_eq!(parse_lane(" EMOTIONS "), Some(Lane::Emotions));
        assert_eq!(parse_lane("feelings"), None);
    }
}
