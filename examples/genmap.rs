//! Writes a reference map of the performance budgets in canonical form:
//!
//!     cargo run --release --example genmap -- N VARIANT OUT.ron
//!
//! N cards in every lane of five stages; VARIANT is plain, unicode or long.

#[path = "../benches/common/mod.rs"]
mod common;

use std::process::ExitCode;

use common::Variant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, variant, out] = &args[..] else {
        eprintln!("usage: genmap N plain|unicode|long OUT.ron");
        return ExitCode::from(2);
    };
    let (Ok(n), Some(variant)) = (n.parse::<usize>(), Variant::from_name(variant)) else {
        eprintln!("usage: genmap N plain|unicode|long OUT.ron");
        return ExitCode::from(2);
    };
    let map = common::reference_map(n, variant);
    let text = journeymap::format::to_string(&map);
    if let Err(e) = std::fs::write(out, &text) {
        eprintln!("genmap: {out}: {e}");
        return ExitCode::FAILURE;
    }
    println!("{out}: {} cards, {} bytes", map.card_count(), text.len());
    ExitCode::SUCCESS
}
