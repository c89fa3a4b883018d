//! The view file (`KEY.PID.view` in the state folder): what a running editor shows of its
//! workshop, beside its recovery copy, so that `view --follow` on a projector shows the
//! facilitator's place on the board, the timer and the phase. It never holds card text or
//! vote totals: the projector reads those from the map, and hides the totals when this file
//! says so.

use serde::{Deserialize, Serialize};

use super::ParseError;

/// The facilitator's screen as the projector follows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ViewFile {
    /// The selected stage, lane (by its file-format key, `pain_points`) and card.
    pub stage: usize,
    pub lane: String,
    pub index: usize,
    pub zoom: bool,
    /// The first stage column on the facilitator's screen.
    pub first_stage: usize,
    /// When the file was written, in milliseconds since the Unix epoch: a reader counts a
    /// running timer down from there.
    pub written_ms: u64,
    /// The workshop timer, once the facilitator has used it.
    pub timer: Option<TimerFile>,
    /// The workshop's phase as the header names it (`private writing`).
    pub phase: String,
    /// Whether the cards' vote totals must not show (a round with hidden votes, private
    /// writing).
    pub hide_votes: bool,
    /// A voting round under way: how far it is, without a total ("3 of 5 done").
    pub round: Option<String>,
    /// Private writing: how many cards are waiting ("14 cards from 5 people"), never text.
    pub drafts: Option<String>,
}

/// The timer when the file was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TimerFile {
    /// Time left, in milliseconds (0 and not running: time is up).
    pub left_ms: u64,
    pub running: bool,
}

/// The text of a view file.
pub fn view_to_string(view: &ViewFile) -> String {
    ron::ser::to_string_pretty(view, ron::ser::PrettyConfig::default()).unwrap_or_default()
}

/// Parses the text of a view file.
pub fn view_from_str(text: &str) -> Result<ViewFile, ParseError> {
    super::parse::<ViewFile>(text).map_err(|e| e.in_lines_of(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ViewFile {
        ViewFile {
            stage: 3,
            lane: "pain_points".into(),
            index: 1,
            zoom: true,
            first_stage: 2,
            written_ms: 1_765_000_000_123,
            timer: Some(TimerFile {
                left_ms: 299_500,
                running: true,
            }),
            phase: "voting".into(),
            hide_votes: true,
            round: Some("3 of 5 done · 4 dots still to place".into()),
            drafts: None,
        }
    }

    #[test]
    fn a_view_file_reads_back_as_written() {
        let view = sample();
        let text = view_to_string(&view);
        assert_eq!(view_from_str(&text), Ok(view));
        assert!(text.contains("hide_votes: true"), "{text}");
    }

    #[test]
    fn a_damaged_view_file_is_an_error_with_its_place() {
        let text = view_to_string(&sample());
        let cut = &text[..text.len() / 2];
        let error = view_from_str(cut).expect_err("half a file");
        assert!(error.line >= 1, "{error:?}");
        for bad in ["", "(stage: \"three\")", "not ron at all", "(zoom: maybe)"] {
            assert!(view_from_str(bad).is_err(), "{bad:?}");
        }
    }
}
