//! Runs one measured operation of `scripts/bench` in a loop, without criterion in the way,
//! for a profiler:
//!
//!     cargo build --release --example profile
//!     valgrind --tool=callgrind target/release/examples/profile WHAT N VARIANT COUNT
//!
//! on the reference map (N cards in every lane; VARIANT plain, unicode or long). WHAT is
//! `frame` (draw a 200x60 frame); `down`, `vote`, `undo` or `add` (that key, then a frame;
//! `undo` votes first; `add` is a, nine characters, Enter and u); `seat` (a participant of
//! `journeymap host` typing cards of 20 letters on the default template's map, each key drawn
//! on a 100x30 seat screen into the bytes sent, N and VARIANT not used); `check` (`format::from_str`
//! of the canonical text); `save` (`format::to_string`) or `print` (the `text` snapshot).

#[path = "../benches/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use journeymap::app::{self, Action, App, Event, InputOp, Role, Room, Seat, SeatId, Slot};
use journeymap::host::SeatScreen;
use journeymap::model::{Lane, Map};
use journeymap::templates;
use journeymap::ui::{self, Theme};
use journeymap::{export, format};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const USAGE: &str =
    "usage: profile frame|down|vote|undo|add|seat|check|save|print N plain|unicode|long COUNT";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [what, n, variant, count] = &args[..] else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let (Ok(n), Some(variant), Ok(count)) = (
        n.parse::<usize>(),
        common::Variant::from_name(variant),
        count.parse::<usize>(),
    ) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let map = common::reference_map(n, variant);
    let start = Instant::now();
    match what.as_str() {
        "frame" | "down" | "vote" | "undo" | "add" => frames(map, n, what, count),
        "seat" => seat(count),
        "check" => {
            let text = format::to_string(&map);
            for _ in 0..count {
                black_box(format::from_str(&text).expect("valid map"));
            }
        }
        "save" => {
            for _ in 0..count {
                black_box(format::to_string(&map));
            }
        }
        "print" => {
            let options = export::Options::default();
            for _ in 0..count {
                black_box(export::render("text", &map, &options));
            }
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    eprintln!(
        "{count} x {what}: {:?} each",
        start.elapsed() / count.max(1) as u32
    );
    ExitCode::SUCCESS
}

fn frames(map: Map, n: usize, key: &str, count: usize) {
    let mut app = App::new(map, Some("reference.ron".into()));
    let resize = Event::Resize {
        width: 200,
        height: 60,
    };
    app.event(resize.clone());
    app.seat.selection = Slot {
        stage: 2,
        lane: Lane::PainPoints,
        index: n / 2,
    };
    app.event(resize);
    let theme = Theme::color();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    for i in 0..count {
        match key {
            "down" if i % 2 == 0 => app.update(Action::Down),
            "down" => app.update(Action::Up),
            "vote" => app.update(Action::VoteUp),
            "undo" => {
                app.update(Action::VoteUp);
                app.update(Action::Undo)
            }
            "add" => {
                app.update(Action::AddCard);
                for c in "Slow page".chars() {
                    app.update(Action::Input(InputOp::Insert(c)));
                }
                app.update(Action::Submit);
                app.update(Action::Cancel);
                app.update(Action::Undo)
            }
            _ => Vec::new(),
        };
        let frame = terminal
            .draw(|frame| ui::draw(frame, &app.room, &app.seat, &theme))
            .expect("test backend");
        black_box(frame.buffer.area);
    }
}

fn seat(count: usize) {
    let mut room = Room::new(templates::default_map(), None);
    let mut seat = Seat::new(SeatId(1), Role::Participant, String::from("Ana"));
    app::handle(
        &mut room,
        &mut seat,
        Event::Resize {
            width: 100,
            height: 30,
        },
    );
    let mut screen = SeatScreen::new((100, 30));
    let theme = Theme::plain();
    app::update(&mut room, &mut seat, Action::AddCard);
    for i in 0..count {
        let action = if i % 21 == 20 {
            Action::Submit
        } else {
            Action::Input(InputOp::Insert(char::from(b'a' + (i % 26) as u8)))
        };
        app::update(&mut room, &mut seat, action);
        let view = app::View::new(&room, &seat);
        let bytes = screen.draw(|buf| {
            let area = buf.area;
            ui::render(buf, area, &view, &theme)
        });
        black_box(bytes);
    }
}
