//! The backtest: how the current weights, threshold and gates would have done
//! on the labelled accounts of a book.

use crate::model::book::{Book, Scores};
use crate::model::core::weighting::VerdictKind;
use crate::model::evidence::auc::auc_of_pairs;
use crate::model::evidence::{percent_of, Outcome, Unavailable, CAUTION_BELOW};

/// Counts behind the backtest of one outcome; every rate is derived from them.
///
/// With `won` as the outcome: qualified = labelled accounts with the CSQL
/// verdict; conversion among qualified = won among them / qualified; among the
/// rest = won among the other labelled accounts / their number; won captured =
/// won among qualified / all won; lift = conversion among qualified / overall
/// conversion; AUC = rank quality of the CSQL score (gates aside), won against
/// lost, ties counted as half. With `accepted`, read "accepted" for "won" and
/// "turned down" for "lost".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backtest {
    /// Which outcome.
    pub outcome: Outcome,
    /// Labelled accounts whose outcome is yes (won, accepted).
    pub positive: usize,
    /// Labelled accounts whose outcome is no (lost, turned down).
    pub negative: usize,
    /// Labelled accounts with the CSQL verdict.
    pub qualified: usize,
    /// Qualified accounts whose outcome is yes.
    pub qualified_positive: usize,
    /// AUC of the CSQL score, 0-1; `None` without both outcomes.
    pub auc: Option<f64>,
}

impl Backtest {
    /// Labelled accounts (outcome yes or no).
    #[must_use]
    pub fn labelled(&self) -> usize {
        self.positive + self.negative
    }

    /// Labelled accounts without the CSQL verdict.
    #[must_use]
    pub fn rest(&self) -> usize {
        self.labelled() - self.qualified
    }

    /// Conversion among qualified, percent; `None` when nothing qualifies.
    #[must_use]
    pub fn conversion_qualified(&self) -> Option<f64> {
        percent_of(self.qualified_positive, self.qualified)
    }

    /// Conversion among the labelled accounts that do not qualify, percent.
    #[must_use]
    pub fn conversion_rest(&self) -> Option<f64> {
        percent_of(self.positive - self.qualified_positive, self.rest())
    }

    /// Conversion among all labelled accounts, percent.
    #[must_use]
    pub fn overall(&self) -> Option<f64> {
        percent_of(self.positive, self.labelled())
    }

    /// Share of all positive outcomes held by the qualified accounts, percent.
    #[must_use]
    pub fn captured(&self) -> Option<f64> {
        percent_of(self.qualified_positive, self.positive)
    }

    /// Conversion among qualified divided by overall conversion (`2.0` = twice
    /// as likely); `None` when either is missing or nothing converted at all.
    #[must_use]
    pub fn lift(&self) -> Option<f64> {
        let overall = self.overall().filter(|o| *o > 0.0)?;
        Some(self.conversion_qualified()? / overall)
    }

    /// True when there are fewer than [`CAUTION_BELOW`] positive or negative outcomes.
    #[must_use]
    pub fn caution(&self) -> bool {
        self.positive < CAUTION_BELOW || self.negative < CAUTION_BELOW
    }
}

/// The backtest of `scores` (a scoring of `book`) against `outcome`: one pass
/// over the accounts and one sort of the labelled scores (for the AUC).
///
/// # Errors
/// [`Unavailable`] when the outcome column is not mapped or the scores are
/// invalid (bad weights or threshold).
pub fn backtest(book: &Book, scores: &Scores, outcome: Outcome) -> Result<Backtest, Unavailable> {
    if !outcome.is_mapped(book) {
        return Err(Unavailable::no_column(outcome));
    }
    if scores.problem.is_some() {
        return Err(Unavailable::Unscored);
    }
    let mut result = Backtest {
        outcome,
        positive: 0,
        negative: 0,
        qualified: 0,
        qualified_positive: 0,
        auc: None,
    };
    let mut pairs: Vec<(f64, bool)> = Vec::new();
    for (row, (score, verdict)) in scores.scores.iter().zip(&scores.verdicts).enumerate().take(book.len()) {
        let Some(yes) = outcome.of(book, row) else { continue };
        if yes {
            result.positive += 1;
        } else {
            result.negative += 1;
        }
        if *verdict == VerdictKind::Csql {
            result.qualified += 1;
            result.qualified_positive += usize::from(yes);
        }
        pairs.push((*score, yes));
    }
    result.auc = auc_of_pairs(&mut pairs);
    Ok(result)
}
