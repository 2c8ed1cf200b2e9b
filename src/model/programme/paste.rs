//! Rows pasted from a spreadsheet: one line per CSM, cells
//! `name, submitted, accepted, won[, pipeline value, closed-won value]`.
//!
//! - The separator is a tab (what a spreadsheet copies) when any line has
//!   one, else a semicolon when any line has one, else a comma. Cells may be
//!   quoted (`"Lee, Ann"`), as in CSV.
//! - Blank lines are skipped; a first line whose count cells hold letters
//!   (`Name, Submitted, Accepted, Won`) is a header and skipped too.
//! - Number cells may carry spaces, a currency sign (`$ € £ ¥`) and
//!   thousands separators: `12,000` and `1,200,000.50` (comma groups of
//!   three), `1.200.000,50` (dot groups with a decimal comma). A lone comma
//!   otherwise is a decimal comma, as in every number box of the page.
//! - Extra cells after the sixth are allowed only when blank.
//! - Each line is checked with the same rules as the grid (whole counts,
//!   won <= accepted <= submitted, ...). The paste is all or nothing: any
//!   problem leaves the grid as it was and names the line.

use crate::model::programme::metrics::{measure, ProgrammeField};
use crate::model::programme::{CsmRow, ProgrammeInput};

/// Most rows one paste may hold: a paste replaces the table, so it is the
/// table's own limit ([`crate::model::programme::metrics::MAX_ROWS`]).
pub use crate::model::programme::metrics::MAX_ROWS as MAX_PASTE_ROWS;

/// Cells a line must have: name, submitted, accepted, won.
const REQUIRED_CELLS: usize = 4;

/// Cells read from a line; later ones must be blank.
const USED_CELLS: usize = 6;

/// A pasted line that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteProblem {
    /// The line number in the pasted text, from 1.
    pub line: usize,
    /// What is wrong, in words, starting with the line number.
    pub message: String,
}

impl PasteProblem {
    fn new(line: usize, what: &str) -> Self {
        Self {
            line,
            message: format!("Line {line}: {what}"),
        }
    }
}

/// The rows in `text`, or every problem found (with line numbers).
///
/// # Errors
/// One [`PasteProblem`] per unusable line (line 0 for a problem with the
/// paste as a whole: nothing pasted, too many rows, unreadable text).
pub fn parse_rows(text: &str) -> Result<Vec<CsmRow>, Vec<PasteProblem>> {
    let delimiter = if text.contains('\t') {
        b'\t'
    } else if text.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut first = true;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
                problems.push(PasteProblem::new(line, "could not be read (check the quotes)"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let is_first = std::mem::replace(&mut first, false);
        if is_first && is_header(&cells) {
            continue;
        }
        if rows.len() + problems.len() >= MAX_PASTE_ROWS {
            return Err(vec![PasteProblem {
                line: 0,
                message: format!("The paste has more than {MAX_PASTE_ROWS} rows; paste at most {MAX_PASTE_ROWS} at a time."),
            }]);
        }
        match parse_line(line, &cells, rows.len()) {
            Ok(row) => rows.push(row),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if rows.is_empty() {
        return Err(vec![PasteProblem {
            line: 0,
            message: "Nothing to add: paste one line per CSM with name, submitted, accepted and won.".to_owned(),
        }]);
    }
    Ok(rows)
}

/// Whether a first line is a header: a count cell holds letters.
fn is_header(cells: &[&str]) -> bool {
    cells
        .iter()
        .skip(1)
        .take(REQUIRED_CELLS - 1)
        .any(|c| c.chars().any(char::is_alphabetic))
}

/// One line as a row, checked like a grid row; `index` is the row's place.
fn parse_line(line: usize, cells: &[&str], index: usize) -> Result<CsmRow, Vec<PasteProblem>> {
    if cells.len() < REQUIRED_CELLS {
        return Err(vec![PasteProblem::new(
            line,
            &format!(
                "found {} cell{}; a line needs at least 4 (name, submitted, accepted, won)",
                cells.len(),
                if cells.len() == 1 { "" } else { "s" }
            ),
        )]);
    }
    if cells.iter().skip(USED_CELLS).any(|c| !c.is_empty()) {
        return Err(vec![PasteProblem::new(
            line,
            &format!(
                "found {} cells; use at most 6 (name, submitted, accepted, won, pipeline value, closed-won value)",
                cells.len()
            ),
        )]);
    }
    let cell = |i: usize| cells.get(i).map_or_else(String::new, |c| clean_number(c));
    let row = CsmRow {
        name: cells[0].trim().to_owned(),
        headcount: "1".to_owned(),
        submitted: cell(1),
        accepted: cell(2),
        won: cell(3),
        pipeline_value: cell(4),
        won_value: cell(5),
        segment: None,
        team: false,
    };
    // The grid's own checks, on a one-row programme; the row is named as it
    // will be in the grid so messages match.
    let check = ProgrammeInput {
        rows: vec![CsmRow {
            name: row.display_name(index),
            ..row.clone()
        }],
        ..ProgrammeInput::default()
    };
    let problems: Vec<PasteProblem> = measure(&check, &crate::model::programme::Benchmarks::default())
        .problems
        .into_iter()
        .filter(|p| {
            matches!(
                p.field,
                ProgrammeField::Headcount(_)
                    | ProgrammeField::Submitted(_)
                    | ProgrammeField::Accepted(_)
                    | ProgrammeField::Won(_)
                    | ProgrammeField::PipelineValue(_)
                    | ProgrammeField::WonValue(_)
            )
        })
        .map(|p| PasteProblem::new(line, &p.message))
        .collect();
    if problems.is_empty() {
        Ok(row)
    } else {
        Err(problems)
    }
}

/// A number cell without spaces, currency signs or thousands separators.
/// Anything that is not a grouped number is returned as cleaned, for the
/// grid's parser to accept or report.
#[must_use]
pub fn clean_number(cell: &str) -> String {
    let text: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '$' | '\u{20ac}' | '\u{a3}' | '\u{a5}'))
        .collect();
    if grouped(&text, ',', '.') {
        text.replace(',', "")
    } else if grouped(&text, '.', ',') && (text.matches('.').count() > 1 || text.contains(',')) {
        text.replace('.', "").replace(',', ".")
    } else {
        text
    }
}

/// Whether `text` is digits grouped by threes with `group` (at least one
/// separator), optionally followed by `decimal` and digits: `1,200` or
/// `1,200.5` for (`,`, `.`).
fn grouped(text: &str, group: char, decimal: char) -> bool {
    let (whole, fraction) = match text.split_once(decimal) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    let mut groups = whole.split(group);
    let Some(head) = groups.next() else { return false };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mut rest = groups.peekable();
    if rest.peek().is_none() || head.is_empty() || head.len() > 3 || !digits(head) {
        return false;
    }
    rest.all(|g| g.len() == 3 && digits(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_grouped_numbers() {
        assert_eq!(clean_number(" $12,000 "), "12000");
        assert_eq!(clean_number("1,200,000.50"), "1200000.50");
        assert_eq!(clean_number("1.200.000,50 \u{20ac}"), "1200000.50");
        assert_eq!(clean_number("12\u{a0}000"), "12000");
        assert_eq!(clean_number("70,5"), "70,5");
        assert_eq!(clean_number("1.5"), "1.5");
        assert_eq!(clean_number("abc"), "abc");
    }
}
