//! What a three-way merge leaves when both sides changed the same thing in different ways:
//! both versions, each marked with the side it came from, in a map that still loads.

/// The side of a merge a conflicted card's version comes from. A conflict keeps ours'
/// version followed by theirs'; a card edited on one side and deleted on the other keeps
/// only the edited version, marked with its side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Ours, Side::Theirs];

    /// The word used in the file format (and in JSON).
    pub fn key(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }

    pub fn from_key(key: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn other(self) -> Side {
        match self {
            Side::Ours => Side::Theirs,
            Side::Theirs => Side::Ours,
        }
    }
}
