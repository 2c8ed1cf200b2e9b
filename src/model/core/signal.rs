//! Signals: the observations a CSM records, each turned into a 0-100 score.

use serde::{Deserialize, Serialize};

use crate::model::core::date::Date;
use crate::model::core::limits::{MAX_COUNT, MAX_RATING, MAX_SCORE};
use crate::model::core::number::{parse_count, parse_in_range, parse_percent, NumberError};

/// How a count grows towards its cap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// `count / cap`: every unit is worth the same.
    #[default]
    Linear,
    /// `ln(1 + count) / ln(1 + cap)`: the first few count most (logins, tickets).
    Log,
}

/// Whether a signal adds to the score or counts against it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better: the signal's score is used as it is.
    #[default]
    Positive,
    /// More is worse (an open escalation, a champion who left): `100 - score`.
    Negative,
}

/// How a signal's raw value maps to a 0-100 score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SignalKind {
    /// A count, scaled to 100 at `cap` and held there above it. Commas may
    /// separate thousands (`1,234`; see [`crate::model::core::number::parse_count`]).
    Count {
        /// The count that earns the full 100 points; always above 0.
        #[serde(with = "crate::model::core::exact")]
        cap: f64,
        /// Linear or logarithmic growth towards the cap.
        #[serde(default)]
        scale: Scale,
    },
    /// Yes scores 100, no scores 0.
    YesNo,
    /// A rating from 0 to 10, times ten.
    Rating,
    /// A percentage from 0 to 100, taken as it is; a `%` sign after it is
    /// allowed (`75%`).
    Percent,
    /// A date (`YYYY-MM-DD`), such as the last QBR or login: 100 on the as-of
    /// date, halving every `half_life_days` before it. A later date is an error.
    Date {
        /// Days for the score to halve; always above 0.
        #[serde(with = "crate::model::core::exact")]
        half_life_days: f64,
    },
}

impl SignalKind {
    /// Scores a raw value at the as-of date `as_of` (only dates use it). Blank
    /// means "not answered" and gives `Ok(None)`, except for yes/no, shown as a
    /// checkbox, where blank means no.
    ///
    /// # Errors
    /// A value that is not a number (or not a date), is out of the kind's range,
    /// or is a date after `as_of`.
    pub fn score(self, raw: &str, as_of: Date) -> Result<Option<f64>, NumberError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok((self == Self::YesNo).then_some(0.0));
        }
        let score = match self {
            Self::Count { cap, scale } => {
                let count = parse_count(raw, MAX_COUNT)?.min(cap);
                match scale {
                    _ if cap <= 0.0 || !cap.is_finite() => 0.0,
                    Scale::Linear => count / cap * MAX_SCORE,
                    Scale::Log => count.ln_1p() / cap.ln_1p() * MAX_SCORE,
                }
            }
            Self::YesNo => match crate::model::core::number::parse_yes_no(raw) {
                Some(Some(true)) => MAX_SCORE,
                Some(_) => 0.0,
                // Quoted short, as every echoed value: a cell can hold a paragraph.
                None => return Err(NumberError::NotYesNo(crate::model::core::text::truncate(raw, 24))),
            },
            Self::Rating => parse_in_range(raw, 0.0, MAX_RATING)? * (MAX_SCORE / MAX_RATING),
            Self::Percent => parse_percent(raw, MAX_SCORE)?,
            Self::Date { half_life_days } => {
                let date = Date::parse_cell(raw).map_err(|_| NumberError::NotADate(crate::model::core::text::truncate(raw, 24)))?;
                let days = as_of.days() - date.days();
                if days < 0 {
                    return Err(NumberError::FutureDate {
                        date: date.to_string(),
                        as_of: as_of.to_string(),
                    });
                }
                if half_life_days > 0.0 && half_life_days.is_finite() {
                    // Days between years 1 and 9999 fit an f64 exactly.
                    #[allow(clippy::cast_precision_loss)]
                    let age = days as f64;
                    100.0 * 0.5f64.powf(age / half_life_days)
                } else {
                    // A half-life the document check refuses: no credit.
                    0.0
                }
            }
        };
        Ok(Some(score))
    }

    /// A short description of the expected input, for hints beside the field.
    #[must_use]
    pub fn hint(self) -> String {
        match self {
            Self::Count { cap, scale: Scale::Linear } => format!("count; {} or more scores 100", crate::model::core::number::brief(cap)),
            Self::Count { cap, scale: Scale::Log } => {
                format!(
                    "count, log scale; the first few count most, {} or more scores 100",
                    crate::model::core::number::brief(cap)
                )
            }
            Self::YesNo => "yes or no".to_owned(),
            Self::Rating => "rating 0-10".to_owned(),
            Self::Percent => "percent 0-100".to_owned(),
            Self::Date { half_life_days } => format!(
                "date YYYY-MM-DD; 100 on the as-of date, half every {} days",
                crate::model::core::number::plain(half_life_days)
            ),
        }
    }
}

