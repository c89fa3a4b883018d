use std::process::ExitCode;

use clap::Parser;
use journeymap::cli::{self, Cli};

fn main() -> ExitCode {
    let exit = cli::run(Cli::parse());
    ExitCode::from(exit as u8)
}
