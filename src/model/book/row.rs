//! Scoring one record of a book: the one definition of how a row of a file
//! becomes component scores, gate answers, outcomes and row errors. The book
//! view ([`crate::model::book::Book::build`]) and the command-line scorer (which streams
//! the file, see [`crate::model::book::stream`]) both call [`RowScorer::score`].

use thiserror::Error;

use crate::model::book::import::TableRow;
use crate::model::book::mapping::{normalise, Mapping, Resolved, Source};
use crate::model::book::BookError;
use crate::model::core::date::{as_of, Date};
use crate::model::core::limits::{check_weight, MAX_SCORE};
use crate::model::core::number::{brief, parse_in_range, parse_yes_no, NumberError};
use crate::model::core::signal::shares;
use crate::model::core::text::{quoted, truncate};
use crate::model::{Model, Signal};

/// What to do with a row holding a bad value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BadRows {
    /// Leave the row out; it is counted in [`crate::model::book::ImportReport::skipped`].
    #[default]
    Skip,
    /// Keep the row, reading each bad value as blank (unanswered). Rows without an
    /// id, with the wrong number of fields or unreadable text are still skipped.
    KeepEmpty,
}

/// Why a row (or one of its fields) could not be used.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum RowProblem {
    /// The id field is blank; a row without an id is always skipped.
    #[error("the account id is missing")]
    MissingId,
    /// The row has a different number of fields from the header; always skipped.
    #[error("the row has {found} fields, the header has {expected}")]
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// The row is not valid UTF-8 text; always skipped.
    #[error("the row is not readable text (not UTF-8)")]
    NotText,
    /// A number that is missing its form or range (score, rating, percent, count).
    #[error("{0}")]
    Value(NumberError),
    /// A yes/no column (gate or outcome) holds something else; said in the
    /// words of [`NumberError::NotYesNo`], as for a yes/no signal.
    #[error("{}", NumberError::NotYesNo(.0.clone()))]
    NotYesNo(String),
}

/// One problem found while importing, located for the user.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    /// 1-based data row (the first row after the header is 1).
    pub row: usize,
    /// 1-based line of the file where the row starts.
    pub line: u64,
    /// The column concerned, if the problem is in one field.
    pub column: Option<String>,
    /// What is wrong.
    pub problem: RowProblem,
}

impl RowError {
    /// What is wrong, without where the row is: `column "seats_active": 120
    /// is above the maximum of 100`, or the problem alone for the whole row.
    #[must_use]
    pub fn what(&self) -> String {
        match &self.column {
            Some(column) => format!("column \u{201c}{column}\u{201d}: {}", self.problem),
            None => self.problem.to_string(),
        }
    }

    /// A sentence for the user: `Row 4 (line 5), column "seats_active": 120 is above the maximum of 100`.
    #[must_use]
    pub fn message(&self) -> String {
        match &self.column {
            Some(column) => format!(
                "Row {} (line {}), column \u{201c}{column}\u{201d}: {}",
                self.row, self.line, self.problem
            ),
            None => format!("Row {} (line {}): {}", self.row, self.line, self.problem),
        }
    }
}

/// A gate's answer for one account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GateStatus {
    /// The column says yes.
    Met,
    /// The column says no, or is blank (a CSQL needs evidence), or held a bad value kept as blank.
    NotMet,
    /// No column is mapped to this gate: not assessed, and it does not block.
    NotAssessed,
}

/// A component of the book: the model's key and name, and whether the file feeds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookComponent {
    /// Component key.
    pub key: String,
    /// Component name.
    pub name: String,
    /// True when neither a direct column nor any signal column is mapped: every
    /// account scores 0 on it.
    pub missing: bool,
}

/// A gate of the book, as in the model when the book was built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookGate {
    /// Gate key.
    pub key: String,
    /// Gate label.
    pub label: String,
    /// Whether the gate must be met.
    pub required: bool,
    /// Whether a column is mapped to it.
    pub assessed: bool,
}

/// What happens to a scored row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowFate {
    /// Every value was read.
    Kept,
    /// Kept under [`BadRows::KeepEmpty`], with at least one bad value read as blank.
    KeptWithBlanks,
    /// Left out: a blank id, a wrong field count, unreadable text, or a bad
    /// value under [`BadRows::Skip`].
    Skipped,
}

