//! `config.ron`, the user's settings: the theme, and the defaults of the voting round and the
//! timer. Parsed like a map, so a mistake is reported with its line and column, and an
//! unknown field is an error (a typo must not be silently ignored). Every field is optional;
//! a new setting is a new field with a default.

use serde::Deserialize;

use super::ParseError;

/// The board's colour themes, by the names `--theme` and `theme:` take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", rename = "theme")]
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

/// The whole file. Absent fields keep their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "config")]
pub struct Config {
    pub theme: Option<ThemeName>,
    pub voting: VotingDefaults,
    pub timer: TimerDefaults,
}

/// Defaults of a voting round (`V`). Absent = the round's own defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "voting section")]
pub struct VotingDefaults {
    /// Dots per person.
    pub dots: Option<u16>,
    /// The most dots one person may put on one card.
    pub max_per_card: Option<u16>,
}

/// Defaults of the workshop timer (`t`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "timer section")]
pub struct TimerDefaults {
    /// Minutes the timer starts with.
    pub minutes: Option<u16>,
}

/// Parses the text of a `config.ron`. An empty file is an empty config.
pub fn config_from_str(text: &str) -> Result<Config, ParseError> {
    let text = super::without_bom(text);
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    super::parse::<Config>(text).map_err(|e| e.in_lines_of(text))
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
