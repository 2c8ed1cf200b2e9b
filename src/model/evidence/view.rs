//! The evidence as the page shows it, so components compute nothing:
//! `41.3%`, `2.1x`, `0.78`, `n/a`.

use crate::model::book::Book;
use crate::model::core::weighting::VerdictKind;
use crate::model::evidence::backtest::Backtest;
use crate::model::evidence::scenarios::Comparison;
use crate::model::evidence::suggestion::Suggestion;
use crate::model::evidence::CAUTION_BELOW;
use crate::model::programme::words::{one_decimal, percent, NO_VALUE};

/// A rate in percent to one decimal (`41.3%`); `n/a` when there is none.
#[must_use]
pub fn rate(value: Option<f64>) -> String {
    percent(value)
}

/// A lift to one decimal with an `x` (`2.1x`); `n/a` when there is none.
#[must_use]
pub fn lift(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{}x", one_decimal(v)),
        _ => NO_VALUE.to_owned(),
    }
}

/// An AUC to two decimals (`0.78`); `n/a` when there is none.
#[must_use]
pub fn auc(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{v:.2}"),
        _ => NO_VALUE.to_owned(),
    }
}

/// A change in a count with its sign: `+3`, `-2`, `0`.
#[must_use]
pub fn change(value: i64) -> String {
    if value > 0 {
        format!("+{value}")
    } else {
        value.to_string()
    }
}

/// The caution shown beside a backtest resting on few outcomes, or `None`.
/// `Only 12 won and 40 lost accounts: a few outcomes move these figures a lot.`
#[must_use]
pub fn caution(backtest: &Backtest) -> Option<String> {
    backtest.caution().then(|| {
        format!(
            "Only {} {} and {} {} accounts (fewer than {CAUTION_BELOW} of either): a few outcomes move these figures a lot.",
            backtest.positive,
            backtest.outcome.yes_word(),
            backtest.negative,
            backtest.outcome.no_word()
        )
    })
}

/// The backtest's figures as text, one field per `data-testid`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BacktestView {
    /// `backtest-qualified`: a count.
    pub qualified: String,
    /// `backtest-conversion`: conversion among qualified, `41.3%` or `n/a`.
    pub conversion: String,
    /// Conversion among the rest, `12.0%` or `n/a`.
    pub rest: String,
    /// `backtest-captured`: share of all wins held by the qualified, `55.0%` or `n/a`.
    pub captured: String,
    /// `backtest-lift`: `2.1x` or `n/a`.
    pub lift: String,
    /// `backtest-auc`: `0.78` or `n/a`.
    pub auc: String,
    /// Labelled accounts, a count.
    pub labelled: String,
    /// `230 won, 192 lost`.
    pub outcomes: String,
    /// The caution, when the outcomes are few.
    pub caution: Option<String>,
}

impl BacktestView {
    /// The text of every figure of `backtest`.
    #[must_use]
    pub fn new(backtest: &Backtest) -> Self {
        Self {
            qualified: backtest.qualified.to_string(),
            conversion: rate(backtest.conversion_qualified()),
            rest: rate(backtest.conversion_rest()),
            captured: rate(backtest.captured()),
            lift: lift(backtest.lift()),
            auc: auc(backtest.auc),
            labelled: backtest.labelled().to_string(),
            outcomes: format!(
                "{} {}, {} {}",
                backtest.positive,
                backtest.outcome.yes_word(),
                backtest.negative,
                backtest.outcome.no_word()
            ),
            caution: caution(backtest),
        }
    }
}

/// One scenario's figures as text (a column of the comparison).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioColumn {
    /// The scenario's name.
    pub name: String,
    /// CSQLs among all accounts.
    pub csqls: String,
    /// Conversion among qualified (`n/a` without outcomes).
    pub conversion: String,
    /// Won captured.
    pub captured: String,
    /// AUC.
    pub auc: String,
}

/// One owner's row of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerRow {
    /// The owner.
    pub owner: String,
    /// CSQLs under each scenario.
    pub csqls: Vec<String>,
    /// Change against the first scenario, for each other one: `+3`, `-2`, `0`.
    pub changes: Vec<String>,
}

/// One flipped account: id, name and each scenario's score and verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlipRow {
    /// Book row, for the detail view.
    pub row: usize,
    /// Account id.
    pub id: String,
    /// Account name.
    pub name: String,
    /// One cell per scenario.
    pub cells: Vec<FlipCell>,
}

/// One scenario's result for a flipped account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlipCell {
    /// The score to one decimal and the verdict as people read it: `80.0 · CSQL`.
    pub text: String,
    /// The verdict word, for `data-verdict`.
    pub verdict: &'static str,
}

/// Two or three scenarios side by side, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparisonView {
    /// One column per scenario.
    pub columns: Vec<ScenarioColumn>,
    /// `scenario-flips`: accounts whose CSQL status differs, a count.
    pub flips: String,
    /// Per owner with a CSQL somewhere, largest change first.
    pub owners: Vec<OwnerRow>,
    /// The first flipped accounts (at most the limit asked for), book order.
    pub flip_rows: Vec<FlipRow>,
}

