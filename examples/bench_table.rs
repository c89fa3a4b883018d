//! The table of `scripts/bench`: every figure for each N, its budget, the ratio
//! where the budget is one, and PASS or FAIL.
//!
//!     bench_table CRITERION_DIR RESULTS_FILE SINCE_EPOCH_SECONDS
//!
//! Criterion figures are the median point estimates of `<dir>/<group>/<bench>/<N>/new/
//! estimates.json`; an estimate older than SINCE was not measured in this run and is left
//! out, so every ratio compares figures of the same run. RESULTS_FILE holds the real-binary
//! figures as `key=value` lines (written by `scripts/bench`). Exits with 1 when a budget
//! fails.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, UNIX_EPOCH};

const SIZES: [u64; 3] = [100, 1_000, 10_000];
const MS: f64 = 1e6;

struct Table {
    criterion: PathBuf,
    since: u64,
    real: HashMap<String, String>,
    rows: Vec<[String; 6]>,
    failed: usize,
    missing: usize,
}

/// What a row is judged by.
enum Budget {
    /// At most this many nanoseconds.
    Time(f64),
    /// At most this multiple of another figure, in nanoseconds, described by `of`.
    Ratio {
        max: f64,
        base: Option<f64>,
        of: String,
    },
    /// At most this many bytes.
    Bytes(f64),
    /// No budget: shown next to another figure for reference.
    Info { base: Option<f64>, of: String },
    /// No budget: a figure with a note.
    Note(String),
}

impl Table {
    /// Median of a criterion benchmark in nanoseconds, if it ran in this run.
    fn criterion(&self, group: &str, bench: &str, n: u64) -> Option<f64> {
        let path = self
            .criterion
            .join(group)
            .join(bench)
            .join(n.to_string())
            .join("new/estimates.json");
        let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
        if modified.duration_since(UNIX_EPOCH).ok()? < Duration::from_secs(self.since) {
            return None;
        }
        median_point_estimate(&std::fs::read_to_string(path).ok()?)
    }

    /// A real-binary figure from the results file.
    fn real(&self, key: &str) -> Option<f64> {
        self.real.get(key)?.trim().parse().ok()
    }

    fn row(&mut self, figure: &str, n: u64, measured: Option<f64>, budget: Budget) {
        let n = group_digits(n);
        let base_missing = matches!(
            budget,
            Budget::Ratio { base: None, .. } | Budget::Info { base: None, .. }
        );
        let (Some(value), false) = (measured, base_missing) else {
            self.missing += 1;
            let budget = match budget {
                Budget::Time(max) => format!("≤ {}", time(max)),
                Budget::Ratio { max, of, .. } => format!("≤ {max}x {of} (not measured)"),
                Budget::Bytes(max) => format!("≤ {}", bytes(max)),
                Budget::Info { of, .. } => format!("(reference: vs {of})"),
                Budget::Note(note) => note,
            };
            self.rows.push([
                figure.into(),
                n,
                "not measured".into(),
                budget,
                "".into(),
                "—".into(),
            ]);
            return;
        };
        let (shown, budget_text, ratio, pass) = match budget {
            Budget::Time(max) => (time(value), format!("≤ {}", time(max)), None, value <= max),
            Budget::Bytes(max) => (
                bytes(value),
                format!("≤ {}", bytes(max)),
                None,
                value <= max,
            ),
            Budget::Ratio { max, base, of } => {
                let base = base.unwrap_or(f64::NAN);
                let ratio = value / base;
                let text = format!("≤ {max}x {of} ({})", time(base));
                (time(value), text, Some(ratio), ratio <= max)
            }
            Budget::Note(note) => {
                self.rows.push([
                    figure.into(),
                    n,
                    time(value),
                    note,
                    String::new(),
                    "info".into(),
                ]);
                return;
            }
            Budget::Info { base, of } => {
                let base = base.unwrap_or(f64::NAN);
                let text = format!("(reference: vs {of} {})", time(base));
                self.rows.push([
                    figure.into(),
                    n,
                    time(value),
                    text,
                    format!("{:.2}x", value / base),
                    "info".into(),
                ]);
                return;
            }
        };
        let verdict = if pass { "PASS" } else { "FAIL" };
        if verdict == "FAIL" {
            self.failed += 1;
        }
        self.rows.push([
            figure.into(),
            n,
            shown,
            budget_text,
            ratio.map_or(String::new(), |r| format!("{r:.2}x")),
            verdict.into(),
        ]);
    }

