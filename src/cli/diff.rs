//! `journeymap diff OLD NEW`: what changed between two versions of a map, by stage and lane.
//! Also takes the seven arguments git gives an external diff command
//! (`path old-file old-hex old-mode new-file new-hex new-mode`), so that it can be
//! `diff.journeymap.command`.

use std::path::{Path, PathBuf};

use super::report::{Exit, Sink, complain, for_terminal, write_stdout};
use crate::mapdiff::{self, text};
use crate::model::Map;
use crate::{store, text as sanitizer};

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// OLD NEW, or the seven arguments git passes an external diff command
    #[arg(value_name = "FILE", num_args = 1..=9, required = true)]
    pub files: Vec<PathBuf>,
    /// Write one map as lines, one per card, for git's textconv (`git log -p`)
    #[arg(long, conflicts_with_all = ["format", "exit_code"])]
    pub textconv: bool,
    /// How to write it
    #[arg(long, short = 'f', value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when the maps differ, 0 when they are the same
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Json,
}

/// The file git names `/dev/null` when one side does not exist: an empty map.
const NO_FILE: &str = "/dev/null";

pub fn diff(args: DiffArgs) -> Exit {
    if args.textconv {
        return textconv(&args.files);
    }
    // git's external diff: path, then old-file old-hex old-mode new-file new-hex new-mode,
    // and for a rename the new path and a description.
    let (label, old, new) = match args.files.as_slice() {
        // git names an unmerged path alone: there is nothing to compare yet.
        [path] => {
            let shown = super::report::shown(path);
            return write_stdout(
                format!("journeymap diff {shown}: unmerged; `journeymap check {shown}` lists its conflicts\n")
                    .as_bytes(),
            )
            .unwrap_or(Exit::Success);
        }
        [old, new] => (None, old, new),
        [path, old, _, _, new, _, _] | [path, old, _, _, new, _, _, _, _] => (Some(path), old, new),
        _ => {
            complain(
                "journeymap: error: diff takes OLD NEW, or the seven arguments of git's external diff",
            );
            return Exit::Usage;
        }
    };
    let (old_map, new_map) = match (load(old), load(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            if let Some(path) = label {
                // As git's diff command: a version that is not a map (a typo, conflict
                // markers, another *.ron file) shows as text, so `git log -p` goes on.
                return write_stdout(as_text(path, old, new, &e).as_bytes())
                    .unwrap_or(Exit::Success);
            }
            complain(&e.to_string());
            return Exit::Failure;
        }
    };
    let d = mapdiff::diff(&old_map, &new_map);
    let color = super::report::color(Sink::Stdout);
    let out = match args.format {
        DiffFormat::Text => {
            let body = text::render(&d, &text::Options { color });
            match label {
                Some(path) if !body.is_empty() => {
                    let name = super::report::shown(path);
                    let heading = format!("journeymap diff a/{name} b/{name}");
                    let mut out = String::new();
                    if color {
                        sanitizer::paint(&mut out, anstyle::Style::new().bold(), &heading);
                    } else {
                        out.push_str(&heading);
                    }
                    out.push('\n');
                    out.push_str(&body);
                    out
                }
                _ => body,
            }
        }
        // The JSON writer escapes what could drive a terminal.
        DiffFormat::Json => mapdiff::json::render(&d),
    };
    if let Some(exit) = write_stdout(out.as_bytes()) {
        return exit;
    }
    if args.exit_code && !d.is_empty() {
        Exit::Failure
    } else {
        Exit::Success
    }
}

/// One map as lines for git to compare: `git log -p` then reads card by card.
fn textconv(files: &[PathBuf]) -> Exit {
    let [file] = files else {
        complain("journeymap: error: diff --textconv takes one map");
        return Exit::Usage;
    };
    match load(file) {
        Ok(map) => write_stdout(text::listing(&map).as_bytes()).unwrap_or(Exit::Success),
        // git compares what textconv prints: a version that is not a map passes through
        // as it is, so `git log -p` and `git blame` go on over it.
        Err(_) => match store::read(file) {
            Ok(bytes) => write_stdout(&bytes).unwrap_or(Exit::Success),
            Err(e) => {
                complain(&e.to_string());
                Exit::Failure
            }
        },
    }
}

/// Two versions compared line by line, as `diff -u` would, after a note that says why.
fn as_text(path: &Path, old: &Path, new: &Path, why: &store::StoreError) -> String {
    let name = super::report::shown(path);
    let read = |p: &Path| {
        if p == Path::new(NO_FILE) {
            return String::new();
        }
        store::read(p).map_or_else(
            |_| String::new(),
            |b| String::from_utf8_lossy(&b).into_owned(),
        )
    };
    let (before, after) = (read(old), read(new));
    let first_line = why.to_string();
    let first_line = first_line.lines().next().unwrap_or_default();
    let mut out = format!(
        "journeymap diff a/{name} b/{name}\nnote: a version does not load as a map, so it is compared as text ({})\n",
        sanitizer::sanitize(first_line)
    );
    let unified = similar::TextDiff::from_lines(&before, &after)
        .unified_diff()
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    out.push_str(&for_terminal(&unified));
    out
}

fn load(path: &Path) -> Result<Map, store::StoreError> {
    if path == Path::new(NO_FILE) {
        return Ok(Map::default());
    }
    store::load(path)
}
