//! The diff as people read it: the map's and stages' changes first, then stage by stage and
//! lane by lane, one line per card (`+` added, `-` removed, `~` changed, `>` only moved),
//! the changed words of an edit marked as `git diff --word-diff` marks them
//! (`[-old-]{+new+}`), and the emotion curves before and after.

use std::fmt::Write;

use similar::{ChangeTag, TextDiff};

use anstyle::{AnsiColor, Color, Style};

use super::{CardChange, Field, MapDiff, Move, PersonaChange, StageChange};
use crate::model::{Card, Lane, Map};

const RED: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Red)));
const GREEN: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Green)));
const BOLD: Style = Style::new().bold();
/// Plain text.
const PLAIN: Style = Style::new();

/// How to write the diff.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Colour for a terminal: red for what went, green for what came, bold headings.
    pub color: bool,
}

struct Out<'o> {
    text: String,
    opts: &'o Options,
}

impl Out<'_> {
    /// `s` in `style` when the diff is in colour.
    fn paint(&mut self, style: Style, s: &str) {
        if self.opts.color && style != PLAIN {
            crate::text::paint(&mut self.text, style, s);
        } else {
            self.text.push_str(s);
        }
    }

    fn line(&mut self, style: Style, s: &str) {
        self.paint(style, s);
        self.text.push('\n');
    }
}

/// The diff as text; empty when the maps are the same.
pub fn render(d: &MapDiff, opts: &Options) -> String {
    let mut out = Out {
        text: String::new(),
        opts,
    };
    if d.title_changed {
        out.line(
            PLAIN,
            &format!("title: {} → {}", quote(&d.old.title), quote(&d.new.title)),
        );
    }
    if d.title_conflict_changed {
        out.line(
            PLAIN,
            &format!(
                "title conflict: {} → {}",
                record(d.old.title_conflict.as_deref()),
                record(d.new.title_conflict.as_deref())
            ),
        );
    }
    for change in &d.persona {
        out.line(PLAIN, &persona_line(change));
    }
    for change in &d.stages {
        stage_line(&mut out, d, change);
    }
    let mut section: Option<(String, Option<Lane>)> = None;
    for change in &d.cards {
        let (heading, lane) = heading(d, change);
        if section.as_ref().map(|(h, _)| h) != Some(&heading) {
            out.text.push('\n');
            out.line(BOLD, &escape(&heading));
            section = Some((heading, None));
        }
        if let Some((_, shown)) = &mut section
            && *shown != Some(lane)
        {
            *shown = Some(lane);
            out.line(PLAIN, &format!("  {}", lane.title()));
        }
        card_lines(&mut out, d, change);
    }
    if d.curve_changed() {
        curves(&mut out, d);
    }
    out.text
}

fn persona_line(change: &PersonaChange) -> String {
    match change {
        PersonaChange::Added(p) => format!("persona added: {}", quote(&p.name)),
        PersonaChange::Removed(p) => format!("persona removed: {}", quote(&p.name)),
        PersonaChange::Name(old, new) => format!("persona name: {} → {}", quote(old), quote(new)),
        PersonaChange::Summary(old, new) => format!(
            "persona summary: {} → {}",
            quoted_or_none(old),
            quoted_or_none(new)
        ),
        PersonaChange::GoalAdded(g) => format!("persona goal added: {}", quote(g)),
        PersonaChange::GoalRemoved(g) => format!("persona goal removed: {}", quote(g)),
        PersonaChange::FrustrationAdded(f) => format!("persona frustration added: {}", quote(f)),
        PersonaChange::FrustrationRemoved(f) => {
            format!("persona frustration removed: {}", quote(f))
        }
        PersonaChange::NameConflict(old, new) => {
            format!("persona name conflict: {} → {}", record(*old), record(*new))
        }
        PersonaChange::SummaryConflict(old, new) => format!(
            "persona summary conflict: {} → {}",
            record(*old),
            record(*new)
        ),
    }
}

/// A merge's record of theirs' value, as a diff line shows it: `theirs "…"`, or `none`.
fn record(theirs: Option<&str>) -> String {
    theirs.map_or("none".into(), |t| format!("theirs {}", quote(t)))
}

