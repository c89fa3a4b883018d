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
use journeymap::{export, format, store};
use ron::extensions::Extensions;

use common::{SIZES, Variant, mirror};

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
