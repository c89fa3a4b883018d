//! `config.ron`, the user's settings: the theme, and the defaults of the voting round and the
//! timer. Parsed like a map, so a mistake is reported with its line and column, and an
//! unknown field is an error (a typo must not be silently ignored). Every field is optional;
//! a new setting is a new field with a default.

use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::ParseError;

/// The board's colour themes, by the names `--theme` and `theme:` take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Mono];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
        }
    }
}

impl std::str::FromStr for ThemeName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ThemeName::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| format!("unknown theme `{s}`: choose dark, light or mono"))
    }
}

/// The most dots per person (and on one card), and the longest timer in minutes.
pub const MOST_DOTS: u16 = 99;
pub const MOST_MINUTES: u16 = 99;

/// The whole file. Absent fields keep their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "config")]
pub struct Config {
    #[serde(deserialize_with = "theme")]
    pub theme: Option<ThemeName>,
    pub voting: VotingDefaults,
    pub timer: TimerDefaults,
    /// What was changed to fit (a number out of range), in words; not part of the file.
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// Defaults of a voting round (`V`). Absent = the round's own defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "voting section")]
pub struct VotingDefaults {
    /// Dots per person.
    #[serde(deserialize_with = "dots")]
    pub dots: Option<u16>,
    /// The most dots one person may put on one card.
    #[serde(deserialize_with = "max_per_card")]
    pub max_per_card: Option<u16>,
    /// Whether the cards' existing votes stay hidden during a round.
    #[serde(deserialize_with = "hide_votes")]
    pub hide_votes: Option<bool>,
}

/// Defaults of the workshop timer (`t`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "timer section")]
pub struct TimerDefaults {
    /// Minutes the timer starts with.
    #[serde(deserialize_with = "minutes")]
    pub minutes: Option<u16>,
}

/// A setting's value as written. ron hands a bare word and a quoted one alike to an
/// untagged enum, which is how `theme: "light"` is taken as `theme: light`; and every
/// field can then say in its own words what it takes.
#[derive(Deserialize)]
#[serde(untagged)]
enum Written {
    Yes(bool),
    Whole(u64),
    Word(String),
    Other(serde::de::IgnoredAny),
}

fn theme<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ThemeName>, D::Error> {
    match Written::deserialize(d)? {
        Written::Word(word) => ThemeName::ALL
            .into_iter()
            .find(|t| t.name() == word)
            .map(Some)
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "unknown theme `{word}`; expected one of `dark`, `light`, `mono`"
                ))
            }),
        _ => Err(de::Error::custom(
            "`theme` must be `dark`, `light` or `mono` (`theme: light`)",
        )),
    }
}

fn whole<'de, D: Deserializer<'de>>(
    d: D,
    field: &str,
    example: u16,
) -> Result<Option<u16>, D::Error> {
    match Written::deserialize(d)? {
        Written::Whole(n) => Ok(Some(u16::try_from(n).unwrap_or(u16::MAX))),
        _ => Err(de::Error::custom(format!(
            "`{field}` must be a whole number from 1 to 99 (`{field}: {example}`)"
        ))),
    }
}

fn dots<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    whole(d, "dots", 5)
}

fn max_per_card<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    whole(d, "max_per_card", 3)
}

fn minutes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    whole(d, "minutes", 10)
}

fn hide_votes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Written::deserialize(d)? {
        Written::Yes(yes) => Ok(Some(yes)),
        _ => Err(de::Error::custom(
            "`hide_votes` must be `true` or `false` (`hide_votes: true`)",
        )),
    }
}

impl Config {
    /// Brings every number into its range, with a note for each one changed.
    fn clamp(mut self) -> Config {
        let mut notes = Vec::new();
        let mut fit = |value: &mut Option<u16>, field: &str, most: u16| {
            if let Some(n) = *value {
                let fitted = n.clamp(1, most);
                if fitted != n {
                    notes.push(format!(
                        "`{field}: {n}` is out of range (1 to {most}): {fitted} is used"
                    ));
                    *value = Some(fitted);
                }
            }
        };
        fit(&mut self.voting.dots, "dots", MOST_DOTS);
        fit(&mut self.voting.max_per_card, "max_per_card", MOST_DOTS);
        fit(&mut self.timer.minutes, "minutes", MOST_MINUTES);
        self.notes = notes;
        self
    }
}

/// Parses the text of a `config.ron`. A file with nothing in it but white space and
/// comments is an empty config.
pub fn config_from_str(text: &str) -> Result<Config, ParseError> {
    let text = super::without_bom(text);
    if only_comments(text) {
        return Ok(Config::default());
    }
    super::parse::<Config>(text)
        .map(Config::clamp)
        .map_err(|e| at_the_value(e, text).in_lines_of(text))
}

/// A value is judged once it has been read whole, so ron reports its mistake after it:
/// the caret belongs under the value, just after the field's colon.
fn at_the_value(mut e: ParseError, text: &str) -> ParseError {
    let ours = e.message.starts_with("unknown theme") || e.message.contains("` must be ");
    let Some(line) = text
        .split('\n')
        .nth(e.line.saturating_sub(1))
        .filter(|_| ours)
    else {
        return e;
    };
    let before: String = line.chars().take(e.column.saturating_sub(1)).collect();
    if let Some(colon) = before.rfind(':') {
        let after = &before[colon + 1..];
        let blank = after.len() - after.trim_start().len();
        e.column = before[..colon + 1 + blank].chars().count() + 1;
    }
    e
}

/// Whether `text` holds nothing but white space, `// line` and `/* block */` comments
/// (which nest, as in Rust and RON).
fn only_comments(text: &str) -> bool {
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, next)| next);
        } else if rest.starts_with("/*") {
            let mut depth = 0usize;
            let mut end = None;
            let bytes = rest.as_bytes();
            let mut i = 0;
            while i + 1 < bytes.len() {
                match &bytes[i..i + 2] {
                    b"/*" => {
                        depth += 1;
                        i += 2;
                    }
                    b"*/" => {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => i += 1,
                }
            }
            match end {
                Some(end) => rest = &rest[end..],
                None => return false,
            }
        } else {
            return false;
        }
        rest = rest.trim_start();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_optional() {
        assert_eq!(config_from_str("()"), Ok(Config::default()));
        assert_eq!(config_from_str(""), Ok(Config::default()));
        let config = config_from_str("(theme: light, timer: (minutes: 10))").expect("valid");
        assert_eq!(config.theme, Some(ThemeName::Light));
        assert_eq!(config.timer.minutes, Some(10));
    }
}
