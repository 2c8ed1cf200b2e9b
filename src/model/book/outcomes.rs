//! From a book to the Programme view: when the file says who owns each account
//! and what Sales did with it, count CSQLs submitted, accepted and won per owner.

use crate::model::book::Book;
use crate::model::core::limits::MAX_NAME_LEN;
use crate::model::core::text::truncate;
use crate::model::programme::{CsmRow, Segment};

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
