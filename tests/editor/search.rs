//! Search: incremental over text, notes, channel and source of every card, across stages,
//! with `n` / `N` wrapping around, Enter keeping the selection and Esc clearing.

use journeymap::app::{Action, App, Mode};
use journeymap::model::{Card, Lane, Slot};

use super::{editor, example_map, run, sample_map, screen, sized};

fn at(stage: usize, lane: Lane, index: usize) -> Slot {
    Slot { stage, lane, index }
}

#[test]
fn typing_a_query_selects_the_first_match_and_n_walks_across_stages() {
    let mut app = editor(sample_map());
    run(&mut app, "/ p");
    assert!(matches!(app.seat.mode, Mode::Search { .. }));
    // "p" first matches in the first stage ("Slow page"), after the selection.
    run(&mut app, "r i c");
    assert_eq!(app.seat.search.as_ref().map(|s| s.count()), Some(1));
    assert_eq!(
        app.seat.selection,
        at(1, Lane::Touchpoints, 0),
        "Pricing page"
    );
    run(&mut app, "<bs> <bs> <bs>");
    let count = app.seat.search.as_ref().map(|s| s.count()).unwrap_or(0);
    assert!(count >= 3, "{count}");
    run(&mut app, "<enter>");
    assert_eq!(app.seat.mode, Mode::Normal);
    let first = app.seat.selection;
    let mut seen = vec![first];
    for _ in 0..count {
        run(&mut app, "n");
        seen.push(app.seat.selection);
    }
    assert_eq!(seen[count], first, "n wraps around after the last match");
    assert!(seen.iter().any(|s| s.stage == 1), "{seen:?}");
    run(&mut app, "N");
    assert_eq!(app.seat.selection, seen[count - 1], "N goes back");
    // The status bar counts the matches; Esc clears the search.
    let footer = screen(&app).lines().last().unwrap_or_default().to_string();
    let position = app
        .seat
        .search
        .as_ref()
        .and_then(|s| s.position(app.seat.selection))
        .expect("on a match");
    assert!(
        footer.contains(&format!("/p  {position}/{count}")),
        "{footer}"
    );
    run(&mut app, "<esc>");
    assert!(app.seat.search.is_none());
}

#[test]
fn notes_channels_sources_accents_and_wide_text_are_found() {
    let mut map = sample_map();
    map.stages[2]
        .lane_mut(Lane::PainPoints)
        .push(Card::new("Zahlung schlägt fehl"));
    map.stages[2]
        .lane_mut(Lane::Opportunities)
        .push(Card::new("サポート窓口"));
    let mut source = Card::new("Churn");
    source.source = "Interview #12".into();
    map.stages[0].lane_mut(Lane::PainPoints).push(source);
    let mut app = editor(map);
    for (query, expected) in [
        ("SCHLÄGT", at(2, Lane::PainPoints, 0)),
        ("窓口", at(2, Lane::Opportunities, 0)),
        ("interview #12", at(0, Lane::PainPoints, 1)),
        // From the source's card on, the next web channel is in the second stage.
        ("WEB", at(1, Lane::Touchpoints, 0)),
    ] {
        run(&mut app, "/ <C-u>");
        app.update(Action::Paste(query.into()));
        assert_eq!(app.seat.selection, expected, "{query}");
        run(&mut app, "<enter>");
    }
}

#[test]
fn the_matches_follow_edits_while_a_search_is_open() {
    let mut app = editor(sample_map());
    run(&mut app, r#"/ "newsletter" <enter>"#);
    assert!(
        app.seat.search.is_none(),
        "a search without a match ends with Enter"
    );
    run(&mut app, r#"/ "ad" <enter>"#);
    let before = app.seat.search.as_ref().map(|s| s.count()).unwrap_or(0);
    run(&mut app, r#"a "Another ad" <enter> <esc>"#);
    assert_eq!(
        app.seat.search.as_ref().map(|s| s.count()),
        Some(before + 1)
    );
    run(&mut app, "u");
    assert_eq!(app.seat.search.as_ref().map(|s| s.count()), Some(before));
}

#[test]
fn matches_are_marked_on_the_board() {
    let mut app = sized(App::new(example_map(), None), 120, 40);
    run(&mut app, r#"/ "price" <enter>"#);
    insta::assert_snapshot!("search_price_120x40", screen(&app));
    let (buf, _) = super::draw(&app);
    let search = app.seat.search.clone().expect("a search");
    assert!(search.count() >= 2);
    // Some cell of the board carries the match style (underlined).
    let underlined = (0..buf.area.height).any(|y| {
        (0..buf.area.width).any(|x| {
            buf[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
                && y > 3
        })
    });
    assert!(underlined);
}
