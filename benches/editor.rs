//! Editor performance budgets, on the reference maps (N cards in every lane of five stages):
//!
//! - `render/<variant>/<N>`: one frame of the board at 200x60 (`zoom/<N>`: zoomed on the
//!   middle stage), as the event loop draws it
//!   (`Terminal::draw` with `ui::draw`, so the buffer diff is included; the backend is an
//!   in-memory `TestBackend`). Budget: ≤ 1 ms at every N, N = 10,000 within 1.2x of N = 100.
//! - `key/<key>/<N>`: one key handled (`App::update`) and the frame drawn after it.
//!   Budget: ≤ 2 ms at N = 10,000. The keys: `move` (Down), the three keys of adding a card
//!   (`add_open` is `a`, `add_type` one typed character, `add_submit` Enter), `vote` (+),
//!   `vote_after_snapshot` (+ while a snapshot of the map shares its lanes, as right after
//!   the recovery copy was taken) and `undo` (u). Whatever a key changes is put back
//!   outside the timed part, so every iteration measures the same key on the same map.
//!   `two_seats`: a vote on one seat with its frame, plus a second seat of the same room
//!   catching up and drawn (budget: what two frames cost, ≤ 4 ms at N = 10,000).
//!
//! The selection sits in the middle of a big lane of the middle stage, where an editor that
//! does work in proportion to the map would show it most.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use journeymap::app::{self, Action, App, Event, InputOp, Role, Seat, SeatId, Slot};
use journeymap::model::{Lane, Map};
use journeymap::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::{SIZES, Variant};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// An editor on `map` in a 200x60 terminal, with the selection in the middle of the
/// pain points of the middle stage, and one frame already drawn.
struct Editor {
    app: App,
    terminal: Terminal<TestBackend>,
    theme: Theme,
    /// A snapshot of the map, as the recovery copy keeps one: it shares the lanes, so the
    /// next edit of a lane copies that lane.
    snapshot: Option<Map>,
}

impl Editor {
    fn new(map: Map) -> Editor {
        let n = map.stages[2].lane(Lane::PainPoints).len();
        let mut app = App::new(map, Some("reference.ron".into()));
        app.event(Event::Resize {
            width: WIDTH,
            height: HEIGHT,
        });
        app.seat.selection = Slot {
            stage: 2,
            lane: Lane::PainPoints,
            index: n / 2,
        };
        // Any action runs the "keep the selection in view" step after the jump above.
        app.event(Event::Resize {
            width: WIDTH,
            height: HEIGHT,
        });
        let terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
        let mut editor = Editor {
            app,
            terminal,
            theme: Theme::color(),
            snapshot: None,
        };
        editor.draw();
        editor
    }

    fn draw(&mut self) {
        let Editor {
            app,
            terminal,
            theme,
            ..
        } = self;
        let frame = terminal
            .draw(|frame| ui::draw(frame, &app.room, &app.seat, theme))
            .expect("test backend");
        black_box(frame.buffer.area);
    }

    /// One key handled and the frame drawn: what a keypress costs the user.
    fn key(&mut self, action: Action) {
        black_box(self.app.update(action));
        self.draw();
    }

