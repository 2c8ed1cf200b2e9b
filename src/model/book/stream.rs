//! Scoring a CSV file as a stream, for the command-line scorer: the file is
//! read record by record ([`TableReader`]), each row is scored
//! ([`RowScorer`]) and written ([`ExportWriter`]) before the next is read, so
//! memory stays flat whatever the file's size. The bytes written are those of
//! the book view's export ([`crate::model::book::export_csv`]) for the same model, mapping
//! and file: the reading, scoring and writing are the same code.
//!
//! What differs from the book view: there is no size limit ([`crate::model::book::MAX_BYTES`]
//! is the browser's), and ids found on more than one row are not looked for
//! (that needs every id in memory), so [`ImportReport::duplicate_ids`] stays empty.

use std::io::{Read, Write};

use crate::model::book::export::ExportWriter;
use crate::model::book::import::{TableReader, TableRow};
use crate::model::book::mapping::Mapping;
use crate::model::book::row::{BadRows, RowError, RowFate, RowScorer, ScoredRow};
use crate::model::book::score::ImportReport;
use crate::model::book::BookError;
use crate::model::core::date::Date;
use crate::model::core::weighting::{VerdictKind, Weighting};
use crate::model::Model;

/// Reads CSV from `input`, scores every row with `model` and writes the scored
/// CSV to `output`. The columns are mapped with `mapping`, or automatically
/// ([`Mapping::auto`]) when it is `None`, as the book view does for a new file.
/// Recency signals are scored at the model's as-of date, or `today` when it
/// is blank. `on_error` hears every row problem as it is found, in file order.
///
/// Weights or a threshold that cannot be used give every row the verdict
/// `invalid`, as in the book view; check them first ([`weighting`]) to refuse
/// such a model instead.
///
/// # Errors
/// Any [`BookError`] that stops the whole file: empty, binary, not UTF-8, no
/// header, no id column, an unknown mapped column, a read or write failure.
pub fn score_csv<R: Read, W: Write>(
    input: R,
    output: W,
    model: &Model,
    mapping: Option<&Mapping>,
    policy: BadRows,
    today: Date,
    mut on_error: impl FnMut(&RowError),
) -> Result<(ImportReport, W), BookError> {
    let mut reader = TableReader::new(input)?;
    let auto;
    let mapping = match mapping {
        Some(mapping) => mapping,
        None => {
            auto = Mapping::auto(reader.headers(), model);
            &auto
        }
    };
    let scorer = RowScorer::new(reader.headers(), model, mapping, today)?;
    let weighting = Weighting::of(model).ok();
    let mut writer = ExportWriter::new(output, reader.delimiter(), reader.headers(), scorer.components())?;
    let mut report = ImportReport::default();
    let mut row = TableRow {
        row: 0,
        line: 0,
        record: None,
    };
    let mut scored = ScoredRow::default();
    while reader.read(&mut row)? {
        scorer.score(&row, policy, &mut scored);
        for error in &scored.errors {
            on_error(error);
        }
        if let (Some(record), RowFate::Kept | RowFate::KeptWithBlanks) = (&row.record, scored.fate) {
            let (score, verdict) = match &weighting {
                Some(w) => {
                    let score = w.score(&scored.component_scores);
                    (Some(score), w.verdict(score, scored.blocked))
                }
                None => (None, VerdictKind::Invalid),
            };
            writer.write_row(record, &scored.component_scores, score, verdict)?;
        }
        report.add(&mut scored);
    }
    report.blank_rows = reader.blank_rows();
    let output = writer.finish()?;
    Ok((report, output))
}
