//! The board a whole room can read: the layout at the sizes people have, the emotion curve,
//! zoom, the persona strip, the text input under the board, and the themes.

use journeymap::app::{Action, App};
use journeymap::model::{Card, Lane, Map, Stage};
use journeymap::ui::{self, Theme, ThemeName};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use super::{
    assert_board_intact, buffer_text, draw, example_map, run, sample_with_persona, screen, sized,
};

const WORKSHOP_SIZES: [(u16, u16); 5] = [(80, 24), (100, 30), (120, 40), (160, 45), (200, 60)];

const STAGE_STARTS: [&str; 5] = [
    "1 Awareness",
    "2 Research",
    "3 Purchase",
    "4 Retention",
    "5 Advocacy",
];

#[test]
fn the_example_map_at_every_workshop_size() {
    for (width, height) in WORKSHOP_SIZES {
        let app = sized(App::new(example_map(), None), width, height);
        let (buf, _) = draw(&app);
        assert_board_intact(&app, &buf);
        let text = buffer_text(&buf);
        let geo = app.view().geometry().expect("drawn");
        let shown = STAGE_STARTS.iter().filter(|s| text.contains(*s)).count();
        assert_eq!(shown, geo.columns, "{width}x{height}:\n{text}");
        if width >= 120 {
            assert_eq!(shown, 5, "the whole journey at {width}x{height}:\n{text}");
        } else {
            // The rest is out of view, and the board says how to get there.
            let more = 5 - shown;
            assert!(
                text.contains(&format!("{more} more stages: l ▶")),
                "{width}x{height}:\n{text}"
            );
        }
        if (width, height) != (80, 24)
            && (width, height) != (120, 40)
            && (width, height) != (200, 60)
        {
            insta::assert_snapshot!(format!("example_map_{width}x{height}"), text);
        }
    }
}

#[test]
fn lanes_share_the_rows_by_what_they_hold() {
    // One touchpoint, many pain points: the pain points get the rows.
    let mut map = Map::new("Rows");
    let mut stage = Stage::new("Only");
    stage.lane_mut(Lane::Touchpoints).push(Card::new("One"));
    *stage.lane_mut(Lane::PainPoints) = (0..12).map(|i| Card::new(format!("Pain {i}"))).collect();
    map.stages.push(stage);
    let app = sized(App::new(map, None), 120, 40);
    let geo = app.view().geometry().expect("drawn");
    let rows = geo.bands.map(|(_, rows)| rows);
    assert!(rows[Lane::Touchpoints.index()] <= 3, "{rows:?}");
    assert!(rows[Lane::Emotions.index()] <= 3, "{rows:?}");
    assert!(rows[Lane::PainPoints.index()] >= 12, "{rows:?}");
    let text = screen(&app);
    for i in 0..12 {
        assert!(text.contains(&format!("Pain {i}")), "{text}");
    }
}

/// Five stages whose emotions average +2, 0, −0.5 and −2, and one without emotions.
fn curve_map() -> Map {
    let mut map = Map::new("Curve");
    for (name, scores) in [
        ("Great", vec![2, 2]),
        ("Even", vec![1, -1]),
        ("Meh", vec![0, -1]),
        ("Awful", vec![-2]),
        ("Unknown", vec![]),
    ] {
        let mut stage = Stage::new(name);
        *stage.lane_mut(Lane::Emotions) = scores
            .into_iter()
            .map(|s| Card::new("feeling").with_score(s))
            .collect();
        map.stages.push(stage);
    }
    map
}

/// The rows of the emotion curve, as text.
fn curve_rows(app: &App) -> Vec<String> {
    let geo = app.view().geometry().expect("drawn");
    let text = screen(app);
    let rows: Vec<&str> = text.lines().collect();
    (geo.curve_top()..geo.curve_top() + geo.curve_rows)
        .map(|y| rows[usize::from(y)].to_string())
        .collect()
}