impl ComparisonView {
    /// The text of `comparison` on `book`, listing at most `limit` flipped
    /// accounts (the CSV export has them all).
    #[must_use]
    pub fn new(book: &Book, comparison: &Comparison, limit: usize) -> Self {
        let columns = comparison
            .results
            .iter()
            .map(|r| ScenarioColumn {
                name: r.name.clone(),
                csqls: r.csqls.to_string(),
                conversion: rate(r.backtest.and_then(|b| b.conversion_qualified())),
                captured: rate(r.backtest.and_then(|b| b.captured())),
                auc: auc(r.backtest.and_then(|b| b.auc)),
            })
            .collect();
        let owners = comparison
            .owners
            .iter()
            .map(|o| OwnerRow {
                owner: o.owner.clone(),
                csqls: o.csqls.iter().map(ToString::to_string).collect(),
                changes: (1..o.csqls.len()).map(|i| change(o.change(i))).collect(),
            })
            .collect();
        let flip_rows = comparison
            .flips
            .iter()
            .take(limit)
            .map(|&row| FlipRow {
                row,
                id: book.id(row).to_owned(),
                name: book.name(row).to_owned(),
                cells: comparison
                    .results
                    .iter()
                    .map(|r| {
                        let verdict = r.scores.verdicts.get(row).copied().unwrap_or(VerdictKind::Invalid);
                        let score = r.scores.scores.get(row).copied().filter(|_| verdict != VerdictKind::Invalid);
                        FlipCell {
                            text: format!("{} \u{b7} {}", crate::model::core::format::one_decimal(score), verdict.label()),
                            verdict: verdict.word(),
                        }
                    })
                    .collect(),
            })
            .collect();
        Self {
            columns,
            flips: comparison.flips.len().to_string(),
            owners,
            flip_rows,
        }
    }
}

/// One component's weights, current and suggested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FittedWeightRow {
    /// Component key (`fitted-weight-<key>`).
    pub key: String,
    /// Component name.
    pub name: String,
    /// The current share, `40.0%`.
    pub current: String,
    /// `fitted-weight-<key>`: the suggested share, `52.1%`.
    pub suggested: String,
}

/// The evidence beside "Apply suggested weights", as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestionView {
    /// One row per component.
    pub weights: Vec<FittedWeightRow>,
    /// Cross-validated AUC of the current weights, `0.83`.
    pub cv_current: String,
    /// Cross-validated AUC of the suggested weights, `0.87`.
    pub cv_suggested: String,
    /// How the AUCs were measured.
    pub cv_note: String,
    /// The threshold the change is measured at, `70`.
    pub threshold: String,
    /// Current and suggested: the comparison of the two at the current threshold.
    pub change: ComparisonView,
    /// Accounts that would become CSQLs, a count.
    pub moved_in: String,
    /// Accounts that would stop being CSQLs, a count.
    pub moved_out: String,
    /// Said when the suggestion ranks held-out accounts worse than the
    /// current weights: Apply is then not the main action.
    pub warning: Option<String>,
}

/// The warning when the fitted weights do worse on held-out accounts than
/// the current ones (a lower cross-validated AUC), or `None`.
#[must_use]
pub fn fit_warning(cv: &crate::model::evidence::folds::CrossValidation) -> Option<String> {
    match (cv.fitted, cv.current) {
        (Some(fitted), Some(current)) if fitted < current && auc(Some(fitted)) != auc(Some(current)) => Some(format!(
            "The suggested weights rank held-out accounts worse than your current ones (AUC {} against {}): \
             on this file the fit does not generalise, so keep your weights. The outcomes may be too few, \
             or the components may not carry what decides them.",
            auc(Some(fitted)),
            auc(Some(current))
        )),
        _ => None,
    }
}

impl SuggestionView {
    /// The text of `suggestion` on `book`, listing at most `limit` flips.
    #[must_use]
    pub fn new(book: &Book, suggestion: &Suggestion, limit: usize) -> Self {
        let share = |v: f64| percent(Some(v));
        let weights = suggestion
            .keys
            .iter()
            .zip(&suggestion.names)
            .zip(suggestion.current.iter().zip(&suggestion.suggested))
            .map(|((key, name), (current, suggested))| FittedWeightRow {
                key: key.clone(),
                name: name.clone(),
                current: share(*current),
                suggested: share(*suggested),
            })
            .collect();
        let cv = suggestion.cv;
        Self {
            weights,
            cv_current: auc(cv.current),
            cv_suggested: auc(cv.fitted),
            cv_note: format!(
                "Mean AUC on held-out accounts over {} of {} folds (stratified by outcome, fixed seed): the suggested weights are fitted without each fold, then scored on it.",
                cv.used, cv.folds
            ),
            threshold: crate::model::core::number::plain(suggestion.threshold),
            change: ComparisonView::new(book, &suggestion.change, limit),
            moved_in: suggestion.moved_in().len().to_string(),
            moved_out: suggestion.moved_out().len().to_string(),
            warning: fit_warning(&cv),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_numbers_never_show_nan() {
        assert_eq!(rate(Some(41.26)), "41.3%");
        assert_eq!(rate(None), "n/a");
        assert_eq!(lift(Some(2.06)), "2.1x");
        assert_eq!(lift(Some(f64::INFINITY)), "n/a");
        assert_eq!(lift(None), "n/a");
        assert_eq!(auc(Some(0.784)), "0.78");
        assert_eq!(auc(Some(f64::NAN)), "n/a");
        assert_eq!(change(3), "+3");
        assert_eq!(change(-2), "-2");
        assert_eq!(change(0), "0");
    }
}
