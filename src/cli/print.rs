//! `journeymap print`: the command-line side of snapshots. The decisions that depend on where the output goes (is it a terminal, how wide, does the
//! user want colour) are made here and handed to `export` as [`Options`].

use std::path::{Path, PathBuf};

use clap::builder::PossibleValuesParser;

use super::report::{self, Exit, Sink, fail, for_terminal, say, shown, write_stdout};
use crate::date::Date;
use crate::export::{self, Options};
use crate::store::{self, StoreError};

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
    /// Write the snapshot to OUT (replaced whole; `-` is standard output)
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
}

pub fn print(mut args: PrintArgs) -> Exit {
    // `-o -` is standard output, as for most tools; so is the path of standard output, which
    // a pipe does not let us replace as a file.
    if args.output.as_deref().is_some_and(|out| {
        ["-", "/dev/stdout", "/dev/fd/1"]
            .map(Path::new)
            .contains(&out)
    }) {
        args.output = None;
    }
    if args.output.is_some() && args.files.len() > 1 {
        report::error("-o writes one snapshot; give one map with it");
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
        report::error(&format!(
            "a {} snapshot holds one map; print the maps one at a time",
            exporter.name
        ));
        return Exit::Usage;
    }
    let sink = if args.output.is_some() {
        Sink::File
    } else {
        Sink::Stdout
    };
    let to_terminal = sink.is_terminal();
    let opts = Options {
        width: report::width(
            args.width,
            sink,
            usize::MAX,
            export::DEFAULT_WIDTH,
            export::MIN_WIDTH,
        ),
        ascii: args.ascii,
        color: report::color(sink),
        made: Some(Date::today()),
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
    match store::write_snapshot(Some(map), out, snapshot.as_bytes()) {
        Ok(()) => {
            say(&format!(
                "{}: {format} snapshot of {}",
                shown(out),
                shown(map)
            ));
            Exit::Success
        }
        Err(e @ StoreError::NotAFile { .. }) => {
            let exit = fail(&e);
            report::note("leave out -o (or give -o -) to write the snapshot to standard output");
            exit
        }
        Err(e) => fail(&e),
    }
}
