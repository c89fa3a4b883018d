/// The four horizontal bands of a journey map, in board order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lane {
    Touchpoints,
    Emotions,
    PainPoints,
    Opportunities,
}

impl Lane {
    pub const ALL: [Lane; 4] = [
        Lane::Touchpoints,
        Lane::Emotions,
        Lane::PainPoints,
        Lane::Opportunities,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The field name used in the file format (and in CSV exports).
    pub fn key(self) -> &'static str {
        match self {
            Lane::Touchpoints => "touchpoints",
            Lane::Emotions => "emotions",
            Lane::PainPoints => "pain_points",
            Lane::Opportunities => "opportunities",
        }
    }

    /// The heading shown to people.
    pub fn title(self) -> &'static str {
        match self {
            Lane::Touchpoints => "Touchpoints",
            Lane::Emotions => "Emotions",
            Lane::PainPoints => "Pain points",
            Lane::Opportunities => "Opportunities",
        }
    }

    pub fn from_key(key: &str) -> Option<Lane> {
        Lane::ALL.into_iter().find(|lane| lane.key() == key)
    }

    pub fn next(self) -> Lane {
        Lane::ALL[(self.index() + 1) % 4]
    }

    pub fn prev(self) -> Lane {
        Lane::ALL[(self.index() + 3) % 4]
    }
}
