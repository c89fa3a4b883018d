use std::process::ExitCode;

use clap::Parser;
use journeymap::cli::{self, Cli};

fn main() -> ExitCode {
    let exit = match Cli::try_parse() {
        Ok(cli) => cli::run(cli),
        Err(error) => cli::usage(&error),
    };
    ExitCode::from(exit as u8)
}
