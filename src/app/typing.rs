//! What a seat is typing, kept across a host that stopped: the text and where it goes, by
//! place and by the card's text (slots and identities do not outlive the process), and
//! taken up again when the participant comes back. The text is never lost: when its card
//! is gone (or cannot be told to be theirs), it is offered as a new card of the same lane.

use super::input::LineInput;
use super::{Mode, Room, Seat, Target};
use crate::model::{CardField, Lane, Slot};

/// Where typed text goes: a new card at the end of a lane (`card` none), or the field
/// `field` of the card of that lane whose text is `card`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedPlace {
    pub stage: usize,
    pub lane: Lane,
    pub card: Option<String>,
    pub field: CardField,
}

/// The text `seat` is typing on a card, and where it goes.
pub fn typed_on_card<'a>(room: &Room, seat: &'a Seat) -> Option<(&'a str, TypedPlace)> {
    let Mode::Editing { target, input } = &seat.mode else {
        return None;
    };
    let (slot, field, new) = match *target {
        Target::NewCard(slot) => (slot, CardField::Text, true),
        Target::CardText(slot) => (slot, CardField::Text, false),
        Target::CardField(field, slot) => (slot, field, false),
        _ => return None,
    };
    // A card not on the map (a private one: the room is kept without them laid out) is
    // known by its lane only, and its text comes back as a new card there.
    let card = if new {
        None
    } else {
        room.card(slot).map(|card| card.text.clone())
    };
    let place = TypedPlace {
        stage: slot.stage,
        lane: slot.lane,
        card,
        field,
    };
    Some((input.text(), place))
}

/// Opens `text` again where it was going: on its card when the card is still there (found
/// by its text in its lane), otherwise as a new card at the end of that lane.
pub fn resume_typing(room: &Room, seat: &mut Seat, text: String, place: &TypedPlace) {
    let stage = place.stage.min(room.map.stages.len().saturating_sub(1));
    let lane = room
        .map
        .stages
        .get(stage)
        .map_or(&[][..], |s| s.lane(place.lane));
    // The seat's own card with that text: a card of someone else's (the same words, or
    // who added it could not be told) is never written over; the text becomes a new card.
    let on_card = place.card.as_ref().and_then(|text| {
        let index = lane
            .iter()
            .position(|card| &card.text == text && room.added_by(card.id, seat.id))?;
        Some(Slot {
            stage,
            lane: place.lane,
            index,
        })
    });
    let target = match on_card {
        Some(slot) if place.field == CardField::Text => Target::CardText(slot),
        Some(slot) => Target::CardField(place.field, slot),
        None => Target::NewCard(Slot {
            stage,
            lane: place.lane,
            index: lane.len(),
        }),
    };
    // The selection holds on to the card, so the text follows it wherever others move it
    // before the participant is back.
    let at = match target {
        Target::NewCard(slot) => Slot {
            index: slot.index.saturating_sub(1),
            ..slot
        },
        Target::CardText(slot) | Target::CardField(_, slot) => slot,
        _ => seat.selection,
    };
    seat.select(room, at);
    seat.mode = Mode::Editing {
        target,
        input: LineInput::new(text),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Role, SeatId};
    use crate::model::{Card, Map, Stage};

    fn room(opportunities: &[&str]) -> Room {
        let mut map = Map::new("m");
        map.stages.push(Stage::new("One"));
        let mut two = Stage::new("Two");
        for text in opportunities {
            two.lane_mut(Lane::Opportunities).push(Card::new(*text));
        }
        map.stages.push(two);
        Room::new(map, None)
    }

    fn editing(target: Target, text: &str) -> Seat {
        let mut seat = Seat::new(SeatId(1), Role::Participant, String::from("Bob"));
        seat.mode = Mode::Editing {
            target,
            input: LineInput::new(text),
        };
        seat
    }

    fn target(seat: &Seat) -> Target {
        match &seat.mode {
            Mode::Editing { target, .. } => *target,
            other => panic!("not typing: {other:?}"),
        }
    }

    #[test]
    fn an_edit_of_a_card_comes_back_on_that_card_wherever_it_now_is() {
        let before = room(&["Chat", "Call back"]);
        let slot = Slot {
            stage: 1,
            lane: Lane::Opportunities,
            index: 1,
        };
        let seat = editing(Target::CardField(CardField::Owner, slot), "Maya");
        let (text, place) = typed_on_card(&before, &seat).expect("typing on a card");
        assert_eq!((text, place.card.as_deref()), ("Maya", Some("Call back")));
        // After the restart the card is first in its lane, and known to be Bob's.
        let mut after = room(&["Call back", "Chat"]);
        after.restore_added(vec![crate::app::added_by::Added {
            seat: SeatId(1),
            stage: 1,
            lane: Lane::Opportunities,
            text: "Call back".into(),
            nth: 0,
        }]);
        let mut back = Seat::new(SeatId(1), Role::Participant, String::from("Bob"));
        resume_typing(&after, &mut back, text.to_string(), &place);
        let now = Slot { index: 0, ..slot };
        assert_eq!(target(&back), Target::CardField(CardField::Owner, now));
        assert_eq!(back.selection, now);
    }

    #[test]
    fn a_new_card_or_an_edit_of_a_card_now_gone_or_not_theirs_comes_back_as_a_new_card() {
        let before = room(&["Chat"]);
        let slot = Slot {
            stage: 1,
            lane: Lane::Opportunities,
            index: 0,
        };
        for typed in [Target::NewCard(slot), Target::CardText(slot)] {
            let seat = editing(typed, "Live chat at night");
            let (text, place) = typed_on_card(&before, &seat).expect("typing on a card");
            // "Chat" is there, but nobody can tell it is Bob's.
            let after = room(&["Chat", "Another"]);
            let mut back = Seat::new(SeatId(1), Role::Participant, String::from("Bob"));
            resume_typing(&after, &mut back, text.to_string(), &place);
            assert_eq!(target(&back), Target::NewCard(Slot { index: 2, ..slot }));
        }
    }
}
