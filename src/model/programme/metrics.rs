//! The calculation: typed rows in, metrics, tiers and problems out.
//!
//! Each row is parsed on its own; a row with a problem has no metrics and the
//! team has none either (its totals would be wrong), but the other rows still
//! show theirs. Problems are values on the offending field, never panics.
//!
//! The team's metrics are sums over the rows: accepted per CSM per quarter is
//! the accepted total over the total headcount and the period. A row that
//! leaves "submitted" blank is left out of the team acceptance rate (both its
//! submitted and accepted), and a row that leaves "won" blank is left out of
//! the team conversion rate, so a missing figure never reads as 0%.
//!
//! Tiers: the volume tier and the conversion tier come from the segment's
//! bands; the overall tier is the lower of the two. When conversion is n/a
//! (nothing accepted, or won left blank) the conversion tier is `None` with a
//! note saying why. The overall tier is then `None` too (volume alone is not
//! a verdict, and reading it as one is the "comping on volume" mistake),
//! except when volume is below good: the lower of the two is below good
//! whatever the conversion, so 0 accepted is below good overall, not n/a.
//!
//! A rate on fewer than [`SMALL_SAMPLE`] (acceptance: submitted; conversion:
//! accepted) carries a [`Caution`]: one CSQL more or less moves it by 25
//! points or more.
//!
//! A custom period whose dates are still blank is not a problem: nothing is
//! marked in red, and [`Programme::waiting`] says what to enter.

use thiserror::Error;

use crate::model::core::format::NO_VALUE;
use crate::model::core::number::{brief, parse_in_range, parse_non_negative, NumberError};
use crate::model::programme::audience::{sections_for, Advice, Section};
use crate::model::programme::benchmarks::{BenchmarkProblem, Benchmarks, Measure, Tier};
use crate::model::programme::period::{Period, PeriodDate, PeriodDateError, PeriodError};
use crate::model::programme::{ProgrammeInput, Segment};

/// Largest count accepted in a count field, so sums stay exact and finite.
pub const MAX_COUNT: f64 = 1e12;

/// Largest money amount accepted, so sums stay finite.
pub const MAX_AMOUNT: f64 = 1e15;

/// Largest number of CSMs one row can stand for.
pub const MAX_HEADCOUNT: u32 = 100_000;

/// Most rows the CSM table holds, however they come (the Add button, a
/// paste, a link's `csm` rows, a book's owners), so the page stays responsive.
pub const MAX_ROWS: usize = 500;

/// A rate on fewer than this many (submitted for acceptance, accepted for
/// conversion) carries a [`Caution`].
pub const SMALL_SAMPLE: f64 = 5.0;

/// Which input a problem belongs to, so the page can show it beside the field.
/// Row fields carry the row index (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProgrammeField {
    /// How many CSMs row `n` stands for.
    Headcount(usize),
    /// Submitted count of row `n`.
    Submitted(usize),
    /// Accepted count of row `n`.
    Accepted(usize),
    /// Won count of row `n`.
    Won(usize),
    /// Accepted pipeline value of row `n`.
    PipelineValue(usize),
    /// Closed-won value of row `n`.
    WonValue(usize),
    /// The table as a whole (no rows).
    Rows,
    /// Start date of a custom period.
    PeriodStart,
    /// End date of a custom period.
    PeriodEnd,
    /// Total expansion pipeline from all sources.
    TotalPipeline,
    /// Conversion rate of other sources.
    OtherConversion,
    /// A bound in the benchmark table.
    Benchmark(Segment, Measure, Tier),
}

/// An input that cannot be used, with a message naming the field (and CSM).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgrammeProblem {
    /// Where the problem is.
    pub field: ProgrammeField,
    /// What is wrong, in words.
    pub message: String,
}

