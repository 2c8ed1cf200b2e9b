//! The CSQL score, verdict and explanation for one account.
//!
//! `score = sum(component x weight) / sum(weight)`, so the score stays on 0-100
//! whatever scale the weights are typed in, and the threshold keeps its meaning.

use crate::model::core::date::{as_of, Date};
use crate::model::core::limits::{check_weight, MAX_SCORE};
use crate::model::core::number::{brief, parse_in_range, reaches, TOLERANCE};
use crate::model::core::signal::shares;
use crate::model::core::weighting::{read_threshold, read_weight, VerdictKind, Weighting, WeightingError};
use crate::model::core::{Component, Model, ScoreMode, SignalKind};

/// Which input a problem belongs to, so the page can show it beside the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The weight of component `n`.
    Weight(usize),
    /// The weights taken together (all zero).
    Weights,
    /// The threshold.
    Threshold,
    /// The typed score of component `n`.
    Direct(usize),
    /// Signal `s` of component `c`.
    Signal(usize, usize),
    /// Component `n` as a whole (no signal carries weight).
    Component(usize),
    /// The as-of date recency signals are scored at.
    AsOf,
}

/// An input that stops the calculation, with a message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the problem is.
    pub field: Field,
    /// What is wrong, in words, naming the field.
    pub message: String,
}

/// What it takes for one component alone to change the verdict.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lever {
    /// Below threshold: raising this component alone to this score reaches it.
    RaiseTo(f64),
    /// Below threshold: even at 100 this component leaves the score at `best`.
    OutOfReach {
        /// The CSQL score with this component at 100 and the others unchanged.
        best: f64,
    },
    /// The component has weight 0 and does not move the score.
    NoWeight,
    /// At or above threshold: the score stays there while this component is at least this.
    HoldsDownTo(f64),
    /// At or above threshold whatever this component scores.
    HoldsAtAnyScore,
}

/// One component's share of the result.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// Component key.
    pub key: String,
    /// Component name.
    pub name: String,
    /// The component score 0-100, if its inputs are valid.
    pub score: Option<f64>,
    /// The weight's effective share in percent, if the weights are valid.
    pub share: Option<f64>,
    /// Points this component adds to the CSQL score, if everything is valid.
    pub points: Option<f64>,
    /// Number signals filled in, out of the component's number signals
    /// (signals mode only; yes/no signals are checkboxes, always answered).
    pub answered: Option<(usize, usize)>,
    /// What this component alone would take, if everything is valid.
    pub lever: Option<Lever>,
}

/// The outcome for one account.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Score at or above the threshold and every required gate met.
    Csql,
    /// Score qualifies, but these required gates (labels) are not met.
    GatesMissing(Vec<String>),
    /// Score below the threshold by `short` points.
    BelowThreshold {
        /// Threshold minus score, above 0.
        short: f64,
    },
    /// The inputs cannot be scored; see [`Evaluation::problems`].
    Invalid,
}

impl Verdict {
    /// The verdict without its details.
    #[must_use]
    pub fn kind(&self) -> VerdictKind {
        match self {
            Self::Csql => VerdictKind::Csql,
            Self::GatesMissing(_) => VerdictKind::GatesMissing,
            Self::BelowThreshold { .. } => VerdictKind::BelowThreshold,
            Self::Invalid => VerdictKind::Invalid,
        }
    }

    /// The stable word used in `data-verdict` ([`VerdictKind::word`]).
    #[must_use]
    pub fn word(&self) -> &'static str {
        self.kind().word()
    }
}

/// Everything the page shows about one account.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// One entry per component, in model order.
    pub parts: Vec<Part>,
    /// The CSQL score 0-100, if the inputs are valid.
    pub score: Option<f64>,
    /// The threshold, if valid.
    pub threshold: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
    /// Every input that stops the calculation.
    pub problems: Vec<Problem>,
}

/// Signals answered and signals in all, for a component scored from signals.
type Answered = Option<(usize, usize)>;

/// Scores one component from its inputs; `Err` carries the problems found.
fn component_score(index: usize, component: &Component, as_of: Date) -> (Result<f64, Vec<Problem>>, Answered) {
    match component.mode {
        ScoreMode::Direct => {
            let result = parse_in_range(&component.direct, 0.0, MAX_SCORE).map_err(|e| {
                vec![Problem {
                    field: Field::Direct(index),
                    message: format!("{} score: {e}", component.name),
                }]
            });
            (result, None)
        }
        ScoreMode::Signals => {
            let mut problems = Vec::new();
            for (s, signal) in component.signals.iter().enumerate() {
                // Only a model that skipped the document check gets here; say so rather than overflow.
                if let Err(e) = check_weight(signal.weight) {
                    problems.push(Problem {
                        field: Field::Signal(index, s),
                        message: format!(
                            "{}, \u{201c}{}\u{201d}: the sub-weight {} is out of range; {e}",
                            component.name,
                            signal.label,
                            brief(signal.weight)
                        ),
                    });
                }
            }
            let shares = shares(&component.signals);
            let mut score = 0.0;
            let mut answered = 0;
            let mut numeric = 0;
            for ((s, signal), share) in component.signals.iter().enumerate().zip(&shares) {
                // Every number signal counts, a value that cannot be read too
                // (it is filled in, and its problem is shown beside it).
                if signal.kind != SignalKind::YesNo {
                    numeric += 1;
                    answered += usize::from(!signal.value.trim().is_empty());
                }
                match signal.score(&signal.value, as_of) {
                    Ok(value) => {
                        // An unanswered signal counts as 0: a CSQL needs evidence.
                        score += value.unwrap_or(0.0) * share;
                    }
                    Err(e) => problems.push(Problem {
                        field: Field::Signal(index, s),
                        message: format!("{}, \u{201c}{}\u{201d}: {e}", component.name, signal.label),
                    }),
                }
            }
            let counts = Some((answered, numeric));
            if !problems.is_empty() {
                return (Err(problems), counts);
            }
            if shares.iter().all(|share| *share <= 0.0) {
                return (
                    Err(vec![Problem {
                        field: Field::Component(index),
                        message: format!(
                            "{} has no signal with a weight above 0: add one or type the score directly",
                            component.name
                        ),
                    }]),
                    counts,
                );
            }
            (Ok(score), counts)
        }
    }
}

