//! "Build a model from this file": a model whose signals are the file's
//! usable columns, proposed from the column profile, changed by the user
//! (any column moved to another component or left out), then accepted as one
//! undoable edit. The result is an ordinary model.
//!
//! Rules, chosen and documented once here:
//! - **Usable**: every number, percent, yes/no and date column that is not
//!   mapped to the id, name, owner, segment or an outcome. Left out, with the
//!   reason: a number column with a value below 0 or none above 0, a percent
//!   column above 100, a date column with a date after the as-of date.
//! - **Kind**: a number is a count capped at its 95th percentile (nearest
//!   rank, of the rows profiled; linear); a percent is a percent; yes/no is
//!   yes/no; a date scores 100 on the as-of date and halves every 90 days.
//! - **Component**, guessed from the header's words ([`guess`]): expansion,
//!   budget and stakeholder words go to Intent; usage and activity words to
//!   Engagement; firmographic words to Fit; anything else to Engagement.
//! - **Model**: the default model's three components and weights (40/30/30)
//!   with these signals, sub-weight 1 each; a component given no column is
//!   left out; the current model's gates, threshold and as-of date are kept.

use crate::model::book::import::Table;
use crate::model::book::mapping::Mapping;
use crate::model::book::profile::{ColumnKind, Profile, PROFILE_ROWS};
use crate::model::core::date::Date;
use crate::model::core::limits::{MAX_COUNT, MAX_NAME_LEN, MAX_SIGNALS};
use crate::model::core::number::{parse_grouped, plain};
use crate::model::core::text::truncate;
use crate::model::{Model, Signal, SignalKind};

/// Days for a date signal's score to halve.
pub const HALF_LIFE_DAYS: f64 = 90.0;
/// The components a column can go to, in model order (the default model's).
pub const GROUPS: [&str; 3] = ["Engagement", "Fit", "Intent"];

/// Header words that send a column to Intent, Engagement and Fit, checked in that order.
const INTENT_WORDS: [&str; 14] = [
    "budget",
    "expansion",
    "expand",
    "upsell",
    "upgrade",
    "cross",
    "stakeholder",
    "champion",
    "intent",
    "renewal",
    "opportunit",
    "pipeline",
    "interest",
    "request",
];
const ENGAGEMENT_WORDS: [&str; 15] = [
    "usage", "active", "activit", "login", "session", "utili", "adoption", "engage", "nps", "csat", "health", "qbr", "meeting", "ticket",
    "visit",
];
const FIT_WORDS: [&str; 14] = [
    "employee",
    "revenue",
    "industry",
    "size",
    "arr",
    "mrr",
    "plan",
    "tier",
    "contract",
    "licen",
    "headcount",
    "funding",
    "country",
    "region",
];

/// The component a header's words suggest (an index into [`GROUPS`]): a
/// word of the header that starts with one of the listed stems counts.
#[must_use]
pub fn guess(header: &str) -> usize {
    let lower = header.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |stems: &[&str]| words.iter().any(|w| stems.iter().any(|s| w.starts_with(s)));
    if has(&INTENT_WORDS) {
        2
    } else if has(&FIT_WORDS) && !has(&ENGAGEMENT_WORDS) {
        1
    } else {
        0
    }
}

/// One column of the file as a proposed signal.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposedColumn {
    /// The header exactly as in the file.
    pub header: String,
    /// How the signal reads it (`None`: the column cannot be a signal).
    pub kind: Option<SignalKind>,
    /// The component it goes to ([`GROUPS`] index), or `None`: left out.
    pub group: Option<usize>,
    /// How it is read, or why it is left out, in words.
    pub reading: String,
}

/// Why no model can be built from the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProposalProblem {
    /// No column is a number, percent, yes/no or date outside the account fields.
    #[error("no column of this file is a number, a percent, yes/no or a date besides the account's id, name, owner, segment and outcomes")]
    NoUsableColumn,
}

/// The proposed model, column by column.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// One entry per candidate column, in file order.
    pub columns: Vec<ProposedColumn>,
}

impl Proposal {
    /// Proposes signals from the columns of `table` that `mapping` leaves to the
    /// model, read as `profile` found them; dates are scored at `as_of`.
    ///
    /// # Errors
    /// [`ProposalProblem::NoUsableColumn`] when no column can be a signal.
    pub fn of(table: &Table, profile: &Profile, mapping: &Mapping, as_of: Date) -> Result<Self, ProposalProblem> {
        let account = mapping.account_columns();
        let mut columns = Vec::new();
        for (index, column) in profile.columns.iter().enumerate() {
            if account.contains(&Some(column.header.as_str())) {
                continue;
            }
            let (kind, reading) = match (column.kind, column.range, column.dates) {
                (ColumnKind::YesNo, ..) => (Some(SignalKind::YesNo), "yes/no: yes scores 100".to_owned()),
                (ColumnKind::Percent, Some((lo, hi)), _) if lo >= 0.0 && hi <= 100.0 => {
                    (Some(SignalKind::Percent), "a percent, taken as it is".to_owned())
                }
                (ColumnKind::Percent, ..) => (None, "left out: a percent outside 0-100".to_owned()),
                (ColumnKind::Number, Some((lo, hi)), _) if lo >= 0.0 && hi > 0.0 => count(table, index),
                (ColumnKind::Number, ..) => (None, "left out: a count needs values of 0 or more, some above 0".to_owned()),
                (ColumnKind::Date, _, Some((_, last))) if last <= as_of => (
                    Some(SignalKind::Date {
                        half_life_days: HALF_LIFE_DAYS,
                    }),
                    format!("a date: 100 on {as_of}, half every {} days before", plain(HALF_LIFE_DAYS)),
                ),
                (ColumnKind::Date, ..) => (None, format!("left out: holds dates after {as_of}")),
                _ => continue,
            };
            let group = kind.as_ref().map(|_| guess(&column.header));
            columns.push(ProposedColumn {
                header: column.header.clone(),
                kind,
                group,
                reading,
            });
        }
        if columns.iter().all(|c| c.kind.is_none()) {
            return Err(ProposalProblem::NoUsableColumn);
        }
        Ok(Self { columns })
    }

