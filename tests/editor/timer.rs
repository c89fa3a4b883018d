//! The workshop timer, driven by an injected clock: set, start, pause, add a minute, reach
//! zero exactly once, reset. It never changes the map and never blocks editing.

use std::time::{Duration, Instant};

use journeymap::app::timer::Display;
use journeymap::app::{App, Effect, Event, Mode};

use ratatui::style::Modifier;

use super::{draw, editor, run, sample_map, screen, sized};

fn at(app: &mut App, now: Instant) -> Vec<Effect> {
    app.event(Event::Tick(now))
}

fn shown(app: &App) -> Option<Display> {
    app.room.timer.display(app.room.now().expect("ticked"))
}

#[test]
fn the_timer_counts_down_pauses_extends_and_rings_once() {
    let t0 = Instant::now();
    let mut app = editor(sample_map());
    at(&mut app, t0);
    run(&mut app, r#"t s <C-u> "1:30" <enter>"#);
    assert_eq!(app.seat.mode, Mode::Timer);
    assert_eq!(
        shown(&app),
        Some(Display::Left {
            seconds: 90,
            running: false
        })
    );
    run(&mut app, "<enter>");
    assert_eq!(
        app.seat.mode,
        Mode::Timer,
        "the dialog stays open: Enter again pauses"
    );
    assert_eq!(app.room.next_deadline(), Some(t0 + Duration::from_secs(1)));
    run(&mut app, "<esc>");
    assert_eq!(app.seat.mode, Mode::Normal);

    // Editing goes on while it runs, and the timer never touches the map.
    run(&mut app, r#"a "During the timebox" <enter> <esc>"#);
    at(&mut app, t0 + Duration::from_millis(30_500));
    assert_eq!(
        shown(&app),
        Some(Display::Left {
            seconds: 60,
            running: true
        })
    );

    // Pause for ten minutes: no time passes on the timer.
    run(&mut app, "t <space> <esc>");
    assert_eq!(
        app.room.next_deadline(),
        None,
        "a paused timer never wakes the loop"
    );
    at(&mut app, t0 + Duration::from_secs(630));
    assert_eq!(
        shown(&app),
        Some(Display::Left {
            seconds: 60,
            running: false
        })
    );
    run(&mut app, "t <space> <esc>");

    // Zero is reached once: one bell, "Time's up" in words.
    let mut bells = 0;
    for ms in (631_000..=700_000).step_by(250) {
        bells += at(&mut app, t0 + Duration::from_millis(ms))
            .iter()
            .filter(|e| **e == Effect::Bell)
            .count();
    }
    assert_eq!(bells, 1);
    assert_eq!(shown(&app), Some(Display::TimesUp));
    assert!(screen(&app).contains("TIME'S UP"), "{}", screen(&app));
    assert_eq!(app.room.next_deadline(), None);

    // A minute more counts down again; adding it does not ring.
    run(&mut app, "t +");
    assert_eq!(at(&mut app, t0 + Duration::from_secs(701)), []);
    assert_eq!(
        shown(&app),
        Some(Display::Left {
            seconds: 59,
            running: true
        })
    );
    run(&mut app, "r <esc>");
    assert_eq!(
        shown(&app),
        Some(Display::Left {
            seconds: 90,
            running: false
        })
    );
    assert_eq!(
        app.room.map.stages[0]
            .lane(journeymap::model::Lane::Touchpoints)
            .len(),
        3
    );
}

#[test]
fn a_bad_length_is_refused_and_the_old_one_kept() {
    let mut app = editor(sample_map());
    at(&mut app, Instant::now());
    run(&mut app, r#"t s <C-u> "ten" <enter>"#);
    let (message, _) = app.seat.status.clone().expect("says why");
    assert!(message.contains("mm:ss"), "{message}");
    assert_eq!(app.room.timer.length(), Duration::from_secs(300));
}

#[test]
fn the_header_shows_the_time_left_and_the_last_seconds_stand_out() {
    let t0 = Instant::now();
    let mut app = sized(App::new(sample_map(), None), 100, 30);
    at(&mut app, t0);
    run(&mut app, r#"t s "0:12" <enter> <enter> <esc>"#);
    at(&mut app, t0 + Duration::from_millis(500));
    let header = screen(&app).lines().next().unwrap_or_default().to_string();
    assert!(header.contains("⏱ 00:12"), "{header}");
    let clock_style = |app: &App| {
        let (buf, _) = draw(app);
        let x = (0..buf.area.width)
            .find(|&x| buf[(x, 0)].symbol() == "⏱")
            .expect("the clock in the header");
        buf[(x + 2, 0)].modifier
    };
    assert!(!clock_style(&app).contains(Modifier::REVERSED));
    at(&mut app, t0 + Duration::from_secs(3));
    assert!(
        clock_style(&app).contains(Modifier::REVERSED),
        "the last ten seconds stand out"
    );
    insta::assert_snapshot!("timer_running_100x30", screen(&app));
    at(&mut app, t0 + Duration::from_secs(12));
    insta::assert_snapshot!("timer_at_zero_100x30", screen(&app));
}

#[test]
fn config_ron_sets_the_timer_and_the_voting_defaults() {
    let config = journeymap::format::config_from_str(
        "(voting: (dots: 7, max_per_card: 1, hide_votes: false), timer: (minutes: 10))",
    )
    .expect("a good config");
    let mut app = editor(sample_map());
    app.room.use_config(&config);
    assert_eq!(app.room.timer.length(), Duration::from_secs(600));
    assert_eq!(app.room.voting_settings.dots, 7);
    assert_eq!(app.room.voting_settings.cap, 1);
    assert!(!app.room.voting_settings.hide_votes);
    // A default length does not show the timer until it is used.
    at(&mut app, Instant::now());
    assert_eq!(shown(&app), None);
    let too_much = journeymap::format::config_from_str("(voting: (dots: 500))").expect("reads");
    app.room.use_config(&too_much);
    assert_eq!(app.room.voting_settings.dots, 99);
}
