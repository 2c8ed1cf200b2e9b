//! Words and numbers as the page shows them, so components compute nothing.

use crate::model::core::{Evaluation, Lever, Verdict};

/// What every figure without a value reads (a rate with no denominator, a
/// score that cannot be worked out): the one spelling of "no value".
pub const NO_VALUE: &str = "n/a";

/// A score or points to one decimal (`66.0`); [`NO_VALUE`] when there is none.
#[must_use]
pub fn one_decimal(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => {
            let text = format!("{v:.1}");
            if text == "-0.0" {
                "0.0".to_owned()
            } else {
                text
            }
        }
        _ => NO_VALUE.to_owned(),
    }
}

/// A share in percent to one decimal (`45.5%`); [`NO_VALUE`] when there is none.
#[must_use]
pub fn percent(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{}%", one_decimal(value)),
        _ => NO_VALUE.to_owned(),
    }
}

/// A whole number with commas between thousands: `12,345`.
#[must_use]
pub fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A net change with its sign: `+3`, `-2`, `0`.
#[must_use]
pub fn signed(gained: usize, lost: usize) -> String {
    match gained.cmp(&lost) {
        std::cmp::Ordering::Greater => format!("+{}", gained - lost),
        std::cmp::Ordering::Less => format!("-{}", lost - gained),
        std::cmp::Ordering::Equal => "0".to_owned(),
    }
}

/// `1 CSQL`, `2 CSQLs`: a count with its noun, singular or plural.
#[must_use]
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Names in a sentence: `Budget`, `Budget and Timing`, `Fit, Budget and Timing`.
#[must_use]
pub fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The verdict as a short headline.
#[must_use]
pub fn headline(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Csql => "Qualified: this is a CSQL",
        Verdict::GatesMissing(_) => "Score qualifies, gates missing",
        Verdict::BelowThreshold { .. } => "Below the threshold",
        Verdict::Invalid => "Cannot score yet",
    }
}

/// One sentence that says why, with the numbers behind it.
#[must_use]
pub fn reason(evaluation: &Evaluation) -> String {
    let threshold = one_decimal(evaluation.threshold);
    match &evaluation.verdict {
        Verdict::Csql => format!(
            "Score {} meets the threshold of {threshold} and every required gate is met: hand it to Sales.",
            one_decimal(evaluation.score)
        ),
        Verdict::GatesMissing(missing) => format!(
            "Score {} meets the threshold of {threshold}, but {} not met: {}.",
            one_decimal(evaluation.score),
            if missing.len() == 1 {
                "one required gate is"
            } else {
                "these required gates are"
            },
            missing.join(", ")
        ),
        Verdict::BelowThreshold { short } => format!("{} points short of the threshold of {threshold}.", points_short(*short)),
        Verdict::Invalid => {
            let n = evaluation.problems.len();
            format!(
                "{n} {} to fix before the account can be scored.",
                if n == 1 { "input" } else { "inputs" }
            )
        }
    }
}

/// Points short to one decimal, never `0.0` for a lead that is short.
fn points_short(short: f64) -> String {
    if short < 0.05 {
        "Less than 0.1".to_owned()
    } else {
        one_decimal(Some(short))
    }
}

/// What one component alone would take, in words.
#[must_use]
///
/// With `gates_missing`, the score alone reaches the threshold but the
/// account does not qualify: the words then say what the score does, never
/// that the account "still qualifies".
pub fn lever(lever: Option<Lever>, gates_missing: bool) -> String {
    match lever {
        Some(Lever::HoldsDownTo(floor)) if gates_missing => {
            format!("The score stays at the threshold down to {}", one_decimal(Some(floor)))
        }
        Some(Lever::HoldsAtAnyScore) if gates_missing => "The score reaches the threshold whatever this scores".to_owned(),
        Some(Lever::RaiseTo(target)) => format!("Needs {}, the others unchanged", one_decimal(Some(target))),
        Some(Lever::OutOfReach { best }) => format!("Out of reach alone: at 100 the score is {}", one_decimal(Some(best))),
        Some(Lever::NoWeight) => "Weight 0: does not move the score".to_owned(),
        Some(Lever::HoldsDownTo(floor)) => format!("Still qualifies down to {}", one_decimal(Some(floor))),
        Some(Lever::HoldsAtAnyScore) => "Qualifies whatever this scores".to_owned(),
        None => one_decimal(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_never_show_nan_or_negative_zero() {
        assert_eq!(one_decimal(Some(66.0)), "66.0");
        assert_eq!(one_decimal(Some(-0.0)), "0.0");
        assert_eq!(one_decimal(Some(f64::NAN)), "n/a");
        assert_eq!(one_decimal(None), "n/a");
        assert_eq!(percent(Some(45.46)), "45.5%");
        assert_eq!(percent(None), "n/a");
        // A share that is not a number reads n/a, not "n/a%".
        assert_eq!(percent(Some(f64::NAN)), "n/a");
        assert_eq!(percent(Some(f64::INFINITY)), "n/a");
    }

    #[test]
    fn tiny_shortfall_is_not_shown_as_zero() {
        assert_eq!(points_short(0.04), "Less than 0.1");
        assert_eq!(points_short(4.0), "4.0");
    }
}
