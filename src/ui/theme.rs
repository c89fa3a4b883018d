//! Named styles, in three themes: dark (the default, on the terminal's own dark background),
//! light (its own white background, for projectors in bright rooms) and mono (modifiers
//! only, used whenever `NO_COLOR` is set). The selection is reversed and bold in every theme,
//! never a colour alone.
//!
//! Colours come from the 256-colour palette's fixed cube and grey ramp (16..=255), which
//! terminals keep as xterm defines them even when a colour scheme (Solarized, VS Code's)
//! repaints the 16 ANSI colours: ANSI blue on black is what made today's lane names nearly
//! invisible. The test below checks every text colour against WCAG's 4.5:1 on the
//! backgrounds of the palettes the README names.

use ratatui::style::{Color, Modifier, Style};

pub use crate::format::ThemeName;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Painted over the whole screen first (the light theme's background).
    pub base: Style,
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
    /// The emotion curve's line, its marks, and its scale.
    pub curve: Style,
    pub curve_mark: Style,
    pub scale: Style,
    /// Notes on the board itself (more stages to the side).
    pub note: Style,
    /// The text input under the board.
    pub input: Style,
    pub error: Style,
    pub info: Style,
    pub key: Style,
    pub dirty: Style,
    /// A card that matches the search (patched over its own style).
    pub found: Style,
}

const fn fg(index: u8) -> Style {
    Style::new().fg(Color::Indexed(index))
}

const BOLD: Modifier = Modifier::BOLD;

impl Theme {
    /// The dark theme (the default).
    pub fn color() -> Theme {
        Theme::dark()
    }

