//! Cross-validation: how well the fitted and the current weights rank
//! accounts they were not fitted on.
//!
//! The labelled accounts are split into [`FOLDS`] folds, stratified by outcome
//! (won and lost accounts are each shuffled with a fixed seed, [`FOLD_SEED`],
//! and dealt round the folds in turn, so every fold has about the same share
//! of wins). For each fold, the weights are fitted on the other folds and the
//! AUC of the resulting score is measured on the fold; the current weights are
//! measured on the same fold. The figure is the mean over the folds that hold
//! both outcomes. Same book, same folds, same figure, on every machine.

use crate::model::book::SplitMix64;
use crate::model::evidence::auc::auc_of_pairs;
use crate::model::evidence::fit::{FitData, Rows};

/// Number of folds.
pub const FOLDS: u8 = 5;

/// The seed of the shuffle that deals accounts into folds.
pub const FOLD_SEED: u64 = 0xC5_F01D;

/// The fold (0..k) of each account: won and lost accounts shuffled apart and
/// dealt in turn, so each fold holds about 1/k of each outcome. `k` of 0 is
/// read as 1.
#[must_use]
pub fn stratified_folds(won: &[bool], k: u8, seed: u64) -> Vec<u8> {
    let k = usize::from(k.max(1));
    let mut rng = SplitMix64::new(seed);
    let mut folds = vec![0u8; won.len()];
    let mut next = 0usize;
    for outcome in [true, false] {
        let mut members: Vec<usize> = (0..won.len()).filter(|&i| won[i] == outcome).collect();
        // Fisher-Yates.
        for i in (1..members.len()).rev() {
            members.swap(i, rng.below(i + 1));
        }
        for i in members {
            // The dealing carries on from where the wins stopped, so fold sizes stay even too.
            #[allow(clippy::cast_possible_truncation)] // below k <= 255
            let fold = (next % k) as u8;
            folds[i] = fold;
            next += 1;
        }
    }
    folds
}

/// The cross-validated AUC of the fitted and the current weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CrossValidation {
    /// Number of folds.
    pub folds: u8,
    /// Folds holding both outcomes (the ones averaged).
    pub used: u8,
    /// Mean held-out AUC of weights fitted without the fold.
    pub fitted: Option<f64>,
    /// Mean held-out AUC of the current weights on the same folds.
    pub current: Option<f64>,
}

/// The AUC, on the accounts of fold `fold`, of the score `sum(weight x
/// component score)`; `None` when the fold lacks an outcome or a weight is
/// negative or not finite. Weights all 0 tie every account: 0.5.
#[must_use]
pub fn held_out_auc(data: &FitData, folds: &[u8], fold: u8, weights: &[f64]) -> Option<f64> {
    let p = data.columns();
    if weights.len() != p || weights.iter().any(|w| !(w.is_finite() && *w >= 0.0)) {
        return None;
    }
    let mut pairs: Vec<(f64, bool)> = Vec::new();
    for (i, won) in data.won.iter().enumerate() {
        if folds.get(i) == Some(&fold) {
            let row = data.x.get(i * p..(i + 1) * p).unwrap_or(&[]);
            pairs.push((row.iter().zip(weights).map(|(x, w)| x * w).sum(), *won));
        }
    }
    auc_of_pairs(&mut pairs)
}

/// The accounts of `data` outside fold `fold`.
pub(crate) fn rows_without<'a>(data: &'a FitData, folds: &'a [u8], fold: u8) -> Rows<'a> {
    Rows {
        leave_out: Some((folds, fold)),
        ..Rows::all(&data.x, &data.won, data.columns())
    }
}

/// The mean of the folds' AUCs that exist.
pub(crate) fn mean(values: &[Option<f64>]) -> Option<f64> {
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    #[allow(clippy::cast_precision_loss)] // at most 255 folds
    let count = known.len() as f64;
    (!known.is_empty()).then(|| known.iter().sum::<f64>() / count)
}

/// The cross-validation from each fold's AUCs.
pub(crate) fn summary(fitted: &[Option<f64>], current: &[Option<f64>]) -> CrossValidation {
    #[allow(clippy::cast_possible_truncation)] // at most FOLDS
    let used = fitted.iter().filter(|a| a.is_some()).count() as u8;
    CrossValidation {
        folds: FOLDS,
        used,
        fitted: mean(fitted),
        current: mean(current),
    }
}
