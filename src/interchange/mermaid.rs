//! Mermaid's `journey` grammar as both the exporter and the importer need it: the score
//! scale, the words that are keywords at the start of a statement, the characters that are
//! syntax, what its lexer skips as white space, and its entity codes (`#58;`).

/// Mermaid's score for an emotion score: −2..=+2 → 1..=5.
pub fn to_mermaid_score(score: i8) -> u8 {
    (score.clamp(-2, 2) + 3).unsigned_abs()
}

/// An emotion score for Mermaid's: 1..=5 → −2..=+2 (outside 1..5, the nearest end).
pub fn from_mermaid_score(score: u8) -> i8 {
    i8::try_from(score.clamp(1, 5)).map_or(0, |s| s - 3)
}

/// A task's score as Mermaid reads it: JavaScript's `Number(text)`. `None` where that is
/// `NaN`; blank text is `Some(0.0)`, as in JavaScript.
pub fn js_number(text: &str) -> Option<f64> {
    let t = text.trim_matches(is_space);
    if t.is_empty() {
        return Some(0.0);
    }
    let (sign, unsigned) = match t.as_bytes()[0] {
        b'-' => (-1.0, &t[1..]),
        b'+' => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    if unsigned == "Infinity" {
        return Some(sign * f64::INFINITY);
    }
    let radix = match unsigned.get(..2).map(str::to_ascii_lowercase).as_deref() {
        _ if unsigned.len() != t.len() => None,
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        return u64::from_str_radix(&t[2..], radix).ok().map(|n| n as f64);
    }
    // Rust also reads `inf` and `nan`, which JavaScript does not.
    if unsigned.starts_with(['+', '-'])
        || !unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    unsigned.parse::<f64>().ok().map(|n| sign * n)
}

/// Words that Mermaid reads as keywords at the start of a statement (in any case).
pub const KEYWORDS: [&str; 5] = ["journey", "title", "section", "acctitle", "accdescr"];

/// True when `s` starts with one of [`KEYWORDS`], in any case.
pub fn starts_with_keyword(s: &str) -> bool {
    KEYWORDS.iter().any(|k| {
        s.get(..k.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(k))
    })
}

/// Characters that are syntax in a journey: `:` ends a task name, `#` and `%%` start
/// comments, `;` ends a statement, `{ }` hold a description, `< >` make HTML. Text holding
/// them is written with entity codes.
pub fn is_syntax(c: char) -> bool {
    matches!(c, ':' | '#' | ';' | '%' | '<' | '>' | '{' | '}')
}

/// White space as Mermaid's lexer skips it between statements (JavaScript's `\s`): Unicode
/// white space, less U+0085, plus the byte-order mark U+FEFF.
pub fn is_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}'
}

/// Characters that show nothing: the byte-order mark, zero-width spaces and joiners,
/// direction marks, invisible operators, the soft hyphen, variation selectors, Hangul
/// fillers and tags. At the start of a statement they must not let a keyword through nor
/// make a name blank, so the exporter writes them as entity codes there.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}')
}

/// The length of the `#word;` at the start of `s` (Mermaid's `#\w+;`).
pub fn entity_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('#')?;
    let end = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    (end > 0 && body[end..].starts_with(';')).then_some(end + 2)
}

/// Mermaid's entity codes (`#58;`, `#quot;`) decoded, and `<br>` line breaks made spaces.
pub fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['#', '<']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some((c, len)) = entity(tail).or_else(|| line_break(tail).map(|len| (' ', len))) {
            out.push(c);
            rest = &tail[len..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// `#NNN;` or `#name;` at the start of `s`: the character and the length of the code.
fn entity(s: &str) -> Option<(char, usize)> {
    let len = entity_len(s)?;
    let name = &s[1..len - 1];
    let c = if name.bytes().all(|b| b.is_ascii_digit()) {
        char::from_u32(name.parse().ok()?)?
    } else {
        match name {
            "quot" => '"',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "colon" => ':',
            "semi" => ';',
            "num" => '#',
            "percnt" => '%',
            "comma" => ',',
            "lbrace" | "lcub" => '{',
            "rbrace" | "rcub" => '}',
            _ => return None,
        }
    };
    Some((c, len))
}

/// `<br>`, `<br/>`, `<br />` (any case) at the start of `s`: its length.
fn line_break(s: &str) -> Option<usize> {
    let head = s.get(..3)?;
    if !head.eq_ignore_ascii_case("<br") {
        return None;
    }
    let after = s[3..].trim_start();
    let after = after.strip_prefix('/').unwrap_or(after).trim_start();
    after.starts_with('>').then(|| s.len() - after.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_map_both_ways() {
        assert_eq!(to_mermaid_score(-2), 1);
        assert_eq!(to_mermaid_score(0), 3);
        assert_eq!(to_mermaid_score(2), 5);
        for s in 1..=5 {
            assert_eq!(to_mermaid_score(from_mermaid_score(s)), s);
        }
        assert_eq!(from_mermaid_score(9), 2);
        assert_eq!(from_mermaid_score(0), -2);
    }

    #[test]
    fn scores_read_as_javascript_reads_numbers() {
        assert_eq!(js_number(" 5 "), Some(5.0));
        assert_eq!(js_number("+6"), Some(6.0));
        assert_eq!(js_number("-1"), Some(-1.0));
        assert_eq!(js_number("3.5"), Some(3.5));
        assert_eq!(js_number("1e1"), Some(10.0));
        assert_eq!(js_number("0x4"), Some(4.0));
        assert_eq!(js_number("\u{feff}2"), Some(2.0));
        assert_eq!(js_number("   "), Some(0.0));
        assert_eq!(js_number("-Infinity"), Some(f64::NEG_INFINITY));
        for nan in ["five", "5 stars", "inf", "NaN", "1,5", "-0x4", "1_0", "--1"] {
            assert_eq!(js_number(nan), None, "{nan}");
        }
    }

    #[test]
    fn keywords_and_white_space_as_mermaid_reads_them() {
        assert!(starts_with_keyword("Title x"));
        assert!(starts_with_keyword("accDescr{"));
        assert!(!starts_with_keyword("tit"));
        assert!(is_space('\u{feff}'));
        assert!(is_space('\u{a0}'));
        assert!(!is_space('\u{85}'));
        assert!(!is_space('\u{200b}'));
        assert!(is_invisible('\u{200b}'));
        assert!(is_invisible('\u{feff}'));
        assert!(!is_invisible('a'));
    }

    #[test]
    fn entity_codes_and_line_breaks_decode() {
        assert_eq!(decode("Ratio 3#58;1#59; #35;1"), "Ratio 3:1; #1");
        assert_eq!(decode("#quot;hi#quot; #unknown; #"), "\"hi\" #unknown; #");
        assert_eq!(
            decode("Line1<br>Line2<BR/>Line3<br />x"),
            "Line1 Line2 Line3 x"
        );
        assert_eq!(decode("#99999999999;"), "#99999999999;");
        assert_eq!(decode("<b>"), "<b>");
        assert_eq!(decode("#65279;title"), "\u{feff}title");
    }
}
