//! `journeymap [FILE]`, `edit` and `view`: the board in the terminal.

use std::path::Path;

use super::report::{Exit, complain, fail, shown};
use crate::tui::{self, BoardOptions, TuiError};

pub fn edit(file: Option<&Path>, read_only: bool) -> Exit {
    let options = BoardOptions {
        read_only,
        ..BoardOptions::default()
    };
    report(tui::run_board(file, options))
}

pub fn view(file: &Path, follow: bool, big: bool) -> Exit {
    let options = BoardOptions {
        read_only: true,
        follow,
        big,
    };
    report(tui::run_viewer(file, options))
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
        Err(e @ TuiError::Terminal(_)) => {
            complain(&format!("journeymap: error: {e}"));
            Exit::Failure
        }
    }
}
