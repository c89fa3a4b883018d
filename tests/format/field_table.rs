//! Every card field of the table survives a round trip through every format that carries
//! it: the RON file, JSON (written; read back by serde_json) and CSV (written, then
//! imported). A new field in `model::CardField` is checked here without a new test.

use journeymap::model::{Card, CardField, FieldKind, Lane, Map, Stage, Value};
use journeymap::{export, format, import};

/// The values worth trying for a field: text with what could trip a writer up (commas,
/// quotes, a formula sign, a line break where the field may hold one), each end of a
/// number's range, every word.
fn values(field: CardField) -> Vec<Value<'static>> {
    match field.kind() {
        FieldKind::Text { multiline: true } => vec![
            Value::Text("said, \"quoted\""),
            Value::Text("=SUM(A1)"),
            Value::Text("two\nlines"),
        ],
        FieldKind::Text { multiline: false } => {
            vec![Value::Text("said, \"quoted\""), Value::Text("-20% off")]
        }
        FieldKind::Number { min, max } => vec![Value::Number(min), Value::Number(max)]
            .into_iter()
            .filter(|v| *v != Value::Number(0))
            .collect(),
        FieldKind::Word(words) => words.iter().map(|w| Value::Word(Some(*w))).collect(),
    }
}

/// A map with one card in `lane` whose `field` is `value`.
fn map_with(field: CardField, lane: Lane, value: Value<'_>) -> Map {
    let mut card = Card::new("A card");
    field.set(&mut card, value);
    assert_eq!(field.get(&card), value, "{field:?} set and read back");
    let mut stage = Stage::new("Research");
    stage.lane_mut(lane).push(card);
    let mut map = Map::new("Fields");
    map.stages.push(stage);
    map
}

fn every_case() -> Vec<(CardField, Lane, Value<'static>)> {
    let mut cases = Vec::new();
    for field in CardField::ALL {
        for &lane in field.lanes() {
            for value in values(field) {
                cases.push((field, lane, value));
            }
        }
    }
    cases
}

#[test]
fn every_field_survives_the_file_format() {
    for (field, lane, value) in every_case() {
        let map = map_with(field, lane, value);
        let text = format::to_string(&map);
        let back = format::from_str(&text).unwrap_or_else(|e| panic!("{field:?}: {e}\n{text}"));
        assert_eq!(back, map, "{field:?} on {lane:?}\n{text}");
    }
}

#[test]
fn every_field_is_in_the_json_with_its_value() {
    let json = export::find("json").expect("json");
    for (field, lane, value) in every_case() {
        let map = map_with(field, lane, value);
        let text = (json.render)(&map, &export::Options::default());
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let card = &parsed["stages"][0][lane.key()][0];
        let expected = match value {
            Value::Text(s) => serde_json::json!(s),
            Value::Number(n) => serde_json::json!(n),
            Value::Word(w) => serde_json::json!(w),
        };
        assert_eq!(card[field.key()], expected, "{field:?} on {lane:?}: {text}");
        // The keys of the lane, and only those.
        let keys: Vec<&str> = card
            .as_object()
            .expect("a card is an object")
            .keys()
            .map(String::as_str)
            .collect();
        let lane_keys: Vec<&str> = CardField::of(lane).map(CardField::key).collect();
        assert_eq!(keys, lane_keys);
    }
}

#[test]
fn every_field_survives_csv_out_and_in() {
    let csv = export::find("csv").expect("csv");
    let importer = import::find("csv").expect("csv importer");
    for (field, lane, value) in every_case() {
        let map = map_with(field, lane, value);
        let text = (csv.render)(&map, &export::Options::default());
        let back = import::import_with(
            importer,
            text.as_bytes(),
            "Fields",
            &import::Options::default(),
        )
        .unwrap_or_else(|e| panic!("{field:?} on {lane:?}: {e:?}\n{text}"));
        assert_eq!(back.map.stages, map.stages, "{field:?} on {lane:?}\n{text}");
    }
}

#[test]
fn a_field_on_a_lane_without_it_is_refused_by_csv_import() {
    let importer = import::find("csv").expect("csv importer");
    let columns = journeymap::interchange::csv::columns();
    let header = journeymap::interchange::csv::header().join(",");
    for field in CardField::ALL {
        let said = match field.kind() {
            FieldKind::Text { .. } => "said",
            FieldKind::Number { .. } => "1",
            FieldKind::Word(words) => words[0],
        };
        for lane in Lane::ALL.into_iter().filter(|l| !field.is_on(*l)) {
            use journeymap::interchange::csv::Column;
            let row: Vec<&str> = columns
                .iter()
                .map(|column| match column {
                    Column::Stage => "A",
                    Column::Lane => lane.key(),
                    Column::StageNumber => "1",
                    Column::Field(CardField::Text) => "x",
                    Column::Field(f) if *f == field => said,
                    Column::Field(_) => "",
                })
                .collect();
            let src = format!("{header}\n{}\n", row.join(","));
            let e = import::import_with(importer, src.as_bytes(), "t", &import::Options::default())
                .err()
                .unwrap_or_else(|| panic!("{field:?} on {lane:?} was taken:\n{src}"));
            let expected = journeymap::present::only_on(field);
            assert!(
                e.message.contains(&expected),
                "{field:?} on {lane:?}: {e:?}"
            );
        }
    }
}