/// One row, scored: what [`RowScorer::score`] writes. Reused from row to row,
/// so a file of any length is scored with the same few allocations.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredRow {
    /// Whether the row is kept.
    pub fate: RowFate,
    /// Component scores 0-100, in model order (meaningful unless skipped).
    pub component_scores: Vec<f64>,
    /// Gate answers, in model order.
    pub gate_status: Vec<GateStatus>,
    /// A required gate is not met.
    pub blocked: bool,
    /// Accepted by Sales: `None` when unmapped, blank or bad.
    pub accepted: Option<bool>,
    /// Closed-won: `None` when unmapped, blank or bad.
    pub won: Option<bool>,
    /// The problems found in this row, in column order.
    pub errors: Vec<RowError>,
}

impl Default for ScoredRow {
    fn default() -> Self {
        Self {
            fate: RowFate::Skipped,
            component_scores: Vec::new(),
            gate_status: Vec::new(),
            blocked: false,
            accepted: None,
            won: None,
            errors: Vec::new(),
        }
    }
}

/// A deal stage as a closed-won outcome: "Closed Won" (any case, spaces,
/// underscores or hyphens, as CRMs write it: `closedwon`, `Closed-Won`) is
/// won, "Closed Lost" lost, yes/no as usual, and any other stage, where the
/// deal is still open, blank.
fn stage_outcome(raw: &str) -> Option<bool> {
    if let Some(answer) = parse_yes_no(raw) {
        return answer;
    }
    match normalise(raw).as_str() {
        "closedwon" => Some(true),
        "closedlost" => Some(false),
        _ => None,
    }
}

/// Reads yes/no the way the calculator does; blank is `Ok(None)`.
fn yes_no(raw: &str) -> Result<Option<bool>, RowProblem> {
    parse_yes_no(raw).ok_or_else(|| RowProblem::NotYesNo(truncate(raw.trim(), 24)))
}

/// A mapping checked against a file's headers and a model, ready to score
/// rows of that file.
#[derive(Clone, Debug, PartialEq)]
pub struct RowScorer {
    headers: Vec<String>,
    pub(crate) resolved: Resolved,
    components: Vec<BookComponent>,
    gates: Vec<BookGate>,
    /// The model's signals, per component.
    signals: Vec<Vec<Signal>>,
    /// Each signal's share of its component ([`crate::model::core::signal::shares`]).
    shares: Vec<Vec<f64>>,
    /// The date recency signals are scored at.
    as_of: Date,
}

impl RowScorer {
    /// Checks `mapping` against `headers` and `model`; recency signals are
    /// scored at the model's as-of date, or `today` when it is blank.
    ///
    /// # Errors
    /// [`BookError::NoIdColumn`] when no id column is mapped,
    /// [`BookError::UnknownColumn`] when the mapping names a column the file lacks,
    /// [`BookError::Model`] when a signal's sub-weight is out of range (only a
    /// model that skipped the document check has one),
    /// [`BookError::AsOf`] when the model's as-of date is not a date.
    pub fn new(headers: &[String], model: &Model, mapping: &Mapping, today: Date) -> Result<Self, BookError> {
        for component in &model.components {
            for signal in &component.signals {
                check_weight(signal.weight).map_err(|e| {
                    BookError::Model(format!(
                        "{}, {}: the sub-weight {} is out of range; {e}",
                        component.name,
                        quoted(&signal.label),
                        brief(signal.weight)
                    ))
                })?;
            }
        }
        let as_of = as_of(model, today).map_err(BookError::AsOf)?;
        let resolved = mapping.resolve(headers, model)?;
        let components = model
            .components
            .iter()
            .zip(&resolved.components)
            .map(|(c, source)| BookComponent {
                key: c.key.clone(),
                name: c.name.clone(),
                missing: matches!(source, Source::Signals(cols) if cols.iter().all(Option::is_none)),
            })
            .collect();
        let gates = model
            .gates
            .iter()
            .zip(&resolved.gates)
            .map(|(g, col)| BookGate {
                key: g.key.clone(),
                label: g.label.clone(),
                required: g.required,
                assessed: col.is_some(),
            })
            .collect();
        Ok(Self {
            headers: headers.to_vec(),
            resolved,
            components,
            gates,
            signals: model.components.iter().map(|c| c.signals.clone()).collect(),
            // Each signal's share of its component does not depend on the row.
            shares: model.components.iter().map(|c| shares(&c.signals)).collect(),
            as_of,
        })
    }

    /// The file's column names.
    #[must_use]
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The components, in model order, with whether the file feeds them.
    #[must_use]
    pub fn components(&self) -> &[BookComponent] {
        &self.components
    }