/// What it takes for component `i` alone, given the score and its contribution.
fn lever(score: f64, threshold: f64, points: f64, fraction: f64) -> Lever {
    if fraction <= 0.0 {
        return Lever::NoWeight;
    }
    let others = score - points;
    // The component score at which the total equals the threshold exactly.
    let pivot = (threshold - others) / fraction;
    if reaches(score, threshold) {
        if pivot <= TOLERANCE {
            Lever::HoldsAtAnyScore
        } else {
            // A tiny share turns rounding noise into a huge pivot: no score is above 100.
            Lever::HoldsDownTo(pivot.min(MAX_SCORE))
        }
    } else if pivot <= MAX_SCORE + TOLERANCE {
        Lever::RaiseTo(pivot.min(MAX_SCORE))
    } else {
        Lever::OutOfReach {
            best: others + MAX_SCORE * fraction,
        }
    }
}

/// Evaluates the model for the account whose inputs it holds. `today` is the
/// caller's date (the browser's, the system's): recency signals are scored at
/// the model's as-of date, or at `today` when the model leaves it blank.
#[must_use]
pub fn evaluate(model: &Model, today: Date) -> Evaluation {
    let mut problems = Vec::new();

    let as_of = as_of(model, today).unwrap_or_else(|e| {
        problems.push(Problem {
            field: Field::AsOf,
            message: format!("As-of date: {e}"),
        });
        today
    });

    let mut refuse = |field: Field, error: WeightingError| {
        problems.push(Problem {
            field,
            message: error.to_string(),
        });
    };
    let threshold = read_threshold(model).map_err(|e| refuse(Field::Threshold, e)).ok();
    let weights: Vec<Option<f64>> = model
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| read_weight(c).map_err(|e| refuse(Field::Weight(i), e)).ok())
        .collect();
    // The weights as shares, when each can be read: the one rule's checks of
    // them together (all 0, too large to add up). The threshold is checked above.
    let weighting = weights.iter().copied().collect::<Option<Vec<f64>>>().and_then(|weights| {
        Weighting::new(&weights, threshold.unwrap_or(0.0), weights.len())
            .map_err(|e| refuse(Field::Weights, e))
            .ok()
    });

    let scored: Vec<(Option<f64>, Answered)> = model
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (result, answered) = component_score(i, c, as_of);
            (result.map_err(|mut p| problems.append(&mut p)).ok(), answered)
        })
        .collect();

    let fractions: Vec<Option<f64>> = (0..model.components.len())
        .map(|i| weighting.as_ref().map(|w| w.fractions()[i]))
        .collect();
    let points: Vec<Option<f64>> = scored.iter().zip(&fractions).map(|((s, _), f)| Some((*s)? * (*f)?)).collect();
    let component_scores: Option<Vec<f64>> = scored.iter().map(|(s, _)| *s).collect();
    let score = match (&weighting, component_scores) {
        (Some(weighting), Some(scores)) if problems.is_empty() => Some(weighting.score(&scores)),
        _ => None,
    };

    let verdict = match (score, threshold, &weighting) {
        (Some(score), Some(threshold), Some(weighting)) => {
            let missing: Vec<String> = model
                .gates
                .iter()
                .filter(|g| g.required && !g.met)
                .map(|g| g.label.clone())
                .collect();
            match weighting.verdict(score, !missing.is_empty()) {
                VerdictKind::Csql => Verdict::Csql,
                VerdictKind::GatesMissing => Verdict::GatesMissing(missing),
                VerdictKind::BelowThreshold => Verdict::BelowThreshold { short: threshold - score },
                VerdictKind::Invalid => Verdict::Invalid,
            }
        }
        _ => Verdict::Invalid,
    };

    let parts = model
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let lever = match (score, threshold, points[i], fractions[i]) {
                (Some(s), Some(t), Some(p), Some(f)) => Some(lever(s, t, p, f)),
                _ => None,
            };
            Part {
                key: c.key.clone(),
                name: c.name.clone(),
                score: scored[i].0,
                share: fractions[i].map(|f| f * 100.0),
                points: if score.is_some() { points[i] } else { None },
                answered: scored[i].1,
                lever,
            }
        })
        .collect();

    Evaluation {
        parts,
        score,
        threshold,
        verdict,
        problems,
    }
}

impl Evaluation {
    /// The message for a field, if that field has a problem.
    #[must_use]
    pub fn problem(&self, field: Field) -> Option<&str> {
        problem_for(&self.problems, field)
    }
}

/// The message for `field` among `problems`, if any.
#[must_use]
pub fn problem_for(problems: &[Problem], field: Field) -> Option<&str> {
    problems.iter().find(|p| p.field == field).map(|p| p.message.as_str())
}
