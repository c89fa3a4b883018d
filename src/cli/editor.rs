//! `journeymap [FILE]`, `edit` and `view`: the board in the terminal.

use std::path::Path;

use super::EditorOptions;
use super::report::{Exit, complain, error, error_at, fail, note, shown};
use crate::format::{Config, ThemeName};
use crate::store;
use crate::tui::{self, BoardOptions, TuiError};

pub fn edit(file: Option<&Path>, editor: &EditorOptions) -> Exit {
    // Read-only, a file that is not there has nothing to show, and an empty map under its
    // name could never be saved.
    if editor.read_only
        && let Some(file) = file
        && std::fs::symlink_metadata(file).is_err()
    {
        error_at(
            &shown(file),
            "no such file or folder; open it without --read-only to make it",
        );
        return Exit::Failure;
    }
    let (theme, config) = match settings(editor.theme.as_deref()) {
        Ok(settings) => settings,
        Err(exit) => return exit,
    };
    let options = BoardOptions {
        read_only: editor.read_only,
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
    let missing = std::fs::symlink_metadata(file).is_err();
    match tui::run_viewer(file, options) {
        // A projector is often started before the map has a file: say how it gets one.
        result @ Err(TuiError::Open { .. }) if missing => {
            let exit = report(result);
            let name = shown(file);
            note(&if follow {
                format!(
                    "the view shows a new map once an editor has it open with a change (`journeymap {name}`), or once it is saved; start the view again then"
                )
            } else {
                format!("`journeymap {name}` (or `journeymap new {name}`) makes it")
            });
            exit
        }
        // The editor's words would send a projector's script to `check`; a map is shown
        // without a terminal by `print`.
        Err(TuiError::NotATerminal) => {
            error(
                "the view needs a terminal; `journeymap print` shows a map in a script or a pipe",
            );
            Exit::Usage
        }
        result => report(result),
    }
}

/// The theme (`--theme` when given, else `theme:` in `config.ron`) and the rest of the
/// config. A config that does not read is an error with its file, line and column, even
/// when `--theme` makes its theme moot: the file holds other settings too.
fn settings(asked: Option<&str>) -> Result<(Option<ThemeName>, Config), Exit> {
    let config = store::config::load().map_err(|e| fail(&e))?;
    // A value changed to fit is said here too: the board shows only the first.
    if let Some(path) = store::config::path() {
        for note in &config.notes {
            complain(&format!("{}: note: {note}", shown(&path)));
        }
    }
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
                note(&format!(
                    "unsaved work on this map is kept in a recovery copy, {}; fix the file and open it again to restore it",
                    shown(&copy)
                ));
            }
            exit
        }
        Err(TuiError::NotATerminal) => {
            error(&TuiError::NotATerminal.to_string());
            Exit::Usage
        }
        Err(e @ TuiError::Host(_)) => {
            error(&e.to_string());
            Exit::Failure
        }
        Err(e @ TuiError::Terminal(_)) => {
            error(&e.to_string());
            Exit::Failure
        }
    }
}
