//! The header line, the detail line under the board and the status bar with key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{Theme, put};
use crate::app::phase::Phase;
use crate::app::timer::{Display, FINAL_SECONDS, clock};
use crate::app::{Action, Mode, Role, StatusKind, Target, View, roles};
use crate::model::Lane;
use crate::text;
use crate::{keymap, present};

/// The workshop's phase as this seat sees it: "private writing · 14 cards from 5 people",
/// "voting · 2 dots left", "discussion · following Ana". Never a total, never a hidden text.
pub fn phase_line(app: &View<'_>, here: usize) -> String {
    let room = app.room;
    let mut line = room.phase().label().to_string();
    let participant = app.seat.role == Role::Participant;
    match room.phase() {
        Phase::Writing => {
            if participant {
                let mine = room
                    .drafts()
                    .iter()
                    .filter(|d| d.author == app.seat.id)
                    .count();
                line.push_str(&format!(" · yours: {mine}"));
            }
            line.push_str(&format!(" · {}", room.drafts_count()));
        }
        Phase::Voting => match &room.round {
            Some(round) if participant => {
                let left = round.dots_left_of(app.seat.id);
                let done = round.ballot_of(app.seat.id).is_some_and(|b| b.done);
                line.push_str(&match (done, left) {
                    (true, _) => " · you are done".to_string(),
                    (false, n) => format!(" · {} left", present::count(n as usize, "dot")),
                });
            }
            // Participants only: the facilitator is not one of the voters.
            Some(round) => line.push_str(&format!(" · {}", round.progress(here.saturating_sub(1)))),
            None => {}
        },
        Phase::Open | Phase::Discussion => {}
    }
    if let Some(focus) = room.followed_by(app.seat) {
        line.push_str(&format!(" · following {}", text::sanitize(&focus.leader)));
    } else if !participant && room.follow_me() {
        line.push_str(" · follow me");
    }
    line
}

pub fn header(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) {
    let y = area.y;
    // The right end (unsaved marker and file name) is placed first so a long title can
    // never push it off screen.
    let mut right = format!("{} ", app.room.file_label());
    if let Some(live) = &app.room.live {
        // A live session: the facilitator sees how to join, a participant who they are;
        // everyone sees the workshop's phase.
        right = match app.seat.role {
            Role::Facilitator => match live.join.first() {
                Some(join) => format!("{join} · {} here ", live.here()),
                None => format!("live · {} here ", live.here()),
            },
            Role::Participant => format!("{} here ", live.here()),
        };
        right.insert_str(0, &format!("{} · ", phase_line(app, live.here())));
        if app.seat.role == Role::Participant {
            // Who they are comes first: a narrow terminal cuts the end of the line.
            right.insert_str(0, &format!("{} · ", text::sanitize(&app.seat.name)));
        }
    } else if let Some(source) = app.room.source {
        // `view --follow`: what the board shows, the editor's unsaved work or the file.
        right.insert_str(0, &format!("{} · ", source.label()));
        // The facilitator's workshop: its phase, how far a round or private writing is.
        if let Some(line) = app.room.projection.as_ref().and_then(|p| p.line()) {
            right.insert_str(0, &format!("{} · ", text::sanitize(&line)));
        }
    } else if app.room.read_only {
        right.insert_str(0, "[read-only] ");
    }
    // Only the facilitator saves: a participant is not asked to worry about it.
    let dirty = if app.room.is_dirty() && app.seat.role == Role::Facilitator {
        "● unsaved  "
    } else {
        ""
    };
    let (timer, timer_style) = timer_label(app, theme);
    // A live session's line (the phase, how to join) may take most of the width: the
    // room reads it more than the title.
    let share = if app.room.live.is_some() {
        usize::from(area.width) * 3 / 4
    } else {
        usize::from(area.width) / 2
    };
    let right_width =
        (text::width(&right) + text::width(dirty) + text::width(&timer)).min(share) as u16;
    let right_x = area.right() - right_width;
    let mut x = put(buf, area.x, y, " ", 1, theme.header);
    let map = &app.room.map;
    let title = if map.title.is_empty() {
        "(untitled)"
    } else {
        &map.title
    };
    // A title or persona a merge changed both ways is marked as every conflict is.
    let title = match map.title_conflict {
        Some(_) => format!("⚡ {title}"),
        None => title.to_string(),
    };
    let persona = map.persona.as_ref().map(|p| {
        if p.has_conflict() {
            format!("⚡ {}", p.name)
        } else {
            p.name.clone()
        }
    });
    let space = right_x.saturating_sub(x + 2);
    let title_room = if persona.is_some() {
        space * 2 / 3
    } else {
        space
    };
    x = put(
        buf,
        x,
        y,
        &text::ellipsize(&text::sanitize(&title), usize::from(title_room)),
        title_room,
        theme.title,
    );
    if let Some(name) = persona {
        x = put(buf, x, y, "  ·  ", 5, theme.dim);
        let room = right_x.saturating_sub(x + 2);
        put(
            buf,
            x,
            y,
            &text::ellipsize(&text::sanitize(&name), usize::from(room)),
            room,
            theme.header,
        );
    }
    let after = put(buf, right_x, y, &timer, right_width, timer_style);
    let after = put(buf, after, y, dirty, area.right() - after, theme.dirty);
    let name = text::ellipsize(&right, usize::from(area.right() - after));
    put(buf, after, y, &name, area.right() - after, theme.dim);
}

