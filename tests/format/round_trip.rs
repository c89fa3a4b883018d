//! Property tests: any valid map survives a save and a load unchanged, whatever its text,
//! and saving is idempotent. Case counts are kept modest so the suite stays quick on CI.

use journeymap::format;
use journeymap::model::{Card, CardField, FieldKind, Lane, Map, Persona, Side, Stage, Value};
use proptest::prelude::*;

/// Characters that tend to break writers and readers: quotes, backslashes, RON syntax,
/// control characters, escape sequences, bidi overrides and isolates, zero-width and
/// combining marks, line separators, a BOM, emoji (with ZWJ and skin tones), CJK, RTL text
/// and the last code points of the planes.
const TRICKY: &[char] = &[
    '"',
    '\\',
    '\'',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    ',',
    ':',
    '#',
    '/',
    '*',
    'r',
    'u',
    '\n',
    '\r',
    '\t',
    '\0',
    '\u{7}',
    '\u{8}',
    '\u{b}',
    '\u{c}',
    '\u{1b}',
    '\u{7f}',
    '\u{80}',
    '\u{85}',
    '\u{9b}',
    '\u{9f}',
    '\u{a0}',
    '\u{ad}',
    '\u{200b}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{2028}',
    '\u{2029}',
    '\u{202a}',
    '\u{202e}',
    '\u{2066}',
    '\u{2069}',
    '\u{061c}',
    '\u{feff}',
    '\u{fffd}',
    '\u{301}',
    '\u{20dd}',
    '😀',
    '🙂',
    '👍',
    '🏽',
    '🇫',
    '🇷',
    '日',
    '本',
    '語',
    '한',
    '中',
    'ش',
    'א',
    'é',
    'ß',
    '\u{10ffff}',
    '\u{e000}',
    '\u{fff0}',
    ' ',
];

fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::sample::select(TRICKY),
        2 => any::<char>(),
        2 => proptest::char::range('a', 'z'),
    ]
}

/// Any text at all, the empty string included.
fn any_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any_char(), 0..16).prop_map(String::from_iter)
}

/// Text with something other than white space in it (names and card texts).
fn non_blank() -> impl Strategy<Value = String> {
    proptest::collection::vec(any_char(), 1..16)
        .prop_map(String::from_iter)
        .prop_filter("non-blank", |s| !journeymap::model::is_blank(s))
}

