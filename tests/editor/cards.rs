//! Cards: add, edit text / notes / channel, delete, votes and scores, moves.

use journeymap::app::{Action, Mode, Target};
use journeymap::model::{Card, Lane, MAX_VOTES};
use journeymap::templates;

use super::{editor, run, sample_map, slot, texts};

#[test]
fn a_card_is_added_to_each_lane_of_an_empty_map() {
    let mut app = editor(templates::default_map());
    let effects = run(
        &mut app,
        r#"a "Search ad" <enter> <esc> <tab> a "Curious" <enter> <esc> <tab> a "Slow form" <enter> <esc>
           <tab> a "Shorter form" <enter> <esc>"#,
    );
    assert!(effects.is_empty());
    let stage = &app.room.map.stages[0];
    for (lane, text) in [
        (Lane::Touchpoints, "Search ad"),
        (Lane::Emotions, "Curious"),
        (Lane::PainPoints, "Slow form"),
        (Lane::Opportunities, "Shorter form"),
    ] {
        assert_eq!(stage.lane(lane), &vec![Card::new(text)], "{lane:?}");
    }
    assert_eq!(app.seat.selection, slot(0, Lane::Opportunities, 0));
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(app.room.is_dirty());
    assert_eq!(app.room.map.card_count(), 4);
}

#[test]
fn a_new_card_goes_after_the_selected_one_and_is_selected() {
    let mut app = editor(sample_map());
    run(&mut app, r#"a "Newsletter" <enter> <esc>"#);
    assert_eq!(
        texts(&app, 0, Lane::Touchpoints),
        ["Search ad", "Newsletter", "Blog post"]
    );
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 1));
    // In another stage, added to the selected lane of the selected stage.
    run(&mut app, r#"2 <tab> a "Relieved" <enter> <esc>"#);
    assert_eq!(texts(&app, 1, Lane::Emotions), ["Confused", "Relieved"]);
    assert_eq!(app.seat.selection, slot(1, Lane::Emotions, 1));
    // A new emotion starts neutral, with no votes.
    assert_eq!(
        app.room.map.stages[1].lane(Lane::Emotions)[1],
        Card::new("Relieved")
    );
}

