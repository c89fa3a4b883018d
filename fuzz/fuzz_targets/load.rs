//! Feeds arbitrary bytes to the loader. Loading must never panic or overflow the stack; a
//! map that loads must survive a canonical save and load unchanged, and the canonical text
//! must be a fixed point.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(map) = journeymap::format::from_bytes(data) else {
        return;
    };
    let text = journeymap::format::to_string(&map);
    let again = match journeymap::format::from_str(&text) {
        Ok(again) => again,
        Err(e) => panic!("canonical text does not load: {e}\n{text}"),
    };
    assert_eq!(again, map, "round trip changed the map");
    assert_eq!(
        journeymap::format::to_string(&again),
        text,
        "save is not idempotent"
    );
});