    pub fn dark() -> Theme {
        Theme {
            base: Style::new(),
            header: Style::new().add_modifier(BOLD),
            title: fg(81).add_modifier(BOLD),
            dim: fg(247),
            border: fg(244),
            stage: Style::new().add_modifier(BOLD),
            stage_selected: fg(81).add_modifier(BOLD | Modifier::UNDERLINED),
            lane: fg(117),
            lane_selected: fg(117).add_modifier(BOLD | Modifier::REVERSED),
            card: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED | BOLD),
            votes: fg(213),
            positive: fg(114).add_modifier(BOLD),
            negative: fg(210).add_modifier(BOLD),
            neutral: fg(222),
            curve: fg(222),
            curve_mark: Style::new().add_modifier(BOLD),
            scale: fg(250),
            note: fg(222),
            input: Style::new().add_modifier(BOLD),
            error: fg(203).add_modifier(BOLD),
            info: fg(114),
            key: fg(81).add_modifier(BOLD),
            dirty: fg(221).add_modifier(BOLD),
            found: fg(222).add_modifier(BOLD | Modifier::UNDERLINED),
        }
    }

    /// Black on white whatever the terminal's own colours: a projector in a bright room.
    pub fn light() -> Theme {
        let ink = fg(16);
        Theme {
            base: Style::new().fg(Color::Indexed(16)).bg(Color::Indexed(231)),
            header: ink.add_modifier(BOLD),
            title: fg(24).add_modifier(BOLD),
            dim: fg(240),
            border: fg(245),
            stage: ink.add_modifier(BOLD),
            stage_selected: fg(24).add_modifier(BOLD | Modifier::UNDERLINED),
            lane: fg(25),
            lane_selected: fg(25).add_modifier(BOLD | Modifier::REVERSED),
            card: ink,
            selected: ink.add_modifier(Modifier::REVERSED | BOLD),
            votes: fg(90),
            positive: fg(22).add_modifier(BOLD),
            negative: fg(124).add_modifier(BOLD),
            neutral: fg(94),
            curve: fg(94),
            curve_mark: Style::new().add_modifier(BOLD),
            scale: fg(238),
            note: fg(94),
            input: ink.add_modifier(BOLD),
            error: fg(124).add_modifier(BOLD),
            info: fg(22),
            key: fg(25).add_modifier(BOLD),
            dirty: fg(130).add_modifier(BOLD),
            found: fg(94).add_modifier(BOLD | Modifier::UNDERLINED),
        }
    }

    /// For `NO_COLOR`: the same structure through bold, dim, underline and reverse alone.
    pub fn plain() -> Theme {
        let bold = Style::new().add_modifier(BOLD);
        Theme {
            base: Style::new(),
            header: bold,
            title: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            border: Style::new(),
            stage: bold,
            stage_selected: bold.add_modifier(Modifier::UNDERLINED),
            lane: Style::new(),
            lane_selected: Style::new().add_modifier(Modifier::REVERSED),
            card: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED | BOLD),
            votes: Style::new(),
            positive: bold,
            negative: bold,
            neutral: Style::new(),
            curve: Style::new(),
            curve_mark: bold,
            scale: Style::new(),
            note: bold,
            input: bold,
            error: bold,
            info: Style::new(),
            key: bold,
            dirty: bold,
            found: bold.add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Mono => Theme::plain(),
        }
    }

    /// The theme asked for (`--theme`, else `config.ron`, else dark); mono whenever
    /// `NO_COLOR` is set, whatever was asked.
    pub fn choose(name: Option<ThemeName>) -> Theme {
        if crate::text::no_color() {
            Theme::plain()
        } else {
            Theme::named(name.unwrap_or(ThemeName::Dark))
        }
    }

    /// The dark theme unless `NO_COLOR` is set (to anything non-empty).
    pub fn from_env() -> Theme {
        Theme::choose(None)
    }

    /// Gives every cell still on the terminal's own colours the theme's (after widgets that
    /// clear what they cover, such as a dialog's box): the light theme stays black on white
    /// even on a dark terminal. Nothing to do for themes on the terminal's colours.
    pub fn fill_background(&self, buf: &mut ratatui::buffer::Buffer) {
        let (Some(fg), Some(bg)) = (self.base.fg, self.base.bg) else {
            return;
        };
        for cell in buf.content.iter_mut() {
            if cell.bg == Color::Reset {
                cell.bg = bg;
            }
            if cell.fg == Color::Reset {
                cell.fg = fg;
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// xterm's value of a colour of the 256-colour palette (16..=255).
    fn rgb(index: u8) -> (u8, u8, u8) {
        match index {
            16..=231 => {
                let i = index - 16;
                let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                (level(i / 36), level(i / 6 % 6), level(i % 6))
            }
            232..=255 => {
                let v = 8 + 10 * (index - 232);
                (v, v, v)
            }
            _ => panic!("an ANSI colour's value depends on the palette: {index}"),
        }
    }

    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    fn text_colours(theme: &Theme) -> Vec<(&'static str, u8)> {
        let styles = [
            ("title", theme.title),
            ("dim", theme.dim),
            ("lane", theme.lane),
            ("votes", theme.votes),
            ("positive", theme.positive),
            ("negative", theme.negative),
            ("neutral", theme.neutral),
            ("curve", theme.curve),
            ("scale", theme.scale),
            ("note", theme.note),
            ("error", theme.error),
            ("info", theme.info),
            ("key", theme.key),
            ("dirty", theme.dirty),
        ];
        styles
            .into_iter()
            .filter_map(|(name, style)| match style.fg {
                Some(Color::Indexed(i)) => Some((name, i)),
                None => None,
                other => panic!("{name}: {other:?} is not a fixed palette colour"),
            })
            .collect()
    }

    #[test]
    fn dark_text_reads_on_the_common_dark_backgrounds() {
        // Default backgrounds: xterm and the Linux console (black), VS Code's terminal
        // (#1e1e1e), Solarized dark (#002b36).
        let backgrounds = [
            ("xterm", (0, 0, 0)),
            ("VS Code", (0x1e, 0x1e, 0x1e)),
            ("Solarized dark", (0x00, 0x2b, 0x36)),
        ];
        for (name, index) in text_colours(&Theme::dark()) {
            for (palette, bg) in backgrounds {
                let ratio = contrast(rgb(index), bg);
                assert!(ratio >= 4.5, "{name} on {palette}: {ratio:.2}");
            }
        }
        // What the lane names used to be: ANSI blue, (0, 0, 238) in xterm.
        assert!(contrast((0, 0, 238), (0, 0, 0)) < 2.5);
    }

    #[test]
    fn light_text_reads_on_its_own_background() {
        let theme = Theme::light();
        let Some(Color::Indexed(bg)) = theme.base.bg else {
            panic!("the light theme paints its background");
        };
        for (name, index) in text_colours(&theme) {
            let ratio = contrast(rgb(index), rgb(bg));
            assert!(ratio >= 4.5, "{name}: {ratio:.2}");
        }
    }

    #[test]
    fn mono_has_no_colour_and_the_selection_is_never_a_colour_alone() {
        let mono = Theme::plain();
        assert!(text_colours(&mono).is_empty());
        for theme in [Theme::dark(), Theme::light(), mono] {
            assert!(theme.selected.add_modifier.contains(Modifier::REVERSED));
            assert!(
                theme
                    .lane_selected
                    .add_modifier
                    .contains(Modifier::REVERSED)
            );
        }
    }
}
