//! Numbers and words as the Programme view shows them, so components compute
//! nothing: `5.0`, `75.0%`, `n/a`, `+5.0 points`.

use crate::model::core::number::brief;
use crate::model::programme::benchmarks::{Band, Tier};
use crate::model::programme::metrics::{Metrics, Programme, SMALL_SAMPLE};
use crate::model::programme::period::{Period, PeriodDate};

/// What the view shows for a rate or tier that does not exist.
pub use crate::model::core::format::NO_VALUE;

/// A number to one decimal (`5.0`); `n/a` when not finite. Never `-0.0`.
#[must_use]
pub fn one_decimal(value: f64) -> String {
    crate::model::core::format::one_decimal(Some(value))
}

/// Accepted CSQLs per CSM per quarter, to one decimal: `5.0`.
#[must_use]
pub fn per_quarter(value: f64) -> String {
    one_decimal(value)
}

/// A rate in percent to one decimal (`75.0%`); `n/a` when there is none.
pub use crate::model::core::format::percent;

/// A difference in percentage points with its sign: `+5.0 points`,
/// `-2.5 points`, `0.0 points`; `n/a` when there is none.
#[must_use]
pub fn points(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => {
            let text = one_decimal(v);
            let sign = if text.starts_with('-') || text == "0.0" { "" } else { "+" };
            let unit = if text == "1.0" || text == "-1.0" { "point" } else { "points" };
            format!("{sign}{text} {unit}")
        }
        _ => NO_VALUE.to_owned(),
    }
}

/// A count or amount without trailing zeros (`15`, `2.5`); `n/a` for none.
#[must_use]
pub fn number_or_na(value: Option<f64>) -> String {
    value.filter(|v| v.is_finite()).map_or_else(|| NO_VALUE.to_owned(), number)
}

/// A count or amount without trailing zeros: `15`, `2.5`, `120000`; a huge
/// or tiny one (a team's own target of `1e300`) in short scientific form.
#[must_use]
pub fn number(value: f64) -> String {
    brief(value)
}

/// A tier's label (`Great`), or `n/a` when there is none.
#[must_use]
pub fn tier_label(tier: Option<Tier>) -> &'static str {
    tier.map_or(NO_VALUE, Tier::label)
}

/// A tier's CSS word (`world-class`), or `na` when there is none.
#[must_use]
pub fn tier_word(tier: Option<Tier>) -> &'static str {
    tier.map_or("na", Tier::word)
}

/// A benchmark range in words: `4-7` (or `7+` for the open top tier,
/// `under 2` for below good), with `%` for conversion.
#[must_use]
pub fn range(lower: f64, upper: Option<f64>, percent_sign: bool, tier: Tier) -> String {
    let unit = if percent_sign { "%" } else { "" };
    match (tier, upper) {
        (Tier::Below, Some(upper)) => format!("under {}{unit}", number(upper)),
        (_, Some(upper)) => format!("{}-{}{unit}", number(lower), number(upper)),
        (_, None) => format!("{}{unit}+", number(lower)),
    }
}

