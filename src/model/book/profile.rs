//! The file seen before it is mapped: per column, the kind its values read
//! as, three sample values, the share of blanks, and the range or the
//! distinct values. Read once per file, from its first [`PROFILE_ROWS`] rows,
//! with the same readers the book scores with (numbers with grouping commas
//! and decimal commas, percentages, yes/no, dates and CRM date-times).

use std::collections::HashSet;

use crate::model::book::import::Table;
use crate::model::book::mapping::{normalise, ID_NAMES};
use crate::model::core::date::Date;
use crate::model::core::format::{count, grouped, percent};
use crate::model::core::number::{brief, parse_grouped, parse_yes_no, strip_percent};
use crate::model::core::text::truncate;

/// Rows read for the profile: enough to see every kind, few enough that a
/// million-row file is profiled in a blink.
pub const PROFILE_ROWS: usize = 20_000;
/// Sample values shown per column.
const SAMPLES: usize = 3;
/// A text column with at most this many distinct values lists them.
const LISTED: usize = 6;
/// Distinct values counted per text column before saying "over".
const DISTINCT_CAP: usize = 1_000;
/// Characters of a sample value shown.
const SAMPLE_CHARS: usize = 24;

/// The kind a column's values read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// Every value differs, none is blank, and the header says id or the
    /// values are codes (a digit and no space, not a plain number).
    Id,
    /// Anything else.
    Text,
    /// Every value is a number (`1,234`, `70,5` and `-3` too).
    Number,
    /// Every value is a number and at least one carries a `%` sign.
    Percent,
    /// Every value is yes or no (yes, no, true, false, y, n, 1, 0).
    YesNo,
    /// Every value is a date or a CRM date-time.
    Date,
    /// Every value is blank.
    Empty,
}

impl ColumnKind {
    /// The word on the page and in the `data-kind` hook.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Text => "text",
            Self::Number => "number",
            Self::Percent => "percent",
            Self::YesNo => "yes-no",
            Self::Date => "date",
            Self::Empty => "empty",
        }
    }
}

/// One column of the file, profiled.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnProfile {
    /// The header exactly as the table holds it.
    pub header: String,
    /// The kind its values read as.
    pub kind: ColumnKind,
    /// Up to three distinct values, as written (shortened).
    pub samples: Vec<String>,
    /// Blank cells among the rows read.
    pub blanks: usize,
    /// Rows read.
    pub rows: usize,
    /// The range (numbers, percentages, dates) or the distinct values, in words.
    pub spread: String,
    /// The smallest and largest number read (numbers and percentages).
    pub range: Option<(f64, f64)>,
    /// The first and last date read (dates).
    pub dates: Option<(Date, Date)>,
    /// The words the page shows, made once: the samples in a line, the share
    /// of blanks ([`ColumnProfile::blank_words`]) and the mapping choice
    /// ([`ColumnProfile::option_label`]).
    pub shown: ShownColumn,
}

/// A profiled column's words as the page shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShownColumn {
    /// The samples, `82.5% · 40% · 100%`.
    pub samples: String,
    /// The share of blanks: `none`, `all` or a percentage.
    pub blanks: String,
    /// The column as a mapping choice: `Seat Utilization: 82.5%, 40%, 100%`.
    pub option: String,
}

impl ColumnProfile {
    /// The share of blanks in words: `none`, `all`, or a percentage.
    #[must_use]
    pub fn blank_words(&self) -> String {
        match self.blanks {
            0 => "none".to_owned(),
            b if b == self.rows => "all".to_owned(),
            // Row counts are far below 2^52: exact as f64.
            #[allow(clippy::cast_precision_loss)]
            b => percent(Some(b as f64 / self.rows as f64 * 100.0)),
        }
    }

    /// The column as a mapping choice shows it: `Seat Utilization: 82.5%, 40%, 100%`.
    #[must_use]
    pub fn option_label(&self) -> String {
        if self.samples.is_empty() {
            format!("{} (blank)", self.header)
        } else {
            format!("{}: {}", self.header, self.samples.join(", "))
        }
    }
}

