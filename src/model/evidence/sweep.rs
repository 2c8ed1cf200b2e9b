//! The threshold sweep: qualified count, conversion among qualified and won
//! captured for every whole threshold from 0 to 100, and the suggested threshold.
//!
//! One pass puts each labelled account that no required gate blocks in the
//! bucket of the highest whole threshold its score reaches (with
//! [`reaches`], the model's one tolerance); a running sum from 100 down then
//! gives every threshold's counts. O(accounts + 101), not 101 passes.

use thiserror::Error;

use crate::model::book::{Book, Scores};
use crate::model::core::number::{reaches, TOLERANCE};
use crate::model::evidence::{percent_of, Outcome, Unavailable};
use crate::model::programme::{Benchmarks, Segment, Tier};

/// Whole thresholds swept: 0, 1, ..., 100.
pub const THRESHOLDS: usize = 101;

/// A suggested threshold needs at least this many qualified labelled accounts,
/// so that a conversion rate rests on more than a handful of outcomes.
pub const MIN_QUALIFIED: usize = 20;

/// Counts at one whole threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SweepPoint {
    /// The threshold, 0-100.
    pub threshold: u8,
    /// Labelled accounts that would be CSQLs at this threshold.
    pub qualified: usize,
    /// Of those, the ones whose outcome is yes (won).
    pub qualified_positive: usize,
}

/// The sweep of one outcome over thresholds 0-100.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    /// Which outcome.
    pub outcome: Outcome,
    /// Labelled accounts whose outcome is yes, gates and scores aside.
    pub positive: usize,
    /// Labelled accounts whose outcome is no.
    pub negative: usize,
    /// One point per threshold, 0 first; always [`THRESHOLDS`] long.
    pub points: Vec<SweepPoint>,
}

impl Sweep {
    /// The point of a whole threshold (clamped to 0-100).
    #[must_use]
    pub fn at(&self, threshold: u8) -> SweepPoint {
        let index = usize::from(threshold.min(100));
        self.points.get(index).copied().unwrap_or(SweepPoint {
            threshold,
            qualified: 0,
            qualified_positive: 0,
        })
    }

    /// Conversion among qualified at a threshold, percent (`None` when none qualify).
    #[must_use]
    pub fn conversion(&self, threshold: u8) -> Option<f64> {
        let p = self.at(threshold);
        percent_of(p.qualified_positive, p.qualified)
    }

    /// Share of all positive outcomes captured at a threshold, percent.
    #[must_use]
    pub fn captured(&self, threshold: u8) -> Option<f64> {
        percent_of(self.at(threshold).qualified_positive, self.positive)
    }

    /// The largest qualified count (at the lowest thresholds).
    #[must_use]
    pub fn max_qualified(&self) -> usize {
        self.points.iter().map(|p| p.qualified).max().unwrap_or(0)
    }
}

/// The highest whole threshold 0-100 that `score` reaches, or `None` when it
/// reaches none (a negative or non-finite score).
#[must_use]
pub fn highest_reached(score: f64) -> Option<u8> {
    if !score.is_finite() || !reaches(score, 0.0) {
        return None;
    }
    // A first guess, then settled with `reaches` itself so the sweep agrees
    // with the verdicts to the last bit.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0..=100 first
    let mut t = (score + TOLERANCE).floor().clamp(0.0, 100.0) as u8;
    while t < 100 && reaches(score, f64::from(t + 1)) {
        t += 1;
    }
    while t > 0 && !reaches(score, f64::from(t)) {
        t -= 1;
    }
    Some(t)
}

/// The sweep of `scores` (a scoring of `book`; only the scores are used, not
/// their threshold) against `outcome`. Gates are the book's: an account a
/// required gate blocks qualifies at no threshold.
///
/// # Errors
/// [`Unavailable`] when the outcome column is not mapped or the scores are invalid.
pub fn sweep(book: &Book, scores: &Scores, outcome: Outcome) -> Result<Sweep, Unavailable> {
    if !outcome.is_mapped(book) {
        return Err(Unavailable::no_column(outcome));
    }
    if scores.problem.is_some() {
        return Err(Unavailable::Unscored);
    }
    let mut reached = [0usize; THRESHOLDS];
    let mut reached_positive = [0usize; THRESHOLDS];
    let (mut positive, mut negative) = (0, 0);
    for (row, score) in scores.scores.iter().enumerate().take(book.len()) {
        let Some(yes) = outcome.of(book, row) else { continue };
        if yes {
            positive += 1;
        } else {
            negative += 1;
        }
        if book.blocked(row) {
            continue;
        }
        if let Some(t) = highest_reached(*score) {
            reached[usize::from(t)] += 1;
            reached_positive[usize::from(t)] += usize::from(yes);
        }
    }
    let mut points = Vec::with_capacity(THRESHOLDS);
    let (mut qualified, mut qualified_positive) = (0, 0);
    for t in (0..=100u8).rev() {
        qualified += reached[usize::from(t)];
        qualified_positive += reached_positive[usize::from(t)];
        points.push(SweepPoint {
            threshold: t,
            qualified,
            qualified_positive,
        });
    }
    points.reverse();
    Ok(Sweep {
        outcome,
        positive,
        negative,
        points,
    })
}

