//! Quick entry from a link: team totals in the query string, e.g.
//! `?view=programme&segment=smb&period=quarter&csms=3&submitted=20&accepted=15&won=6`.
//!
//! The totals become one "Team" row standing for `csms` CSMs, so accepted
//! per CSM per quarter divides by `csms`. Also read: `stage`, `role`,
//! `start`/`end` (with `period=custom`), `total_pipeline`, `other_conversion`.
//! `view` and unknown parameters are left to the page and not reported.
//!
//! Per-CSM rows: each `csm` parameter is one row in the paste format,
//! `csm=Ann,12,9,4` (name, submitted, accepted, won[, pipeline value,
//! closed-won value]; commas or semicolons). When any `csm` row is usable
//! the rows replace the team totals (`csms`, `submitted`, `accepted`, `won`
//! are then not used, with a notice). A row that cannot be used is left out
//! with a notice naming it, since a link cannot show errors beside a field.
//! A link fills at most [`MAX_ROWS`] rows (usable or not, in link order):
//! later rows are left out, with one notice counting them, and not parsed.
//!
//! A bad value never stops the page: the field keeps its default and a
//! notice (a sentence naming the parameter) is returned. Whether the numbers
//! agree with each other (won <= accepted <= submitted) is left to
//! [`crate::model::programme::evaluate`], which shows the problem beside the field.

use thiserror::Error;

use crate::model::core::number::{parse_in_range, plain, NumberError};
use crate::model::programme::metrics::{parse_count, CountError, MAX_AMOUNT, MAX_HEADCOUNT, MAX_ROWS};
use crate::model::programme::paste::parse_rows;
use crate::model::programme::{CsmRow, Period, ProgrammeInput, Role, Segment, Stage};

use crate::model::core::notice::LinkNotices;
use crate::model::core::text::quoted as quote;

/// A programme input from a query string (with or without the leading `?`),
/// and one notice per value that could not be used (at most three per
/// parameter name and eight in all, then one counting the rest: see
/// [`LinkNotices`]), then the notices
/// about the link as a whole. Never panics.
#[must_use]
pub fn from_query(query: &str) -> (ProgrammeInput, Vec<String>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut reader = Reader::default();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        reader.read(&key, value.trim());
    }
    reader.finish()
}

/// What a link has given so far.
struct Reader {
    input: ProgrammeInput,
    notices: LinkNotices,
    /// The team's totals, used when the link has no usable `csm` row.
    csms: u32,
    submitted: String,
    accepted: String,
    won: String,
    totals_given: bool,
    start: Option<String>,
    end: Option<String>,
    csm_rows: Vec<CsmRow>,
    /// Rows read (usable or not) and rows past the table's limit: those are
    /// counted, never parsed (each later `csm` parameter counts as one).
    csm_read: usize,
    csm_left_out: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Self {
            input: ProgrammeInput::default(),
            notices: LinkNotices::default(),
            csms: 1,
            submitted: String::new(),
            accepted: String::new(),
            won: String::new(),
            totals_given: false,
            start: None,
            end: None,
            csm_rows: Vec::new(),
            csm_read: 0,
            csm_left_out: 0,
        }
    }
}

impl Reader {
    /// Reads one parameter; a value that cannot be used leaves a notice.
    fn read(&mut self, key: &str, value: &str) {
        match key {
            "start" => self.start = Some(value.to_owned()),
            "end" => self.end = Some(value.to_owned()),
            "csm" => self.csm(value),
            _ => self.setting(key, value),
        }
    }

    /// A parameter with one value to check.
    fn setting(&mut self, key: &str, value: &str) {
        let result = match key {
            "segment" | "period" | "stage" | "role" => self.choice(key, value),
            "csms" => count(value)
                .and_then(|n| headcount(n).ok_or(QueryProblem::Headcount))
                .map(|n| self.csms = n)
                .map_err(|problem| (problem, "Using 1 CSM instead.".to_owned())),
            "submitted" | "accepted" | "won" => self.total(key, value),
            "total_pipeline" => parse_in_range(value, 0.0, MAX_AMOUNT)
                .map(|n| self.input.total_pipeline = plain(n))
                .map_err(|e| (QueryProblem::Number(e), "Left blank.".to_owned())),
            "other_conversion" => parse_in_range(value, 0.0, 100.0)
                .map(|n| self.input.other_conversion = plain(n))
                .map_err(|e| (QueryProblem::Number(e), "Left blank.".to_owned())),
            _ => Ok(()),
        };
        if let Err((problem, instead)) = result {
            self.notices
                .push_with(key, || format!("Link parameter {key}={}: {problem}. {instead}", quote(value)));
        }
    }

