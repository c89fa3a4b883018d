//! The facilitator's tools as the participants' screens show them: the timer's state in
//! every header, and the roster and head count once someone is removed.

use journeymap::app::Action;

use super::Session;

#[test]
fn pausing_and_resetting_the_timer_reach_every_participants_header() {
    let session = Session::start();
    let ben = session.join("Ben", 120, 30);
    session.wait_seen("Ben connected", |s| s.connected == 1);
    session.act(Action::Timer);
    session.act(Action::TimerToggle);
    ben.wait_for("⏱ 05:00");
    assert!(!ben.contents().contains("(paused)"), "{}", ben.contents());
    session.act(Action::TimerToggle);
    ben.wait_for("⏱ 05:00 (paused)");
    session.act(Action::TimerAdd);
    ben.wait_for("⏱ 06:00 (paused)");
    session.act(Action::TimerReset);
    ben.wait_for("⏱ 05:00");
}

#[test]
fn a_removed_participant_leaves_the_roster_and_the_head_count() {
    let session = Session::start();
    let ben = session.join("Ben", 120, 30);
    let cy = session.join("Cy", 120, 30);
    session.wait_seen("both connected", |s| s.connected == 2);
    cy.wait_for("3 here");
    session.act(Action::Roster);
    session.act(Action::Down);
    // As a facilitator's key usually comes: more than a frame after every seat was drawn.
    std::thread::sleep(std::time::Duration::from_millis(200));
    session.act(Action::RemoveSeat);
    session.act(Action::RemoveSeat);
    ben.wait_closed();
    session.wait_seen("Ben gone", |s| s.connected == 1);
    cy.wait_for("2 here");
    cy.send(b"W");
    cy.wait_for("Who is here");
    assert!(!cy.contents().contains("Ben"), "{}", cy.contents());
}