    /// A figure shown for reference, already formatted, with no budget.
    fn info(&mut self, figure: &str, n: u64, shown: Option<String>, note: String) {
        if shown.is_none() {
            self.missing += 1;
        }
        self.rows.push([
            figure.into(),
            group_digits(n),
            shown.unwrap_or_else(|| "not measured".into()),
            note,
            String::new(),
            "info".into(),
        ]);
    }

    fn print(&self) {
        let header = ["figure", "N", "median", "budget", "ratio", "result"];
        let mut widths = header.map(width);
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let line = |cells: &[String; 6]| {
            let padded: Vec<String> = cells
                .iter()
                .zip(widths)
                .map(|(c, w)| format!("{c}{}", " ".repeat(w - width(c))))
                .collect();
            format!("| {} |", padded.join(" | "))
        };
        println!("{}", line(&header.map(String::from)));
        let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        println!("|-{}-|", rule.join("-|-"));
        for row in &self.rows {
            println!("{}", line(row));
        }
    }
}

/// The live session (`live_bench`): a key's latency to the typist's own screen with 30 and
/// 50 SSH clients at 10 keys a second each, then with 5 of them stalled; the host's CPU and
/// memory and the bytes of a frame. N is the number of clients.
fn live_session(t: &mut Table) {
    let figure = |t: &Table, clients: u64, stalled: u64, key: &str| {
        t.real(&format!("live.{clients}.{stalled}.{key}"))
    };
    for (clients, p99_budget) in [(30, 50.0 * MS), (50, 100.0 * MS)] {
        let us = |t: &Table, stalled, key| figure(t, clients, stalled, key).map(|v| v * 1e3);
        let keys = figure(t, clients, 0, "keys").unwrap_or(0.0);
        let p50 = us(t, 0, "p50_us");
        let note = format!("(reference: {keys} keys)");
        t.row(
            "live: key to own screen, p50",
            clients,
            p50,
            Budget::Note(note),
        );
        let p99 = us(t, 0, "p99_us");
        t.row(
            "live: key to own screen, p99",
            clients,
            p99,
            Budget::Time(p99_budget),
        );
        let max = us(t, 0, "max_us");
        t.row(
            "live: key to own screen, max",
            clients,
            max,
            Budget::Time(250.0 * MS),
        );
        t.row(
            "live, 5 of them stalled: p99",
            clients,
            us(t, 5, "p99_us"),
            Budget::Ratio {
                max: 2.0,
                base: p99,
                of: "none stalled".into(),
            },
        );
        t.row(
            "live, 5 of them stalled: max",
            clients,
            us(t, 5, "max_us"),
            Budget::Time(250.0 * MS),
        );
    }
    // CPU as the time the host runs per second: 10% of one core is 100 ms a second.
    let cpu = figure(t, 50, 0, "cpu_pct").map(|pct| pct / 100.0 * 1e9);
    t.row(
        "live: host CPU per second (10% of a core: 100 ms)",
        50,
        cpu,
        Budget::Time(100.0 * MS),
    );
    let hwm = figure(t, 50, 0, "hwm_kb").map(|kb| bytes(kb * 1024.0));
    let rss = figure(t, 50, 0, "rss_kb").map_or("?".into(), |kb| bytes(kb * 1024.0));
    t.info(
        "live: host peak memory",
        50,
        hwm,
        format!("(no budget; {rss} resident at the end)"),
    );
    for clients in [30, 50] {
        let frame = figure(t, clients, 0, "frame_bytes").map(|b| format!("{b:.0} bytes"));
        let frames = figure(t, clients, 0, "frames").unwrap_or(0.0);
        let note = format!("(no budget; mean of {frames} frames received)");
        t.info("live: bytes sent per frame", clients, frame, note);
    }
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// The `point_estimate` of the `median` object of criterion's estimates.json.
fn median_point_estimate(json: &str) -> Option<f64> {
    let median = &json[json.find("\"median\"")?..];
    let value = &median[median.find("\"point_estimate\"")? + "\"point_estimate\"".len()..];
    let value = value.trim_start().strip_prefix(':')?.trim_start();
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)))
        .unwrap_or(value.len());
    value[..end].parse().ok()
}

