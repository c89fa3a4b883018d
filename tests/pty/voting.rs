//! A voting round survives `kill -9`: the next editor on the map offers to resume it, the
//! participant at the keyboard goes on where they were, and the reveal adds every dot.

#![cfg(unix)]

use journeymap::model::{Lane, Map};
use journeymap::store::{recovery, round};

use super::harness::keys::{CTRL_S, DOWN, ENTER, ESC};
use super::harness::{Session, TIMEOUT, state_dir};
use super::{example_copy, load, wait_for_board, wait_saved};

/// The votes of the cards a round lists (pain points, then opportunities, stage by stage).
fn ballot_votes(map: &Map) -> Vec<u16> {
    let mut out = Vec::new();
    for stage in &map.stages {
        for lane in [Lane::PainPoints, Lane::Opportunities] {
            out.extend(stage.lane(lane).iter().map(|c| c.votes));
        }
    }
    out
}

#[test]
fn a_round_killed_with_kill_9_resumes_and_the_totals_are_right() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let before = ballot_votes(&load(&file));
    let editor = || {
        Session::builder()
            .arg(&file)
            .home(&home)
            .cwd(dir.path())
            .spawn()
    };

    let mut s = editor();
    wait_for_board(&s);
    s.send("V");
    s.wait_for("Dots per person");
    s.send(ENTER);
    s.wait_for("Participant 1 — press Enter when you have the keyboard");
    // Participant 1: two dots on the first card, one on the second, then done.
    s.send(ENTER);
    s.wait_for("dots left: 5 of 5");
    s.send("+");
    s.send("+");
    s.wait_for("dots left: 3 of 5");
    s.send(DOWN);
    s.send("+");
    s.wait_for("dots left: 2 of 5");
    s.send(ENTER);
    s.wait_for("press Enter again");
    s.send(ENTER);
    s.wait_for("Participant 2 — press Enter");
    // Participant 2 puts one dot on the first card, and the editor is killed.
    s.send(ENTER);
    s.wait_for("dots left: 5 of 5");
    s.send("+");
    s.wait_for("dots left: 4 of 5");
    let key = recovery::key(Some(&file));
    let round_file = state_dir(&home).join(format!("{key}.{}.round", s.pid()));
    s.poll_until("the round file holds the dots", TIMEOUT, || {
        round::read(&round_file).is_some_and(|r| {
            r.ballots.len() == 1 && r.current.iter().map(|d| d.dots).sum::<u16>() == 1
        })
    });
    s.signal("KILL");
    assert!(!s.wait_exit(TIMEOUT).success());
    assert_eq!(ballot_votes(&load(&file)), before, "nothing revealed yet");

    // Reopened: the round is offered, and resumed in participant 2's turn.
    let mut s = editor();
    s.wait_for("Interrupted voting round");
    s.send("r");
    s.wait_for("dots left: 4 of 5");
    s.send(ENTER);
    s.wait_for("press Enter again");
    s.send(ENTER);
    s.wait_for("Participant 3 — press Enter");
    s.send("R");
    s.wait_for("round revealed: 4 dots from 2 participants");
    s.wait_for("(+3)");
    s.send(ESC);
    s.wait_for("a add");
    s.send(CTRL_S);
    wait_saved(&s);
    let mut expected = before.clone();
    expected[0] += 3;
    expected[1] += 1;
    assert_eq!(ballot_votes(&load(&file)), expected);
    // The killed editor's round file went when the round was resumed, and this one's
    // with the reveal.
    s.poll_until("no round file is left", TIMEOUT, || {
        std::fs::read_dir(state_dir(&home)).is_ok_and(|entries| {
            !entries
                .filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().ends_with(".round"))
        })
    });
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
}

