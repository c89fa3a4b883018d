//! `journeymap summary`: the workshop's outcome on one page, as text for the terminal,
//! Markdown for a wiki or JSON for scripts.

use std::path::PathBuf;

use super::report::{self, Exit, Sink, fail, for_terminal, write_stdout};
use crate::date::Date;
use crate::store;
use crate::summary::{self, Outcome};

#[derive(clap::Args, Debug)]
pub struct SummaryArgs {
    /// The map to sum up
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// How to write it
    #[arg(long, short = 'f', value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
    /// Widest line of the text, at least 20 [default: the terminal's width up to 100, or 80]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    Text,
    Markdown,
    Json,
}

/// Text wider than this is hard to read, however wide the terminal.
const MAX_AUTO_WIDTH: usize = 100;
/// The width of the text when it is not going to a terminal.
const DEFAULT_WIDTH: usize = 80;

pub fn summary(args: SummaryArgs) -> Exit {
    let map = match store::load(&args.file) {
        Ok(map) => map,
        Err(e) => return fail(&e),
    };
    let outcome = Outcome::of(&map).made_on(Date::today());
    let to_terminal = Sink::Stdout.is_terminal();
    let out = match args.format {
        SummaryFormat::Text => {
            let opts = summary::text::Options {
                width: report::width(
                    args.width,
                    Sink::Stdout,
                    MAX_AUTO_WIDTH,
                    DEFAULT_WIDTH,
                    summary::text::MIN_WIDTH,
                ),
                // Bold headings.
                color: report::color(Sink::Stdout),
            };
            summary::text::render(&outcome, &opts)
        }
        SummaryFormat::Markdown => summary::markdown::render(&outcome),
        SummaryFormat::Json => summary::json::render(&outcome),
    };
    // The text is already safe to show; Markdown and JSON are too, and this keeps it so.
    let out = if to_terminal && args.format != SummaryFormat::Text {
        for_terminal(&out)
    } else {
        out
    };
    write_stdout(out.as_bytes()).unwrap_or(Exit::Success)
}
