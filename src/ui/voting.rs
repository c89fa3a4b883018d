//! The screens of a voting round: the settings, the hand-over between participants, a
//! participant's ballot (their own dots and how many are left, never a total), the
//! facilitator's counts, and the questions about aborting and resuming. The board is not
//! drawn during a round, so no vote count of any card can show.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::dialogs::framed;
use super::{Theme, list, put, status};
use crate::app::geometry::ListScreen;
use crate::app::voting::{Round, Step};
use crate::app::{Mode, View};
use crate::keymap::{self, Binding};
use crate::model::Slot;
use crate::{present, text};

/// Draws a round's screen over the whole area.
pub fn render(buf: &mut Buffer, area: Rect, app: &View<'_>, step: Step, theme: &Theme) {
    let Some(screen) = super::full_screen(buf, area, app, theme) else {
        return;
    };
    let body = screen.body();
    match (step, &app.room.round) {
        (Step::ResumeOffer, _) => resume_offer(buf, body, app, theme),
        (Step::Settings, Some(round)) => settings(buf, body, round, theme),
        (Step::Handover | Step::ConfirmAbort, Some(round)) if round.live => {
            live_progress(buf, body, app, round, theme);
            if step == Step::ConfirmAbort {
                confirm_abort(buf, body, round, theme);
            }
        }
        (Step::Handover | Step::ConfirmAbort, Some(round)) => {
            handover(buf, body, round, theme);
            if step == Step::ConfirmAbort {
                confirm_abort(buf, body, round, theme);
            }
        }
        (Step::Turn, Some(round)) => ballot(buf, &screen, app, round, Ballot::Turn, theme),
        (Step::Counts, Some(round)) => ballot(buf, &screen, app, round, Ballot::Counts, theme),
        (Step::Live, Some(round)) => ballot(buf, &screen, app, round, Ballot::Live, theme),
        _ => {}
    }
    status::footer(buf, screen.footer, app, theme);
}

fn settings(buf: &mut Buffer, body: Rect, round: &Round, theme: &Theme) {
    let rows = round.settings.rows();
    let inner = framed(buf, body, 50, rows.len() as u16 + 2, "Voting round", theme);
    put(
        buf,
        inner.x,
        inner.y,
        "How the room votes (←/→ change, Enter starts):",
        inner.width,
        theme.dim,
    );
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = inner.y + 2 + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let style = if i == round.settings_row {
            theme.selected
        } else {
            theme.card
        };
        put(buf, inner.x, y, "", inner.width, style);
        put(
            buf,
            inner.x + 1,
            y,
            label,
            inner.width.saturating_sub(10),
            style,
        );
        let value = format!("{value:>5}");
        let x = inner.right().saturating_sub(7);
        put(buf, x, y, &value, 6, style);
    }
}

/// The screen between participants: nothing of anyone's dots, only whose turn is next.
fn handover(buf: &mut Buffer, body: Rect, round: &Round, theme: &Theme) {
    let line = format!(
        "Participant {} — press Enter when you have the keyboard",
        round.participant()
    );
    let width = usize::from(body.width.saturating_sub(4)).max(1);
    let lines = text::wrap(&line, width);
    let mid = body.y + body.height / 2;
    let top = mid.saturating_sub(lines.len() as u16 / 2);
    for (i, l) in lines.iter().enumerate() {
        let w = text::width(l) as u16;
        let x = body.x + body.width.saturating_sub(w) / 2;
        put(buf, x, top + i as u16, l, body.width, theme.title);
    }
    let done = match round.done.len() {
        0 => "Each participant gets the keyboard in turn and sees only their own dots.".into(),
        n => format!("Turns taken: {n}. Totals stay hidden until the reveal."),
    };
    let w = (text::width(&done) as u16).min(body.width);
    let y = top + lines.len() as u16 + 1;
    if y < body.bottom() {
        let x = body.x + body.width.saturating_sub(w) / 2;
        put(buf, x, y, &done, body.width, theme.dim);
    }
}

