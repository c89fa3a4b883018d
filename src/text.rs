//! Text as it reaches a screen: the sanitiser that neutralises unsafe characters, and
//! display-width measuring, truncating and wrapping. Every output (the editor, `print`,
//! error messages) goes through here so that a map can never drive the terminal.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Shown in place of an unsafe character that has no control picture.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// Characters that must never reach a terminal as themselves: C0 and C1 controls, DEL
/// (and so every escape sequence, which starts with ESC or CSI), and the invisible marks,
/// embeddings, overrides and isolates that reorder bidirectional text.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{061c}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Characters whose width terminals disagree on, which leave stray characters behind on a
/// redrawn screen: non-characters and unassigned code points, zero-width spaces and word
/// joiners, and tag characters. On screen they are drawn as the placeholder; documents
/// keep them. (The joiners that writing needs, U+200C and U+200D, are not among them.)
pub fn is_unsteady(c: char) -> bool {
    use finl_unicode::categories::CharacterCategories as _;
    !c.is_ascii()
        && (matches!(c, '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{e0000}'..='\u{e007f}')
            // Unassigned (Cn) includes the non-characters U+FDD0..U+FDEF and U+xFFFE, U+xFFFF.
            || c.is_unassigned())
}

/// What the screen shows as a placeholder.
fn hidden_on_screen(c: char) -> bool {
    is_unsafe(c) || is_unsteady(c)
}

fn placeholder(c: char) -> char {
    match c {
        // Control pictures (U+2400..) name the C0 character: ␛ for ESC, ␇ for BEL, ␊ for LF.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(PLACEHOLDER),
        '\u{7f}' => '\u{2421}',
        _ => PLACEHOLDER,
    }
}

/// The text for a screen: every unsafe or unsteady character replaced by a visible
/// placeholder. Borrows when there is nothing to replace, which is nearly always.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    replace_where(s, hidden_on_screen)
}

/// The text with each character `hide` picks replaced by its placeholder.
fn replace_where(s: &str, hide: fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(hide) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if hide(c) { placeholder(c) } else { c })
            .collect(),
    )
}

/// Columns the text takes on a terminal, measured as ratatui draws it: grapheme by
/// grapheme. (unicode-width's whole-string measure joins some pairs, such as the Arabic
/// lam-alef, into one column that the buffer and the terminal still give two.)
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        // One column a byte, control characters included (as unicode-width counts them;
        // shown text has none, the sanitiser replaced them).
        return s.len();
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The longest prefix of `s` that fits in `max` columns, cut at a grapheme boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = width(g);
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// `s` cut to `max` columns with an ellipsis when it does not fit.
pub fn ellipsize(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(format!("{}…", truncate(s, max - 1)))
}

/// Word-wraps `s` into lines of at most `max` columns. Words longer than a line are broken
/// at grapheme boundaries; no line is ever wider than `max` (a `max` of 0 gives no lines).
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    wrap_hanging(s, max, max)
}

/// Whether a word that is longer than a line may start on a line that already holds
/// text: true for writing without spaces between words (Chinese, Japanese), where a word is
/// a whole phrase; a Latin word goes to a line of its own instead.
pub fn breaks_anywhere(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2))
}

