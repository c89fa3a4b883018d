//! The projector follows the facilitator: `view --follow` beside a running editor shows the
//! editor's stage and selected card, its timer counting down, and during a voting round with
//! hidden votes no vote total anywhere, only how far the round is; the reveal shows them.

#![cfg(unix)]

use super::harness::keys::{ENTER, ESC, TAB};
use super::harness::{Session, TIMEOUT, state_dir};
use super::{example_copy, wait_for_board};

/// Whether a card on screen shows its vote total (`●4`); the emotion curve's marks are
/// followed by a space (`● +1.0`).
fn shows_totals(screen: &str) -> bool {
    screen
        .split('●')
        .skip(1)
        .any(|after| after.starts_with(|c: char| c.is_ascii_digit()))
}

/// The timer as the header shows it (`⏱ 04:58`).
fn timer(screen: &str) -> Option<String> {
    let at = screen.find('⏱')?;
    Some(screen[at..].chars().take(7).collect())
}

#[test]
fn the_projector_shows_the_facilitators_stage_timer_and_a_hidden_round() {
    let (_dir, file) = example_copy();
    let home = tempfile::tempdir().expect("a shared home");
    let mut editor = Session::builder().home(home.path()).arg(&file).spawn();
    wait_for_board(&editor);
    // A narrower projector: stage 4 is off its screen until it follows the facilitator.
    let mut view = Session::builder()
        .home(home.path())
        .size(90, 26)
        .arg("view")
        .arg(&file)
        .arg("--follow")
        .spawn();
    view.wait_for("saved file");
    view.wait_until("vote totals on the cards", TIMEOUT, shows_totals);
    assert!(!view.screen_text().contains("4 Retention"));

    // The facilitator goes to stage 4's first pain point.
    editor.send("4");
    editor.send(TAB);
    editor.send(TAB);
    editor.wait_for("Pain point 1/2: Reminders go to everyone");
    view.wait_for("Pain point 1/2: Reminders go to everyone");
    view.wait_for("4 Retention");
    view.wait_for("4 votes");

    // The timer starts in the editor: the projector's header counts down with it.
    editor.send("t");
    editor.wait_for("start/pause");
    editor.send(ENTER);
    editor.wait_for("timer running");
    editor.send(ESC);
    view.wait_for("⏱ 04:5");
    let first = timer(&view.screen_text());
    view.wait_until("the timer counting down", TIMEOUT, |screen| {
        timer(screen).is_some_and(|now| Some(&now) < first.as_ref())
    });
    assert!(!view.screen_text().contains("(paused)"));

    // A round with hidden votes (the default): no totals on the projector, only progress.
    editor.send("V");
    editor.wait_for("Dots per person");
    editor.wait_for("Hide existing votes");
    editor.send(ENTER);
    editor.wait_for("Participant 1 — press Enter");
    view.wait_for("voting in progress: 0 turns taken");
    view.wait_until("no vote totals", TIMEOUT, |screen| {
        !shows_totals(screen) && !screen.contains("4 votes")
    });
    view.wait_for("Pain point 1/2: Reminders go to everyone");
    editor.send(ENTER);
    editor.wait_for("dots left: 5 of 5");
    editor.send("+");
    editor.wait_for("dots left: 4 of 5");
    editor.send(ENTER);
    editor.wait_for("press Enter again");
    editor.send(ENTER);
    editor.wait_for("Participant 2 — press Enter");
    view.wait_for("voting in progress: 1 turn taken");
    let screen = view.screen_text();
    assert!(!shows_totals(&screen), "totals during the round:\n{screen}");

    // The reveal: the totals are back, the progress line is gone.
    editor.send("R");
    editor.wait_for("round revealed");
    view.wait_until("totals after the reveal", TIMEOUT, |screen| {
        shows_totals(screen) && !screen.contains("voting in progress")
    });

    // The editor ends cleanly: its view file goes, and with it the timer on the projector.
    let pid = editor.pid();
    editor.send(ESC);
    editor.wait_for("a add");
    editor.send("q");
    editor.wait_for("Save changes?");
    editor.send("n");
    assert!(editor.wait_exit(TIMEOUT).success());
    let view_file = state_dir(home.path()).join(format!(
        "{}.{pid}.view",
        journeymap::store::recovery::key(Some(&file))
    ));
    assert!(!view_file.exists(), "{} is left", view_file.display());
    view.wait_gone("⏱");
    view.send("q");
    assert!(view.wait_exit(TIMEOUT).success());
}
