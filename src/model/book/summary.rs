//! Views on a scored book: ranking, filters, search, summary, histogram and
//! what moved between two scorings. All pure and cheap (one pass or one sort).

use std::cmp::Ordering;

use crate::model::book::score::{Book, Scores};
use crate::model::core::format::{count, listed};
use crate::model::core::number::TOLERANCE;
use crate::model::core::weighting::{VerdictKind, CSQL_GATES_NOT_ASSESSED};

/// Default width, in points either side of the threshold, of "near the threshold".
pub const NEAR_POINTS: f64 = 5.0;

/// Number of histogram bins (5 points each over 0-100).
pub const BINS: usize = 20;

/// The column a ranking sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// CSQL score (the default, highest first).
    #[default]
    Score,
    /// Account id (case-insensitive).
    Id,
    /// Account name (case-insensitive).
    Name,
    /// Owner (case-insensitive).
    Owner,
    /// Segment (case-insensitive).
    Segment,
    /// Component score, by component index.
    Component(usize),
}

impl SortKey {
    /// The natural direction: highest first for scores, A to Z for text.
    #[must_use]
    pub fn descending_by_default(self) -> bool {
        matches!(self, Self::Score | Self::Component(_))
    }
}

/// Which accounts a view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Filter {
    /// Every account.
    #[default]
    All,
    /// CSQLs only.
    Csql,
    /// Scores within this many points of the threshold, either side (see [`NEAR_POINTS`]).
    NearThreshold(f64),
    /// Accounts whose score qualifies but a required gate is not met.
    GatesMissing,
}

impl Filter {
    /// Near the threshold by the default [`NEAR_POINTS`] (5 points either side).
    #[must_use]
    pub fn near() -> Self {
        Self::NearThreshold(NEAR_POINTS)
    }
}

/// Account indices sorted by `key`; `descending` reverses the order. The sort is
/// stable: ties keep book (file) order in both directions.
#[must_use]
pub fn rank(book: &Book, scores: &Scores, key: SortKey, descending: bool) -> Vec<usize> {
    let n = book.len().min(scores.scores.len());
    let mut order: Vec<usize> = (0..n).collect();
    let direction = |o: Ordering| if descending { o.reverse() } else { o };
    match key {
        SortKey::Score => order.sort_by(|&a, &b| direction(scores.scores[a].total_cmp(&scores.scores[b]))),
        SortKey::Component(c) => {
            let value = |row: usize| book.component_scores(row).get(c).copied().unwrap_or(0.0);
            order.sort_by(|&a, &b| direction(value(a).total_cmp(&value(b))));
        }
        SortKey::Owner => {
            // One lower-case key per owner, not per row.
            let keys: Vec<String> = book.owners().iter().map(|o| o.to_lowercase()).collect();
            let key = |row: usize| keys.get(book.owner_index(row)).map_or("", String::as_str);
            order.sort_by(|&a, &b| direction(key(a).cmp(key(b))));
        }
        SortKey::Id | SortKey::Name | SortKey::Segment => {
            let keys: Vec<String> = (0..n)
                .map(|row| {
                    match key {
                        SortKey::Id => book.id(row),
                        SortKey::Name => book.name(row),
                        _ => book.segment(row),
                    }
                    .to_lowercase()
                })
                .collect();
            order.sort_by(|&a, &b| direction(keys[a].cmp(&keys[b])));
        }
    }
    order
}

/// True when account `row` passes `filter`.
#[must_use]
pub fn passes(scores: &Scores, row: usize, filter: Filter) -> bool {
    let Some(verdict) = scores.verdicts.get(row) else {
        return false;
    };
    match filter {
        Filter::All => true,
        Filter::Csql => *verdict == VerdictKind::Csql,
        Filter::GatesMissing => *verdict == VerdictKind::GatesMissing,
        Filter::NearThreshold(points) => {
            let score = scores.scores.get(row).copied().unwrap_or(f64::NAN);
            *verdict != VerdictKind::Invalid && (score - scores.threshold).abs() <= points.abs() + TOLERANCE
        }
    }
}

/// True when `query` (case-insensitive, trimmed) is part of the account's id or
/// name; a blank query matches every account.
#[must_use]
pub fn matches(book: &Book, row: usize, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty() || book.search_key(row).split('\u{0}').any(|part| part.contains(&query))
}