/// The timer as the header shows it: `⏱ 04:59`, standing out in its last seconds, and
/// "TIME'S UP" in words (not only by colour) at zero. Empty while the timer is unused.
fn timer_label(app: &View<'_>, theme: &Theme) -> (String, Style) {
    let loud = theme
        .error
        .add_modifier(Modifier::REVERSED | Modifier::BOLD);
    match app.room.now().and_then(|now| app.room.timer.display(now)) {
        Some(Display::TimesUp) => (" ⏰ TIME'S UP  ".to_string(), loud),
        Some(Display::Left { seconds, running }) => {
            let paused = match (running, app.room.timer.is_ready()) {
                (true, _) => "",
                (false, true) => " (not started)",
                (false, false) => " (paused)",
            };
            let label = format!("⏱ {}{paused}  ", clock(seconds));
            if running && seconds <= FINAL_SECONDS {
                (label, loud)
            } else {
                (label, theme.header)
            }
        }
        None => (String::new(), theme.header),
    }
}

/// The line under the board: the selected card in full, or the stage's question when the
/// lane is empty, or what the open text input is for.
pub fn detail(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) {
    let y = area.y;
    if let (Some((start, _)), Some((_, kind))) = (overflow(app, area.width), &app.seat.status) {
        let style = if *kind == StatusKind::Error {
            theme.error
        } else {
            theme.info
        };
        put(
            buf,
            area.x + 1,
            y,
            &start,
            area.width.saturating_sub(2),
            style,
        );
        return;
    }
    let line = match &app.seat.mode {
        Mode::Editing { target, .. } => editing_hint(app, *target),
        // `m`: the question, with the card it is about.
        Mode::MoveLane => format!(
            "Move to which lane? {}",
            app.selected_card().map_or("", |c| c.text.as_str())
        ),
        _ => match (app.selected_card(), app.selected_stage()) {
            (Some(card), _) => {
                let lane = app.seat.selection.lane;
                let len = app.selected_stage().map_or(0, |s| s.lane(lane).len());
                // A version left by a merge says whose it is; the keys that settle it are
                // on the status bar, so the text (what is compared) keeps the room.
                let side = card
                    .conflict
                    .map_or(String::new(), |side| format!(" ⚡{}", side.key()));
                let mut line = format!(
                    "{} {}/{len}{side}: {}",
                    singular(lane),
                    app.seat.selection.index + 1,
                    card.text
                );
                for fact in present::card_facts(card, lane) {
                    line.push_str(" · ");
                    line.push_str(&fact.labelled());
                }
                line
            }
            (None, Some(stage)) if !stage.description.is_empty() => stage.description.clone(),
            _ => String::new(),
        },
    };
    put(
        buf,
        area.x + 1,
        y,
        &line,
        area.width.saturating_sub(2),
        theme.dim,
    );
}

