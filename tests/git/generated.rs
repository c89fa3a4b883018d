//! Maps for merge tests, made by a seeded generator that gives every card and stage a hidden
//! id. The merge never sees the ids: they let a test say what a merge must keep and where,
//! independently of how the merge matches cards.

use journeymap::model::{Card, Evidence, Lane, Map, Stage};

/// A small, fast, seeded generator (splitmix64): the same seed gives the same maps.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const WORDS: [&str; 40] = [
    "slow",
    "checkout",
    "fees",
    "chat",
    "price",
    "login",
    "email",
    "trial",
    "invoice",
    "refund",
    "search",
    "review",
    "docs",
    "tutorial",
    "support",
    "ticket",
    "survey",
    "referral",
    "discount",
    "upgrade",
    "mobile",
    "delivery",
    "password",
    "billing",
    "onboarding",
    "guide",
    "community",
    "webinar",
    "newsletter",
    "pricing",
    "contract",
    "renewal",
    "feedback",
    "demo",
    "setup",
    "import",
    "export",
    "report",
    "invite",
    "badge",
];

/// Names the sides give new or renamed stages: few, so both sides often pick the same.
pub const STAGE_NAMES: [&str; 4] = ["Buy", "New", "Return", "Share"];

#[derive(Debug, Clone, PartialEq)]
pub struct GCard {
    pub id: u32,
    pub card: Card,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GStage {
    pub id: u32,
    pub name: String,
    pub description: String,
    pub lanes: [Vec<GCard>; 4],
}

/// A map whose cards and stages carry ids.
#[derive(Debug, Clone, PartialEq)]
pub struct GMap {
    pub stages: Vec<GStage>,
}

/// Hands out ids and card texts no other card has.
pub struct Ids {
    next: u32,
}

impl Ids {
    pub fn new() -> Self {
        Ids { next: 1 }
    }

    pub fn take(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    /// A fresh card: three words and a number, so that no two cards share a text.
    pub fn card(&mut self, rng: &mut Rng, lane: Lane) -> GCard {
        let id = self.take();
        let words: Vec<&str> = (0..3).map(|_| WORDS[rng.below(WORDS.len())]).collect();
        let mut card = Card::new(format!("{} {id}", words.join(" ")));
        card.votes = rng.below(4) as u16;
        if lane == Lane::Emotions {
            card.score = rng.below(5) as i8 - 2;
        }
        GCard { id, card }
    }
}

impl GMap {
    pub fn random(rng: &mut Rng, ids: &mut Ids) -> GMap {
        let stages = (0..1 + rng.below(4))
            .map(|s| {
                let mut stage = GStage {
                    id: ids.take(),
                    name: format!("Stage {s}"),
                    description: String::new(),
                    lanes: Default::default(),
                };
                for lane in Lane::ALL {
                    for _ in 0..rng.below(4) {
                        stage.lanes[lane.index()].push(ids.card(rng, lane));
                    }
                }
                stage
            })
            .collect();
        GMap { stages }
    }

    pub fn to_map(&self) -> Map {
        let mut map = Map::new("Trial");
        for g in &self.stages {
            let mut stage = Stage::new(g.name.clone()).with_description(g.description.clone());
            for lane in Lane::ALL {
                *stage.lane_mut(lane) = g.lanes[lane.index()]
                    .iter()
                    .map(|c| c.card.clone())
                    .collect();
            }
            map.stages.push(stage);
        }
        map
    }

    /// Every card with its stage's id and its lane.
    pub fn cards(&self) -> impl Iterator<Item = (u32, Lane, &GCard)> {
        self.stages.iter().flat_map(|s| {
            Lane::ALL
                .into_iter()
                .flat_map(move |lane| s.lanes[lane.index()].iter().map(move |c| (s.id, lane, c)))
        })
    }

    pub fn card(&self, id: u32) -> Option<&GCard> {
        self.cards().map(|(_, _, c)| c).find(|c| c.id == id)
    }

    fn card_count(&self) -> usize {
        self.cards().count()
    }

    /// The `n`th card's stage, lane and index.
    fn nth(&self, n: usize) -> Option<(usize, Lane, usize)> {
        let mut k = 0;
        for (s, stage) in self.stages.iter().enumerate() {
            for lane in Lane::ALL {
                let len = stage.lanes[lane.index()].len();
                if n < k + len {
                    return Some((s, lane, n - k));
                }
                k += len;
            }
        }
        None
    }

