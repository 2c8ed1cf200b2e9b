//! One account in detail: per component its score and points, the verdict
//! in words, the gates, and the signals as the file gives them.

use crate::model::book::score::Input;
use crate::model::book::{Book, Scores};
use crate::model::core::date::{as_of, Date};
use crate::model::core::format::one_decimal;
use crate::model::core::signal::signal_points;
use crate::model::core::weighting::{weights_and_threshold, VerdictKind};
use crate::model::Model;

/// An account's detail: per component its score, weight share and points, the
/// total, the verdict in words, the gates, and the signals as the file gives them.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    /// Account id.
    pub id: String,
    /// Account name.
    pub name: String,
    /// Per component: name, score 0-100, points (score times its share of the weights).
    pub parts: Vec<(String, f64, Option<f64>)>,
    /// The CSQL score, if the weights are usable.
    pub score: Option<f64>,
    /// The verdict.
    pub verdict: VerdictKind,
    /// The verdict as people read it ([`Book::verdict_label`]: a CSQL whose
    /// required gates were not all assessed says so).
    pub verdict_label: &'static str,
    /// Labels of required gates not met.
    pub missing_gates: Vec<String>,
    /// Labels of gates no column answers.
    pub unassessed_gates: Vec<String>,
    /// Labels of the required gates among them.
    pub unassessed_required: Vec<String>,
    /// Per input: component name, input label, the file's text (`None`: no column).
    pub inputs: Vec<(String, String, Option<String>)>,
    /// Per input, its points towards the CSQL score (a signal's score times
    /// its share of the component times the component's share of the
    /// weights); `None` for a score column or when the weights are unusable.
    pub points: Vec<Option<f64>>,
}

impl Detail {
    /// The gates in a sentence: which required gates are not met, or that
    /// none is, and which required gates were not assessed (no column).
    #[must_use]
    pub fn gates_line(&self) -> String {
        let missing = if self.missing_gates.is_empty() {
            if self.unassessed_required.is_empty() {
                "No required gate is missing.".to_owned()
            } else {
                "No required gate this file answers is missing.".to_owned()
            }
        } else {
            format!("Required gates not met: {}.", self.missing_gates.join(", "))
        };
        if self.unassessed_required.is_empty() {
            missing
        } else {
            format!(
                "{missing} Not assessed, no column in the file: {}.",
                crate::model::core::format::listed(&self.unassessed_required)
            )
        }
    }

    /// The signals as the file gives them, per component: each input's label,
    /// its text (`blank` when the cell is empty, `no column: counts as 0` when no column
    /// feeds it) and its points (`+5.2`, or blank for a score column), for the detail's table.
    #[must_use]
    pub fn signal_groups(&self) -> Vec<(String, Vec<SignalRow>)> {
        let mut groups: Vec<(String, Vec<SignalRow>)> = Vec::new();
        for ((component, label, value), points) in self.inputs.iter().zip(self.points.iter().chain(std::iter::repeat(&None))) {
            let shown = match value {
                Some(v) if !v.is_empty() => v.clone(),
                Some(_) => "blank".to_owned(),
                None => "no column: counts as 0".to_owned(),
            };
            let row = SignalRow {
                label: label.clone(),
                value: shown,
                points: points.map(|p| format!("+{}", one_decimal(Some(p)))).unwrap_or_default(),
            };
            match groups.last_mut() {
                Some((name, rows)) if name == component => rows.push(row),
                _ => groups.push((component.clone(), vec![row])),
            }
        }
        groups
    }
}

/// One signal of the detail's table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignalRow {
    /// The signal's label.
    pub label: String,
    /// The file's text, `blank` or `no column: counts as 0`.
    pub value: String,
    /// Its points towards the CSQL score (`+5.2`), blank for a score column.
    pub points: String,
}

/// The detail of account `row` for the model's weights; `model` is the model
/// the book was built with, and `today` the date recency signals are scored at
/// when the model has no as-of date.
#[must_use]
pub fn detail(book: &Book, scores: &Scores, model: &Model, row: usize, today: Date) -> Option<Detail> {
    if row >= book.len() {
        return None;
    }
    let weights = weights_and_threshold(model).map(|(w, _)| w).unwrap_or_default();
    let total: f64 = weights.iter().sum();
    let usable = scores.problem.is_none() && total.is_finite() && total > 0.0;
    let parts = book
        .components()
        .iter()
        .zip(book.component_scores(row))
        .enumerate()
        .map(|(i, (c, s))| {
            let points = weights.get(i).filter(|_| usable).map(|w| s * w / total);
            (c.name.clone(), *s, points)
        })
        .collect();
    let verdict = scores.verdicts.get(row).copied().unwrap_or(VerdictKind::Invalid);
    let inputs = book.inputs(row, model);
    let points = input_points(&inputs, model, &weights, total, usable, as_of(model, today).unwrap_or(today));
    Some(Detail {
        id: book.id(row).to_owned(),
        name: book.name(row).to_owned(),
        parts,
        score: scores.scores.get(row).copied().filter(|_| usable),
        verdict,
        verdict_label: book.verdict_label(verdict),
        missing_gates: book.missing_gates(row).into_iter().map(str::to_owned).collect(),
        unassessed_gates: book.unassessed_gates(),
        unassessed_required: book.unassessed_required(),
        inputs: inputs
            .iter()
            .map(|i| {
                let name = model.components.get(i.component).map(|c| c.name.clone()).unwrap_or_default();
                (name, i.label.to_owned(), i.text.map(str::to_owned))
            })
            .collect(),
        points,
    })
}

/// Each input's points towards the CSQL score ([`signal_points`]), `None`
/// for a score column or when the weights cannot score.
fn input_points(inputs: &[Input<'_>], model: &Model, weights: &[f64], total: f64, usable: bool, as_of: Date) -> Vec<Option<f64>> {
    let mut points = vec![None; inputs.len()];
    if !usable {
        return points;
    }
    for ((c, component), weight) in model.components.iter().enumerate().zip(weights) {
        let at: Vec<usize> = (0..inputs.len())
            .filter(|&i| inputs[i].component == c && inputs[i].signal.is_some())
            .collect();
        let values = signal_points(&component.signals, at.iter().map(|&i| inputs[i].text), (*weight, total), as_of);
        for (i, value) in at.into_iter().zip(values) {
            points[i] = Some(value);
        }
    }
    points
}
