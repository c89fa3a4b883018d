//! A one-sentence account of how one version of a map differs from another, for the
//! recovery dialog: "3 cards added, 1 edited in 'Purchase & Onboarding'". Made from the
//! same diff as `journeymap diff`, so the two never disagree.

use super::{CardChange, StageChange, diff};
use crate::model::Map;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    added: usize,
    removed: usize,
    edited: usize,
}

impl Counts {
    fn is_empty(&self) -> bool {
        self.added + self.removed + self.edited == 0
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (n, word) in [
            (self.added, "added"),
            (self.edited, "edited"),
            (self.removed, "removed"),
        ] {
            if n > 0 {
                parts.push(if parts.is_empty() {
                    format!("{n} card{} {word}", if n == 1 { "" } else { "s" })
                } else {
                    format!("{n} {word}")
                });
            }
        }
        parts.join(", ")
    }
}

/// Describes what `newer` changes relative to `older`, stage by stage, from the same
/// matching as `journeymap diff` (a moved card counts as edited where it is now). Empty
/// when the maps are the same.
pub fn summarize(older: &Map, newer: &Map) -> String {
    let d = diff(older, newer);
    let mut counts = vec![Counts::default(); newer.stages.len()];
    let mut added_stage = vec![false; newer.stages.len()];
    let mut sentences = Vec::new();
    for change in &d.stages {
        if let StageChange::Added { new } = *change {
            added_stage[new] = true;
        }
    }
    for change in &d.cards {
        match change {
            CardChange::Added { at, .. } => counts[at.stage].added += 1,
            CardChange::Changed { to, .. } => counts[to.stage].edited += 1,
            CardChange::Removed { at, .. } => {
                if let Some(s) = d.stage_matching[at.stage] {
                    counts[s].removed += 1;
                }
            }
        }
    }
    for (s, stage) in newer.stages.iter().enumerate() {
        if added_stage[s] {
            sentences.push(format!(
                "stage '{}' added ({} cards)",
                stage.name,
                stage.card_count()
            ));
        } else if !counts[s].is_empty() {
            sentences.push(format!("{} in '{}'", counts[s].describe(), stage.name));
        }
    }
    for change in &d.stages {
        if let StageChange::Removed { old } = *change {
            sentences.push(format!("stage '{}' removed", older.stages[old].name));
        }
    }
    if d.title_changed {
        sentences.push("title changed".into());
    }
    if !d.persona.is_empty() {
        sentences.push("persona changed".into());
    }
    if sentences.is_empty() && older != newer {
        sentences.push("stages reordered or renamed".into());
    }
    const SHOWN: usize = 3;
    if sentences.len() > SHOWN {
        let more = sentences.len() - SHOWN;
        sentences.truncate(SHOWN);
        sentences.push(format!(
            "and {more} more change{}",
            if more == 1 { "" } else { "s" }
        ));
    }
    sentences.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, Lane};
    use crate::templates;

    #[test]
    fn counts_cards_per_stage() {
        let old = templates::default_map();
        let mut new = old.clone();
        let purchase = &mut new.stages[2];
        for text in ["Long form", "No guest checkout", "Hidden fees"] {
            purchase
                .lane_mut(Lane::PainPoints)
                .insert(0, Card::new(text));
        }
        let mut base = old.clone();
        base.stages[2]
            .lane_mut(Lane::Touchpoints)
            .push(Card::new("Checkout"));
        new.stages[2]
            .lane_mut(Lane::Touchpoints)
            .push(Card::new("Checkout page"));
        assert_eq!(
            summarize(&base, &new),
            "3 cards added, 1 edited in 'Purchase & Onboarding'"
        );
        assert_eq!(summarize(&old, &old), "");
        new.title = "Other".into();
        new.stages.remove(0);
        assert_eq!(
            summarize(&base, &new),
            "3 cards added, 1 edited in 'Purchase & Onboarding'; stage 'Awareness & Discovery' removed; title changed"
        );
    }
}