/// A closed terminal (SIGHUP): the round is written on the way out, and offered next time.
#[test]
fn a_closed_terminal_keeps_the_round() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let mut s = Session::builder()
        .arg(&file)
        .home(&home)
        .cwd(dir.path())
        .spawn();
    wait_for_board(&s);
    s.send("V");
    s.wait_for("Dots per person");
    s.send(ENTER);
    s.wait_for("Participant 1 — press Enter");
    s.send(ENTER);
    s.wait_for("dots left: 5 of 5");
    s.send(DOWN);
    s.send("+");
    s.wait_for("dots left: 4 of 5");
    let pid = s.pid();
    s.signal("HUP");
    s.wait_exit(TIMEOUT);
    let key = recovery::key(Some(&file));
    let kept = round::read(&state_dir(&home).join(format!("{key}.{pid}.round")))
        .expect("the round file outlives SIGHUP");
    assert!(kept.in_turn);
    assert_eq!(kept.current.len(), 1);
    assert_eq!((kept.current[0].index, kept.current[0].dots), (1, 1));
}

// Shift-Tab in a turn goes to the previous stage-and-lane group, not to the start of the
// one the cursor is in: the dot lands on the card the participant meant.
#[test]
fn shift_tab_in_a_turn_goes_to_the_previous_group() {
    let (_dir, file) = example_copy();
    let before = ballot_votes(&load(&file));
    let mut s = Session::open(&file);
    wait_for_board(&s);
    s.send("V");
    s.wait_for("Dots per person");
    s.send(ENTER);
    s.wait_for("Participant 1 — press Enter");
    s.send(ENTER);
    s.wait_for("dots left: 5 of 5");
    // Stage 1's pain points, its opportunities, stage 2's pain points (second card), back.
    s.send_keys(&["\t", "\t", DOWN, "\x1b[Z", "+"]);
    s.wait_for("dots left: 4 of 5");
    s.send(ENTER);
    s.wait_for("press Enter again");
    s.send(ENTER);
    s.wait_for("Participant 2 — press Enter");
    s.send("R");
    s.wait_for("round revealed");
    s.send(ESC);
    s.wait_for("a add");
    s.send(CTRL_S);
    wait_saved(&s);
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
    let mut expected = before;
    // Two pain points in stage 1, then its first opportunity.
    expected[2] += 1;
    assert_eq!(ballot_votes(&load(&file)), expected);
}

// q, Esc and Ctrl-c during a round say how to go on, in a turn and between turns.
#[test]
fn quitting_keys_during_a_round_say_how_to_end_it() {
    let (_dir, file) = example_copy();
    let mut s = Session::open(&file);
    wait_for_board(&s);
    s.send("V");
    s.wait_for("Dots per person");
    s.send(ENTER);
    s.wait_for("Participant 1 — press Enter");
    for key in ["q", ESC, "\x03"] {
        s.send(key);
        s.wait_for("X aborts the round");
        s.send("c");
        s.wait_for("raised hands");
        s.send(ENTER);
        s.wait_gone("X aborts the round");
    }
    s.send(ENTER);
    s.wait_for("dots left: 5 of 5");
    for key in ["q", ESC, "\x03"] {
        s.send(key);
        s.wait_for("Enter ends your turn");
        s.send("+");
        s.wait_gone("Enter ends your turn");
        s.send("-");
    }
    s.send(ENTER);
    s.send(ENTER);
    s.wait_for("Participant 2 — press Enter");
    s.send("X");
    s.wait_for("go on");
    s.send("y");
    s.wait_for("round aborted");
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
}

