//! The words for domain values, written once for every screen and page: counts with their
//! plurals, scores, means, votes, and what a card carries besides its text.

/// "1 stage", "5 stages".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