    /// Moves column `index` to component `group` (`None`: leaves it out). A
    /// column that cannot be a signal stays out; a full component takes no more.
    pub fn set_group(&mut self, index: usize, group: Option<usize>) {
        let full = group.is_some_and(|g| self.columns.iter().filter(|c| c.group == Some(g)).count() >= MAX_SIGNALS);
        if let Some(column) = self.columns.get_mut(index) {
            if column.kind.is_some() && group.is_none_or(|g| g < GROUPS.len()) && (column.group == group || !full) {
                column.group = group;
            }
        }
    }

    /// What accepting makes, in a sentence.
    #[must_use]
    pub fn summary(&self) -> String {
        let per: Vec<String> = GROUPS
            .iter()
            .enumerate()
            .map(|(g, name)| format!("{name} {}", self.columns.iter().filter(|c| c.group == Some(g)).count()))
            .collect();
        let used = self.columns.iter().filter(|c| c.group.is_some()).count();
        format!(
            "{used} of the file's {} columns become signals ({}); the rest are left out.",
            self.columns.len(),
            per.join(", ")
        )
    }

    /// Whether accepting gives a model with at least one signal.
    #[must_use]
    pub fn acceptable(&self) -> bool {
        self.columns.iter().any(|c| c.group.is_some())
    }

    /// The model accepting makes from `current`, and the mapping that feeds
    /// its signals from the file (the rest of `mapping` kept).
    #[must_use]
    pub fn model(&self, current: &Model, mapping: &Mapping) -> (Model, Mapping) {
        let defaults = Model::default();
        let mut model = Model {
            components: Vec::new(),
            ..current.clone()
        };
        // The old model's signal columns stay in the mapping (undo brings
        // that model back, fed as before); a score column would win over the
        // new signals, so none is kept for these components.
        let mut fed = mapping.clone();
        for (g, template) in defaults.components.into_iter().enumerate() {
            let mut component = template;
            component.signals.clear();
            fed.set_direct(&component.key, None);
            let mut keys: Vec<String> = Vec::new();
            for column in self.columns.iter().filter(|c| c.group == Some(g)).take(MAX_SIGNALS) {
                let Some(kind) = column.kind else { continue };
                let key = unique(signal_key(&column.header), &keys);
                fed.set_signal(&component.key, &key, Some(column.header.clone()));
                component
                    .signals
                    .push(Signal::new(&key, &truncate(&column.header, MAX_NAME_LEN), kind, 1.0));
                keys.push(key);
            }
            if !component.signals.is_empty() {
                model.components.push(component);
            }
        }
        (model, fed)
    }
}

/// A count column: capped at the 95th percentile (nearest rank) of the rows
/// profiled, or at the largest value when that percentile is 0.
fn count(table: &Table, index: usize) -> (Option<SignalKind>, String) {
    let mut values: Vec<f64> = table
        .rows
        .iter()
        .take(PROFILE_ROWS)
        .filter_map(|row| row.record.as_ref()?.get(index).map(str::trim))
        .filter(|text| !text.is_empty())
        .filter_map(|text| parse_grouped(text).ok())
        .collect();
    if values.is_empty() {
        return (None, "left out: no number to read".to_owned());
    }
    values.sort_by(f64::total_cmp);
    // Nearest rank: the value at ceil(0.95 n), counted from 1.
    let rank = (values.len() * 95).div_ceil(100).max(1);
    let p95 = values[rank - 1];
    let top = values[values.len() - 1];
    let cap = if p95 > 0.0 { p95 } else { top }.min(MAX_COUNT);
    (
        Some(SignalKind::Count {
            cap,
            scale: crate::model::Scale::Linear,
        }),
        format!(
            "a count, 100 at {} (the 95th percentile) and above",
            crate::model::book::profile::readable(cap)
        ),
    )
}

/// A signal key from a header: lower case letters, digits and underscores.
fn signal_key(header: &str) -> String {
    let mut key = String::new();
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_').chars().take(60).collect::<String>();
    if key.is_empty() || key.starts_with(|c: char| c.is_ascii_digit()) {
        format!("s_{key}")
    } else {
        key
    }
}

/// `key`, or `key_2`, `key_3`... when taken.
fn unique(key: String, taken: &[String]) -> String {
    if !taken.contains(&key) {
        return key;
    }
    (2..).map(|n| format!("{key}_{n}")).find(|k| !taken.contains(k)).unwrap_or(key)
}
