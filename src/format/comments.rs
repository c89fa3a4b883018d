//! Counting the comments of a map's text, which the canonical form does not keep: `fmt` and
//! its `--check` say how many a rewrite drops.

/// How many `// line` and `/* block */` comments `text` holds, outside strings (plain and
/// raw) and character literals. A nested block comment counts once, as ron reads it.
pub fn count(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let (mut i, mut found) = (0, 0);
    while i < chars.len() {
        match (chars[i], chars.get(i + 1)) {
            ('"', _) => i = after_quoted(&chars, i, '"'),
            ('\'', _) => i = after_quoted(&chars, i, '\''),
            ('r', Some('"' | '#')) => i = after_raw(&chars, i),
            ('/', Some('/')) => {
                found += 1;
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                found += 1;
                let mut depth = 0usize;
                while i < chars.len() {
                    match (chars[i], chars.get(i + 1)) {
                        ('/', Some('*')) => {
                            depth += 1;
                            i += 2;
                        }
                        ('*', Some('/')) => {
                            depth -= 1;
                            i += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => i += 1,
                    }
                }
            }
            _ => i += 1,
        }
    }
    found
}

/// The index after a string or character literal that opens at `start` with `quote`.
fn after_quoted(chars: &[char], start: usize, quote: char) -> usize {
    let mut i = start + 1;
    while i < chars.len() && chars[i] != quote {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    i + 1
}

/// The index after a raw string `r#"…"#` that opens at `start`; after the `r` alone when it
/// is not one (a field name such as `rank`).
fn after_raw(chars: &[char], start: usize) -> usize {
    let hashes = chars[start + 1..].iter().take_while(|&&c| c == '#').count();
    if chars.get(start + 1 + hashes) != Some(&'"') {
        return start + 1;
    }
    let mut i = start + hashes + 2;
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return i + hashes + 1;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_comments_and_nothing_that_only_looks_like_one() {
        assert_eq!(count("(a: 1)"), 0);
        assert_eq!(count("// one\n(a: 1, /* two */ b: 2) // three"), 3);
        assert_eq!(count("/* outer /* inner */ still outer */ (a: 1)"), 1);
        assert_eq!(count(r#"(text: "http://example.com /* not */")"#), 0);
        assert_eq!(count(r##"(text: r#"a "// quoted" b"#)"##), 0);
        assert_eq!(count(r#"(text: "a \" // still text")"#), 0);
        assert_eq!(count("(c: '\"', d: 1) // real"), 1);
        assert_eq!(count("(rank: 1) // after a field named r…"), 1);
    }
}
