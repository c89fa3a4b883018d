//! `journeymap summary`, run as the real binary.

use serde_json::Value;

use crate::cli::{EXAMPLE, SCORE_7, assert_exit, folder_with, run, stderr, stdout};

#[test]
fn summary_prints_the_text_at_80_columns_when_not_on_a_terminal() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let out = run(dir.path(), &["summary", "map.ron"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("Trial sign-up journey: Clockwise timesheets\n"),
        "{text}"
    );
    assert!(
        text.contains("\nTop pain points\n  1. Sign-up asks for a phone number"),
        "{text}"
    );
    assert!(
        text.lines().all(|l| journeymap::text::width(l) <= 80),
        "{text}"
    );
    assert!(
        text.lines().any(|l| journeymap::text::width(l) > 70),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour into a pipe");
    assert_eq!(stderr(&out), "");
}

#[test]
fn summary_keeps_to_the_width_and_colours_only_when_asked() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let out = run(dir.path(), &["summary", "map.ron", "--width", "32"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.lines().all(|l| journeymap::text::width(l) <= 32),
        "{text}"
    );
    let out = run(dir.path(), &["summary", "map.ron", "--color", "always"]);
    assert!(stdout(&out).contains("\u{1b}[1mTop opportunities\u{1b}[0m"));
}

#[test]
fn summary_as_markdown_and_json() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let out = run(dir.path(), &["summary", "map.ron", "--format", "markdown"]);
    assert_exit(&out, 0);
    let markdown = stdout(&out);
    assert!(
        markdown.starts_with("# Workshop outcome: Trial sign-up journey"),
        "{markdown}"
    );
    assert!(markdown.contains("\n## Evidence\n"), "{markdown}");
    let out = run(dir.path(), &["summary", "map.ron", "-f", "json"]);
    assert_exit(&out, 0);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(v["stages"], 5);
    assert_eq!(
        v["top_opportunities"][0]["text"],
        "Three-field sign-up, no phone number"
    );
    assert_eq!(v["low_point"]["stage"], "Research & Consideration");
}

#[test]
fn summary_of_a_broken_map_reports_the_problem_and_fails() {
    let dir = folder_with(&[("bad.ron", SCORE_7)]);
    let out = run(dir.path(), &["summary", "bad.ron"]);
    assert_exit(&out, 1);
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).starts_with(
            "bad.ron:11:28: error: an emotion score must be between -2 and +2, not 7\n"
        ),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["summary", "missing.ron"]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).starts_with("missing.ron: error: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn summary_refuses_wrong_usage() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    for args in [
        &["summary"][..],
        &["summary", "map.ron", "--format", "html"],
        &["summary", "map.ron", "--width", "5"],
    ] {
        let out = run(dir.path(), args);
        assert_exit(&out, 2);
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}

/// 2026-12-07, as `SOURCE_DATE_EPOCH` gives it.
const DECEMBER_7: &str = "1796601600";

fn dated(dir: &std::path::Path, args: &[&str]) -> String {
    let out = crate::cli::journeymap(dir)
        .env("SOURCE_DATE_EPOCH", DECEMBER_7)
        .args(args)
        .output()
        .expect("run journeymap");
    assert_exit(&out, 0);
    stdout(&out)
}

#[test]
fn the_summary_and_the_html_say_the_day_they_were_made() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let text = dated(dir.path(), &["summary", "map.ron"]);
    assert!(
        text.contains("\nWorkshop outcome on 2026-12-07: 5 stages"),
        "{text}"
    );
    let markdown = dated(dir.path(), &["summary", "map.ron", "-f", "markdown"]);
    assert!(
        markdown.contains(" in all. Made on 2026-12-07.\n"),
        "{markdown}"
    );
    let json: Value =
        serde_json::from_str(&dated(dir.path(), &["summary", "map.ron", "-f", "json"]))
            .expect("JSON");
    assert_eq!(json["made"], "2026-12-07");
    let html = dated(dir.path(), &["print", "map.ron", "-f", "html"]);
    assert!(
        html.contains("Made with journeymap on 2026-12-07.</footer>"),
        "{html}"
    );
}

#[test]
fn every_top_opportunity_says_its_owner_and_status() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let text = dated(dir.path(), &["summary", "map.ron", "--width", "200"]);
    assert!(
        text.contains(
            "  1. Three-field sign-up, no phone number (8 votes, Purchase & Onboarding; owner: Priya, growth squad, planned)"
        ),
        "{text}"
    );
    assert!(
        text.contains("  2. Plan comparison table with the top five questions (5 votes, Research & Consideration; owner: Sam, web team, done)"),
        "{text}"
    );
    let markdown = dated(dir.path(), &["summary", "map.ron", "-f", "markdown"]);
    assert!(
        markdown.contains("| # | Opportunity | Votes | Stage | Owner | Status |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| 2 | Plan comparison table with the top five questions | 5 | Research & Consideration | Sam, web team | done |"),
        "{markdown}"
    );
    let json: Value =
        serde_json::from_str(&dated(dir.path(), &["summary", "map.ron", "-f", "json"]))
            .expect("JSON");
    let top = &json["top_opportunities"][0];
    assert_eq!(
        (&top["owner"], &top["status"], &top["votes"]),
        (
            &Value::from("Priya, growth squad"),
            &Value::from("planned"),
            &Value::from(8)
        )
    );
    // The snapshots' "What to fix first".
    let html = dated(dir.path(), &["print", "map.ron", "-f", "html"]);
    assert!(
        html.contains("<span class=\"follow-up\">owner: Priya, growth squad, planned</span>"),
        "{html}"
    );
    let md = dated(dir.path(), &["print", "map.ron", "-f", "markdown"]);
    let fix_first = md
        .split("## What to fix first")
        .nth(1)
        .expect("the outcome");
    assert!(
        fix_first.contains("| 1 | Three-field sign-up, no phone number | 8 | 3. Purchase & Onboarding | Priya, growth squad | planned |"),
        "{fix_first}"
    );
}
