//! Dot-voting (`V` and `v`): rounds played through the real keys, what each screen shows
//! and hides, and random rounds checked against the budget, the cap and the totals.

use journeymap::app::voting::{Step, VotingSettings};
use journeymap::app::{App, Effect, Event, Mode, StatusKind};
use journeymap::model::{Card, Lane, Map, Stage};
use proptest::prelude::*;

use super::{editor, run, screen, sized};

/// Two stages; the voting lanes (pain points, opportunities) hold five cards, listed in
/// this order during a round: Slow page, Long form, Faster page, Hidden price, Show price.
fn voting_map() -> Map {
    let mut map = Map::new("Voting");
    let mut aware = Stage::new("Aware");
    aware
        .lane_mut(Lane::Touchpoints)
        .push(Card::new("Search ad").with_votes(7));
    aware
        .lane_mut(Lane::PainPoints)
        .extend([Card::new("Slow page").with_votes(1), Card::new("Long form")]);
    aware
        .lane_mut(Lane::Opportunities)
        .push(Card::new("Faster page"));
    let mut buy = Stage::new("Buy");
    buy.lane_mut(Lane::PainPoints)
        .push(Card::new("Hidden price").with_votes(2));
    buy.lane_mut(Lane::Opportunities)
        .push(Card::new("Show price"));
    map.stages = vec![aware, buy];
    map
}

/// Votes of the voting lanes' cards, in the order a round lists them.
fn votes(app: &App) -> Vec<u16> {
    let mut out = Vec::new();
    for stage in &app.room.map.stages {
        for lane in [Lane::PainPoints, Lane::Opportunities] {
            out.extend(stage.lane(lane).iter().map(|c| c.votes));
        }
    }
    out
}

