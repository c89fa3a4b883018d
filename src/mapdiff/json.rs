//! The diff for scripts: one JSON object with the map's, the persona's, the stages' and the
//! cards' changes, written by the same escaping writer as `print` and `summary`
//! ([`crate::interchange::json`]): characters that could drive a terminal come out as `\u`
//! escapes. Every key is always present (`null` when there is nothing to say), votes and
//! scores are numbers, and positions count from 0, as in `summary`'s `stage_index`: a
//! stage's `index` in its map, a card's `index` in its lane.

use serde_json::{Map as Object, Value, json};

use super::{CardChange, Field, MapDiff, Move, PersonaChange, StageChange};
use crate::model::{Card, Slot};

/// The diff as JSON, with a final line break.
pub fn render(d: &MapDiff) -> String {
    let stages: Vec<Value> = d.stages.iter().map(|c| stage(d, c)).collect();
    let cards: Vec<Value> = d.cards.iter().map(|c| card(d, c)).collect();
    let persona: Vec<Value> = d.persona.iter().map(persona).collect();
    let title = d
        .title_changed
        .then(|| json!({"from": d.old.title, "to": d.new.title}));
    let title_conflict = d
        .title_conflict_changed
        .then(|| json!({"from": d.old.title_conflict, "to": d.new.title_conflict}));
    let value = json!({
        "equal": d.is_empty(),
        "title": title,
        "title_conflict": title_conflict,
        "persona": persona,
        "stages": stages,
        "cards": cards,
        "curve": {
            "before": d.old.stages.iter().map(|s| s.mean_score()).collect::<Vec<_>>(),
            "after": d.new.stages.iter().map(|s| s.mean_score()).collect::<Vec<_>>(),
        },
    });
    crate::interchange::json::to_string(&value)
}

fn persona(change: &PersonaChange) -> Value {
    match change {
        PersonaChange::Added(p) => json!({"change": "added", "name": p.name}),
        PersonaChange::Removed(p) => json!({"change": "removed", "name": p.name}),
        PersonaChange::Name(from, to) => json!({"change": "name", "from": from, "to": to}),
        PersonaChange::Summary(from, to) => {
            json!({"change": "summary", "from": stated(from), "to": stated(to)})
        }
        PersonaChange::GoalAdded(g) => json!({"change": "goal added", "text": g}),
        PersonaChange::GoalRemoved(g) => json!({"change": "goal removed", "text": g}),
        PersonaChange::FrustrationAdded(f) => json!({"change": "frustration added", "text": f}),
        PersonaChange::FrustrationRemoved(f) => {
            json!({"change": "frustration removed", "text": f})
        }
        PersonaChange::NameConflict(from, to) => {
            json!({"change": "name conflict", "from": from, "to": to})
        }
        PersonaChange::SummaryConflict(from, to) => {
            json!({"change": "summary conflict", "from": from, "to": to})
        }
    }
}

fn stage(d: &MapDiff, change: &StageChange) -> Value {
    let (old, new) = (&d.old.stages, &d.new.stages);
    match *change {
        StageChange::Added { new: n } => {
            json!({"change": "added", "stage": new[n].name, "index": n})
        }
        StageChange::Removed { old: o } => {
            json!({"change": "removed", "stage": old[o].name, "index": o})
        }
        StageChange::Renamed { old: o, new: n } => {
            json!({"change": "renamed", "from": old[o].name, "to": new[n].name, "index": n})
        }
        StageChange::Moved { old: o, new: n } => {
            json!({"change": "moved", "stage": new[n].name, "from": o, "to": n})
        }
        StageChange::Described { old: o, new: n } => json!({
            "change": "description", "stage": new[n].name, "index": n,
            "from": stated(&old[o].description), "to": stated(&new[n].description)
        }),
        StageChange::Conflict { old: o, new: n } => json!({
            "change": "conflict", "stage": new[n].name, "index": n,
            "from": old[o].conflict, "to": new[n].conflict
        }),
        StageChange::DescriptionConflict { old: o, new: n } => json!({
            "change": "description conflict", "stage": new[n].name, "index": n,
            "from": old[o].description_conflict, "to": new[n].description_conflict
        }),
    }
}

fn card(d: &MapDiff, change: &CardChange) -> Value {
    match change {
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
            let moved = moved.map(|m| match m {
                Move::Stage => "stage",
                Move::Lane => "lane",
                Move::WithinLane => "within lane",
            });
            let mut f = Object::new();
            for field in changed {
                f.insert(
                    field.key().into(),
                    json!({"from": value(*field, old), "to": value(*field, new)}),
                );
            }
            json!({
                "change": "changed",
                "from": place(d, from, true),
                "to": place(d, to, false),
                "moved": moved,
                "fields": f,
            })
        }
    }
}

fn place(d: &MapDiff, at: &Slot, old: bool) -> Value {
    let map = if old { d.old } else { d.new };
    json!({
        "stage": map.stages[at.stage].name,
        "stage_index": at.stage,
        "lane": at.lane.key(),
        "index": at.index,
    })
}

/// A card's text and the fields it states.
fn fields(card: &Card) -> Value {
    let mut o = Object::new();
    let blank = Card::default();
    o.insert("text".into(), json!(card.text));
    for field in Field::changed(&blank, card) {
        if field != Field::Text {
            o.insert(field.key().into(), value(field, card));
        }
    }
    Value::Object(o)
}

/// A field's value as JSON: numbers as numbers, words and text as strings, `null` when
/// not stated.
fn value(field: Field, card: &Card) -> Value {
    match field {
        Field::Score => json!(card.score),
        Field::Votes => json!(card.votes),
        Field::Text => json!(card.text),
        Field::Channel => json!(stated(&card.channel)),
        Field::Notes => json!(stated(&card.notes)),
        Field::Source => json!(stated(&card.source)),
        Field::Owner => json!(stated(&card.owner)),
        Field::Evidence => json!(card.evidence.map(|e| e.key())),
        Field::Status => json!(card.status.map(|s| s.key())),
        Field::Conflict => json!(card.conflict.map(|s| s.key())),
    }
}

/// Empty text is "not stated": `null`.
fn stated(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}
