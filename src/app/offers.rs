//! The offers made on opening, a recovery copy and an interrupted round: take it back,
//! decide later, or discard it. A discard cannot be taken back, so it takes `d`, then `Y`
//! (Shift-y): `d` alone only asks, and any other key calls it off, so words typed ahead
//! into an offer never discard it.

use super::{Action, Ctx, Effect, Mode};

impl Ctx<'_> {
    /// Whether `action` goes on to the offer's own handling: the offer's `discard` key only
    /// asks, and a stray key, or a `Y` with nothing asked, changes nothing.
    pub(super) fn discard_confirmed(
        &mut self,
        action: &Action,
        discard: &Action,
        what: &str,
        take_back: &str,
    ) -> bool {
        let asked = std::mem::take(&mut self.seat.offer_discard_armed);
        match action {
            a if a == discard => {
                self.seat.offer_discard_armed = true;
                self.set_error(format!(
                    "Y (Shift-y) discards {what} for good; {take_back}, Esc keeps it for later"
                ));
                false
            }
            Action::ConfirmDiscard if asked => true,
            Action::ConfirmDiscard | Action::Unbound(_) => {
                if asked {
                    self.set_status(format!("not discarded: d, then Y, discards {what}"));
                }
                false
            }
            _ => true,
        }
    }

    /// A key in the offer of a recovery copy.
    pub(super) fn recovery_key(&mut self, action: Action) -> Option<Effect> {
        let discard = Action::DiscardRecovery;
        if !self.discard_confirmed(&action, &discard, "this copy", "r restores it") {
            return None;
        }
        self.seat.mode = Mode::Normal;
        match action {
            Action::RestoreRecovery => Some(Effect::RestoreRecovery),
            Action::ConfirmDiscard => Some(Effect::DiscardRecovery),
            _ => {
                self.set_status("the recovery copy is kept: it will be offered again next time");
                None
            }
        }
    }
}
