#![cfg_attr(not(test), deny(clippy::unwrap_used))]

//! journeymap: a terminal journey-map editor for customer-journey workshops.
//!
//! The model and the file format know nothing of the terminal; `store` does the file I/O;
//! `app` is the editor's state machine and `ui` only draws it; `tui` runs the loop.

/// `eprintln!` that never panics: a closed stderr (a pipe to `head`, `2>&-`) is no reason
/// to crash, and the exit status still tells what happened.
macro_rules! complain {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

pub mod app;
pub mod cli;
mod cli_print;
pub mod export;
pub mod format;
pub mod import;
pub mod interchange;
pub mod keymap;
pub mod model;
pub mod store;
pub mod templates;
pub mod text;
pub mod tui;
pub mod ui;
