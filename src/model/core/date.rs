//! Calendar dates for recency signals: `YYYY-MM-DD` text, days between two
//! dates, and the model's as-of date. No clock here: "today" is always passed
//! in by the caller (the browser shell, the command line), so the model stays
//! pure and the same inputs always score the same.
//!
//! Days are counted with the proleptic Gregorian calendar (Howard Hinnant's
//! `days_from_civil`), the calendar every SQL engine uses.

use std::fmt;

use thiserror::Error;

use crate::model::core::text::truncate;
use crate::model::core::Model;

/// A calendar date, as days since 1970-01-01.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

/// Why a date cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DateError {
    /// Not a date written as `YYYY-MM-DD` (years 0001 to 9999), or no such day.
    #[error("\u{201c}{0}\u{201d} is not a date (write it as YYYY-MM-DD)")]
    NotADate(String),
}

/// The time after a date in a date-time cell, as a regular expression:
/// a space or `T`, hours and minutes, optional seconds with an optional
/// fraction, and an optional `Z` or offset (`+01:00`, `-0500`).
pub const TIME_PATTERN: &str = "[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?";

/// Whether `text` matches [`TIME_PATTERN`] whole.
fn is_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| b.get(from..from + n).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(matches!(b.first(), Some(b' ' | b'T')) && digits(1, 2) && b.get(3) == Some(&b':') && digits(4, 2)) {
        return false;
    }
    let mut at = 6;
    if b.get(at) == Some(&b':') && digits(at + 1, 2) {
        at += 3;
        if b.get(at) == Some(&b'.') && digits(at + 1, 1) {
            at += 1;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
        }
    }
    match b.get(at) {
        None => true,
        Some(b'Z') => at + 1 == b.len(),
        Some(b'+' | b'-') if digits(at + 1, 2) => {
            let rest = &b[at + 3..];
            rest.len() == 2 && rest.iter().all(u8::is_ascii_digit)
                || rest.len() == 3 && rest[0] == b':' && rest[1..].iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// Whether `year` has a 29 February.
pub(crate) fn leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1-12) of `year`.
pub(crate) fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to `year`-`month`-`day` (Howard Hinnant's
/// `days_from_civil`), for a day the caller has already checked exists.
pub(crate) fn day_number(year: i64, month: i64, day: i64) -> i64 {
    // March-based years put the leap day last.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Date {
    /// The date `year`-`month`-`day`, if there is such a day in years 1-9999.
    #[must_use]
    pub fn from_ymd(year: i64, month: i64, day: i64) -> Option<Self> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self(day_number(year, month, day)))
    }

    /// Reads `YYYY-MM-DD` (surrounding white space ignored).
    ///
    /// # Errors
    /// [`DateError::NotADate`] for any other text or a day that does not exist.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let t = text.trim();
        let bytes = t.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        let field = |range: std::ops::Range<usize>| t.get(range).and_then(|s| s.parse::<i64>().ok());
        match (shaped, field(0..4), field(5..7), field(8..10)) {
            (true, Some(y), Some(m), Some(d)) => Self::from_ymd(y, m, d),
            _ => None,
        }
        .ok_or_else(|| DateError::NotADate(truncate(t, 24)))
    }

    /// Reads a date as CRMs write it in a cell: `YYYY-MM-DD`, or a date-time
    /// that starts with it (`2024-11-08 13:24`, `2024-11-08T13:24:00Z`,
    /// `2024-11-08T13:24:00.5+01:00`), which counts as the date written. The
    /// time's shape is [`TIME_PATTERN`], which the SQL export matches too.
    ///
    /// # Errors
    /// [`DateError::NotADate`] for any other text or a day that does not exist.
    pub fn parse_cell(text: &str) -> Result<Self, DateError> {
        let t = text.trim();
        match (t.get(..10), t.get(10..)) {
            (Some(date), Some(time)) if !time.is_empty() && is_time(time) => {
                Self::parse(date).map_err(|_| DateError::NotADate(truncate(t, 24)))
            }
            _ => Self::parse(t),
        }
    }

    /// Days since 1970-01-01 (negative before).
    #[must_use]
    pub fn days(self) -> i64 {
        self.0
    }

    /// The date this many days after 1970-01-01, for a clock's reading.
    #[must_use]
    pub const fn from_days(days: i64) -> Self {
        Self(days)
    }

    /// Year, month and day (civil_from_days, the inverse of [`Date::from_ymd`]).
    #[must_use]
    pub fn ymd(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// The date recency signals are scored at: the model's as-of date, or `today`
/// when the model leaves it blank.
///
/// # Errors
/// [`DateError::NotADate`] when the model's as-of date is not a date.
pub fn as_of(model: &Model, today: Date) -> Result<Date, DateError> {
    if model.as_of.trim().is_empty() {
        Ok(today)
    } else {
        Date::parse(&model.as_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_time_counts_as_the_date_written() {
        let day = Date::from_ymd(2024, 11, 8);
        for text in [
            "2024-11-08",
            "2024-11-08 13:24",
            " 2024-11-08 13:24:05 ",
            "2024-11-08T13:24:00Z",
            "2024-11-08T23:30:00.125-05:00",
            "2024-11-08T13:24+0100",
        ] {
            assert_eq!(Date::parse_cell(text).ok(), day, "{text}");
        }
        // Surrounding spaces are trimmed first: a plain date.
        assert_eq!(Date::parse_cell("2024-11-08 ").ok(), day);
        for text in [
            "2024-11-08 1:24",
            "2024-11-08T13",
            "2024-11-08 13:24:5",
            "2024-11-08 13:24Zx",
            "2024-11-08 13:24+1",
            "2024-11-08X13:24",
            "2024-02-30 10:00",
            "2024-11-08 13:24:00.",
        ] {
            assert!(Date::parse_cell(text).is_err(), "{text}");
        }
        // The model's as-of date stays a plain date.
        assert!(Date::parse("2024-11-08 13:24").is_err());
    }

    #[test]
    fn days_count_from_1970_and_leap_years_have_29_february() {
        assert_eq!(Date::from_ymd(1970, 1, 1).map(Date::days), Some(0));
        assert_eq!(Date::from_ymd(1970, 1, 2).map(Date::days), Some(1));
        assert_eq!(Date::from_ymd(1969, 12, 31).map(Date::days), Some(-1));
        // 2000-03-01: 30 years of 365 days plus 7 leap days (72, 76, ... 96) = 10957
        // to 2000-01-01, then 31 + 29 days of January and February 2000.
        assert_eq!(Date::from_ymd(2000, 3, 1).map(Date::days), Some(10_957 + 31 + 29));
        assert!(Date::from_ymd(2024, 2, 29).is_some());
        assert!(Date::from_ymd(2023, 2, 29).is_none());
        assert!(Date::from_ymd(1900, 2, 29).is_none());
        assert!(Date::from_ymd(2026, 4, 31).is_none());
        assert!(Date::from_ymd(0, 1, 1).is_none());
        assert!(Date::from_ymd(10_000, 1, 1).is_none());
    }

    #[test]
    fn text_round_trips_and_anything_else_is_refused() {
        for text in ["2026-11-24", "0001-01-01", "9999-12-31", "2024-02-29", "1969-07-20"] {
            assert_eq!(Date::parse(text).map(|d| d.to_string()), Ok(text.to_owned()));
        }
        assert_eq!(Date::parse(" 2026-01-05\t").map(|d| d.to_string()), Ok("2026-01-05".to_owned()));
        for bad in [
            "",
            "2026-1-5",
            "2026/01/05",
            "05.01.2026",
            "2026-02-30",
            "2026-13-01",
            "+026-01-01",
            "2026-01-05T10:00",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }
}
