//! Reporting periods and the calendar dates of a custom period.
//!
//! Benchmarks are per quarter, so every period has a length in quarters:
//! a month is 1/3, a quarter 1, a half 2, a year 4, and a custom period is
//! `(end - start) in days / QUARTER_DAYS` where `QUARTER_DAYS = 365.25 / 4`.
//! The day count is the difference of the two dates, so 2025-01-01 to
//! 2025-04-01 is 90 days (the end date itself is not counted).

use std::fmt;

use thiserror::Error;

/// Days in an average quarter: 365.25 / 4.
pub const QUARTER_DAYS: f64 = 365.25 / 4.0;

/// The reporting period the counts cover.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Period {
    /// One month: 1/3 of a quarter.
    Month,
    /// One quarter.
    #[default]
    Quarter,
    /// Half a year: 2 quarters.
    Half,
    /// A year: 4 quarters.
    Year,
    /// From `start` to `end`, typed as `YYYY-MM-DD`.
    Custom {
        /// First day, as typed.
        start: String,
        /// Last day, as typed; must be after `start`.
        end: String,
    },
}

impl Period {
    /// Stable key used in links and selects: `month`, `quarter`, `half`,
    /// `year`, `custom`.
    #[must_use]
    pub fn key(&self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Half => "half",
            Period::Year => "year",
            Period::Custom { .. } => "custom",
        }
    }

    /// Name shown to the user.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Period::Month => "Month",
            Period::Quarter => "Quarter",
            Period::Half => "Half year",
            Period::Year => "Year",
            Period::Custom { .. } => "Custom dates",
        }
    }

    /// The period for a key (trimmed, case-insensitive). `custom` gives a
    /// custom period with blank dates.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Period> {
        match key.trim().to_ascii_lowercase().as_str() {
            "month" => Some(Period::Month),
            "quarter" => Some(Period::Quarter),
            "half" => Some(Period::Half),
            "year" => Some(Period::Year),
            "custom" => Some(Period::Custom {
                start: String::new(),
                end: String::new(),
            }),
            _ => None,
        }
    }

    /// The length of the period in quarters (always finite and above 0 when `Ok`).
    ///
    /// # Errors
    /// For a custom period: [`PeriodError::Start`] / [`PeriodError::End`] when
    /// a date is not a real `YYYY-MM-DD` date, [`PeriodError::EndNotAfterStart`]
    /// when the end is on or before the start.
    pub fn quarters(&self) -> Result<f64, PeriodError> {
        match self {
            Period::Month => Ok(1.0 / 3.0),
            Period::Quarter => Ok(1.0),
            Period::Half => Ok(2.0),
            Period::Year => Ok(4.0),
            Period::Custom { start, end } => Ok(custom_days(start, end)? / QUARTER_DAYS),
        }
    }

    /// What to multiply a count in this period by to get a count per quarter:
    /// `1 / quarters`, computed so that the usual cases are exact (a month
    /// is `3`, so 2 CSQLs in a month is exactly 6.0 per quarter).
    ///
    /// # Errors
    /// As [`Period::quarters`].
    pub fn per_quarter_scale(&self) -> Result<f64, PeriodError> {
        match self {
            Period::Month => Ok(3.0),
            Period::Quarter => Ok(1.0),
            Period::Half => Ok(0.5),
            Period::Year => Ok(0.25),
            Period::Custom { start, end } => Ok(QUARTER_DAYS / custom_days(start, end)?),
        }
    }
}

/// Days from `start` to `end` (both typed), at least 1.
fn custom_days(start: &str, end: &str) -> Result<f64, PeriodError> {
    let start_date = Date::parse(start).map_err(PeriodError::Start);
    let end_date = Date::parse(end).map_err(PeriodError::End);
    let (start_date, end_date) = (start_date?, end_date?);
    let days = end_date.days_since(start_date);
    if days <= 0 {
        return Err(PeriodError::EndNotAfterStart {
            start: start_date,
            end: end_date,
        });
    }
    // Whole days between two dates in years 1..=9999 fit f64 exactly.
    #[allow(clippy::cast_precision_loss)]
    let days = days as f64;
    Ok(days)
}

/// Why a custom period cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PeriodError {
    /// The start date is not a real date.
    #[error("start date: {0}")]
    Start(DateError),
    /// The end date is not a real date.
    #[error("end date: {0}")]
    End(DateError),
    /// The end date is on or before the start date.
    #[error("end date {end} must be after the start date {start}")]
    EndNotAfterStart {
        /// The start date.
        start: Date,
        /// The end date.
        end: Date,
    },
}

