//! Parsing numbers the user typed, without losing what they typed.

use thiserror::Error;

/// Why a typed value (a number, or a date for a recency signal) cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NumberError {
    /// The field is blank.
    #[error("enter a number")]
    Empty,
    /// The text is not a finite number.
    #[error("\u{201c}{0}\u{201d} is not a number")]
    NotANumber(String),
    /// A count that is not a number, written with separators the reader does
    /// not take (`1.234.567`, `1 234`): the message says how to write it.
    #[error("\u{201c}{0}\u{201d} is not a number: write a count as 1234 or 1,234 (a comma between thousands, a point before decimals)")]
    NotACount(String),
    /// A yes/no value (a signal, gate or outcome) holds something else.
    #[error("\u{201c}{0}\u{201d} is not yes or no")]
    NotYesNo(String),
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

/// `text` without one `%` at its end (and the white space before it), for
/// a percentage: `75%` and `75 %` read as `75`. Other text is given back as
/// it is, trimmed.
#[must_use]
pub fn strip_percent(text: &str) -> &str {
    let trimmed = text.trim();
    trimmed.strip_suffix('%').map_or(trimmed, str::trim_end)
}

/// Parses a percentage from 0 to `max` written with or without a `%` sign
/// ([`strip_percent`]): `75`, `75%`, `75 %`, `12,5%`.
///
/// # Errors
/// As [`parse_in_range`]; a value that is not a number is quoted whole (`75%%`).
pub fn parse_percent(text: &str, max: f64) -> Result<f64, NumberError> {
    let trimmed = text.trim();
    parse_in_range(strip_percent(trimmed), 0.0, max).map_err(|e| match e {
        NumberError::Empty | NumberError::NotANumber(_) if !trimmed.is_empty() => NumberError::NotANumber(shorten(trimmed)),
        other => other,
    })
}

/// Whether `text` (trimmed) is a number with commas between groups of three
/// digits: `1,234`, `12,345,678`, `+1,234.5`. The whole pattern is
/// `[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+([.][0-9]*)?`, which the SQL export
/// writes as a regular expression ([`GROUPED_PATTERN`]). A leading zero
/// (`0,125`) or a group of other than three digits (`1,5`, `12,34`) is not
/// grouping: those read with a decimal comma, as [`parse_number`] does.
#[must_use]
pub fn is_grouped(text: &str) -> bool {
    let text = text.trim();
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut groups = whole.split(',');
    let lead = groups.next().unwrap_or("");
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let mut rest = groups.peekable();
    rest.peek().is_some()
        && (1..=3).contains(&lead.len())
        && digits(lead)
        && !lead.starts_with('0')
        && rest.all(|g| g.len() == 3 && digits(g))
        && digits(fraction)
}

/// Parses a number that may carry commas between thousands ([`is_grouped`]:
/// `1,234` is 1234) or a decimal comma (`70,5`), with no range: the reading
/// of a count without its bounds, for looking at a column's values.
///
/// # Errors
/// As [`parse_number`].
pub fn parse_grouped(text: &str) -> Result<f64, NumberError> {
    let trimmed = text.trim();
    if is_grouped(trimmed) {
        parse_number(&trimmed.replace(',', ""))
    } else {
        parse_number(trimmed)
    }
}

/// [`is_grouped`] as a regular expression, for the SQL export: the same text
/// matches both.
pub const GROUPED_PATTERN: &str = "[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+([.][0-9]*)?";

/// Characters people put between the digits of a large number in one locale
/// or another: comma, point, space, apostrophe, no-break and thin spaces.
const SEPARATORS: [char; 6] = [',', '.', ' ', '\'', '\u{a0}', '\u{202f}'];

