//! The model as spreadsheet formulas, for the sales-ops person who keeps the
//! book in Google Sheets or Excel: two formulas for one row, written against
//! the book's header row (column letters from header positions), to paste
//! into two new columns and fill down. One gives the CSQL score, the other
//! the verdict (`csql`, `gates-missing`, `below-threshold`, or `invalid` for a
//! row the book view would skip).
//!
//! They read a row as the calculator does for the values a spreadsheet
//! holds: numbers (or text with a decimal comma, read with `NUMBERVALUE`, so
//! the sheet's own locale does not matter), yes/no in the spellings of
//! [`crate::model::core::number::YES`] and [`crate::model::core::number::NO`] in any case
//! (a checkbox's TRUE/FALSE too), a blank yes/no is no, a blank number 0. A
//! value the calculator cannot read makes the row `invalid` (the score cell
//! blank). A count may have commas between thousands (`1,234`) and a
//! percentage a `%` sign (`75%`), as in the calculator. Spreadsheet `TRIM`
//! removes spaces only, and `NUMBERVALUE` is more lenient than the calculator
//! with odd text (`1 000`, `12,34,567`); ordinary values score the same. A
//! cell the sheet itself formats as a percentage holds a fraction (75% is
//! 0.75), and the formula reads the number the cell holds.
//!
//! Recency signals read a date the sheet holds or text `YYYY-MM-DD` (or a date-time starting with one), scored
//! at the model's as-of date, or at the sheet's `TODAY()` when it is blank.
//!
//! Only functions common to Excel (2013 on), Google Sheets and LibreOffice are
//! used (`IF`, `OR`, `AND`, `TRIM`, `LOWER`, `ISNUMBER`, `NUMBERVALUE`,
//! `SUBSTITUTE`, `MIN`, `LN`, `NA`, `IFERROR`, `DATE`, `TODAY`, `INT`, `LEN`,
//! `MID`, `LEFT`, `RIGHT`, `VALUE`), with English names and commas between
//! arguments.

use thiserror::Error;

use crate::model::book::Mapping;
use crate::model::core::date::{Date, DateError};
use crate::model::core::limits::MAX_COUNT;
use crate::model::core::number::{NO, TOLERANCE, YES};
use crate::model::core::signal::shares;
use crate::model::core::text::quoted;
use crate::model::core::weighting::{Weighting, WeightingError};
use crate::model::sql::dialect::number;
use crate::model::sql::plan::{Feed, Plan};
use crate::model::{Direction, Model, Scale, Signal, SignalKind};

/// The two formulas for one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formulas {
    /// The CSQL score, 0-100, at full precision; blank for an invalid row.
    pub score: String,
    /// `csql`, `gates-missing`, `below-threshold` or `invalid`.
    pub verdict: String,
}

/// Why no formula can be written.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormulaError {
    /// The mapping names a column the header row does not have.
    #[error("the header row has no column {}", quoted(.0))]
    UnknownColumn(String),
    /// The weights or threshold cannot score.
    #[error("the model cannot score: {0}")]
    Model(WeightingError),
    /// The model's as-of date is not a date.
    #[error("the model's as-of date cannot be used: {0}")]
    AsOf(DateError),
}