/// One observation within a component.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// Stable identifier within its component.
    pub key: String,
    /// The question shown to the user.
    pub label: String,
    /// How the raw value becomes a score.
    pub kind: SignalKind,
    /// Relative weight inside the component (non-negative).
    #[serde(with = "crate::model::core::exact")]
    pub weight: f64,
    /// Whether the signal adds to the score or counts against it.
    #[serde(default)]
    pub direction: Direction,
    /// The raw value as entered; blank when not answered.
    pub value: String,
}

impl Signal {
    /// Scores a raw value for this signal at the as-of date, 0-100; blank
    /// gives `Ok(None)` (unanswered).
    ///
    /// # Errors
    /// A value that is not valid for the signal's kind.
    pub fn score(&self, raw: &str, as_of: Date) -> Result<Option<f64>, NumberError> {
        let score = self.kind.score(raw, as_of)?;
        Ok(match self.direction {
            Direction::Positive => score,
            Direction::Negative => score.map(|s| MAX_SCORE - s),
        })
    }

    /// Builds an unanswered signal.
    #[must_use]
    pub fn new(key: &str, label: &str, kind: SignalKind, weight: f64) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            kind,
            weight,
            direction: Direction::Positive,
            value: String::new(),
        }
    }
}

/// Each signal's points towards the CSQL score, the one rule the result card
/// and an account's detail share: its score read from its text (blank,
/// unreadable or missing counts as 0, as in the book) times its share of the
/// component times `part / whole`, the component's share of the weights
/// (its share in percent over 100, or its weight over the total).
pub fn signal_points<'a>(
    signals: &[Signal],
    texts: impl IntoIterator<Item = Option<&'a str>>,
    (part, whole): (f64, f64),
    as_of: Date,
) -> Vec<f64> {
    signals
        .iter()
        .zip(shares(signals))
        .zip(texts)
        .map(|((signal, share), text)| {
            let score = text.and_then(|t| signal.score(t, as_of).ok().flatten()).unwrap_or(0.0);
            score * share * part / whole
        })
        .collect()
}