    /// Times `key` once per iteration; `before` and `after` run untimed around it to set up
    /// the key and to undo what it did.
    fn time_key(
        &mut self,
        iters: u64,
        mut before: impl FnMut(&mut Editor),
        key: impl Fn() -> Action,
        mut after: impl FnMut(&mut Editor),
    ) -> Duration {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            before(self);
            let start = Instant::now();
            self.key(key());
            total += start.elapsed();
            after(self);
        }
        total
    }
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    // The N = 10,000 vs N = 100 ratio compares two figures of about 0.35 ms: more samples
    // over a longer time keep a burst of load on a shared machine from deciding it.
    group
        .sample_size(60)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    let cases = SIZES
        .iter()
        .map(|&n| (Variant::Plain, n))
        .chain([(Variant::Unicode, 10_000), (Variant::Long, 10_000)])
        // Three long cards a lane: each wrapped onto three lines, the most a frame wraps.
        .chain([(Variant::Long, 3)]);
    for (variant, n) in cases {
        let mut editor = Editor::new(common::reference_map(n, variant));
        group.bench_function(BenchmarkId::new(variant.name(), n), |b| {
            b.iter(|| editor.draw())
        });
    }
    // Zoom (`z`): the middle stage fills the screen; only the cards near the selection are
    // laid out, so N = 10,000 costs what N = 100 does.
    for n in [100, 10_000] {
        let mut editor = Editor::new(common::reference_map(n, Variant::Plain));
        editor.app.update(Action::Zoom);
        group.bench_function(BenchmarkId::new("zoom", n), |b| b.iter(|| editor.draw()));
    }
    // A list of 500 lines pasted into the input, not yet added: the input shows its end.
    let mut editor = Editor::new(common::reference_map(100, Variant::Plain));
    editor.app.update(Action::AddCard);
    let list: Vec<String> = (0..500)
        .map(|i| format!("Idea {i} from the wall"))
        .collect();
    editor.app.update(Action::Paste(list.join("\n")));
    group.bench_function(BenchmarkId::new("pasted_list", 500), |b| {
        b.iter(|| editor.draw())
    });
    group.finish();
}

fn keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("key");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(2000));
    for n in SIZES {
        let mut editor = Editor::new(common::reference_map(n, Variant::Plain));
        let home = editor.app.seat.selection;

        // Down through the pain points; back to the middle before the end of the lane.
        group.bench_function(BenchmarkId::new("move", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(
                    iters,
                    |e| {
                        if e.app.seat.selection.index + 2 >= n {
                            e.app.seat.selection = home;
                        }
                    },
                    || Action::Down,
                    |_| {},
                )
            })
        });

        // `a` opens the inline editor for a new card below the selection.
        group.bench_function(BenchmarkId::new("add_open", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(iters, |_| {}, || Action::AddCard, |e| e.key(Action::Cancel))
            })
        });

        // One character typed into the new card.
        editor.key(Action::AddCard);
        for c in "Slow".chars() {
            editor.key(Action::Input(InputOp::Insert(c)));
        }
        group.bench_function(BenchmarkId::new("add_type", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(
                    iters,
                    |_| {},
                    || Action::Input(InputOp::Insert('x')),
                    |e| e.key(Action::Input(InputOp::Backspace)),
                )
            })
        });
        // Esc on typed text asks first; the second one throws it away.
        editor.key(Action::Cancel);
        editor.key(Action::Cancel);

        // The first letter of a search: every card of the map is looked at (later letters
        // only refine the matches of the earlier ones).
        editor.key(Action::Search);
        group.bench_function(BenchmarkId::new("search_type", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(
                    iters,
                    |_| {},
                    || Action::Input(InputOp::Insert('e')),
                    |e| e.key(Action::Input(InputOp::Backspace)),
                )
            })
        });
        editor.key(Action::Cancel);

        // Enter adds the card to the map; undone afterwards so the lane keeps its size.
        group.bench_function(BenchmarkId::new("add_submit", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(
                    iters,
                    |e| {
                        e.key(Action::AddCard);
                        for c in "Slow page".chars() {
                            e.key(Action::Input(InputOp::Insert(c)));
                        }
                    },
                    || Action::Submit,
                    |e| {
                        // Enter opened the next card (quick capture): Esc ends the run.
                        e.key(Action::Cancel);
                        e.key(Action::Undo);
                        e.app.seat.selection = home;
                    },
                )
            })
        });

        // `+` on a pain point adds a vote; undone afterwards.
        group.bench_function(BenchmarkId::new("vote", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(iters, |_| {}, || Action::VoteUp, |e| e.key(Action::Undo))
            })
        });

        // `+` right after a snapshot of the map was taken (the editor takes one for the
        // recovery copy a moment after changes): the vote copies the lane it changes.
        group.bench_function(BenchmarkId::new("vote_after_snapshot", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(
                    iters,
                    |e| e.snapshot = Some(e.app.room.map.clone()),
                    || Action::VoteUp,
                    |e| {
                        e.snapshot = None;
                        e.key(Action::Undo);
                    },
                )
            })
        });

        // `u` undoes a vote made just before.
        group.bench_function(BenchmarkId::new("undo", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(iters, |e| e.key(Action::VoteUp), || Action::Undo, |_| {})
            })
        });

        // Two seats on one room: a vote on the first seat, its frame, and the second seat
        // (a participant at 120x40, on the card below) catching up and drawn.
        let mut other = Seat::new(SeatId(1), Role::Participant, "other");
        app::handle(
            &mut editor.app.room,
            &mut other,
            Event::Resize {
                width: 120,
                height: 40,
            },
        );
        other.select(
            &editor.app.room,
            Slot {
                index: home.index + 1,
                ..home
            },
        );
        let mut other_terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        group.bench_function(BenchmarkId::new("two_seats", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    editor.key(Action::VoteUp);
                    app::catch_up(&mut editor.app.room, &mut other);
                    let frame = other_terminal
                        .draw(|f| ui::draw(f, &editor.app.room, &other, &editor.theme))
                        .expect("test backend");
                    black_box(frame.buffer.area);
                    total += start.elapsed();
                    editor.key(Action::Undo);
                }
                total
            })
        });
        assert_eq!(
            editor.app.room.map.stages[2].lane(Lane::PainPoints).len(),
            n,
            "every key was put back"
        );
    }
    group.finish();
}

