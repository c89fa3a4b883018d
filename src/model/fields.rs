//! The optional card fields that take one of a fixed set of values: how well a card is
//! known, and where an opportunity stands.

/// How well what a card says is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Evidence {
    /// Believed, not yet checked.
    Assumption,
    /// Seen happen: in an interview, a support ticket, a recording.
    Observed,
    /// Checked and confirmed: by a test, a metric, a study.
    Validated,
}

impl Evidence {
    pub const ALL: [Evidence; 3] = [
        Evidence::Assumption,
        Evidence::Observed,
        Evidence::Validated,
    ];

    /// The word used in the file format (and in JSON).
    pub fn key(self) -> &'static str {
        match self {
            Evidence::Assumption => "assumption",
            Evidence::Observed => "observed",
            Evidence::Validated => "validated",
        }
    }

    pub fn from_key(key: &str) -> Option<Evidence> {
        Evidence::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// Where an opportunity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Nobody has started on it.
    Open,
    /// Someone has taken it on and it is planned.
    Planned,
    /// It has been done.
    Done,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Open, Status::Planned, Status::Done];

    /// The word used in the file format (and in JSON).
    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Planned => "planned",
            Status::Done => "done",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_each_value_once_and_read_back() {
        for e in Evidence::ALL {
            assert_eq!(Evidence::from_key(e.key()), Some(e));
        }
        for s in Status::ALL {
            assert_eq!(Status::from_key(s.key()), Some(s));
        }
        assert_eq!(Evidence::from_key("Observed"), None);
        assert_eq!(Status::from_key("closed"), None);
    }
}