/// The facilitator's screen while everyone votes at once: who is done and how many dots
/// are still out, never a total.
fn live_progress(buf: &mut Buffer, body: Rect, app: &View<'_>, round: &Round, theme: &Theme) {
    let here = app
        .room
        .live
        .as_ref()
        .map_or(0, |l| l.here().saturating_sub(1));
    let mut lines = vec![
        format!(
            "Everyone votes on their own screen: {}",
            round.progress(here)
        ),
        "Totals stay hidden until R reveals them.".to_string(),
        String::new(),
    ];
    let members = app.room.live.as_ref().map_or(&[][..], |l| &l.members[..]);
    for ballot in &round.seats {
        let mut state = if ballot.done {
            "done".to_string()
        } else {
            format!(
                "{} left",
                present::count(round.dots_left_of(ballot.seat) as usize, "dot")
            )
        };
        // One whose connection went is not about to finish: the facilitator may go on.
        if members.iter().any(|m| m.seat == ballot.seat && !m.here) {
            state.insert_str(0, "away · ");
        }
        lines.push(format!("{:<24} {state}", text::sanitize(&ballot.name)));
    }
    if round.done.is_empty() {
        lines.push(String::new());
        lines.push("Enter gives someone without a screen a turn at this keyboard.".to_string());
    } else {
        lines.push(format!(
            "Turns taken at this keyboard: {}.",
            round.done.len()
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        let y = body.y + 1 + i as u16;
        if y >= body.bottom() {
            break;
        }
        let style = if i == 0 { theme.title } else { theme.dim };
        put(
            buf,
            body.x + 2,
            y,
            line,
            body.width.saturating_sub(4),
            style,
        );
    }
}

fn confirm_abort(buf: &mut Buffer, body: Rect, round: &Round, theme: &Theme) {
    let lines = [format!(
        "The dots of {} are thrown away; no card's votes change.",
        present::count(round.done.len(), "participant")
    )];
    question(
        buf,
        body,
        "Abort the round?",
        &lines,
        keymap::VOTING_ABORT,
        theme,
    );
}

fn resume_offer(buf: &mut Buffer, body: Rect, app: &View<'_>, theme: &Theme) {
    let lines = [
        "A voting round was under way when the editor ended. Resume it where it stopped?"
            .to_string(),
        "No totals show until the reveal.".to_string(),
    ];
    question(
        buf,
        body,
        "Interrupted voting round",
        &lines,
        keymap::VOTING_RESUME,
        theme,
    );
    let _ = app;
}

/// A box with some lines and the keys that answer it: the dialogs' own box.
fn question(
    buf: &mut Buffer,
    body: Rect,
    title: &str,
    lines: &[String],
    keys: &[Binding],
    theme: &Theme,
) {
    super::dialogs::menu(buf, body, title, lines, keys, theme);
}

/// A participant's ballot (their own dots) or the facilitator's counts: the voting lanes'
/// cards in map order. Never a total.
fn ballot(
    buf: &mut Buffer,
    screen: &ListScreen,
    app: &View<'_>,
    round: &Round,
    which: Ballot,
    theme: &Theme,
) {
    let settings = &round.settings;
    let counts = which == Ballot::Counts;
    let mine = round.ballot_of(app.seat.id).map(|b| &b.ballot);
    let title = match which {
        Ballot::Counts => {
            "Counts from raised hands: type the number of hands for each card".to_string()
        }
        Ballot::Turn => format!(
            "Participant {} · dots left: {} of {} · at most {} on one card",
            round.participant(),
            round.dots_left(),
            settings.dots,
            settings.cap
        ),
        Ballot::Live => format!(
            "Your dots · left: {} of {} · at most {} on one card",
            round.dots_left_of(app.seat.id),
            settings.dots,
            settings.cap
        ),
    };
    let cursor = match which {
        Ballot::Live => app.seat.ballot_list(),
        Ballot::Turn | Ballot::Counts => &round.list,
    };
    let bar = screen.title;
    put(
        buf,
        bar.x + 1,
        bar.y,
        &title,
        bar.width.saturating_sub(2),
        theme.title,
    );
    list::render(buf, screen, cursor, round.cards.len(), theme, |i| {
        let slot = *round.cards.get(i)?;
        let n = match which {
            Ballot::Counts => round.counts.on(slot),
            Ballot::Turn => round.current.on(slot),
            Ballot::Live => mine.map_or(0, |b| b.on(slot)),
        };
        let mark = if counts {
            if n > 0 {
                format!("✋{n}")
            } else {
                String::new()
            }
        } else {
            dots(n)
        };
        Some(list::Row {
            mark,
            mark_width: 7,
            card: card_text(app, slot),
            right: place(app, slot, !settings.hide_votes && !counts),
        })
    });
}

/// Whose dots a ballot screen shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ballot {
    /// The participant whose turn it is at the one terminal.
    Turn,
    /// The facilitator's counts from raised hands.
    Counts,
    /// A live participant's own, on their own screen.
    Live,
}

/// A participant's own dots on one card: `●●`, or `●×12` when there are many.
fn dots(n: u16) -> String {
    match n {
        0 => String::new(),
        1..=5 => "●".repeat(usize::from(n)),
        _ => format!("●×{n}"),
    }
}

/// Where a card sits, for the right of its row: "Stage · Pain point"; with its votes
/// before the round when the settings show them.
pub(super) fn place(app: &View<'_>, slot: Slot, with_votes: bool) -> String {
    let stage = app
        .room
        .map
        .stages
        .get(slot.stage)
        .map_or("", |s| s.name.as_str());
    let stage = text::sanitize(stage);
    let stage = text::ellipsize(&stage, 24);
    let lane = status::singular(slot.lane);
    let votes = app
        .room
        .map
        .stages
        .get(slot.stage)
        .and_then(|s| s.lane(slot.lane).get(slot.index))
        .map_or(0, |c| c.votes);
    if with_votes && votes > 0 {
        format!("{} before · {stage} · {lane}", present::votes_label(votes))
    } else {
        format!("{stage} · {lane}")
    }
}

pub(super) fn card_text<'a>(app: &View<'a>, slot: Slot) -> &'a str {
    app.room
        .map
        .stages
        .get(slot.stage)
        .and_then(|s| s.lane(slot.lane).get(slot.index))
        .map_or("", |c| c.text.as_str())
}

/// Whether the round's screens are what the app shows now.
pub fn showing(app: &View<'_>) -> Option<Step> {
    match app.seat.mode {
        Mode::Voting(step) => Some(step),
        _ => None,
    }
}
