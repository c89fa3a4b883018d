#![cfg_attr(not(test), deny(clippy::unwrap_used))]

//! journeymap: a terminal journey-map editor for customer-journey workshops.
//!
//! The model and the file format know nothing of the terminal; `store` does the file I/O;
//! `app` is the editor's state machine and `ui` only draws it; `tui` runs the loop.

pub mod app;
pub mod cli;
pub mod date;
pub mod export;
pub mod format;
pub mod host;
pub mod import;
pub mod interchange;
pub mod keymap;
pub mod mapdiff;
pub mod matching;
pub mod merge;
pub mod model;
pub mod present;
pub mod store;
pub mod summary;
pub mod templates;
pub mod terminal_input;
pub mod text;
pub mod tui;
pub mod ui;
