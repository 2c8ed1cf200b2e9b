//! The "Programme" view: how a Customer Success team's CSQL programme performs
//! against benchmarks. Pure Rust, no web dependency.
//!
//! The page keeps what the user typed as text in a [`ProgrammeInput`] and calls
//! [`evaluate`] on every change. The result, a [`Programme`], carries the
//! metrics per CSM row and for the team, the benchmark tiers, the problems to
//! show beside the offending fields, and advice ordered for the reader's role.
//!
//! Metrics (the formula comes from the reference metric card):
//! - accepted CSQLs per CSM per quarter = accepted / CSMs / quarters in period;
//! - acceptance rate = accepted / submitted x 100 (`None`, shown "n/a", when
//!   nothing was submitted);
//! - conversion rate = won / accepted x 100 (`None`, shown "n/a", when nothing
//!   was accepted or the won count is left blank; never 0% and never NaN).
//!
//! Submodules: [`period`] (reporting periods and dates), [`benchmarks`] (the
//! benchmark table, tiers and bullet-chart geometry), [`metrics`] (the
//! calculation), [`advice`] (plain-word advice, roles, stages, section order),
//! [`query`] (quick entry from a link), [`paste`] (rows pasted from a
//! spreadsheet), [`state`] (the page's actions) and [`format`](mod@format)
//! (text for the view).

pub mod advice;
pub mod audience;
pub mod benchmarks;
pub mod metrics;
pub mod paste;
pub mod period;
pub mod query;
pub mod state;
pub mod words;

pub use advice::{advise, order_advice, LOW_ACCEPTANCE_PERCENT, ONLY_PATH_SHARE_PERCENT};
pub use audience::{sections_for, Advice, AdviceKind, Role, Section, Stage};
pub use benchmarks::{bullet, Band, BenchmarkProblem, Benchmarks, Bullet, BulletBand, Measure, SegmentBenchmark, Tier};
pub use metrics::{measure, Caution, Metrics, Programme, ProgrammeField, ProgrammeProblem, Rating, SMALL_SAMPLE};
pub use paste::{parse_rows, PasteProblem};
pub use period::{Period, PeriodDate, PeriodDateError, QUARTER_DAYS};
pub use query::from_query;
pub use state::{ProgrammeEvent, ProgrammeState, RowField};

/// Evaluates the whole view against a benchmark table (the reference, the
/// team's targets, or targets being edited): the figures
/// ([`metrics::measure`]), then the advice they call for ([`advise`]). A
/// table with problems is reported and the reference table is used instead.
/// Never panics on what the user typed.
#[must_use]
pub fn evaluate(input: &ProgrammeInput, table: &Benchmarks) -> Programme {
    let mut programme = measure(input, table);
    programme.advice = advise(input, &programme);
    programme
}

/// A customer segment, with its own benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// Small and medium business.
    #[default]
    Smb,
    /// Mid-market.
    MidMarket,
    /// Enterprise.
    Enterprise,
}

impl Segment {
    /// Every segment, in the order the benchmark table lists them.
    pub const ALL: [Segment; 3] = [Segment::Smb, Segment::MidMarket, Segment::Enterprise];

    /// Stable key used in links and selects: `smb`, `mid_market`, `enterprise`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Segment::Smb => "smb",
            Segment::MidMarket => "mid_market",
            Segment::Enterprise => "enterprise",
        }
    }

    /// Name shown to the user: `SMB`, `Mid-Market`, `Enterprise`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Segment::Smb => "SMB",
            Segment::MidMarket => "Mid-Market",
            Segment::Enterprise => "Enterprise",
        }
    }

    /// The segment for a key (trimmed, case-insensitive; `mid-market` and
    /// `midmarket` are accepted too).
    #[must_use]
    pub fn from_key(key: &str) -> Option<Segment> {
        match key.trim().to_ascii_lowercase().as_str() {
            "smb" => Some(Segment::Smb),
            "mid_market" | "mid-market" | "midmarket" => Some(Segment::MidMarket),
            "enterprise" => Some(Segment::Enterprise),
            _ => None,
        }
    }
}

