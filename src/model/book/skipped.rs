//! The rows an import left out, as a CSV of their own, so none is lost: the
//! file's columns as they were, then a `reason` column saying where the row
//! is and what is wrong with it (every problem of the row, in the import
//! report's words). Fix the values in a spreadsheet and import the file again.
//!
//! Cells are escaped as in the scored export ([`crate::model::book::escape`]): a cell that
//! a spreadsheet would run as a formula gets a leading `'`, which the book's
//! reader removes again. A row with fewer fields than the header is filled
//! with blanks, so its reason sits in the `reason` column; a row with more
//! keeps them all (the reason comes after the last). A row that is not UTF-8
//! text cannot be given back: its fields are blank and the reason says why.

use crate::model::book::escape::escape;
use crate::model::book::export::{write_error, write_header};
use crate::model::book::row::RowError;
use crate::model::book::score::Book;
use crate::model::book::BookError;

/// The name of the column added after the file's own: `reason`, or
/// `csql_reason` when the file already has a `reason` column.
#[must_use]
pub fn reason_column(headers: &[String]) -> &'static str {
    if headers.iter().any(|h| h.eq_ignore_ascii_case("reason")) {
        "csql_reason"
    } else {
        "reason"
    }
}

/// Why a row was left out, in one cell: `Row 4 (line 5): column "seats_active":
/// 120 is above the maximum of 100; column "plan_usage": ...`.
#[must_use]
pub fn reason(row: usize, line: u64, errors: &[RowError]) -> String {
    let what: Vec<String> = errors.iter().map(RowError::what).collect();
    format!("Row {row} (line {line}): {}", what.join("; "))
}

/// Every row the import left out ([`Book::skipped`]), as CSV bytes with the
/// file's delimiter: the file's header plus [`reason_column`], then each row's
/// fields and its [`reason`].
///
/// # Errors
/// [`BookError::Write`] if the CSV writer fails (not expected for memory output).
pub fn skipped_csv(book: &Book) -> Result<Vec<u8>, BookError> {
    let table = book.table();
    let mut out = Vec::new();
    let mut header = table.headers.clone();
    header.push(reason_column(&table.headers).to_owned());
    write_header(&mut out, table.delimiter, &header)?;
    let mut writer = csv::WriterBuilder::new().delimiter(table.delimiter).flexible(true).from_writer(out);
    let width = table.headers.len();
    for (row, errors) in book.skipped() {
        let fields = row.record.as_ref().map_or(0, csv::StringRecord::len);
        if let Some(record) = &row.record {
            for field in record {
                writer.write_field(escape(field).as_bytes()).map_err(write_error)?;
            }
        }
        for _ in fields..width {
            writer.write_field("").map_err(write_error)?;
        }
        let why = reason(row.row, row.line, &errors);
        writer.write_field(escape(&why).as_bytes()).map_err(write_error)?;
        writer.write_record(None::<&[u8]>).map_err(write_error)?;
    }
    writer.into_inner().map_err(write_error)
}