/// Tiers for one set of metrics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating {
    /// Tier of accepted CSQLs per CSM per quarter.
    pub volume: Tier,
    /// Tier of the conversion rate; `None` when conversion is n/a.
    pub conversion: Option<Tier>,
    /// The lower of the two; `None` when conversion is n/a.
    pub overall: Option<Tier>,
    /// Why there is no overall tier, when there is none.
    pub note: Option<String>,
}

/// A rate worked out on fewer than [`SMALL_SAMPLE`], in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caution {
    /// For a table cell: `only 2 accepted`.
    pub short: String,
    /// The full sentence: `Only 2 accepted: a rate on fewer than 5 ...`.
    pub sentence: String,
}

impl Caution {
    /// The caution for a rate whose denominator is `count` `what`s (`submitted`,
    /// `accepted`), when `count` is below [`SMALL_SAMPLE`] and above 0.
    fn for_count(count: f64, what: &str, unit: &str) -> Option<Caution> {
        (count > 0.0 && count < SMALL_SAMPLE).then(|| Caution {
            short: format!("only {} {what}", brief(count)),
            // With n at most SMALL_SAMPLE - 1, one more or one fewer moves the rate by 100 / n points.
            sentence: format!(
                "Only {} {what}: with fewer than {}, one {unit} moves the rate by {} points or more, so read it with care.",
                brief(count),
                brief(SMALL_SAMPLE),
                brief(100.0 / (SMALL_SAMPLE - 1.0))
            ),
        })
    }
}

/// Metrics for one row or for the team.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    /// The row's display name, or "Team" for the team.
    pub name: String,
    /// The segment the tiers were judged against.
    pub segment: Segment,
    /// How many CSMs these metrics cover.
    pub csms: u32,
    /// CSQLs submitted (for the team: total over rows that entered it);
    /// `None` when not entered.
    pub submitted: Option<f64>,
    /// CSQLs accepted by Sales.
    pub accepted: f64,
    /// CSQLs closed won (for the team: total over rows that entered it);
    /// `None` when not entered.
    pub won: Option<f64>,
    /// Accepted CSQLs per CSM per quarter (finite, never negative).
    pub per_csm_per_quarter: f64,
    /// Accepted / submitted x 100; `None` when nothing was submitted or
    /// submitted was left blank.
    pub acceptance_rate: Option<f64>,
    /// Won / accepted x 100; `None` when nothing was accepted or won was
    /// left blank.
    pub conversion_rate: Option<f64>,
    /// The acceptance rate rests on fewer than [`SMALL_SAMPLE`] submitted.
    pub acceptance_caution: Option<Caution>,
    /// The conversion rate rests on fewer than [`SMALL_SAMPLE`] accepted.
    pub conversion_caution: Option<Caution>,
    /// Pipeline value of the accepted CSQLs, when entered.
    pub pipeline_value: Option<f64>,
    /// Closed-won value, when entered.
    pub won_value: Option<f64>,
    /// The tiers.
    pub rating: Rating,
}

/// Everything the Programme view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Programme {
    /// The period in quarters, when the period is valid.
    pub quarters: Option<f64>,
    /// Metrics per row, in row order; `None` for a row with a problem (or
    /// for every row when the period is invalid).
    pub rows: Vec<Option<Metrics>>,
    /// Team metrics (sums over rows), when every row and the period are valid.
    pub team: Option<Metrics>,
    /// Total expansion pipeline from all sources, when entered and valid.
    pub total_pipeline: Option<f64>,
    /// CS share of expansion pipeline in percent (accepted pipeline value
    /// summed / total expansion pipeline x 100), when both are known.
    pub cs_share: Option<f64>,
    /// Conversion rate of other sources in percent, when entered and valid.
    pub other_conversion: Option<f64>,
    /// Team CSQL conversion minus other sources' conversion, in points.
    pub versus_other: Option<f64>,
    /// Rows with accepted CSQLs but no won figure: (display name, accepted).
    pub won_missing: Vec<(String, f64)>,
    /// What to enter before the team's figures can be worked out, when
    /// nothing typed is wrong (a custom period's blank dates).
    pub waiting: Option<String>,
    /// Said when a row of team totals stands beside other rows: the team
    /// figures add every row, so CSMs already in the totals count twice.
    pub rows_add_up: Option<String>,
    /// Every problem, in field order.
    pub problems: Vec<ProgrammeProblem>,
    /// Advice the data calls for, ordered for the input's role.
    pub advice: Vec<Advice>,
    /// The view's sections, ordered for the input's role.
    pub sections: Vec<Section>,
    /// The benchmark table used: the input's, or the reference table when
    /// the input's has problems (those are in `problems`).
    pub benchmarks: Benchmarks,
}