// A round file is checked like a map before it is resumed: a participant's dots beyond
// the budget and the cap, and dots on a stage that is not there, are dropped, and the
// status says so; only what is left is counted.
#[test]
fn a_resumed_round_is_checked_and_says_what_was_dropped() {
    use journeymap::store::round::{DotFile, RoundFile};
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let before = ballot_votes(&load(&file));
    let pains = load(&file).stages[0].lane(Lane::PainPoints).to_vec();
    let (first, second) = (pains[0].text.clone(), pains[1].text.clone());
    let dot = |stage: usize, index: usize, text: &str, dots: u16| DotFile {
        stage,
        lane: "pain_points".into(),
        index,
        text: text.into(),
        dots,
    };
    let leftover = RoundFile {
        dots: 5,
        cap: 3,
        lanes: vec!["pain_points".into(), "opportunities".into()],
        hide_votes: true,
        ballots: vec![
            vec![dot(0, 0, &first, 60_000), dot(0, 1, &second, 4)],
            vec![dot(42, 0, "", 2)],
        ],
        ..RoundFile::default()
    };
    let key = recovery::key(Some(&file));
    // A process id far above any pid_max: never a running editor.
    round::write(
        &state_dir(&home).join(format!("{key}.999999991.round")),
        &leftover,
    )
    .expect("write the leftover round");

    // Wide enough for the whole status line.
    let mut s = Session::builder()
        .arg(&file)
        .home(&home)
        .cwd(dir.path())
        .size(200, 40)
        .spawn();
    s.wait_for("Interrupted voting round");
    s.send("r");
    // The whole message, not the first part of a frame still arriving.
    s.wait_for("dots on no card");
    let status = s.screen_text();
    for want in [
        "1 dot beyond the 5 dots per person",
        "59998 dots beyond 3 on one card",
        "2 dots on no card",
    ] {
        assert!(
            super::harness::find(status.as_bytes(), want.as_bytes()).is_some()
                || status
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains(want),
            "{want} in:\n{status}"
        );
    }
    s.send("R");
    s.wait_for("round revealed: 5 dots from 2 participants");
    s.send(ESC);
    s.wait_for("a add");
    s.send(CTRL_S);
    wait_saved(&s);
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
    let mut expected = before;
    expected[0] += 3;
    expected[1] += 2;
    assert_eq!(ballot_votes(&load(&file)), expected);
}

// A reveal puts the round's dots in the map: the round's file goes only once a recovery
// copy holding them is written, so that a kill at any moment keeps the dots in one or the
// other. Here the copy cannot be written at first (a folder is in its way): the round's
// file stays until the way is clear and the copy, tried again, holds the votes.
#[test]
fn a_revealed_round_keeps_its_file_until_a_copy_with_its_votes_is_written() {
    let (dir, file) = example_copy();
    let home = dir.path().join("home");
    let mut expected = load(&file);
    let mut s = Session::builder()
        .arg(&file)
        .home(&home)
        .cwd(dir.path())
        .spawn();
    wait_for_board(&s);
    let key = recovery::key(Some(&file));
    let copy = state_dir(&home).join(format!("{key}.{}.ron", s.pid()));
    let round_file = state_dir(&home).join(format!("{key}.{}.round", s.pid()));
    std::fs::create_dir_all(copy.join("in the way")).expect("a folder where the copy goes");
    s.send("V");
    s.wait_for("Dots per person");
    s.send(ENTER);
    s.wait_for("Participant 1 — press Enter when you have the keyboard");
    s.send(ENTER);
    s.wait_for("dots left: 5 of 5");
    s.send("+");
    s.send("+");
    s.wait_for("dots left: 3 of 5");
    s.send(ENTER);
    s.wait_for("press Enter again");
    s.send(ENTER);
    s.wait_for("Participant 2 — press Enter");
    s.poll_until("the round file holds the ballot", TIMEOUT, || {
        round::read(&round_file).is_some_and(|r| r.ballots.len() == 1)
    });
    s.send("R");
    // The results' heading stays; the status line's "round revealed" gives way to the
    // warning below as soon as the copy is tried, which a slow machine may see first.
    s.wait_for("this round: 2 dots from 1 participant");
    s.wait_for("the recovery copy could not be written");
    assert!(
        round::read(&round_file).is_some(),
        "the round's file went while no copy held its votes"
    );
    std::fs::remove_dir_all(&copy).expect("clear the way");
    let first = expected
        .stages
        .iter_mut()
        .find_map(|s| s.lane_mut(Lane::PainPoints).first_mut())
        .expect("a pain point");
    first.votes += 2;
    s.poll_until("the copy holds the revealed votes", TIMEOUT, || {
        journeymap::store::load(&copy).is_ok_and(|map| map == expected)
    });
    s.poll_until("the round's file is gone", TIMEOUT, || !round_file.exists());
    s.send(ESC);
    s.wait_for("a add");
    s.send("q");
    s.wait_for("Save changes?");
    s.send("n");
    assert!(s.wait_exit(TIMEOUT).success());
}