#[test]
fn the_curve_has_a_scale_a_mark_per_stage_and_each_mean_as_a_number() {
    let app = sized(App::new(curve_map(), None), 120, 40);
    let rows = curve_rows(&app);
    insta::assert_snapshot!("curve_means_120x40", rows.join("\n"));
    // One row per score level: +2 at the top, −2 at the bottom, each mark on its row.
    assert_eq!(rows.len(), 5);
    let row_with = |label: &str| rows.iter().position(|r| r.contains(label));
    assert_eq!(row_with("● +2.0"), Some(0));
    assert_eq!(row_with("● 0.0"), Some(2));
    assert_eq!(row_with("● -0.5"), Some(3), "-0.5 rounds away from zero");
    assert_eq!(row_with("● -2.0"), Some(4));
    assert!(rows[0].contains("+2 │") && rows[2].contains(" 0 │") && rows[4].contains("-2 │"));
    assert!(rows.join("\n").contains("no emotions yet"));
    // Where rows are few, a coarse +2 / 0 / −2: still a mark and a number per stage.
    let small = sized(App::new(curve_map(), None), 80, 24);
    let rows = curve_rows(&small);
    insta::assert_snapshot!("curve_means_80x24", rows.join("\n"));
    assert_eq!(rows.len(), 3);
    assert!(
        rows[0].contains("● +2.0") && rows[1].contains("● 0.0"),
        "{rows:?}"
    );
    // Two rows, on the smallest screens: good above, bad below.
    let tiny = sized(App::new(curve_map(), None), 120, 16);
    let rows = curve_rows(&tiny);
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].contains("≥0 │") && rows[1].contains("<0 │"),
        "{rows:?}"
    );
    assert!(
        rows[0].contains("● +2.0") && rows[0].contains("● 0.0"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("● -0.5") && rows[1].contains("● -2.0"),
        "{rows:?}"
    );
}

/// At 80x24 the zoom's top row says how to get back and on whole, and a card's facts
/// (channel, votes, evidence, source) wrap rather than end in `…`.
#[test]
fn at_80_columns_the_zoom_shows_its_keys_and_every_fact_whole() {
    let mut app = sized(App::new(example_map(), None), 80, 24);
    run(&mut app, "z");
    let text = screen(&app);
    let title = text.lines().nth(1).unwrap_or_default();
    assert!(title.contains("h / l: other stages)"), "{title}");
    let joined: String = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("source: Trial source report, Q3: 61% of trials"),
        "{text}"
    );
    assert!(!text.contains("repo…"), "{text}");
}