/// What a table of accounts shows: order, filter and search.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewOptions {
    /// Sort column.
    pub sort: SortKey,
    /// Highest (or Z) first.
    pub descending: bool,
    /// Which accounts.
    pub filter: Filter,
    /// Case-insensitive text searched in id and name.
    pub search: String,
}

impl Default for ViewOptions {
    fn default() -> Self {
        Self {
            sort: SortKey::Score,
            descending: true,
            filter: Filter::All,
            search: String::new(),
        }
    }
}

/// The account indices to show, in order: [`rank`], then [`passes`] and [`matches`].
#[must_use]
pub fn view(book: &Book, scores: &Scores, options: &ViewOptions) -> Vec<usize> {
    let query = options.search.trim().to_lowercase();
    rank(book, scores, options.sort, options.descending)
        .into_iter()
        .filter(|&row| passes(scores, row, options.filter))
        .filter(|&row| query.is_empty() || book.search_key(row).split('\u{0}').any(|part| part.contains(&query)))
        .collect()
}

/// CSQLs and accounts of one owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerCount {
    /// The owner as written in the file (`""` for accounts without an owner).
    pub owner: String,
    /// CSQLs among the owner's accounts.
    pub csqls: usize,
    /// The owner's accounts.
    pub accounts: usize,
}

/// Score distribution in [`BINS`] bins of 5 points, for a bar chart.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histogram {
    /// Bin `i` counts scores in `[5i, 5i + 5)`; the last bin also holds 100.
    pub counts: [usize; BINS],
    /// The largest count (0 for an empty book), to scale bars.
    pub max: usize,
    /// The threshold, 0-100, to draw as a line (x = threshold / 100 of the width).
    pub threshold: f64,
}

impl Histogram {
    /// The bin a score falls in.
    #[must_use]
    pub fn bin(score: f64) -> usize {
        if score.is_nan() || score <= 0.0 {
            return 0;
        }
        // Truncation is the point: 0-4.99 is bin 0. `as` saturates, and min caps 100.
        ((score / 5.0) as usize).min(BINS - 1)
    }
}

/// Figures about a scored book.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Accounts in the book.
    pub accounts: usize,
    /// CSQLs.
    pub csqls: usize,
    /// CSQLs as a percent of accounts (`None` for an empty book).
    pub csql_share: Option<f64>,
    /// Accounts whose score qualifies but a required gate is not met.
    pub gates_missing: usize,
    /// Accounts below the threshold.
    pub below_threshold: usize,
    /// Accounts with verdict `invalid` (all or none).
    pub invalid: usize,
    /// Per owner: most CSQLs first, then most accounts, then owner A to Z.
    pub per_owner: Vec<OwnerCount>,
    /// Scores in 5-point bins (invalid rows left out).
    pub histogram: Histogram,
    /// Names of components no column feeds (they score 0 for everyone).
    pub missing_components: Vec<String>,
    /// Labels of gates no column answers (not assessed: they do not block).
    pub unassessed_gates: Vec<String>,
    /// Labels of the required gates among them: [`Summary::csqls`] counts
    /// accounts that reach the threshold and meet every required gate the
    /// file answers, and these were not checked.
    pub unassessed_required: Vec<String>,
}

impl Summary {
    /// The words after the CSQL count in the headline: ` CSQLs of 3000
    /// accounts` (` CSQL of 1 account`), with a leading space.
    #[must_use]
    pub fn count_words(&self) -> String {
        let noun = if self.csqls == 1 { "CSQL" } else { "CSQLs" };
        format!(" {noun} of {}", count(self.accounts, "account", "accounts"))
    }

    /// What the CSQL count counts, when the file has no column for a
    /// required gate (else `None`: a CSQL then met every required gate).
    #[must_use]
    pub fn count_note(&self) -> Option<String> {
        if self.unassessed_required.is_empty() {
            return None;
        }
        let (verb, pronoun) = if self.unassessed_required.len() == 1 {
            ("has", "it was")
        } else {
            ("have", "they were")
        };
        Some(format!(
            "Counted on score and the required gates this file answers: {} {verb} no column, so {pronoun} not assessed, \
             and a CSQL here reads \u{201c}{CSQL_GATES_NOT_ASSESSED}\u{201d}. Map the gate columns under Columns to check them.",
            listed(&self.unassessed_required)
        ))
    }