/// [`wrap`] with a first line of its own width: `first` columns, then `rest` for the others.
pub fn wrap_hanging(s: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if first == 0 || rest == 0 {
        return lines;
    }
    let max_for = |line: usize| if line == 0 { first } else { rest };
    let mut line = String::new();
    let mut line_width = 0;
    for word in s.split_whitespace() {
        let max = max_for(lines.len());
        let mut word = word;
        let mut word_width = width(word);
        if line_width > 0 && line_width + 1 + word_width <= max {
            line.push(' ');
            line.push_str(word);
            line_width += 1 + word_width;
            continue;
        }
        if line_width > 0 && word_width > max && breaks_anywhere(word) {
            let head = truncate(word, max.saturating_sub(line_width + 1));
            if !head.is_empty() {
                line.push(' ');
                line.push_str(head);
                word = &word[head.len()..];
                word_width = word_width.saturating_sub(width(head));
            }
        }
        if line_width > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while word_width > max_for(lines.len()) {
            let mut head = truncate(word, max_for(lines.len()));
            if head.is_empty() {
                // A single grapheme wider than the line: give it a line of its own.
                head = word.graphemes(true).next().unwrap_or(word);
            }
            lines.push(head.to_string());
            word = &word[head.len()..];
            // Widths add up grapheme by grapheme, and `head` ends between two: what is left
            // is measured by subtraction, so a long word costs its length, not its square.
            word_width = word_width.saturating_sub(width(head));
        }
        line.push_str(word);
        line_width = word_width;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Appends `s` in `style`: the one writer of colour codes (SGR) for every command's output.
/// Text that shows nothing gets no codes, and a plain style none either.
pub fn paint(out: &mut String, style: anstyle::Style, s: &str) {
    use std::fmt::Write as _;
    if s.trim().is_empty() {
        out.push_str(s);
    } else {
        let _ = write!(out, "{}{s}{}", style.render(), style.render_reset());
    }
}

/// True when the user asked for no colour: `NO_COLOR` set to anything but the empty string
/// (no-color.org). Read by the editor's theme and by `print` alike.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Text made safe to write into a document: unsafe characters become visible placeholders as
/// on the terminal (unsteady ones stay: a document has no cells to garble), but line breaks
/// are kept (as `\n`) for formats that can show them.
pub fn safe_multiline(s: &str) -> String {
    let normalised = s
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ");
    normalised
        .split('\n')
        .map(|line| replace_where(line, is_unsafe).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text made safe and put on one line: runs of white space (line breaks included) become one
/// space, unsafe characters become placeholders.
pub fn safe_line(s: &str) -> String {
    s.split_whitespace()
        .map(|word| replace_where(word, is_unsafe))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paint_writes_one_style_and_resets_it() {
        let mut out = String::new();
        paint(&mut out, anstyle::Style::new().bold(), "Title");
        paint(&mut out, anstyle::Style::new().bold(), "  ");
        paint(&mut out, anstyle::Style::new(), "plain");
        let red = anstyle::AnsiColor::Red.on_default();
        paint(&mut out, red, "gone");
        assert_eq!(out, "\u{1b}[1mTitle\u{1b}[0m  plain\u{1b}[31mgone\u{1b}[0m");
    }

    #[test]
    fn sanitize_replaces_controls_and_bidi_and_keeps_the_rest() {
        assert_eq!(sanitize("plain Café 日本"), "plain Café 日本");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
        assert_eq!(sanitize("\u{1b}[31mred\u{7}"), "␛[31mred␇");
        assert_eq!(sanitize("abc\u{202e}def\u{2066}"), "abc\u{FFFD}def\u{FFFD}");
        assert_eq!(sanitize("x\u{9b}y\u{7f}"), "x\u{FFFD}y␡");
        assert!(!sanitize("a\nb\tc").chars().any(is_unsafe));
    }

    #[test]
    fn sanitize_replaces_characters_terminals_disagree_on() {
        for c in [
            '\u{fffe}',
            '\u{ffff}',
            '\u{fdd0}',
            '\u{fdef}',
            '\u{1fffe}',
            '\u{10ffff}',
            '\u{378}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{200b}',
            '\u{2060}',
            '\u{feff}',
        ] {
            assert_eq!(
                sanitize(&format!("a{c}b")),
                "a\u{FFFD}b",
                "U+{:04X}",
                c as u32
            );
        }
        // Joiners that writing needs stay, and so does the private use area (icon fonts).
        for kept in [
            "\u{645}\u{200c}\u{6cc}",
            "👨\u{200d}👩",
            "\u{e0b0}",
            "\u{fdcf}",
        ] {
            assert_eq!(sanitize(kept), kept);
        }
    }

    #[test]
    fn width_counts_wide_and_combining_characters() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("日本"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(truncate("日本語", 5), "日本");
        assert_eq!(truncate("e\u{301}e\u{301}", 1), "e\u{301}");
        assert_eq!(ellipsize("Research & Consideration", 10), "Research …");
        // Each grapheme as ratatui's buffer gives it cells: lam-alef is two.
        assert_eq!(width("\u{644}\u{627}"), 2);
        assert_eq!(width("👨\u{200d}👩\u{200d}👧"), 2);
    }

    #[test]
    fn wrap_never_exceeds_the_width() {
        let text = "Checkout page asks for a phone number 日本語のテキスト supercalifragilistic";
        for max in 1..30 {
            for line in wrap(text, max) {
                assert!(width(&line) <= max.max(2), "{line:?} wider than {max}");
            }
        }
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap_hanging("one two three", 3, 9), ["one", "two three"]);
        assert_eq!(wrap_hanging("abcdefgh", 3, 5), ["abc", "defgh"]);
        assert_eq!(wrap("ab 日本語です", 7), ["ab 日本", "語です"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
