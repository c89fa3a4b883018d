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
use crate::interchange::csv::{Column, OLD_COLUMNS, columns, header, unguard};
use crate::model::{Card, CardField, FieldKind, Lane, Map, Stage, is_blank};
use crate::present;

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
                header().join(",")
            ),
        ));
    };
    let all = columns();
    let columns = &all[..check_header(&header)?];
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

/// Checks the header; returns how many columns it has: all of them, or the first ones of
/// a CSV written before the later columns were added.
fn check_header(header: &[Field]) -> Result<usize, ParseError> {
    let names = self::header();
    let expected = names.join(",");
    let columns = match header.len() {
        n if (OLD_COLUMNS..=names.len()).contains(&n) => n,
        _ => names.len(),
    };
    for (i, name) in names.iter().enumerate().take(columns) {
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
    if let Some(extra) = header.get(names.len()) {
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

fn read_row(row: &[Field], columns: &[Column], stages: &mut Stages) -> Result<(), ParseError> {
    if let Some(extra) = row.get(columns.len()) {
        let names: Vec<&str> = columns.iter().map(|c| c.name()).collect();
        return Err(extra.error(format!(
            "this row has more than {} fields ({})",
            columns.len(),
            names.join(",")
        )));
    }
    let empty = Field {
        text: String::new(),
        line: row.first().map_or(1, |f| f.line),
        column: 1,
    };
    let get = |want: Column| {
        columns
            .iter()
            .position(|c| *c == want)
            .and_then(|i| row.get(i))
            .unwrap_or(&empty)
    };
    let (stage_f, lane_f) = (get(Column::Stage), get(Column::Lane));
    let fields = || {
        CardField::ALL
            .into_iter()
            .map(move |field| (field, get(Column::Field(field))))
    };

    let name = unguard(&stage_f.text);
    if is_blank(&name) {
        return Err(stage_f.error("the stage name is blank: every row needs a stage"));
    }
    let number = read_stage_number(get(Column::StageNumber))?;
    let at = stages.find(name, number, stage_f)?;

    if lane_f.text.trim().is_empty() {
        // A stage of its own, with no card: everything else must be empty too.
        if let Some((_, f)) = fields().find(|(_, f)| !f.text.trim().is_empty()) {
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

    // An imported card is never a merge's unresolved version: `conflict` stays `None`.
    let mut card = Card::default();
    for (field, f) in fields() {
        let raw = match field.kind() {
            FieldKind::Text { .. } => unguard(&f.text),
            FieldKind::Number { .. } | FieldKind::Word(_) => f.text.clone(),
        };
        let value = field.parse(&raw);
        if !field.is_on(lane) {
            // Blank, or a number that says nothing (a score of 0 on a pain point), is fine.
            match value {
                Ok(v) if !v.is_stated() || is_blank(&raw) => continue,
                _ => {
                    return Err(f.error(format!(
                        "{}, and this card is in {}",
                        present::only_on(field),
                        lane.key()
                    )));
                }
            }
        }
        let value = value.map_err(|message| f.error(message))?;
        if field.is_required() && is_blank(&raw) {
            return Err(f.error("the card's text is blank: every card needs some text"));
        }
        field.set(&mut card, value);
    }
    if let Some((_, stage)) = stages.list.get_mut(at) {
        stage.lane_mut(lane).push(card);
    }
    Ok(())
}

/// A lane by its key (`pain_points`) or its title (`Pain points`), in any case.
fn parse_lane(s: &str) -> Option<Lane> {
    let key = s.trim().to_lowercase().replace([' ', '-'], "_");
    Lane::from_key(&key)
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
