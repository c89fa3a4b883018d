//! `journeymap merge BASE OURS THEIRS`: the three-way merge of a map, and `--git`, the same
//! as git's merge driver (`%O %A %B %P %L %S %X %Y`), which writes the result to `%A`.
//!
//! As a driver it must never exit above 128 (git would abort the whole merge) and must
//! always leave something in `%A`: when a side does not load, or `JOURNEYMAP_MERGE=0`,
//! git's own text merge (`git merge-file`) does the work and the exit is 1.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::report::{Exit, complain, shown, write_stdout};
use crate::merge::{self, Merged};
use crate::model::Map;
use crate::{format, store};

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// BASE OURS THEIRS; with --git, git's %O %A %B and optionally %P %L %S %X %Y
    #[arg(value_name = "FILE", num_args = 3..=8, required = true)]
    pub files: Vec<PathBuf>,
    /// Run as git's merge driver: write the result to OURS (%A), exit 0 clean, 1 conflicts
    #[arg(long)]
    pub git: bool,
    /// Write the merged map to OUT instead of standard output
    #[arg(
        short = 'o',
        long = "output",
        value_name = "OUT",
        conflicts_with = "git"
    )]
    pub output: Option<PathBuf>,
}

/// Set to `0`, the driver leaves maps to git's text merge.
const SWITCH: &str = "JOURNEYMAP_MERGE";

pub fn merge(args: MergeArgs) -> Exit {
    // A write past the file-size limit (`ulimit -f`) is a write error like a full disk,
    // not a signal that kills the process and leaves a temporary file behind.
    ignore_file_size_signal();
    if args.git {
        return driver(&args.files);
    }
    let [base, ours, theirs] = args.files.as_slice() else {
        complain("journeymap: error: merge takes three maps: BASE OURS THEIRS");
        return Exit::Usage;
    };
    let maps = match (load_base(base), load(ours), load(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        // A version that is not a map is an invalid map (1), not wrong usage (2).
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => {
            complain(&e.to_string());
            return Exit::Failure;
        }
    };
    let merged = merge::merge(&maps.0, &maps.1, &maps.2);
    let text = format::to_string(&merged.map);
    let written = match &args.output {
        Some(out) => store::write_atomic(out, text.as_bytes()).map_err(|e| {
            complain(&e.to_string());
            Exit::Failure
        }),
        None => write_stdout(text.as_bytes()).map_or(Ok(()), Err),
    };
    if let Err(exit) = written {
        return exit;
    }
    report(args.output.as_deref(), &merged)
}

/// git's merge driver. Every path writes `%A` and exits 0 or 1.
fn driver(files: &[PathBuf]) -> Exit {
    let (base, ours, theirs) = match files {
        [o, a, b, ..] => (o.as_path(), a.as_path(), b.as_path()),
        _ => {
            complain("journeymap: error: merge --git takes git's %O %A %B (and %P %L %S %X %Y)");
            return Exit::Failure;
        }
    };
    let path = files.get(3).map_or(ours, PathBuf::as_path);
    let marker_size = files.get(4).and_then(|l| l.to_str()?.parse::<u16>().ok());
    // git before 2.44 passes the placeholders as they are.
    let label = |i: usize, default: &'static str| {
        files
            .get(i)
            .and_then(|l| l.to_str())
            .filter(|l| !l.starts_with('%'))
            .unwrap_or(default)
            .to_string()
    };
    let labels = [label(5, "base"), label(6, "ours"), label(7, "theirs")];
    // git hands the driver regular files; anything else (a FIFO) would hang a reader.
    if let Some(odd) = [base, ours, theirs].into_iter().find(|p| !is_regular(p)) {
        complain(&format!(
            "journeymap: error: {}: not a regular file; {} left as it was",
            shown(odd),
            shown(path)
        ));
        return Exit::Failure;
    }
    if std::env::var_os(SWITCH).is_some_and(|v| v == "0") {
        return match text_merge(base, ours, theirs, &labels, marker_size) {
            true => Exit::Success,
            false => Exit::Failure,
        };
    }
    let loaded = [load_base(base), load(ours), load(theirs)];
    let maps = match loaded {
        [Ok(b), Ok(o), Ok(t)] => (b, o, t),
        loaded => {
            let none_loads = loaded.iter().all(Result::is_err);
            for e in loaded.iter().filter_map(|r| r.as_ref().err()) {
                complain(&e.to_string());
            }
            let clean = text_merge(base, ours, theirs, &labels, marker_size);
            if none_loads {
                // Not a map at all (another file under the pattern): git's own result.
                return if clean { Exit::Success } else { Exit::Failure };
            }
            complain(&format!(
                "journeymap: {}: a version does not load as a map; git's text merge was used",
                shown(path)
            ));
            return Exit::Failure;
        }
    };
    let merged = merge::merge(&maps.0, &maps.1, &maps.2);
    if let Err(e) = store::write_atomic(ours, format::to_string(&merged.map).as_bytes()) {
        // %A still holds ours' version: git reads it back as the conflicted result.
        complain(&e.to_string());
        return Exit::Failure;
    }
    report(Some(path), &merged)
}