/// A live workshop's room in process, as `journeymap host` serves it (without the SSH
/// transport, which `examples/live_bench.rs` measures). Budgets: one frame (50 ms) each.
///
/// - `live/reveal/300`: thirty participants' 300 private cards revealed by the facilitator,
///   then every one of the 31 screens caught up and drawn at 120x40;
/// - `live/dot_to_roster/30`: a participant's dot and "done", then the facilitator's screen
///   (who is done, dots still out) caught up and drawn, in a room of thirty voting at once.
fn live(c: &mut Criterion) {
    use journeymap::app::live::{Live, Member};
    use journeymap::app::phase::{self, Phase};
    use journeymap::model::Card;

    const SEATS: u32 = 30;
    let mut group = c.benchmark_group("live");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(2000));
    let theme = Theme::plain();
    let mut map = common::reference_map(100, Variant::Plain);
    for stage in &mut map.stages {
        for lane in Lane::ALL {
            stage.lane_mut(lane).truncate(2);
        }
    }
    let mut room = app::Room::new(map, None);
    let mut ana = Seat::new(SeatId(0), Role::Facilitator, "Ana");
    let mut people: Vec<Seat> = (1..=SEATS)
        .map(|i| Seat::new(SeatId(i), Role::Participant, format!("P{i}")))
        .collect();
    room.live = Some(Live {
        members: std::iter::once(&ana)
            .chain(&people)
            .map(|s| Member {
                seat: s.id,
                name: s.name.clone(),
                role: s.role,
                here: true,
            })
            .collect(),
        ..Live::default()
    });
    let size = Event::Resize {
        width: 120,
        height: 40,
    };
    for seat in std::iter::once(&mut ana).chain(people.iter_mut()) {
        app::handle(&mut room, seat, size.clone());
    }
    let mut terminals: Vec<Terminal<TestBackend>> = (0..=SEATS)
        .map(|_| Terminal::new(TestBackend::new(120, 40)).expect("test backend"))
        .collect();

    // Ten private cards from each of the thirty, written through their own keys.
    app::update(&mut room, &mut ana, Action::Phase(Phase::Writing));
    for (i, seat) in people.iter_mut().enumerate() {
        for k in 0..10 {
            app::update(&mut room, seat, Action::JumpStage(k % 5));
            app::update(&mut room, seat, Action::AddCard);
            for ch in format!("idea {i} {k}").chars() {
                app::update(&mut room, seat, Action::Input(InputOp::Insert(ch)));
            }
            app::update(&mut room, seat, Action::Submit);
            app::update(&mut room, seat, Action::Cancel);
        }
    }
    assert_eq!(room.drafts().len(), 300);
    let (drafts, authors) = room.drafts_as_map();
    group.bench_function(BenchmarkId::new("reveal", 300), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                app::update(&mut room, &mut ana, Action::RevealCards);
                for (seat, terminal) in std::iter::once(&mut ana)
                    .chain(people.iter_mut())
                    .zip(&mut terminals)
                {
                    app::catch_up(&mut room, seat);
                    phase::as_seen_by(&mut room, seat, |room| {
                        let frame = terminal
                            .draw(|f| ui::draw(f, room, seat, &theme))
                            .expect("test backend");
                        black_box(frame.buffer.area);
                    });
                }
                total += start.elapsed();
                app::update(&mut room, &mut ana, Action::Undo);
                room.restore_room(Phase::Writing, &drafts, &authors);
            }
            total
        })
    });
    app::update(&mut room, &mut ana, Action::RevealCards);
    assert_eq!(room.drafts().len(), 0);

    // Everyone votes at once on the pain points and opportunities.
    for stage in &mut room.map.stages {
        stage
            .lane_mut(Lane::PainPoints)
            .push(Card::new("one more pain point"));
    }
    app::update(&mut room, &mut ana, Action::Phase(Phase::Voting));
    app::update(&mut room, &mut ana, Action::Submit);
    let voter = &mut people[0];
    app::catch_up(&mut room, voter);
    let facilitator = &mut terminals[0];
    group.bench_function(BenchmarkId::new("dot_to_roster", SEATS), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                app::update(&mut room, voter, Action::VoteUp);
                app::update(&mut room, voter, Action::Submit);
                app::catch_up(&mut room, &mut ana);
                let frame = facilitator
                    .draw(|f| ui::draw(f, &room, &ana, &theme))
                    .expect("test backend");
                black_box(frame.buffer.area);
                total += start.elapsed();
                app::update(&mut room, voter, Action::VoteDown);
            }
            total
        })
    });
    let round = room.round.as_ref().expect("the round is under way");
    assert_eq!(round.dots_placed(), 0, "every dot was taken back");
    group.finish();
}

