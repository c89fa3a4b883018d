//! When the room ends, every participant's terminal is given back with a line saying so.

use super::Session;

#[test]
fn ending_the_room_gives_every_participant_their_terminal_back() {
    let session = Session::start();
    let people: Vec<_> = (0..3)
        .map(|i| session.join(&format!("person {i}"), 100, 30))
        .collect();
    session.wait_seen("everyone connected", |s| s.connected == 3);
    session.finish();
    for p in &people {
        p.wait_closed();
        let screen = p.shared.lock();
        assert!(!screen.parser.screen().alternate_screen());
        let contents = screen.parser.screen().contents();
        assert!(
            contents.contains("the host has ended the session"),
            "{contents}"
        );
    }
}
