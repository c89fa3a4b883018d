//! The `markdown` snapshot: the title and persona, the emotion curve as a table, then one
//! table per stage. Written for GitHub and wikis (GitHub Flavored Markdown tables); the map's
//! text is escaped so that nothing in it becomes markup, a link or a broken table.

use std::fmt::Write;

use super::Options;
use crate::interchange::markdown::inline;
use crate::model::{Lane, Map, is_blank};
use crate::present::{Fact, card_facts, feeling, mean_label, score_label};

pub(crate) fn render(map: &Map, _opts: &Options) -> String {
    let mut out = String::new();
    let title = if is_blank(&map.title) {
        "Journey map".to_string()
    } else {
        inline(&map.title)
    };
    let _ = writeln!(out, "# {title}\n");
    if let Some(p) = &map.persona {
        let _ = write!(out, "**Persona:** {}", inline(&p.name));
        if !is_blank(&p.summary) {
            let _ = write!(out, " — {}", inline(&p.summary));
        }
        out.push_str("\n\n");
        for (label, list) in [("Goals", &p.goals), ("Frustrations", &p.frustrations)] {
            let items: Vec<String> = list
                .iter()
                .filter(|s| !is_blank(s))
                .map(|s| inline(s))
                .collect();
            if !items.is_empty() {
                let _ = writeln!(out, "**{label}:**\n");
                for item in items {
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
            }
        }
    }

    out.push_str("## Emotion curve\n\n");
    out.push_str("| # | Stage | Mean score | Feeling |\n");
    out.push_str("| ---: | --- | ---: | --- |\n");
    for (i, stage) in map.stages.iter().enumerate() {
        let (mean, mood) = match stage.mean_score() {
            Some(m) => (mean_label(m), feeling(m)),
            None => ("–".to_string(), "no emotions"),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {mean} | {mood} |",
            i + 1,
            inline(&stage.name)
        );
    }

    for (i, stage) in map.stages.iter().enumerate() {
        let _ = writeln!(out, "\n## {}. {}\n", i + 1, inline(&stage.name));
        if !is_blank(&stage.description) {
            let _ = writeln!(out, "*{}*\n", inline(&stage.description));
        }
        if stage.card_count() == 0 {
            out.push_str("No cards yet.\n");
            continue;
        }
        out.push_str("| Lane | Card | Channel | Score | Votes | Details | Notes |\n");
        out.push_str("| --- | --- | --- | ---: | ---: | --- | --- |\n");
        for lane in Lane::ALL {
            for (j, card) in stage.lane(lane).iter().enumerate() {
                let lane_name = if j == 0 { lane.title() } else { "" };
                let channel = if lane == Lane::Touchpoints {
                    inline(&card.channel)
                } else {
                    String::new()
                };
                let score = if lane == Lane::Emotions {
                    score_label(card.score)
                } else {
                    String::new()
                };
                let votes = if card.votes > 0 {
                    card.votes.to_string()
                } else {
                    String::new()
                };
                // Evidence, source, owner and status: what the columns before do not hold.
                let details: Vec<String> = card_facts(card, lane)
                    .filter(|f| {
                        !matches!(
                            f,
                            Fact::Channel(_) | Fact::Score(_) | Fact::Votes(_) | Fact::Notes(_)
                        )
                    })
                    .map(|f| inline(&f.labelled()))
                    .collect();
                let _ = writeln!(
                    out,
                    "| {lane_name} | {} | {channel} | {score} | {votes} | {} | {} |",
                    inline(&card.text),
                    details.join("; "),
                    inline(&card.notes)
                );
            }
        }
    }
    fix_first(map, &mut out);
    out
}

/// The workshop's outcome at the end: the top pain points and opportunities by votes, with
/// their stages (the ranking of `v` and of `journeymap summary`).
fn fix_first(map: &Map, out: &mut String) {
    out.push_str("\n## What to fix first\n\n");
    let lists = [Lane::PainPoints, Lane::Opportunities]
        .map(|lane| (lane, crate::summary::top_voted(map, lane)));
    if lists.iter().all(|(_, top)| top.is_empty()) {
        out.push_str("No votes yet: a voting round (`V` in the editor) ranks what to fix first.\n");
        return;
    }
    for (lane, top) in lists {
        if top.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", lane.title());
        // Opportunities say who takes them on and where they stand.
        let follow_up = lane == Lane::Opportunities;
        if follow_up {
            out.push_str("| # | Card | Votes | Stage | Owner | Status |\n");
            out.push_str("| ---: | --- | ---: | --- | --- | --- |\n");
        } else {
            out.push_str("| # | Card | Votes | Stage |\n");
            out.push_str("| ---: | --- | ---: | --- |\n");
        }
        for (i, placed) in top.iter().enumerate() {
            let _ = write!(
                out,
                "| {} | {} | {} | {}. {} |",
                i + 1,
                inline(&placed.card.text),
                placed.card.votes,
                placed.stage_index + 1,
                inline(placed.stage)
            );
            if follow_up {
                out.push_str(&crate::summary::markdown::owner_and_status(placed.card));
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_cannot_make_markup() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(
            inline("*bold* _it_ `code`"),
            "\\*bold\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(inline("[link](x) <b>"), "\\[link\\](x) \\<b\\>");
        assert_eq!(inline("Tom & Jerry &amp;"), "Tom & Jerry \\&amp;");
        assert_eq!(inline("two\nlines\u{1b}"), "two lines\u{241b}");
        assert_eq!(inline("$5"), "\\$5");
        assert_eq!(inline("1. First"), "1\\. First");
        assert_eq!(inline("- dash"), "\\- dash");
        assert_eq!(inline("1990 was"), "1990 was");
    }
}
