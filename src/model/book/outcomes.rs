//! From a book to the Programme view: when the file says who owns each account
//! and what Sales did with it, count CSQLs submitted, accepted and won per owner.

use crate::model::book::profile::Profile;
use crate::model::book::Book;
use crate::model::core::limits::MAX_NAME_LEN;
use crate::model::core::text::truncate;
use crate::model::programme::{CsmRow, Period, Segment};

/// Name used for accounts with no owner in the file.
pub const NO_OWNER: &str = "No owner";

/// One Programme row per owner, in order of first appearance, or `None` when
/// the book has no owner or no accepted-by-Sales column.
///
/// An account counts as submitted when its accepted cell says yes or no (Sales
/// decided on it); accepted when it says yes; won when it was accepted and its
/// closed-won cell says yes. Without a closed-won column, won stays blank, so the
/// Programme view shows conversion as n/a rather than 0 %. An owner whose
/// accounts all name one known segment gets that segment.
#[must_use]
pub fn csm_rows(book: &Book) -> Option<Vec<CsmRow>> {
    let mapping = book.mapping();
    if mapping.owner.is_none() || mapping.accepted.is_none() {
        return None;
    }
    let has_won = mapping.won.is_some();
    struct Tally {
        name: String,
        submitted: u64,
        accepted: u64,
        won: u64,
        segment: Option<Option<Segment>>,
    }
    let owners = book.owners();
    // A blank owner and one literally named "No owner" share one row.
    let no_owner = owners.iter().position(|o| o == NO_OWNER);
    // Per owner index, its tally's place once seen: no search per row.
    let mut slots: Vec<Option<usize>> = vec![None; owners.len()];
    let mut tallies: Vec<Tally> = Vec::new();
    for row in 0..book.len() {
        let Some(accepted) = book.accepted(row) else { continue };
        let mut owner = book.owner_index(row);
        let Some(name) = owners.get(owner) else { continue };
        if name.is_empty() {
            owner = no_owner.unwrap_or(owner);
        }
        let index = if let Some(i) = slots[owner] {
            i
        } else {
            tallies.push(Tally {
                // A row's name is a name: a cell can be any length.
                name: if name.is_empty() {
                    NO_OWNER.to_owned()
                } else {
                    truncate(name, MAX_NAME_LEN)
                },
                submitted: 0,
                accepted: 0,
                won: 0,
                segment: None,
            });
            slots[owner] = Some(tallies.len() - 1);
            tallies.len() - 1
        };
        let tally = &mut tallies[index];
        tally.submitted += 1;
        if accepted {
            tally.accepted += 1;
            tally.won += u64::from(book.won(row) == Some(true));
        }
        let segment = Segment::from_key(book.segment(row));
        tally.segment = match tally.segment {
            None => Some(segment),
            Some(seen) if seen == segment => Some(seen),
            Some(_) => Some(None),
        };
    }
    Some(
        tallies
            .into_iter()
            .map(|t| CsmRow {
                submitted: t.submitted.to_string(),
                accepted: t.accepted.to_string(),
                won: if has_won { t.won.to_string() } else { String::new() },
                segment: t.segment.flatten(),
                ..CsmRow::named(&t.name)
            })
            .collect(),
    )
}

/// One answer to "how long does this book cover?", asked before the
/// Programme view is filled from it: its counts are compared with per-quarter
/// benchmarks, so a year's outcomes must not be read as one quarter's.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodChoice {
    /// Key for the select: a period's key, or `dates-N` for the file's column N.
    pub key: String,
    /// The words in the select.
    pub label: String,
    /// The period the Programme view is set to.
    pub period: Period,
}

/// The fixed periods, then one choice per date column of the file whose
/// first and last dates differ (the span it covers).
#[must_use]
pub fn period_choices(profile: &Profile) -> Vec<PeriodChoice> {
    let fixed = [
        (Period::Month, "A month"),
        (Period::Quarter, "A quarter"),
        (Period::Half, "Half a year"),
        (Period::Year, "A year"),
    ];
    let mut choices: Vec<PeriodChoice> = fixed
        .into_iter()
        .map(|(period, label)| PeriodChoice {
            key: period.key().to_owned(),
            label: label.to_owned(),
            period,
        })
        .collect();
    for (i, column) in profile.columns.iter().enumerate() {
        let Some((first, last)) = column.dates.filter(|(first, last)| first < last) else {
            continue;
        };
        let period = Period::Custom {
            start: first.to_string(),
            end: last.to_string(),
        };
        let quarters = period
            .quarters()
            .map(|q| format!(", {} quarters", crate::model::core::format::one_decimal(Some(q))))
            .unwrap_or_default();
        choices.push(PeriodChoice {
            key: format!("dates-{i}"),
            label: format!("As \u{201c}{}\u{201d} spans: {first} to {last}{quarters}", column.header),
            period,
        });
    }
    choices
}