/// A column's letters from its 0-based position: 0 is `A`, 25 `Z`, 26 `AA`.
#[must_use]
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // rem < 26, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation)]
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A text literal in a formula.
fn text(value: &str) -> String {
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// Whether the cell says one of `words` (lower case), in any case. `LOWER`
/// because LibreOffice compares text case-sensitively by default.
fn says(cell: &str, words: &[&str]) -> String {
    let tests: Vec<String> = words.iter().map(|w| format!("LOWER(TRIM({cell}))={}", text(w))).collect();
    format!("OR({})", tests.join(","))
}

/// The cell as a number; an error when it is text that is not a number.
fn as_number(cell: &str) -> String {
    format!("IF(ISNUMBER({cell}),{cell},NUMBERVALUE(SUBSTITUTE(TRIM({cell}),\",\",\".\"),\".\"))")
}

/// The cell as a count: a number, or text with commas between thousands
/// (`1,234`: a comma four places before the decimal point or the end, and no
/// leading zero, as [`crate::model::core::number::is_grouped`] for ordinary values),
/// else text with a decimal comma; an error when it is not a number.
fn as_count(cell: &str) -> String {
    let t = format!("TRIM({cell})");
    format!(
        "IF(ISNUMBER({cell}),{cell},IF(AND(IFERROR(MID({t},IFERROR(FIND(\".\",{t}),LEN({t})+1)-4,1),\"\")=\",\",LEFT({t},1)<>\"0\"),\
         NUMBERVALUE(SUBSTITUTE({t},\",\",\"\"),\".\"),NUMBERVALUE(SUBSTITUTE({t},\",\",\".\"),\".\")))"
    )
}

/// The cell as a percentage: a number, or text with one `%` at its end
/// dropped (`NUMBERVALUE` would divide by 100), read as [`as_number`] reads text.
fn as_percent(cell: &str) -> String {
    let t = format!("TRIM({cell})");
    let bare = format!("IF(RIGHT({t},1)=\"%\",TRIM(LEFT({t},LEN({t})-1)),{t})");
    format!("IF(ISNUMBER({cell}),{cell},NUMBERVALUE(SUBSTITUTE({bare},\",\",\".\"),\".\"))")
}

/// 100 for yes, 0 for no or blank, an error for anything else.
fn yes_no(cell: &str) -> String {
    let mut no: Vec<&str> = NO.to_vec();
    no.push("");
    format!("IF({},100,IF({},0,NA()))", says(cell, &YES), says(cell, &no))
}

/// The cell as a date serial: a date or date-time the sheet already holds
/// (its day), or text `YYYY-MM-DD`, alone or followed by a time
/// (`2024-11-08 13:24`, `2024-11-08T13:24:00Z`: the date written); an error
/// for anything else. Of the time, only the separator and the colon are
/// checked here, where the calculator checks its whole shape. (`DATE` rolls a day that does not
/// exist, such as 2026-02-30, into the next month, where the calculator
/// refuses it.)
fn as_date(cell: &str) -> String {
    let t = format!("TRIM({cell})");
    format!(
        "IF(ISNUMBER({cell}),INT({cell}),IF(AND(MID({t},5,1)=\"-\",MID({t},8,1)=\"-\",\
         OR(LEN({t})=10,AND(LEN({t})>=16,OR(MID({t},11,1)=\" \",MID({t},11,1)=\"T\"),MID({t},14,1)=\":\"))),\
         DATE(VALUE(LEFT({t},4)),VALUE(MID({t},6,2)),VALUE(MID({t},9,2))),NA()))"
    )
}

/// The signal's 0-100 score from `cell` at the date `as_of` (an expression):
/// 0 when blank, an error when unreadable.
fn signal_score(signal: &Signal, cell: &str, as_of: &str) -> String {
    if signal.kind == SignalKind::YesNo {
        let score = yes_no(cell);
        return match signal.direction {
            Direction::Positive => score,
            Direction::Negative => format!("100-{score}"),
        };
    }
    let v = match signal.kind {
        SignalKind::Count { .. } => as_count(cell),
        SignalKind::Percent => as_percent(cell),
        _ => as_number(cell),
    };
    let checked = match signal.kind {
        SignalKind::Date { half_life_days } => {
            let days = format!("({as_of}-{})", as_date(cell));
            if half_life_days > 0.0 && half_life_days.is_finite() {
                format!("IF({days}<0,NA(),100*0.5^({days}/{}))", number(half_life_days))
            } else {
                format!("IF({days}<0,NA(),0)")
            }
        }
        SignalKind::Count { cap, scale } if cap > 0.0 && cap.is_finite() => {
            let c = number(cap);
            let ratio = match scale {
                Scale::Linear => format!("MIN({v},{c})/{c}"),
                // Spreadsheets have no LN1P; the calculator's divisor keeps tiny caps exact enough.
                Scale::Log => format!("LN(1+MIN({v},{c}))/{}", number(cap.ln_1p())),
            };
            format!("IF(OR({v}<0,{v}>{}),NA(),{ratio}*100)", number(MAX_COUNT))
        }
        SignalKind::Count { .. } => format!("IF(OR({v}<0,{v}>{}),NA(),0)", number(MAX_COUNT)),
        SignalKind::Rating => format!("IF(OR({v}<0,{v}>10),NA(),{v}*10)"),
        SignalKind::Percent | SignalKind::YesNo => format!("IF(OR({v}<0,{v}>100),NA(),{v})"),
    };
    let score = match signal.direction {
        Direction::Positive => checked,
        Direction::Negative => format!("100-{checked}"),
    };
    // A blank number is unanswered and counts 0, whichever its direction.
    format!("IF(TRIM({cell})=\"\",0,{score})")
}

/// The formulas for data row `row` (2 for the first row under the header) of
/// a sheet whose first row is `headers`, fed by `mapping`.
///
/// # Errors
/// [`FormulaError::Model`] when the weights or threshold cannot score,
/// [`FormulaError::UnknownColumn`] when the mapping names a missing column.
pub fn formulas(model: &Model, mapping: &Mapping, headers: &[String], row: usize) -> Result<Formulas, FormulaError> {
    let weighting = Weighting::of(model).map_err(FormulaError::Model)?;
    // Recency signals: the model's as-of date, or the sheet's TODAY() when blank.
    let as_of = if model.as_of.trim().is_empty() {
        "TODAY()".to_owned()
    } else {
        let (y, m, d) = Date::parse(&model.as_of).map_err(FormulaError::AsOf)?.ymd();
        format!("DATE({y},{m},{d})")
    };
    let plan = Plan::new(model, mapping);
    let cells: Vec<String> = plan
        .columns
        .iter()
        .map(|name| {
            headers
                .iter()
                .position(|h| h == name)
                .map(|i| format!("{}{row}", column_letters(i)))
                .ok_or_else(|| FormulaError::UnknownColumn(name.clone()))
        })
        .collect::<Result<_, _>>()?;

    let mut components = Vec::new();
    for (component, feed) in model.components.iter().zip(&plan.components) {
        components.push(match feed {
            Feed::Direct(c) => {
                let v = as_number(&cells[*c]);
                format!("IF(TRIM({cell})=\"\",0,IF(OR({v}<0,{v}>100),NA(),{v}))", cell = cells[*c])
            }
            Feed::Signals(columns) => {
                // As the book: each signal's score times its share of the weights.
                let shares = shares(&component.signals);
                let mut terms = Vec::new();
                for ((signal, column), share) in component.signals.iter().zip(columns).zip(&shares) {
                    let score = match column {
                        Some(c) => format!("({})", signal_score(signal, &cells[*c], &as_of)),
                        // No column: read as blank, as the book does (at any date).
                        None => number(signal.score("", Date::default()).ok().flatten().unwrap_or(0.0)),
                    };
                    terms.push(format!("{score}*{}", number(*share)));
                }
                if shares.iter().any(|s| *s > 0.0) {
                    format!("({})", terms.join("+"))
                } else {
                    "0".to_owned()
                }
            }
        });
    }
    let mut score_terms: Vec<String> = components
        .iter()
        .zip(weighting.fractions())
        .map(|(c, f)| format!("({c})*{}", number(*f)))
        .collect();
    // Values that only have to be readable: a blank id, a gate or an outcome
    // that is not yes/no make the row invalid (the error becomes "invalid").
    let mut checks: Vec<String> = Vec::new();
    if let Some(id) = plan.id {
        checks.push(format!("IF(TRIM({})=\"\",NA(),0)", cells[id]));
    }
    for c in plan.gates.iter().flatten().chain(&plan.outcomes) {
        checks.push(yes_no(&cells[*c]));
    }
    if !checks.is_empty() {
        score_terms.push(format!("0*({})", checks.join("+")));
    }
    let score = score_terms.join("+");
    let blocked: Vec<String> = model
        .gates
        .iter()
        .zip(&plan.gates)
        .filter(|(gate, _)| gate.required)
        .filter_map(|(_, column)| column.map(|c| format!("NOT({})", says(&cells[c], &YES))))
        .collect();
    let verdict_for_score = if blocked.is_empty() {
        text("csql")
    } else {
        format!("IF(OR({}),{},{})", blocked.join(","), text("gates-missing"), text("csql"))
    };
    Ok(Formulas {
        score: format!("=IFERROR({score},\"\")"),
        verdict: format!(
            "=IFERROR(IF({score}+{}<{},{},{verdict_for_score}),{})",
            number(TOLERANCE),
            number(weighting.threshold()),
            text("below-threshold"),
            text("invalid")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_go_on_past_z() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        // 26 + 26 x 26 = 702 columns are A..ZZ; the next is AAA.
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
