//! Mermaid's `journey` grammar as both the exporter and the importer need it: the score
//! scale, the words that are keywords at the start of a statement, the characters that are
//! syntax, and its entity codes (`#58;`).

/// Mermaid's score for an emotion score: −2..=+2 → 1..=5.
pub fn to_mermaid_score(score: i8) -> u8 {
    (score.clamp(-2, 2) + 3).unsigned_abs()
}

/// An emotion score for Mermaid's: 1..=5 → −2..=+2.
pub fn from_mermaid_score(score: u8) -> i8 {
    i8::try_from(score.clamp(1, 5)).map_or(0, |s| s - 3)
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
    }

    #[test]
    fn keywords_in_any_case() {
        assert!(starts_with_keyword("Title x"));
        assert!(starts_with_keyword("accDescr{"));
        assert!(!starts_with_keyword("tit"));
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
    }
}