impl Programme {
    /// The problems on one field (usually zero or one).
    pub fn problems_for(&self, field: ProgrammeField) -> impl Iterator<Item = &ProgrammeProblem> + '_ {
        self.problems.iter().filter(move |p| p.field == field)
    }

    /// Why a team figure is n/a: the inputs marked in red, or what is still
    /// to be entered.
    #[must_use]
    pub fn pending(&self) -> String {
        match &self.waiting {
            Some(waiting) if self.problems.is_empty() => format!("{NO_VALUE} until then: {}", lower_first(waiting)),
            _ => format!("{NO_VALUE} until the inputs marked in red are fixed."),
        }
    }
}

/// `text` with its first letter in lower case. ASCII only: the sentences are
/// the model's own, and Unicode case tables would add kilobytes to the bundle.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| std::iter::once(c.to_ascii_lowercase()).chain(chars).collect())
        .unwrap_or_default()
}

/// A row's numbers after parsing.
#[derive(Clone, Copy, Debug)]
struct Parsed {
    csms: u32,
    submitted: Option<f64>,
    accepted: f64,
    won: Option<f64>,
    pipeline_value: Option<f64>,
    won_value: Option<f64>,
}

/// The view's figures against a benchmark table, without the advice
/// (`programme::evaluate` adds it). A table with problems is reported and
/// the reference table is used instead. Never panics on what the user typed.
#[must_use]
pub fn measure(input: &ProgrammeInput, table: &Benchmarks) -> Programme {
    let mut problems = Vec::new();

    let benchmark_problems = table.validate();
    let benchmarks = if benchmark_problems.is_empty() {
        table.clone()
    } else {
        Benchmarks::default()
    };

    let mut waiting = None;
    let quarters = period_quarters(&input.period, &mut problems, &mut waiting);
    // 1 / quarters, exact for the named periods; valid whenever `quarters` is.
    let scale = input.period.per_quarter_scale().ok().filter(|_| quarters.is_some());

    if input.rows.is_empty() {
        problems.push(ProgrammeProblem {
            field: ProgrammeField::Rows,
            message: "Add at least one CSM (or one team row) to see the metrics.".to_owned(),
        });
    }

    let parsed: Vec<Option<Parsed>> = input
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| parse_row(index, row, &mut problems))
        .collect();
    let untouched = input
        .rows
        .iter()
        .position(|row| [&row.submitted, &row.accepted, &row.won].iter().all(|t| t.trim().is_empty()));
    if let (None, Some(index)) = (&waiting, untouched) {
        waiting = Some(format!(
            "Enter {}'s CSQLs submitted, accepted and won.",
            input.rows[index].display_name(index)
        ));
    }

    let rows: Vec<Option<Metrics>> = parsed
        .iter()
        .zip(&input.rows)
        .enumerate()
        .map(|(index, (p, row))| {
            let (p, q) = ((*p)?, scale?);
            let segment = row.segment.unwrap_or(input.segment);
            Some(metrics(
                row.display_name(index),
                segment,
                &p,
                p.submitted.map(|s| (s, p.accepted)),
                p.won.map(|w| (w, p.accepted)),
                q,
                &benchmarks,
            ))
        })
        .collect();

    let all_parsed: Option<Vec<Parsed>> = parsed.iter().copied().collect();
    let team = match (all_parsed, scale) {
        (Some(all), Some(q)) if !all.is_empty() => Some(team_metrics(&all, input.segment, q, &benchmarks)),
        _ => None,
    };

    let won_missing = parsed
        .iter()
        .zip(&input.rows)
        .enumerate()
        .filter_map(|(index, (p, row))| {
            p.filter(|p| p.accepted > 0.0 && p.won.is_none())
                .map(|p| (row.display_name(index), p.accepted))
        })
        .collect();

    let (total_pipeline, cs_share, other_conversion, versus_other) = pipeline(input, team.as_ref(), &mut problems);
    let rows_add_up = rows_add_up(input, team.as_ref());

    problems.extend(benchmark_problems.into_iter().map(|p: BenchmarkProblem| ProgrammeProblem {
        field: ProgrammeField::Benchmark(p.segment, p.measure, p.tier),
        message: format!("Benchmark {}; using the reference table until it is fixed", p.message),
    }));

    Programme {
        quarters,
        rows,
        team,
        total_pipeline,
        cs_share,
        other_conversion,
        versus_other,
        won_missing,
        waiting,
        rows_add_up,
        problems,
        advice: Vec::new(),
        sections: sections_for(input.role).to_vec(),
        benchmarks,
    }
}