fn editing_hint(app: &View<'_>, target: Target) -> String {
    let stage_name = |i: usize| {
        app.room
            .map
            .stages
            .get(i)
            .map_or(String::new(), |s| s.name.clone())
    };
    match target {
        Target::NewCard(slot) => {
            let prefix = match slot.lane {
                Lane::Emotions => " (+2 / -1 first: the score)",
                Lane::Touchpoints => " (@channel first: the channel)",
                _ => "",
            };
            format!(
                "New {} in '{}'{prefix}: Enter adds, then the next; Esc ends",
                singular(slot.lane).to_lowercase(),
                stage_name(slot.stage)
            )
        }
        _ => {
            let done = match target {
                Target::CardText(_) => "Editing the card: Enter to keep, Esc to cancel",
                Target::SaveAs => "Enter to save, Esc to cancel",
                _ => "Enter to keep, Esc to cancel",
            };
            match &app.seat.mode {
                // Short enough for 80 columns: what the first key does comes first.
                Mode::Editing { input, .. } if input.is_proposed() => {
                    let enter = if target == Target::SaveAs {
                        "Enter saves"
                    } else {
                        "Enter keeps"
                    };
                    format!("Typing replaces it, any other key edits it · {enter}, Esc cancels")
                }
                _ => done.to_string(),
            }
        }
    }
}

pub fn singular(lane: Lane) -> &'static str {
    match lane {
        Lane::Touchpoints => "Touchpoint",
        Lane::Emotions => "Emotion",
        Lane::PainPoints => "Pain point",
        Lane::Opportunities => "Opportunity",
    }
}

/// The keys the status bar offers right now: (name, hint, essential), the keys that settle
/// a conflicted card first.
fn footer_hints(app: &View<'_>) -> Vec<(String, &'static str, bool)> {
    let bindings = keymap::bindings(&app.seat.mode);
    bindings
        .iter()
        .filter(|b| b.conflicts_only)
        .chain(bindings.iter().filter(|b| !b.conflicts_only))
        .filter(|b| !(app.room.read_only && b.action.changes_map()))
        .filter_map(|b| {
            let hint = hint(app, b)?;
            // A row of several keys named as one (`0..9`) is named so here too.
            let name = match b.keys_label {
                Some(label) => label.to_string(),
                None => keymap::key_name(b.keys.first()?),
            };
            Some((name, hint, b.essential))
        })
        .collect()
}

fn hint_width((name, hint, _): &(String, &str, bool)) -> usize {
    text::width(name) + 1 + text::width(hint) + 2
}

/// The columns a message has on the status bar of `width`, beside quit and help.
fn message_room(hints: &[(String, &str, bool)], width: u16) -> usize {
    let reserved: usize = hints.iter().filter(|h| h.2).map(hint_width).sum();
    usize::from(width.saturating_sub(2)).saturating_sub(reserved + 3)
}

/// A message too long for the status bar (a conflict with theirs' value and the keys that
/// settle it, a failed save's reason, at 80 columns) starts on the line under the board and
/// ends on the status bar: (the line under the board, what the status bar keeps). Not while
/// a text input or the search uses the line under the board.
fn overflow(app: &View<'_>, width: u16) -> Option<(String, String)> {
    // Only under the board: the full-screen lists (a round, the results, the duplicates)
    // have no such line.
    if matches!(
        app.seat.mode,
        Mode::Editing { .. }
            | Mode::Search { .. }
            | Mode::Results
            | Mode::DuplicatePairs
            | Mode::Voting(_)
    ) {
        return None;
    }
    let (message, _) = app.seat.status.as_ref()?;
    let room = message_room(&footer_hints(app), width);
    if text::width(message) <= room {
        return None;
    }
    let mut lines = text::wrap(message, usize::from(width.saturating_sub(2))).into_iter();
    let first = lines.next()?;
    Some((first, lines.collect::<Vec<_>>().join(" ")))
}

