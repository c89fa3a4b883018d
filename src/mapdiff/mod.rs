//! What changed between two versions of a map, by stage and lane: cards added, removed,
//! edited (matched by similarity, not position), moved, their fields changed; stages added,
//! removed, renamed and moved; the title and the persona. Pure: `journeymap diff` reads the
//! files and prints what [`text::render`] or [`json::render`] make of a [`MapDiff`].

pub mod json;
pub mod summary;
pub mod text;

use crate::matching::{Cards, Matching, in_order, match_maps};
use crate::model::{Card, Lane, Map, Persona, Slot};

/// A card field, as the diff names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Channel,
    Score,
    Votes,
    Notes,
    Evidence,
    Source,
    Owner,
    Status,
    Conflict,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Text,
        Field::Channel,
        Field::Score,
        Field::Votes,
        Field::Notes,
        Field::Evidence,
        Field::Source,
        Field::Owner,
        Field::Status,
        Field::Conflict,
    ];

    /// The field's name in the file format.
    pub fn key(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Channel => "channel",
            Field::Score => "score",
            Field::Votes => "votes",
            Field::Notes => "notes",
            Field::Evidence => "evidence",
            Field::Source => "source",
            Field::Owner => "owner",
            Field::Status => "status",
            Field::Conflict => "conflict",
        }
    }

    /// The field's value on a card, as the diff shows it (empty when not set).
    pub fn value(self, card: &Card) -> String {
        match self {
            Field::Text => card.text.clone(),
            Field::Channel => card.channel.clone(),
            Field::Score => format!("{:+}", card.score),
            Field::Votes => card.votes.to_string(),
            Field::Notes => card.notes.clone(),
            Field::Evidence => card.evidence.map_or("", |e| e.key()).to_string(),
            Field::Source => card.source.clone(),
            Field::Owner => card.owner.clone(),
            Field::Status => card.status.map_or("", |s| s.key()).to_string(),
            Field::Conflict => card.conflict.map_or("", |s| s.key()).to_string(),
        }
    }

    /// The fields in which two cards differ.
    pub fn changed(old: &Card, new: &Card) -> Vec<Field> {
        // Every field by name, so that a new one does not compile until the diff shows it.
        let Card {
            text,
            channel,
            score,
            votes,
            notes,
            evidence,
            source,
            owner,
            status,
            conflict,
            id: _,
        } = old;
        [
            (Field::Text, *text != new.text),
            (Field::Channel, *channel != new.channel),
            (Field::Score, *score != new.score),
            (Field::Votes, *votes != new.votes),
            (Field::Notes, *notes != new.notes),
            (Field::Evidence, *evidence != new.evidence),
            (Field::Source, *source != new.source),
            (Field::Owner, *owner != new.owner),
            (Field::Status, *status != new.status),
            (Field::Conflict, *conflict != new.conflict),
        ]
        .into_iter()
        .filter_map(|(field, differs)| differs.then_some(field))
        .collect()
    }
}

/// How a matched card moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// To another stage (and maybe another lane).
    Stage,
    /// To another lane of the same stage.
    Lane,
    /// Along its lane: the cards around it changed order.
    WithinLane,
}

/// One card that is not the same in both versions.
#[derive(Debug, Clone, PartialEq)]
pub enum CardChange<'a> {
    Added {
        at: Slot,
        card: &'a Card,
    },
    Removed {
        at: Slot,
        card: &'a Card,
    },
    Changed {
        from: Slot,
        to: Slot,
        old: &'a Card,
        new: &'a Card,
        moved: Option<Move>,
        fields: Vec<Field>,
    },
}

/// One stage that is not the same in both versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StageChange {
    Added {
        new: usize,
    },
    Removed {
        old: usize,
    },
    Renamed {
        old: usize,
        new: usize,
    },
    Moved {
        old: usize,
        new: usize,
    },
    Described {
        old: usize,
        new: usize,
    },
    Conflict {
        old: usize,
        new: usize,
    },
    /// The merge's record of theirs' description came or went.
    DescriptionConflict {
        old: usize,
        new: usize,
    },
}

