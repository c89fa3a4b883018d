//! The persona merged field by field: a name or summary changed on one side is taken, goals
//! and frustrations merge as lists (each side's additions kept, each side's removals made).
//! Only a name or summary changed both ways, or a persona removed on one side and changed
//! on the other, is left to people: ours' value stays and the change is named.

use super::pick;
use crate::model::Persona;

/// The merged persona, and a note for each change made both ways that was settled for ours.
pub(super) fn merge_persona(
    base: Option<&Persona>,
    ours: Option<&Persona>,
    theirs: Option<&Persona>,
    notes: &mut Vec<String>,
) -> Option<Persona> {
    if let Some(p) = pick(&base, &ours, &theirs) {
        return p.cloned();
    }
    let (Some(ours), Some(theirs)) = (ours, theirs) else {
        notes.push(
            "the persona was removed on one side and changed on the other: kept ours'".into(),
        );
        return ours.cloned();
    };
    let empty = Persona::default();
    let base = base.unwrap_or(&empty);
    // Every field by name, so that a new one does not compile until it merges.
    let Persona {
        name,
        summary,
        goals,
        frustrations,
    } = base;
    let mut scalar = |what: &str, b: &String, o: &String, t: &String| {
        pick(b, o, t).unwrap_or_else(|| {
            notes.push(format!(
                "the persona's {what} was changed both ways: kept ours' \"{o}\" (theirs: \"{t}\")"
            ));
            o.clone()
        })
    };
    Some(Persona {
        name: scalar("name", name, &ours.name, &theirs.name),
        summary: scalar("summary", summary, &ours.summary, &theirs.summary),
        goals: merge_list(goals, &ours.goals, &theirs.goals),
        frustrations: merge_list(frustrations, &ours.frustrations, &theirs.frustrations),
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
            frustrations: Vec::new(),
        }
    }

    #[test]
    fn a_summary_on_one_side_and_a_goal_on_the_other_both_stay() {
        let base = persona("Olivia", "", &["Pay fast"]);
        let ours = persona("Olivia", "Runs a small shop", &["Pay fast"]);
        let theirs = persona("Olivia", "", &["Pay fast", "Invoice in one click"]);
        let mut notes = Vec::new();
        let merged = merge_persona(Some(&base), Some(&ours), Some(&theirs), &mut notes);
        assert_eq!(
            merged,
            Some(persona(
                "Olivia",
                "Runs a small shop",
                &["Pay fast", "Invoice in one click"]
            ))
        );
        assert!(notes.is_empty());
        // A goal removed on one side goes; the name changed both ways is named.
        let ours = persona("Olivia B.", "", &[]);
        let theirs = persona("Olivia C.", "", &["Pay fast"]);
        let merged = merge_persona(Some(&base), Some(&ours), Some(&theirs), &mut notes);
        assert_eq!(merged, Some(persona("Olivia B.", "", &[])));
        assert_eq!(notes.len(), 1, "{notes:?}");
    }
}