/// Says what is left to do; the exit tells git (or a script) whether anything is. `path`
/// is where the merged map was written, `None` for standard output.
fn report(path: Option<&Path>, merged: &Merged) -> Exit {
    let place = path.map_or("the merged map (standard output)".to_string(), shown);
    for note in &merged.kept_ours {
        // The note quotes the map's own text, which may hold anything.
        complain(&format!(
            "journeymap: {place}: {}",
            crate::text::sanitize(note)
        ));
    }
    if merged.conflicts > 0 {
        let check = path.map_or(
            "`journeymap check` on the saved map lists them".to_string(),
            |p| format!("`journeymap check {}` lists them", shown(p)),
        );
        complain(&format!(
            "journeymap: {place}: {} conflict{} kept as both versions; {check}",
            merged.conflicts,
            if merged.conflicts == 1 { "" } else { "s" },
        ));
    }
    if merged.is_clean() {
        Exit::Success
    } else {
        Exit::Failure
    }
}

fn load(path: &Path) -> Result<Map, store::StoreError> {
    store::load(path)
}

/// The base of a file both sides added is empty: an empty map.
fn load_base(path: &Path) -> Result<Map, store::StoreError> {
    let bytes = store::read(path)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::default());
    }
    store::parse(path, &bytes)
}

/// git's line merge into `ours`, conflict markers and all, written whole or not at all:
/// `git merge-file -p` prints the result, which replaces `ours` like any other write. When
/// git cannot be run or the result cannot be written, `ours` stays as it is, which git
/// reads back as the conflicted result. True when the text merge was clean and written.
fn text_merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    labels: &[String; 3],
    marker_size: Option<u16>,
) -> bool {
    let mut git = Command::new("git");
    git.args(["merge-file", "-p"])
        .args(["-L", &labels[1], "-L", &labels[0], "-L", &labels[2]]);
    if let Some(size) = marker_size {
        git.arg(format!("--marker-size={size}"));
    }
    let out = match git.arg(ours).arg(base).arg(theirs).output() {
        Ok(out) => out,
        Err(e) => {
            complain(&format!(
                "journeymap: cannot run git merge-file: {}",
                store::io_message(&e)
            ));
            return false;
        }
    };
    // The exit is the number of conflicts (0 clean); a signal or a code above 127 is an error.
    let clean = match out.status.code() {
        Some(0) => true,
        Some(n) if (1..=127).contains(&n) => false,
        _ => {
            complain(&format!(
                "journeymap: git merge-file failed ({})",
                out.status
            ));
            return false;
        }
    };
    if let Err(e) = store::write_atomic(ours, &out.stdout) {
        complain(&e.to_string());
        return false;
    }
    clean
}

fn is_regular(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

#[cfg(unix)]
fn ignore_file_size_signal() {
    // A handler that only sets a flag nobody reads: the write then fails with EFBIG.
    let noticed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, noticed);
}

#[cfg(not(unix))]
fn ignore_file_size_signal() {}
