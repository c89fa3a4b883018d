//! The diff for scripts: one JSON object with the map's, the stages' and the cards' changes.
//! Places are 1-based stage and card positions, lanes by their file-format keys.

use serde_json::{Map as Object, Value, json};

use super::{CardChange, Field, MapDiff, Move, StageChange};
use crate::model::{Card, Slot};

/// The diff as pretty-printed JSON, with a final line break.
pub fn render(d: &MapDiff) -> String {
    let stages: Vec<Value> = d
        .stages
        .iter()
        .map(|c| {
            let (old, new) = (&d.old.stages, &d.new.stages);
            match *c {
                StageChange::Added { new: n } => {
                    json!({"change": "added", "stage": new[n].name, "at": n + 1})
                }
                StageChange::Removed { old: o } => {
                    json!({"change": "removed", "stage": old[o].name, "at": o + 1})
                }
                StageChange::Renamed { old: o, new: n } => {
                    json!({"change": "renamed", "from": old[o].name, "to": new[n].name})
                }
                StageChange::Moved { old: o, new: n } => {
                    json!({"change": "moved", "stage": new[n].name, "from": o + 1, "to": n + 1})
                }
                StageChange::Described { old: o, new: n } => json!({
                    "change": "description", "stage": new[n].name,
                    "from": old[o].description, "to": new[n].description
                }),
                StageChange::Conflict { old: o, new: n } => json!({
                    "change": "conflict", "stage": new[n].name,
                    "from": old[o].conflict, "to": new[n].conflict
                }),
            }
        })
        .collect();
    let cards: Vec<Value> = d
        .cards
        .iter()
        .map(|c| match c {
            CardChange::Added { at, card } => json!({
                "change": "added", "at": place(d, at, false), "card": fields(card)
            }),
            CardChange::Removed { at, card } => json!({
                "change": "removed", "at": place(d, at, true), "card": fields(card)
            }),
            CardChange::Changed {
                from,
                to,
                old,
                new,
                moved,
                fields: changed,
            } => {
                let mut o = Object::new();
                o.insert("change".into(), json!("changed"));
                o.insert("from".into(), place(d, from, true));
                o.insert("to".into(), place(d, to, false));
                if let Some(m) = moved {
                    let word = match m {
                        Move::Stage => "stage",
                        Move::Lane => "lane",
                        Move::WithinLane => "within lane",
                    };
                    o.insert("moved".into(), json!(word));
                }
                let mut f = Object::new();
                for field in changed {
                    f.insert(
                        field.key().into(),
                        json!({"from": field.value(old), "to": field.value(new)}),
                    );
                }
                o.insert("fields".into(), Value::Object(f));
                Value::Object(o)
            }
        })
        .collect();
    let mut out = Object::new();
    out.insert("equal".into(), json!(d.is_empty()));
    if d.title_changed {
        out.insert(
            "title".into(),
            json!({"from": d.old.title, "to": d.new.title}),
        );
    }
    if d.persona_changed {
        let name = |m: &crate::model::Map| m.persona.as_ref().map(|p| p.name.clone());
        out.insert(
            "persona".into(),
            json!({"from": name(d.old), "to": name(d.new)}),
        );
    }
    out.insert("stages".into(), Value::Array(stages));
    out.insert("cards".into(), Value::Array(cards));
    out.insert(
        "curve".into(),
        json!({
            "before": d.old.stages.iter().map(|s| s.mean_score()).collect::<Vec<_>>(),
            "after": d.new.stages.iter().map(|s| s.mean_score()).collect::<Vec<_>>(),
        }),
    );
    let mut text = serde_json::to_string_pretty(&Value::Object(out)).unwrap_or_default();
    text.push('\n');
    text
}

fn place(d: &MapDiff, at: &Slot, old: bool) -> Value {
    let map = if old { d.old } else { d.new };
    json!({
        "stage": map.stages[at.stage].name,
        "lane": at.lane.key(),
        "index": at.index + 1,
    })
}

fn fields(card: &Card) -> Value {
    let mut o = Object::new();
    let blank = Card::default();
    o.insert("text".into(), json!(card.text));
    for field in Field::changed(&blank, card) {
        if field != Field::Text {
            o.insert(field.key().into(), json!(field.value(card)));
        }
    }
    Value::Object(o)
}