/// Parses a count: as [`parse_number`], and also with commas between
/// thousands ([`is_grouped`]: `1,234` is 1234, `1,234.5` is 1234.5), which
/// CRMs and spreadsheets write. A single comma before other than three
/// digits stays a decimal comma (`2,5` is 2.5). Checked against `0..=max`.
///
/// # Errors
/// As [`parse_in_range`]; text with separators that is still not a number
/// (`1.234.567`, `1 234`) gives [`NumberError::NotACount`], which says how
/// to write it.
pub fn parse_count(text: &str, max: f64) -> Result<f64, NumberError> {
    let trimmed = text.trim();
    let result = if is_grouped(trimmed) {
        parse_in_range(&trimmed.replace(',', ""), 0.0, max)
    } else {
        parse_in_range(trimmed, 0.0, max)
    };
    result.map_err(|e| match e {
        NumberError::NotANumber(shown) if trimmed.contains(SEPARATORS) && trimmed.contains(|c: char| c.is_ascii_digit()) => {
            NumberError::NotACount(shown)
        }
        other => other,
    })
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
    crate::model::core::text::truncate(text, 24)
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
    fn a_percent_sign_is_read_and_anything_else_still_refused() {
        assert_eq!(parse_percent("75%", 100.0), Ok(75.0));
        assert_eq!(parse_percent(" 75 % ", 100.0), Ok(75.0));
        // A no-break space before the sign, as French typography writes it.
        assert_eq!(parse_percent("75\u{a0}%", 100.0), Ok(75.0));
        // A decimal comma and a sign: 12,5% is 12.5.
        assert_eq!(parse_percent("12,5%", 100.0), Ok(12.5));
        assert_eq!(parse_percent("75", 100.0), Ok(75.0));
        assert_eq!(parse_percent("100%", 100.0), Ok(100.0));
        assert_eq!(
            parse_percent("120%", 100.0).map_err(|e| e.to_string()),
            Err("120 is above the maximum of 100".to_owned())
        );
        // Only one sign, only at the end; the message quotes what was written.
        assert_eq!(parse_percent("75%%", 100.0), Err(NumberError::NotANumber("75%%".into())));
        assert_eq!(parse_percent("%75", 100.0), Err(NumberError::NotANumber("%75".into())));
        assert_eq!(parse_percent("%", 100.0), Err(NumberError::NotANumber("%".into())));
        assert_eq!(parse_percent(" ", 100.0), Err(NumberError::Empty));
    }

    #[test]
    fn counts_take_commas_between_thousands() {
        let max = 1e9;
        assert_eq!(parse_count("1,234", max), Ok(1234.0));
        assert_eq!(parse_count(" 12,345,678 ", max), Ok(12_345_678.0));
        // 1,234.5: the comma groups, the point starts the decimals.
        assert_eq!(parse_count("1,234.5", max), Ok(1234.5));
        assert_eq!(parse_count("+1,000", max), Ok(1000.0));
        assert_eq!(parse_count("1,000,000,000", max), Ok(1e9));
        // Not groups of three: a decimal comma, as everywhere else.
        assert_eq!(parse_count("2,5", max), Ok(2.5));
        assert_eq!(parse_count("12,25", max), Ok(12.25));
        assert_eq!(parse_count("1,2345", max), Ok(1.2345));
        // A leading zero never comes before a thousands separator: 0,125 is 0.125.
        assert_eq!(parse_count("0,125", max), Ok(0.125));
        assert_eq!(parse_count("42", max), Ok(42.0));
        assert_eq!(
            parse_count("1,000,000,001", max).map_err(|e| e.to_string()),
            Err("1000000001 is above the maximum of 1000000000".to_owned())
        );
        assert_eq!(
            parse_count("-1,234", max).map_err(|e| e.to_string()),
            Err("-1234 is below the minimum of 0".to_owned())
        );
    }

    #[test]
    fn a_count_with_other_separators_says_how_to_write_it() {
        let max = 1e9;
        for text in ["1.234.567", "1 234", "1'234", "1,23,456", "1.234,5", "12,34,5"] {
            assert_eq!(parse_count(text, max), Err(NumberError::NotACount(text.into())), "{text}");
        }
        assert_eq!(
            parse_count("1.234.567", max).map_err(|e| e.to_string()),
            Err("\u{201c}1.234.567\u{201d} is not a number: write a count as 1234 or 1,234 (a comma between thousands, a point before decimals)".to_owned())
        );
        // Words are not a count written the wrong way: the plain message.
        assert_eq!(parse_count("lots", max), Err(NumberError::NotANumber("lots".into())));
        assert_eq!(parse_count("a few", max), Err(NumberError::NotANumber("a few".into())));
    }

    #[test]
    fn grouping_is_exactly_the_pattern_the_sql_uses() {
        for grouped in ["1,234", "123,456", "1,234,567.", "-9,999.25", "+100,000"] {
            assert!(is_grouped(grouped), "{grouped}");
        }
        for not in [
            "1234",
            "1,5",
            "0,125",
            "1234,567",
            "1,2345",
            ",234",
            "1,,234",
            "1,234.5.6",
            "1,234e2",
            "1,234,56",
            "+,123",
            "1.234",
        ] {
            assert!(!is_grouped(not), "{not}");
        }
    }

    #[test]
    fn plain_drops_trailing_zeros() {
        assert_eq!(plain(70.0), "70");
        assert_eq!(plain(0.5), "0.5");
        assert_eq!(plain(-0.0), "0");
    }
}
