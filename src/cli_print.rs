//! `journeymap print` and `journeymap import`: the command-line side of snapshots. The
//! decisions that depend on where the output goes (is it a terminal, how wide, does the
//! user want colour) are made here and handed to `export` as [`Options`].

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::builder::PossibleValuesParser;

use crate::cli::{Exit, count, fail, say, shown};
use crate::export::{self, Options};
use crate::import;
use crate::store::{self, StoreError};
use crate::text;

#[derive(clap::Args, Debug)]
pub struct PrintArgs {
    /// The maps to print, one after the other
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Snapshot format [default: from the extension of OUT, else text]
    #[arg(long, short = 'f', value_parser = PossibleValuesParser::new(export::names()))]
    pub format: Option<String>,
    /// Widest line of the text board, at least 20 [default: the terminal's width, or 120]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// Draw the text board with ASCII characters only
    #[arg(long)]
    pub ascii: bool,
    /// Colour in the text board (auto: only on a terminal, and never when NO_COLOR is set)
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write the snapshot to OUT (replaced whole) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// A Mermaid journey diagram (.mmd, .mermaid, or Markdown with a ```mermaid block) or the
    /// CSV that `print --format csv` writes
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// The map file to write; an existing file is only replaced with --force
    #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
    pub output: PathBuf,
    /// Input format [default: from the extension of IN]
    #[arg(long, value_parser = PossibleValuesParser::new(import::names()))]
    pub from: Option<String>,
    /// Replace OUT.ron if it exists
    #[arg(long)]
    pub force: bool,
    /// Which journey diagram of a Markdown file with several to import (1 is the first)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub diagram: Option<u16>,
}

pub(crate) fn print(args: PrintArgs) -> Exit {
    if args.output.is_some() && args.files.len() > 1 {
        complain!("journeymap: error: -o writes one snapshot; give one map with it");
        return Exit::Usage;
    }
    let exporter = args
        .format
        .as_deref()
        .and_then(export::find)
        .or_else(|| args.output.as_deref().and_then(export::for_path))
        .unwrap_or(&export::ALL[0]);
    // Boards and Markdown read well one after the other; two CSV headers, two HTML pages or
    // two diagrams in one stream are a broken file.
    if args.files.len() > 1 && !matches!(exporter.name, "text" | "markdown") {
        complain!(
            "journeymap: error: a {} snapshot holds one map; print the maps one at a time",
            exporter.name
        );
        return Exit::Usage;
    }
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && !no_color(),
    };
    let width = match args.width {
        Some(w) => usize::from(w),
        None if to_terminal => terminal_width(),
        None => export::DEFAULT_WIDTH,
    };
    let opts = Options {
        width,
        ascii: args.ascii,
        color,
    };
    let mut exit = Exit::Success;
    for (i, file) in args.files.iter().enumerate() {
        let map = match store::load(file) {
            Ok(map) => map,
            Err(e) => {
                exit = fail(&e);
                continue;
            }
        };
        let mut snapshot = (exporter.render)(&map, &opts);
        let Some(out) = &args.output else {
            if to_terminal && exporter.name != "text" {
                // The data formats keep the map's text as it is (CSV losslessly); on a
                // screen it is neutralised like everything else. The text board already is.
                snapshot = for_terminal(&snapshot);
            }
            if i > 0 {
                snapshot.insert(0, '\n');
            }
            if let Some(stop) = write_stdout(snapshot.as_bytes()) {
                return stop;
            }
            continue;
        };
        return write_file(file, out, exporter.name, &snapshot);
    }
    exit
}