/// A calendar date (proleptic Gregorian), years 1 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1-9999.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day of the month, 1-31 depending on the month.
    pub day: u8,
}

/// Why typed text is not a date.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DateError {
    /// The field is blank.
    #[error("enter a date as YYYY-MM-DD")]
    Empty,
    /// The text is not shaped `YYYY-MM-DD`.
    #[error("\u{201c}{0}\u{201d} is not a date; use YYYY-MM-DD, e.g. 2025-01-31")]
    Format(String),
    /// The shape is right but there is no such day.
    #[error("{text} is not a real date ({reason})")]
    NoSuchDay {
        /// What was typed.
        text: String,
        /// Why, e.g. "February 2025 has 28 days".
        reason: String,
    },
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `YYYY-MM-DD` (surrounding spaces allowed) and checks the day exists.
    ///
    /// # Errors
    /// [`DateError::Empty`] for blank text, [`DateError::Format`] for text not
    /// shaped `YYYY-MM-DD`, [`DateError::NoSuchDay`] for e.g. `2025-02-30`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(DateError::Empty);
        }
        let format_error = || DateError::Format(shorten(trimmed));
        let bytes = trimmed.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(format_error());
        }
        let year: u16 = trimmed[0..4].parse().map_err(|_| format_error())?;
        let month: u8 = trimmed[5..7].parse().map_err(|_| format_error())?;
        let day: u8 = trimmed[8..10].parse().map_err(|_| format_error())?;
        let no_such_day = |reason: String| DateError::NoSuchDay {
            text: trimmed.to_owned(),
            reason,
        };
        if year == 0 {
            return Err(no_such_day("years start at 0001".to_owned()));
        }
        if !(1..=12).contains(&month) {
            return Err(no_such_day(format!("month {month} is not 01-12")));
        }
        let length = days_in_month(year, month);
        if day == 0 || day > length {
            let name = MONTH_NAMES[usize::from(month - 1)];
            return Err(no_such_day(format!("{name} {year} has {length} days")));
        }
        Ok(Date { year, month, day })
    }

    /// Days from `earlier` to `self` (negative when `self` is before `earlier`).
    #[must_use]
    pub fn days_since(self, earlier: Date) -> i64 {
        self.day_number() - earlier.day_number()
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn day_number(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let shifted_month = (month + 9) % 12; // March = 0
        let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `year` is a leap year in the Gregorian calendar.
#[must_use]
fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn shorten(text: &str) -> String {
    crate::model::text::truncate(text, 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        match Date::parse(text) {
            Ok(d) => d,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn day_numbers_match_known_dates() {
        assert_eq!(date("1970-01-01").day_number(), 0);
        assert_eq!(date("2000-03-01").day_number(), 11_017);
        assert_eq!(date("1969-12-31").day_number(), -1);
    }

    #[test]
    fn leap_years_follow_the_gregorian_rules() {
        assert!(is_leap(2024));
        assert!(!is_leap(2025));
        assert!(!is_leap(1900));
        assert!(is_leap(2000));
        assert_eq!(date("2024-03-01").days_since(date("2024-02-01")), 29);
        assert_eq!(date("2025-03-01").days_since(date("2025-02-01")), 28);
    }

    #[test]
    fn rejects_bad_shapes_and_days() {
        assert_eq!(Date::parse(" "), Err(DateError::Empty));
        assert!(matches!(Date::parse("2025-1-01"), Err(DateError::Format(_))));
        assert!(matches!(Date::parse("2025/01/01"), Err(DateError::Format(_))));
        assert!(matches!(Date::parse("２０２５-01-01"), Err(DateError::Format(_))));
        assert!(matches!(Date::parse("2025-13-01"), Err(DateError::NoSuchDay { .. })));
        assert!(matches!(Date::parse("0000-01-01"), Err(DateError::NoSuchDay { .. })));
        assert_eq!(
            Date::parse("2025-02-29").map_err(|e| e.to_string()),
            Err("2025-02-29 is not a real date (February 2025 has 28 days)".to_owned())
        );
    }

    #[test]
    fn displays_as_iso() {
        assert_eq!(date(" 2025-07-04 ").to_string(), "2025-07-04");
    }
}
