//! Scenarios: named weights, threshold and required gates, kept with the model
//! (and its share link) and compared side by side on one book.
//!
//! A [`Scenario`] stores what the user typed, as the model does: each weight
//! as text under its component's key, the threshold as text, and the keys of
//! the gates it requires. Text round-trips exactly through links and puts the
//! same characters back in the fields when applied; keys (not positions) keep a
//! scenario meaningful after components are reordered. It is read against a
//! book with [`Scenario::plan`], which names any problem.
//!
//! A **flip** is an account that is a CSQL under one of the compared scenarios
//! and not under another (a change between `gates-missing` and
//! `below-threshold` is not a flip: neither hands the account to Sales).

use thiserror::Error;

pub use crate::model::share::scenario::{check, Scenario, MAX_SCENARIOS};

use crate::model::book::escape::escape;
use crate::model::book::{score_all, score_all_required, Book, BookError, Scores, NO_OWNER};
use crate::model::core::limits::{MAX_SCORE, MAX_WEIGHT};
use crate::model::core::number::{parse_in_range, NumberError};
use crate::model::core::text::quoted;
use crate::model::core::weighting::{VerdictKind, Weighting, WeightingError};
use crate::model::evidence::backtest::{backtest, Backtest};
use crate::model::evidence::Outcome;

/// Most scenarios compared at once.
pub const MAX_COMPARED: usize = 3;

/// A scenario read against a book: numbers, in the book's component and gate order.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioPlan {
    /// The scenario's name.
    pub name: String,
    /// One weight per component of the book.
    pub weights: Vec<f64>,
    /// The threshold, 0-100.
    pub threshold: f64,
    /// One flag per gate of the book: must it be met?
    pub required: Vec<bool>,
}

/// Why a scenario cannot be compared on a book.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScenarioError {
    /// The scenario has no weight for a component of the model.
    #[error("scenario {scenario} has no weight for {component}")]
    MissingWeight {
        /// The scenario's name, quoted.
        scenario: String,
        /// The component's name.
        component: String,
    },
    /// A weight is not a number of 0 or more.
    #[error("scenario {scenario}, {component} weight: {problem}")]
    BadWeight {
        /// The scenario's name, quoted.
        scenario: String,
        /// The component's name.
        component: String,
        /// What is wrong with it.
        problem: NumberError,
    },
    /// The weights together cannot score (all 0, or too large to add up): the one weight check of [`Weighting`].
    #[error("scenario {scenario}: {problem}")]
    Weights {
        /// The scenario's name, quoted.
        scenario: String,
        /// What is wrong with them.
        problem: WeightingError,
    },
    /// The threshold is not a number from 0 to 100.
    #[error("scenario {scenario}, threshold: {problem}")]
    BadThreshold {
        /// The scenario's name, quoted.
        scenario: String,
        /// What is wrong with it.
        problem: NumberError,
    },
    /// Fewer than two or more than three scenarios to compare.
    #[error("choose two or three scenarios to compare ({0} chosen)")]
    Count(usize),
}

impl Scenario {
    /// The scenario in numbers for `book`. Required gate keys the book does
    /// not have are ignored.
    ///
    /// # Errors
    /// A missing or unusable weight, all weights 0, or a bad threshold.
    pub fn plan(&self, book: &Book) -> Result<ScenarioPlan, ScenarioError> {
        let scenario = quoted(&self.name);
        let mut weights = Vec::with_capacity(book.components().len());
        for component in book.components() {
            let text = self.weights.get(&component.key).ok_or_else(|| ScenarioError::MissingWeight {
                scenario: scenario.clone(),
                component: component.name.clone(),
            })?;
            // The calculator's own limits: 0 to MAX_WEIGHT.
            let weight = parse_in_range(text, 0.0, MAX_WEIGHT).map_err(|problem| ScenarioError::BadWeight {
                scenario: scenario.clone(),
                component: component.name.clone(),
                problem,
            })?;
            weights.push(weight);
        }
        let threshold = parse_in_range(&self.threshold, 0.0, MAX_SCORE).map_err(|problem| ScenarioError::BadThreshold {
            scenario: scenario.clone(),
            problem,
        })?;
        Weighting::new(&weights, threshold, weights.len()).map_err(|problem| ScenarioError::Weights {
            scenario: scenario.clone(),
            problem,
        })?;
        Ok(ScenarioPlan {
            name: self.name.clone(),
            weights,
            threshold,
            required: book.gates().iter().map(|g| self.required.contains(&g.key)).collect(),
        })
    }
}

/// One scenario's figures on the book.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioResult {
    /// The scenario's name.
    pub name: String,
    /// Every account's score and verdict.
    pub scores: Scores,
    /// CSQLs among all accounts.
    pub csqls: usize,
    /// The backtest on closed-won (conversion, captured, AUC), when the book has outcomes.
    pub backtest: Option<Backtest>,
}

/// One owner's CSQL count under each scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerChange {
    /// The owner as written in the file ([`NO_OWNER`] when blank).
    pub owner: String,
    /// CSQLs under each scenario, in the order compared.
    pub csqls: Vec<usize>,
}

impl OwnerChange {
    /// CSQLs under scenario `index` minus under the first scenario.
    #[must_use]
    pub fn change(&self, index: usize) -> i64 {
        let count = |i: usize| i64::try_from(self.csqls.get(i).copied().unwrap_or(0)).unwrap_or(i64::MAX);
        count(index) - count(0)
    }

    /// The largest change against the first scenario, in either direction.
    #[must_use]
    pub fn largest_change(&self) -> u64 {
        (1..self.csqls.len()).map(|i| self.change(i).unsigned_abs()).max().unwrap_or(0)
    }
}