#[test]
fn zoom_fills_the_screen_with_one_stage_and_every_key_still_works() {
    let mut app = sized(App::new(example_map(), None), 120, 40);
    run(&mut app, "3 j");
    let selection = app.seat.selection;
    run(&mut app, "z");
    assert!(app.seat.zoom);
    let text = screen(&app);
    insta::assert_snapshot!("zoom_120x40", text);
    assert!(
        text.contains("Stage 3 of 5: Purchase & Onboarding"),
        "{text}"
    );
    // Full text and notes, where the board cut them: at 120 columns the pain points are in
    // the right-hand column, their lines wrapped there.
    let right: Vec<&str> = text
        .lines()
        .filter_map(|line| line.rsplit_once('│').map(|(_, r)| r.trim()))
        .collect();
    let right = right.join(" ");
    let stage = &app.room.map.stages[2];
    for card in stage.lane(Lane::PainPoints) {
        assert!(right.contains(&card.text), "{}:\n{text}", card.text);
    }
    // Editing keys: vote, then add a card, all in the zoom.
    let votes = app.view().selected_card().map(|c| c.votes);
    run(&mut app, "+");
    assert_eq!(
        app.view().selected_card().map(|c| c.votes),
        votes.map(|v| v + 1)
    );
    run(&mut app, r#"a "Typed in the zoom" <enter> <esc>"#);
    assert!(app.seat.zoom, "still zoomed");
    assert!(screen(&app).contains("Typed in the zoom"));
    // Esc and z both return to the board, the selection kept.
    run(&mut app, "u u");
    assert_eq!(app.seat.selection, selection);
    run(&mut app, "<esc>");
    assert!(!app.seat.zoom);
    run(&mut app, "z z");
    assert!(!app.seat.zoom);
    assert_eq!(app.seat.selection, selection);
    // A click on a line of a card in the zoom selects that card.
    run(&mut app, "z");
    let text = screen(&app);
    let row = text
        .lines()
        .position(|line| line.contains("Welcome email with setup checklist"))
        .expect("shown");
    app.update(Action::Click {
        column: 10,
        row: row as u16,
    });
    assert_eq!(app.seat.selection, super::slot(2, Lane::Touchpoints, 1));
    assert!(app.seat.zoom);
}

#[test]
fn in_the_zoom_what_is_drawn_is_what_is_clicked() {
    for (width, height) in [(80, 24), (120, 40), (60, 16), (240, 50)] {
        let mut app = sized(App::new(example_map(), None), width, height);
        run(&mut app, "z");
        for stage in 0..app.room.map.stages.len() {
            for lane in Lane::ALL {
                for index in 0..app.room.map.stages[stage].lane(lane).len() {
                    app.seat.selection = super::slot(stage, lane, index);
                    let (buf, _) = draw(&app);
                    let bottom = app.view().geometry().expect("drawn").board_bottom();
                    // Near the right end of each column of the zoom (left of it, a lane's heading may
                    // show selected).
                    let n = journeymap::app::zoom::zoom_columns(width);
                    let xs = (1..=n).map(|i| (usize::from(width) * i / n) as u16 - 2);
                    for (x, y) in xs.flat_map(|x| (1..=bottom).map(move |y| (x, y))) {
                        let highlighted = buf[(x, y)].modifier.contains(Modifier::REVERSED);
                        let clicked = app.view().hit(x, y) == Some(app.seat.selection);
                        assert_eq!(
                            highlighted,
                            clicked,
                            "{width}x{height} {stage} {lane:?} {index} at ({x}, {y}):\n{}",
                            buffer_text(&buf)
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn zoom_on_a_lane_of_thousands_draws_the_selection() {
    let mut map = Map::new("Big");
    let mut stage = Stage::new("Only");
    *stage.lane_mut(Lane::Touchpoints) = (0..5000)
        .map(|i| Card::new(format!("card {i:05}")))
        .collect();
    map.stages.push(stage);
    let mut app = sized(App::new(map, None), 80, 24);
    app.seat.selection.index = 4321;
    run(&mut app, "z");
    let text = screen(&app);
    assert!(text.contains("card 04321"), "{text}");
    assert!(
        text.contains("Stage 1 of 1: Only"),
        "the stage stays named: {text}"
    );
}

#[test]
fn the_persona_strip_keeps_the_customer_in_view() {
    let mut app = sized(App::new(example_map(), None), 120, 40);
    run(&mut app, "P");
    let (buf, _) = draw(&app);
    assert_board_intact(&app, &buf);
    let text = buffer_text(&buf);
    insta::assert_snapshot!("persona_strip_120x40", text);
    let persona = app
        .room
        .map
        .persona
        .clone()
        .expect("the example has a persona");
    assert!(text.contains(&persona.name));
    assert!(
        text.contains("Goals: ") && text.contains("Frustrations: "),
        "{text}"
    );
    run(&mut app, "P");
    assert!(!screen(&app).contains("Goals: "));
    // Without a persona, the strip says how to add one.
    let mut app = sized(App::new(super::sample_map(), None), 80, 24);
    run(&mut app, "P");
    assert!(screen(&app).contains("No persona yet: p adds one"));
    let mut app = sized(App::new(sample_with_persona(), None), 80, 24);
    run(&mut app, "P");
    assert!(screen(&app).contains("Olivia — Runs a team of twelve"));
}

#[test]
fn the_text_being_typed_shows_in_full_under_the_board() {
    let long = "The sign-up form asks for a phone number and then a sales rep calls within the hour, which nobody in the trial wanted, and three people said they left at that point because it felt like a trap rather than a trial";
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = sized(App::new(example_map(), None), width, height);
        run(&mut app, &format!("a {long:?}"));
        let (buf, cursor) = draw(&app);
        assert_board_intact(&app, &buf);
        let geo = app.view().geometry().expect("drawn");
        let text = buffer_text(&buf);
        let rows: Vec<&str> = text.lines().collect();
        let input: Vec<&str> = (0..geo.input_rows)
            .map(|i| rows[usize::from(geo.below_top() + geo.persona_rows + i)].trim())
            .collect();
        let joined = input.join(" ").replace("› ", "");
        assert_eq!(joined, long, "{width}x{height}:\n{text}");
        let cursor = cursor.expect("a cursor");
        assert_eq!(
            cursor.y,
            geo.below_top() + geo.persona_rows + geo.input_rows - 1
        );
        if width == 120 {
            insta::assert_snapshot!("input_under_the_board_120x40", text);
        }
    }
}

/// The board drawn with a theme.
fn themed(app: &App, theme: &Theme) -> Buffer {
    let (width, height) = app.seat.size;
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    ui::render(&mut buf, area, &app.view(), theme);
    buf
}

#[test]
fn each_theme_reads_and_the_selection_is_never_a_colour_alone() {
    let app = sized(App::new(example_map(), None), 120, 40);
    let geo = app.view().geometry().expect("drawn");
    let (left, _) = geo.column(0);
    let (card_row, _) = geo.bands[0];
    let lane_row = geo.band_start(Lane::Emotions);
    for name in ThemeName::ALL {
        let theme = Theme::named(name);
        let buf = themed(&app, &theme);
        insta::assert_snapshot!(format!("theme_{}_120x40", name.name()), buffer_text(&buf));
        // The selected card: reversed and bold in every theme.
        let selected = &buf[(left + 2, card_row)];
        assert!(
            selected
                .modifier
                .contains(Modifier::REVERSED | Modifier::BOLD),
            "{name:?}"
        );
        let lane_title = &buf[(2, lane_row)];
        let background = &buf[(left + 3, geo.board_bottom() - 1)];
        match name {
            ThemeName::Dark => {
                assert_eq!(lane_title.fg, Color::Indexed(117));
                assert_eq!(background.bg, Color::Reset, "the terminal's own background");
            }
            ThemeName::Light => {
                assert_eq!(lane_title.fg, Color::Indexed(25));
                assert_eq!(
                    background.bg,
                    Color::Indexed(231),
                    "its own white background"
                );
            }
            ThemeName::Mono => {
                for cell in buf.content() {
                    assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
                }
            }
        }
    }
    // A dialog on the light theme stays black on white, on any terminal.
    let mut app = app;
    run(&mut app, "+ q");
    let buf = themed(&app, &Theme::light());
    assert!(buffer_text(&buf).contains("Save changes?"));
    assert!(
        buf.content()
            .iter()
            .all(|c| c.bg != Color::Reset && c.fg != Color::Reset),
        "every cell on the light theme's own colours"
    );
    // The scores keep their meaning in colour: positive and negative differ.
    let dark = Theme::dark();
    assert_ne!(dark.score(2).fg, dark.score(-2).fg);
}

/// A map of `stages` stages whose pain points hold `cards` cards each, the stage's number
/// in their text.
fn full_pain_points(stages: usize, cards: usize) -> Map {
    let mut map = Map::new("Full lanes");
    for i in 0..stages {
        let mut stage = Stage::new(format!("Stage {}", i + 1));
        for n in 0..cards + i {
            stage
                .lane_mut(Lane::PainPoints)
                .push(Card::new(format!("Pain {n} of stage {}", i + 1)));
        }
        map.stages.push(stage);
    }
    map
}

#[test]
fn every_stage_column_marks_the_cards_below_the_ones_shown() {
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let app = sized(App::new(full_pain_points(5, 100), None), width, height);
        let (buf, _) = draw(&app);
        assert_board_intact(&app, &buf);
        let geo = app.view().geometry().expect("drawn");
        let shown = geo.card_rows(Lane::PainPoints);
        // The rule under the pain points, in each visible column.
        let rule = usize::from(geo.band_start(Lane::Opportunities) - 1);
        let text = buffer_text(&buf);
        let line: Vec<char> = text.lines().nth(rule).expect("the rule").chars().collect();
        for visible in 0..geo.columns {
            let (left, width_) = geo.column(visible);
            let cell: String = line[usize::from(left)..usize::from(left + width_)]
                .iter()
                .collect();
            let hidden = 100 + visible - shown;
            assert!(
                cell.ends_with(&format!(" ↓{hidden} ─")),
                "{width}x{height}, column {visible}: {cell:?}\n{text}"
            );
        }
    }
}

#[test]
fn a_card_of_twenty_characters_on_one_line_is_whole_from_120_to_159_columns() {
    let text = "Twenty characters ok";
    assert_eq!(text.len(), 20);
    for width in 120..160 {
        let mut map = full_pain_points(5, 30);
        for stage in &mut map.stages {
            stage.lane_mut(Lane::PainPoints)[0] = Card::new(text);
        }
        let app = sized(App::new(map, None), width, 40);
        let geo = app.view().geometry().expect("drawn");
        assert_eq!(geo.columns, 5, "the whole journey at {width} columns");
        let (buf, _) = draw(&app);
        let (top, _) = geo.bands[Lane::PainPoints.index()];
        let row = buffer_text(&buf)
            .lines()
            .nth(usize::from(top))
            .expect("row")
            .to_string();
        assert_eq!(row.matches(text).count(), 5, "{width} columns: {row}");
    }
}

#[test]
fn zoom_shows_the_lanes_side_by_side_on_a_wide_terminal() {
    let columns_at = |width: u16| {
        let mut app = sized(App::new(example_map(), None), width, 40);
        run(&mut app, "z");
        let text = screen(&app);
        // Each lane's heading, and the column it starts in.
        let starts: Vec<usize> = [
            "Touchpoints (",
            "Emotions (",
            "Pain points (",
            "Opportunities (",
        ]
        .iter()
        .map(|heading| {
            text.lines()
                .find_map(|line| {
                    line.find(heading)
                        .map(|byte| unicode_width::UnicodeWidthStr::width(&line[..byte]))
                })
                .unwrap_or_else(|| panic!("{heading} at {width}:\n{text}"))
        })
        .collect();
        let mut distinct = starts.clone();
        distinct.dedup();
        distinct.len()
    };
    assert_eq!(columns_at(80), 1);
    assert_eq!(columns_at(119), 1);
    assert_eq!(columns_at(120), 2);
    assert_eq!(columns_at(200), 2);
    assert_eq!(columns_at(240), 4);
}
