//! Scoring a whole book of accounts from a CSV file. Pure Rust, no web dependency.
//!
//! The flow the page drives:
//! 1. [`read_table`] reads the bytes (file or pasted text) into a [`Table`]:
//!    BOM stripped, delimiter detected, headers made unique.
//! 2. [`Mapping::auto`] matches headers to the model; the user may change any
//!    entry with the setters. The mapping is serde-serialisable, to save it.
//! 3. [`Book::build`] checks every row (reporting problems in an
//!    [`ImportReport`]) and pre-computes the component scores of every account.
//! 4. [`score_all`] applies component weights and the threshold: a dot product
//!    per row, cheap enough to run on every keystroke for 100,000 rows.
//! 5. [`view`], [`summarise`] and [`moved`] give the table, figures and changes;
//!    [`export_csv`] writes the scored book back out, and [`skipped_csv`] the
//!    rows the import left out, with the reason of each.
//!
//! [`import`] runs steps 1-3 with the automatic mapping. [`sample_csv`] makes a
//! deterministic demo book that auto-maps to the default model.
//!
//! One definition each, shared with the command-line scorer, which streams a
//! file of any size through the same pieces ([`score_csv`]): reading records
//! ([`TableReader`]), scoring one row ([`RowScorer`]), weights and verdict
//! ([`Weighting`]) and writing one scored row ([`ExportWriter`]).
//!
//! Rules, chosen and documented once here:
//! - **Id**: a row with a blank id is an error and is always skipped. A blank
//!   in any other column means "unanswered" (signals score 0, as in the
//!   calculator).
//! - **Bad values** (not a number, out of range, not yes/no): [`BadRows::Skip`]
//!   leaves the row out; [`BadRows::KeepEmpty`] keeps it with the value read
//!   as blank. Both report it. A row with the wrong number of fields, or not
//!   UTF-8, is skipped under either policy: its values cannot be placed.
//! - **Components** not fed by any mapped column score 0 for every account and
//!   are listed in [`Summary::missing_components`]. A mapped direct column wins
//!   over signal columns.
//! - **Gates**: an unmapped gate is *not assessed* and does not block (listed in
//!   [`Summary::unassessed_gates`]). A mapped required gate blocks (verdict
//!   `gates-missing`) when the cell says no or is blank.
//! - **Delimiter**: comma, semicolon or tab, whichever occurs most often outside
//!   quotes on the header line; see [`detect_delimiter`].

pub mod chart;
pub mod derived;
pub mod detail;
pub mod escape;
pub mod export;
pub mod flow;
pub mod import;
pub mod lists;
pub mod mapping;
pub mod outcomes;
pub mod profile;
pub mod proposal;
pub mod row;
pub mod sample;
pub mod score;
pub mod skipped;
pub mod state;
pub mod stream;
pub mod summary;
pub mod unmapped;
pub mod window;

use std::rc::Rc;

use thiserror::Error;

pub use derived::{choose_mapping, shape, Baseline, Derived, Loaded, Shared};
pub use detail::{detail, Detail};
pub use export::{export_csv, ExportWriter};
pub use flow::{ImportStage, Importing, Job, PASTED, ROWS_PER_STEP, SAMPLE};
pub use import::{detect_delimiter, read_table, Table, TableReader, TableRow, MAX_BYTES};
pub use mapping::{component_column, normalise, ComponentMapping, GateMapping, Mapping, SignalMapping, Target};
pub use outcomes::{csm_rows, period_choices, PeriodChoice, NO_OWNER};
pub use row::{BadRows, BookComponent, BookGate, GateStatus, RowError, RowFate, RowProblem, RowScorer, ScoredRow};
pub use sample::{
    default_sample, exp_portable, hidden_win_chance, sample_csv, SampleRows, SplitMix64, HIDDEN_INTERCEPT, HIDDEN_SLOPE, HIDDEN_WEIGHTS,
    SAMPLE_ACCOUNTS, SAMPLE_SEED,
};
pub use score::{score_all, score_all_required, score_rows, Book, ImportReport, Scores};
pub use skipped::{reason_column, skipped_csv};
pub use state::{BookEvent, BookState};
pub use stream::score_csv;
pub use summary::{
    matches, moved, passes, rank, summarise, view, Filter, Histogram, Moved, OwnerCount, SortKey, Summary, ViewOptions, NEAR_POINTS,
};
pub use window::{errors_not_shown, first_visible, rows_height, window, DEFAULT_VIEWPORT, OVERSCAN, ROW_HEIGHT, SHOWN_ERRORS};

use crate::model::core::date::Date;
use crate::model::Model;

/// Why a file cannot be read as a book at all (row problems are [`RowError`]s).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum BookError {
    /// The file is empty or holds only whitespace.
    #[error("the file is empty")]
    Empty,
    /// NUL bytes near the start: not a text file.
    #[error("this looks like a binary file, not CSV")]
    Binary,
    /// Text in another encoding than UTF-8 (Excel's plain "CSV" on Windows writes Windows-1252).
    #[error("this file is not UTF-8 text: save it from your spreadsheet as \u{201c}CSV UTF-8\u{201d} and try again")]
    NotUtf8,
    /// The file is larger than [`MAX_BYTES`].
    #[error("the file is too large ({} MB); the limit is {} MB", bytes / 1_048_576, limit / 1_048_576)]
    TooLarge {
        /// Size of the file in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A column name in the header row longer than [`import::MAX_HEADER_BYTES`] (its length in bytes).
    #[error("the first row is not a header: one of its column names is {0} bytes long, and a column name is at most {max} bytes", max = import::MAX_HEADER_BYTES)]
    LongHeader(usize),
    /// No header row was found (only blank lines).
    #[error("the file has no header row")]
    NoHeader,
    /// The CSV reader failed (not expected for in-memory input).
    #[error("the file cannot be read as CSV: {0}")]
    Unreadable(String),
    /// No column is mapped to the account id.
    #[error("choose the column that holds the account id")]
    NoIdColumn,
    /// The mapping names a column the file does not have.
    #[error("the file has no column \u{201c}{0}\u{201d}")]
    UnknownColumn(String),
    /// The model cannot score a book (a signal's sub-weight out of range).
    #[error("the model cannot score a book: {0}")]
    Model(String),
    /// The model's as-of date for recency signals is not a date.
    #[error("the model's as-of date cannot be used: {0}")]
    AsOf(crate::model::core::date::DateError),
    /// Writing the export failed.
    #[error("the export could not be written: {0}")]
    Write(String),
}

/// Reads `bytes`, maps columns automatically and builds the book: [`read_table`],
/// [`Mapping::auto`], then [`Book::build`] (recency signals at the model's
/// as-of date, or `today`).
///
/// # Errors
/// Any [`BookError`] of those steps (empty, binary, too large, no id column...).
pub fn import(bytes: &[u8], model: &Model, policy: BadRows, today: Date) -> Result<(Book, ImportReport), BookError> {
    let table = Rc::new(read_table(bytes)?);
    let mapping = Mapping::auto(&table.headers, model);
    Book::build(table, model, &mapping, policy, today)
}
