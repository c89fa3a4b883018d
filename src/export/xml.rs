//! Escaping shared by the HTML and SVG snapshots, which are both written as well-formed XML.

use super::safe_multiline;

/// Text (or an attribute value in double or single quotes) escaped for HTML and XML. Unsafe
/// characters are first replaced as on the terminal, which also removes every character XML
/// 1.0 forbids; U+FFFE and U+FFFF, also forbidden, become U+FFFD.
pub(crate) fn escape(s: &str) -> String {
    let safe = safe_multiline(s);
    let mut out = String::with_capacity(safe.len() + 8);
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Like [`escape`], with line breaks turned into spaces (for titles and attributes).
pub(crate) fn escape_line(s: &str) -> String {
    escape(&super::safe_line(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_neutralises_controls() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            escape("a\u{0}b\u{FFFF}\u{202e}"),
            "a\u{2400}b\u{FFFD}\u{FFFD}"
        );
        assert_eq!(escape("two\nlines"), "two\nlines");
        assert_eq!(escape_line("two\nlines"), "two lines");
    }
}