/// A band in words: `good 2-4, great 4-7, world class 7+` (with `%` for
/// conversion).
#[must_use]
pub fn band_summary(band: &Band, percent_sign: bool) -> String {
    [Tier::Good, Tier::Great, Tier::WorldClass]
        .iter()
        .map(|&tier| {
            format!(
                "{} {}",
                tier.label().to_ascii_lowercase(),
                range(band.lower_bound(tier), band.upper_bound(tier), percent_sign, tier)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How accepted per CSM per quarter was worked out:
/// `15 accepted ÷ 3 CSMs ÷ 1 quarter = 5.0`.
#[must_use]
pub fn volume_working(metrics: &Metrics, quarters: f64) -> String {
    format!(
        "{} accepted \u{f7} {} CSM{} \u{f7} {} quarter{} = {}",
        number(metrics.accepted),
        metrics.csms,
        if metrics.csms == 1 { "" } else { "s" },
        number(quarters),
        if number(quarters) == "1" { "" } else { "s" },
        per_quarter(metrics.per_csm_per_quarter)
    )
}

/// How the acceptance rate was worked out: `15 of 20 submitted CSQLs
/// accepted by Sales`, or why it is n/a.
#[must_use]
pub fn acceptance_working(metrics: &Metrics) -> String {
    match (metrics.submitted, metrics.acceptance_rate) {
        (Some(submitted), Some(_)) => format!(
            "{} of {} submitted CSQLs accepted by Sales",
            number(metrics.accepted.min(submitted)),
            number(submitted)
        ),
        (Some(_), None) => "Nothing submitted, so the acceptance rate is n/a.".to_owned(),
        (None, _) => "Submitted left blank, so the acceptance rate is n/a.".to_owned(),
    }
}

/// How the conversion rate was worked out: `6 of 15 accepted CSQLs closed
/// won`, or why it is n/a.
#[must_use]
pub fn conversion_working(metrics: &Metrics) -> String {
    match (metrics.won, metrics.conversion_rate) {
        (Some(won), Some(_)) => format!("{} of {} accepted CSQLs closed won", number(won), number(metrics.accepted)),
        _ => metrics.rating.note.clone().unwrap_or_else(|| "Conversion is n/a.".to_owned()),
    }
}

/// What the coaching table's short cautions mean.
#[must_use]
pub fn caution_legend() -> String {
    format!(
        "A rate marked \u{201c}only 3 accepted\u{201d} rests on fewer than {}, which one deal moves a long way.",
        brief(SMALL_SAMPLE)
    )
}

/// The team result's explanation: why there is no overall tier, or how it
/// was made, or (no team figures yet) what to enter or fix first.
#[must_use]
pub fn overall_explanation(programme: &Programme) -> String {
    let Some(team) = &programme.team else {
        return match &programme.waiting {
            Some(waiting) if programme.problems.is_empty() => waiting.clone(),
            _ => "Fix the inputs marked in red to see the team's result.".to_owned(),
        };
    };
    let rating = &team.rating;
    match &rating.note {
        Some(note) => note.clone(),
        None => format!(
            "The lower of volume ({}) and conversion ({}), against the {} benchmarks.",
            tier_label(Some(rating.volume)),
            tier_label(rating.conversion),
            team.segment.label()
        ),
    }
}

/// A custom period once both dates are read, in the one date format:
/// `2025-01-01 to 2025-04-01: 90 days, 0.99 quarters`; `None` for a named
/// period or dates that cannot be used.
#[must_use]
pub fn period_summary(period: &Period) -> Option<String> {
    let Period::Custom { start, end } = period else {
        return None;
    };
    let (start, end) = (PeriodDate::parse(start).ok()?, PeriodDate::parse(end).ok()?);
    let quarters = period.quarters().ok()?;
    let days = end.days_since(start);
    Some(format!(
        "{start} to {end}: {days} day{}, {} quarter{}.",
        if days == 1 { "" } else { "s" },
        two_decimals(quarters),
        if two_decimals(quarters) == "1.00" { "" } else { "s" }
    ))
}

/// A number to two decimals (`0.99`), for a period's length in quarters.
fn two_decimals(value: f64) -> String {
    format!("{value:.2}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_view_numbers() {
        assert_eq!(per_quarter(5.0), "5.0");
        assert_eq!(percent(Some(75.0)), "75.0%");
        assert_eq!(percent(None), "n/a");
        assert_eq!(percent(Some(f64::NAN)), "n/a");
        assert_eq!(points(Some(5.0)), "+5.0 points");
        assert_eq!(points(Some(-2.54)), "-2.5 points");
        assert_eq!(points(Some(-0.01)), "0.0 points");
        assert_eq!(points(Some(1.0)), "+1.0 point");
        assert_eq!(range(4.0, Some(7.0), false, Tier::Great), "4-7");
        assert_eq!(range(40.0, None, true, Tier::WorldClass), "40%+");
        assert_eq!(range(0.0, Some(2.0), false, Tier::Below), "under 2");
        assert_eq!(
            band_summary(&Band::new(2.0, 4.0, 7.0), false),
            "good 2-4, great 4-7, world class 7+"
        );
    }
}
