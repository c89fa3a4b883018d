//! Named styles. The colour theme reads on light and dark terminals (selection is reversed,
//! never a fixed background); under `NO_COLOR` every style is colourless, modifiers only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub header: Style,
    pub title: Style,
    pub dim: Style,
    pub border: Style,
    pub stage: Style,
    pub stage_selected: Style,
    pub lane: Style,
    pub lane_selected: Style,
    pub card: Style,
    pub selected: Style,
    pub votes: Style,
    pub positive: Style,
    pub negative: Style,
    pub neutral: Style,
    pub curve: Color,
    pub error: Style,
    pub info: Style,
    pub key: Style,
    pub dirty: Style,
    /// A card that matches the search (patched over its own style).
    pub found: Style,
}

impl Theme {
    pub fn color() -> Theme {
        Theme {
            header: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            dim: Style::new().add_modifier(Modifier::DIM),
            border: Style::new().fg(Color::DarkGray),
            stage: Style::new().add_modifier(Modifier::BOLD),
            stage_selected: Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            lane: Style::new().fg(Color::Blue),
            lane_selected: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            card: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            votes: Style::new().fg(Color::Magenta),
            positive: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            negative: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            neutral: Style::new().fg(Color::Yellow),
            curve: Color::Yellow,
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            dirty: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            found: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    /// For `NO_COLOR`: the same structure through bold, dim, underline and reverse alone.
    pub fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            header: bold,
            title: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            border: Style::new(),
            stage: bold,
            stage_selected: bold.add_modifier(Modifier::UNDERLINED),
            lane: Style::new(),
            lane_selected: Style::new().add_modifier(Modifier::REVERSED),
            card: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            votes: Style::new(),
            positive: bold,
            negative: bold,
            neutral: Style::new(),
            curve: Color::Reset,
            error: bold,
            info: Style::new(),
            key: bold,
            dirty: bold,
            found: bold.add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The colour theme unless `NO_COLOR` is set (to anything non-empty).
    pub fn from_env() -> Theme {
        if crate::text::no_color() {
            Theme::plain()
        } else {
            Theme::color()
        }
    }

    pub fn score(&self, score: i8) -> Style {
        match score {
            s if s > 0 => self.positive,
            s if s < 0 => self.negative,
            _ => self.neutral,
        }
    }
}
