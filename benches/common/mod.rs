//! The reference maps of the performance budgets: five stages with `n` cards in
//! every one of the four lanes, so `n = 10_000` is 200,000 cards (about 14 MB of RON).
//!
//! Shared by the criterion benches and by `examples/genmap.rs` (which writes the maps to
//! disk for the real-binary measurements of `scripts/bench`). Deterministic: the same `n`
//! and variant always give the same map, byte for byte.

#![allow(dead_code)] // each bench and example uses a different part of this module

pub mod mirror;

use journeymap::model::{Card, Lane, Map, Persona, Stage};

/// The card counts per lane that every figure is measured at.
pub const SIZES: [usize; 3] = [100, 1_000, 10_000];

/// What the card texts look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Short English sentences, mostly ASCII.
    Plain,
    /// Japanese, Chinese, Korean, Cyrillic, accents (precomposed and combining), emoji with
    /// ZWJ sequences: wide and multi-byte characters everywhere.
    Unicode,
    /// Cards of a few hundred characters, many with long notes.
    Long,
}

impl Variant {
    pub const ALL: [Variant; 3] = [Variant::Plain, Variant::Unicode, Variant::Long];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Plain => "plain",
            Variant::Unicode => "unicode",
            Variant::Long => "long",
        }
    }

    pub fn from_name(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }
}

const STAGES: [(&str, &str); 5] = [
    ("Discover", "How do people first hear of us?"),
    ("Research", "What do they compare, and where?"),
    (
        "Purchase",
        "What happens between the basket and the receipt?",
    ),
    ("Onboarding", "How do the first days with the product go?"),
    ("Renewal", "Why do people stay, or leave?"),
];

const STAGES_UNICODE: [(&str, &str); 5] = [
    (
        "Découvrir 🔍",
        "Comment nous découvre-t-on ? どこで知った？",
    ),
    ("調べる · Research", "比較サイト、口コミ、友だちの意見"),
    ("Kaufen 🛒", "Vom Warenkorb bis zur Quittung — 결제 과정"),
    ("Начало работы", "Первые дни с продуктом 👩‍💻"),
    ("Renovação ♻️", "Porque ficam, ou vão embora? 为什么留下？"),
];

const TOUCHPOINTS: [&str; 12] = [
    "Sees a search ad for the product",
    "Reads a review on a comparison site",
    "Hears about it from a friend",
    "Opens the product page on mobile",
    "Fills in the checkout form",
    "Receives the order confirmation email",
    "Tracks the delivery in the app",
    "Chats with support about the invoice",
    "Reads a help centre article",
    "Downloads the invoice PDF",
    "Visits the store to see it in person",
    "Gets a renewal reminder by email",
];

const EMOTIONS: [&str; 10] = [
    "Curious about the offer",
    "Confused by the price tiers",
    "Relieved that payment worked",
    "Annoyed by the extra fees",
    "Excited to try it out",
    "Worried about the delivery date",
    "Frustrated by the long form",
    "Reassured by the reviews",
    "Proud to show it to colleagues",
    "Bored by the setup steps",
];

const PAIN_POINTS: [&str; 10] = [
    "Shipping cost shown only at the end",
    "Too many fields in the checkout form",
    "No guest checkout",
    "Password rules explained after the error",
    "Delivery window of a whole day",
    "Invoice hard to find",
    "Support hours end at five",
    "Setup guide assumes a desktop",
    "Renewal price higher than advertised",
    "Cancellation only by phone",
];

const OPPORTUNITIES: [&str; 10] = [
    "Show the total price up front",
    "Offer checkout as a guest",
    "Explain password rules before typing",
    "Send a one-hour delivery window",
    "Put invoices in the account page",
    "Add weekend chat support",
    "Mobile-first setup guide",
    "Remind customers before renewal",
    "Let people cancel online",
    "Reward referrals from friends",
];

const UNICODE_TEXTS: [&str; 12] = [
    "比較サイトでレビューを読む 📱",
    "Café ☕ — le prix affiché trop tard 😟",
    "注文確認メールが届かない 📧",
    "Zahlung fehlgeschlagen ❌ — noch einmal versuchen",
    "배송 조회가 안 돼요 🚚",
    "Ödeme sayfası çok yavaş 🐢",
    "Пароль не подходит, правила не объяснены",
    "客服下班太早了 😤",
    "Nai\u{308}ve pricing, cafe\u{301} au lait ✓",
    "Équipe ravie 🎉 👩‍👩‍👧‍👦",
    "設定ガイドがデスクトップ前提 🖥️",
    "Renovação mais cara que o anunciado 💸",
];

const CHANNELS: [&str; 6] = ["web", "email", "mobile app", "phone", "store", "chat"];
const CHANNELS_UNICODE: [&str; 6] = [
    "ウェブ",
    "e-mail ✉️",
    "приложение",
    "電話",
    "Geschäft",
    "chat 💬",
];

