//! The CSV of `print --format csv`, as both its writer and its reader know it.
//!
//! Columns: `stage,lane,text,channel,score,votes,notes`.
//!
//! A text field that a spreadsheet may run as a formula gets one `'` in front ([`guard`]),
//! and [`unguard`] takes exactly that `'` off again, so the round trip is lossless.

/// The columns in order.
pub const HEADER: [&str; 7] = [
    "stage", "lane", "text", "channel", "score", "votes", "notes",
];

/// True for text a spreadsheet would take as a formula: it starts, after any `'`, with one
/// of `= + - @`, tab or carriage return.
pub fn looks_like_formula(s: &str) -> bool {
    s.trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
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
    fn formulas_are_defused() {
        assert_eq!(guard("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard("'=x"), "''=x");
        assert_eq!(guard("-20% off"), "'-20% off");
        assert_eq!(guard("it's fine"), "it's fine");
        assert_eq!(guard("'quoted'"), "'quoted'");
    }

    #[test]
    fn guard_and_unguard_are_inverse() {
        for s in [
            "=1+1", "'=x", "''@y", "-", "plain", "'quoted'", "'", "+", " ", "", "''",
        ] {
            assert_eq!(unguard(&guard(s)), s, "{s:?}");
        }
    }
}
