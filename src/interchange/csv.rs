//! The CSV of `print --format csv`, as both its writer and its reader know it.
//!
//! Columns ([`columns`]): `stage,lane,text,channel,score,votes,notes,stage_number,evidence,source,owner,status`.
//! The stage number (1 for the first stage) keeps two stages of the same name apart; a CSV
//! of the seven columns before it (an older journeymap) is read too, its rows gathered by
//! stage name, and so is one with any of the later columns left off its end.
//!
//! A text field that a spreadsheet may run as a formula gets one `'` in front ([`guard`]),
//! and [`unguard`] takes exactly that `'` off again, so the round trip is lossless.

use crate::model::CardField;

/// One column of the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Stage,
    Lane,
    Field(CardField),
    StageNumber,
}

impl Column {
    pub fn name(self) -> &'static str {
        match self {
            Column::Stage => "stage",
            Column::Lane => "lane",
            Column::Field(field) => field.key(),
            Column::StageNumber => "stage_number",
        }
    }
}

/// How many columns the CSV written before the stage number had (the stage, the lane and
/// the first five card fields: `text` to `notes`).
pub const OLD_COLUMNS: usize = 7;

/// The columns in order: the stage and the lane, then every card field in the table's
/// order, with the stage number where the older CSV ended. A new card field is a new last
/// column, so a CSV written before it is still read.
pub fn columns() -> Vec<Column> {
    let mut columns = vec![Column::Stage, Column::Lane];
    columns.extend(CardField::ALL.map(Column::Field));
    columns.insert(OLD_COLUMNS, Column::StageNumber);
    columns
}

/// The header row's names.
pub fn header() -> Vec<&'static str> {
    columns().into_iter().map(Column::name).collect()
}

/// The characters that start a formula in a spreadsheet: in ASCII, full width, small
/// (U+FE62, U+FE63, U+FE66) and the minus sign U+2212 (some spreadsheets fold all of these
/// to ASCII, so `＝SUM(A1)` is read as `=SUM(A1)`).
const FORMULA_STARTS: [char; 12] = [
    '=', '+', '-', '@', '＝', '＋', '－', '＠', '\u{fe62}', '\u{fe63}', '\u{fe66}', '\u{2212}',
];

/// True for text a spreadsheet may take as a formula: after any number of `'`, it starts
/// with a tab, a carriage return or a line feed, or, after any white space and characters
/// that show nothing, with a formula sign ([`FORMULA_STARTS`]). (Spreadsheets skip leading
/// spaces before a formula, and may drop invisible characters such as U+200B, U+FEFF or NUL
/// before they look.)
pub fn looks_like_formula(s: &str) -> bool {
    let s = s.trim_start_matches('\'');
    s.starts_with(['\t', '\r', '\n'])
        || s.trim_start_matches(|c: char| c.is_whitespace() || shows_nothing(c))
            .starts_with(FORMULA_STARTS)
}

/// The characters a spreadsheet may drop or not show before it looks for a formula: those the
/// screen shows as placeholders, the joiners and the soft hyphen.
fn shows_nothing(c: char) -> bool {
    crate::text::is_unsafe(c)
        || crate::text::is_unsteady(c)
        || matches!(c, '\u{ad}' | '\u{200c}' | '\u{200d}')
}

/// The text with a `'` in front when a spreadsheet may run it as a formula.
pub fn guard(s: &str) -> String {
    if looks_like_formula(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Undoes [`guard`]: one leading `'` comes off when what follows would be taken as a
/// formula. Text that [`guard`] left alone is returned as it is.
pub fn unguard(s: &str) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest.to_string(),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_columns_are_the_ones_journeymap_has_always_written() {
        assert_eq!(
            header().join(","),
            "stage,lane,text,channel,score,votes,notes,stage_number,evidence,source,owner,status"
        );
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(guard("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard("'=x"), "''=x");
        assert_eq!(guard("-20% off"), "'-20% off");
        assert_eq!(guard(" =1+1"), "' =1+1");
        assert_eq!(guard("\u{3000}@cmd"), "'\u{3000}@cmd");
        assert_eq!(guard("\nline"), "'\nline");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("\rx"), "'\rx");
        assert_eq!(guard("＝SUM(A1)"), "'＝SUM(A1)");
        assert_eq!(guard("＋1"), "'＋1");
        assert_eq!(guard("－1"), "'－1");
        assert_eq!(guard("＠x"), "'＠x");
        assert_eq!(guard("it's fine"), "it's fine");
        assert_eq!(guard("'quoted'"), "'quoted'");
        assert_eq!(guard("  plain"), "  plain");
        assert_eq!(guard("a=b"), "a=b");
    }

    #[test]
    fn invisible_characters_and_other_signs_do_not_hide_a_formula() {
        for s in [
            "\u{200b}=SUM(A1)",
            "\u{feff}=SUM(A1)",
            "\0=SUM(A1)",
            "\u{2060}\u{200d}+1",
            "\u{fe66}SUM(A1)",
            "\u{2212}1",
            "\u{fe62}1",
            "\u{fe63}1",
            " \u{200b} @x",
        ] {
            assert_eq!(guard(s), format!("'{s}"), "{s:?}");
            assert_eq!(unguard(&guard(s)), s, "{s:?}");
        }
        assert_eq!(guard("\u{200b}plain"), "\u{200b}plain");
    }

    #[test]
    fn guard_and_unguard_are_inverse() {
        for s in [
            "=1+1", "'=x", "''@y", "-", "plain", "'quoted'", "'", "+", " =x", "' =x", "\nx",
            "'\nx", "＝x", "'＠", " ", "", "''", "\u{a0}-1",
        ] {
            assert_eq!(unguard(&guard(s)), s, "{s:?}");
        }
    }
}