/// Each signal's share of its component, in order: its sub-weight over the
/// sum of the sub-weights, so the component score is `sum(score x share)`.
/// Dividing first keeps every product within 0-100 whatever the weights; a
/// sub-weight that is negative or not finite counts as 0, and when no signal
/// has weight every share is 0. The calculator and the book both score with it.
#[must_use]
pub fn shares(signals: &[Signal]) -> Vec<f64> {
    let weight = |signal: &Signal| {
        if signal.weight.is_finite() && signal.weight > 0.0 {
            signal.weight
        } else {
            0.0
        }
    };
    let total: f64 = signals.iter().map(weight).sum();
    signals
        .iter()
        .map(|signal| if total > 0.0 { weight(signal) / total } else { 0.0 })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Any date: only recency signals read it.
    const AS_OF: Date = Date::from_days(20_000);

    #[test]
    fn count_scales_to_its_cap_and_holds_above() {
        let kind = SignalKind::Count {
            cap: 4.0,
            scale: Scale::Linear,
        };
        assert_eq!(kind.score("1", AS_OF), Ok(Some(25.0)));
        assert_eq!(kind.score("4", AS_OF), Ok(Some(100.0)));
        assert_eq!(kind.score("9", AS_OF), Ok(Some(100.0)));
        assert_eq!(kind.score("0", AS_OF), Ok(Some(0.0)));
        assert!(kind.score("-1", AS_OF).is_err());
        // 1,234 is a thousand and more: above the cap of 4, so 100.
        assert_eq!(kind.score("1,234", AS_OF), Ok(Some(100.0)));
        // 2,5 is two and a half: 2.5 / 4 = 62.5.
        assert_eq!(kind.score("2,5", AS_OF), Ok(Some(62.5)));
    }

    #[test]
    fn yes_no_rating_percent() {
        assert_eq!(SignalKind::YesNo.score("yes", AS_OF), Ok(Some(100.0)));
        assert_eq!(SignalKind::YesNo.score("No", AS_OF), Ok(Some(0.0)));
        assert_eq!(SignalKind::YesNo.score("maybe", AS_OF), Err(NumberError::NotYesNo("maybe".into())));
        assert_eq!(
            SignalKind::YesNo.score("maybe", AS_OF).map_err(|e| e.to_string()),
            Err("\u{201c}maybe\u{201d} is not yes or no".to_owned())
        );
        assert_eq!(SignalKind::Rating.score("7", AS_OF), Ok(Some(70.0)));
        assert_eq!(SignalKind::Rating.score("2.5", AS_OF), Ok(Some(25.0)));
        assert!(SignalKind::Rating.score("11", AS_OF).is_err());
        assert_eq!(SignalKind::Percent.score("42", AS_OF), Ok(Some(42.0)));
        assert!(SignalKind::Percent.score("120", AS_OF).is_err());
        assert_eq!(SignalKind::Percent.score("75%", AS_OF), Ok(Some(75.0)));
        assert!(SignalKind::Percent.score("120%", AS_OF).is_err());
    }

    #[test]
    fn log_count_favours_the_first_few() {
        // ln(1 + 3) / ln(1 + 15) = ln 4 / ln 16 = 0.5 exactly.
        let kind = SignalKind::Count {
            cap: 15.0,
            scale: Scale::Log,
        };
        let Ok(Some(score)) = kind.score("3", AS_OF) else { panic!() };
        assert!((score - 50.0).abs() < 1e-9);
        assert_eq!(kind.score("15", AS_OF), Ok(Some(100.0)));
        assert_eq!(kind.score("0", AS_OF), Ok(Some(0.0)));
    }

    #[test]
    fn a_negative_signal_counts_against() {
        let mut escalation = Signal::new("escalation", "Open escalation", SignalKind::YesNo, 1.0);
        escalation.direction = Direction::Negative;
        assert_eq!(escalation.score("yes", AS_OF), Ok(Some(0.0)));
        assert_eq!(escalation.score("no", AS_OF), Ok(Some(100.0)));
        // An unticked box means no escalation.
        assert_eq!(escalation.score("", AS_OF), Ok(Some(100.0)));
        let mut churned = Signal::new(
            "champion_left",
            "Champions who left",
            SignalKind::Count {
                cap: 2.0,
                scale: Scale::Linear,
            },
            1.0,
        );
        churned.direction = Direction::Negative;
        assert_eq!(churned.score("1", AS_OF), Ok(Some(50.0)));
        assert_eq!(churned.score("", AS_OF), Ok(None));
    }

    #[test]
    fn a_date_scores_100_on_the_as_of_date_and_halves_every_half_life() {
        let kind = SignalKind::Date { half_life_days: 30.0 };
        let as_of = Date::parse("2026-11-24").unwrap_or_default();
        assert_eq!(kind.score("2026-11-24", as_of), Ok(Some(100.0)));
        // 2026-10-25 is 30 days before (6 days of October left + 24 of November): one half-life.
        assert_eq!(kind.score("2026-10-25", as_of), Ok(Some(50.0)));
        // 60 days: two half-lives.
        assert_eq!(kind.score("2026-09-25", as_of), Ok(Some(25.0)));
        // 15 days: 100 x 0.5^0.5 = 70.710678...
        let Ok(Some(half)) = kind.score("2026-11-09", as_of) else {
            panic!()
        };
        assert!((half - 70.710_678_118_654_76).abs() < 1e-9);
        assert_eq!(kind.score(" ", as_of), Ok(None));
        assert_eq!(
            kind.score("2026-11-25", as_of),
            Err(NumberError::FutureDate {
                date: "2026-11-25".into(),
                as_of: "2026-11-24".into()
            })
        );
        assert_eq!(kind.score("24/11/2026", as_of), Err(NumberError::NotADate("24/11/2026".into())));
        assert_eq!(kind.score("2026-02-30", as_of), Err(NumberError::NotADate("2026-02-30".into())));
        let mut stale = Signal::new("last_login", "Last login", kind, 1.0);
        stale.direction = Direction::Negative;
        assert_eq!(stale.score("2026-10-25", as_of), Ok(Some(50.0)));
        assert_eq!(stale.score("", as_of), Ok(None));
    }

    #[test]
    fn blank_is_unanswered_not_an_error() {
        assert_eq!(SignalKind::Rating.score("  ", AS_OF), Ok(None));
    }
}
