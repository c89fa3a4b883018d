//! The `html` snapshot: one self-contained, printable page. Inline CSS, no scripts, no
//! external assets; the board is a table (stages as columns, lanes as rows) and the emotion
//! curve an inline SVG under it. Prints in landscape. Every piece of the map's text is
//! escaped, and the page is well-formed XML as well as HTML.

use std::fmt::Write;

use super::Options;
use super::xml::{escape, escape_line};
use crate::model::{Card, Lane, Map, Stage, is_blank};
use crate::present::{Fact, Tone, card_facts, feeling, mean_label, score_label};

const STYLE: &str = r#"
@page { size: landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       margin: 1.5rem; color: #1f2328; background: #fff; line-height: 1.35; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
.persona { margin: 0 0 1rem; }
.persona h2 { font-size: 1.05rem; margin: 0 0 .25rem; }
.persona p { margin: 0 0 .4rem; max-width: 70rem; }
.persona .lists { display: flex; gap: 2.5rem; flex-wrap: wrap; }
.persona h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #59636e; margin: 0; }
.persona ul { margin: .2rem 0 0; padding-left: 1.2rem; }
table.board { width: 100%; border-collapse: collapse; table-layout: fixed; }
.board col.lanes { width: 8.5rem; }
.board th, .board td { border: 1px solid #d1d9e0; vertical-align: top; padding: .45rem; text-align: left; }
.board thead th { background: #f6f8fa; font-size: .95rem; }
.board thead th .num { color: #59636e; margin-right: .25rem; }
.board thead th .desc { font-weight: normal; font-size: .75rem; color: #59636e; margin-top: .2rem; }
.board tbody th { background: #f6f8fa; font-size: .85rem; }
.card { border-radius: 4px; padding: .3rem .45rem; margin: 0 0 .35rem; font-size: .82rem;
        break-inside: avoid; border-left: 4px solid transparent; }
.card p { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
.card .meta { font-size: .72rem; color: #59636e; margin-top: .15rem; }
.card .meta span + span::before { content: " · "; }
.card .notes { font-size: .72rem; font-style: italic; color: #59636e; margin-top: .15rem; }
.touchpoints .card { background: #ddf4ff; border-left-color: #54aeff; }
.emotions .card { background: #fff8c5; border-left-color: #d4a72c; }
.pain_points .card { background: #ffebe9; border-left-color: #ff8182; }
.opportunities .card { background: #dafbe1; border-left-color: #4ac26b; }
.score { font-weight: 600; }
.pos { color: #1a7f37; } .neg { color: #cf222e; } .zero { color: #9a6700; }
tr.curve td { padding: 0; }
tr.curve svg { display: block; width: 100%; height: 150px; }
.outcome { margin-top: 1rem; break-inside: avoid; }
.outcome h2 { font-size: 1.05rem; margin: 0 0 .35rem; }
.outcome .lists { display: flex; gap: 2.5rem; flex-wrap: wrap; }
.outcome h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #59636e; margin: 0; }
.outcome ol { margin: .2rem 0 0; padding-left: 1.4rem; font-size: .85rem; }
.outcome .votes { font-weight: 600; }
.outcome .stage { color: #59636e; font-size: .75rem; }
.outcome .follow-up { color: #59636e; font-size: .75rem; font-style: italic; }
footer { margin-top: .75rem; font-size: .75rem; color: #59636e; }
@media print {
  body { margin: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .board tr { break-inside: avoid; }
}
"#;

pub(crate) fn render(map: &Map, opts: &Options) -> String {
    let title = if is_blank(&map.title) {
        "Journey map".to_string()
    } else {
        escape_line(&map.title)
    };
    let mut out = String::with_capacity(8192 + map.card_count() * 200);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"journeymap {}\" />",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "<title>{title}</title>");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{title}</h1>");
    persona(map, &mut out);
    board(map, &mut out);
    fix_first(map, &mut out);
    let made = opts.made.map(|d| format!(" on {d}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "<footer>{} stages, {} cards. Made with journeymap{made}.</footer>",
        map.stages.len(),
        map.card_count()
    );
    out.push_str("</body>\n</html>\n");
    out
}

/// The workshop's outcome at the end: the top pain points and opportunities by votes, with
/// their stages (the ranking of `v` and of `journeymap summary`).
fn fix_first(map: &Map, out: &mut String) {
    out.push_str("<section class=\"outcome\">\n<h2>What to fix first</h2>\n");
    let lists = [Lane::PainPoints, Lane::Opportunities]
        .map(|lane| (lane, crate::summary::top_voted(map, lane)));
    if lists.iter().all(|(_, top)| top.is_empty()) {
        out.push_str(
            "<p>No votes yet: a voting round (V in the editor) ranks what to fix first.</p>\n",
        );
    } else {
        out.push_str("<div class=\"lists\">\n");
        for (lane, top) in lists.iter().filter(|(_, top)| !top.is_empty()) {
            let _ = write!(
                out,
                "<div class=\"{}\"><h3>{}</h3><ol>",
                lane.key(),
                lane.title()
            );
            for placed in top {
                let _ = write!(
                    out,
                    "<li>{} <span class=\"votes\">{}</span> <span class=\"stage\">{}. {}</span>",
                    escape_line(&placed.card.text),
                    crate::present::votes_label(placed.card.votes),
                    placed.stage_index + 1,
                    escape_line(placed.stage)
                );
                // Opportunities say who takes them on and where they stand.
                if *lane == Lane::Opportunities {
                    let _ = write!(
                        out,
                        " <span class=\"follow-up\">{}</span>",
                        escape_line(&crate::present::follow_up(placed.card))
                    );
                }
                out.push_str("</li>");
            }
            out.push_str("</ol></div>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

fn persona(map: &Map, out: &mut String) {
    let Some(p) = &map.persona else { return };
    out.push_str("<section class=\"persona\">\n");
    let _ = writeln!(out, "<h2>Persona: {}</h2>", escape_line(&p.name));
    if !is_blank(&p.summary) {
        let _ = writeln!(out, "<p>{}</p>", escape(&p.summary));
    }
    let lists: Vec<(&str, &Vec<String>)> = [("Goals", &p.goals), ("Frustrations", &p.frustrations)]
        .into_iter()
        .filter(|(_, l)| l.iter().any(|s| !is_blank(s)))
        .collect();
    if !lists.is_empty() {
        out.push_str("<div class=\"lists\">\n");
        for (label, list) in lists {
            let _ = write!(out, "<div><h3>{label}</h3><ul>");
            for item in list.iter().filter(|s| !is_blank(s)) {
                let _ = write!(out, "<li>{}</li>", escape(item));
            }
            out.push_str("</ul></div>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

fn board(map: &Map, out: &mut String) {
    out.push_str("<table class=\"board\">\n<colgroup><col class=\"lanes\" />");
    for _ in &map.stages {
        out.push_str("<col />");
    }
    out.push_str("</colgroup>\n<thead>\n<tr><th scope=\"col\">Stage</th>");
    for (i, stage) in map.stages.iter().enumerate() {
        let _ = write!(
            out,
            "<th scope=\"col\"><span class=\"num\">{}.</span>{}",
            i + 1,
            escape_line(&stage.name)
        );
        if !is_blank(&stage.description) {
            let _ = write!(
                out,
                "<div class=\"desc\">{}</div>",
                escape(&stage.description)
            );
        }
        out.push_str("</th>");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for lane in Lane::ALL {
        let _ = write!(
            out,
            "<tr class=\"{}\"><th scope=\"row\">{}</th>",
            lane.key(),
            lane.title()
        );
        for stage in &map.stages {
            out.push_str("<td>");
            for c in stage.lane(lane) {
                card(c, lane, out);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    let _ = write!(
        out,
        "<tr class=\"curve\"><th scope=\"row\">Emotion curve</th><td colspan=\"{}\">",
        map.stages.len().max(1)
    );
    curve(&map.stages, out);
    out.push_str("</td></tr>\n</tbody>\n</table>\n");
}

fn card(c: &Card, lane: Lane, out: &mut String) {
    let _ = write!(out, "<div class=\"card\"><p>{}</p>", escape(&c.text));
    let mut meta = String::new();
    let mut long = String::new();
    for fact in card_facts(c, lane) {
        let _ = match fact {
            Fact::Score(score) => write!(
                meta,
                "<span class=\"score {}\" title=\"emotion score, -2 to +2\">{}</span>",
                sign_class(f64::from(score)),
                escape_line(&fact.to_string())
            ),
            _ if fact.is_long() => write!(
                long,
                "<p class=\"{}\">{}</p>",
                fact.name(),
                escape(&fact.to_string())
            ),
            _ => write!(
                meta,
                "<span class=\"{}\">{}</span>",
                fact.name(),
                escape_line(&fact.to_string())
            ),
        };
    }
    if !meta.is_empty() {
        let _ = write!(out, "<p class=\"meta\">{meta}</p>");
    }
    out.push_str(&long);
    out.push_str("</div>");
}

fn sign_class(score: f64) -> &'static str {
    match Tone::of(score) {
        Tone::Positive => "pos",
        Tone::Negative => "neg",
        Tone::Neutral => "zero",
    }
}

/// The emotion curve: one point per stage at the centre of its column (x in percent, so it
/// lines up with the table at any width), a line joining neighbouring stages that have
/// emotions, grid lines for the five levels.
fn curve(stages: &[Stage], out: &mut String) {
    const TOP: f64 = 22.0;
    const SPAN: f64 = 104.0;
    let y = |score: f64| TOP + (2.0 - score) / 4.0 * SPAN;
    let n = stages.len().max(1) as f64;
    let x = |i: usize| (i as f64 + 0.5) / n * 100.0;
    let means: Vec<Option<f64>> = stages.iter().map(Stage::mean_score).collect();
    let label: Vec<String> = stages
        .iter()
        .zip(&means)
        .map(|(s, m)| {
            let mood = m.map_or("no emotions".to_string(), |m| {
                format!("{} ({})", mean_label(m), feeling(m))
            });
            format!("{}: {mood}", escape_line(&s.name))
        })
        .collect();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Emotion curve. {}\">",
        label.join("; ")
    );
    out.push_str("<title>Emotion curve: mean emotion score of each stage, from -2 to +2</title>");
    for level in [2.0, 1.0, 0.0, -1.0, -2.0] {
        let dash = if level == 0.0 {
            ""
        } else {
            " stroke-dasharray=\"3 4\""
        };
        let _ = write!(
            out,
            "<line x1=\"0\" x2=\"100%\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#d1d9e0\"{dash} />",
            y(level)
        );
        let _ = write!(
            out,
            "<text x=\"4\" y=\"{:.1}\" font-size=\"10\" fill=\"#59636e\">{}</text>",
            y(level) + 3.5,
            score_label(level as i8)
        );
    }
    for (i, pair) in means.windows(2).enumerate() {
        if let [Some(a), Some(b)] = pair {
            let _ = write!(
                out,
                "<line x1=\"{:.3}%\" y1=\"{:.1}\" x2=\"{:.3}%\" y2=\"{:.1}\" stroke=\"#0969da\" stroke-width=\"2.5\" />",
                x(i),
                y(*a),
                x(i + 1),
                y(*b)
            );
        }
    }
    for (i, mean) in means.iter().enumerate() {
        match mean {
            Some(m) => {
                let _ = write!(
                    out,
                    "<circle cx=\"{:.3}%\" cy=\"{:.1}\" r=\"6\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"2\" />",
                    x(i),
                    y(*m),
                    dot_colour(*m)
                );
                let _ = write!(
                    out,
                    "<text x=\"{:.3}%\" y=\"{:.1}\" font-size=\"11\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#1f2328\">{}</text>",
                    x(i),
                    y(*m) - 11.0,
                    mean_label(*m)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<text x=\"{:.3}%\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#59636e\">no emotions</text>",
                    x(i),
                    y(0.0) - 6.0
                );
            }
        }
    }
    out.push_str("</svg>");
}

pub(crate) fn dot_colour(mean: f64) -> &'static str {
    match Tone::of(mean) {
        Tone::Positive => "#1a7f37",
        Tone::Negative => "#cf222e",
        Tone::Neutral => "#bf8700",
    }
}
