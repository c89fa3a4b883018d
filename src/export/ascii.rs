//! Plain ASCII for `print --ascii`: the board's drawing is ASCII already; this brings the
//! map's own text down to ASCII too, keeping as much of it readable as it can. Accents are
//! dropped, typographic punctuation gets its ASCII look-alike, control pictures from the
//! sanitiser become caret notation (`^[` for ESC), and anything else becomes `?`.

/// `s` (already sanitised) with every character ASCII.
pub(crate) fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(r) = replacement(c) {
            out.push_str(r);
        } else if let Some(caret) = control_picture(c) {
            out.push('^');
            out.push(caret);
        } else if is_combining(c) {
            // The mark belongs to the letter before it, which is already written.
        } else {
            out.push('?');
        }
    }
    out
}

/// `^@`..`^_` for the control pictures U+2400..U+241F, `^?` for DEL's picture.
fn control_picture(c: char) -> Option<char> {
    match c {
        '\u{2400}'..='\u{241f}' => char::from_u32(c as u32 - 0x2400 + 0x40),
        '\u{2421}' => Some('?'),
        _ => None,
    }
}

fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe00}'..='\u{fe0f}' | '\u{fe20}'..='\u{fe2f}'
        | '\u{200b}'..='\u{200d}')
}

/// Latin letters with diacritics (Latin-1 and the common Latin Extended-A ones) and
/// typographic punctuation.
fn replacement(c: char) -> Option<&'static str> {
    let r = match c {
        'À'..='Å' => "A",
        'Æ' => "AE",
        'Ç' => "C",
        'È'..='Ë' => "E",
        'Ì'..='Ï' => "I",
        'Ð' => "D",
        'Ñ' => "N",
        'Ò'..='Ö' | 'Ø' => "O",
        'Ù'..='Ü' => "U",
        'Ý' => "Y",
        'Þ' => "Th",
        'ß' => "ss",
        'à'..='å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è'..='ë' => "e",
        'ì'..='ï' => "i",
        'ð' => "d",
        'ñ' => "n",
        'ò'..='ö' | 'ø' => "o",
        'ù'..='ü' => "u",
        'ý' | 'ÿ' => "y",
        'þ' => "th",
        'Œ' => "OE",
        'œ' => "oe",
        'Š' => "S",
        'š' => "s",
        'Ž' => "Z",
        'ž' => "z",
        'Ł' => "L",
        'ł' => "l",
        'Č' | 'Ć' => "C",
        'č' | 'ć' => "c",
        'Ę' | 'Ė' | 'Ě' => "E",
        'ę' | 'ė' | 'ě' => "e",
        'Ğ' => "G",
        'ğ' => "g",
        'İ' => "I",
        'ı' => "i",
        'Ń' | 'Ň' => "N",
        'ń' | 'ň' => "n",
        'Ő' => "O",
        'ő' => "o",
        'Ř' => "R",
        'ř' => "r",
        'Ś' | 'Ş' => "S",
        'ś' | 'ş' => "s",
        'Ţ' | 'Ť' => "T",
        'ţ' | 'ť' => "t",
        'Ů' | 'Ű' => "U",
        'ů' | 'ű' => "u",
        'Ź' | 'Ż' => "Z",
        'ź' | 'ż' => "z",
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => " ",
        '‘' | '’' | '‚' | '‛' | '′' => "'",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '…' => "...",
        '•' | '·' | '●' => "*",
        '→' => "->",
        '←' => "<-",
        '×' => "x",
        '÷' => "/",
        '©' => "(c)",
        '®' => "(R)",
        '™' => "(TM)",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '°' => " deg",
        '½' => "1/2",
        _ => return None,
    };
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_to_ascii_and_keeps_what_it_can() {
        assert_eq!(fold("plain"), "plain");
        assert_eq!(fold("Café – “quoted” …"), "Cafe - \"quoted\" ...");
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
        assert_eq!(fold("\u{241b}[31m\u{2407}\u{2421}"), "^[[31m^G^?");
        assert_eq!(fold("日本 🙂"), "?? ?");
        assert!(fold("Ærøskøbing ŁÓDŹ ß").is_ascii());
    }
}
