//! Evidence for the weights: how the model would have done on a book's real
//! Sales outcomes. Pure Rust, no web dependency.
//!
//! - [`backtest`](mod@backtest): with the current weights, threshold and gates, what share of
//!   the qualified accounts were won (or accepted), how many of all wins the
//!   qualified accounts hold, lift, and the rank quality (AUC) of the score.
//! - [`sweep`](mod@sweep): the same for every whole threshold 0-100 in one pass, the
//!   suggested threshold against the benchmark table, and ([`chart`](mod@chart)) the
//!   geometry and data table of its chart.
//! - [`fit`](mod@fit): weights fitted to the outcomes by a non-negative, ridge-penalised
//!   logistic regression, with its refusals; [`folds`]: stratified k-fold
//!   cross-validation of the fitted and the current weights; [`suggestion`]:
//!   what applying the fitted weights would change.
//! - [`scenarios`]: named weights, threshold and required gates, compared side
//!   by side on one book, with the accounts that flip and a CSV of them.
//! - [`format`](mod@format): the text the page shows (`41.3%`, `2.1x`, `0.78`, `n/a`).
//!
//! Definitions used throughout:
//! - **Labelled**: an account whose outcome cell (closed-won, or accepted by
//!   Sales) says yes or no. A blank cell is not labelled and never counts as lost.
//! - **Rates** are in percent, and `None` (shown `n/a`) when their denominator
//!   is 0: never NaN or infinity.

pub mod auc;
pub mod backtest;
pub mod chart;
pub mod fit;
pub mod folds;
pub mod page;
pub mod scenarios;
pub mod state;
pub mod suggestion;
pub mod sweep;
pub mod view;

use thiserror::Error;

use crate::model::book::Book;

pub use auc::{auc, auc_of_pairs};
pub use backtest::{backtest, Backtest};
pub use chart::{chart, table_rows, BandRect, ChartView, Mark, Series, SweepRow, Tick};
pub use fit::{check, fit, fit_with, min_outcomes, Fit, FitData, FitError, FitOptions, MIN_PER_COMPONENT, MIN_RARER, RIDGE};
pub use folds::{held_out_auc, stratified_folds, CrossValidation, FOLDS, FOLD_SEED};
pub use scenarios::{
    compare, compare_plans, flips_csv, Comparison, OwnerChange, Scenario, ScenarioError, ScenarioPlan, ScenarioResult, MAX_COMPARED,
    MAX_SCENARIOS,
};
pub use suggestion::{cross_validate, FitJob, FitReport, Step, Suggestion};
pub use sweep::{book_segment, highest_reached, suggest_threshold, sweep, NoSuggestion, Sweep, SweepPoint, MIN_QUALIFIED, THRESHOLDS};
pub use view::{BacktestView, ComparisonView, FittedWeightRow, FlipCell, FlipRow, OwnerRow, ScenarioColumn, SuggestionView};

/// Fewer won (or accepted) or fewer lost (or turned down) accounts than this,
/// and the figures carry a caution: a handful of outcomes moves them a lot.
pub const CAUTION_BELOW: usize = 20;

/// Which Sales outcome the evidence is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Closed-won (the column the fit and the suggested threshold use).
    Won,
    /// Accepted by Sales.
    Accepted,
}

impl Outcome {
    /// The outcome of account `row` of `book`: `None` when the cell is blank,
    /// unreadable or the column is not mapped.
    #[must_use]
    pub fn of(self, book: &Book, row: usize) -> Option<bool> {
        match self {
            Self::Won => book.won(row),
            Self::Accepted => book.accepted(row),
        }
    }

    /// Whether the book has a column mapped to this outcome.
    #[must_use]
    pub fn is_mapped(self, book: &Book) -> bool {
        match self {
            Self::Won => book.mapping().won.is_some(),
            Self::Accepted => book.mapping().accepted.is_some(),
        }
    }

    /// The word for a yes: `won`, `accepted`.
    #[must_use]
    pub fn yes_word(self) -> &'static str {
        match self {
            Self::Won => "won",
            Self::Accepted => "accepted",
        }
    }

    /// The word for a no: `lost`, `turned down`.
    #[must_use]
    pub fn no_word(self) -> &'static str {
        match self {
            Self::Won => "lost",
            Self::Accepted => "turned down",
        }
    }
}

/// Why there is no backtest or sweep to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum Unavailable {
    /// No column of the book is mapped to closed-won.
    #[error("choose the column that says whether each account closed won")]
    NoWonColumn,
    /// No column of the book is mapped to accepted by Sales.
    #[error("choose the column that says whether Sales accepted each account")]
    NoAcceptedColumn,
    /// The weights or threshold cannot score the book (the page says why).
    #[error("the book cannot be scored with these weights and threshold")]
    Unscored,
}

impl Unavailable {
    /// The "no column" reason for an outcome.
    #[must_use]
    pub fn no_column(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Won => Self::NoWonColumn,
            Outcome::Accepted => Self::NoAcceptedColumn,
        }
    }
}

/// `part / whole x 100`, or `None` when `whole` is 0.
#[allow(clippy::cast_precision_loss)] // counts far below 2^52
#[must_use]
pub fn percent_of(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64 * 100.0)
}
