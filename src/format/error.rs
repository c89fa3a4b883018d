use std::fmt;

use crate::text;

/// A problem in a map file, with the 1-based line and column where it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ParseError {
    /// An error at a position. Text quoted from the file in `message` (between backticks)
    /// is cut to a readable length: an unknown field name may be megabytes long.
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        ParseError {
            line: line.max(1),
            column: column.max(1),
            message: shorten(message.into()),
        }
    }

    pub(crate) fn not_utf8(bytes: &[u8], e: std::str::Utf8Error) -> Self {
        let valid = &bytes[..e.valid_up_to()];
        // `valid` is UTF-8 by definition.
        let (line, column) = position_of(&String::from_utf8_lossy(valid), valid.len());
        ParseError::at(
            line,
            column,
            format!(
                "the file is not valid UTF-8 text (bad byte on line {line}); journey maps are UTF-8 RON files"
            ),
        )
    }

    pub(crate) fn utf16() -> Self {
        ParseError::at(
            1,
            1,
            "the file looks like UTF-16 text; save it as UTF-8 (journey maps are UTF-8 RON files)",
        )
    }

    /// Moves a position counted as ron counts (a line ends only at `\n`) to the line and
    /// column an editor shows, where a lone `\r` ends a line too. `source` is the text the
    /// position is in.
    pub(crate) fn in_lines_of(mut self, source: &str) -> Self {
        if !has_lone_cr(source) {
            return self;
        }
        if let Some(at) = byte_offset(source, self.line, self.column) {
            (self.line, self.column) = position_of(source, at);
        }
        self
    }

    /// Adds a hint for the mistakes people actually make, such as handing over JSON.
    pub(crate) fn with_hint(mut self, source: &str) -> Self {
        if let Some(fraction) = Fraction::at(source, self.line, self.column) {
            self.column = fraction.column;
            self.message = fraction.message();
            return self;
        }
        // ron reports some errors at the place where it stopped rather than at the text
        // that is the problem: point at what comes next, or say the file ended.
        if let Some(rest) = byte_offset(source, self.line, self.column).map(|at| &source[at..]) {
            let skipped = rest.len() - rest.trim_start().len();
            if rest.trim().is_empty() {
                self.message = EOF_MESSAGE.into();
            } else if skipped > 0 && self.message == TRAILING_MESSAGE {
                let (line, column) = position_after(source, source.len() - rest.len() + skipped);
                (self.line, self.column) = (line, column);
            }
        }
        let first = source.trim_start().chars().next();
        if first == Some('{') {
            self.message
                .push_str(" (this looks like JSON; journeymap reads RON, see the README)");
        }
        self
    }

    /// The compiler-style report: `FILE:LINE:COLUMN: error: MESSAGE`, then the offending
    /// line with a caret when the source is at hand. Everything printed is sanitised.
    pub fn report(&self, file: &str, source: Option<&str>) -> String {
        self.report_as("error", file, source)
    }

    /// [`ParseError::report`] for something of another kind (`warning`, `note`).
    pub fn report_as(&self, kind: &str, file: &str, source: Option<&str>) -> String {
        let mut out = format!(
            "{}:{}:{}: {kind}: {}",
            text::sanitize(file),
            self.line,
            self.column,
            text::sanitize(&self.message)
        );
        // Positions count from after a byte-order mark, as the parser skipped it.
        let source = source.map(|s| s.strip_prefix('\u{feff}').unwrap_or(s));
        if let Some(excerpt) = source.and_then(|s| Excerpt::new(s, self.line, self.column)) {
            out.push('\n');
            out.push_str(&excerpt.to_string());
        }
        out
    }
}

/// A number with a fractional part where a whole one belongs (`score: 1.5`). ron reads the
/// whole part, then stops at the `.` and asks for a comma; the field names the real problem.
/// Found from the source after the fact, so parsing valid files costs nothing more.
struct Fraction {
    field: String,
    number: String,
    /// 1-based column of the number's first character.
    column: usize,
}

