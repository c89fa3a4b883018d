//! The floor that `journeymap check` is judged against in `scripts/bench`: a program that
//! does nothing but read a map file and deserialise it with `ron` into plain mirror
//! structs (same field names and shapes, nothing checked), then says what it read:
//!
//!     bare_parse FILE
//!
//! It is built with the same profile as `journeymap`, so the two differ only in what
//! journeymap does around and inside the parse.

#[path = "../benches/common/mod.rs"]
mod common;

use std::process::ExitCode;

use common::mirror;
use ron::extensions::Extensions;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file] = &args[..] else {
        eprintln!("usage: bare_parse FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    match options.from_str::<mirror::Map>(&text) {
        Ok(map) => {
            println!(
                "{file}: ok ({} stages, {} cards)",
                map.stages.len(),
                map.card_count()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            ExitCode::FAILURE
        }
    }
}