/// The pipeline inputs: (total pipeline, CS share %, other sources' conversion %,
/// CSQL conversion minus other sources' in points), each `None` when unknown.
fn pipeline(
    input: &ProgrammeInput,
    team: Option<&Metrics>,
    problems: &mut Vec<ProgrammeProblem>,
) -> (Option<f64>, Option<f64>, Option<f64>, Option<f64>) {
    let total_pipeline = parse_optional(&input.total_pipeline, 0.0, MAX_AMOUNT).unwrap_or_else(|e| {
        problems.push(ProgrammeProblem {
            field: ProgrammeField::TotalPipeline,
            message: format!("Total expansion pipeline: {e}"),
        });
        None
    });
    let total_pipeline = match total_pipeline {
        Some(total) if total <= 0.0 => {
            problems.push(ProgrammeProblem {
                field: ProgrammeField::TotalPipeline,
                message: "Total expansion pipeline: enter an amount above 0, or leave it blank".to_owned(),
            });
            None
        }
        other => other,
    };
    let cs_pipeline = team.and_then(|t| t.pipeline_value);
    let cs_share = match (cs_pipeline, total_pipeline) {
        (Some(cs), Some(total)) if cs > total * (1.0 + 1e-12) => {
            problems.push(ProgrammeProblem {
                field: ProgrammeField::TotalPipeline,
                message: format!(
                    "Total expansion pipeline: {} is less than the CS-accepted pipeline ({}); the total from all sources includes CS-sourced pipeline",
                    brief(total),
                    brief(cs)
                ),
            });
            None
        }
        (Some(cs), Some(total)) => Some((cs / total * 100.0).min(100.0)),
        _ => None,
    };

    let other_conversion = parse_optional(&input.other_conversion, 0.0, 100.0).unwrap_or_else(|e| {
        problems.push(ProgrammeProblem {
            field: ProgrammeField::OtherConversion,
            message: format!("Conversion rate of other sources: {e}"),
        });
        None
    });
    let versus_other = match (team.and_then(|t| t.conversion_rate), other_conversion) {
        (Some(csql), Some(other)) => Some(csql - other),
        _ => None,
    };
    (total_pipeline, cs_share, other_conversion, versus_other)
}

