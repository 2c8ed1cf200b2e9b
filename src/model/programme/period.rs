//! Reporting periods and the calendar dates of a custom period.
//!
//! Benchmarks are per quarter, so every period has a length in quarters:
//! a month is 1/3, a quarter 1, a half 2, a year 4, and a custom period is
//! `(end - start) in days / QUARTER_DAYS` where `QUARTER_DAYS = 365.25 / 4`.
//! The day count is the difference of the two dates, so 2025-01-01 to
//! 2025-04-01 is 90 days (the end date itself is not counted).
//!
//! Dates are shown in one format, `YYYY-MM-DD`, and read in the forms people
//! type or paste: `2025-01-31` (a date picker's value), `2025/1/31`,
//! `2025.01.31`, `20250131`, `31 Jan 2025`, `January 31, 2025`, `31-Jan-2025`,
//! a trailing time (`2025-01-31T09:30`, `2025-01-31 00:00:00`), and day and
//! month as numbers when only one order is possible (`31/01/2025`,
//! `01/31/2025`). `01/02/2025` could be either, so it is refused with both
//! readings. Years have four digits.

use std::fmt;

use thiserror::Error;

use crate::model::core::date as calendar;

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
    let start_date = PeriodDate::parse(start).map_err(PeriodError::Start);
    let end_date = PeriodDate::parse(end).map_err(PeriodError::End);
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
    Start(PeriodDateError),
    /// The end date is not a real date.
    #[error("end date: {0}")]
    End(PeriodDateError),
    /// The end date is on or before the start date.
    #[error("end date {end} must be after the start date {start}")]
    EndNotAfterStart {
        /// The start date.
        start: PeriodDate,
        /// The end date.
        end: PeriodDate,
    },
}

/// A calendar date (proleptic Gregorian), years 1 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PeriodDate {
    /// Year, 1-9999.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day of the month, 1-31 depending on the month.
    pub day: u8,
}

/// Why typed text is not a date.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PeriodDateError {
    /// The field is blank.
    #[error("enter a date as YYYY-MM-DD")]
    Empty,
    /// The text is not a date in any form this reads.
    #[error("\u{201c}{0}\u{201d} is not a date; use YYYY-MM-DD, e.g. 2025-01-31")]
    Format(String),
    /// Day and month are both numbers up to 12, so either could be the month.
    #[error("\u{201c}{text}\u{201d} could be {day_first} or {month_first}; use YYYY-MM-DD")]
    Ambiguous {
        /// What was typed (shortened).
        text: String,
        /// Read day first (`01/02/2025` as 1 February).
        day_first: PeriodDate,
        /// Read month first (`01/02/2025` as 2 January).
        month_first: PeriodDate,
    },
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

impl PeriodDate {
    /// Reads a date typed or pasted in any of the forms the module lists
    /// (surrounding spaces allowed) and checks that the day exists.
    ///
    /// # Errors
    /// [`PeriodDateError::Empty`] for blank text, [`PeriodDateError::Format`] for text
    /// that is no date form, [`PeriodDateError::Ambiguous`] for `01/02/2025`,
    /// [`PeriodDateError::NoSuchDay`] for e.g. `2025-02-30`.
    pub fn parse(text: &str) -> Result<PeriodDate, PeriodDateError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(PeriodDateError::Empty);
        }
        let format_error = || PeriodDateError::Format(shorten(trimmed));
        // No date form is longer; a pasted paragraph is refused unread.
        if trimmed.chars().count() > MAX_DATE_CHARS {
            return Err(format_error());
        }
        let parts = date_parts(without_time(trimmed)).ok_or_else(format_error)?;
        let (year, month, day) = match parts.as_slice() {
            // 20250131
            [Part::Number(digits)] if digits.len() == 8 => (number(&digits[..4]), number(&digits[4..6]), number(&digits[6..])),
            // 2025-01-31, 2025/1/31, 2025.01.31
            [Part::Number(y), Part::Number(m), Part::Number(d)] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
                (number(y), number(m), number(d))
            }
            // 31 Jan 2025, 31-Jan-2025
            [Part::Number(d), Part::Month(m), Part::Number(y)] | [Part::Month(m), Part::Number(d), Part::Number(y)]
                if y.len() == 4 && d.len() <= 2 =>
            {
                (number(y), u32::from(*m), number(d))
            }
            // 31/01/2025 or 01/31/2025: only when one order is possible.
            [Part::Number(a), Part::Number(b), Part::Number(y)] if y.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
                let (year, a, b) = (number(y), number(a), number(b));
                if a > 12 {
                    (year, b, a)
                } else if b > 12 {
                    (year, a, b)
                } else {
                    let day_first = Self::checked(year, b, a, trimmed);
                    let month_first = Self::checked(year, a, b, trimmed);
                    return match (day_first, month_first) {
                        (Ok(day_first), Ok(month_first)) if day_first != month_first => Err(PeriodDateError::Ambiguous {
                            text: shorten(trimmed),
                            day_first,
                            month_first,
                        }),
                        (result, _) => result,
                    };
                }
            }
            _ => return Err(format_error()),
        };
        Self::checked(year, month, day, trimmed)
    }

    /// The date with these numbers, or why there is no such day.
    fn checked(year: u32, month: u32, day: u32, typed: &str) -> Result<PeriodDate, PeriodDateError> {
        let no_such_day = |reason: String| PeriodDateError::NoSuchDay {
            text: shorten(typed),
            reason,
        };
        let year = u16::try_from(year)
            .ok()
            .filter(|y| *y <= 9999)
            .ok_or_else(|| PeriodDateError::Format(shorten(typed)))?;
        if year == 0 {
            return Err(no_such_day("years start at 0001".to_owned()));
        }
        let month = u8::try_from(month)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| no_such_day(format!("month {month} is not 01-12")))?;
        let length = calendar::days_in_month(i64::from(year), i64::from(month));
        let name = MONTH_NAMES[usize::from(month - 1)];
        let day = u8::try_from(day)
            .ok()
            .filter(|d| (1..=length).contains(&i64::from(*d)))
            .ok_or_else(|| no_such_day(format!("{name} {year} has {length} days")))?;
        Ok(PeriodDate { year, month, day })
    }

    /// Days from `earlier` to `self` (negative when `self` is before `earlier`).
    #[must_use]
    pub fn days_since(self, earlier: PeriodDate) -> i64 {
        self.day_number() - earlier.day_number()
    }

    /// Days since 1970-01-01, on the one calendar in [`crate::model::date`].
    fn day_number(self) -> i64 {
        calendar::day_number(i64::from(self.year), i64::from(self.month), i64::from(self.day))
    }
}

