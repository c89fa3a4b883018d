//! The terminal edge of the editor: terminal setup and restore, the event loop, and the
//! effects (save, quit) that the pure update asks for.

use std::path::Path;

use crate::cli::Exit;

/// Opens the editor on `file` (or on a new map from the default template).
pub fn run_editor(_file: Option<&Path>, _read_only: bool) -> Exit {
    eprintln!(
        "journeymap: error: the editor is not built yet; use `journeymap check`, `fmt`, `new` or `templates`"
    );
    Exit::Failure
}