impl Fraction {
    fn at(source: &str, line: usize, column: usize) -> Option<Fraction> {
        let chars: Vec<char> = source.lines().nth(line.checked_sub(1)?)?.chars().collect();
        let dot = column.checked_sub(1)?;
        let is_digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
        if chars.get(dot) != Some(&'.') || !is_digit(dot + 1) || !is_digit(dot.checked_sub(1)?) {
            return None;
        }
        let mut start = dot;
        while start > 0 && is_digit(start - 1) {
            start -= 1;
        }
        if start > 0 && matches!(chars[start - 1], '-' | '+') {
            start -= 1;
        }
        let mut end = dot + 1;
        while is_digit(end) {
            end += 1;
        }
        let before: String = chars[..start].iter().collect();
        let field = before
            .trim_end()
            .strip_suffix(':')?
            .trim_end()
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()?
            .to_string();
        Some(Fraction {
            field,
            number: chars[start..end].iter().collect(),
            column: start + 1,
        })
    }

    fn message(&self) -> String {
        use crate::model::{CardField, FieldKind};
        let number = &self.number;
        match CardField::from_key(&self.field) {
            Some(field) if matches!(field.kind(), FieldKind::Number { .. }) => {
                format!("{}, not {number}", field.must_be_whole())
            }
            _ => format!("expected a whole number here, not {number}"),
        }
    }
}

impl From<ron::error::SpannedError> for ParseError {
    fn from(e: ron::error::SpannedError) -> Self {
        ParseError::at(e.span.start.line, e.span.start.col, plain_message(&e.code))
    }
}

const EOF_MESSAGE: &str = "the file ends too early: a bracket or a quote is not closed";
const TRAILING_MESSAGE: &str = "unexpected text after the end of the map";

