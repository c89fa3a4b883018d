//! A one-sentence account of how one version of a map differs from another, for the
//! recovery dialog: "3 cards added, 1 edited in 'Purchase & Onboarding'".

use super::{Lane, Map};

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

/// Describes what `newer` changes relative to `older`, stage by stage (stages are matched
/// by name). Empty when the cards, stages, title and persona are all the same.
pub fn summarize(older: &Map, newer: &Map) -> String {
    let mut sentences = Vec::new();
    for stage in &newer.stages {
        let Some(old) = older.stages.iter().find(|s| s.name == stage.name) else {
            sentences.push(format!(
                "stage '{}' added ({} cards)",
                stage.name,
                stage.card_count()
            ));
            continue;
        };
        let mut counts = Counts::default();
        for lane in Lane::ALL {
            let (a, b) = (old.lane(lane), stage.lane(lane));
            // Cards equal at both ends are unchanged; in between, pairs are edits and the
            // rest was added or removed. Cheap, and right for the usual single insertion.
            let prefix = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
            let suffix = a[prefix..]
                .iter()
                .rev()
                .zip(b[prefix..].iter().rev())
                .take_while(|(x, y)| x == y)
                .count();
            let (middle_a, middle_b) = (a.len() - prefix - suffix, b.len() - prefix - suffix);
            let edited = middle_a.min(middle_b);
            counts.edited += edited;
            counts.added += middle_b - edited;
            counts.removed += middle_a - edited;
        }
        if !counts.is_empty() {
            sentences.push(format!("{} in '{}'", counts.describe(), stage.name));
        }
    }
    for stage in &older.stages {
        if !newer.stages.iter().any(|s| s.name == stage.name) {
            sentences.push(format!("stage '{}' removed", stage.name));
        }
    }
    if older.title != newer.title {
        sentences.push("title changed".into());
    }
    if older.persona != newer.persona {
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
    use crate::model::Card;
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
