//! `journeymap import`: a map from a Mermaid journey diagram, or from the CSV or the JSON
//! that `print` writes.

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;

use super::report::{self, Exit, complain, fail, say, shown};
use crate::import;
use crate::present::count;
use crate::store;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// A Mermaid journey diagram (.mmd, .mermaid, or Markdown with a ```mermaid block), or the
    /// CSV or JSON that `print --format csv|json` writes
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

pub fn import(args: ImportArgs) -> Exit {
    let importer = match args.from.as_deref() {
        Some(name) => import::find(name),
        None => import::for_path(&args.input),
    };
    let Some(importer) = importer else {
        let names: Vec<&str> = import::names().collect();
        report::error_at(
            &shown(&args.input),
            &format!(
                "cannot tell the format from the file name; add --from {}",
                names.join(" or --from ")
            ),
        );
        return Exit::Usage;
    };
    let bytes = match store::read(&args.input) {
        Ok(b) => b,
        Err(e) => return fail(&e),
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
    let imported = match import::import_with(importer, &bytes, &fallback_title, &opts) {
        Ok(imported) => imported,
        Err(e) => {
            complain(&e.report(&input, source));
            return Exit::Failure;
        }
    };
    let map = &imported.map;
    // As with `new`: an import never replaces somebody's map unless told to. The warnings
    // (what was changed to fit) are said once the map they describe is written.
    match store::write_import(&args.input, &args.output, map, args.force) {
        Ok(()) => {
            for warning in &imported.warnings {
                complain(&warning.report(&input, source));
            }
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
