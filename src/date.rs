//! The calendar date a page was made on, for the snapshots and summaries that say it. The
//! clock is read by the caller ([`Date::today`]) and the date handed down, so every renderer
//! stays pure and every test can fix the date.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A day of the Gregorian calendar, shown as `2026-12-07`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Today where the user is. `SOURCE_DATE_EPOCH` (seconds since 1970, as reproducible
    /// builds use it) fixes the date, in UTC.
    pub fn today() -> Date {
        if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
        {
            return Date::from_unix_seconds(secs);
        }
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        local(secs).unwrap_or_else(|| Date::from_unix_seconds(secs))
    }

    /// The UTC date of a moment given in seconds since 1970.
    pub fn from_unix_seconds(secs: i64) -> Date {
        from_days(secs.div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: i32::try_from(year).unwrap_or(i32::MAX),
        month,
        day,
    }
}

/// The local date of a moment, from the C library's time zone rules (`TZ`, /etc/localtime).
#[cfg(unix)]
fn local(secs: i64) -> Option<Date> {
    let time = libc::time_t::try_from(secs).ok()?;
    // SAFETY: `tm` is plain data that localtime_r fills in; both pointers are valid for the
    // call, and the reentrant variant keeps no pointer to either.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let filled = unsafe { libc::localtime_r(&time, &mut tm) };
    if filled.is_null() {
        return None;
    }
    Some(Date {
        year: tm.tm_year.checked_add(1900)?,
        month: u8::try_from(tm.tm_mon + 1).ok()?,
        day: u8::try_from(tm.tm_mday).ok()?,
    })
}

#[cfg(not(unix))]
fn local(_secs: i64) -> Option<Date> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_1970_become_calendar_dates() {
        let date = |secs| Date::from_unix_seconds(secs).to_string();
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(86_399), "1970-01-01");
        assert_eq!(date(-1), "1969-12-31");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_709_251_199), "2024-02-29");
        assert_eq!(date(1_796_601_600), "2026-12-07");
    }
}