/// The byte offset of a 1-based line and column (columns count characters), when the
/// source has that line and the column is at most one past its end.
fn byte_offset(source: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line == 1 {
        0
    } else {
        source.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let text = &source[start..];
    let text = &text[..text.find('\n').unwrap_or(text.len())];
    let skip = column.checked_sub(1)?;
    match text.char_indices().nth(skip) {
        Some((i, _)) => Some(start + i),
        None if text.chars().count() == skip => Some(start + text.len()),
        None => None,
    }
}

/// The 1-based line and column of a byte offset.
fn position_after(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// ron's messages reworded for people who have never read the RON grammar. Our own checks
/// (`Message`) are already worded for them.
fn plain_message(code: &ron::Error) -> String {
    use ron::Error as E;
    let within = |outer: &Option<String>| {
        outer
            .as_deref()
            .map_or(String::new(), |o| format!(" in this {o}"))
    };
    match code {
        E::Eof => EOF_MESSAGE.into(),
        E::ExpectedStringEnd => "this string is not closed: add the closing `\"`".into(),
        E::ExceededRecursionLimit => "brackets are nested too deeply for a journey map".into(),
        E::ExpectedInteger | E::IntegerOutOfBounds => "expected a whole number here".into(),
        E::ExpectedString => "expected text in double quotes here".into(),
        E::ExpectedComma => "expected a comma between these items".into(),
        E::ExpectedArray => "expected a list in square brackets `[ ... ]` here".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "expected a group in round brackets `( ... )` here".into()
        }
        E::ExpectedStructLikeEnd => {
            "expected `)` to close this group (or a comma and another field)".into()
        }
        E::ExpectedArrayEnd => {
            "expected `]` to close this list (or a comma and another item)".into()
        }
        E::ExpectedIdentifier => "expected a field name and a colon here, such as `text:`".into(),
        E::TrailingCharacters => TRAILING_MESSAGE.into(),
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", within(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("field `{field}` is given twice{}", within(outer))
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{}`{}; expected one of {}",
            clip(found),
            within(outer),
            expected
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown {} `{}`; expected one of {}",
            outer.as_deref().unwrap_or("value"),
            clip(found),
            expected
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        E::Message(m) => m.clone(),
        code => code.to_string(),
    }
}

/// The source line of an error with a caret under the column, kept to a readable window
/// even when the line is megabytes long.
struct Excerpt {
    line_no: usize,
    before: String,
    after: String,
}

const WINDOW: usize = 60;

impl Excerpt {
    fn new(source: &str, line: usize, column: usize) -> Option<Self> {
        let text = shown_lines(source).nth(line.checked_sub(1)?)?;
        let chars: Vec<char> = text.chars().collect();
        let at = column.saturating_sub(1).min(chars.len());
        let start = at.saturating_sub(WINDOW);
        let end = (at + WINDOW).min(chars.len());
        let mut before: String = chars[start..at].iter().collect();
        let mut after: String = chars[at..end].iter().collect();
        // Say so when the line is cut.
        if start > 0 {
            before.insert(0, '…');
        }
        if end < chars.len() {
            after.push('…');
        }
        Some(Excerpt {
            line_no: line,
            before: text::sanitize(&before).replace('\u{2409}', " "),
            after: text::sanitize(&after).replace('\u{2409}', " "),
        })
    }
}

impl fmt::Display for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gutter = self.line_no.to_string();
        let pad = " ".repeat(gutter.len());
        writeln!(f, "{pad} |")?;
        writeln!(f, "{gutter} | {}{}", self.before, self.after)?;
        write!(f, "{pad} | {}^", " ".repeat(text::width(&self.before)))
    }
}

/// Quoted text in a message is cut after this many characters.
const QUOTE_MAX: usize = 60;
/// And a whole message after this many: a message is read, not scrolled.
const MESSAGE_MAX: usize = 400;

/// `text` cut to [`QUOTE_MAX`] characters, with `…` when it was longer.
fn clip(text: &str) -> String {
    match text.char_indices().nth(QUOTE_MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Every `quoted` stretch of `message` clipped to [`QUOTE_MAX`] characters, and the whole
/// to [`MESSAGE_MAX`].
fn shorten(message: String) -> String {
    if message.chars().count() <= QUOTE_MAX {
        return message;
    }
    let mut out = String::new();
    let mut quoted: Option<usize> = None;
    let mut kept = 0;
    for c in message.chars() {
        if kept >= MESSAGE_MAX {
            out.push('…');
            return out;
        }
        match (c, quoted) {
            ('`', Some(_)) => quoted = None,
            ('`', None) => quoted = Some(0),
            (_, Some(n)) if n == QUOTE_MAX => {
                out.push('…');
                kept += 1;
                quoted = Some(n + 1);
                continue;
            }
            (_, Some(n)) if n > QUOTE_MAX => continue,
            (_, Some(n)) => quoted = Some(n + 1),
            (_, None) => {}
        }
        out.push(c);
        kept += 1;
    }
    out
}

/// Whether `source` has a carriage return that is not part of a `\r\n` pair.
fn has_lone_cr(source: &str) -> bool {
    let bytes = source.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// The 1-based line and column of a byte offset, a line ending at `\n`, `\r\n` or a lone
/// `\r`; columns count characters.
fn position_of(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let mut line = 1;
    let mut column = 1;
    let mut chars = before.chars().peekable();
    while let Some(c) = chars.next() {
        let ends_line = c == '\n' || (c == '\r' && chars.peek() != Some(&'\n'));
        if ends_line {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// The lines of `source` as an editor shows them: ended by `\n`, `\r\n` or a lone `\r`.
fn shown_lines(source: &str) -> impl Iterator<Item = &str> {
    source
        .split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
}

/// Whether `bytes` look like UTF-16 text: a UTF-16 byte-order mark, or (without one) a
/// zero byte in every other place, as ASCII text in UTF-16 has.
pub(crate) fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(256)];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return false;
    }
    let zeros = |from: usize| {
        head.iter()
            .skip(from)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    // Most of one side zero, almost none of the other.
    (odd * 4 >= pairs * 3 && even * 8 < pairs) || (even * 4 >= pairs * 3 && odd * 8 < pairs)
}
