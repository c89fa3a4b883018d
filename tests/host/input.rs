//! A participant's raw bytes become keys: split anywhere across packets, in CSI and SS3
//! forms, bracketed pastes, and a lone Esc after a short silence.

use std::time::Duration;

use journeymap::host::{InputParser, PASTE_CAP};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::room::token;
use super::{join_with_name, options, serve};

/// The events of `packets`, fed one after the other, then a flush (the silence after).
fn parse(packets: &[&[u8]]) -> String {
    let mut parser = InputParser::new();
    let mut events: Vec<Event> = Vec::new();
    for packet in packets {
        events.extend(parser.feed(packet));
    }
    events.extend(parser.flush());
    events.iter().map(token).collect()
}

#[test]
fn utf8_split_across_packets_is_one_character() {
    let bytes = "é→😀".as_bytes();
    for cut in 1..bytes.len() {
        assert_eq!(
            parse(&[&bytes[..cut], &bytes[cut..]]),
            "é→😀",
            "cut at {cut}"
        );
    }
}

#[test]
fn arrows_in_csi_and_ss3_forms_even_split() {
    assert_eq!(
        parse(&[b"\x1b[A\x1b[B\x1b[C\x1b[D"]),
        "<up><down><right><left>"
    );
    assert_eq!(
        parse(&[b"\x1bOA\x1bOB\x1bOC\x1bOD"]),
        "<up><down><right><left>"
    );
    for sequence in [&b"\x1b[A"[..], b"\x1bOA"] {
        for cut in 1..sequence.len() {
            assert_eq!(
                parse(&[&sequence[..cut], &sequence[cut..]]),
                "<up>",
                "{sequence:?} cut at {cut}"
            );
        }
    }
}

#[test]
fn a_lone_esc_is_the_esc_key_only_after_silence() {
    let mut parser = InputParser::new();
    assert!(
        parser.feed(b"\x1b").is_empty(),
        "Esc waits for what follows"
    );
    assert!(parser.is_waiting());
    let events = parser.flush();
    assert_eq!(
        events,
        [Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))]
    );
    // Esc then a key later is two keys; Esc and `[` never completed is Esc then `[`.
    assert_eq!(parse(&[b"\x1b["]), "<esc>[");
    assert_eq!(parse(&[b"a\x1b"]), "a<esc>");
}

#[test]
fn bracketed_paste_split_across_packets_is_one_paste() {
    let whole = "\x1b[200~first line\nsecond é\x1b[201~".as_bytes();
    for cut in 1..whole.len() {
        assert_eq!(
            parse(&[&whole[..cut], &whole[cut..]]),
            "<paste:first line|second é>",
            "cut at {cut}"
        );
    }
    // Byte by byte.
    let packets: Vec<&[u8]> = whole.chunks(1).collect();
    assert_eq!(parse(&packets), "<paste:first line|second é>");
}

#[test]
fn a_paste_is_capped() {
    let mut bytes = b"\x1b[200~".to_vec();
    bytes.extend("é".repeat(PASTE_CAP).as_bytes());
    bytes.extend(b"\x1b[201~x");
    let mut parser = InputParser::with_paste_cap(PASTE_CAP);
    let events = parser.feed(&bytes);
    let Event::Paste(text) = &events[0] else {
        panic!("not a paste: {events:?}")
    };
    assert!(text.len() <= PASTE_CAP, "{} bytes", text.len());
    assert!(text.len() > PASTE_CAP - 4);
    assert!(text.chars().all(|c| c == 'é'), "cut inside a character");
    assert_eq!(token(&events[1]), "x", "keys after the paste still count");
}

#[test]
fn garbage_sequences_are_dropped_not_typed() {
    assert_eq!(
        parse(&[
            b"\x1b[999999999999999999999999999999999999999999999999999999999999999999999z",
            b"ok"
        ]),
        "ok"
    );
}

/// The same, end to end: each `send` is one SSH data packet.
#[test]
fn keys_split_across_ssh_packets_reach_the_room_whole() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let p = join_with_name(&room, "Split");
    p.wait_for("typed:");
    let e_acute = "é".as_bytes();
    p.send(&e_acute[..1]);
    p.send(&e_acute[1..]);
    p.send(b"\x1bO");
    p.send(b"A");
    p.send(b"\x1b[");
    p.send(b"D");
    p.send(b"\x1b[200~two ");
    p.send("wörds\x1b[2".as_bytes());
    p.send(b"01~");
    p.wait_for("typed:é<up><left><paste:two wörds>");
    p.send(b"\x1b");
    p.wait_for("<paste:two wörds><esc>");
    std::thread::sleep(Duration::from_millis(100));
    p.send(b"z");
    p.wait_for("<esc>z");
}

/// A paste whose end marker never comes (a cut connection, a client that drops it) is
/// delivered after a silence, keeping what arrived, and keys after it are keys again; one
/// ended by Esc goes sooner.
#[test]
fn a_paste_without_an_end_arrives_after_a_silence_and_keys_follow() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let p = join_with_name(&room, "Cut");
    p.wait_for("typed:");
    p.send(b"\x1b[200~half a ");
    p.send("pasté".as_bytes());
    p.wait_for("typed:<paste:half a pasté>");
    p.send(b"z");
    p.wait_for("<paste:half a pasté>z");
    p.send(b"\x1b[200~more\x1b");
    p.wait_for("z<paste:more>");
    p.send(b"y");
    p.wait_for("<paste:more>y");
}
