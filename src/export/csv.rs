//! The `csv` snapshot: one row per card for a spreadsheet, and importable again
//! (`journeymap import`; the columns and the formula guard are in `crate::interchange::csv`).
//!
//! - RFC 4180: comma-separated, CRLF line ends, a field in double quotes when it holds a
//!   comma, a quote, a line break or space at either end, quotes inside doubled.
//! - The header names the columns of `interchange::csv::columns`; stages and cards in map
//!   order. The stage number (1 for the first) keeps stages of the same name apart.
//! - `lane` is the lane's key (`touchpoints`, `emotions`, `pain_points`, `opportunities`);
//!   a card field is written on the lanes that have it (`score` on emotions, `channel` on
//!   touchpoints, `votes` on every lane), left empty on the others.
//! - A stage with no cards gets one row with only its name, so it survives a round trip.
//! - Text is written as it is in the map (CSV is data, not a display), except that a text
//!   field a spreadsheet may run as a formula gets one more `'` in front
//!   (`interchange::csv::looks_like_formula` says which); the importer removes exactly that
//!   one `'` again.
//! - The title, persona and stage descriptions have no column and are not written.

use super::Options;
use crate::interchange::csv::{Column, columns, guard};
use crate::model::{Lane, Map, Value};

pub(crate) fn render(map: &Map, _opts: &Options) -> String {
    let columns = columns();
    let mut out = String::with_capacity(64 + map.card_count() * 80);
    row(&mut out, columns.iter().map(|c| c.name().to_string()));
    for (i, stage) in map.stages.iter().enumerate() {
        let name = guard(&stage.name);
        let number = (i + 1).to_string();
        let place = |column: &Column| match column {
            Column::Stage => Some(name.clone()),
            Column::StageNumber => Some(number.clone()),
            Column::Lane | Column::Field(_) => None,
        };
        if stage.card_count() == 0 {
            row(
                &mut out,
                columns.iter().map(|c| place(c).unwrap_or_default()),
            );
            continue;
        }
        for lane in Lane::ALL {
            for card in stage.lane(lane) {
                let cell = |column: &Column| match column {
                    Column::Lane => lane.key().to_string(),
                    Column::Field(field) if field.is_on(lane) => match field.get(card) {
                        Value::Text(text) => guard(text),
                        Value::Number(n) => n.to_string(),
                        Value::Word(word) => word.unwrap_or_default().to_string(),
                    },
                    _ => place(column).unwrap_or_default(),
                };
                row(&mut out, columns.iter().map(cell));
            }
        }
    }
    out
}

fn row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        quote(out, &field);
    }
    out.push_str("\r\n");
}

fn quote(out: &mut String, field: &str) {
    let needs = field.contains([',', '"', '\r', '\n'])
        || field.starts_with(char::is_whitespace)
        || field.ends_with(char::is_whitespace);
    if needs {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_per_rfc_4180() {
        let mut out = String::new();
        row(
            &mut out,
            ["plain", "a,b", "say \"hi\"", "two\nlines", " pad", ""].map(String::from),
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",\r\n"
        );
    }
}
