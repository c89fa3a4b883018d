//! `journeymap [FILE]`, `edit` and `view`: the board in the terminal.

use std::path::Path;

use super::report::{Exit, complain, fail, shown};
use crate::format::{Config, ThemeName};
use crate::store;
use crate::tui::{self, BoardOptions, TuiError};

pub fn edit(file: Option<&Path>, read_only: bool, theme: Option<&str>) -> Exit {
    let (theme, config) = match settings(theme) {
        Ok(settings) => settings,
        Err(exit) => return exit,
    };
    let options = BoardOptions {
        read_only,
        theme,
        config,
        ..BoardOptions::default()
    };
    report(tui::run_board(file, options))
}

pub fn host(file: &Path, host: crate::host::HostOptions, theme: Option<&str>) -> Exit {
    let (theme, config) = match settings(theme) {
        Ok(settings) => settings,
        Err(exit) => return exit,
    };
    let options = BoardOptions {
        theme,
        config,
        ..BoardOptions::default()
    };
    report(tui::run_host(file, options, host))
}

pub fn view(file: &Path, follow: bool, big: bool, theme: Option<&str>) -> Exit {
    let (theme, config) = match settings(theme) {
        Ok(settings) => settings,
        Err(exit) => return exit,
    };
    let options = BoardOptions {
        read_only: true,
        follow,
        big,
        theme,
        config,
    };
    report(tui::run_viewer(file, options))
}

/// The theme (`--theme` when given, else `theme:` in `config.ron`) and the rest of the
/// config. A config that does not read is an error with its file, line and column, even
/// when `--theme` makes its theme moot: the file holds other settings too.
fn settings(asked: Option<&str>) -> Result<(Option<ThemeName>, Config), Exit> {
    let config = store::config::load().map_err(|e| fail(&e))?;
    let theme = asked.and_then(|name| name.parse().ok()).or(config.theme);
    Ok((theme, config))
}

fn report(result: Result<(), TuiError>) -> Exit {
    match result {
        Ok(()) => Exit::Success,
        Err(TuiError::Open {
            error,
            recovery_copy,
        }) => {
            let exit = fail(&error);
            // The error alone would let the facilitator think the unsaved work is gone.
            if let Some(copy) = recovery_copy {
                complain(&format!(
                    "note: unsaved work on this map is kept in a recovery copy, {}; fix the file and open it again to restore it",
                    shown(&copy)
                ));
            }
            exit
        }
        Err(TuiError::NotATerminal) => {
            complain(&format!("journeymap: error: {}", TuiError::NotATerminal));
            Exit::Usage
        }
        Err(e @ TuiError::Host(_)) => {
            complain(&format!("journeymap: error: {e}"));
            Exit::Failure
        }
        Err(e @ TuiError::Terminal(_)) => {
            complain(&format!("journeymap: error: {e}"));
            Exit::Failure
        }
    }
}
