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
