//! `journeymap completions SHELL` and `journeymap man`: the command line describing itself,
//! for shells and for `man`, generated from the same clap definitions that parse it, so they
//! never drift from the real commands.

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;
use super::report::{Exit, write_stdout};

/// The completion script for `shell` on stdout.
pub fn completions(shell: Shell) -> Exit {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "journeymap", &mut script);
    write_stdout(&script).unwrap_or(Exit::Success)
}

/// The manual page (roff) on stdout: `journeymap man > journeymap.1`.
pub fn man() -> Exit {
    let mut page = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut page) {
        super::report::error(&format!("cannot write the manual: {e}"));
        return Exit::Failure;
    }
    write_stdout(&page).unwrap_or(Exit::Success)
}
