//! The room file of a live session: what the room holds beyond the map (the phase, the
//! seats, the private cards, who added which card, what each participant is typing, the
//! session code and its counts), written as it changes and taken back by the next
//! `journeymap host` on the map after a session that ended without closing.

use std::time::Instant;

use super::{ROOM_FILE_DELAY, Remotes};
use crate::app::added_by::Added;
use crate::app::phase::Phase;
use crate::app::typing::{self, TypedPlace};
use crate::app::{LineInput, Mode, Role, Room, Seat, SeatId, Target};
use crate::format::{AddedFile, RoomFile, SeatFile, TallyFile, TypedAt};
use crate::host::Identity;
use crate::model::{CardField, Lane};

impl Remotes {
    /// The room's file when what it holds changed since it was last written (and not more
    /// often than [`ROOM_FILE_DELAY`]): the phase, the seats, the private cards.
    pub fn room_file_due(&mut self, room: &Room, now: Instant) -> Option<RoomFile> {
        // What the participants are typing counts too, by a hash of it.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for remote in self.here.values() {
            std::hash::Hash::hash(&typed(&remote.seat), &mut hasher);
        }
        let state = (
            room.shown(),
            self.roster ^ std::hash::Hasher::finish(&hasher),
        );
        if self.kept == Some(state)
            || self
                .kept_at
                .is_some_and(|t| now.duration_since(t) < ROOM_FILE_DELAY)
        {
            return None;
        }
        self.kept = Some(state);
        self.kept_at = Some(now);
        Some(self.room_file(room))
    }

    /// What the room file holds now.
    pub fn room_file(&self, room: &Room) -> RoomFile {
        let seat = |who: &Identity, seat: &Seat| SeatFile {
            seat: seat.id.0,
            name: seat.name.clone(),
            key: match who {
                Identity::Key(fingerprint) => Some(fingerprint.clone()),
                Identity::Name(_) => None,
            },
            typed: typed(seat).map(str::to_string),
            typed_at: typing::typed_on_card(room, seat).map(|(_, place)| TypedAt {
                stage: place.stage,
                lane: place.lane.key().to_string(),
                card: place.card,
                field: Some(place.field.key().to_string()),
            }),
        };
        let mut seats: Vec<SeatFile> = self
            .here
            .values()
            .map(|r| seat(&r.who, &r.seat))
            .chain(self.away.iter().map(|(who, s)| seat(who, s)))
            .collect();
        seats.sort_by_key(|s| s.seat);
        let (drafts, authors) = room.drafts_as_map();
        let added = room
            .added_cards()
            .into_iter()
            .map(|a| AddedFile {
                seat: a.seat.0,
                stage: a.stage,
                lane: a.lane.key().to_string(),
                text: a.text,
                nth: a.nth,
            })
            .collect();
        RoomFile {
            phase: room.phase().key().to_string(),
            seats,
            drafts: crate::format::to_string(&drafts),
            authors: authors.iter().map(|a| a.0).collect(),
            added,
            code: Some(self.host.code().to_string()),
            tally: TallyFile {
                people: room.tally.people,
                open_cards: room.tally.open_cards,
                private_cards: room.tally.private_cards,
                dots: room.tally.dots,
            },
        }
    }

    /// Takes back the room of a session that ended: its phase and private cards, who added
    /// which card, the session's counts, and a seat waiting for each participant (by the
    /// same key, or the same name) with what they were typing where it was going.
    pub fn restore(&mut self, room: &mut Room, file: &RoomFile) -> bool {
        let Some(phase) = Phase::from_key(&file.phase) else {
            return false;
        };
        let Ok(drafts) = crate::format::from_str(&file.drafts) else {
            return false;
        };
        let authors: Vec<SeatId> = file.authors.iter().map(|&a| SeatId(a)).collect();
        room.restore_room(phase, &drafts, &authors);
        // Authors first: text being typed goes back to its writer's own card.
        room.restore_added(file.added.iter().filter_map(added).collect());
        for s in &file.seats {
            let who = match &s.key {
                Some(fingerprint) => Identity::Key(fingerprint.clone()),
                None => Identity::Name(s.name.clone()),
            };
            // A number never goes to a newcomer, even one of a seat not taken back.
            self.next_seat = self.next_seat.max(s.seat + 1);
            if self.away.iter().any(|(w, _)| w.same_person(&who)) {
                continue;
            }
            let mut seat = Seat::new(SeatId(s.seat), Role::Participant, s.name.clone());
            if let Some(text) = s.typed.clone().filter(|t| !t.is_empty()) {
                match s.typed_at.as_ref().and_then(typed_place) {
                    Some(place) => typing::resume_typing(room, &mut seat, text, &place),
                    // A file that does not say where: a new card, at the start of the map.
                    None => {
                        seat.mode = Mode::Editing {
                            target: Target::NewCard(seat.selection),
                            input: LineInput::new(text),
                        }
                    }
                }
            }
            self.away.push((who, seat));
        }
        let tally = &mut room.tally;
        tally.people = tally.people.max(file.tally.people).max(file.seats.len());
        tally.open_cards += file.tally.open_cards;
        tally.private_cards += file.tally.private_cards;
        tally.dots += file.tally.dots;
        self.roster += 1;
        self.drawn = None;
        true
    }
}

fn added(a: &AddedFile) -> Option<Added> {
    Some(Added {
        seat: SeatId(a.seat),
        stage: a.stage,
        lane: Lane::from_key(&a.lane)?,
        text: a.text.clone(),
        nth: a.nth,
    })
}

fn typed_place(at: &TypedAt) -> Option<TypedPlace> {
    Some(TypedPlace {
        stage: at.stage,
        lane: Lane::from_key(&at.lane)?,
        card: at.card.clone(),
        field: at
            .field
            .as_deref()
            .map_or(Some(CardField::Text), CardField::from_key)?,
    })
}

/// The text a seat is typing, if it is typing.
pub(super) fn typed(seat: &Seat) -> Option<&str> {
    match &seat.mode {
        Mode::Editing { input, .. } => Some(input.text()),
        _ => None,
    }
}
