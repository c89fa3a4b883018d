//! Random three-way merges from a seeded generator: every result loads and saves
//! canonically, no card either side added or kept is lost outside a conflict record, a side
//! that changed nothing takes the other side whole, and swapping the sides gives the same
//! cards and conflicts. `JOURNEYMAP_RANDOM_MERGES=N` runs N merges (10,000 by default) and
//! `JOURNEYMAP_RANDOM_SEED=S` starts from another seed.

use std::collections::BTreeMap;

use journeymap::format;
use journeymap::merge::merge;
use journeymap::model::{CardField, Lane, Map, Side};

use super::generated::{GMap, Ids, Rng, side};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What went wrong, by kind, with the first seed that shows each.
#[derive(Default)]
struct Failures(BTreeMap<&'static str, (Vec<u64>, String)>);

impl Failures {
    fn add(&mut self, kind: &'static str, seed: u64, detail: String) {
        self.0
            .entry(kind)
            .or_insert((Vec::new(), detail))
            .0
            .push(seed);
    }
}

/// The cards of a map as a sorted list, places and conflict sides aside: what swapping the
/// sides must not change.
fn card_set(map: &Map) -> Vec<(Lane, String, u16, String)> {
    let mut cards: Vec<_> = map
        .stages
        .iter()
        .flat_map(|s| {
            Lane::ALL.into_iter().flat_map(move |lane| {
                s.lane(lane).iter().map(move |c| {
                    // Every other field of the table, so a new one is compared too.
                    let rest: Vec<String> = CardField::ALL
                        .into_iter()
                        .filter(|f| !matches!(f, CardField::Text | CardField::Votes))
                        .map(|f| format!("{:?}", f.get(c)))
                        .collect();
                    (lane, c.text.clone(), c.votes, rest.join("|"))
                })
            })
        })
        .collect();
    cards.sort();
    cards
}

fn texts(map: &Map) -> Vec<&str> {
    map.stages
        .iter()
        .flat_map(|s| Lane::ALL.into_iter().flat_map(move |l| s.lane(l).iter()))
        .map(|c| c.text.as_str())
        .collect()
}

fn check_one(seed: u64, failures: &mut Failures) {
    let mut rng = Rng::new(seed);
    let mut ids = Ids::new();
    let base = GMap::random(&mut rng, &mut ids);
    let ours = side(&base, &mut rng, &mut ids, "ours");
    let theirs = side(&base, &mut rng, &mut ids, "theirs");
    let (b, o, t) = (base.to_map(), ours.to_map(), theirs.to_map());
    let merged = merge(&b, &o, &t);
    let show = || {
        format!(
            "base:\n{}\nours:\n{}\ntheirs:\n{}\nmerged:\n{}",
            format::to_string(&b),
            format::to_string(&o),
            format::to_string(&t),
            format::to_string(&merged.map)
        )
    };

    let saved = format::to_string(&merged.map);
    match format::from_str(&saved) {
        Ok(back) if back == merged.map => {
            if format::to_string(&back) != saved {
                failures.add("not canonical", seed, show());
            }
        }
        Ok(_) => failures.add("does not load back the same", seed, show()),
        Err(e) => failures.add("does not load", seed, format!("{e}\n{}", show())),
    }
    if merged.conflicts != merged.map.conflict_count() {
        failures.add("conflict count", seed, show());
    }

    // No card lost: a card either side holds is in the result (as one side's text or the
    // other's), unless one side deleted it and the other left it as the base had it.
    let result = texts(&merged.map);
    let mut all_ids: Vec<u32> = ours
        .cards()
        .chain(theirs.cards())
        .map(|(_, _, c)| c.id)
        .collect();
    all_ids.sort_unstable();
    all_ids.dedup();
    for id in all_ids {
        let (bc, oc, tc) = (base.card(id), ours.card(id), theirs.card(id));
        let untouched = |c: Option<&super::generated::GCard>| {
            c.is_none_or(|c| bc.is_some_and(|b| b.card == c.card))
        };
        let may_go =
            bc.is_some() && ((oc.is_none() && untouched(tc)) || (tc.is_none() && untouched(oc)));
        if may_go {
            continue;
        }
        let kept = [oc, tc]
            .into_iter()
            .flatten()
            .any(|c| result.contains(&c.card.text.as_str()));
        if !kept {
            failures.add("card lost", seed, format!("card {id}\n{}", show()));
        }
    }

    // Properties.
    if merge(&b, &o, &o).map != o {
        failures.add("merge(b,x,x) != x", seed, show());
    }
    if merge(&b, &b, &o).map != o {
        failures.add("merge(b,b,x) != x", seed, show());
    }
    if merge(&b, &o, &b).map != o {
        failures.add("merge(b,x,b) != x", seed, show());
    }
    let mirrored = merge(&b, &t, &o);
    if card_set(&mirrored.map) != card_set(&merged.map) || mirrored.conflicts != merged.conflicts {
        failures.add(
            "mirrored merge differs",
            seed,
            format!(
                "{}\nmirrored:\n{}",
                show(),
                format::to_string(&mirrored.map)
            ),
        );
    }
    let sides_marked = merged
        .map
        .stages
        .iter()
        .flat_map(|s| Lane::ALL.into_iter().flat_map(move |l| s.lane(l).iter()))
        .any(|c| c.conflict.is_some_and(|side| !Side::ALL.contains(&side)));
    assert!(!sides_marked);
}

#[test]
fn random_merges_load_lose_nothing_and_mirror() {
    let runs = env_number("JOURNEYMAP_RANDOM_MERGES", 10_000);
    let first = env_number("JOURNEYMAP_RANDOM_SEED", 1);
    let mut failures = Failures::default();
    for seed in first..first + runs {
        check_one(seed, &mut failures);
    }
    let report: Vec<String> = failures
        .0
        .iter()
        .map(|(kind, (seeds, detail))| {
            let first: Vec<String> = seeds.iter().take(10).map(u64::to_string).collect();
            format!(
                "{kind}: {} (seeds {}…)\n{detail}",
                seeds.len(),
                first.join(", ")
            )
        })
        .collect();
    assert!(
        report.is_empty(),
        "in {runs} merges:\n{}",
        report.join("\n\n")
    );
}