/// The period in quarters, or `None` with a problem on each wrong date. A
/// blank date is no problem: `waiting` says which dates are still to enter.
fn period_quarters(period: &Period, problems: &mut Vec<ProgrammeProblem>, waiting: &mut Option<String>) -> Option<f64> {
    let Period::Custom { start, end } = period else {
        return period.quarters().ok();
    };
    let (start_date, end_date) = (PeriodDate::parse(start), PeriodDate::parse(end));
    let mut report = |field: ProgrammeField, e: PeriodError| {
        problems.push(ProgrammeProblem {
            field,
            message: format!("Period {e}"),
        });
    };
    if let Err(e) = &start_date {
        if *e != PeriodDateError::Empty {
            report(ProgrammeField::PeriodStart, PeriodError::Start(e.clone()));
        }
    }
    if let Err(e) = &end_date {
        if *e != PeriodDateError::Empty {
            report(ProgrammeField::PeriodEnd, PeriodError::End(e.clone()));
        }
    }
    let blank = |date: &Result<PeriodDate, PeriodDateError>| date.as_ref().err() == Some(&PeriodDateError::Empty);
    *waiting = match (blank(&start_date), blank(&end_date)) {
        (true, true) => Some("Enter the period's start and end dates (YYYY-MM-DD) to see the figures.".to_owned()),
        (true, false) => Some("Enter the period's start date (YYYY-MM-DD) to see the figures.".to_owned()),
        (false, true) => Some("Enter the period's end date (YYYY-MM-DD) to see the figures.".to_owned()),
        (false, false) => None,
    };
    let (Ok(_), Ok(_)) = (start_date, end_date) else {
        return None;
    };
    match period.quarters() {
        Ok(quarters) => Some(quarters),
        Err(e) => {
            report(ProgrammeField::PeriodEnd, e);
            None
        }
    }
}

/// The sentence for a row of team totals beside other rows, when there is one.
fn rows_add_up(input: &ProgrammeInput, team: Option<&Metrics>) -> Option<String> {
    if input.rows.len() < 2 {
        return None;
    }
    let (index, row) = input.rows.iter().enumerate().find(|(_, row)| row.team)?;
    let name = row.display_name(index);
    let others = input.rows.len() - 1;
    let in_all = team.map_or_else(String::new, |t| {
        format!(" ({} CSM{} in all)", t.csms, if t.csms == 1 { "" } else { "s" })
    });
    Some(format!(
        "The team figures add up every row{in_all}: \u{201c}{name}\u{201d} holds team totals and the {} beside it add{} to them. \
         If {} already counted in \u{201c}{name}\u{201d}, remove that row so no CSM counts twice.",
        if others == 1 { "row" } else { "rows" },
        if others == 1 { "s" } else { "" },
        if others == 1 { "that CSM is" } else { "those CSMs are" },
    ))
}

