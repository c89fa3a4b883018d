//! The `csv` snapshot: one row per card for a spreadsheet, and importable again
//! (`journeymap import`; the columns and the formula guard are in `crate::interchange::csv`).
//!
//! - RFC 4180: comma-separated, CRLF line ends, a field in double quotes when it holds a
//!   comma, a quote, a line break or space at either end, quotes inside doubled.
//! - Header `stage,lane,text,channel,score,votes,notes,stage_number`; stages and cards in
//!   map order. The stage number (1 for the first) keeps stages of the same name apart.
//! - `lane` is the lane's key (`touchpoints`, `emotions`, `pain_points`, `opportunities`);
//!   `score` is written for emotions only, `channel` for touchpoints only, `votes` always.
//! - A stage with no cards gets one row with only its name, so it survives a round trip.
//! - Text is written as it is in the map (CSV is data, not a display), except that a text
//!   field a spreadsheet may run as a formula gets one more `'` in front
//!   (`interchange::csv::looks_like_formula` says which); the importer removes exactly that
//!   one `'` again.
//! - The title, persona and stage descriptions have no column and are not written.

use super::Options;
use crate::interchange::csv::{HEADER, guard};
use crate::model::{Lane, Map};

pub(crate) fn render(map: &Map, _opts: &Options) -> String {
    let mut out = String::with_capacity(64 + map.card_count() * 80);
    row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for (i, stage) in map.stages.iter().enumerate() {
        let name = guard(&stage.name);
        let number = (i + 1).to_string();
        if stage.card_count() == 0 {
            row(
                &mut out,
                [
                    name.as_str(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    number.as_str(),
                    "",
                    "",
                    "",
                    "",
                ]
                .map(String::from),
            );
            continue;
        }
        for lane in Lane::ALL {
            for card in stage.lane(lane) {
                let channel = if lane == Lane::Touchpoints {
                    guard(&card.channel)
                } else {
                    String::new()
                };
                let score = if lane == Lane::Emotions {
                    card.score.to_string()
                } else {
                    String::new()
                };
                row(
                    &mut out,
                    [
                        name.clone(),
                        lane.key().to_string(),
                        guard(&card.text),
                        channel,
                        score,
                        card.votes.to_string(),
                        guard(&card.notes),
                        number.clone(),
                        card.evidence.map_or("", |e| e.key()).to_string(),
                        guard(&card.source),
                        guard(&card.owner),
                        card.status.map_or("", |s| s.key()).to_string(),
                    ],
                );
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