/// The whole file, profiled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// One entry per column, in file order.
    pub columns: Vec<ColumnProfile>,
    /// Rows in the file, when more than were read.
    pub of_rows: Option<usize>,
}

impl Profile {
    /// Profiles the first [`PROFILE_ROWS`] rows of `table`.
    #[must_use]
    pub fn of(table: &Table) -> Self {
        let mut tallies: Vec<Tally> = table.headers.iter().map(|h| Tally::new(h)).collect();
        let mut rows = 0;
        for row in table.rows.iter().take(PROFILE_ROWS) {
            let Some(record) = &row.record else { continue };
            rows += 1;
            for (tally, field) in tallies.iter_mut().zip(record.iter()) {
                tally.add(field);
            }
        }
        Self {
            columns: table.headers.iter().zip(tallies).map(|(h, t)| t.finish(h, rows)).collect(),
            of_rows: (table.rows.len() > PROFILE_ROWS).then_some(table.rows.len()),
        }
    }

    /// What the profile was read from, for the line above its table.
    #[must_use]
    pub fn read_from(&self) -> String {
        match self.of_rows {
            // Row counts are far below 2^52: exact as f64.
            #[allow(clippy::cast_precision_loss)]
            Some(all) => format!(
                "Read from the first {} rows of {} rows.",
                readable(PROFILE_ROWS as f64),
                readable(all as f64)
            ),
            None => "Read from every row.".to_owned(),
        }
    }

    /// The columns by kind, for the line that stands for the closed table:
    /// `14 columns: 1 id, 5 number, 2 percent, 3 yes-no, 1 date, 2 text`.
    #[must_use]
    pub fn kinds_line(&self) -> String {
        let kinds = [
            ColumnKind::Id,
            ColumnKind::Number,
            ColumnKind::Percent,
            ColumnKind::YesNo,
            ColumnKind::Date,
            ColumnKind::Text,
            ColumnKind::Empty,
        ];
        let parts: Vec<String> = kinds
            .iter()
            .filter_map(|k| {
                let n = self.columns.iter().filter(|c| c.kind == *k).count();
                (n > 0).then(|| format!("{n} {}", k.word()))
            })
            .collect();
        format!("{}: {}", count(self.columns.len(), "column", "columns"), parts.join(", "))
    }

    /// The label of each column as a mapping choice, in file order.
    #[must_use]
    pub fn option_labels(&self) -> Vec<String> {
        self.columns.iter().map(ColumnProfile::option_label).collect()
    }

    /// The headers of the columns whose values look like account ids.
    #[must_use]
    pub fn id_like(&self) -> Vec<&str> {
        self.columns
            .iter()
            .filter(|c| c.kind == ColumnKind::Id)
            .map(|c| c.header.as_str())
            .collect()
    }
}

/// A number for people: whole numbers with commas between thousands
/// (`2,000,000,000`), others as [`brief`] writes them.
pub(crate) fn readable(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return brief(value);
    }
    // A whole number below 1e15: exact as a u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let digits = grouped(value.abs() as u64);
    if value < 0.0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// What one column's cells have shown so far.
struct Tally {
    non_blank: usize,
    samples: Vec<String>,
    /// Cells that read as each kind.
    yes_no: usize,
    numbers: usize,
    percent_signs: usize,
    dates: usize,
    range: Option<(f64, f64)>,
    date_range: Option<(Date, Date)>,
    /// Distinct values (up to [`DISTINCT_CAP`]) in first-seen order, and whether more were seen.
    distinct: Vec<String>,
    seen: HashSet<String>,
    over_cap: bool,
    /// Every value so far, while the column may still be an id.
    ids: Option<HashSet<String>>,
    /// The header names an id.
    id_header: bool,
    /// Every value so far is a code (a digit, no space, not a plain number).
    codes: bool,
}

