//! Writing a scored book back to CSV: the original columns, then one score
//! column per component, `csql_score` and `verdict`.

use super::import::DELIMITERS;
use super::score::{Book, RowVerdict, Scores};
use super::BookError;

/// Name of the exported column holding a component's score: `engagement_score`.
#[must_use]
pub fn component_column(key: &str) -> String {
    format!("{key}_score")
}

/// Exports the book as CSV bytes, with the delimiter of the original file and
/// no BOM. Header: the book's column names (blank or repeated ones already
/// renamed `column N`), then `<component key>_score` per component, `csql_score`
/// and `verdict`. Scores have one decimal; an invalid row has blank scores.
/// Skipped rows are not exported. Re-importing the file scores the same: the
/// auto-mapping still finds the original columns first.
///
/// # Errors
/// [`BookError::Write`] if the CSV writer fails (not expected for memory output).
pub fn export_csv(book: &Book, scores: &Scores) -> Result<Vec<u8>, BookError> {
    let table = book.table();
    let write = |e: csv::Error| BookError::Write(e.to_string());

    let mut header: Vec<String> = table.headers.clone();
    header.extend(book.components().iter().map(|c| component_column(&c.key)));
    header.push("csql_score".to_owned());
    header.push("verdict".to_owned());
    // A header name holding another candidate delimiter is quoted, so that
    // delimiter detection on re-import cannot count it.
    let quote_header = header.iter().any(|h| h.bytes().any(|b| DELIMITERS.contains(&b)));
    let mut head = csv::WriterBuilder::new()
        .delimiter(table.delimiter)
        .quote_style(if quote_header {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(Vec::new());
    head.write_record(&header).map_err(write)?;
    let head = head.into_inner().map_err(|e| BookError::Write(e.to_string()))?;

    let mut out = Vec::with_capacity(head.len() + book.len() * 128);
    out.extend_from_slice(&head);
    let mut writer = csv::WriterBuilder::new().delimiter(table.delimiter).flexible(true).from_writer(out);

    let mut line: Vec<String> = Vec::with_capacity(header.len());
    for row in 0..book.len() {
        line.clear();
        let verdict = scores.verdicts.get(row).copied().unwrap_or(RowVerdict::Invalid);
        let valid = verdict != RowVerdict::Invalid;
        if let Some(record) = book.record(row) {
            line.extend(record.iter().map(str::to_owned));
        }
        line.extend(book.component_scores(row).iter().map(|s| format!("{s:.1}")));
        line.push(if valid {
            scores.scores.get(row).map(|s| format!("{s:.1}")).unwrap_or_default()
        } else {
            String::new()
        });
        line.push(verdict.word().to_owned());
        writer.write_record(&line).map_err(write)?;
    }
    writer.into_inner().map_err(|e| BookError::Write(e.to_string()))
}