/// Two or three scenarios side by side on one book.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// One result per scenario, in the order given.
    pub results: Vec<ScenarioResult>,
    /// Rows (book order) that are CSQLs under some scenarios and not others.
    pub flips: Vec<usize>,
    /// Per owner with a CSQL under at least one scenario: largest change
    /// first, then owner A to Z.
    pub owners: Vec<OwnerChange>,
}

impl Comparison {
    /// Rows that are CSQLs under scenario `to` and not under `from`.
    #[must_use]
    pub fn moved_in(&self, from: usize, to: usize) -> Vec<usize> {
        self.moved(from, to)
    }

    /// Rows that are CSQLs under scenario `from` and not under `to`.
    #[must_use]
    pub fn moved_out(&self, from: usize, to: usize) -> Vec<usize> {
        self.moved(to, from)
    }

    fn moved(&self, without: usize, with: usize) -> Vec<usize> {
        let (Some(a), Some(b)) = (self.results.get(without), self.results.get(with)) else {
            return Vec::new();
        };
        self.flips
            .iter()
            .copied()
            .filter(|&row| !is_csql(&a.scores, row) && is_csql(&b.scores, row))
            .collect()
    }
}

fn is_csql(scores: &Scores, row: usize) -> bool {
    scores.verdicts.get(row) == Some(&VerdictKind::Csql)
}

/// Compares two or three scenarios on `book`.
///
/// # Errors
/// [`ScenarioError::Count`] for fewer than two or more than three scenarios,
/// or the first scenario that cannot be read against the book.
pub fn compare(book: &Book, scenarios: &[Scenario]) -> Result<Comparison, ScenarioError> {
    if !(2..=MAX_COMPARED).contains(&scenarios.len()) {
        return Err(ScenarioError::Count(scenarios.len()));
    }
    let plans = scenarios
        .iter()
        .map(|s| s.plan(book))
        .collect::<Result<Vec<ScenarioPlan>, ScenarioError>>()?;
    Ok(compare_plans(book, &plans))
}

/// Compares scenarios already read against `book` (any number; the page
/// offers two or three).
#[must_use]
pub fn compare_plans(book: &Book, plans: &[ScenarioPlan]) -> Comparison {
    let model_required: Vec<bool> = book.gates().iter().map(|g| g.required).collect();
    let results: Vec<ScenarioResult> = plans
        .iter()
        .map(|plan| {
            // The book's own gates are pre-computed: use them when they are the scenario's.
            let scores = if plan.required == model_required {
                score_all(book, &plan.weights, plan.threshold)
            } else {
                score_all_required(book, &plan.weights, plan.threshold, &plan.required)
            };
            ScenarioResult {
                name: plan.name.clone(),
                csqls: scores.csql_count(),
                backtest: backtest(book, &scores, Outcome::Won).ok(),
                scores,
            }
        })
        .collect();
    let mut flips = Vec::new();
    let mut counts = vec![vec![0usize; results.len()]; book.owners().len()];
    let mut statuses = vec![false; results.len()];
    for row in 0..book.len() {
        for (status, result) in statuses.iter_mut().zip(&results) {
            *status = is_csql(&result.scores, row);
        }
        if !statuses.iter().all(|s| *s) && statuses.iter().any(|s| *s) {
            flips.push(row);
        }
        if let Some(owner) = counts.get_mut(book.owner_index(row)) {
            for (count, csql) in owner.iter_mut().zip(&statuses) {
                *count += usize::from(*csql);
            }
        }
    }
    let mut owners: Vec<OwnerChange> = book
        .owners()
        .iter()
        .zip(counts)
        .filter(|(_, csqls)| csqls.iter().any(|c| *c > 0))
        .map(|(owner, csqls)| OwnerChange {
            owner: if owner.is_empty() { NO_OWNER.to_owned() } else { owner.clone() },
            csqls,
        })
        .collect();
    // Stable sort on an A-Z list keeps owners A to Z on ties.
    owners.sort_by_key(|o| std::cmp::Reverse(o.largest_change()));
    Comparison { results, flips, owners }
}

/// The flipped accounts as CSV (the book's delimiter): `id`, `name`, then for
/// each scenario `<name> score` (one decimal) and `<name> verdict`. Text cells
/// that a spreadsheet would read as a formula start with `'`.
///
/// # Errors
/// [`BookError::Write`] if the CSV writer fails (not expected for memory output).
pub fn flips_csv(book: &Book, comparison: &Comparison) -> Result<Vec<u8>, BookError> {
    let write = |e: csv::Error| BookError::Write(e.to_string());
    let mut writer = csv::WriterBuilder::new().delimiter(book.table().delimiter).from_writer(Vec::new());
    let mut header = vec!["id".to_owned(), "name".to_owned()];
    for result in &comparison.results {
        header.push(escape(&format!("{} score", result.name)).into_owned());
        header.push(escape(&format!("{} verdict", result.name)).into_owned());
    }
    writer.write_record(&header).map_err(write)?;
    for &row in &comparison.flips {
        let mut line = vec![escape(book.id(row)).into_owned(), escape(book.name(row)).into_owned()];
        for result in &comparison.results {
            let verdict = result.scores.verdicts.get(row).copied().unwrap_or(VerdictKind::Invalid);
            line.push(if verdict == VerdictKind::Invalid {
                String::new()
            } else {
                result.scores.scores.get(row).map(|s| format!("{s:.1}")).unwrap_or_default()
            });
            line.push(verdict.word().to_owned());
        }
        writer.write_record(&line).map_err(write)?;
    }
    writer.into_inner().map_err(|e| BookError::Write(e.to_string()))
}
