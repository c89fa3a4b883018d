//! The facilitator's tools as the participants' screens show them: the timer's state in
//! every header, and the roster and head count once someone is removed or names themselves.

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
    ben.wait_for("⏱ 05:00 (not started)");
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

#[test]
fn a_participant_with_a_key_types_their_name_over_the_proposed_one() {
    let session = Session::start();
    let mut handle = super::client::connect(session.port);
    assert!(super::client::auth_key(
        &mut handle,
        super::CODE,
        &super::client::new_key()
    ));
    let carol = super::client::Participant::open(handle, 120, 30);
    carol.wait_for("Your name, as the room sees it");
    super::type_text(&carol, "Carol");
    carol.send(super::keys::ENTER);
    carol.wait_for("Carol");
    let room = session.finish();
    let names: Vec<String> = room
        .live
        .iter()
        .flat_map(|l| l.members.iter().map(|m| m.name.clone()))
        .collect();
    assert!(names.contains(&"Carol".to_string()), "{names:?}");
    assert!(
        !names.iter().any(|n| n.contains("Participant")),
        "{names:?}"
    );
}
