//! CSV: print then import gives the same stages and cards; bad CSV is reported with its
//! line and column.

use journeymap::export::{self, Options};
use journeymap::import;
use journeymap::model::{Card, Lane, Map, Stage};
use proptest::prelude::*;

use super::text_width::arb_map as arbitrary_map;
use super::{example, hostile, stages_only, wide};

fn csv_importer() -> &'static import::Importer {
    import::find("csv").expect("csv importer")
}

fn round_trip(map: &Map) -> Map {
    let csv = export::render("csv", map, &Options::default()).expect("csv format");
    import::import(csv_importer(), csv.as_bytes(), "imported").expect("the CSV imports")
}

#[test]
fn print_then_import_keeps_stages_and_cards() {
    for map in [example(), hostile(), wide()] {
        let back = round_trip(&map);
        assert_eq!(stages_only(&back), stages_only(&map), "{}", map.title);
        assert_eq!(back.title, "imported");
    }
}

#[test]
fn empty_stages_survive_the_round_trip_in_order() {
    let map = hostile();
    let back = round_trip(&map);
    let names: Vec<&str> = back.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Stage: one; #1 %% 50% <b>",
            "section 2 review",
            "Empty stage, with comma"
        ]
    );
    assert_eq!(back.stages[2].card_count(), 0);
}

#[test]
fn spreadsheet_formulas_are_defused_and_restored() {
    let csv = export::render("csv", &hostile(), &Options::default()).expect("csv");
    assert!(csv.contains(",'=SUM(A1:A9),'-cmd,"), "{csv}");
    assert!(
        csv.contains(",\"'quoted' and"),
        "a plain leading quote is left alone: {csv}"
    );
    assert!(csv.starts_with(
        "stage,lane,text,channel,score,votes,notes,stage_number,evidence,source,owner,status\r\n"
    ));
}

/// What a spreadsheet may still run: a formula behind spaces or a line break, or written
/// with full-width signs. Each is guarded with one `'` and comes back exactly.
#[test]
fn formulas_behind_white_space_or_in_full_width_are_defused_and_restored() {
    let texts = [
        " =1+1",
        "\n=HYPERLINK(\"x\")",
        "\t@SUM(A1)",
        "\r+1",
        "\u{3000}-1",
        "＝SUM(A1)",
        "＋1",
        "－1",
        "＠cmd",
        "' =already quoted",
    ];
    let mut map = Map::new("Formulas");
    let mut stage = Stage::new(" =stage");
    for t in texts {
        stage
            .lane_mut(Lane::Touchpoints)
            .push(Card::new(t).with_channel(t).with_notes(t));
    }
    map.stages = vec![stage];
    let csv = export::render("csv", &map, &Options::default()).expect("csv");
    for t in texts {
        let guarded = format!(",\"'{}\",", t.replace('"', "\"\""));
        let bare = format!(",'{t},");
        assert!(
            csv.contains(&guarded) || csv.contains(&bare),
            "{t:?} is not guarded in:\n{csv}"
        );
    }
    assert!(csv.contains("\r\n' =stage,"), "{csv}");
    assert_eq!(stages_only(&round_trip(&map)), stages_only(&map));
}

fn error(src: &str) -> (usize, usize, String) {
    let e = import::import(csv_importer(), src.as_bytes(), "x").expect_err("bad CSV");
    (e.line, e.column, e.message)
}

const HEADER: &str = "stage,lane,text,channel,score,votes,notes\n";

#[test]
fn bad_rows_are_reported_at_their_field() {
    let cases: [(&str, usize, usize, &str); 9] = [
        ("", 1, 1, "the file is empty"),
        ("stage,lane,txt\n", 1, 12, "expected the column `text`"),
        (HEADER, 2, 1, "no rows after the header"),
        (
            "stage,lane,text,channel,score,votes,notes\nA,feelings,x\n",
            2,
            3,
            "unknown lane `feelings`",
        ),
        (
            "stage,lane,text,channel,score,votes,notes\nA,emotions,  ,,1\n",
            2,
            12,
            "text is blank",
        ),
        (
            "stage,lane,text,channel,score,votes,notes\nA,emotions,Sad,,-3\n",
            2,
            17,
            "from -2 to +2, not `-3`",
        ),
        (
            "stage,lane,text,channel,score,votes,notes\nA,pain_points,Slow,web\n",
            2,
            20,
            "only touchpoints have a channel",
        ),
        (
            "stage,lane,text,channel,score,votes,notes\nA,touchpoints,\"x\n\ny,,,10000\n",
            2,
            15,
            "not closed",
        ),
        (
            "stage,lane,text,channel,score,votes,notes\n\"A\"x,touchpoints\n",
            2,
            4,
            "after the closing quote",
        ),
    ];
    for (src, line, column, message) in cases {
        let (l, c, m) = error(src);
        assert_eq!((l, c), (line, column), "{src:?}: {m}");
        assert!(m.contains(message), "{src:?}: {m}");
    }
}

#[test]
fn votes_and_extra_fields_are_checked() {
    let (l, c, m) = error("stage,lane,text,channel,score,votes,notes\nA,touchpoints,x,,,10000\n");
    assert_eq!((l, c), (2, 19), "{m}");
    assert!(m.contains("votes"), "{m}");
    let (l, c, m) =
        error("stage,lane,text,channel,score,votes,notes\nA,touchpoints,x,,,1,n,extra\n");
    assert_eq!((l, c), (2, 23), "{m}");
    assert!(m.contains("more than 7 fields"), "{m}");
}