/// Parses a blank-allowed number in `min..=max`.
fn parse_optional(text: &str, min: f64, max: f64) -> Result<Option<f64>, NumberError> {
    match parse_in_range(text, min, max) {
        Ok(value) => Ok(Some(value)),
        Err(NumberError::Empty) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Why a typed count of CSQLs or CSMs cannot be used.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum CountError {
    /// Not a non-negative number.
    #[error("{0}")]
    Number(NumberError),
    /// A count with a fraction.
    #[error("{} is not a whole number", brief(*.0))]
    NotWhole(f64),
    /// Above the programme's maximum count.
    #[error("{} is above the maximum of {}", brief(*.0), brief(MAX_COUNT))]
    TooLarge(f64),
}

/// Parses a whole-number count up to [`MAX_COUNT`]; blank gives `None`.
///
/// # Errors
/// Why the text is not such a count.
pub fn parse_count(text: &str) -> Result<Option<f64>, CountError> {
    match parse_non_negative(text) {
        Ok(value) if value.fract() != 0.0 => Err(CountError::NotWhole(value)),
        Ok(value) if value > MAX_COUNT => Err(CountError::TooLarge(value)),
        Ok(value) => Ok(Some(value.abs())),
        Err(NumberError::Empty) => Ok(None),
        Err(e) => Err(CountError::Number(e)),
    }
}

fn parse_row(index: usize, row: &crate::model::programme::CsmRow, problems: &mut Vec<ProgrammeProblem>) -> Option<Parsed> {
    // A row with none of its counts typed yet (the Team row on a first
    // visit) is waiting, not wrong: nothing is said in red before anything is typed.
    if [&row.submitted, &row.accepted, &row.won].iter().all(|t| t.trim().is_empty()) {
        return None;
    }
    let who = row.display_name(index);
    let before = problems.len();
    let mut report = |field: ProgrammeField, label: &str, message: String| {
        problems.push(ProgrammeProblem {
            field,
            message: format!("{who}, {label}: {message}"),
        });
    };

    let csms = match parse_count(&row.headcount) {
        Ok(None) => Some(1),
        Ok(Some(n)) if n < 1.0 => {
            report(
                ProgrammeField::Headcount(index),
                "CSMs",
                "a row stands for at least 1 CSM".to_owned(),
            );
            None
        }
        Ok(Some(n)) if n > f64::from(MAX_HEADCOUNT) => {
            report(
                ProgrammeField::Headcount(index),
                "CSMs",
                format!("{} is above the maximum of {MAX_HEADCOUNT}", brief(n)),
            );
            None
        }
        Ok(Some(n)) => {
            // A whole number in 1..=MAX_HEADCOUNT, checked just above.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = n as u32;
            Some(n)
        }
        Err(e) => {
            report(ProgrammeField::Headcount(index), "CSMs", e.to_string());
            None
        }
    };
    let submitted = parse_count(&row.submitted).map_err(|e| report(ProgrammeField::Submitted(index), "submitted", e.to_string()));
    let accepted = match parse_count(&row.accepted) {
        Ok(Some(a)) => Some(a),
        Ok(None) => {
            report(ProgrammeField::Accepted(index), "accepted", NumberError::Empty.to_string());
            None
        }
        Err(e) => {
            report(ProgrammeField::Accepted(index), "accepted", e.to_string());
            None
        }
    };
    let won = parse_count(&row.won).map_err(|e| report(ProgrammeField::Won(index), "won", e.to_string()));
    let pipeline_value = parse_optional(&row.pipeline_value, 0.0, MAX_AMOUNT)
        .map_err(|e| report(ProgrammeField::PipelineValue(index), "accepted pipeline value", e.to_string()));
    let won_value = parse_optional(&row.won_value, 0.0, MAX_AMOUNT)
        .map_err(|e| report(ProgrammeField::WonValue(index), "closed-won value", e.to_string()));

    if let (Ok(Some(submitted)), Some(accepted)) = (submitted, accepted) {
        if accepted > submitted {
            report(
                ProgrammeField::Accepted(index),
                "accepted",
                format!(
                    "{} is more than submitted ({}); Sales can only accept what CS submitted",
                    brief(accepted),
                    brief(submitted)
                ),
            );
        }
    }
    if let (Ok(Some(won)), Some(accepted)) = (won, accepted) {
        if won > accepted {
            report(
                ProgrammeField::Won(index),
                "won",
                format!(
                    "{} is more than accepted ({}); only accepted CSQLs can close won",
                    brief(won),
                    brief(accepted)
                ),
            );
        }
    }

    if problems.len() > before {
        return None;
    }
    Some(Parsed {
        csms: csms?,
        submitted: submitted.ok()?,
        accepted: accepted?,
        won: won.ok()?,
        pipeline_value: pipeline_value.ok()?,
        won_value: won_value.ok()?,
    })
}

/// `part / whole x 100`, `None` when `whole` is 0.
fn rate(part: f64, whole: f64) -> Option<f64> {
    if whole > 0.0 {
        // Multiplying first keeps whole-number rates exact (11 of 20 is 55, not 55.00000000000001).
        Some(part * 100.0 / whole)
    } else {
        None
    }
}

/// Metrics from totals. `acceptance` and `conversion` are (numerator,
/// denominator) pairs over the rows that entered the figure.
fn metrics(
    name: String,
    segment: Segment,
    p: &Parsed,
    acceptance: Option<(f64, f64)>,
    conversion: Option<(f64, f64)>,
    scale: f64,
    benchmarks: &Benchmarks,
) -> Metrics {
    let per_csm_per_quarter = if p.csms > 0 && scale.is_finite() {
        p.accepted * scale / f64::from(p.csms)
    } else {
        0.0
    };
    let acceptance_rate = acceptance.and_then(|(submitted, accepted)| rate(accepted, submitted));
    let conversion_rate = conversion.and_then(|(won, accepted)| rate(won, accepted));
    let bands = benchmarks.for_segment(segment);
    let volume = bands.volume.tier(per_csm_per_quarter);
    let conversion_tier = conversion_rate.map(|c| bands.conversion.tier(c));
    // The lower of the two; below good on volume is below good whatever the conversion.
    let overall = match conversion_tier {
        Some(conversion) => Some(conversion.min(volume)),
        None if volume == Tier::Below => Some(Tier::Below),
        None => None,
    };
    let why = if p.accepted > 0.0 {
        "Closed-won not entered, so conversion is n/a"
    } else {
        "No accepted CSQLs, so conversion is n/a"
    };
    let note = match (conversion_tier, overall) {
        (Some(_), _) => None,
        (None, Some(_)) => Some(format!(
            "{why}; volume is below good, so the overall tier is below good whatever the conversion."
        )),
        (None, None) if p.accepted > 0.0 => Some(format!("{why} and there is no overall tier: volume alone is not a verdict.")),
        (None, None) => Some(format!("{why} and there is no overall tier.")),
    };
    let acceptance_caution = acceptance
        .filter(|_| acceptance_rate.is_some())
        .and_then(|(submitted, _)| Caution::for_count(submitted, "submitted", "CSQL accepted or not"));
    let conversion_caution = conversion
        .filter(|_| conversion_rate.is_some())
        .and_then(|(_, accepted)| Caution::for_count(accepted, "accepted", "deal won or lost"));
    Metrics {
        name,
        segment,
        csms: p.csms,
        submitted: p.submitted,
        accepted: p.accepted,
        won: p.won,
        per_csm_per_quarter,
        acceptance_rate,
        conversion_rate,
        acceptance_caution,
        conversion_caution,
        pipeline_value: p.pipeline_value,
        won_value: p.won_value,
        rating: Rating {
            volume,
            conversion: conversion_tier,
            overall,
            note,
        },
    }
}

fn sum_some(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values.flatten().fold(None, |total, v| Some(total.unwrap_or(0.0) + v))
}

fn team_metrics(rows: &[Parsed], segment: Segment, scale: f64, benchmarks: &Benchmarks) -> Metrics {
    let accepted: f64 = rows.iter().map(|p| p.accepted).sum();
    let submitted = sum_some(rows.iter().map(|p| p.submitted));
    let accepted_with_submitted: f64 = rows.iter().filter(|p| p.submitted.is_some()).map(|p| p.accepted).sum();
    let won = sum_some(rows.iter().map(|p| p.won));
    let accepted_with_won: f64 = rows.iter().filter(|p| p.won.is_some()).map(|p| p.accepted).sum();
    let totals = Parsed {
        csms: rows.iter().map(|p| p.csms).fold(0_u32, u32::saturating_add),
        submitted,
        accepted,
        won,
        pipeline_value: sum_some(rows.iter().map(|p| p.pipeline_value)),
        won_value: sum_some(rows.iter().map(|p| p.won_value)),
    };
    metrics(
        "Team".to_owned(),
        segment,
        &totals,
        submitted.map(|s| (s, accepted_with_submitted)),
        won.map(|w| (w, accepted_with_won)),
        scale,
        benchmarks,
    )
}