    /// The gates, in model order, with whether they are assessed.
    #[must_use]
    pub fn gates(&self) -> &[BookGate] {
        &self.gates
    }

    /// Scores one row into `out`.
    ///
    /// A blank id, a wrong field count or unreadable text skip the row whatever
    /// the policy; a bad value (not a number, out of range, not yes/no) skips
    /// the row under [`BadRows::Skip`] or is read as blank under
    /// [`BadRows::KeepEmpty`]. Every problem is put in `out.errors` with row,
    /// line and column. Component scores follow [`crate::model::evaluate`]
    /// (weighted mean by signal weight, unanswered and unmapped signals counted
    /// as 0) or come from a direct column (blank = 0).
    pub fn score(&self, row: &TableRow, policy: BadRows, out: &mut ScoredRow) {
        out.errors.clear();
        out.component_scores.clear();
        out.gate_status.clear();
        out.blocked = false;
        out.accepted = None;
        out.won = None;
        out.fate = RowFate::Skipped;
        let headers = &self.headers;
        let error = |column: Option<usize>, problem: RowProblem| RowError {
            row: row.row,
            line: row.line,
            // Cut short: a header can be any length, and every error names its column.
            column: column.map(|c| truncate(&headers[c], 60)),
            problem,
        };
        let Some(record) = &row.record else {
            out.errors.push(error(None, RowProblem::NotText));
            return;
        };
        let width = headers.len();
        if record.len() != width {
            out.errors.push(error(
                None,
                RowProblem::FieldCount {
                    expected: width,
                    found: record.len(),
                },
            ));
            return;
        }
        let field = |c: usize| record.get(c).unwrap_or("");
        let r = &self.resolved;
        let errors = &mut out.errors;
        let mut fatal = false;
        if field(r.id).trim().is_empty() {
            errors.push(error(Some(r.id), RowProblem::MissingId));
            fatal = true;
        }
        for ((signals, source), shares) in self.signals.iter().zip(&r.components).zip(&self.shares) {
            let score = match source {
                Source::Direct(c) => {
                    let raw = field(*c);
                    if raw.trim().is_empty() {
                        0.0
                    } else {
                        match parse_in_range(raw, 0.0, MAX_SCORE) {
                            Ok(v) => v,
                            Err(e) => {
                                errors.push(error(Some(*c), RowProblem::Value(e)));
                                0.0
                            }
                        }
                    }
                }
                Source::Signals(columns) => {
                    // As `evaluate`: the sum of score x share, unanswered counted as 0.
                    let mut score = 0.0;
                    for ((signal, column), share) in signals.iter().zip(columns).zip(shares) {
                        // An unmapped signal reads as blank, exactly as in the calculator
                        // (blank yes/no is no; blank numbers are unanswered).
                        let raw = column.map_or("", |c| field(c));
                        let value = signal.score(raw, self.as_of).unwrap_or_else(|e| {
                            if let Some(c) = column {
                                errors.push(error(Some(*c), RowProblem::Value(e)));
                            }
                            None
                        });
                        score += value.unwrap_or(0.0) * share;
                    }
                    score
                }
            };
            out.component_scores.push(score);
        }
        for (gate, column) in self.gates.iter().zip(&r.gates) {
            let status = match column {
                None => GateStatus::NotAssessed,
                Some(c) => match yes_no(field(*c)) {
                    Ok(Some(true)) => GateStatus::Met,
                    Ok(_) => GateStatus::NotMet,
                    Err(p) => {
                        errors.push(error(Some(*c), p));
                        GateStatus::NotMet
                    }
                },
            };
            out.blocked |= gate.required && status == GateStatus::NotMet;
            out.gate_status.push(status);
        }
        let mut outcome = |column: Option<usize>| match column {
            None => None,
            Some(c) => yes_no(field(c)).unwrap_or_else(|p| {
                errors.push(error(Some(c), p));
                None
            }),
        };
        out.accepted = outcome(r.accepted);
        out.won = match r.won {
            Some(c) if r.won_is_stage => stage_outcome(field(c)),
            column => outcome(column),
        };

        let had_errors = !out.errors.is_empty();
        out.fate = if fatal || (had_errors && policy == BadRows::Skip) {
            RowFate::Skipped
        } else if had_errors {
            RowFate::KeptWithBlanks
        } else {
            RowFate::Kept
        };
    }
}