    fn random_card(&self, rng: &mut Rng) -> Option<(usize, Lane, usize)> {
        self.nth(rng.below(self.card_count().max(1)))
    }
}

/// The kinds of change a facilitator makes, as the generator makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    AddCard,
    DeleteCard,
    EditText,
    MoveToStage,
    Reorder,
    Vote,
    EditField,
    RenameStage,
    AddStage,
    DeleteStage,
    MoveStage,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::AddCard,
        Kind::DeleteCard,
        Kind::EditText,
        Kind::MoveToStage,
        Kind::Reorder,
        Kind::Vote,
        Kind::EditField,
        Kind::RenameStage,
        Kind::AddStage,
        Kind::DeleteStage,
        Kind::MoveStage,
    ];
}

/// Makes one change of `kind`, when the map has something to make it on.
pub fn apply(map: &mut GMap, kind: Kind, rng: &mut Rng, ids: &mut Ids, tag: &str) {
    match kind {
        Kind::AddCard => {
            let s = rng.below(map.stages.len());
            let lane = Lane::ALL[rng.below(4)];
            let card = ids.card(rng, lane);
            let cards = &mut map.stages[s].lanes[lane.index()];
            let at = rng.below(cards.len() + 1);
            cards.insert(at, card);
        }
        Kind::DeleteCard => {
            if let Some((s, lane, i)) = map.random_card(rng) {
                map.stages[s].lanes[lane.index()].remove(i);
            }
        }
        Kind::EditText => {
            if let Some((s, lane, i)) = map.random_card(rng) {
                let card = &mut map.stages[s].lanes[lane.index()][i].card;
                let word = WORDS[rng.below(WORDS.len())];
                card.text = format!("{} {word} {tag}", card.text);
            }
        }
        Kind::MoveToStage => {
            if let Some((s, lane, i)) = map.random_card(rng) {
                let card = map.stages[s].lanes[lane.index()].remove(i);
                let to = rng.below(map.stages.len());
                let cards = &mut map.stages[to].lanes[lane.index()];
                let at = rng.below(cards.len() + 1);
                cards.insert(at, card);
            }
        }
        Kind::Reorder => {
            if let Some((s, lane, i)) = map.random_card(rng) {
                let cards = &mut map.stages[s].lanes[lane.index()];
                let card = cards.remove(i);
                let at = rng.below(cards.len() + 1);
                cards.insert(at, card);
            }
        }
        Kind::Vote => {
            if let Some((s, lane, i)) = map.random_card(rng) {
                let card = &mut map.stages[s].lanes[lane.index()][i].card;
                card.votes += 1 + rng.below(2) as u16;
            }
        }
        Kind::EditField => {
            if let Some((s, lane, i)) = map.random_card(rng) {
                let card = &mut map.stages[s].lanes[lane.index()][i].card;
                match rng.below(3) {
                    0 => card.notes = format!("note by {tag}"),
                    1 => card.evidence = Some(Evidence::ALL[rng.below(3)]),
                    _ => card.source = format!("interview {}", rng.below(3)),
                }
            }
        }
        Kind::RenameStage => {
            let s = rng.below(map.stages.len());
            let name = STAGE_NAMES[rng.below(STAGE_NAMES.len())];
            if map.stages.iter().all(|stage| stage.name != name) {
                map.stages[s].name = name.to_string();
            }
        }
        Kind::AddStage => {
            let name = STAGE_NAMES[rng.below(STAGE_NAMES.len())];
            if map.stages.iter().all(|stage| stage.name != name) {
                let mut stage = GStage {
                    id: ids.take(),
                    name: name.to_string(),
                    description: String::new(),
                    lanes: Default::default(),
                };
                for _ in 0..rng.below(3) {
                    let lane = Lane::ALL[rng.below(4)];
                    stage.lanes[lane.index()].push(ids.card(rng, lane));
                }
                let at = rng.below(map.stages.len() + 1);
                map.stages.insert(at, stage);
            }
        }
        Kind::DeleteStage => {
            if map.stages.len() > 1 {
                let s = rng.below(map.stages.len());
                map.stages.remove(s);
            }
        }
        Kind::MoveStage => {
            let s = rng.below(map.stages.len());
            let stage = map.stages.remove(s);
            let at = rng.below(map.stages.len() + 1);
            map.stages.insert(at, stage);
        }
    }
}

/// A side: the base with a few random changes.
pub fn side(base: &GMap, rng: &mut Rng, ids: &mut Ids, tag: &str) -> GMap {
    let mut map = base.clone();
    for _ in 0..rng.below(6) {
        let kind = Kind::ALL[rng.below(Kind::ALL.len())];
        apply(&mut map, kind, rng, ids, tag);
    }
    map
}
