//! File performance budgets, on the reference maps (N cards in every lane of five stages),
//! each next to the bare `ron` baseline it is judged against:
//!
//! - `check/journeymap/<N>`: `format::from_str` (parse and every rule checked) of the
//!   canonical text; `check/bare_ron/<N>`: `ron` deserialising the same text into plain
//!   mirror structs with the same field names and `Option`/`Vec` shapes and no checks.
//!   Budget: journeymap ≤ 1.3x bare ron.
//! - `save/journeymap/<N>`: `format::to_string` and `store::write_atomic` into a temporary
//!   folder; `save/bare_ron/<N>`: `ron::ser::to_string_pretty` of the mirror structs, a
//!   plain write and an fsync. Budget: journeymap ≤ 1.5x bare ron. For reference, also the
//!   text alone: `save/journeymap_text/<N>` and `save/bare_ron_text/<N>`.
//! - `print/text/1000`: the `text` snapshot of `journeymap print`. Budget: ≤ 100 ms.

mod common;

use std::fs;
use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use journeymap::model::{self, Lane};
use journeymap::{export, format, store};
use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};

use common::{SIZES, Variant};

/// Plain serde types with the shape of format 1, and nothing checked.
mod mirror {
    use super::*;

    fn is_zero_u16(n: &u16) -> bool {
        *n == 0
    }
    fn is_zero_i8(n: &i8) -> bool {
        *n == 0
    }

    #[derive(Deserialize, Serialize)]
    pub struct Map {
        pub format: u64,
        pub title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub persona: Option<Persona>,
        pub stages: Vec<Stage>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Persona {
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub summary: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub goals: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub frustrations: Vec<String>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Stage {
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub touchpoints: Vec<Touchpoint>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub emotions: Vec<Emotion>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub pain_points: Vec<Card>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub opportunities: Vec<Card>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Touchpoint {
        pub text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub channel: Option<String>,
        #[serde(default, skip_serializing_if = "is_zero_u16")]
        pub votes: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub notes: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Emotion {
        pub text: String,
        #[serde(default, skip_serializing_if = "is_zero_i8")]
        pub score: i8,
        #[serde(default, skip_serializing_if = "is_zero_u16")]
        pub votes: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub notes: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Card {
        pub text: String,
        #[serde(default, skip_serializing_if = "is_zero_u16")]
        pub votes: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub notes: Option<String>,
    }

    fn some(s: &str) -> Option<String> {
        (!s.is_empty()).then(|| s.to_string())
    }

    /// The mirror of a model map, built outside the timed part of the save baseline.
    pub fn from_model(map: &model::Map) -> Map {
        Map {
            format: 1,
            title: map.title.clone(),
            persona: map.persona.as_ref().map(|p| Persona {
                name: p.name.clone(),
                summary: some(&p.summary),
                goals: p.goals.clone(),
                frustrations: p.frustrations.clone(),
            }),
            stages: map
                .stages
                .iter()
                .map(|s| Stage {
                    name: s.name.clone(),
                    description: some(&s.description),
                    touchpoints: s
                        .lane(Lane::Touchpoints)
                        .iter()
                        .map(|c| Touchpoint {
                            text: c.text.clone(),
                            channel: some(&c.channel),
                            votes: c.votes,
                            notes: some(&c.notes),
                        })
                        .collect(),
                    emotions: s
                        .lane(Lane::Emotions)
                        .iter()
                        .map(|c| Emotion {
                            text: c.text.clone(),
                            score: c.score,
                            votes: c.votes,
                            notes: some(&c.notes),
                        })
                        .collect(),
                    pain_points: plain(s.lane(Lane::PainPoints)),
                    opportunities: plain(s.lane(Lane::Opportunities)),
                })
                .collect(),
        }
    }

    fn plain(cards: &[model::Card]) -> Vec<Card> {
        cards
            .iter()
            .map(|c| Card {
                text: c.text.clone(),
                votes: c.votes,
                notes: some(&c.notes),
            })
            .collect()
    }
}

/// Measurement settings for one N: the 14 MB map takes a good part of a second per load.
fn configure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    n: usize,
) {
    if n >= 10_000 {
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(8));
    } else {
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
    }
}

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    for n in SIZES {
        let text = format::to_string(&common::reference_map(n, Variant::Plain));
        configure(&mut group, n);
        group.bench_function(BenchmarkId::new("journeymap", n), |b| {
            b.iter(|| format::from_str(black_box(&text)).expect("valid map"))
        });
        group.bench_function(BenchmarkId::new("bare_ron", n), |b| {
            b.iter(|| {
                options
                    .from_str::<mirror::Map>(black_box(&text))
                    .expect("valid ron")
            })
        });
    }
    group.finish();
}

fn save(c: &mut Criterion) {
    let mut group = c.benchmark_group("save");
    let dir = tempfile::tempdir().expect("temporary folder");
    for n in SIZES {
        let map = common::reference_map(n, Variant::Plain);
        let mirror = mirror::from_model(&map);
        let ours = dir.path().join(format!("journeymap-{n}.ron"));
        let bare = dir.path().join(format!("bare-{n}.ron"));
        configure(&mut group, n);
        group.bench_function(BenchmarkId::new("journeymap", n), |b| {
            b.iter(|| {
                let text = format::to_string(black_box(&map));
                store::write_atomic(&ours, text.as_bytes()).expect("saved");
            })
        });
        // The text alone, without the disk, to tell formatting from I/O.
        group.bench_function(BenchmarkId::new("journeymap_text", n), |b| {
            b.iter(|| format::to_string(black_box(&map)))
        });
        group.bench_function(BenchmarkId::new("bare_ron_text", n), |b| {
            b.iter(|| {
                ron::ser::to_string_pretty(black_box(&mirror), Default::default())
                    .expect("serialised")
            })
        });
        group.bench_function(BenchmarkId::new("bare_ron", n), |b| {
            b.iter(|| {
                let text = ron::ser::to_string_pretty(black_box(&mirror), Default::default())
                    .expect("serialised");
                let mut file = fs::File::create(&bare).expect("created");
                file.write_all(text.as_bytes()).expect("written");
                file.sync_all().expect("synced");
            })
        });
    }
    group.finish();
}

fn print(c: &mut Criterion) {
    let mut group = c.benchmark_group("print");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let map = common::reference_map(1_000, Variant::Plain);
    let options = export::Options::default();
    group.bench_function(BenchmarkId::new("text", 1_000), |b| {
        b.iter(|| export::render("text", black_box(&map), &options).expect("text format"))
    });
    group.finish();
}

criterion_group!(benches, check, save, print);
criterion_main!(benches);
