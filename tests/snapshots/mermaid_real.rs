//! Real Mermaid journey diagrams from public repositories, read where they are kept
//! (`../shared/mermaid-real/` beside the project), never copied in. Its `EXPECT` says what
//! Mermaid 11 reads from each: the title and how many sections and tasks, or `-` where
//! Mermaid rejects the diagram. Every diagram Mermaid accepts that has a task must import
//! with that title and those counts, pass `check`, and come back with the same counts from
//! `print --format mermaid`.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use journeymap::import;
use journeymap::model::{Lane, Map};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/mermaid-real")
}

/// One row of `EXPECT`.
struct Expected {
    file: String,
    /// What Mermaid reads, or `None` where it rejects the diagram.
    read: Option<Reading>,
}

#[derive(Debug, PartialEq, Eq)]
struct Reading {
    title: String,
    sections: usize,
    tasks: usize,
}

/// `EXPECT`: `#` comment lines, then `file<TAB>mermaid_ok<TAB>title<TAB>sections<TAB>tasks`.
fn expectations(text: &str) -> Vec<Expected> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [file, ok, title, sections, tasks] = fields[..] else {
                panic!("EXPECT: expected five tab-separated fields: {line:?}")
            };
            let number = |s: &str| {
                s.trim()
                    .parse::<usize>()
                    .unwrap_or_else(|_| panic!("EXPECT: not a count: {line:?}"))
            };
            let read = match ok.trim() {
                "1" => Some(Reading {
                    title: title.to_string(),
                    sections: number(sections),
                    tasks: number(tasks),
                }),
                "0" => None,
                other => panic!("EXPECT: mermaid_ok is 0 or 1, not {other:?}"),
            };
            Expected {
                file: file.to_string(),
                read,
            }
        })
        .collect()
}

fn reading(map: &Map) -> Reading {
    Reading {
        title: map.title.clone(),
        sections: map.stages.len(),
        tasks: map
            .stages
            .iter()
            .map(|s| s.lane(Lane::Touchpoints).len())
            .sum(),
    }
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("journeymap")
        .expect("the journeymap binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run journeymap")
}

fn says(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn every_real_diagram_mermaid_draws_imports_as_mermaid_reads_it() {
    let folder = corpus();
    let Ok(expect) = std::fs::read_to_string(folder.join("EXPECT")) else {
        println!(
            "skipped: no real Mermaid diagrams at {} (the shared corpus is not here)",
            folder.display()
        );
        return;
    };
    let rows = expectations(&expect);
    assert!(
        rows.len() >= 20,
        "EXPECT lists the corpus: {} rows",
        rows.len()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let mermaid = import::find("mermaid").expect("mermaid importer");
    let mut imported = 0;
    for row in rows {
        let input = folder.join(&row.file);
        let input_arg = input.to_string_lossy().into_owned();
        let out_name = format!("{}.ron", row.file);
        let out = run(
            dir.path(),
            &["import", &input_arg, "--from", "mermaid", "-o", &out_name],
        );
        let Some(expected) = row.read.filter(|r| r.tasks > 0) else {
            // Rejected by Mermaid, or without a task: refused, with a position.
            assert_eq!(out.status.code(), Some(1), "{}: {}", row.file, says(&out));
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(": error: "), "{}: {err}", row.file);
            continue;
        };
        assert_eq!(out.status.code(), Some(0), "{}: {}", row.file, says(&out));
        let map = journeymap::store::load(&dir.path().join(&out_name))
            .unwrap_or_else(|e| panic!("{}: {e}", row.file));
        assert_eq!(reading(&map), expected, "{}: as imported", row.file);

        let check = run(dir.path(), &["check", &out_name]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{}: {}",
            row.file,
            says(&check)
        );
        assert!(check.stderr.is_empty(), "{}: {}", row.file, says(&check));

        let printed = run(dir.path(), &["print", &out_name, "--format", "mermaid"]);
        assert_eq!(
            printed.status.code(),
            Some(0),
            "{}: {}",
            row.file,
            says(&printed)
        );
        let again = import::import_with(mermaid, &printed.stdout, "x", &Default::default())
            .unwrap_or_else(|e| panic!("{}: the export does not import: {e}", row.file));
        assert_eq!(again.warnings, [], "{}: the export is clean", row.file);
        assert_eq!(
            reading(&again.map),
            expected,
            "{}: exported and re-imported",
            row.file
        );
        imported += 1;
    }
    println!("{imported} real diagrams imported, checked and re-imported");
}
