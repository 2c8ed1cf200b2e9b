//! Parsing numbers the user typed, without losing what they typed.

use thiserror::Error;

/// Why a typed value (a number, or a date for a recency signal) cannot be used.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum NumberError {
    /// The field is blank.
    #[error("enter a number")]
    Empty,
    /// The text is not a finite number.
    #[error("\u{201c}{0}\u{201d} is not a number")]
    NotANumber(String),
    /// The number is below the field's minimum.
    #[error("{value} is below the minimum of {min}")]
    TooLow {
        /// What was typed, as a number.
        value: String,
        /// The smallest value allowed.
        min: String,
    },
    /// The number is above the field's maximum.
    #[error("{value} is above the maximum of {max}")]
    TooHigh {
        /// What was typed, as a number.
        value: String,
        /// The largest value allowed.
        max: String,
    },
    /// A recency signal's value is not a date written as `YYYY-MM-DD`.
    #[error("\u{201c}{0}\u{201d} is not a date (write it as YYYY-MM-DD)")]
    NotADate(String),
    /// A recency signal's date is after the as-of date.
    #[error("{date} is after the as-of date {as_of}")]
    FutureDate {
        /// The date given.
        date: String,
        /// The as-of date.
        as_of: String,
    },
}

/// Scores, rates and thresholds within this distance count as equal, so
/// `69.99999999` from float arithmetic does not miss a threshold of 70. The one
/// tolerance of the model: the calculator, the book, the benchmarks, the CLI
/// and the exported SQL all compare with it.
pub const TOLERANCE: f64 = 1e-9;

/// Whether `value` reaches `bound`, within [`TOLERANCE`].
#[must_use]
pub fn reaches(value: f64, bound: f64) -> bool {
    value + TOLERANCE >= bound
}

/// Spellings read as yes, lower case; the one list the calculator, the book
/// import and the SQL export share.
pub const YES: [&str; 4] = ["yes", "y", "true", "1"];
/// Spellings read as no, lower case.
pub const NO: [&str; 4] = ["no", "n", "false", "0"];

/// Reads yes or no (any case, surrounding spaces ignored); blank is `Some(None)`,
/// anything else `None`.
#[must_use]
pub fn parse_yes_no(raw: &str) -> Option<Option<bool>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(None);
    }
    let lower = raw.to_ascii_lowercase();
    if YES.contains(&lower.as_str()) {
        Some(Some(true))
    } else if NO.contains(&lower.as_str()) {
        Some(Some(false))
    } else {
        None
    }
}

/// Parses a finite number; accepts surrounding spaces and a decimal comma (`70,5`).
///
/// # Errors
/// [`NumberError::Empty`] for blank text, [`NumberError::NotANumber`] for anything
/// else that is not a finite number (`abc`, `NaN`, `inf`, `1e999`).
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    let normalised = if trimmed.contains(',') && !trimmed.contains('.') && trimmed.matches(',').count() == 1 {
        trimmed.replace(',', ".")
    } else {
        trimmed.to_owned()
    };
    // Rust accepts "inf" and "NaN" as floats; a score field must not.
    let looks_numeric = normalised
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match normalised.parse::<f64>() {
        Ok(value) if looks_numeric && value.is_finite() => Ok(value),
        _ => Err(NumberError::NotANumber(shorten(trimmed))),
    }
}

/// Parses a number and checks it lies in `min..=max`.
///
/// # Errors
/// As [`parse_number`], plus [`NumberError::TooLow`] / [`NumberError::TooHigh`].
pub fn parse_in_range(text: &str, min: f64, max: f64) -> Result<f64, NumberError> {
    let value = parse_number(text)?;
    if value < min {
        Err(NumberError::TooLow {
            value: brief(value),
            min: brief(min),
        })
    } else if value > max {
        Err(NumberError::TooHigh {
            value: brief(value),
            max: brief(max),
        })
    } else {
        Ok(value)
    }
}

/// Parses a non-negative finite number (weights, counts).
///
/// # Errors
/// As [`parse_number`], plus [`NumberError::TooLow`] for a negative number.
pub fn parse_non_negative(text: &str) -> Result<f64, NumberError> {
    parse_in_range(text, 0.0, f64::MAX)
}

