//! The outcome as Markdown for a README, a wiki or the workshop's follow-up mail: headings,
//! tables and lists, the map's text escaped so that it shows exactly as written.

use super::{LISTED, Mood, Outcome, Placed, lane_words};
use crate::interchange::markdown::inline;
use crate::model::Lane;
use crate::present::{count, feeling, mean_label};

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    let line = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(
        &mut out,
        &format!("# Workshop outcome: {}", inline(outcome.title)),
    );
    line(&mut out, "");
    let made = outcome
        .made
        .map(|d| format!(" Made on {d}."))
        .unwrap_or_default();
    line(
        &mut out,
        &format!(
            "{}, {}, {} in all.{made}",
            count(outcome.stages.len(), "stage"),
            count(outcome.cards, "card"),
            if outcome.votes == 1 {
                "1 vote".to_string()
            } else {
                format!("{} votes", outcome.votes)
            }
        ),
    );

    ranking(
        &mut out,
        "Top pain points",
        "Pain point",
        &outcome.top_pain_points,
        outcome,
    );
    ranking(
        &mut out,
        "Top opportunities",
        "Opportunity",
        &outcome.top_opportunities,
        outcome,
    );

    line(&mut out, "\n## Emotional low and high points\n");
    match (outcome.low, outcome.high) {
        (Some(low), Some(high)) => {
            line(
                &mut out,
                "| | Stage | Mean score | Feeling | Most-voted pain point |",
            );
            line(&mut out, "|---|---|---:|---|---|");
            if low.stage_index == high.stage_index {
                mood(&mut out, "Low and high", low);
            } else {
                mood(&mut out, "Low", low);
                mood(&mut out, "High", high);
            }
        }
        _ => line(
            &mut out,
            "No emotions yet: add emotion cards with a score to draw the curve.",
        ),
    }

    line(&mut out, "\n## Gaps\n");
    if outcome.gaps.is_empty() {
        line(&mut out, "None: every stage has cards in every lane.");
    } else {
        line(&mut out, "Lanes with no cards yet, still to research:");
        line(&mut out, "");
        for gap in &outcome.gaps {
            let lanes: Vec<String> = gap.empty.iter().map(|&l| lane_words(l)).collect();
            line(
                &mut out,
                &format!("- **{}**: {}", inline(gap.stage), lanes.join(", ")),
            );
        }
    }

    line(&mut out, "\n## Evidence\n");
    line(
        &mut out,
        "| Lane | Assumption | Observed | Validated | Not stated |",
    );
    line(&mut out, "|---|---:|---:|---:|---:|");
    let row = |name: &str, c: super::EvidenceCount| {
        format!(
            "| {name} | {} | {} | {} | {} |",
            c.assumption, c.observed, c.validated, c.not_stated
        )
    };
    for lane in Lane::ALL {
        line(&mut out, &row(lane.title(), outcome.evidence[lane.index()]));
    }
    line(&mut out, &row("**All cards**", outcome.all_evidence()));

    line(&mut out, "\n## Opportunities\n");
    if outcome.opportunities() == 0 {
        line(&mut out, "None yet.");
    } else {
        let s = outcome.statuses;
        line(&mut out, "| Open | Planned | Done | Not stated |");
        line(&mut out, "|---:|---:|---:|---:|");
        line(
            &mut out,
            &format!(
                "| {} | {} | {} | {} |",
                s.open, s.planned, s.done, s.not_stated
            ),
        );
        line(&mut out, "");
        if outcome.without_owner.is_empty() {
            line(&mut out, "Every opportunity has an owner.");
        } else {
            line(
                &mut out,
                &format!("Without an owner ({}):", outcome.without_owner.len()),
            );
            line(&mut out, "");
            for o in outcome.without_owner.iter().take(LISTED) {
                line(
                    &mut out,
                    &format!(
                        "- {} ({}, {})",
                        inline(&o.card.text),
                        crate::present::votes_label(o.card.votes),
                        inline(o.stage)
                    ),
                );
            }
            if outcome.without_owner.len() > LISTED {
                let more = outcome.without_owner.len() - LISTED;
                line(&mut out, &format!("- and {more} more"));
            }
        }
    }

    line(&mut out, "\n## Cards per stage\n");
    line(
        &mut out,
        "| Stage | Touchpoints | Emotions | Pain points | Opportunities | All |",
    );
    line(&mut out, "|---|---:|---:|---:|---:|---:|");
    for stage in &outcome.stages {
        let [t, e, p, o] = stage.lanes;
        line(
            &mut out,
            &format!(
                "| {} | {t} | {e} | {p} | {o} | {} |",
                inline(stage.stage),
                stage.total()
            ),
        );
    }
    out
}

fn ranking(out: &mut String, title: &str, noun: &str, ranked: &[Placed], outcome: &Outcome) {
    out.push_str(&format!("\n## {title}\n\n"));
    if ranked.is_empty() {
        out.push_str(if outcome.has_votes() {
            "No votes on these yet.\n"
        } else {
            "No votes yet: run a voting round to rank them.\n"
        });
        return;
    }
    let opportunities = noun == "Opportunity";
    out.push_str(&format!("| # | {noun} | Votes | Stage |"));
    if opportunities {
        out.push_str(" Owner | Status |");
    }
    out.push_str("\n|---:|---|---:|---|");
    if opportunities {
        out.push_str("---|---|");
    }
    out.push('\n');
    for (i, p) in ranked.iter().enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} | {} |",
            i + 1,
            inline(&p.card.text),
            p.card.votes,
            inline(p.stage)
        ));
        if opportunities {
            out.push_str(&owner_and_status(p.card));
        }
        out.push('\n');
    }
}

/// The owner and status cells of an opportunity's row: ` Growth | planned |`, a dash for
/// what is not stated.
pub(crate) fn owner_and_status(card: &crate::model::Card) -> String {
    let owner = if crate::model::is_blank(&card.owner) {
        "—".to_string()
    } else {
        inline(&card.owner)
    };
    let status = card.status.map_or("—", |s| s.key());
    format!(" {owner} | {status} |")
}

fn mood(out: &mut String, which: &str, mood: Mood) {
    let pain = mood.top_pain_point.map_or("—".to_string(), |c| {
        format!(
            "{} ({})",
            inline(&c.text),
            crate::present::votes_label(c.votes)
        )
    });
    out.push_str(&format!(
        "| **{which}** | {} | {} | {} | {pain} |\n",
        inline(mood.stage),
        mean_label(mood.mean),
        feeling(mood.mean)
    ));
}
