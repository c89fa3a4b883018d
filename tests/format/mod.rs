//! Format 1: loading, errors with positions, canonical save.

mod bad_input;
mod canonical;
mod card_fields;
mod field_table;
mod nesting;
mod problems;
pub(crate) mod round_trip;
mod store;

use std::path::PathBuf;

use journeymap::format::{self, ParseError};

/// A file under `tests/fixtures/`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub(crate) fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// The error from loading `bytes`; fails the test when they load.
pub(crate) fn load_err(bytes: &[u8]) -> ParseError {
    match format::from_bytes(bytes) {
        Ok(map) => panic!("expected an error, but the input loaded: {map:?}"),
        Err(e) => e,
    }
}

/// Asserts the error of a fixture under `invalid/`: where it is and what it says.
#[track_caller]
pub(crate) fn assert_invalid(name: &str, line: usize, column: Option<usize>, says: &str) {
    let e = load_err(&read_fixture(&format!("invalid/{name}")));
    assert!(
        e.message.contains(says),
        "{name}: message {:?} does not contain {says:?}",
        e.message
    );
    assert_eq!(e.line, line, "{name}: wrong line in {e}");
    if let Some(column) = column {
        assert_eq!(e.column, column, "{name}: wrong column in {e}");
    }
}