fn stage_line(out: &mut Out, d: &MapDiff, change: &StageChange) {
    let (old, new) = (&d.old.stages, &d.new.stages);
    match *change {
        StageChange::Added { new: n } => out.line(
            GREEN,
            &format!(
                "stage {} added at {} ({})",
                quote(&new[n].name),
                n + 1,
                cards(new[n].card_count())
            ),
        ),
        StageChange::Removed { old: o } => out.line(
            RED,
            &format!(
                "stage {} removed ({})",
                quote(&old[o].name),
                cards(old[o].card_count())
            ),
        ),
        StageChange::Renamed { old: o, new: n } => out.line(
            PLAIN,
            &format!(
                "stage {} renamed to {}",
                quote(&old[o].name),
                quote(&new[n].name)
            ),
        ),
        StageChange::Moved { old: o, new: n } => out.line(
            PLAIN,
            &format!(
                "stage {} moved from {} to {}",
                quote(&new[n].name),
                o + 1,
                n + 1
            ),
        ),
        StageChange::Described { old: o, new: n } => out.line(
            PLAIN,
            &format!(
                "stage {} description: {} → {}",
                quote(&new[n].name),
                quoted_or_none(&old[o].description),
                quoted_or_none(&new[n].description)
            ),
        ),
        StageChange::Conflict { old: o, new: n } => out.line(
            PLAIN,
            &format!(
                "stage {} name conflict: {} → {}",
                quote(&new[n].name),
                record(old[o].conflict.as_deref()),
                record(new[n].conflict.as_deref())
            ),
        ),
        StageChange::DescriptionConflict { old: o, new: n } => out.line(
            PLAIN,
            &format!(
                "stage {} description conflict: {} → {}",
                quote(&new[n].name),
                record(old[o].description_conflict.as_deref()),
                record(new[n].description_conflict.as_deref())
            ),
        ),
    }
}

/// The stage heading a card change is listed under, and its lane.
fn heading(d: &MapDiff, change: &CardChange) -> (String, Lane) {
    match change {
        CardChange::Added { at, .. } | CardChange::Changed { to: at, .. } => {
            (d.new.stages[at.stage].name.clone(), at.lane)
        }
        CardChange::Removed { at, .. } => match d.stage_matching[at.stage] {
            Some(s) => (d.new.stages[s].name.clone(), at.lane),
            None => (
                format!("{} (removed)", d.old.stages[at.stage].name),
                at.lane,
            ),
        },
    }
}

fn card_lines(out: &mut Out, d: &MapDiff, change: &CardChange) {
    match change {
        CardChange::Added { card, .. } => {
            out.line(GREEN, &format!("    + {}", quote(&card.text)));
            details_of_new(out, card);
        }
        CardChange::Removed { card, .. } => {
            out.line(RED, &format!("    - {}", quote(&card.text)));
        }
        CardChange::Changed {
            from,
            to,
            old,
            new,
            moved,
            fields,
        } => {
            let only_moved = fields.is_empty();
            out.text
                .push_str(if only_moved { "    > " } else { "    ~ " });
            if fields.contains(&Field::Text) {
                out.text.push('"');
                word_diff(out, &old.text, &new.text);
                out.text.push_str("\"\n");
            } else {
                out.line(PLAIN, &quote(&new.text));
            }
            match moved {
                Some(Move::Stage) => out.line(
                    PLAIN,
                    &format!(
                        "        moved from {}, {}",
                        quote(&d.old.stages[from.stage].name),
                        from.lane.title()
                    ),
                ),
                Some(Move::Lane) => {
                    out.line(PLAIN, &format!("        moved from {}", from.lane.title()));
                }
                Some(Move::WithinLane) => out.line(
                    PLAIN,
                    &format!(
                        "        moved along the lane from {} to {}",
                        from.index + 1,
                        to.index + 1
                    ),
                ),
                None => {}
            }
            for field in fields.iter().filter(|f| **f != Field::Text) {
                let (before, after) = (field.value(old), field.value(new));
                out.line(
                    PLAIN,
                    &format!(
                        "        {}: {} → {}",
                        field.key(),
                        shown(*field, &before),
                        shown(*field, &after)
                    ),
                );
            }
        }
    }
}

/// The fields an added card carries besides its text.
fn details_of_new(out: &mut Out, card: &Card) {
    let blank = Card::default();
    for field in Field::changed(&blank, card) {
        if field != Field::Text {
            out.line(
                PLAIN,
                &format!(
                    "        {}: {}",
                    field.key(),
                    shown(field, &field.value(card))
                ),
            );
        }
    }
}

fn shown(field: Field, value: &str) -> String {
    match field {
        _ if value.is_empty() => "none".into(),
        Field::Score | Field::Votes | Field::Evidence | Field::Status | Field::Conflict => {
            value.to_string()
        }
        _ => quote(value),
    }
}

/// The new text with the words taken out as `[-…-]` and the words put in as `{+…+}`.
fn word_diff(out: &mut Out, old: &str, new: &str) {
    let diff = TextDiff::from_words(old, new);
    let mut run: Option<(ChangeTag, String)> = None;
    let flush = |out: &mut Out, run: &mut Option<(ChangeTag, String)>| {
        if let Some((tag, s)) = run.take() {
            let s = escape(&s);
            match tag {
                ChangeTag::Equal => out.text.push_str(&s),
                ChangeTag::Delete => out.paint(RED, &format!("[-{s}-]")),
                ChangeTag::Insert => out.paint(GREEN, &format!("{{+{s}+}}")),
            }
        }
    };
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        // White space between two changed words belongs to the change.
        let value = change.value();
        match &mut run {
            Some((t, s)) if *t == tag => s.push_str(value),
            _ => {
                flush(out, &mut run);
                run = Some((tag, value.to_string()));
            }
        }
    }
    flush(out, &mut run);
}

