//! Rank quality: the area under the ROC curve (AUC) of a score for positive
//! (won) against negative (lost) accounts.
//!
//! AUC is the share of (positive, negative) pairs in which the positive scores
//! higher, a tie counting as half a pair. It is computed exactly from one sort
//! of the labelled scores: walking up the sorted scores, each group of equal
//! scores adds `positives_in_group x negatives_below + positives_in_group x
//! negatives_in_group / 2`. The sums are whole numbers of half pairs, kept as
//! integers, so the result does not depend on the order of the input.
//!
//! Scores closer than [`TOLERANCE`] count as equal (a tie), as everywhere else
//! in the model: two weighted sums that agree on paper may differ in the last
//! bit. Neighbours in sorted order are compared, so a run of such near-equal
//! scores forms one group.

use crate::model::core::number::TOLERANCE;

/// The AUC of `scores` for `labels` (true = positive), or `None` when there is
/// no positive or no negative (no pair to compare). `scores` and `labels` are
/// read in step; extra entries of the longer one are ignored.
#[must_use]
pub fn auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let mut pairs: Vec<(f64, bool)> = scores.iter().copied().zip(labels.iter().copied()).collect();
    auc_of_pairs(&mut pairs)
}

/// The AUC of (score, is positive) pairs; may reorder `pairs`.
///
/// The usual case, every score finite and not negative (CSQL scores are
/// 0-100), packs each pair into one `u64`: the score's bits shifted left by
/// one (for such numbers the bit patterns sort as the numbers do, and the
/// sign bit that falls off is 0) with the label in the freed lowest bit. An
/// unstable sort of plain integers is about three times faster than sorting
/// the pairs by `total_cmp`. Anything else sorts the pairs themselves.
#[must_use]
pub fn auc_of_pairs(pairs: &mut [(f64, bool)]) -> Option<f64> {
    if pairs.iter().all(|(s, _)| s.is_finite() && *s >= 0.0) {
        let mut keys: Vec<u64> = pairs.iter().map(|(s, yes)| (s.to_bits() << 1) | u64::from(*yes)).collect();
        keys.sort_unstable();
        return from_sorted(keys.iter().map(|k| (f64::from_bits(k >> 1), k & 1 == 1)));
    }
    // Unstable is fine: within a group of equal scores the order does not matter.
    pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    from_sorted(pairs.iter().copied())
}

/// The AUC of pairs already sorted by score, lowest first.
fn from_sorted(sorted: impl Iterator<Item = (f64, bool)>) -> Option<f64> {
    let mut negatives_below: u64 = 0;
    let mut half_pairs: u128 = 0;
    let (mut positives, mut negatives) = (0u64, 0u64);
    let (mut group_positives, mut group_negatives) = (0u64, 0u64);
    let mut previous = f64::NEG_INFINITY;
    let mut close_group = |group_positives: &mut u64, group_negatives: &mut u64| {
        half_pairs += u128::from(*group_positives) * u128::from(2 * negatives_below + *group_negatives);
        negatives_below += *group_negatives;
        positives += *group_positives;
        negatives += *group_negatives;
        *group_positives = 0;
        *group_negatives = 0;
    };
    for (score, yes) in sorted {
        // A new group unless this score ties the previous one (within the tolerance).
        if score > previous + TOLERANCE {
            close_group(&mut group_positives, &mut group_negatives);
        }
        previous = score;
        if yes {
            group_positives += 1;
        } else {
            group_negatives += 1;
        }
    }
    close_group(&mut group_positives, &mut group_negatives);
    if positives == 0 || negatives == 0 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)] // exact below 2^53 half pairs; ample for any book
    let value = half_pairs as f64 / (2.0 * positives as f64 * negatives as f64);
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_reversed_and_all_tied() {
        assert_eq!(auc(&[3.0, 2.0, 1.0], &[true, false, false]), Some(1.0));
        assert_eq!(auc(&[1.0, 2.0, 3.0], &[true, false, false]), Some(0.0));
        assert_eq!(auc(&[5.0, 5.0, 5.0, 5.0], &[true, false, true, false]), Some(0.5));
    }

    #[test]
    fn no_pair_is_none() {
        assert_eq!(auc(&[], &[]), None);
        assert_eq!(auc(&[1.0, 2.0], &[true, true]), None);
        assert_eq!(auc(&[1.0, 2.0], &[false, false]), None);
    }

    #[test]
    fn negative_or_non_finite_scores_take_the_slow_path_and_agree() {
        // -1 < 2 < 3 < inf: the won at 3 and inf beat the lost at -1 and 2: AUC 1.
        assert_eq!(auc(&[3.0, -1.0, f64::INFINITY, 2.0], &[true, false, true, false]), Some(1.0));
        assert_eq!(auc(&[-2.0, -1.0], &[true, false]), Some(0.0));
    }

    #[test]
    fn near_equal_scores_tie() {
        // 0.1 + 0.2 is 0.30000000000000004: within the tolerance of 0.3, a tie.
        assert_eq!(auc(&[0.1 + 0.2, 0.3], &[true, false]), Some(0.5));
    }
}