    /// The other verdicts in a sentence.
    #[must_use]
    pub fn others(&self) -> String {
        let gates = if self.gates_missing == 1 { "qualifies" } else { "qualify" };
        let below = if self.below_threshold == 1 { "is" } else { "are" };
        format!(
            "{} {gates} on score but {} a required gate; {} {below} below the threshold.",
            self.gates_missing,
            if self.gates_missing == 1 { "misses" } else { "miss" },
            self.below_threshold
        )
    }

    /// Gates not assessed that are not required (they never block), if any.
    #[must_use]
    pub fn optional_unassessed(&self) -> Option<String> {
        let optional: Vec<String> = self
            .unassessed_gates
            .iter()
            .filter(|g| !self.unassessed_required.contains(g))
            .cloned()
            .collect();
        (!optional.is_empty()).then(|| format!("Not assessed (no column), not required: {}.", listed(&optional)))
    }
}

/// Counts, shares, CSQLs per owner and the histogram, in one pass.
#[must_use]
pub fn summarise(book: &Book, scores: &Scores) -> Summary {
    let n = book.len().min(scores.verdicts.len()).min(scores.scores.len());
    let mut counts = [0usize; BINS];
    let (mut csqls, mut gates_missing, mut below, mut invalid) = (0, 0, 0, 0);
    // (CSQLs, accounts) per owner, by the owner index the book interned.
    let mut owners: Vec<(usize, usize)> = vec![(0, 0); book.owners().len()];
    for row in 0..n {
        let verdict = scores.verdicts[row];
        let mut ignored = (0, 0);
        let entry = owners.get_mut(book.owner_index(row)).unwrap_or(&mut ignored);
        entry.1 += 1;
        match verdict {
            VerdictKind::Csql => {
                csqls += 1;
                entry.0 += 1;
            }
            VerdictKind::GatesMissing => gates_missing += 1,
            VerdictKind::BelowThreshold => below += 1,
            VerdictKind::Invalid => invalid += 1,
        }
        if verdict != VerdictKind::Invalid {
            counts[Histogram::bin(scores.scores[row])] += 1;
        }
    }
    let mut per_owner: Vec<OwnerCount> = book
        .owners_by_name()
        .iter()
        .filter_map(|&i| {
            let owner = book.owners().get(i as usize)?;
            let (csqls, accounts) = owners.get(i as usize).copied()?;
            (accounts > 0).then(|| OwnerCount {
                owner: owner.clone(),
                csqls,
                accounts,
            })
        })
        .collect();
    // Stable sort on an already A-Z list keeps owners A to Z on ties.
    per_owner.sort_by(|a, b| b.csqls.cmp(&a.csqls).then(b.accounts.cmp(&a.accounts)));
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let csql_share = (n > 0).then(|| csqls as f64 / n as f64 * 100.0);
    Summary {
        accounts: n,
        csqls,
        csql_share,
        gates_missing,
        below_threshold: below,
        invalid,
        per_owner,
        histogram: Histogram {
            max: counts.iter().copied().max().unwrap_or(0),
            counts,
            threshold: scores.threshold,
        },
        missing_components: book.missing_components(),
        unassessed_gates: book.unassessed_gates(),
        unassessed_required: book.unassessed_required(),
    }
}

/// Accounts whose CSQL status changed between two scorings of the same book.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moved {
    /// Ids of accounts that are CSQLs now and were not before, in book order.
    pub into: Vec<String>,
    /// Ids of accounts that were CSQLs before and are not now, in book order.
    pub out_of: Vec<String>,
}

/// What moved into and out of CSQL from `before` to `after`, both scorings of
/// `book` (rows are matched by position).
#[must_use]
pub fn moved(book: &Book, before: &Scores, after: &Scores) -> Moved {
    let mut result = Moved::default();
    for (row, (b, a)) in before.verdicts.iter().zip(&after.verdicts).enumerate().take(book.len()) {
        match (*b == VerdictKind::Csql, *a == VerdictKind::Csql) {
            (false, true) => result.into.push(book.id(row).to_owned()),
            (true, false) => result.out_of.push(book.id(row).to_owned()),
            _ => {}
        }
    }
    result
}
