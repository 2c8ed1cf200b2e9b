//! Signals: the observations a CSM records, each turned into a 0-100 score.

use super::number::{parse_in_range, parse_non_negative, NumberError};

/// How a signal's raw value maps to a 0-100 score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SignalKind {
    /// A count, scaled linearly to 100 at `cap` and held there above it.
    Count {
        /// The count that earns the full 100 points; always above 0.
        cap: f64,
    },
    /// Yes scores 100, no scores 0.
    YesNo,
    /// A rating from 0 to 10, times ten.
    Rating,
    /// A percentage from 0 to 100, taken as it is.
    Percent,
}

impl SignalKind {
    /// Scores a raw value. Blank means "not answered" and gives `Ok(None)`.
    ///
    /// # Errors
    /// A value that is not a number, or is out of the kind's range.
    pub fn score(self, raw: &str) -> Result<Option<f64>, NumberError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let score = match self {
            Self::Count { cap } => {
                let count = parse_non_negative(raw)?;
                if cap > 0.0 {
                    (count.min(cap) / cap) * 100.0
                } else {
                    0.0
                }
            }
            Self::YesNo => match raw.to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" | "1" => 100.0,
                "no" | "n" | "false" | "0" => 0.0,
                _ => return Err(NumberError::NotANumber(raw.to_owned())),
            },
            Self::Rating => parse_in_range(raw, 0.0, 10.0)? * 10.0,
            Self::Percent => parse_in_range(raw, 0.0, 100.0)?,
        };
        Ok(Some(score))
    }

    /// A short description of the expected input, for hints beside the field.
    #[must_use]
    pub fn hint(self) -> String {
        match self {
            Self::Count { cap } => format!("count; {} or more scores 100", super::number::plain(cap)),
            Self::YesNo => "yes or no".to_owned(),
            Self::Rating => "rating 0-10".to_owned(),
            Self::Percent => "percent 0-100".to_owned(),
        }
    }
}

/// One observation within a component.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    /// Stable identifier within its component.
    pub key: String,
    /// The question shown to the user.
    pub label: String,
    /// How the raw value becomes a score.
    pub kind: SignalKind,
    /// Relative weight inside the component (non-negative).
    pub weight: f64,
    /// The raw value as entered; blank when not answered.
    pub value: String,
}

impl Signal {
    /// Scores a raw value for this signal, 0-100; blank gives `Ok(None)` (unanswered).
    ///
    /// # Errors
    /// A value that is not valid for the signal's kind.
    pub fn score(&self, raw: &str) -> Result<Option<f64>, NumberError> {
        self.kind.score(raw)
    }

    /// Builds an unanswered signal.
    #[must_use]
    pub fn new(key: &str, label: &str, kind: SignalKind, weight: f64) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            kind,
            weight,
            value: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_scales_to_its_cap_and_holds_above() {
        let kind = SignalKind::Count { cap: 4.0 };
        assert_eq!(kind.score("1"), Ok(Some(25.0)));
        assert_eq!(kind.score("4"), Ok(Some(100.0)));
        assert_eq!(kind.score("9"), Ok(Some(100.0)));
        assert_eq!(kind.score("0"), Ok(Some(0.0)));
        assert!(kind.score("-1").is_err());
    }

    #[test]
    fn yes_no_rating_percent() {
        assert_eq!(SignalKind::YesNo.score("yes"), Ok(Some(100.0)));
        assert_eq!(SignalKind::YesNo.score("No"), Ok(Some(0.0)));
        assert!(SignalKind::YesNo.score("maybe").is_err());
        assert_eq!(SignalKind::Rating.score("7"), Ok(Some(70.0)));
        assert_eq!(SignalKind::Rating.score("2.5"), Ok(Some(25.0)));
        assert!(SignalKind::Rating.score("11").is_err());
        assert_eq!(SignalKind::Percent.score("42"), Ok(Some(42.0)));
        assert!(SignalKind::Percent.score("120").is_err());
    }

    #[test]
    fn blank_is_unanswered_not_an_error() {
        assert_eq!(SignalKind::Rating.score("  "), Ok(None));
    }
}