/// A number without trailing zeros: `70`, `0.5`, `12.25`.
#[must_use]
pub fn plain(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// A number for a message, at most about 20 characters: [`plain`] from 0.0001
/// up to 10^16, else scientific with five significant digits (`1e300`,
/// `1.7977e308`, `-1e-9`), so an echoed `1e300` is not 301 digits long and a
/// tiny negative number does not read as `0`.
#[must_use]
pub fn brief(value: f64) -> String {
    if !value.is_finite() {
        return "a number out of range".to_owned();
    }
    let magnitude = value.abs();
    if magnitude == 0.0 || (1e-4..1e16).contains(&magnitude) {
        return plain(value);
    }
    let text = format!("{value:.4e}");
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let mantissa = if mantissa.contains('.') {
                mantissa.trim_end_matches('0').trim_end_matches('.')
            } else {
                mantissa
            };
            format!("{mantissa}e{exponent}")
        }
        None => text,
    }
}

/// Keeps messages readable when someone pastes a paragraph into a number box.
fn shorten(text: &str) -> String {
    super::text::truncate(text, 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_decimal_and_comma_numbers() {
        assert_eq!(parse_number(" 70 "), Ok(70.0));
        assert_eq!(parse_number("12.5"), Ok(12.5));
        assert_eq!(parse_number("12,5"), Ok(12.5));
        assert_eq!(parse_number("-3"), Ok(-3.0));
        assert_eq!(parse_number("1e2"), Ok(100.0));
    }

    #[test]
    fn rejects_blank_words_and_non_finite_numbers() {
        assert_eq!(parse_number("  "), Err(NumberError::Empty));
        assert_eq!(parse_number("abc"), Err(NumberError::NotANumber("abc".into())));
        assert_eq!(parse_number("NaN"), Err(NumberError::NotANumber("NaN".into())));
        assert_eq!(parse_number("inf"), Err(NumberError::NotANumber("inf".into())));
        assert_eq!(parse_number("1e999"), Err(NumberError::NotANumber("1e999".into())));
        assert_eq!(parse_number("1,000,000"), Err(NumberError::NotANumber("1,000,000".into())));
    }

    #[test]
    fn long_garbage_is_shortened_in_the_message() {
        let long = "x".repeat(100);
        let Err(NumberError::NotANumber(shown)) = parse_number(&long) else {
            panic!("expected NotANumber");
        };
        assert_eq!(shown.chars().count(), 25);
    }

    #[test]
    fn range_checks_name_the_limit() {
        assert_eq!(parse_in_range("100", 0.0, 100.0), Ok(100.0));
        assert_eq!(parse_in_range("0", 0.0, 100.0), Ok(0.0));
        assert_eq!(
            parse_in_range("101", 0.0, 100.0).map_err(|e| e.to_string()),
            Err("101 is above the maximum of 100".to_owned())
        );
        assert_eq!(
            parse_non_negative("-0.5").map_err(|e| e.to_string()),
            Err("-0.5 is below the minimum of 0".to_owned())
        );
    }

    #[test]
    fn messages_echo_huge_and_tiny_numbers_briefly() {
        // Today's `plain` wrote 1e300 as 301 digits and -1e-9 as "0".
        assert_eq!(brief(1e300), "1e300");
        assert_eq!(brief(1.797_693_134_862_315_7e308), "1.7977e308");
        assert_eq!(brief(-1e-9), "-1e-9");
        assert_eq!(brief(1e16), "1e16");
        assert_eq!(brief(1_000_000.0), "1000000");
        assert_eq!(brief(0.5), "0.5");
        assert_eq!(brief(-0.0), "0");
        assert_eq!(
            parse_in_range("1e300", 0.0, 100.0).map_err(|e| e.to_string()),
            Err("1e300 is above the maximum of 100".to_owned())
        );
        assert_eq!(
            parse_in_range("-1e-9", 0.0, 100.0).map_err(|e| e.to_string()),
            Err("-1e-9 is below the minimum of 0".to_owned())
        );
    }

    #[test]
    fn plain_drops_trailing_zeros() {
        assert_eq!(plain(70.0), "70");
        assert_eq!(plain(0.5), "0.5");
        assert_eq!(plain(-0.0), "0");
    }
}