fn time(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.0} ns")
    } else if ns < 1e6 {
        format!("{:.1} µs", ns / 1e3)
    } else if ns < 1e9 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.2} s", ns / 1e9)
    }
}

fn bytes(b: f64) -> String {
    format!("{:.1} MB", b / 1e6)
}

fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn read_results(path: &Path) -> HashMap<String, String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, results, since] = &args[..] else {
        eprintln!("usage: bench_table CRITERION_DIR RESULTS_FILE SINCE_EPOCH_SECONDS");
        return ExitCode::from(2);
    };
    let mut t = Table {
        criterion: PathBuf::from(dir),
        since: since.parse().unwrap_or(0),
        real: read_results(Path::new(results)),
        rows: Vec::new(),
        failed: 0,
        missing: 0,
    };

    // Drawing a frame: ≤ 1 ms at every N, and N = 10,000 within 1.2x of N = 100.
    for n in SIZES {
        let v = t.criterion("render", "plain", n);
        t.row("draw a frame 200x60", n, v, Budget::Time(MS));
    }
    for variant in ["unicode", "long"] {
        let v = t.criterion("render", variant, 10_000);
        t.row(
            &format!("draw a frame 200x60, {variant} text"),
            10_000,
            v,
            Budget::Time(MS),
        );
    }
    let v = t.criterion("render", "long", 3);
    t.row(
        "draw a frame 200x60, long text wrapped",
        3,
        v,
        Budget::Time(MS),
    );
    let v = t.criterion("render", "pasted_list", 500);
    t.row(
        "draw a frame 200x60, 500 pasted lines in the input",
        100,
        v,
        Budget::Time(MS),
    );
    let big = t.criterion("render", "plain", 10_000);
    let small = t.criterion("render", "plain", 100);
    t.row(
        "draw a frame: N=10,000 vs N=100",
        10_000,
        big,
        Budget::Ratio {
            max: 1.2,
            base: small,
            of: "N=100".into(),
        },
    );
    // Zoom (`z`) on the middle stage: the same budgets as the board.
    let zoom_big = t.criterion("render", "zoom", 10_000);
    let zoom_small = t.criterion("render", "zoom", 100);
    t.row(
        "draw a frame 200x60, zoomed",
        10_000,
        zoom_big,
        Budget::Time(MS),
    );
    t.row(
        "draw a frame zoomed: N=10,000 vs N=100",
        10_000,
        zoom_big,
        Budget::Ratio {
            max: 1.2,
            base: zoom_small,
            of: "N=100".into(),
        },
    );

    // A key handled and the frame drawn: ≤ 2 ms at N = 10,000.
    for (bench, name) in [
        ("move", "key + frame: move (Down)"),
        ("add_open", "key + frame: add card, a"),
        ("add_type", "key + frame: add card, type a char"),
        ("add_submit", "key + frame: add card, Enter"),
        ("vote", "key + frame: vote (+)"),
        ("vote_after_snapshot", "key + frame: vote, lanes shared"),
        ("undo", "key + frame: undo (u)"),
    ] {
        for n in SIZES {
            let v = t.criterion("key", bench, n);
            t.row(name, n, v, Budget::Time(2.0 * MS));
        }
    }

    // Two seats on one room: a vote on one, both frames drawn: ≤ 4 ms at N = 10,000.
    for n in SIZES {
        let v = t.criterion("key", "two_seats", n);
        t.row(
            "key + frames: vote, two seats",
            n,
            v,
            Budget::Time(4.0 * MS),
        );
    }

    // A search keystroke (query updated, matches found, frame drawn): ≤ 16 ms at N = 10,000.
    for n in SIZES {
        let v = t.criterion("key", "search_type", n);
        t.row(
            "key + frame: search, first letter",
            n,
            v,
            Budget::Time(16.0 * MS),
        );
    }

    // Dot-voting budgets at N = 10,000: the results open in ≤ 50 ms; a key in
    // them and a key during a round ≤ 2 ms, each with the frame.
    for (bench, name, budget) in [
        ("results_open", "voting: results open (v)", 50.0 * MS),
        ("results_move", "voting: key in results (Down)", 2.0 * MS),
        ("results_filter", "voting: results lanes (Tab)", 2.0 * MS),
        ("turn_move", "voting: key in a turn (Down)", 2.0 * MS),
        ("turn_dot", "voting: dot in a turn (+)", 2.0 * MS),
    ] {
        let v = t.criterion("voting", bench, 10_000);
        t.row(name, 10_000, v, Budget::Time(budget));
    }

    // A live workshop's room: the reveal of private writing, and a participant's dot
    // reaching the facilitator's screen, each within one frame.
    for (bench, n, name) in [
        ("reveal", 300, "live: reveal 300 private cards, 31 screens"),
        (
            "dot_to_roster",
            30,
            "live: a dot and done to the facilitator's screen",
        ),
    ] {
        let v = t.criterion("live", bench, n);
        t.row(name, n, v, Budget::Time(50.0 * MS));
    }

    // check and save against bare ron.
    for (group, name, max) in [
        ("check", "check: load + validate", 1.3),
        ("save", "save: canonical text + atomic write", 1.5),
    ] {
        for n in SIZES {
            let ours = t.criterion(group, "journeymap", n);
            let bare = t.criterion(group, "bare_ron", n);
            t.row(
                name,
                n,
                ours,
                Budget::Ratio {
                    max,
                    base: bare,
                    of: "bare ron".into(),
                },
            );
        }
    }

    // The canonical text alone, without the disk, for reference.
    for n in SIZES {
        let ours = t.criterion("save", "journeymap_text", n);
        let bare = t.criterion("save", "bare_ron_text", n);
        t.row(
            "save: canonical text only, no disk",
            n,
            ours,
            Budget::Info {
                base: bare,
                of: "ron pretty".into(),
            },
        );
    }

    // print text, N = 1,000: ≤ 100 ms, in process and as the real binary when it has `print`.
    let v = t.criterion("print", "text", 1_000);
    t.row("print text (library)", 1_000, v, Budget::Time(100.0 * MS));
    if t.real.contains_key("print.1000.median_us") {
        let v = t.real("print.1000.median_us").map(|us| us * 1e3);
        t.row(
            "print text (real binary)",
            1_000,
            v,
            Budget::Time(100.0 * MS),
        );
    }

    // The real binary against the floor: `journeymap check` and `bare_parse` (read the file,
    // deserialise it into the mirror structs, nothing checked) run in turns on the same file.
    let check = t.real("floor.10000.a_median_us").map(|us| us * 1e3);
    let bare = t.real("floor.10000.b_median_us").map(|us| us * 1e3);
    t.row(
        "check (real binary) vs a bare parse binary",
        10_000,
        check,
        Budget::Ratio {
            max: 1.1,
            base: bare,
            of: "`bare_parse`".into(),
        },
    );

    // Opening a map to the first frame, real binary.
    let v = t.real("open.1000.median_us").map(|us| us * 1e3);
    t.row(
        "open to first frame (real binary)",
        1_000,
        v,
        Budget::Time(60.0 * MS),
    );
    let open_big = t.real("open.10000.median_us").map(|us| us * 1e3);
    let check_big = t.real("check.10000.median_us").map(|us| us * 1e3);
    t.row(
        "open to first frame (real binary)",
        10_000,
        open_big,
        Budget::Ratio {
            max: 1.3,
            base: check_big,
            of: "`journeymap check`".into(),
        },
    );

    // The semantic diff and the merge of maps with 1% of the cards changed on each side,
    // against loading the same files (`journeymap check` of all of them).
    // The workshop's summary and the JSON snapshot, against `check` of the same file.
    for (figure, key, max) in [
        ("summary (real binary)", "summary", 1.2),
        ("print --format json (real binary)", "json", 1.5),
    ] {
        let value = t.real(&format!("{key}.10000.median_us")).map(|us| us * 1e3);
        t.row(
            figure,
            10_000,
            value,
            Budget::Ratio {
                max,
                base: check_big,
                of: "`journeymap check`".into(),
            },
        );
    }

    for (figure, key, base, max, of) in [
        (
            "diff of two maps (real binary)",
            "diff",
            "load2",
            3.0,
            "loading both",
        ),
        (
            "merge of three maps (real binary)",
            "merge",
            "load3",
            4.0,
            "loading all three",
        ),
    ] {
        let value = t.real(&format!("{key}.10000.median_us")).map(|us| us * 1e3);
        let base = t
            .real(&format!("{base}.10000.median_us"))
            .map(|us| us * 1e3);
        t.row(
            figure,
            10_000,
            value,
            Budget::Ratio {
                max,
                base,
                of: of.into(),
            },
        );
    }

    // One card of 20,000 characters rewritten both ways: comparing its texts stays linear.
    for (figure, key) in [
        ("diff of one 20,000-character card (real binary)", "diff"),
        (
            "merge of one 20,000-character card rewritten both ways",
            "merge",
        ),
    ] {
        let value = t
            .real(&format!("{key}.longcard.median_us"))
            .map(|us| us * 1e3);
        t.row(figure, 1, value, Budget::Time(1e9));
    }

    // Typing while the recovery copy is written, N = 10,000: no key press waits more than
    // 16 ms. Judged on the slowest key of all runs, as the budget says; the median over the
    // runs of each run's slowest key and the spread are shown below it.
    t.row(
        "typing while the recovery copy is written: slowest key",
        10_000,
        t.real("typing.10000.max_us").map(|us| us * 1e3),
        Budget::Time(16.0 * MS),
    );
    if let Some(typical) = t.real("typing.10000.max_median_us") {
        let stat = |key: &str| {
            t.real(&format!("typing.10000.{key}"))
                .map_or("?".into(), |v| time(v * 1e3))
        };
        let runs = t.real("typing.10000.runs").unwrap_or(0.0);
        let keys = t.real("typing.10000.keys").unwrap_or(0.0);
        let copies = t.real("typing.10000.recovery_copies_min").unwrap_or(0.0);
        let note = format!(
            "(reference: p99 {}, median {}; {keys} keys, {runs} runs, ≥ {copies} copies each)",
            stat("p99_us"),
            stat("median_us"),
        );
        t.row(
            "typing: median of each run's slowest key",
            10_000,
            Some(typical * 1e3),
            Budget::Note(note),
        );
    }

    live_session(&mut t);

    // Peak memory at N = 10,000: ≤ 3x the file size + 20 MB.
    let size = t.real("file.10000.bytes");
    let limit = size.map(|s| 3.0 * s + 20e6);
    for (key, name) in [
        ("check", "peak memory, `journeymap check`"),
        ("editor", "peak memory, editor open"),
    ] {
        let v = t
            .real(&format!("mem.{key}.10000.peak_kb"))
            .map(|kb| kb * 1024.0);
        match limit {
            Some(limit) => t.row(name, 10_000, v, Budget::Bytes(limit)),
            None => t.row(
                name,
                10_000,
                None,
                Budget::Ratio {
                    max: 3.0,
                    base: None,
                    of: "file size + 20 MB".into(),
                },
            ),
        }
    }

    t.print();
    if let Some(size) = size {
        println!(
            "\nN=10,000 map: {} ({} cards); memory budget 3x that + 20 MB.",
            bytes(size),
            group_digits(200_000)
        );
    }
    println!(
        "{} rows; {} failed; {} not measured in this run.",
        t.rows.len(),
        t.failed,
        t.missing
    );
    if t.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