/// One part of the persona that is not the same in both versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonaChange<'a> {
    Added(&'a Persona),
    Removed(&'a Persona),
    Name(&'a str, &'a str),
    Summary(&'a str, &'a str),
    GoalAdded(&'a str),
    GoalRemoved(&'a str),
    FrustrationAdded(&'a str),
    FrustrationRemoved(&'a str),
    /// The merge's record of theirs' name (or summary) came, went or changed.
    NameConflict(Option<&'a str>, Option<&'a str>),
    SummaryConflict(Option<&'a str>, Option<&'a str>),
}

/// The persona's changes, field by field (a goal added reads as that, not as "changed").
pub fn persona_changes<'a>(
    old: Option<&'a Persona>,
    new: Option<&'a Persona>,
) -> Vec<PersonaChange<'a>> {
    let (old, new) = match (old, new) {
        (None, None) => return Vec::new(),
        (None, Some(p)) => return vec![PersonaChange::Added(p)],
        (Some(p), None) => return vec![PersonaChange::Removed(p)],
        (Some(old), Some(new)) => (old, new),
    };
    // Every field by name, so that a new one does not compile until the diff shows it.
    // Which side a persona kept after a merge (`conflict`) is the merge's business.
    let Persona {
        name,
        name_conflict,
        summary,
        summary_conflict,
        goals,
        frustrations,
        conflict: _,
    } = old;
    let mut changes = Vec::new();
    if *name != new.name {
        changes.push(PersonaChange::Name(name, &new.name));
    }
    if *summary != new.summary {
        changes.push(PersonaChange::Summary(summary, &new.summary));
    }
    if *name_conflict != new.name_conflict {
        changes.push(PersonaChange::NameConflict(
            name_conflict.as_deref(),
            new.name_conflict.as_deref(),
        ));
    }
    if *summary_conflict != new.summary_conflict {
        changes.push(PersonaChange::SummaryConflict(
            summary_conflict.as_deref(),
            new.summary_conflict.as_deref(),
        ));
    }
    let gone = |from: &'a [String], to: &'a [String]| {
        from.iter()
            .filter(move |x| !to.contains(x))
            .map(String::as_str)
    };
    changes.extend(gone(goals, &new.goals).map(PersonaChange::GoalRemoved));
    changes.extend(gone(&new.goals, goals).map(PersonaChange::GoalAdded));
    changes.extend(gone(frustrations, &new.frustrations).map(PersonaChange::FrustrationRemoved));
    changes.extend(gone(&new.frustrations, frustrations).map(PersonaChange::FrustrationAdded));
    changes
}

/// Everything that differs between two maps.
#[derive(Debug)]
pub struct MapDiff<'a> {
    pub old: &'a Map,
    pub new: &'a Map,
    pub title_changed: bool,
    /// The merge's record of theirs' title came, went or changed.
    pub title_conflict_changed: bool,
    pub persona: Vec<PersonaChange<'a>>,
    pub stages: Vec<StageChange>,
    /// Ordered as the new map shows them: by stage, lane and position; removed cards at
    /// the place their stage has in the new map (or after every stage, when it went too).
    pub cards: Vec<CardChange<'a>>,
    /// Old stage to new stage.
    pub stage_matching: Vec<Option<usize>>,
}

impl MapDiff<'_> {
    pub fn is_empty(&self) -> bool {
        !self.title_changed
            && !self.title_conflict_changed
            && self.persona.is_empty()
            && self.stages.is_empty()
            && self.cards.is_empty()
    }

    /// Whether any stage's mean emotion score differs (or the stages themselves do).
    pub fn curve_changed(&self) -> bool {
        let old: Vec<Option<f64>> = self.old.stages.iter().map(|s| s.mean_score()).collect();
        let new: Vec<Option<f64>> = self.new.stages.iter().map(|s| s.mean_score()).collect();
        old != new
    }
}

/// The differences from `old` to `new`.
pub fn diff<'a>(old: &'a Map, new: &'a Map) -> MapDiff<'a> {
    let (a, b) = (Cards::of(old), Cards::of(new));
    let m = match_maps(old, new, &a, &b);
    let mut stages = stage_changes(old, new, &m);
    stages.sort_by_key(|c| match *c {
        StageChange::Added { new } => (new, 0),
        StageChange::Removed { old } => (usize::MAX, old),
        StageChange::Renamed { new, .. }
        | StageChange::Moved { new, .. }
        | StageChange::Described { new, .. }
        | StageChange::Conflict { new, .. }
        | StageChange::DescriptionConflict { new, .. } => (new, 1),
    });
    let moved_in_lane = moved_within_lanes(new, &a, &b, &m);
    let mut keyed: Vec<((usize, Lane, usize, usize), CardChange<'a>)> = Vec::new();
    for (n, &moved_along) in moved_in_lane.iter().enumerate() {
        let to = b.slots[n];
        let key = (to.stage, to.lane, to.index, 1);
        match m.cards_back[n] {
            None => keyed.push((
                key,
                CardChange::Added {
                    at: to,
                    card: b.cards[n],
                },
            )),
            Some(o) => {
                let from = a.slots[o];
                let moved = if m.stages[from.stage] != Some(to.stage) {
                    Some(Move::Stage)
                } else if from.lane != to.lane {
                    Some(Move::Lane)
                } else if moved_along {
                    Some(Move::WithinLane)
                } else {
                    None
                };
                let fields = Field::changed(a.cards[o], b.cards[n]);
                if moved.is_some() || !fields.is_empty() {
                    keyed.push((
                        key,
                        CardChange::Changed {
                            from,
                            to,
                            old: a.cards[o],
                            new: b.cards[n],
                            moved,
                            fields,
                        },
                    ));
                }
            }
        }
    }
    for o in (0..a.len()).filter(|&o| m.cards[o].is_none()) {
        let at = a.slots[o];
        // A removed card is shown where its stage is now, before the cards there; the cards
        // of a removed stage after every stage, stage by stage.
        let key = match m.stages[at.stage] {
            Some(s) => (s, at.lane, at.index, 0),
            None => (new.stages.len() + at.stage, at.lane, at.index, 0),
        };
        keyed.push((
            key,
            CardChange::Removed {
                at,
                card: a.cards[o],
            },
        ));
    }
    keyed.sort_by_key(|(key, _)| *key);
    MapDiff {
        old,
        new,
        title_changed: old.title != new.title,
        title_conflict_changed: old.title_conflict != new.title_conflict,
        persona: persona_changes(old.persona.as_ref(), new.persona.as_ref()),
        stages,
        cards: keyed.into_iter().map(|(_, c)| c).collect(),
        stage_matching: m.stages,
    }
}

fn stage_changes(old: &Map, new: &Map, m: &Matching) -> Vec<StageChange> {
    let mut changes = Vec::new();
    let pairs: Vec<(usize, usize)> = m
        .stages_back
        .iter()
        .enumerate()
        .filter_map(|(n, o)| o.map(|o| (o, n)))
        .collect();
    let kept = in_order(&pairs.iter().map(|&(o, _)| o).collect::<Vec<_>>());
    for (k, &(o, n)) in pairs.iter().enumerate() {
        let (before, after) = (&old.stages[o], &new.stages[n]);
        if before.name != after.name {
            changes.push(StageChange::Renamed { old: o, new: n });
        }
        if !kept[k] {
            changes.push(StageChange::Moved { old: o, new: n });
        }
        if before.description != after.description {
            changes.push(StageChange::Described { old: o, new: n });
        }
        if before.conflict != after.conflict {
            changes.push(StageChange::Conflict { old: o, new: n });
        }
        if before.description_conflict != after.description_conflict {
            changes.push(StageChange::DescriptionConflict { old: o, new: n });
        }
    }
    for (n, o) in m.stages_back.iter().enumerate() {
        if o.is_none() {
            changes.push(StageChange::Added { new: n });
        }
    }
    for (o, n) in m.stages.iter().enumerate() {
        if n.is_none() {
            changes.push(StageChange::Removed { old: o });
        }
    }
    changes
}

/// For each new card: whether it changed place along its lane. Among the cards that stayed
/// in the same stage and lane, those outside a longest run in the old order moved.
pub(crate) fn moved_within_lanes(new: &Map, a: &Cards, b: &Cards, m: &Matching) -> Vec<bool> {
    let mut moved = vec![false; b.len()];
    for (s, _) in new.stages.iter().enumerate() {
        let Some(old_stage) = m.stages_back[s] else {
            continue;
        };
        for lane in Lane::ALL {
            let stayed: Vec<(usize, usize)> = b
                .lane(s, lane)
                .filter_map(|n| {
                    let o = m.cards_back[n]?;
                    let from = a.slots[o];
                    (from.stage == old_stage && from.lane == lane).then_some((n, from.index))
                })
                .collect();
            let keep = in_order(&stayed.iter().map(|&(_, i)| i).collect::<Vec<_>>());
            for (k, &(n, _)) in stayed.iter().enumerate() {
                moved[n] = !keep[k];
            }
        }
    }
    moved
}

#[cfg(test)]
mod tests;
