//! The terminal's input as it really arrives: typed-ahead text longer than one read, and a
//! bracketed paste whose end never comes.

use super::harness::Session;
use super::harness::keys::{ENTER, ESC};
use super::{end_capture, example_copy, load, texts, wait_for_board};
use journeymap::model::Lane;

/// Opens quick capture on the first stage's touchpoints.
fn capture(s: &Session) {
    s.send("a");
    s.wait_for("New touchpoint");
}

// Three kilobytes typed ahead without bracketed paste (an ssh link, a fast typist) all
// arrive, with no further key to push them through.
#[test]
fn typed_ahead_input_over_a_kilobyte_all_arrives() {
    let (_dir, file) = example_copy();
    let mut s = Session::open(&file);
    wait_for_board(&s);
    capture(&s);
    let mut typed = String::new();
    for n in 0..210 {
        typed.push_str(&format!("typed note {n:03}\r"));
    }
    typed.push_str("the very last note\r");
    assert!(typed.len() > 3000, "{} bytes", typed.len());
    s.send(&typed);
    s.wait_for("'the very last note' added");
    end_capture(&s);
    s.send("\x13");
    s.wait_gone("unsaved");
    s.send("q");
    assert!(s.wait_exit(super::harness::TIMEOUT).success());
    let map = load(&file);
    let lane = texts(&map, 0, Lane::Touchpoints);
    assert!(lane.contains(&"typed note 000") && lane.contains(&"typed note 209"));
    assert!(lane.contains(&"the very last note"));
}

// A paste whose end marker never comes (a cut connection) says that it is arriving, ends
// on Esc, and keeps what arrived; the editor answers keys again after it.
#[test]
fn a_paste_without_an_end_ends_on_esc_and_keeps_its_text() {
    let (_dir, file) = example_copy();
    let mut s = Session::open(&file);
    wait_for_board(&s);
    capture(&s);
    s.send("\x1b[200~half a pasted note");
    s.wait_for("paste is arriving");
    s.send(ESC);
    s.wait_gone("paste is arriving");
    s.send(" done");
    s.send(ENTER);
    s.wait_for("'half a pasted note done' added");
    end_capture(&s);
    s.send("q");
    s.wait_for("Save changes?");
    s.send("n");
    assert!(s.wait_exit(super::harness::TIMEOUT).success());
}

// With no Esc, a short silence ends the paste: nothing typed later is swallowed.
#[test]
fn a_paste_without_an_end_ends_after_a_silence() {
    let (_dir, file) = example_copy();
    let mut s = Session::open(&file);
    wait_for_board(&s);
    capture(&s);
    s.send("\x1b[200~cut off mid");
    s.wait_for("paste is arriving");
    s.wait_gone("paste is arriving");
    s.send(ENTER);
    s.wait_for("'cut off mid' added");
    end_capture(&s);
    s.send("q");
    s.wait_for("Save changes?");
    s.send("n");
    assert!(s.wait_exit(super::harness::TIMEOUT).success());
}