/// The status bar: a message when there is one, then the keys that apply right now. Quit
/// and help are always shown; when room runs out, the hints between them go first.
pub fn footer(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) {
    let y = area.y;
    let mut x = area.x + 1;
    let hints = footer_hints(app);
    let need = hint_width;
    let reserved: usize = hints.iter().filter(|h| h.2).map(need).sum();
    let search = match (&app.seat.search, &app.seat.mode) {
        (Some(s), Mode::Normal) if app.seat.status.is_none() => {
            let at = s
                .position(app.seat.selection)
                .map_or("-".into(), |i| i.to_string());
            Some((
                format!("/{}  {at}/{}", s.query, s.count()),
                StatusKind::Info,
            ))
        }
        _ => None,
    };
    // The start of a long message is on the line under the board; the rest, if any, here.
    let rest = overflow(app, area.width).map(|(_, rest)| rest);
    let shown = match &rest {
        Some(rest) if rest.is_empty() => None,
        Some(rest) => app.seat.status.as_ref().map(|(_, kind)| (rest, kind)),
        None => app
            .seat
            .status
            .as_ref()
            .or(search.as_ref())
            .map(|(message, kind)| (message, kind)),
    };
    if let Some((message, kind)) = shown {
        let style = if *kind == StatusKind::Error {
            theme.error
        } else {
            theme.info
        };
        let room = message_room(&hints, area.width);
        x = put(buf, x, y, message, room.max(8) as u16, style);
        x = put(buf, x, y, "   ", 3, theme.dim);
    }
    let mut room = usize::from(area.right().saturating_sub(x)).saturating_sub(reserved);
    for h in &hints {
        if !h.2 {
            if need(h) > room {
                room = 0;
                continue;
            }
            room -= need(h);
        }
        if usize::from(x) + need(h) > usize::from(area.right()) {
            break;
        }
        x = put(buf, x, y, &h.0, 20, theme.key);
        x = put(buf, x + 1, y, h.1, 30, theme.dim);
        x += 2;
    }
}

/// A binding's hint in the status bar, if it applies to the selection (the score keys
/// only on an emotion).
fn hint(app: &View<'_>, binding: &keymap::Binding) -> Option<&'static str> {
    let on_emotion = app.seat.mode == Mode::Normal
        && app.seat.selection.lane == Lane::Emotions
        && app.selected_card().is_some();
    let on_conflict =
        app.seat.mode == Mode::Normal && app.selected_card().is_some_and(|c| c.conflict.is_some());
    // In a live session: the facilitator's roster (the phases), and follow me for a
    // participant who stepped out of it.
    let live = match binding.action {
        Action::Roster if app.room.live.is_some() && app.seat.role == Role::Facilitator => {
            Some("phases")
        }
        Action::FollowMe
            if app.seat.role == Role::Participant
                && app.room.follow_me()
                && app.room.followed_by(app.seat).is_none() =>
        {
            Some("follow")
        }
        _ => None,
    };
    // Undo is offered once there is something of this seat's to undo (private cards keep
    // their own steps while people write).
    let undoable = binding.action != Action::Undo
        || app.room.history.can_undo_by(app.seat.id)
        || app.room.phase() == crate::app::phase::Phase::Writing;
    binding.hint.or(live).filter(|_| {
        undoable
            && (on_emotion || !binding.emotions_only)
            && (on_conflict || !binding.conflicts_only)
            && roles::offered(app, &binding.action)
    })
}
