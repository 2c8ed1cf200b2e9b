//! Lists of accounts to download beside the scored book: the accounts that
//! moved into or out of CSQL since the baseline.

use crate::model::book::escape::escape;
use crate::model::book::score::{Book, Scores};
use crate::model::core::weighting::VerdictKind;

/// The accounts whose CSQL status differs between `before` and `after`
/// (rows matched by position), as CSV: id, name, owner, the move, and the
/// score and verdict before and after. Movers in first, then out, each in book order.
#[must_use]
pub fn movers_csv(book: &Book, before: &Scores, after: &Scores) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<[String; 8]> = Vec::new();
    for direction in [true, false] {
        for (row, (b, a)) in before.verdicts.iter().zip(&after.verdicts).enumerate().take(book.len()) {
            let (was, is) = (*b == VerdictKind::Csql, *a == VerdictKind::Csql);
            if was != is && is == direction {
                let score = |s: &Scores| s.scores.get(row).map(|v| format!("{v:.1}")).unwrap_or_default();
                rows.push([
                    escape(book.id(row)).into_owned(),
                    escape(book.name(row)).into_owned(),
                    escape(book.owner(row)).into_owned(),
                    if is { "into CSQL" } else { "out of CSQL" }.to_owned(),
                    score(before),
                    b.word().to_owned(),
                    score(after),
                    a.word().to_owned(),
                ]);
            }
        }
    }
    let header = [
        "id",
        "name",
        "owner",
        "moved",
        "score_before",
        "verdict_before",
        "score_now",
        "verdict_now",
    ];
    // Writing to memory cannot fail; a failed row is left out rather than panicking.
    let _ = writer.write_record(header);
    for row in &rows {
        let _ = writer.write_record(row);
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}