fn write_file(map: &Path, out: &Path, format: &str, snapshot: &str) -> Exit {
    if same_file(map, out) {
        complain!(
            "{}: error: this is the map being printed; write the snapshot to another file",
            shown(out)
        );
        return Exit::Failure;
    }
    // Snapshots are written again and again over older ones, but never over a map, nor
    // over a `.ron` file that does not load: it is most likely a map with a mistake in it.
    let is_ron = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if std::fs::metadata(out).is_ok_and(|m| m.is_file()) {
        let kind = if store::load(out).is_ok() {
            "this file is a journey map"
        } else if is_ron {
            "this .ron file is most likely a journey map"
        } else {
            ""
        };
        if !kind.is_empty() {
            complain!(
                "{}: error: {kind}; write the snapshot to another file",
                shown(out)
            );
            return Exit::Failure;
        }
    }
    match store::write_atomic(out, snapshot.as_bytes()) {
        Ok(()) => {
            say(&format!(
                "{}: {format} snapshot of {}",
                shown(out),
                shown(map)
            ));
            Exit::Success
        }
        Err(e) => fail(&e),
    }
}

pub(crate) fn import(args: ImportArgs) -> Exit {
    let importer = match args.from.as_deref() {
        Some(name) => import::find(name),
        None => import::for_path(&args.input),
    };
    let Some(importer) = importer else {
        let names: Vec<&str> = import::names().collect();
        complain!(
            "{}: error: cannot tell the format from the file name; add --from {}",
            shown(&args.input),
            names.join(" or --from ")
        );
        return Exit::Usage;
    };
    let bytes = match std::fs::read(&args.input) {
        Ok(b) => b,
        Err(source) => {
            return fail(&StoreError::Io {
                path: args.input,
                source,
            });
        }
    };
    let fallback_title = args
        .input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let opts = import::Options {
        diagram: args.diagram.map(usize::from),
    };
    let source = std::str::from_utf8(&bytes).ok();
    let input = args.input.display().to_string();
    let map = match import::import_with(importer, &bytes, &fallback_title, &opts) {
        Ok(imported) => {
            for warning in &imported.warnings {
                complain!("{}", warning.report(&input, source));
            }
            imported.map
        }
        Err(e) => {
            complain!("{}", e.report(&input, source));
            return Exit::Failure;
        }
    };
    if same_file(&args.input, &args.output) {
        complain!(
            "{}: error: this is the file being imported; write the map to another file",
            shown(&args.output)
        );
        return Exit::Failure;
    }
    // As with `new`: an import never replaces somebody's map unless told to.
    if !args.force && std::fs::symlink_metadata(&args.output).is_ok() {
        complain!(
            "{}: error: the file already exists; use --force to replace it",
            shown(&args.output)
        );
        return Exit::Failure;
    }
    match store::save(&args.output, &map) {
        Ok(()) => {
            say(&format!(
                "{}: imported {} and {} from {} ({})",
                shown(&args.output),
                count(map.stages.len(), "stage"),
                count(map.card_count(), "card"),
                shown(&args.input),
                importer.name
            ));
            Exit::Success
        }
        Err(e) => fail(&e),
    }
}

/// True when `NO_COLOR` is set to anything but the empty string (no-color.org).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn terminal_width() -> usize {
    crossterm::terminal::size()
        .map(|(cols, _)| usize::from(cols))
        .unwrap_or(export::DEFAULT_WIDTH)
        .max(export::MIN_WIDTH)
}

/// `s` with every unsafe character replaced, line ends (LF or CRLF) kept.
fn for_terminal(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix("\r\n") {
                Some(body) => (body, "\r\n"),
                None => line
                    .strip_suffix('\n')
                    .map_or((line, ""), |body| (body, "\n")),
            };
            format!("{}{end}", text::sanitize(body))
        })
        .collect()
}

/// Writes to stdout: `Some(exit)` when printing must stop. A reader that goes away
/// (`| head`) is not an error: the command stops quietly with success.
fn write_stdout(bytes: &[u8]) -> Option<Exit> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => None,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Some(Exit::Success),
        Err(e) => {
            complain!(
                "journeymap: error: cannot write to standard output: {}",
                store::io_message(&e)
            );
            Some(Exit::Failure)
        }
    }
}

/// True when both paths name one existing file (so writing one would destroy the other).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