/// Dot-voting. Budgets at N = 10,000: the results view opens in ≤ 50 ms and a
/// key in it takes ≤ 2 ms; a key during a round ≤ 2 ms plus the frame. Each figure is the
/// action and the frame drawn after it.
///
/// - `voting/results_open`: `v` (ranks the 2N·5 pain points and opportunities);
/// - `voting/results_move`, `voting/results_filter`: ↓ and Tab in the results;
/// - `voting/turn_move`, `voting/turn_dot`: ↓ and `+` during a participant's turn.
fn voting(c: &mut Criterion) {
    let mut group = c.benchmark_group("voting");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(2000));
    for n in SIZES {
        let mut editor = Editor::new(common::reference_map(n, Variant::Plain));
        group.bench_function(BenchmarkId::new("results_open", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(
                    iters,
                    |_| {},
                    || Action::ShowResults,
                    |e| e.key(Action::Cancel),
                )
            })
        });
        editor.key(Action::ShowResults);
        group.bench_function(BenchmarkId::new("results_move", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(
                    iters,
                    |e| {
                        if e.app
                            .seat
                            .results
                            .as_ref()
                            .is_some_and(|r| r.cursor + 2 >= r.len())
                        {
                            e.key(Action::Cancel);
                            e.key(Action::ShowResults);
                        }
                    },
                    || Action::Down,
                    |_| {},
                )
            })
        });
        group.bench_function(BenchmarkId::new("results_filter", n), |b| {
            b.iter_custom(|iters| editor.time_key(iters, |_| {}, || Action::NextLane, |_| {}))
        });
        editor.key(Action::Cancel);

        // A round on the default lanes, in the first participant's turn.
        editor.key(Action::VotingRound);
        editor.key(Action::Submit);
        editor.key(Action::Submit);
        group.bench_function(BenchmarkId::new("turn_move", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(
                    iters,
                    |e| {
                        if let Some(round) = e.app.room.round.as_mut()
                            && round.cursor + 2 >= round.cards.len()
                        {
                            round.cursor = 0;
                        }
                    },
                    || Action::Down,
                    |_| {},
                )
            })
        });
        group.bench_function(BenchmarkId::new("turn_dot", n), |b| {
            b.iter_custom(|iters| {
                editor.time_key(
                    iters,
                    |_| {},
                    || Action::VoteUp,
                    |e| e.key(Action::VoteDown),
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, render, keys, voting, live);
criterion_main!(benches);