const NOTES: [&str; 4] = [
    "Heard in 4 of 6 interviews",
    "From the March survey, n=212",
    "Check with the support team",
    "Quote: \"I gave up and called them\"",
];

const LONG_SENTENCES: [&str; 6] = [
    "The customer compares three offers side by side and keeps switching tabs because the prices are not shown in the same way on each site.",
    "Several interviewees said they only noticed the shipping cost on the last page of the checkout and felt tricked, even when the total was competitive.",
    "Support tickets from this step mention the invoice more than anything else: where to find it, how to change the address on it, and why it arrives late.",
    "People who set the product up on a phone get stuck at the second step, because the guide shows screenshots of the desktop version only.",
    "The renewal email arrives two days before the charge, which several customers said was too late to compare alternatives or ask their manager.",
    "In the workshop the team agreed that this moment matters most for word of mouth: customers who succeed here recommend the product to colleagues.",
];

/// A small deterministic generator (SplitMix64), so maps are the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The reference map with `n` cards in every lane of its five stages.
pub fn reference_map(n: usize, variant: Variant) -> Map {
    let mut rng = Rng(0x6a6d_6170 ^ (n as u64) << 8 ^ variant as u64);
    let stage_names = if variant == Variant::Unicode {
        STAGES_UNICODE
    } else {
        STAGES
    };
    let mut map = Map::new(match variant {
        Variant::Plain => format!("Online shop: consolidated research ({n} cards a lane)"),
        Variant::Unicode => format!("オンラインショップ · Recherche consolidée 🗺️ ({n})"),
        Variant::Long => format!(
            "Online shop: consolidated research from interviews, surveys and support tickets ({n} cards a lane)"
        ),
    });
    map.persona = Some(Persona {
        name: if variant == Variant::Unicode {
            "Zoë 佐藤".into()
        } else {
            "Olivia, first-time buyer".into()
        },
        summary: "Buys online a few times a month, mostly on her phone".into(),
        goals: vec![
            "Pay a fair price".into(),
            "Get it delivered this week".into(),
        ],
        frustrations: vec!["Hidden costs".into(), "Long forms".into()],
        ..Persona::default()
    });
    for (s, (name, description)) in stage_names.into_iter().enumerate() {
        let mut stage = Stage::new(name).with_description(description);
        for lane in Lane::ALL {
            let cards = stage.lane_mut(lane);
            cards.reserve_exact(n);
            for i in 0..n {
                cards.push(card(&mut rng, variant, lane, s, i));
            }
        }
        map.stages.push(stage);
    }
    map
}

fn card(rng: &mut Rng, variant: Variant, lane: Lane, stage: usize, i: usize) -> Card {
    let base = match lane {
        Lane::Touchpoints => rng.pick(&TOUCHPOINTS),
        Lane::Emotions => rng.pick(&EMOTIONS),
        Lane::PainPoints => rng.pick(&PAIN_POINTS),
        Lane::Opportunities => rng.pick(&OPPORTUNITIES),
    };
    let text = match variant {
        Variant::Plain => format!("{base} ({}.{i})", stage + 1),
        Variant::Unicode => format!("{} ({}.{i})", rng.pick(&UNICODE_TEXTS), stage + 1),
        Variant::Long => {
            let mut text = format!("{base} ({}.{i}): ", stage + 1);
            text.push_str(rng.pick(&LONG_SENTENCES));
            if rng.chance(50) {
                text.push(' ');
                text.push_str(rng.pick(&LONG_SENTENCES));
            }
            text
        }
    };
    let mut card = Card::new(text);
    if rng.chance(30) {
        // Most voted cards have a few votes; a few have many.
        let votes = if rng.chance(10) {
            20 + rng.below(80)
        } else {
            1 + rng.below(6)
        };
        card = card.with_votes(votes as u16);
    }
    match lane {
        Lane::Touchpoints if rng.chance(50) => {
            let channels = if variant == Variant::Unicode {
                &CHANNELS_UNICODE
            } else {
                &CHANNELS
            };
            card = card.with_channel(rng.pick(channels));
        }
        Lane::Emotions => card = card.with_score(rng.below(5) as i8 - 2),
        _ => {}
    }
    let notes_percent = if variant == Variant::Long { 40 } else { 10 };
    if rng.chance(notes_percent) {
        let notes = match variant {
            Variant::Long => format!(
                "{} {} {}",
                rng.pick(&NOTES),
                rng.pick(&LONG_SENTENCES),
                rng.pick(&LONG_SENTENCES)
            ),
            Variant::Unicode => format!("{} — メモ 📝", rng.pick(&NOTES)),
            Variant::Plain => rng.pick(&NOTES).to_string(),
        };
        card = card.with_notes(notes);
    }
    card
}
