//! The one scoring rule: component weights become shares of the CSQL score,
//! `score = sum(component score x weight) / sum(weight)`, and a score at or
//! above the threshold (within [`TOLERANCE`]) qualifies unless a required gate
//! blocks. The calculator ([`crate::model::core::evaluate`]), the book, `csql`,
//! the SQL export and the spreadsheet formulas all take their shares and
//! verdicts from here, so results agree to the last bit.

use thiserror::Error;

use crate::model::core::limits::{MAX_SCORE, MAX_WEIGHT};
use crate::model::core::number::{brief, parse_in_range, reaches, NumberError};
use crate::model::core::{Component, Model};

/// Why weights or a threshold cannot score.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum WeightingError {
    /// A component's typed weight is not a number from 0 to [`MAX_WEIGHT`].
    #[error("{name} weight: {problem}")]
    Weight {
        /// The component's name.
        name: String,
        /// What is wrong with the typed weight.
        problem: NumberError,
    },
    /// The typed threshold is not a number from 0 to 100.
    #[error("Threshold: {0}")]
    Threshold(NumberError),
    /// Not one weight per component.
    #[error("Expected {expected} weights, got {got}")]
    Count {
        /// The model's components.
        expected: usize,
        /// The weights given.
        got: usize,
    },
    /// A weight given as a number is negative, above [`MAX_WEIGHT`] or not a number.
    #[error("Every weight must be a number from 0 to {}", brief(MAX_WEIGHT))]
    WeightRange,
    /// A threshold given as a number is outside 0-100.
    #[error("The threshold must be between 0 and {}", brief(MAX_SCORE))]
    ThresholdRange,
    /// The weights add up past the largest number.
    #[error("The weights are too large to add up: use smaller numbers")]
    TooLarge,
    /// Every weight is 0, so no share can be taken.
    #[error("Every weight is 0: give at least one component a weight above 0")]
    AllZero,
}

/// How a CSQL reads when the book has no column for a required gate.
pub const CSQL_GATES_NOT_ASSESSED: &str = "CSQL, gates not assessed";

/// The verdict for one account, without its details: what every page, the
/// book's rows, `csql` and the SQL call a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VerdictKind {
    /// At or above the threshold and no required (assessed) gate unmet.
    Csql,
    /// At or above the threshold, but a required gate is not met.
    GatesMissing,
    /// Below the threshold.
    BelowThreshold,
    /// The inputs, weights or threshold cannot score.
    Invalid,
}

impl VerdictKind {
    /// The stable word used in `data-verdict`, exports and the SQL:
    /// `csql`, `gates-missing`, `below-threshold` or `invalid`.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Csql => "csql",
            Self::GatesMissing => "gates-missing",
            Self::BelowThreshold => "below-threshold",
            Self::Invalid => "invalid",
        }
    }

    /// The verdict as people read it: `CSQL`, `Gates missing`, `Below the
    /// threshold`, `Cannot score yet`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Csql => "CSQL",
            Self::GatesMissing => "Gates missing",
            Self::BelowThreshold => "Below the threshold",
            Self::Invalid => "Cannot score yet",
        }
    }

    /// The verdict as people read it when some required gates were not
    /// assessed (`unassessed`, a book with no column for them): a CSQL then
    /// reads [`CSQL_GATES_NOT_ASSESSED`], so it is never taken for an account
    /// that met every gate. The word stays `csql`.
    #[must_use]
    pub fn label_unassessed(self, unassessed: bool) -> &'static str {
        match self {
            Self::Csql if unassessed => CSQL_GATES_NOT_ASSESSED,
            other => other.label(),
        }
    }

    /// The kind a [`VerdictKind::word`] names; any other word reads as invalid.
    #[must_use]
    pub fn from_word(word: &str) -> Self {
        match word {
            "csql" => Self::Csql,
            "gates-missing" => Self::GatesMissing,
            "below-threshold" => Self::BelowThreshold,
            _ => Self::Invalid,
        }
    }
}

/// A component's typed weight, read.
///
/// # Errors
/// [`WeightingError::Weight`] when it is not a number from 0 to [`MAX_WEIGHT`].
pub fn read_weight(component: &Component) -> Result<f64, WeightingError> {
    parse_in_range(&component.weight, 0.0, MAX_WEIGHT).map_err(|problem| WeightingError::Weight {
        name: component.name.clone(),
        problem,
    })
}

/// The model's typed threshold, read.
///
/// # Errors
/// [`WeightingError::Threshold`] when it is not a number from 0 to 100.
pub fn read_threshold(model: &Model) -> Result<f64, WeightingError> {
    parse_in_range(&model.threshold, 0.0, MAX_SCORE).map_err(WeightingError::Threshold)
}