/// Two stages of one name stay two stages, in their places: the stage number tells them
/// apart, even when a spreadsheet has sorted the rows.
#[test]
fn stages_that_share_a_name_stay_apart() {
    let mut map = Map::new("Twice");
    let mut first = Stage::new("Onboarding");
    first
        .lane_mut(Lane::Touchpoints)
        .push(Card::new("Welcome mail"));
    let mut usage = Stage::new("Usage");
    usage.lane_mut(Lane::PainPoints).push(Card::new("Slow"));
    let mut again = Stage::new("Onboarding");
    again
        .lane_mut(Lane::Touchpoints)
        .push(Card::new("Second team onboarded"));
    again
        .lane_mut(Lane::Emotions)
        .push(Card::new("Relieved").with_score(1));
    map.stages = vec![first, usage, again, Stage::new("Onboarding")];
    assert_eq!(stages_only(&round_trip(&map)), stages_only(&map));

    // Sorted by lane in a spreadsheet, then saved again.
    let csv = export::render("csv", &map, &Options::default()).expect("csv");
    let mut lines: Vec<&str> = csv.lines().collect();
    let header = lines.remove(0);
    lines.sort_by_key(|l| l.split(',').nth(1).unwrap_or("").to_string());
    lines.reverse();
    let sorted = format!("{header}\n{}\n", lines.join("\n"));
    let back = import::import(csv_importer(), sorted.as_bytes(), "x").expect("imports");
    assert_eq!(stages_only(&back), stages_only(&map), "{sorted}");
}

#[test]
fn a_stage_number_names_one_stage() {
    let (l, c, m) = error(
        "stage,lane,text,channel,score,votes,notes,stage_number\nA,touchpoints,x,,,,,1\nB,touchpoints,y,,,,,1\n",
    );
    assert_eq!((l, c), (3, 1), "{m}");
    assert!(m.contains("stage 1 is called `A`"), "{m}");
    let (l, c, m) =
        error("stage,lane,text,channel,score,votes,notes,stage_number\nA,,,,,,,first\n");
    assert_eq!((l, c), (2, 9), "{m}");
    assert!(m.contains("stage number must be a whole number"), "{m}");
    // A row added by hand without a number joins the stage of its name.
    let map = import::import(
        csv_importer(),
        b"stage,lane,text,channel,score,votes,notes,stage_number\nA,touchpoints,x,,,,,2\nB,,,,,,,1\nA,touchpoints,y\nC,touchpoints,z\n",
        "x",
    )
    .expect("imports");
    let names: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["B", "A", "C"]);
    assert_eq!(map.stages[1].card_count(), 2);
}

/// The CSV of an older journeymap, without the stage number, gathers rows by stage name.
#[test]
fn a_csv_without_stage_numbers_still_imports() {
    let src = "stage,lane,text,channel,score,votes,notes\r\nFind,touchpoints,Ad,web,,2,\r\nPay,,,,,,\r\nFind,emotions,Curious,,1,0,\r\n";
    let map = import::import(csv_importer(), src.as_bytes(), "old").expect("imports");
    let names: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Find", "Pay"]);
    assert_eq!(map.stages[0].card_count(), 2);
}

#[test]
fn spreadsheet_variations_are_read() {
    // A byte-order mark, a capitalised header, LF line ends, lane titles, short rows.
    let src = "\u{feff}Stage,Lane,Text,Channel,Score,Votes,Notes\nFind,Touchpoints,Ad\nFind,Emotions,Curious,,+1,2\nBuy\n";
    let map = import::import(csv_importer(), src.as_bytes(), "t").expect("imports");
    assert_eq!(map.stages.len(), 2);
    assert_eq!(map.stages[0].card_count(), 2);
    assert_eq!(map.stages[1].name, "Buy");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_map_survives_csv(map in arbitrary_map()) {
        // Stage names that repeat are gathered into one stage by design; skip those maps.
        let mut names: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        prop_assume!(names.len() == map.stages.len());
        let back = round_trip(&map);
        prop_assert_eq!(stages_only(&back), stages_only(&map));
    }
}

#[test]
fn evidence_source_owner_and_status_round_trip_through_csv() {
    let map = super::example();
    let csv = journeymap::export::render("csv", &map, &Default::default()).expect("csv");
    let back = journeymap::import::import(
        journeymap::import::find("csv").expect("csv importer"),
        csv.as_bytes(),
        "x",
    )
    .expect("imports");
    for (a, b) in map.stages.iter().zip(&back.stages) {
        for lane in journeymap::model::Lane::ALL {
            assert_eq!(a.lane(lane), b.lane(lane), "{} {lane:?}", a.name);
        }
    }
    assert!(
        map.stages
            .iter()
            .flat_map(|s| s.lane(journeymap::model::Lane::Opportunities).iter())
            .any(|c| c.status.is_some() && !c.owner.is_empty()),
        "the example has owners and statuses to carry"
    );
}

#[test]
fn a_wrong_evidence_word_or_an_owner_outside_opportunities_is_refused() {
    let header =
        "stage,lane,text,channel,score,votes,notes,stage_number,evidence,source,owner,status\n";
    let (line, _, message) = error(&format!("{header}A,touchpoints,x,,,,,1,guess,,,\n"));
    assert_eq!(line, 2);
    assert!(
        message.contains("assumption, observed, validated"),
        "{message}"
    );
    let (_, _, message) = error(&format!("{header}A,pain_points,x,,,,,1,,,Sam,\n"));
    assert!(message.contains("only opportunities"), "{message}");
}
