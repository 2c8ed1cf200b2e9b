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

use crate::model::core::number::{brief, parse_in_range, parse_non_negative, plain};
use crate::model::programme::metrics::{MAX_AMOUNT, MAX_COUNT, MAX_HEADCOUNT, MAX_ROWS};
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
    let mut input = ProgrammeInput::default();
    let mut notices = LinkNotices::default();
    let mut csms: u32 = 1;
    let (mut submitted, mut accepted, mut won) = (String::new(), String::new(), String::new());
    let (mut start, mut end) = (None, None);
    let mut csm_rows = Vec::new();
    // Rows read (usable or not) and rows past the table's limit: those are
    // counted, never parsed (each later `csm` parameter counts as one).
    let mut csm_read: usize = 0;
    let mut csm_left_out: usize = 0;
    let mut totals_given = false;

    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let value = value.trim();
        let mut notice = |problem: &str, instead: &str| {
            notices.push_with(&key, || format!("Link parameter {key}={}: {problem}. {instead}", quote(value)));
        };
        match key.as_ref() {
            "segment" => match Segment::from_key(value) {
                Some(segment) => input.segment = segment,
                None => notice(
                    "unknown segment (use smb, mid_market or enterprise)",
                    &format!("Using {} instead.", input.segment.label()),
                ),
            },
            "period" => match Period::from_key(value) {
                Some(period) => input.period = period,
                None => notice(
                    "unknown period (use month, quarter, half, year or custom)",
                    &format!("Using {} instead.", input.period.label().to_ascii_lowercase()),
                ),
            },
            "start" => start = Some(value.to_owned()),
            "end" => end = Some(value.to_owned()),
            "stage" => match Stage::from_key(value) {
                Some(stage) => input.stage = stage,
                None => notice(
                    "unknown stage (use early, growing or scaling)",
                    &format!("Using {} instead.", input.stage.label().to_ascii_lowercase()),
                ),
            },
            "role" => match Role::from_key(value) {
                Some(role) => input.role = role,
                None => notice(
                    "unknown role (use csm, cs_manager, vp_cs or cro)",
                    &format!("Using {} instead.", input.role.label()),
                ),
            },
            "csm" if csm_read >= MAX_ROWS => csm_left_out += 1,
            "csm" => match parse_rows(value) {
                Ok(mut rows) => {
                    let room = MAX_ROWS - csm_read;
                    csm_left_out += rows.len().saturating_sub(room);
                    rows.truncate(room);
                    csm_read += rows.len();
                    csm_rows.append(&mut rows);
                }
                Err(problems) => {
                    // Unusable rows count too: reading stops at the table's size.
                    csm_read += problems.len().max(1);
                    for problem in problems {
                        notices.push_with("csm", || {
                            let what = problem
                                .message
                                .strip_prefix(&format!("Line {}: ", problem.line))
                                .unwrap_or(&problem.message);
                            format!("Link parameter csm={}: {what}. Row left out.", quote(value))
                        });
                    }
                }
            },
            "csms" => match count(value) {
                Ok(n) if n >= 1.0 && n <= f64::from(MAX_HEADCOUNT) => {
                    // A whole number in 1..=MAX_HEADCOUNT, checked just above.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let n = n as u32;
                    csms = n;
                }
                Ok(_) => notice(&format!("the number of CSMs must be 1 to {MAX_HEADCOUNT}"), "Using 1 CSM instead."),
                Err(e) => notice(&e, "Using 1 CSM instead."),
            },
            "submitted" | "accepted" | "won" => match count(value) {
                Ok(n) => {
                    totals_given = true;
                    let text = plain(n);
                    match key.as_ref() {
                        "submitted" => submitted = text,
                        "accepted" => accepted = text,
                        _ => won = text,
                    }
                }
                Err(e) => notice(&e, "Left blank."),
            },
            "total_pipeline" => match parse_in_range(value, 0.0, MAX_AMOUNT) {
                Ok(n) => input.total_pipeline = plain(n),
                Err(e) => notice(&e.to_string(), "Left blank."),
            },
            "other_conversion" => match parse_in_range(value, 0.0, 100.0) {
                Ok(n) => input.other_conversion = plain(n),
                Err(e) => notice(&e.to_string(), "Left blank."),
            },
            _ => {}
        }
    }

    let mut notices = notices.finish();
    match &mut input.period {
        Period::Custom { start: s, end: e } => {
            *s = start.unwrap_or_default();
            *e = end.unwrap_or_default();
        }
        _ => {
            if start.is_some() || end.is_some() {
                notices.push(format!(
                    "Link parameters start and end are only used with period=custom; the period is {}.",
                    input.period.label().to_ascii_lowercase()
                ));
            }
        }
    }
    if csm_left_out > 0 {
        notices.push(format!(
            "Link parameters csm: a link fills at most {MAX_ROWS} rows of the table; the {csm_left_out} after the {MAX_ROWS}th are left out."
        ));
    }
    if csm_rows.is_empty() {
        input.rows = vec![CsmRow::team(csms, &submitted, &accepted, &won)];
    } else {
        if totals_given || csms != 1 {
            notices.push(
                "Link parameters csms, submitted, accepted and won are not used when the link has csm rows; the team is the sum of the rows."
                    .to_owned(),
            );
        }
        input.rows = csm_rows;
    }
    (input, notices)
}

/// A whole, non-negative count up to the model's maximum.
fn count(value: &str) -> Result<f64, String> {
    let n = parse_non_negative(value).map_err(|e| e.to_string())?;
    if n.fract() != 0.0 {
        Err(format!("{} is not a whole number", brief(n)))
    } else if n > MAX_COUNT {
        Err(format!("{} is above the maximum of {}", brief(n), brief(MAX_COUNT)))
    } else {
        Ok(n.abs())
    }
}