fn curves(out: &mut Out, d: &MapDiff) {
    out.text.push('\n');
    out.line(BOLD, "Emotion curve (before → after)");
    let mut rows: Vec<(String, Option<f64>, Option<f64>)> = Vec::new();
    let mut back = vec![None; d.new.stages.len()];
    for (o, n) in d.stage_matching.iter().enumerate() {
        if let Some(n) = n {
            back[*n] = Some(o);
        }
    }
    for (n, stage) in d.new.stages.iter().enumerate() {
        let old = back[n].and_then(|o| d.old.stages[o].mean_score());
        rows.push((stage.name.clone(), old, stage.mean_score()));
    }
    for (o, stage) in d.old.stages.iter().enumerate() {
        if d.stage_matching[o].is_none() {
            rows.push((
                format!("{} (removed)", stage.name),
                stage.mean_score(),
                None,
            ));
        }
    }
    let width = rows
        .iter()
        .map(|(name, ..)| crate::text::width(name))
        .max()
        .unwrap_or(0);
    for (name, before, after) in rows {
        let pad = width - crate::text::width(&name);
        let changed = if before == after { " " } else { "*" };
        let _ = writeln!(
            out.text,
            "  {changed} {}{}  {} → {}",
            escape(&name),
            " ".repeat(pad),
            mean(before),
            mean(after)
        );
    }
}

/// A map as lines, one for the title, the persona, each stage and each card, each line
/// saying where it is: what git compares for `git log -p` (textconv), so that a change
/// reads as the lines of the cards it touched.
pub fn listing(map: &Map) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "title: {}", quote(&map.title));
    if let Some(theirs) = &map.title_conflict {
        let _ = writeln!(out, "title conflict: theirs is {}", quote(theirs));
    }
    if let Some(p) = &map.persona {
        let _ = writeln!(out, "persona: {}", quote(&p.name));
        if let Some(theirs) = &p.name_conflict {
            let _ = writeln!(out, "persona name conflict: theirs is {}", quote(theirs));
        }
        if !p.summary.is_empty() {
            let _ = writeln!(out, "persona summary: {}", quote(&p.summary));
        }
        if let Some(theirs) = &p.summary_conflict {
            let _ = writeln!(out, "persona summary conflict: theirs is {}", quote(theirs));
        }
        for goal in &p.goals {
            let _ = writeln!(out, "persona goal: {}", quote(goal));
        }
        for frustration in &p.frustrations {
            let _ = writeln!(out, "persona frustration: {}", quote(frustration));
        }
        if let Some(side) = p.conflict {
            let _ = writeln!(
                out,
                "persona conflict: {} changed it, {} removed it",
                side.key(),
                side.other().key()
            );
        }
    }
    let blank = Card::default();
    for (s, stage) in map.stages.iter().enumerate() {
        let _ = writeln!(out, "\nstage {}: {}", s + 1, quote(&stage.name));
        if !stage.description.is_empty() {
            let _ = writeln!(
                out,
                "{} description: {}",
                escape(&stage.name),
                quote(&stage.description)
            );
        }
        if let Some(theirs) = &stage.description_conflict {
            let _ = writeln!(
                out,
                "{} description conflict: theirs is {}",
                escape(&stage.name),
                quote(theirs)
            );
        }
        if let Some(theirs) = &stage.conflict {
            let _ = writeln!(
                out,
                "{} conflict: theirs named it {}",
                escape(&stage.name),
                quote(theirs)
            );
        }
        for lane in Lane::ALL {
            for card in stage.lane(lane) {
                let _ = write!(
                    out,
                    "{} / {}: {}",
                    escape(&stage.name),
                    lane.title(),
                    quote(&card.text)
                );
                for field in Field::changed(&blank, card) {
                    if field != Field::Text {
                        let _ = write!(
                            out,
                            ", {}: {}",
                            field.key(),
                            shown(field, &field.value(card))
                        );
                    }
                }
                out.push('\n');
            }
        }
    }
    out
}

fn mean(score: Option<f64>) -> String {
    score.map_or_else(|| "   –".to_string(), |s| format!("{s:+.1}"))
}

fn cards(n: usize) -> String {
    format!("{n} card{}", if n == 1 { "" } else { "s" })
}

/// A text in double quotes, its line breaks and quotes escaped so each change is one line.
/// Text in quotes, or `none` for no text at all (as a removed persona reads).
fn quoted_or_none(s: &str) -> String {
    if s.is_empty() {
        "none".into()
    } else {
        quote(s)
    }
}

pub fn quote(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

/// Escapes what would break the line and replaces what a terminal must never see: card
/// texts come from anyone who edited the file.
fn escape(s: &str) -> String {
    let s = s
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t");
    crate::text::sanitize(&s).into_owned()
}