#[test]
fn adding_a_card_opens_the_inline_editor_and_esc_twice_cancels_it() {
    let mut app = editor(sample_map());
    run(&mut app, r#"a "Half typed""#);
    assert!(matches!(
        &app.seat.mode,
        Mode::Editing { target: Target::NewCard(s), input }
            if *s == slot(0, Lane::Touchpoints, 1) && input.text() == "Half typed"
    ));
    // Typed text is not thrown away by one key: Esc (or Ctrl-c) asks first.
    for cancel in ["<esc>", "<C-c>"] {
        run(&mut app, cancel);
        assert!(
            matches!(&app.seat.mode, Mode::Editing { input, .. } if input.text() == "Half typed")
        );
        let (message, _) = app.seat.status.clone().expect("asks");
        assert!(message.contains("Esc or Ctrl-c again"), "{message}");
        // Any other key keeps typing, and the next Esc asks again.
        run(&mut app, "<end>");
    }
    run(&mut app, "<esc> <esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(app.room.map, sample_map());
    assert!(!app.room.is_dirty());
}

#[test]
fn quick_capture_adds_card_after_card_with_prefixes_and_each_is_one_undo() {
    let mut app = editor(sample_map());
    run(
        &mut app,
        r#"a "@email Welcome mail" <enter> "@\"live chat\" Asked about price" <enter> "Search ad" <enter>"#,
    );
    assert!(
        matches!(&app.seat.mode, Mode::Editing { target: Target::NewCard(s), .. } if s.index == 4)
    );
    run(&mut app, "<enter>");
    assert_eq!(
        app.seat.mode,
        Mode::Normal,
        "Enter on the empty input ends the run"
    );
    let lane = app.room.map.stages[0].lane(Lane::Touchpoints).clone();
    assert_eq!(
        lane.iter()
            .map(|c| (c.text.as_str(), c.channel.as_str()))
            .collect::<Vec<_>>(),
        [
            ("Search ad", "web"),
            ("Welcome mail", "email"),
            ("Asked about price", "live chat"),
            ("Search ad", ""),
            ("Blog post", ""),
        ]
    );
    run(
        &mut app,
        r#"<tab> a "+2 Delighted" <enter> "-7 Furious" <enter>"#,
    );
    let (message, _) = app.seat.status.clone().expect("says the score was clamped");
    assert!(message.contains("-7 became -2"), "{message}");
    run(&mut app, r#""1.5 stars" <enter> <esc>"#);
    let scores: Vec<(String, i8)> = app.room.map.stages[0]
        .lane(Lane::Emotions)
        .iter()
        .map(|c| (c.text.clone(), c.score))
        .collect();
    assert_eq!(
        scores,
        [
            ("Curious".to_string(), 1),
            ("Delighted".to_string(), 2),
            ("Furious".to_string(), -2),
            ("1.5 stars".to_string(), 0),
        ]
    );
    // Six cards, six undo steps.
    run(&mut app, "u u u u u");
    assert_ne!(app.room.map, sample_map());
    run(&mut app, "u");
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn a_pasted_list_takes_the_prefixes_too() {
    let mut app = editor(sample_map());
    run(&mut app, "<tab>");
    app.update(Action::Paste(
        "+1 Hopeful
-2 Lost
Neutral"
            .into(),
    ));
    run(&mut app, "<enter> <esc>");
    let scores: Vec<i8> = app.room.map.stages[0]
        .lane(Lane::Emotions)
        .iter()
        .map(|c| c.score)
        .collect();
    assert_eq!(scores, [1, 1, -2, 0]);
}

#[test]
fn a_blank_new_card_is_not_added() {
    let mut app = editor(sample_map());
    run(&mut app, r#"a "   " <enter> <esc> a <enter>"#);
    assert_eq!(app.room.map, sample_map());
    assert!(!app.room.is_dirty());
    assert_eq!(app.seat.mode, Mode::Normal);
}

#[test]
fn the_inline_editor_keys_change_the_text() {
    let cases = [
        // (keys after `e` on "Search ad", resulting text)
        (r#"<C-w> "banner""#, "Search banner"),
        (r#"<home> "Paid ""#, "Paid Search ad"),
        ("<left> <left> <bs>", "Searchad"),
        (r#"<home> <del> "s""#, "search ad"),
        (r#"<C-left> <C-k> "page""#, "Search page"),
        (r#"<home> <C-right> <C-u> "Display""#, "Display ad"),
        (r#"<C-u> "  two   words ""#, "two words"),
        (r#"<left> <left> <left> <end> "!""#, "Search ad!"),
        (r#"<C-a> "1 " <C-e> " 2""#, "1 Search ad 2"),
        ("<A-bs>", "Search"),
    ];
    for (keys, expected) in cases {
        let mut app = editor(sample_map());
        run(&mut app, &format!("e {keys} <enter>"));
        assert_eq!(app.seat.mode, Mode::Normal, "{keys}");
        assert_eq!(
            app.room.map.stages[0].lane(Lane::Touchpoints)[0].text,
            expected,
            "{keys}"
        );
        // Only the text changed.
        let card = &app.room.map.stages[0].lane(Lane::Touchpoints)[0];
        assert_eq!((card.votes, card.channel.as_str()), (2, "web"), "{keys}");
    }
}

#[test]
fn enter_also_edits_and_an_unchanged_text_is_no_change() {
    let mut app = editor(sample_map());
    run(&mut app, "<enter>");
    assert!(matches!(
        app.seat.mode,
        Mode::Editing {
            target: Target::CardText(_),
            ..
        }
    ));
    run(&mut app, "<enter>");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(
        !app.room.is_dirty(),
        "submitting the same text is not an edit"
    );
}

#[test]
fn a_blank_card_text_is_refused_and_the_card_kept() {
    let mut app = editor(sample_map());
    run(&mut app, r#"e <C-u> "   " <enter>"#);
    assert_eq!(app.room.map, sample_map());
    assert!(!app.room.is_dirty());
    let (message, _) = app.seat.status.clone().expect("a message says why");
    assert!(message.contains("needs text"), "{message}");
}

#[test]
fn notes_and_channel_are_edited_in_their_own_inputs() {
    let mut app = editor(sample_map());
    run(
        &mut app,
        r#"E "Heard in 5 of 8 interviews" <enter> c <C-u> "email" <enter>"#,
    );
    let card = &app.room.map.stages[0].lane(Lane::Touchpoints)[0];
    assert_eq!(card.notes, "Heard in 5 of 8 interviews");
    assert_eq!(card.channel, "email");
    assert_eq!(card.text, "Search ad");
    // Clearing the channel is allowed: it is optional.
    run(&mut app, "c <C-u> <enter>");
    assert_eq!(
        app.room.map.stages[0].lane(Lane::Touchpoints)[0].channel,
        ""
    );
    // Notes on an emotion; a channel is only for touchpoints.
    run(&mut app, r#"<tab> E "after the demo" <enter> c"#);
    let emotion = &app.room.map.stages[0].lane(Lane::Emotions)[0];
    assert_eq!(emotion.notes, "after the demo");
    assert_eq!(emotion.channel, "");
    assert_eq!(app.seat.mode, Mode::Normal);
    let (message, _) = app
        .seat
        .status
        .clone()
        .expect("c on an emotion says why not");
    assert!(message.contains("only touchpoints"), "{message}");
}

#[test]
fn editing_keys_on_an_empty_lane_say_how_to_add() {
    let mut app = editor(sample_map());
    run(&mut app, "3 e");
    assert_eq!(app.seat.mode, Mode::Normal);
    let (message, _) = app.seat.status.clone().expect("a hint");
    assert!(message.contains("press a"), "{message}");
    run(&mut app, "E c d + -");
    assert_eq!(app.room.map, sample_map());
    assert!(!app.room.is_dirty());
}

#[test]
fn delete_removes_the_selected_card() {
    let mut app = editor(sample_map());
    run(&mut app, "d");
    assert_eq!(texts(&app, 0, Lane::Touchpoints), ["Blog post"]);
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 0));
    run(&mut app, "<del>");
    assert!(texts(&app, 0, Lane::Touchpoints).is_empty());
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 0));
    assert_eq!(app.view().selected_card(), None);
    // Nothing left to delete: nothing happens.
    run(&mut app, "d");
    assert_eq!(app.room.map.card_count(), sample_map().card_count() - 2);
}

#[test]
fn deleting_the_bottom_card_selects_the_one_above() {
    let mut app = editor(sample_map());
    run(&mut app, "j d");
    assert_eq!(texts(&app, 0, Lane::Touchpoints), ["Search ad"]);
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 0));
}

#[test]
fn deleting_the_last_card_of_a_lane_leaves_it_empty_and_undo_brings_it_back() {
    let mut app = editor(sample_map());
    run(&mut app, "<tab> d");
    assert!(app.room.map.stages[0].lane(Lane::Emotions).is_empty());
    assert_eq!(app.seat.selection, slot(0, Lane::Emotions, 0));
    assert_eq!(app.view().selected_card(), None);
    assert_eq!(
        app.room.curve()[0],
        None,
        "no emotions left: no point on the curve"
    );
    // The empty lane still takes a new card.
    run(&mut app, r#"a "Calm" <enter> <esc>"#);
    assert_eq!(texts(&app, 0, Lane::Emotions), ["Calm"]);
    run(&mut app, "u u");
    assert_eq!(app.room.map, sample_map());
    assert_eq!(app.seat.selection, slot(0, Lane::Emotions, 0));
    assert_eq!(app.room.curve()[0], Some(1.0));
}

#[test]
fn votes_go_up_and_down_within_0_and_9999() {
    let mut app = editor(sample_map());
    let votes = |app: &journeymap::app::App| app.view().selected_card().map(|c| c.votes);
    run(&mut app, "+ + =");
    assert_eq!(votes(&app), Some(5));
    run(&mut app, "- - - - -");
    assert_eq!(votes(&app), Some(0));
    run(&mut app, "-");
    assert_eq!(votes(&app), Some(0));
    // Down at 0 is not a change: undo goes back through the real votes only.
    run(&mut app, "u");
    assert_eq!(votes(&app), Some(1));

    let mut map = sample_map();
    map.stages[0].lane_mut(Lane::PainPoints)[0].votes = MAX_VOTES;
    let mut app = editor(map.clone());
    run(&mut app, "<tab> <tab> + +");
    assert_eq!(votes(&app), Some(9999));
    assert_eq!(app.room.map, map);
    assert!(!app.room.is_dirty());
    run(&mut app, "-");
    assert_eq!(votes(&app), Some(9998));
}

#[test]
fn greater_and_less_on_an_emotion_change_the_score_within_minus_2_and_plus_2() {
    let mut app = editor(sample_map());
    let score = |app: &journeymap::app::App| app.view().selected_card().map(|c| (c.score, c.votes));
    run(&mut app, "<tab> >");
    assert_eq!(score(&app), Some((2, 0)));
    assert_eq!(
        app.room.curve()[0],
        Some(2.0),
        "the curve follows the score"
    );
    run(&mut app, "> .");
    assert_eq!(score(&app), Some((2, 0)));
    run(&mut app, "<lt> <lt> <lt> <lt> , , <lt>");
    assert_eq!(score(&app), Some((-2, 0)));
    assert_eq!(app.room.curve()[0], Some(-2.0));
    // Four real steps down and one up: five undos get back to the start.
    run(&mut app, "u u u u u");
    assert_eq!(app.room.map, sample_map());
    run(&mut app, "u");
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn emotions_take_votes_like_every_other_card() {
    let mut app = editor(sample_map());
    let card = |app: &journeymap::app::App| app.view().selected_card().map(|c| (c.score, c.votes));
    run(&mut app, "<tab> + + -");
    assert_eq!(card(&app), Some((1, 1)), "votes change, the score stays");
    run(&mut app, "u");
    let (message, _) = app.seat.status.clone().expect("says what was undone");
    assert!(message.starts_with("undone: votes of card"), "{message}");
    // The score keys say where they work.
    run(&mut app, "<tab> >");
    let (message, _) = app.seat.status.clone().expect("a message");
    assert!(message.contains("only emotions"), "{message}");
}

#[test]
fn a_card_moves_to_the_next_and_previous_stage() {
    let mut app = editor(sample_map());
    run(&mut app, "j <S-right>");
    assert_eq!(texts(&app, 0, Lane::Touchpoints), ["Search ad"]);
    assert_eq!(
        texts(&app, 1, Lane::Touchpoints),
        ["Pricing page", "Blog post"]
    );
    assert_eq!(app.seat.selection, slot(1, Lane::Touchpoints, 1));
    run(&mut app, "L");
    assert_eq!(texts(&app, 2, Lane::Touchpoints), ["Blog post"]);
    assert_eq!(app.seat.selection, slot(2, Lane::Touchpoints, 0));
    // The last stage: nowhere further to go.
    let before = app.room.map.clone();
    run(&mut app, "<S-right> L");
    assert_eq!(app.room.map, before);
    assert_eq!(app.seat.selection, slot(2, Lane::Touchpoints, 0));
    run(&mut app, "H <S-left>");
    assert_eq!(
        texts(&app, 0, Lane::Touchpoints),
        ["Blog post", "Search ad"]
    );
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 0));
    // The first stage: nowhere further back.
    let before = app.room.map.clone();
    run(&mut app, "H <S-left>");
    assert_eq!(app.room.map, before);
    // The card kept everything it had.
    let mut app = editor(sample_map());
    run(&mut app, "L");
    assert_eq!(
        app.room.map.stages[1].lane(Lane::Touchpoints)[0],
        Card::new("Search ad").with_channel("web").with_votes(2)
    );
}

#[test]
fn a_card_moves_up_and_down_its_lane_but_not_past_the_ends() {
    let mut app = editor(sample_map());
    run(&mut app, "K <S-up>");
    assert_eq!(app.room.map, sample_map(), "the top card cannot go up");
    run(&mut app, "J");
    assert_eq!(
        texts(&app, 0, Lane::Touchpoints),
        ["Blog post", "Search ad"]
    );
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 1));
    let before = app.room.map.clone();
    run(&mut app, "J <S-down>");
    assert_eq!(app.room.map, before, "the bottom card cannot go down");
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 1));
    run(&mut app, "<S-up>");
    assert_eq!(app.room.map, sample_map());
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 0));
    // A lane of one card: neither way.
    run(&mut app, "<tab> J K");
    assert_eq!(app.room.map, sample_map());
}

#[test]
fn a_pasted_list_becomes_one_card_per_line_in_one_undo_step() {
    let mut app = editor(sample_map());
    app.update(Action::Paste(
        "Newsletter\r\n  Podcast  \n\n\tWebinar\n".into(),
    ));
    assert!(matches!(
        app.seat.mode,
        Mode::Editing {
            target: Target::NewCard(_),
            ..
        }
    ));
    run(&mut app, "<enter>");
    assert_eq!(
        texts(&app, 0, Lane::Touchpoints),
        ["Search ad", "Newsletter", "Podcast", "Webinar", "Blog post"]
    );
    let (message, _) = app.seat.status.clone().expect("says how many");
    assert!(message.contains("3 cards"), "{message}");
    // The next card waits after the pasted ones; Esc on it ends the run.
    run(&mut app, "<esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(app.seat.selection, slot(0, Lane::Touchpoints, 3));
    run(&mut app, "u");
    assert_eq!(app.room.map, sample_map());
    run(&mut app, "<C-r>");
    assert_eq!(texts(&app, 0, Lane::Touchpoints).len(), 5);
}

#[test]
fn a_paste_into_the_inline_editor_joins_what_was_typed() {
    let mut app = editor(sample_map());
    run(&mut app, r#"<tab> <tab> a "Slow ""#);
    app.update(Action::Paste("form\nNo guest checkout".into()));
    run(&mut app, "<enter> <esc>");
    assert_eq!(
        texts(&app, 0, Lane::PainPoints),
        ["Slow page", "Slow form", "No guest checkout"]
    );
    // Pasting a list into an existing card's text keeps it one card, on one line.
    run(&mut app, "e <C-u>");
    app.update(Action::Paste("one\ntwo".into()));
    run(&mut app, "<enter>");
    assert_eq!(
        texts(&app, 0, Lane::PainPoints),
        ["Slow page", "Slow form", "one two"]
    );
}

#[test]
fn enter_on_an_unchanged_card_from_a_file_changes_nothing() {
    // A card written by hand in the file may hold double spaces or a line break; opening
    // the editor on it and pressing Enter must not rewrite it behind the user's back.
    let mut map = sample_map();
    map.stages[0].lane_mut(Lane::Touchpoints)[1].text = "Blog  post\nsecond line".into();
    let mut app = editor(map.clone());
    run(&mut app, "j e <enter>");
    assert_eq!(app.room.map, map);
    assert!(!app.room.is_dirty(), "nothing was edited");
}

#[test]
fn the_emotion_curve_follows_scores_moves_and_undo() {
    let mut app = editor(templates::default_map());
    let curve = |app: &journeymap::app::App| app.room.curve()[..3].to_vec();
    run(
        &mut app,
        r#"<tab> a "Curious" <enter> <esc> > > 2 a "Lost" <enter> <esc> <lt>"#,
    );
    assert_eq!(curve(&app), [Some(2.0), Some(-1.0), None]);
    // Moving a card changes the averages of the stage it leaves and the stage it joins.
    run(&mut app, "1 <S-right>");
    assert_eq!(curve(&app), [None, Some(0.5), None]);
    run(&mut app, "u");
    assert_eq!(curve(&app), [Some(2.0), Some(-1.0), None]);
    run(&mut app, "<C-r> L");
    assert_eq!(curve(&app), [None, Some(-1.0), Some(2.0)]);
}

#[test]
fn m_moves_a_card_to_another_lane_keeping_its_channel_in_the_notes() {
    let mut app = editor(sample_map());
    // The first touchpoint, "Search ad" on the web, was a pain point all along.
    run(&mut app, "m p");
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(texts(&app, 0, Lane::Touchpoints), ["Blog post"]);
    let moved = app.room.map.stages[0]
        .lane(Lane::PainPoints)
        .last()
        .cloned()
        .expect("moved");
    assert_eq!(moved.text, "Search ad");
    assert_eq!(moved.channel, "");
    assert_eq!(moved.notes, "channel: web");
    assert_eq!(moved.votes, 2, "votes go with the card");
    assert_eq!(app.seat.selection, slot(0, Lane::PainPoints, 1));
    let (message, _) = app.seat.status.clone().expect("says so");
    assert!(message.contains("channel kept in the notes"), "{message}");
    run(&mut app, "u");
    assert_eq!(app.room.map, sample_map(), "one undo step");
    let (message, _) = app.seat.status.clone().expect("says what came back");
    assert!(message.contains("moved to pain points"), "{message}");
    // Esc and the card's own lane change nothing.
    app.seat.selection = slot(0, Lane::Touchpoints, 0);
    run(&mut app, "m <esc> m t");
    assert_eq!(app.room.map, sample_map());
}
