//! `journeymap completions SHELL` and `journeymap man`: the command line describing itself,
//! for shells and for `man`, generated from the same clap definitions that parse it, so they
//! never drift from the real commands.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;
use super::report::{Exit, complain, fail, say, shown, write_stdout};
use crate::{store, text};

/// The completion script for `shell` on stdout.
pub fn completions(shell: Shell) -> Exit {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "journeymap", &mut script);
    write_stdout(&script).unwrap_or(Exit::Success)
}

/// The manual pages of journeymap and of each subcommand, as clap knows them: the top page
/// names `journeymap-check(1)` and the others, so those pages are made too. clap's `help`
/// subcommand gets no page, and so is not named. Every page's header names the program
/// and its version (`journeymap 0.1.0`), a subcommand's too.
fn pages() -> Vec<clap_mangen::Man> {
    let mut top = Cli::command().disable_help_subcommand(true);
    top.build();
    let source = format!("journeymap {}", env!("CARGO_PKG_VERSION"));
    let mut pages: Vec<clap_mangen::Man> = top
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .cloned()
        .map(|c| clap_mangen::Man::new(c).source(source.clone()))
        .collect();
    pages.insert(0, clap_mangen::Man::new(top));
    pages
}

fn render(page: &clap_mangen::Man) -> Result<Vec<u8>, std::io::Error> {
    let mut roff = Vec::new();
    page.render(&mut roff)?;
    Ok(roff)
}

/// `journeymap man`: the top page on stdout (`journeymap man > journeymap.1`); with a
/// subcommand's name, that command's page; with `--dir`, every page written into a folder.
pub fn man(command: Option<&str>, dir: Option<&Path>) -> Exit {
    let pages = pages();
    if let Some(dir) = dir {
        return write_pages(&pages, dir);
    }
    let wanted = command.map_or("journeymap".to_string(), |c| format!("journeymap-{c}"));
    let Some(page) = pages
        .iter()
        .find(|p| p.get_filename() == format!("{wanted}.1"))
    else {
        let names: Vec<String> = pages
            .iter()
            .skip(1)
            .map(|p| page_command(p).to_string())
            .collect();
        complain(&format!(
            "journeymap: error: no manual page for `{}`; the subcommands are: {}",
            text::sanitize(command.unwrap_or_default()),
            names.join(", ")
        ));
        return Exit::Usage;
    };
    match render(page) {
        Ok(roff) => write_stdout(&roff).unwrap_or(Exit::Success),
        Err(e) => {
            complain(&format!("journeymap: error: cannot write the manual: {e}"));
            Exit::Failure
        }
    }
}

/// `check` for the page `journeymap-check.1`.
fn page_command(page: &clap_mangen::Man) -> String {
    let name = page.get_filename();
    let name = name.strip_suffix(".1").unwrap_or(&name);
    name.strip_prefix("journeymap-").unwrap_or(name).to_string()
}

/// Writes every page into `dir`, made first when missing (`~/.local/share/man/man1` is not
/// there on a fresh account).
fn write_pages(pages: &[clap_mangen::Man], dir: &Path) -> Exit {
    if let Err(e) = std::fs::create_dir_all(dir) {
        complain(&format!(
            "{}: error: cannot make the folder: {}",
            shown(dir),
            store::io_message(&e)
        ));
        return Exit::Failure;
    }
    for page in pages {
        let roff = match render(page) {
            Ok(roff) => roff,
            Err(e) => {
                complain(&format!("journeymap: error: cannot write the manual: {e}"));
                return Exit::Failure;
            }
        };
        if let Err(e) = store::write_atomic(&dir.join(page.get_filename()), &roff) {
            return fail(&e);
        }
    }
    say(&format!(
        "{}: wrote {} manual pages (journeymap.1 and one per subcommand)",
        shown(dir),
        pages.len()
    ));
    Exit::Success
}
