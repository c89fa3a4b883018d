//! Which card is which while a map is open. Several people work on one map at once, and
//! each one's selection, text input and undo must stay on *their* card when others add,
//! move or delete cards around it: a position cannot say that, an identity can.
//!
//! The identity lives in memory only. It is never written to a file, and two cards that say
//! the same thing are equal whatever their identities: it is bookkeeping, not content.

use std::sync::atomic::{AtomicU64, Ordering};

/// The identity of one card for as long as the program runs. Every new card gets a fresh
/// one; a clone is the same card (an edit clones a card, changes it and puts it back).
#[derive(Debug, Clone, Copy)]
pub struct CardId(u64);

static NEXT: AtomicU64 = AtomicU64::new(1);

impl CardId {
    /// A new identity, different from every other one given out in this process.
    pub fn fresh() -> Self {
        CardId(NEXT.fetch_add(1, Ordering::Relaxed))
    }

    /// A number for tables keyed by card (`==` on `CardId` cannot tell cards apart).
    pub fn key(self) -> u64 {
        self.0
    }

    /// Whether `self` and `other` are the same card (the `==` of cards ignores identity).
    pub fn same(self, other: CardId) -> bool {
        self.0 == other.0
    }
}

impl Default for CardId {
    fn default() -> Self {
        CardId::fresh()
    }
}

/// Identity is not content: every card compares equal on this field.
impl PartialEq for CardId {
    fn eq(&self, _: &CardId) -> bool {
        true
    }
}

impl Eq for CardId {}

#[cfg(test)]
mod tests {
    use crate::model::Card;

    #[test]
    fn every_card_is_another_card_but_content_decides_equality() {
        let a = Card::new("Search ad");
        let b = Card::new("Search ad");
        assert!(!a.id.same(b.id));
        assert_eq!(a, b, "identity is not content");
        let c = a.clone();
        assert!(c.id.same(a.id), "a clone is the same card");
    }
}