/// The weights the user typed in `model` (model order) and the threshold.
///
/// # Errors
/// The first weight or threshold that cannot be read.
pub fn weights_and_threshold(model: &Model) -> Result<(Vec<f64>, f64), WeightingError> {
    let weights = model.components.iter().map(read_weight).collect::<Result<Vec<f64>, _>>()?;
    Ok((weights, read_threshold(model)?))
}

/// Component weights as shares of the CSQL score, with the threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct Weighting {
    /// `weight / total weight` per component, in model order.
    fractions: Vec<f64>,
    /// The threshold, 0-100.
    threshold: f64,
}

impl Weighting {
    /// The model's typed weights and threshold, checked, ready to score.
    ///
    /// # Errors
    /// The first reason they cannot score.
    pub fn of(model: &Model) -> Result<Self, WeightingError> {
        let (weights, threshold) = weights_and_threshold(model)?;
        Self::new(&weights, threshold, model.components.len())
    }

    /// Checks weights (one per component, model order, any non-negative scale)
    /// and threshold (0-100) for `components` components.
    ///
    /// # Errors
    /// Why they cannot be used.
    pub fn new(weights: &[f64], threshold: f64, components: usize) -> Result<Self, WeightingError> {
        if weights.len() != components {
            return Err(WeightingError::Count {
                expected: components,
                got: weights.len(),
            });
        }
        if weights.iter().any(|w| !(0.0..=MAX_WEIGHT).contains(w)) {
            return Err(WeightingError::WeightRange);
        }
        let total: f64 = weights.iter().sum();
        if !total.is_finite() {
            return Err(WeightingError::TooLarge);
        }
        if total <= 0.0 {
            return Err(WeightingError::AllZero);
        }
        if !(0.0..=MAX_SCORE).contains(&threshold) {
            return Err(WeightingError::ThresholdRange);
        }
        Ok(Self {
            fractions: weights.iter().map(|w| w / total).collect(),
            threshold,
        })
    }

    /// Each component's share of the score (`weight / total`), in model order.
    #[must_use]
    pub fn fractions(&self) -> &[f64] {
        &self.fractions
    }

    /// The threshold.
    #[must_use]
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The CSQL score of one account from its component scores (model order).
    #[must_use]
    pub fn score(&self, component_scores: &[f64]) -> f64 {
        component_scores.iter().zip(&self.fractions).map(|(s, f)| s * f).sum()
    }

    /// The verdict for a score, given whether a required gate blocks.
    #[must_use]
    pub fn verdict(&self, score: f64, blocked: bool) -> VerdictKind {
        if !reaches(score, self.threshold) {
            VerdictKind::BelowThreshold
        } else if blocked {
            VerdictKind::GatesMissing
        } else {
            VerdictKind::Csql
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::core::number::TOLERANCE;

    #[test]
    fn shares_score_and_verdicts_by_hand() {
        // Weights 2, 1, 1 add up to 4: shares 0.5, 0.25, 0.25.
        let w = Weighting::new(&[2.0, 1.0, 1.0], 60.0, 3).unwrap();
        assert_eq!(w.fractions(), &[0.5, 0.25, 0.25]);
        // 80 x 0.5 + 40 x 0.25 + 20 x 0.25 = 40 + 10 + 5 = 55.
        assert_eq!(w.score(&[80.0, 40.0, 20.0]), 55.0);
        assert_eq!(w.verdict(55.0, false), VerdictKind::BelowThreshold);
        // Within the tolerance of the threshold counts as reaching it.
        assert_eq!(w.verdict(60.0 - TOLERANCE / 2.0, false), VerdictKind::Csql);
        assert_eq!(w.verdict(60.0, true), VerdictKind::GatesMissing);
    }

    #[test]
    fn refusals_are_typed() {
        assert_eq!(Weighting::new(&[0.0, 0.0], 50.0, 2), Err(WeightingError::AllZero));
        assert_eq!(Weighting::new(&[1.0], 50.0, 2), Err(WeightingError::Count { expected: 2, got: 1 }));
        assert_eq!(Weighting::new(&[MAX_WEIGHT * 2.0], 50.0, 1), Err(WeightingError::WeightRange));
        assert_eq!(Weighting::new(&[1.0], 101.0, 1), Err(WeightingError::ThresholdRange));
        let mut model = Model::default();
        model.components[1].weight = "heavy".into();
        let error = Weighting::of(&model).unwrap_err();
        assert!(matches!(error, WeightingError::Weight { .. }));
        assert_eq!(
            error.to_string(),
            format!("{} weight: \u{201c}heavy\u{201d} is not a number", model.components[1].name)
        );
    }

    #[test]
    fn words_round_trip() {
        for kind in [
            VerdictKind::Csql,
            VerdictKind::GatesMissing,
            VerdictKind::BelowThreshold,
            VerdictKind::Invalid,
        ] {
            assert_eq!(VerdictKind::from_word(kind.word()), kind);
        }
        assert_eq!(VerdictKind::GatesMissing.label(), "Gates missing");
    }
}
