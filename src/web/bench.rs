//! A benchmark hook for `bench/book.mjs`: the scoring loop of
//! [`crate::model::book::score_all`] over a flat array of per-row component
//! scores, exported to the page so it can be timed against the same arithmetic
//! in plain JavaScript on the same data. Not used by the app itself.
//!
//! The functions are exported only from a build with `--cfg csql_bench`
//! (`bench/run.sh` makes one), so the shipped bundle does not carry them (they
//! would cost about 1 KB gzipped).

// `csql_bench` is set only by bench/run.sh through RUSTFLAGS, not declared to Cargo.
#![allow(unexpected_cfgs)]

use crate::model::book::score_rows;
use crate::model::core::weighting::{VerdictKind, Weighting};

/// Scores `rows = blocked.len()` accounts `rounds` times with the app's own
/// scoring loop ([`score_rows`], the loop of
/// [`crate::model::book::score_all`]: fractions `w / total`, a dot product per
/// row in component order, the verdict, fresh score and verdict vectors each
/// round), and returns a checksum: per round, the sum of every score in row
/// order plus the number of CSQLs. The checksum keeps the work from being
/// optimised away and lets the caller check that JavaScript computed the same
/// numbers to the last bit.
///
/// `components` holds `rows * weights.len()` scores, row after row; `blocked`
/// is non-zero where a required gate is not met. Returns NaN when the shapes do
/// not agree or the weights or threshold cannot be used.
#[must_use]
pub fn bench_score(components: &[f64], blocked: &[u8], weights: &[f64], threshold: f64, rounds: u32) -> f64 {
    let width = weights.len();
    let Ok(weighting) = Weighting::new(weights, threshold, width) else {
        return f64::NAN;
    };
    if components.len() != blocked.len() * width {
        return f64::NAN;
    }
    let mut checksum = 0.0;
    for _ in 0..rounds {
        let (scores, verdicts) = score_rows(&weighting, components, blocked.iter().map(|b| *b != 0));
        let sum: f64 = scores.iter().sum();
        #[allow(clippy::cast_precision_loss)]
        let count = verdicts.iter().filter(|v| **v == VerdictKind::Csql).count() as f64;
        checksum += sum + count;
    }
    checksum
}

/// The app's own sample book ([`crate::model::book::sample_csv`]) of `accounts`
/// accounts from `seed`, so the benchmark uploads exactly what the app
/// generates (headers that auto-map to the default model).
#[must_use]
pub fn bench_sample_csv(accounts: u32, seed: u64) -> Vec<u8> {
    crate::model::book::sample_csv(accounts as usize, seed)
}

/// The exports, only in a build with `--cfg csql_bench`.
#[cfg(csql_bench)]
mod exports {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(js_name = bench_score)]
    #[must_use]
    pub fn score(components: &[f64], blocked: &[u8], weights: &[f64], threshold: f64, rounds: u32) -> f64 {
        super::bench_score(components, blocked, weights, threshold, rounds)
    }

    #[wasm_bindgen(js_name = bench_sample_csv)]
    #[must_use]
    pub fn sample_csv(accounts: u32, seed: u64) -> Vec<u8> {
        super::bench_sample_csv(accounts, seed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::book::{import, sample_csv, score_all, BadRows};
    use crate::model::Model;

    #[test]
    fn bench_score_matches_score_all_to_the_bit() {
        let model = Model::default();
        let Ok((book, _)) = import(
            &sample_csv(2000, 7),
            &model,
            BadRows::KeepEmpty,
            crate::model::core::date::Date::default(),
        ) else {
            panic!("the sample imports")
        };
        let components: Vec<f64> = (0..book.len()).flat_map(|row| book.component_scores(row).to_vec()).collect();
        let blocked: Vec<u8> = (0..book.len()).map(|row| u8::from(book.blocked(row))).collect();
        let weights = [40.0, 35.0, 25.0];
        for threshold in [50.0, 70.0] {
            let scores = score_all(&book, &weights, threshold);
            let csql = scores.verdicts.iter().filter(|v| **v == VerdictKind::Csql).count();
            assert!(csql > 0);
            #[allow(clippy::cast_precision_loss)]
            let expected = scores.scores.iter().sum::<f64>() + csql as f64;
            assert_eq!(
                bench_score(&components, &blocked, &weights, threshold, 1).to_bits(),
                expected.to_bits()
            );
            assert_eq!(bench_score(&components, &blocked, &weights, threshold, 2), expected + expected);
        }
        assert!(bench_score(&components, &blocked, &[0.0, 0.0, 0.0], 70.0, 1).is_nan());
        assert!(bench_score(&components, &blocked[1..], &weights, 70.0, 1).is_nan());
    }

    #[test]
    fn the_sample_is_the_apps_sample() {
        assert_eq!(bench_sample_csv(50, 9), sample_csv(50, 9));
    }
}
