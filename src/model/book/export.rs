//! Writing a scored book back to CSV: the original columns, then one score
//! column per component, `csql_score` and `verdict`. [`ExportWriter`] writes
//! one row at a time; [`export_csv`] (the book view's export) and the
//! streaming scorer ([`crate::model::book::stream`]) both use it, so their bytes agree.

use std::io::Write;

use crate::model::book::escape::escape;
use crate::model::book::import::DELIMITERS;
use crate::model::book::mapping::component_column;
use crate::model::book::row::BookComponent;
use crate::model::book::score::{Book, Scores};
use crate::model::book::BookError;
use crate::model::core::weighting::VerdictKind;

pub(super) fn write_error(e: impl std::fmt::Display) -> BookError {
    BookError::Write(e.to_string())
}

/// Writes a header row of an export: every name escaped ([`escape`]), and
/// every name quoted when one holds another candidate delimiter, so delimiter
/// detection on re-import cannot count it.
///
/// # Errors
/// [`BookError::Write`] when writing fails.
pub(super) fn write_header<W: Write>(out: &mut W, delimiter: u8, names: &[String]) -> Result<(), BookError> {
    let header: Vec<String> = names.iter().map(|h| escape(h).into_owned()).collect();
    let quote_header = header.iter().any(|h| h.bytes().any(|b| DELIMITERS.contains(&b)));
    let mut head = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(if quote_header {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(Vec::new());
    head.write_record(&header).map_err(write_error)?;
    let head = head.into_inner().map_err(write_error)?;
    out.write_all(&head).map_err(write_error)
}

/// Writes the scored CSV, header first, then one row at a time.
///
/// Header: the file's column names (blank or repeated ones already renamed
/// `column N`), then `<component key>_score` per component, `csql_score` and
/// `verdict`; when a name holds another candidate delimiter every header name
/// is quoted, so delimiter detection on re-import cannot count it. Rows: the
/// original fields, then the component scores and the CSQL score with one
/// decimal (blank when the verdict is invalid) and the verdict word.
///
/// Every header and original field that a spreadsheet would run as a formula
/// is prefixed with `'` ([`crate::model::book::escape`]); the numbers written here never
/// start with a sign, so they stay numbers. The book's reader removes the
/// prefix again, so an exported file imports back to the same values.
pub struct ExportWriter<W: Write> {
    writer: csv::Writer<W>,
    /// Reused for formatting numbers.
    number: String,
}

impl<W: Write> ExportWriter<W> {
    /// Starts an export to `out` with `delimiter` and writes the header.
    ///
    /// # Errors
    /// [`BookError::Write`] when writing fails.
    pub fn new(mut out: W, delimiter: u8, headers: &[String], components: &[BookComponent]) -> Result<Self, BookError> {
        let header: Vec<String> = headers
            .iter()
            .cloned()
            .chain(components.iter().map(|c| component_column(&c.key)))
            .chain(["csql_score".to_owned(), "verdict".to_owned()])
            .collect();
        write_header(&mut out, delimiter, &header)?;
        Ok(Self {
            writer: csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(out),
            number: String::new(),
        })
    }

    /// Writes one account: its original `record`, its component scores, its
    /// CSQL score (`None` writes a blank, for an invalid verdict) and verdict.
    ///
    /// # Errors
    /// [`BookError::Write`] when writing fails.
    pub fn write_row(
        &mut self,
        record: &csv::StringRecord,
        component_scores: &[f64],
        score: Option<f64>,
        verdict: VerdictKind,
    ) -> Result<(), BookError> {
        use std::fmt::Write as _;
        for field in record {
            self.writer.write_field(escape(field).as_bytes()).map_err(write_error)?;
        }
        for s in component_scores.iter().copied().map(Some).chain([score]) {
            self.number.clear();
            if let Some(s) = s {
                // `+ 0.0` turns -0 (from a cell typed `-0`) into 0, so no written
                // number starts with a minus sign. Writing to a String cannot fail.
                let _ = write!(self.number, "{:.1}", s + 0.0);
            }
            self.writer.write_field(&self.number).map_err(write_error)?;
        }
        self.writer.write_field(verdict.word()).map_err(write_error)?;
        self.writer.write_record(None::<&[u8]>).map_err(write_error)
    }

    /// Flushes the export and gives back the output.
    ///
    /// # Errors
    /// [`BookError::Write`] when writing fails.
    pub fn finish(self) -> Result<W, BookError> {
        self.writer.into_inner().map_err(write_error)
    }
}

/// Exports the book as CSV bytes, with the delimiter of the original file and
/// no BOM, as [`ExportWriter`] writes it. Skipped rows are not exported.
/// Re-importing the file scores the same: the auto-mapping still finds the
/// original columns first.
///
/// # Errors
/// [`BookError::Write`] if the CSV writer fails (not expected for memory output).
pub fn export_csv(book: &Book, scores: &Scores) -> Result<Vec<u8>, BookError> {
    let table = book.table();
    let out = Vec::with_capacity(book.len() * 128 + 256);
    let mut writer = ExportWriter::new(out, table.delimiter, &table.headers, book.components())?;
    let empty = csv::StringRecord::new();
    for row in 0..book.len() {
        let verdict = scores.verdicts.get(row).copied().unwrap_or(VerdictKind::Invalid);
        let score = if verdict == VerdictKind::Invalid {
            None
        } else {
            scores.scores.get(row).copied()
        };
        writer.write_row(book.record(row).unwrap_or(&empty), book.component_scores(row), score, verdict)?;
    }
    writer.finish()
}
