//! The projector beside `journeymap host`: `view --follow` on the same map shows the room's
//! phase and, during private writing and a live round, how far the room is without a vote
//! total and without a word of anyone's private cards.

use crate::pty::harness::{Session, TIMEOUT, keys};

use super::restart::{free_port, host, join};

/// Whether a card on screen shows its vote total (`●4`); the emotion curve's marks are
/// followed by a space.
fn shows_totals(screen: &str) -> bool {
    screen
        .split('●')
        .skip(1)
        .any(|after| after.starts_with(|c: char| c.is_ascii_digit()))
}

#[test]
fn the_projector_shows_the_phase_and_progress_but_no_private_card_and_no_total() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("workshop.ron");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/examples/trial-signup.ron"
        ),
        &file,
    )
    .unwrap();
    let port = free_port();
    let facilitator = host(&file, &home, port);
    let ada = join(port, "Ada");
    facilitator.wait_for("2 here");
    let view = Session::builder()
        .home(&home)
        .size(120, 40)
        .arg("view")
        .arg(&file)
        .arg("--follow")
        .spawn();
    view.wait_until("the totals before any phase", TIMEOUT, shows_totals);

    // Private writing: the count, never the text, and no totals.
    facilitator.send("W");
    facilitator.send("p");
    ada.wait_for("private writing");
    ada.send(b"a");
    for c in "ada secret".chars() {
        ada.send(c.to_string().as_bytes());
    }
    ada.send(super::keys::ENTER);
    facilitator.wait_for("1 card from 1 person");
    // Quick capture opened the next card: Esc ends it, so Ada is on the board to vote.
    ada.send(super::keys::ESC);
    ada.wait_until("the board's keys", TIMEOUT, |s| {
        !s.parser.screen().contents().contains("Esc ends")
    });
    view.wait_for("private writing · 1 card from 1 person");
    view.wait_until("no totals while writing", TIMEOUT, |s| !shows_totals(s));
    assert!(
        !view.raw_text().contains("ada secret"),
        "a private card left the host"
    );

    // The reveal, then a live round with hidden votes: how many are done, no totals.
    facilitator.send("W");
    facilitator.send("r");
    view.wait_for("ada secret");
    facilitator.send("W");
    facilitator.send("v");
    facilitator.wait_for("Voting round");
    facilitator.send(keys::ENTER);
    ada.wait_for("Your dots");
    view.wait_for("voting in progress: 0 of 1 done");
    view.wait_until("no totals while voting", TIMEOUT, |s| !shows_totals(s));
    ada.send(b"+");
    ada.wait_for("left: 4 of 5");
    ada.send(super::keys::ENTER);
    facilitator.wait_for("1 of 1 done");
    view.wait_for("voting in progress: 1 of 1 done");
    assert!(!shows_totals(&view.screen_text()));

    facilitator.send("R");
    ada.wait_for("the round is revealed");
    view.wait_until("the totals after the reveal", TIMEOUT, |s| {
        shows_totals(s) && !s.contains("voting in progress")
    });
    view.send("q");
    facilitator.send("q");
}