/// One row of the CSM table, as typed. Every number is kept as text and
/// parsed by [`evaluate`], so problems can be shown beside the field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsmRow {
    /// The CSM's name; blank rows are called "CSM 1", "CSM 2", ... in messages.
    pub name: String,
    /// How many CSMs this row stands for, a whole number of at least 1.
    /// Blank means 1. A quick-entry link makes one "Team" row standing for
    /// the whole team (`csms=3` gives `"3"`).
    pub headcount: String,
    /// CSQLs submitted to Sales in the period (whole number). Blank means not
    /// known: the acceptance rate is then n/a.
    pub submitted: String,
    /// CSQLs accepted by Sales in the period (whole number, required).
    pub accepted: String,
    /// Accepted CSQLs that closed won (whole number). Blank means not
    /// reported: the conversion rate is then n/a and the closed-loop advice
    /// shows when CSQLs were accepted.
    pub won: String,
    /// Optional: the pipeline value of the accepted CSQLs (any currency).
    pub pipeline_value: String,
    /// Optional: the closed-won value of the won CSQLs (same currency).
    pub won_value: String,
    /// Optional: a segment for this CSM instead of the team's.
    pub segment: Option<Segment>,
    /// Whether the row holds the whole team's totals (the page's pre-filled
    /// row, or a quick-entry link's) rather than one CSM's: rows beside it
    /// add to it, which [`Programme::rows_add_up`] says, and "Add a CSM"
    /// turns it into the first CSM row while it has no counts.
    pub team: bool,
}

impl CsmRow {
    /// An empty row for one CSM with the given name.
    #[must_use]
    pub fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            headcount: "1".to_owned(),
            ..Self::default()
        }
    }

    /// A row for the whole team's totals, standing for `csms` CSMs.
    #[must_use]
    pub fn team(csms: u32, submitted: &str, accepted: &str, won: &str) -> Self {
        Self {
            name: "Team".to_owned(),
            headcount: csms.to_string(),
            submitted: submitted.to_owned(),
            accepted: accepted.to_owned(),
            won: won.to_owned(),
            team: true,
            ..Self::default()
        }
    }

    /// Whether no count or value has been typed in the row (name, CSMs and
    /// segment aside): replacing it loses nothing.
    #[must_use]
    pub fn has_no_counts(&self) -> bool {
        [&self.submitted, &self.accepted, &self.won, &self.pipeline_value, &self.won_value]
            .iter()
            .all(|text| text.trim().is_empty())
    }

    /// The name to show: the typed name, or "CSM n" (1-based) when blank.
    #[must_use]
    pub fn display_name(&self, index: usize) -> String {
        let name = self.name.trim();
        if name.is_empty() {
            format!("CSM {}", index + 1)
        } else {
            name.to_owned()
        }
    }
}

/// Everything the Programme view needs, as typed or chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeInput {
    /// The team's segment; a row may override it.
    pub segment: Segment,
    /// The reporting period the counts cover.
    pub period: Period,
    /// One row per CSM (or one "Team" row standing for several CSMs).
    pub rows: Vec<CsmRow>,
    /// Optional: total expansion pipeline from all sources in the period
    /// (same currency as the rows' pipeline values).
    pub total_pipeline: String,
    /// Optional: conversion rate (%) of expansion opportunities from other
    /// sources (product-led, direct Sales outreach), 0-100.
    pub other_conversion: String,
    /// The company's stage, which decides how formal the metric should be.
    pub stage: Stage,
    /// Who is reading, which decides the order of sections and advice.
    pub role: Role,
}

impl Default for ProgrammeInput {
    /// SMB, one quarter, one empty "Team" row for one CSM, a scaling company
    /// read by a CS manager.
    fn default() -> Self {
        Self {
            segment: Segment::Smb,
            period: Period::Quarter,
            rows: vec![CsmRow::team(1, "", "", "")],
            total_pipeline: String::new(),
            other_conversion: String::new(),
            stage: Stage::default(),
            role: Role::default(),
        }
    }
}
