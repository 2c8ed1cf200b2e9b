//! The evidence as the page shows it, so components compute nothing:
//! `41.3%`, `2.1x`, `0.78`, `n/a`.

use super::backtest::Backtest;
use super::CAUTION_BELOW;
use crate::model::programme::format::{one_decimal, percent, NOT_AVAILABLE};

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
        _ => NOT_AVAILABLE.to_owned(),
    }
}

/// An AUC to two decimals (`0.78`); `n/a` when there is none.
#[must_use]
pub fn auc(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{v:.2}"),
        _ => NOT_AVAILABLE.to_owned(),
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
