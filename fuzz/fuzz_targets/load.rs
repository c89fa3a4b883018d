//! Feeds arbitrary bytes to the loader. Loading must never panic or overflow the stack; a
//! map that loads must survive a canonical save and load unchanged, and the canonical text
//! must be a fixed point. `check`, which rewrites bad values in place to find more problems,
//! must agree with the loader on the first one and never panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let map = match journeymap::format::from_bytes(data) {
        Ok(map) => map,
        Err(first) => {
            let all = journeymap::format::check(data).expect_err("the loader refused it");
            assert_eq!(all[0], first, "check disagrees on the first problem");
            assert!(all.len() <= journeymap::format::MAX_PROBLEMS);
            return;
        }
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
