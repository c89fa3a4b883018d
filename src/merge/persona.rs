//! The persona merged field by field: a name or summary changed on one side is taken, goals
//! and frustrations merge as lists (each side's additions kept, each side's removals made).
//! A name or summary changed both ways keeps ours' value and records theirs beside it, a
//! conflict in the file. A persona removed on one side and changed on the other stays, the
//! changed one, marked with the side that changed it, as a card edited against a delete.

use super::{pick, recorded};
use crate::model::{Persona, Side};

/// The merged persona.
pub(super) fn merge_persona(
    base: Option<&Persona>,
    ours: Option<&Persona>,
    theirs: Option<&Persona>,
) -> Option<Persona> {
    if let Some(p) = pick(&base, &ours, &theirs) {
        return p.cloned();
    }
    let (ours, theirs) = match (ours, theirs) {
        (Some(ours), Some(theirs)) => (ours, theirs),
        (changed, None) | (None, changed) => {
            let side = if changed == ours {
                Side::Ours
            } else {
                Side::Theirs
            };
            return changed.map(|p| Persona {
                conflict: Some(side),
                ..p.clone()
            });
        }
    };
    let empty = Persona::default();
    let base = base.unwrap_or(&empty);
    // Every field by name, so that a new one does not compile until it merges.
    let Persona {
        name,
        name_conflict,
        summary,
        summary_conflict,
        goals,
        frustrations,
        conflict,
    } = base;
    let (name, name_conflict) = recorded(
        (name, name_conflict),
        (&ours.name, &ours.name_conflict),
        (&theirs.name, &theirs.name_conflict),
    );
    let (summary, summary_conflict) = recorded(
        (summary, summary_conflict),
        (&ours.summary, &ours.summary_conflict),
        (&theirs.summary, &theirs.summary_conflict),
    );
    Some(Persona {
        name,
        name_conflict,
        summary,
        summary_conflict,
        goals: merge_list(goals, &ours.goals, &theirs.goals),
        frustrations: merge_list(frustrations, &ours.frustrations, &theirs.frustrations),
        conflict: pick(conflict, &ours.conflict, &theirs.conflict).unwrap_or(ours.conflict),
    })
}

/// Ours' list without what theirs removed, then what theirs added, in theirs' order.
fn merge_list(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = ours
        .iter()
        // Kept unless theirs removed it (it was in base and theirs has it no more).
        .filter(|x| !base.contains(x) || theirs.contains(x))
        .cloned()
        .collect();
    for x in theirs {
        if !base.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn persona(name: &str, summary: &str, goals: &[&str]) -> Persona {
        Persona {
            name: name.into(),
            summary: summary.into(),
            goals: goals.iter().map(|g| g.to_string()).collect(),
            ..Persona::default()
        }
    }

    #[test]
    fn a_summary_on_one_side_and_a_goal_on_the_other_both_stay() {
        let base = persona("Olivia", "", &["Pay fast"]);
        let ours = persona("Olivia", "Runs a small shop", &["Pay fast"]);
        let theirs = persona("Olivia", "", &["Pay fast", "Invoice in one click"]);
        let merged = merge_persona(Some(&base), Some(&ours), Some(&theirs));
        assert_eq!(
            merged,
            Some(persona(
                "Olivia",
                "Runs a small shop",
                &["Pay fast", "Invoice in one click"]
            ))
        );
        // A goal removed on one side goes; the name changed both ways is recorded.
        let ours = persona("Olivia B.", "", &[]);
        let theirs = persona("Olivia C.", "", &["Pay fast"]);
        let merged = merge_persona(Some(&base), Some(&ours), Some(&theirs));
        let expected = Persona {
            name_conflict: Some("Olivia C.".into()),
            ..persona("Olivia B.", "", &[])
        };
        assert_eq!(merged, Some(expected));
    }

    #[test]
    fn a_persona_removed_on_one_side_and_changed_on_the_other_stays_marked() {
        let base = persona("Olivia", "Runs a shop", &[]);
        let changed = persona("Olivia", "Runs a bakery", &[]);
        for (ours, theirs, side) in [
            (None, Some(&changed), Side::Theirs),
            (Some(&changed), None, Side::Ours),
        ] {
            let merged = merge_persona(Some(&base), ours, theirs);
            let expected = Persona {
                conflict: Some(side),
                ..changed.clone()
            };
            assert_eq!(merged, Some(expected));
        }
        // Removed on one side, untouched on the other: removed.
        assert_eq!(merge_persona(Some(&base), None, Some(&base)), None);
    }
}