    /// `segment`, `period`, `stage` or `role`: one of its keys.
    fn choice(&mut self, key: &str, value: &str) -> Result<(), (QueryProblem, String)> {
        let input = &mut self.input;
        let known = match key {
            "segment" => Segment::from_key(value).map(|segment| input.segment = segment),
            "period" => Period::from_key(value).map(|period| input.period = period),
            "stage" => Stage::from_key(value).map(|stage| input.stage = stage),
            _ => Role::from_key(value).map(|role| input.role = role),
        };
        known.ok_or_else(|| {
            let (problem, instead) = match key {
                "segment" => (QueryProblem::Segment, input.segment.label().to_owned()),
                "period" => (QueryProblem::Period, input.period.label().to_ascii_lowercase()),
                "stage" => (QueryProblem::Stage, input.stage.label().to_ascii_lowercase()),
                _ => (QueryProblem::Role, input.role.label().to_owned()),
            };
            (problem, format!("Using {instead} instead."))
        })
    }

    /// `submitted`, `accepted` or `won`: a team total.
    fn total(&mut self, key: &str, value: &str) -> Result<(), (QueryProblem, String)> {
        let text = plain(count(value).map_err(|problem| (problem, "Left blank.".to_owned()))?);
        self.totals_given = true;
        match key {
            "submitted" => self.submitted = text,
            "accepted" => self.accepted = text,
            _ => self.won = text,
        }
        Ok(())
    }

    /// One `csm` row in the paste format, up to the table's size.
    fn csm(&mut self, value: &str) {
        if self.csm_read >= MAX_ROWS {
            self.csm_left_out += 1;
            return;
        }
        match parse_rows(value) {
            Ok(mut rows) => {
                let room = MAX_ROWS - self.csm_read;
                self.csm_left_out += rows.len().saturating_sub(room);
                rows.truncate(room);
                self.csm_read += rows.len();
                self.csm_rows.append(&mut rows);
            }
            Err(problems) => {
                // Unusable rows count too: reading stops at the table's size.
                self.csm_read += problems.len().max(1);
                for problem in problems {
                    self.notices.push_with("csm", || {
                        let what = problem
                            .message
                            .strip_prefix(&format!("Line {}: ", problem.line))
                            .unwrap_or(&problem.message);
                        format!("Link parameter csm={}: {what}. Row left out.", quote(value))
                    });
                }
            }
        }
    }

    /// The input, with the notices about the link as a whole after the others.
    fn finish(self) -> (ProgrammeInput, Vec<String>) {
        let Self { mut input, .. } = self;
        let mut notices = self.notices.finish();
        match &mut input.period {
            Period::Custom { start, end } => {
                *start = self.start.unwrap_or_default();
                *end = self.end.unwrap_or_default();
            }
            period if self.start.is_some() || self.end.is_some() => notices.push(format!(
                "Link parameters start and end are only used with period=custom; the period is {}.",
                period.label().to_ascii_lowercase()
            )),
            _ => {}
        }
        let left_out = self.csm_left_out;
        if left_out > 0 {
            notices.push(format!(
                "Link parameters csm: a link fills at most {MAX_ROWS} rows of the table; the {left_out} after the {MAX_ROWS}th are left out."
            ));
        }
        if self.csm_rows.is_empty() {
            input.rows = vec![CsmRow::team(self.csms, &self.submitted, &self.accepted, &self.won)];
        } else {
            if self.totals_given || self.csms != 1 {
                notices.push(
                    "Link parameters csms, submitted, accepted and won are not used when the link has csm rows; the team is the sum of the rows."
                        .to_owned(),
                );
            }
            input.rows = self.csm_rows;
        }
        (input, notices)
    }
}

/// Why a link parameter's value cannot be used.
#[derive(Clone, Debug, PartialEq, Error)]
enum QueryProblem {
    /// Not a number in range.
    #[error("{0}")]
    Number(NumberError),
    /// Not a whole count in range.
    #[error("{0}")]
    Count(CountError),
    /// A number of CSMs outside 1 to the maximum.
    #[error("the number of CSMs must be 1 to {MAX_HEADCOUNT}")]
    Headcount,
    /// Not one of the segments' keys.
    #[error("unknown segment (use smb, mid_market or enterprise)")]
    Segment,
    /// Not one of the periods' keys.
    #[error("unknown period (use month, quarter, half, year or custom)")]
    Period,
    /// Not one of the stages' keys.
    #[error("unknown stage (use early, growing or scaling)")]
    Stage,
    /// Not one of the roles' keys.
    #[error("unknown role (use csm, cs_manager, vp_cs or cro)")]
    Role,
}

/// A whole number of CSMs in 1..=[`MAX_HEADCOUNT`].
fn headcount(n: f64) -> Option<u32> {
    // A whole number in 1..=MAX_HEADCOUNT, checked just before the cast.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (n >= 1.0 && n <= f64::from(MAX_HEADCOUNT)).then_some(n as u32)
}

/// A whole, non-negative count up to the programme's maximum ([`parse_count`]); blank is refused.
fn count(value: &str) -> Result<f64, QueryProblem> {
    parse_count(value)
        .map_err(QueryProblem::Count)?
        .ok_or(QueryProblem::Number(NumberError::Empty))
}