fn status(app: &App) -> String {
    app.seat
        .status
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

fn is_error(app: &App) -> bool {
    matches!(app.seat.status, Some((_, StatusKind::Error)))
}

#[test]
fn three_participants_vote_within_budget_and_cap_and_the_reveal_adds_their_dots() {
    let mut app = editor(voting_map());
    run(&mut app, "V");
    assert_eq!(app.seat.mode, Mode::Voting(Step::Settings));
    assert_eq!(
        app.room.round.as_ref().map(|r| r.settings),
        Some(VotingSettings::default())
    );
    run(&mut app, "<enter>");
    assert_eq!(app.seat.mode, Mode::Voting(Step::Handover));

    // Participant 1: three on the first card, then the cap says no.
    run(&mut app, "<enter> + + +");
    assert_eq!(app.seat.mode, Mode::Voting(Step::Turn));
    run(&mut app, "+");
    assert!(is_error(&app), "over the cap is refused");
    assert_eq!(status(&app), "at most 3 dots on one card");
    // Two more on the second card: the budget of 5 is spent, and the next dot is refused.
    run(&mut app, "j + + j +");
    assert!(is_error(&app), "over budget is refused");
    assert!(status(&app).starts_with("no dots left"), "{}", status(&app));
    // A dot taken back can go elsewhere.
    run(&mut app, "k - j +");
    assert_eq!(app.room.round.as_ref().map(|r| r.dots_left()), Some(0));
    run(&mut app, "j -");
    assert_eq!(status(&app), "no dot of yours on this card to take back");
    run(&mut app, "<enter>");
    assert_eq!(app.seat.mode, Mode::Voting(Step::Handover));

    // Participant 2 stops with dots left: Enter asks once, then hands over.
    run(&mut app, "<enter> j j j + + <enter>");
    assert_eq!(app.seat.mode, Mode::Voting(Step::Turn));
    assert_eq!(
        status(&app),
        "3 dots left: press Enter again to finish your turn"
    );
    run(&mut app, "<enter>");
    // Participant 3.
    run(&mut app, "<enter> j j j j + <enter> <enter>");
    assert_eq!(app.room.round.as_ref().map(|r| r.participant()), Some(4));
    assert_eq!(
        votes(&app),
        [1, 0, 0, 2, 0],
        "nothing changes before the reveal"
    );

    let before = app.room.map.clone();
    run(&mut app, "R");
    assert_eq!(app.seat.mode, Mode::Results);
    assert!(app.room.round.is_none());
    // Slow page +3, Long form +1, Faster page +1, Hidden price +2, Show price +1.
    assert_eq!(votes(&app), [4, 1, 1, 4, 1]);
    assert_eq!(
        status(&app),
        "round revealed: 8 dots from 3 participants (u to undo)"
    );
    // Other lanes are untouched.
    assert_eq!(app.room.map.stages[0].lane(Lane::Touchpoints)[0].votes, 7);

    // The reveal is one undoable change.
    run(&mut app, "<esc> u");
    assert_eq!(
        app.room.map, before,
        "undo of the reveal restores every card's votes"
    );
    assert_eq!(status(&app), "undone: votes of 5 cards");
    run(&mut app, "<C-r>");
    assert_eq!(votes(&app), [4, 1, 1, 4, 1]);
}

#[test]
fn tab_jumps_to_the_next_stage_or_lane_of_the_ballot() {
    let mut app = editor(voting_map());
    run(&mut app, "V <enter> <enter>");
    let at = |app: &App| app.room.round.as_ref().and_then(|r| r.selected());
    // Aware's pain points (2), Aware's opportunity, Buy's pain point, Buy's opportunity.
    run(&mut app, "<tab>");
    assert_eq!(
        at(&app).map(|s| (s.stage, s.lane)),
        Some((0, Lane::Opportunities))
    );
    run(&mut app, "<tab> <tab>");
    assert_eq!(
        at(&app).map(|s| (s.stage, s.lane)),
        Some((1, Lane::Opportunities))
    );
    run(&mut app, "<tab>");
    assert_eq!(
        at(&app).map(|s| (s.stage, s.lane)),
        Some((1, Lane::Opportunities)),
        "the last stays"
    );
    run(&mut app, "<S-tab> <S-tab> <S-tab>");
    assert_eq!(
        at(&app).map(|s| (s.stage, s.lane, s.index)),
        Some((0, Lane::PainPoints, 0))
    );
}

#[test]
fn abort_changes_nothing() {
    let mut app = editor(voting_map());
    let before = app.room.map.clone();
    run(&mut app, "V <enter> <enter> + + <enter> <enter> X");
    assert_eq!(app.seat.mode, Mode::Voting(Step::ConfirmAbort));
    run(&mut app, "<esc>");
    assert_eq!(app.seat.mode, Mode::Voting(Step::Handover), "Esc goes on");
    run(&mut app, "X y");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(app.room.round.is_none());
    assert_eq!(app.room.map, before);
    assert!(!app.room.is_dirty());
    assert!(!app.room.history.can_undo());
    assert_eq!(status(&app), "round aborted: no votes changed");
}

#[test]
fn the_facilitator_enters_counts_from_raised_hands() {
    let mut app = editor(voting_map());
    // 12 hands for the first card (typed), 3 for the second, corrected from 35.
    run(&mut app, "V <enter> c 1 2 j 3 5 <bs>");
    assert_eq!(app.seat.mode, Mode::Voting(Step::Counts));
    // + and - adjust; the next digits on another card start afresh.
    run(&mut app, "j + + - <enter>");
    assert_eq!(app.seat.mode, Mode::Voting(Step::Handover));
    // A participant votes too.
    run(&mut app, "<enter> + <enter> <enter> R");
    assert_eq!(votes(&app), [1 + 12 + 1, 3, 1, 2, 0]);
    assert_eq!(
        status(&app),
        "round revealed: 1 dot from 1 participant, 16 counted from raised hands (u to undo)"
    );
}

/// The status bar names the keys as the help does: the counts are typed with any digit,
/// so the hint reads `0..9 count`, not `0 count`.
#[test]
fn the_counts_hint_names_every_digit() {
    let mut app = editor(voting_map());
    run(&mut app, "V <enter> c");
    let shown = screen(&app);
    let footer = shown.lines().last().unwrap_or_default();
    assert!(footer.contains("0..9 count"), "{footer}");
}

/// At 80 columns a long stage name gives way, never the lane: a turn must tell a pain
/// point from an opportunity of the same stage.
#[test]
fn at_80_columns_a_turn_names_each_cards_lane_whole() {
    let mut map = Map::new("Voting");
    let mut aware = Stage::new("Awareness & Discovery");
    aware
        .lane_mut(Lane::PainPoints)
        .push(Card::new("Long form"));
    aware
        .lane_mut(Lane::Opportunities)
        .push(Card::new("Short form"));
    map.stages = vec![aware];
    let mut app = editor(map);
    run(&mut app, "V <enter> <enter>");
    let shown = screen(&app);
    let row = |text: &str| {
        shown
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("Long form").ends_with("· Pain point"), "{shown}");
    assert!(row("Short form").ends_with("· Opportunity"), "{shown}");
}

#[test]
fn a_round_restricted_to_opportunities() {
    let mut app = editor(voting_map());
    // Settings rows: dots, cap, pain points, opportunities, ...: turn pain points off.
    run(&mut app, "V j j <space> <enter>");
    let round = app.room.round.as_ref().expect("a round");
    assert!(!round.settings.takes(Lane::PainPoints));
    assert_eq!(
        round.cards.len(),
        2,
        "only the two opportunities are listed"
    );
    run(&mut app, "<enter> + j + + <enter> <enter> R");
    assert_eq!(votes(&app), [1, 0, 1, 2, 2]);
}

#[test]
fn settings_stay_in_range_and_a_round_needs_cards() {
    let mut app = editor(voting_map());
    run(&mut app, "V");
    for _ in 0..120 {
        run(&mut app, "<right>");
    }
    run(&mut app, "j");
    for _ in 0..10 {
        run(&mut app, "<left>");
    }
    let settings = app
        .room
        .round
        .as_ref()
        .map(|r| r.settings)
        .expect("a round");
    assert_eq!((settings.dots, settings.cap), (99, 1));
    // No lane at all is refused.
    run(&mut app, "j <space> j <space> <enter>");
    assert_eq!(status(&app), "choose at least one lane to vote on");
    // Emotions only: this map has none.
    run(&mut app, "j j <space> <enter>");
    assert_eq!(status(&app), "the lanes chosen have no cards to vote on");
    run(&mut app, "<esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(app.room.round.is_none());
}

#[test]
fn a_read_only_map_has_results_but_no_round() {
    let mut app = editor(voting_map());
    app.room.read_only = true;
    run(&mut app, "V");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(is_error(&app));
    run(&mut app, "v");
    assert_eq!(app.seat.mode, Mode::Results);
}

#[test]
fn results_rank_by_votes_filter_by_lane_and_jump_to_the_card() {
    let mut app = editor(voting_map());
    app.room.map.stages[1].lane_mut(Lane::Opportunities)[0].votes = 2;
    run(&mut app, "v");
    let results = app.seat.results.as_ref().expect("results");
    let order: Vec<String> = (0..results.len())
        .filter_map(|i| results.row(i))
        .map(|s| {
            app.room.map.stages[s.stage].lane(s.lane)[s.index]
                .text
                .clone()
        })
        .collect();
    // Ties keep map order; the places of equals are shared. Cards without votes are not
    // ranked: they are counted on one line below.
    assert_eq!(order, ["Hidden price", "Show price", "Slow page"]);
    assert_eq!(
        (0..3).map(|i| results.place(i)).collect::<Vec<_>>(),
        [1, 1, 3]
    );
    assert_eq!(results.unvoted(), 2);
    assert!(
        screen(&app).contains("+ 2 cards without votes, not ranked"),
        "{}",
        screen(&app)
    );
    let lens = |app: &App| app.seat.results.as_ref().map(|r| (r.len(), r.unvoted()));
    run(&mut app, "<tab>");
    assert_eq!(lens(&app), Some((2, 1)), "pain points");
    run(&mut app, "<tab>");
    assert_eq!(lens(&app), Some((1, 1)), "opportunities");
    // Enter on the opportunity: Show price, in stage 2.
    run(&mut app, "<enter>");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(
        app.view().selected_card().map(|c| c.text.as_str()),
        Some("Show price")
    );
    // The results open again on the lanes shown last.
    run(&mut app, "v");
    assert_eq!(
        app.seat.results.as_ref().map(|r| r.filter),
        Some(journeymap::app::results::Filter::Opportunities)
    );
    run(&mut app, "<esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
}

#[test]
fn ctrl_s_in_the_results_saves_from_the_board() {
    let path = std::path::PathBuf::from("voting.ron");
    let mut app = sized(App::new(voting_map(), Some(path.clone())), 80, 24);
    run(&mut app, "V <enter> <enter> + <enter> <enter> R");
    assert_eq!(app.seat.mode, Mode::Results);
    assert_eq!(
        run(&mut app, "<C-s>"),
        [journeymap::app::Effect::Save(path)]
    );
    assert_eq!(app.seat.mode, Mode::Normal);
}

#[test]
fn a_round_resumes_from_its_file_onto_the_same_cards() {
    let mut app = editor(voting_map());
    run(
        &mut app,
        "V <enter> <enter> + + j + <enter> <enter> <enter> j j +",
    );
    let file = app.view().round_file().expect("a round to keep");
    assert!(file.in_turn);
    // Another editor, after a crash: the map as it was, the round offered.
    let mut other = editor(voting_map());
    other.event(Event::OfferRound(Box::new(file.clone())));
    assert_eq!(other.seat.mode, Mode::Voting(Step::ResumeOffer));
    run(&mut other, "r");
    assert_eq!(other.seat.mode, Mode::Voting(Step::Turn));
    run(&mut other, "<enter> <enter> R");
    assert_eq!(votes(&other), [3, 1, 1, 2, 0]);
    // A card that changed since loses its dots, and says so.
    let mut changed = editor(voting_map());
    changed.room.map.stages[0].lane_mut(Lane::PainPoints)[0].text = "Other".into();
    changed.event(Event::OfferRound(Box::new(file)));
    run(&mut changed, "r");
    assert_eq!(
        status(&changed),
        "round resumed; dropped 2 dots on no card of this map (gone or changed)"
    );
}

#[test]
fn a_round_offer_waits_for_the_recovery_dialog() {
    let mut app = editor(voting_map());
    app.event(Event::OfferRecovery {
        summary: "1 card added".into(),
        age: "now".into(),
        of: (1, 1),
    });
    app.event(Event::OfferRound(Box::default()));
    assert!(matches!(app.seat.mode, Mode::RecoveryOffer { .. }));
    run(&mut app, "<esc>");
    assert_eq!(app.seat.mode, Mode::Voting(Step::ResumeOffer));
    run(&mut app, "<esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
}

#[test]
fn discarding_an_interrupted_round_or_a_recovery_copy_asks_for_a_capital_y() {
    let mut app = editor(voting_map());
    app.event(Event::OfferRound(Box::default()));
    run(&mut app, "d");
    assert_eq!(
        app.seat.mode,
        Mode::Voting(Step::ResumeOffer),
        "d alone only asks"
    );
    assert!(
        status(&app).contains("Y (Shift-y) discards the round"),
        "{}",
        status(&app)
    );
    assert_eq!(
        run(&mut app, "Y"),
        [journeymap::app::Effect::DropRoundLeftover]
    );
    assert_eq!(app.seat.mode, Mode::Normal);

    let offer = |app: &mut journeymap::app::App| {
        app.event(Event::OfferRecovery {
            summary: "1 card added".into(),
            age: "now".into(),
            of: (1, 1),
        })
    };
    // Words typed ahead into the dialog never discard it: a stray key calls a `d` off.
    let mut app = editor(voting_map());
    offer(&mut app);
    assert!(run(&mut app, r#""tidy""#).is_empty());
    assert!(status(&app).contains("not discarded"), "{}", status(&app));
    assert!(run(&mut app, r#""add" "day" y "Dy" Y"#).is_empty());
    assert!(matches!(app.seat.mode, Mode::RecoveryOffer { .. }));
    let mut app = editor(voting_map());
    offer(&mut app);
    assert_eq!(
        run(&mut app, "d Y"),
        [journeymap::app::Effect::DiscardRecovery]
    );
}

// What the screens show.

#[test]
fn a_participants_turn_shows_their_own_dots_and_no_totals() {
    let mut app = editor(voting_map());
    run(&mut app, "V <enter> <enter> + + + <enter> <enter>");
    run(&mut app, "<enter> j + j j + +");
    let shown = screen(&app);
    insta::assert_snapshot!("voting_turn_80x24", shown);
    assert!(shown.contains("dots left: 2 of 5"), "{shown}");
    // Neither the cards' votes from before nor the first participant's dots show.
    for total in ["vote", "●●●", "7", "Search ad"] {
        assert!(!shown.contains(total), "{total:?} on screen:\n{shown}");
    }
}

#[test]
fn existing_votes_show_during_a_turn_only_when_the_settings_say_so() {
    let mut app = editor(voting_map());
    run(&mut app, "V j j j j j j <space> <enter> <enter>");
    let shown = screen(&app);
    assert!(shown.contains("1 vote before"), "{shown}");
}

#[test]
fn the_hand_over_screen_shows_nothing_of_anyones_dots() {
    let mut app = editor(voting_map());
    run(&mut app, "V <enter> <enter> + + + j + + <enter>");
    let shown = screen(&app);
    insta::assert_snapshot!("voting_handover_80x24", shown);
    assert!(shown.contains("Participant 2 — press Enter when you have the keyboard"));
    for leak in ["●", "Slow page", "vote"] {
        assert!(!shown.contains(leak), "{leak:?} on screen:\n{shown}");
    }
}

#[test]
fn the_settings_and_the_results_after_a_reveal() {
    let mut app = editor(voting_map());
    run(&mut app, "V");
    insta::assert_snapshot!("voting_settings_80x24", screen(&app));
    run(
        &mut app,
        "<enter> <enter> + + + j + + <enter> c j j j 4 <enter> R",
    );
    let shown = screen(&app);
    insta::assert_snapshot!("voting_results_80x24", shown);
    assert!(
        shown.contains("(+3)"),
        "the round's dots beside the totals:\n{shown}"
    );
}

#[test]
fn round_screens_fit_small_terminals() {
    for (w, h) in [(20, 5), (40, 10), (80, 24)] {
        let mut app = sized(App::new(voting_map(), None), w, h);
        for script in [
            "V",
            "<enter>",
            "<enter>",
            "+ j +",
            "<enter> <enter>",
            "c 3",
            "<enter> X",
            "<esc> R",
            "<tab>",
        ] {
            run(&mut app, script);
            let _ = screen(&app);
        }
    }
}

// Random rounds.

#[derive(Debug, Clone)]
enum Move {
    Up,
    Down,
    Dot,
    TakeBack,
    Done,
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    prop::collection::vec(
        prop_oneof![
            1 => Just(Move::Up),
            2 => Just(Move::Down),
            4 => Just(Move::Dot),
            1 => Just(Move::TakeBack),
            1 => Just(Move::Done),
        ],
        0..60,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// After the reveal every card's votes are its votes before plus the dots placed on it,
    /// and no participant spent more than the budget, or more than the cap on one card.
    #[test]
    fn random_rounds_keep_budget_cap_and_totals(
        dots in 1u8..8,
        cap in 1u8..5,
        participants in prop::collection::vec(moves(), 1..5),
    ) {
        let mut app = editor(voting_map());
        let before = votes(&app);
        run(&mut app, "V");
        while app.room.round.as_ref().map(|r| r.settings.dots) != Some(dots) {
            let key = if app.room.round.as_ref().map_or(0, |r| r.settings.dots) < dots { "<right>" } else { "<left>" };
            run(&mut app, key);
        }
        run(&mut app, "j");
        while app.room.round.as_ref().map(|r| r.settings.cap) != Some(cap) {
            let key = if app.room.round.as_ref().map_or(0, |r| r.settings.cap) < cap { "<right>" } else { "<left>" };
            run(&mut app, key);
        }
        run(&mut app, "<enter>");
        let cards = app.room.round.as_ref().map_or(0, |r| r.cards.len());
        let mut expected = vec![0u16; cards];
        for turn in participants {
            run(&mut app, "<enter>");
            prop_assert_eq!(&app.seat.mode, &Mode::Voting(Step::Turn));
            let mut mine = vec![0u16; cards];
            for m in turn {
                let round = app.room.round.as_ref().expect("a round");
                let at = round.list.cursor;
                let key = match m {
                    Move::Up => "k",
                    Move::Down => "j",
                    Move::Dot => {
                        if mine.iter().sum::<u16>() < u16::from(dots) && mine[at] < u16::from(cap) {
                            mine[at] += 1;
                        }
                        "+"
                    }
                    Move::TakeBack => {
                        mine[at] = mine[at].saturating_sub(1);
                        "-"
                    }
                    Move::Done => "",
                };
                run(&mut app, key);
                let round = app.room.round.as_ref().expect("a round");
                prop_assert!(round.current.spent() <= u32::from(dots));
                for (i, &slot) in round.cards.iter().enumerate() {
                    prop_assert!(round.current.on(slot) <= u16::from(cap));
                    prop_assert_eq!(round.current.on(slot), mine[i]);
                }
            }
            run(&mut app, "<enter>");
            if app.seat.mode == Mode::Voting(Step::Turn) {
                run(&mut app, "<enter>");
            }
            for (e, m) in expected.iter_mut().zip(&mine) {
                *e += m;
            }
        }
        run(&mut app, "R");
        let after = votes(&app);
        for i in 0..cards {
            prop_assert_eq!(after[i], before[i] + expected[i]);
        }
        run(&mut app, "<esc> u");
        prop_assert_eq!(votes(&app), before);
    }
}

const MASH: &[&str] = &[
    "V", "v", "<enter>", "<enter>", "+", "+", "-", "j", "k", "<tab>", "<S-tab>", "c", "1", "9",
    "<bs>", "R", "X", "y", "n", "<esc>", "<left>", "<right>", "<space>", "u", "q", "e", "d",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever is pressed, at whatever size: nothing panics, every screen draws, the map
    /// never changes while a round is under way, and no participant goes over the budget.
    #[test]
    fn mashing_keys_through_rounds_keeps_them_sound(
        steps in prop::collection::vec(
            prop_oneof![
                6 => prop::sample::select(MASH).prop_map(|k| (k, None)),
                1 => (20u16..130, 5u16..45).prop_map(|size| ("", Some(size))),
            ],
            1..80,
        ),
    ) {
        let mut app = editor(voting_map());
        let mut frozen: Option<Map> = None;
        for (key, size) in steps {
            match size {
                Some((width, height)) => {
                    app.event(Event::Resize { width, height });
                }
                None => {
                    run(&mut app, key);
                }
            }
            let _ = screen(&app);
            match (&app.seat.mode, &frozen) {
                (Mode::Voting(Step::Settings), _) | (Mode::Voting(_), None) => {
                    frozen = Some(app.room.map.clone());
                }
                (Mode::Voting(_), Some(map)) => prop_assert_eq!(&app.room.map, map),
                _ => frozen = None,
            }
            if let Some(round) = &app.room.round {
                prop_assert!(round.current.spent() <= u32::from(round.settings.dots));
            }
        }
    }
}

/// Every key through `update`, keeping the housekeeping effects `run` leaves out.
fn all_effects(app: &mut App, script: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in super::script::keys(script) {
        if let Some(action) = journeymap::keymap::action(&app.seat.mode, key) {
            effects.extend(app.update(action));
        }
    }
    effects
}

#[test]
fn the_round_file_and_the_recovery_copy_are_asked_for_and_the_revealed_votes_first() {
    let mut app = editor(voting_map());
    let started = all_effects(&mut app, "V <enter> <enter>");
    assert!(started.contains(&Effect::PersistRound), "{started:?}");
    let dot = all_effects(&mut app, "+");
    assert_eq!(
        dot,
        [Effect::PersistRound],
        "a dot rewrites the round's file only"
    );
    let reveal = all_effects(&mut app, "<enter> <enter> R");
    let round = reveal.iter().position(|e| *e == Effect::PersistRound);
    let copy = reveal.iter().position(|e| *e == Effect::KeepRecovery);
    // The loop writes the copy with the revealed votes before the round's file goes.
    assert!(round.is_some() && copy.is_some(), "{reveal:?}");
    let typed = all_effects(&mut app, "<esc> a x");
    assert_eq!(
        typed.last(),
        Some(&Effect::KeepRecovery),
        "typed text is kept too"
    );
}

/// Results with nothing to rank say so in their title, as in their body, rather than
/// "0 cards with votes, most first".
#[test]
fn results_without_votes_say_so_in_their_title() {
    let mut map = voting_map();
    for stage in &mut map.stages {
        for lane in Lane::ALL {
            for card in stage.lane_mut(lane).iter_mut() {
                card.votes = 0;
            }
        }
    }
    let mut app = editor(map);
    run(&mut app, "v");
    let shown = screen(&app);
    let title = shown.lines().nth(1).unwrap_or_default();
    assert!(title.contains("no card has votes yet"), "{shown}");
    assert!(shown.contains("No votes yet on these"), "{shown}");
}