/// Why no threshold is suggested.
#[derive(Clone, Copy, Debug, PartialEq, Error)]
pub enum NoSuggestion {
    /// There is no sweep to suggest from (no closed-won column, or no scores).
    #[error(transparent)]
    NoSweep(#[from] crate::model::evidence::Unavailable),
    /// The sweep is of acceptance; the benchmark bands are for closed-won conversion.
    #[error("a threshold is suggested from closed-won outcomes only")]
    NotWon,
    /// No labelled account closed won, so there is no conversion to compare.
    #[error("no labelled account closed won, so no threshold can be suggested")]
    NoWins,
    /// No threshold reaches the great band with enough qualified accounts.
    #[error(
        "no threshold gives a conversion of at least {}% (the great band) with at least {MIN_QUALIFIED} qualified accounts",
        crate::model::core::number::plain(*great)
    )]
    NeverGreat {
        /// The lower bound of the great band, percent.
        great: f64,
    },
    /// Qualifying every account the gates let through already reaches the
    /// great band, and no threshold that leaves any out still does: the
    /// threshold is not what limits conversion here.
    #[error(
        "the threshold is not what limits conversion here: with every account qualified, conversion is already {}% (the great band starts at {}%), and no threshold that leaves accounts out keeps it there with at least {MIN_QUALIFIED} qualified",
        crate::model::core::format::one_decimal(Some(*conversion)),
        crate::model::core::number::plain(*great)
    )]
    NotLimiting {
        /// Conversion with every account qualified, percent.
        conversion: f64,
        /// The lower bound of the great band, percent.
        great: f64,
    },
}

/// The lowest whole threshold whose conversion among qualified reaches the
/// "great" band of `benchmarks` for `segment`, with at least [`MIN_QUALIFIED`]
/// qualified labelled accounts, and that leaves at least one account out (a
/// threshold that qualifies everyone selects nothing). Pass the reference table or the team's own
/// targets.
///
/// # Errors
/// [`NoSuggestion`], with the reason.
pub fn suggest_threshold(sweep: &Sweep, benchmarks: &Benchmarks, segment: Segment) -> Result<u8, NoSuggestion> {
    if sweep.outcome != Outcome::Won {
        return Err(NoSuggestion::NotWon);
    }
    if sweep.positive == 0 {
        return Err(NoSuggestion::NoWins);
    }
    let band = benchmarks.for_segment(segment).conversion;
    let great = |p: &&SweepPoint| {
        p.qualified >= MIN_QUALIFIED && percent_of(p.qualified_positive, p.qualified).is_some_and(|c| band.tier(c) >= Tier::Great)
    };
    // A threshold that qualifies every account the gates let through
    // (threshold 0 does) selects nothing: it is never the suggestion.
    let everyone = sweep.points.first().map_or(0, |p| p.qualified);
    if let Some(point) = sweep.points.iter().filter(|p| p.qualified < everyone).find(great) {
        return Ok(point.threshold);
    }
    match sweep.points.first().filter(great) {
        Some(all) => Err(NoSuggestion::NotLimiting {
            conversion: percent_of(all.qualified_positive, all.qualified).unwrap_or(0.0),
            great: band.great,
        }),
        None => Err(NoSuggestion::NeverGreat { great: band.great }),
    }
}

/// The segment most accounts of the book name (ties go to the segment listed
/// first in the benchmark table), or `None` when no account names a known one.
#[must_use]
pub fn book_segment(book: &Book) -> Option<Segment> {
    let mut counts = [0usize; 3];
    for row in 0..book.len() {
        if let Some(segment) = Segment::from_key(book.segment(row)) {
            if let Some(i) = Segment::ALL.iter().position(|s| *s == segment) {
                counts[i] += 1;
            }
        }
    }
    let (best, count) = counts
        .iter()
        .enumerate()
        .fold((0, 0), |(bi, bc), (i, &c)| if c > bc { (i, c) } else { (bi, bc) });
    (count > 0).then(|| Segment::ALL[best])
}