impl Tally {
    fn new(header: &str) -> Self {
        let named_id = header
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ["id", "key", "identifier", "uuid"].contains(&w.to_lowercase().as_str()));
        let id_header = named_id || ID_NAMES.contains(&normalise(header).as_str());
        Self {
            non_blank: 0,
            samples: Vec::new(),
            yes_no: 0,
            numbers: 0,
            percent_signs: 0,
            dates: 0,
            range: None,
            date_range: None,
            distinct: Vec::new(),
            seen: HashSet::new(),
            over_cap: false,
            ids: Some(HashSet::new()),
            id_header,
            codes: true,
        }
    }

    fn add(&mut self, raw: &str) {
        let text = raw.trim();
        if text.is_empty() {
            self.ids = None;
            return;
        }
        self.non_blank += 1;
        if matches!(parse_yes_no(text), Some(Some(_))) {
            self.yes_no += 1;
        }
        let value = parse_grouped(strip_percent(text)).ok();
        if let Some(v) = value {
            self.numbers += 1;
            self.percent_signs += usize::from(text.ends_with('%'));
            self.range = Some(self.range.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        }
        if let Ok(d) = Date::parse_cell(text) {
            self.dates += 1;
            self.date_range = Some(self.date_range.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
        }
        self.codes &= value.is_none() && text.contains(|c: char| c.is_ascii_digit()) && !text.contains(char::is_whitespace);
        if self.ids.as_ref().is_some_and(|ids| ids.contains(text)) || !(self.id_header || self.codes) {
            self.ids = None;
        }
        if let Some(ids) = &mut self.ids {
            ids.insert(text.to_owned());
        }
        self.note_distinct(text);
    }

    fn note_distinct(&mut self, text: &str) {
        if self.seen.contains(text) {
            return;
        }
        if self.seen.len() >= DISTINCT_CAP {
            self.over_cap = true;
            return;
        }
        self.seen.insert(text.to_owned());
        if self.samples.len() < SAMPLES {
            self.samples.push(truncate(text, SAMPLE_CHARS));
        }
        if self.distinct.len() <= LISTED {
            self.distinct.push(truncate(text, SAMPLE_CHARS));
        }
    }

    fn kind(&self, rows: usize) -> ColumnKind {
        let n = self.non_blank;
        if n == 0 {
            ColumnKind::Empty
        } else if self.ids.is_some() && n == rows && n >= 2 {
            ColumnKind::Id
        } else if self.yes_no == n {
            ColumnKind::YesNo
        } else if self.numbers == n && self.percent_signs > 0 {
            ColumnKind::Percent
        } else if self.numbers == n {
            ColumnKind::Number
        } else if self.dates == n {
            ColumnKind::Date
        } else {
            ColumnKind::Text
        }
    }

    fn finish(self, header: &str, rows: usize) -> ColumnProfile {
        let kind = self.kind(rows);
        let spread = match (kind, self.range, self.date_range) {
            (ColumnKind::Number, Some((lo, hi)), _) => format!("{} to {}", readable(lo), readable(hi)),
            (ColumnKind::Percent, Some((lo, hi)), _) => format!("{}% to {}%", readable(lo), readable(hi)),
            (ColumnKind::Date, _, Some((lo, hi))) => format!("{lo} to {hi}"),
            (ColumnKind::Id, ..) => format!("all {} different", count(self.non_blank, "value", "values")),
            (ColumnKind::Empty, ..) => String::new(),
            _ if self.over_cap => format!("over {DISTINCT_CAP} different values"),
            _ if self.distinct.len() <= LISTED => self.distinct.join(" \u{b7} "),
            _ => format!("{} different values", self.seen.len()),
        };
        ColumnProfile {
            header: header.to_owned(),
            kind,
            samples: self.samples,
            blanks: rows - self.non_blank.min(rows),
            rows,
            spread,
            range: self.range,
            dates: self.date_range,
            shown: ShownColumn::default(),
        }
        .with_words()
    }
}

impl ColumnProfile {
    fn with_words(mut self) -> Self {
        self.shown = ShownColumn {
            samples: self.samples.join(" \u{b7} "),
            blanks: self.blank_words(),
            option: self.option_label(),
        };
        self
    }
}