impl fmt::Display for PeriodDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn shorten(text: &str) -> String {
    crate::model::core::text::truncate(text, 24)
}

/// The longest text read as a date (`Wednesday` is not read, so
/// `September 30, 2025 23:59:59.999 +01:00` is about the longest form).
const MAX_DATE_CHARS: usize = 40;

/// A piece of a typed date: digits, or a month's name.
#[derive(Debug, PartialEq, Eq)]
enum Part<'a> {
    /// A run of ASCII digits.
    Number(&'a str),
    /// A month named in words (`Jan`, `january`, `Sept`), 1-12.
    Month(u8),
}

/// The text before a time of day: `2025-01-31T09:30` and
/// `2025-01-31 00:00:00` are read as `2025-01-31`.
fn without_time(text: &str) -> &str {
    let bytes = text.as_bytes();
    // A `T` between digits starts an ISO time.
    if let Some(at) = (1..bytes.len().saturating_sub(1))
        .find(|&i| matches!(bytes[i], b'T' | b't') && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit())
    {
        return &text[..at];
    }
    // A word with a colon (`00:00:00`) starts a time; the rest is its zone.
    text.find(':')
        .and_then(|colon| text[..colon].rfind(char::is_whitespace))
        .map_or(text, |space| &text[..space])
}

/// The text cut into digit runs and month names, or `None` when it holds
/// anything else. Separators (`-`, `/`, `.`, `,`, spaces) may come in runs;
/// an ordinal ending after a day (`31st`) is dropped.
fn date_parts(text: &str) -> Option<Vec<Part<'_>>> {
    let mut parts = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let run = |test: fn(&u8) -> bool| at + bytes[at..].iter().take_while(|b| test(b)).count();
        if byte.is_ascii_digit() {
            let end = run(u8::is_ascii_digit);
            parts.push(Part::Number(&text[at..end]));
            at = end;
        } else if byte.is_ascii_alphabetic() {
            let end = run(u8::is_ascii_alphabetic);
            let word = text[at..end].to_ascii_lowercase();
            let after_number = matches!(parts.last(), Some(Part::Number(n)) if n.len() <= 2) && at > 0 && bytes[at - 1].is_ascii_digit();
            if after_number && matches!(word.as_str(), "st" | "nd" | "rd" | "th") {
                // 1st, 22nd, 3rd, 31th: the number is the day.
            } else {
                parts.push(Part::Month(month_named(&word)?));
            }
            at = end;
        } else if matches!(byte, b'-' | b'/' | b'.' | b',' | b' ') {
            at += 1;
        } else {
            return None;
        }
        if parts.len() > 3 {
            return None;
        }
    }
    Some(parts)
}

/// The month a word names: its full English name or a start of it of at
/// least three letters (`jan`, `janu`), or `sept`; lower case.
fn month_named(word: &str) -> Option<u8> {
    if word == "sept" {
        return Some(9);
    }
    if word.len() < 3 {
        return None;
    }
    let index = MONTH_NAMES.iter().position(|name| name.to_ascii_lowercase().starts_with(word))?;
    u8::try_from(index + 1).ok()
}

/// A run of at most eight ASCII digits as a number (the callers check lengths).
fn number(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0, |n, d| n.saturating_mul(10).saturating_add(u32::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PeriodDate {
        match PeriodDate::parse(text) {
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
        assert!(calendar::leap(2024));
        assert!(!calendar::leap(2025));
        assert!(!calendar::leap(1900));
        assert!(calendar::leap(2000));
        assert_eq!(date("2024-03-01").days_since(date("2024-02-01")), 29);
        assert_eq!(date("2025-03-01").days_since(date("2025-02-01")), 28);
    }

    #[test]
    fn rejects_bad_shapes_and_days() {
        assert_eq!(PeriodDate::parse(" "), Err(PeriodDateError::Empty));
        assert!(matches!(PeriodDate::parse("2025-001-01"), Err(PeriodDateError::Format(_))));
        assert!(matches!(PeriodDate::parse("25/01/01"), Err(PeriodDateError::Format(_))));
        assert!(matches!(PeriodDate::parse("２０２５-01-01"), Err(PeriodDateError::Format(_))));
        assert!(matches!(PeriodDate::parse("2025-13-01"), Err(PeriodDateError::NoSuchDay { .. })));
        assert!(matches!(PeriodDate::parse("0000-01-01"), Err(PeriodDateError::NoSuchDay { .. })));
        assert_eq!(
            PeriodDate::parse("2025-02-29").map_err(|e| e.to_string()),
            Err("2025-02-29 is not a real date (February 2025 has 28 days)".to_owned())
        );
    }

    #[test]
    fn displays_as_iso() {
        assert_eq!(date(" 2025-07-04 ").to_string(), "2025-07-04");
    }
}