/// A generated value of a card field, owned until it is set on the card.
#[derive(Debug, Clone)]
enum Generated {
    Text(String),
    Number(i64),
    Word(Option<&'static str>),
}

/// Any value of `field`'s kind (the text never blank where the field is required).
fn value(field: CardField) -> BoxedStrategy<Generated> {
    match field.kind() {
        FieldKind::Text { .. } if field.is_required() => {
            non_blank().prop_map(Generated::Text).boxed()
        }
        FieldKind::Text { .. } => any_text().prop_map(Generated::Text).boxed(),
        FieldKind::Number { min, max } => (min..=max).prop_map(Generated::Number).boxed(),
        FieldKind::Word(words) => proptest::option::of(proptest::sample::select(words))
            .prop_map(Generated::Word)
            .boxed(),
    }
}

/// A card with any value in each field its lane has, and none in the others (the format
/// keeps a channel only on touchpoints, a score only on emotions, ...): built from the
/// table of card fields, so a new field is generated here without a change.
fn card(lane: Lane) -> impl Strategy<Value = Card> {
    let fields: Vec<CardField> = CardField::of(lane).collect();
    let values: Vec<BoxedStrategy<Generated>> = fields.iter().map(|f| value(*f)).collect();
    values.prop_map(move |values| {
        let mut card = Card::default();
        for (field, generated) in fields.iter().zip(&values) {
            let value = match generated {
                Generated::Text(text) => Value::Text(text),
                Generated::Number(n) => Value::Number(*n),
                Generated::Word(word) => Value::Word(*word),
            };
            field.set(&mut card, value);
        }
        card
    })
}

fn cards(lane: Lane) -> impl Strategy<Value = Vec<Card>> {
    proptest::collection::vec(card(lane), 0..4)
}

fn stage() -> impl Strategy<Value = Stage> {
    (
        non_blank(),
        any_text(),
        cards(Lane::Touchpoints),
        cards(Lane::Emotions),
        cards(Lane::PainPoints),
        cards(Lane::Opportunities),
    )
        .prop_map(|(name, description, t, e, p, o)| {
            let mut stage = Stage::new(name).with_description(description);
            *stage.lane_mut(Lane::Touchpoints) = t;
            *stage.lane_mut(Lane::Emotions) = e;
            *stage.lane_mut(Lane::PainPoints) = p;
            *stage.lane_mut(Lane::Opportunities) = o;
            stage
        })
}

fn persona() -> impl Strategy<Value = Persona> {
    (
        non_blank(),
        any_text(),
        proptest::collection::vec(any_text(), 0..3),
        proptest::collection::vec(any_text(), 0..3),
    )
        .prop_map(|(name, summary, goals, frustrations)| Persona {
            name_conflict: None,
            summary_conflict: None,
            conflict: None,
            name,
            summary,
            goals,
            frustrations,
        })
}

/// Any valid map: the cards of every lane with the fields that lane keeps.
pub(crate) fn map() -> impl Strategy<Value = Map> {
    (
        any_text(),
        proptest::option::of(persona()),
        proptest::collection::vec(stage(), 1..5),
    )
        .prop_map(|(title, persona, stages)| Map {
            title_conflict: None,
            title,
            persona,
            stages,
        })
}

/// Any valid map with the records an unresolved merge leaves, on the title, the persona
/// and each stage (a card's side is the card field test's business).
fn merged_map() -> impl Strategy<Value = Map> {
    let record = || proptest::option::of(any_text());
    (
        map(),
        record(),
        proptest::option::of(non_blank()),
        record(),
        proptest::option::of(prop_oneof![Just(Side::Ours), Just(Side::Theirs)]),
        proptest::collection::vec((proptest::option::of(non_blank()), record()), 5),
    )
        .prop_map(|(mut map, title, name, summary, side, stages)| {
            map.title_conflict = title;
            if let Some(persona) = &mut map.persona {
                persona.name_conflict = name;
                persona.summary_conflict = summary;
                persona.conflict = side;
            }
            for (stage, (name, description)) in map.stages.iter_mut().zip(stages) {
                stage.conflict = name;
                stage.description_conflict = description;
            }
            map
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_map_with_conflict_records_loads_back_and_check_reports_each(map in merged_map()) {
        let text = format::to_string(&map);
        let loaded = format::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &map);
        prop_assert_eq!(format::to_string(&loaded), text.clone());
        match format::check(text.as_bytes()) {
            Ok(_) => prop_assert_eq!(map.conflict_count(), 0),
            // One problem per record (no card here carries a side), in file order.
            Err(problems) => prop_assert_eq!(
                problems.len(),
                map.conflict_count().min(format::MAX_PROBLEMS)
            ),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn save_then_load_gives_the_same_map(map in map()) {
        let text = format::to_string(&map);
        let loaded = format::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &map);
        // Saving is idempotent, byte for byte.
        prop_assert_eq!(format::to_string(&loaded), text);
    }

    #[test]
    fn canonical_text_never_holds_an_unsafe_character(map in map()) {
        let text = format::to_string(&map);
        prop_assert!(text.ends_with(")\n"));
        prop_assert!(
            !text.chars().any(|c| c != '\n' && journeymap::text::is_unsafe(c)),
            "{:?}", text
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Loading any text gives a map or an error with a position in the text; never a panic.
    #[test]
    fn loading_any_text_never_panics(text in proptest::collection::vec(any_char(), 0..200)
        .prop_map(String::from_iter))
    {
        if let Err(e) = format::from_str(&text) {
            // A line ends at LF, CRLF or a lone CR.
            let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count();
            prop_assert!(e.line >= 1 && e.line <= lines + 1, "{}", e);
        }
    }

    /// Cutting a canonical map anywhere gives an error, never a panic and never a
    /// different map.
    #[test]
    fn a_cut_canonical_map_never_loads_as_another_map(map in map(), cut in any::<prop::sample::Index>()) {
        let text = format::to_string(&map);
        let body = text.trim_end();
        let boundaries: Vec<usize> = body.char_indices().map(|(i, _)| i).collect();
        let at = boundaries[cut.index(boundaries.len())];
        if let Ok(other) = format::from_str(&body[..at]) {
            prop_assert_eq!(other, map, "a cut at byte {} loaded", at);
        }
    }
}
