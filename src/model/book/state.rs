//! The Book page's state and its `update`: loading a file as a state machine
//! (read in chunks, yield, parse, yield, build and score), the column mapping,
//! bad-row policy, table options, the selected account, the baseline that
//! "moved" compares with, and the derived figures, kept up to date as the
//! model's weights and threshold change. No web dependency: `cargo test`
//! checks the whole flow, effects included.

use std::rc::Rc;

use crate::model::book::export::export_csv;
use crate::model::book::import::{Table, TableJob, MAX_BYTES};
use crate::model::book::mapping::Mapping;
use crate::model::book::score::{score_all, weights_and_threshold, BadRows, Book, BookBuilder, ImportReport, RowVerdict, Scores};
use crate::model::book::summary::{moved, summarise, view, Filter, Moved, SortKey, Summary, ViewOptions};
use crate::model::book::BookError;
use crate::model::core::effect::{Answer, CopyWhat, Effect, FileRef, StorageKey};
use crate::model::evidence::page::{EvidenceView, FitState, FLIPS_SHOWN};
use crate::model::evidence::{compare, flips_csv, ComparisonView, Scenario, MAX_COMPARED};
use crate::model::programme::Benchmarks;
use crate::model::sql::Dialect;
use crate::model::Model;

/// The Book page's effects.
pub type Effects = Vec<Effect<BookEvent>>;

/// Height of one table row in CSS pixels; `static/book.css` fixes rows at this height.
pub const ROW_HEIGHT: f64 = 36.0;

/// Rows rendered above and below the visible ones, so fast scrolling shows no gap.
pub const OVERSCAN: usize = 8;

/// Height of the table's scroll box before it is measured (CSS pixels).
pub const DEFAULT_VIEWPORT: f64 = 432.0;

/// At most this many row problems are listed; the rest are counted.
pub const SHOWN_ERRORS: usize = 100;

/// What the page is doing with a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Stage {
    /// Nothing in progress.
    #[default]
    Idle,
    /// Reading a file: its name and how far, 0-100.
    Reading(String, u8),
    /// Splitting the text into rows and columns.
    Parsing(String),
    /// Checking and scoring every row.
    Scoring(String),
    /// The last file could not be used; the sentence says why.
    Failed(String),
}

impl Stage {
    /// The status line for the user (`""` when idle).
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Self::Idle => String::new(),
            Self::Reading(name, pct) => format!("Reading {name}\u{2026} {pct}%"),
            Self::Parsing(name) => format!("Reading the rows of {name}\u{2026}"),
            Self::Scoring(name) => format!("Scoring {name}\u{2026}"),
            Self::Failed(why) => why.clone(),
        }
    }

    /// True while a file is being read, parsed or scored.
    #[must_use]
    pub fn busy(&self) -> bool {
        matches!(self, Self::Reading(..) | Self::Parsing(_) | Self::Scoring(_))
    }
}

/// One input of the model a column can feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Account id.
    Id,
    /// Account name.
    Name,
    /// Owner (CSM).
    Owner,
    /// Segment.
    Segment,
    /// Accepted by Sales (yes/no).
    Accepted,
    /// Closed-won (yes/no).
    Won,
    /// A component's direct 0-100 score, by component key.
    Direct(String),
    /// A signal: component key, signal key.
    Signal(String, String),
    /// A gate, by key.
    Gate(String),
}

impl Target {
    /// The column the mapping gives this target.
    #[must_use]
    pub fn get<'a>(&self, mapping: &'a Mapping) -> Option<&'a str> {
        match self {
            Self::Id => mapping.id.as_deref(),
            Self::Name => mapping.name.as_deref(),
            Self::Owner => mapping.owner.as_deref(),
            Self::Segment => mapping.segment.as_deref(),
            Self::Accepted => mapping.accepted.as_deref(),
            Self::Won => mapping.won.as_deref(),
            Self::Direct(c) => mapping.direct(c),
            Self::Signal(c, s) => mapping.signal(c, s),
            Self::Gate(g) => mapping.gate(g),
        }
    }

    /// Sets (or clears) the column of this target.
    pub fn set(&self, mapping: &mut Mapping, column: Option<String>) {
        match self {
            Self::Id => mapping.set_id(column),
            Self::Name => mapping.set_name(column),
            Self::Owner => mapping.set_owner(column),
            Self::Segment => mapping.set_segment(column),
            Self::Accepted => mapping.set_accepted(column),
            Self::Won => mapping.set_won(column),
            Self::Direct(c) => mapping.set_direct(c, column),
            Self::Signal(c, s) => mapping.set_signal(c, s, column),
            Self::Gate(g) => mapping.set_gate(g, column),
        }
    }
}

/// A file read into a table, with its name. Two are equal when they share the
/// same table (pointer), so comparing them is cheap whatever the file size.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// File name (or "pasted rows", "the sample book").
    pub name: String,
    /// The parsed file.
    pub table: Rc<Table>,
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && Rc::ptr_eq(&self.table, &other.table)
    }
}

/// A shared value compared by identity (pointer), for render memos and props:
/// comparing two books or scorings of 100,000 rows by content on every render
/// would cost more than the render.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Everything the Book page holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BookState {
    /// Loading progress or the last failure.
    pub stage: Stage,
    /// The file being read, while it is read.
    pub reading: Option<FileRef>,
    /// The file in use.
    pub loaded: Option<Loaded>,
    /// Which column feeds what.
    pub mapping: Mapping,
    /// The mapping last saved in the browser (JSON), offered to the next file.
    pub saved_mapping: Option<String>,
    /// Skip rows with bad values, or keep them with the value blank.
    pub policy: BadRows,
    /// Sort, filter and search of the table.
    pub options: ViewOptions,
    /// The account shown in detail (book row index).
    pub selected: Option<usize>,
    /// The text in the paste box.
    pub paste: String,
    /// What "moved" compares with: the book as loaded, or a pinned scoring.
    pub baseline: Option<Baseline>,
    /// Derived from the file, mapping, policy and model; kept up to date by
    /// [`BookState::sync`] so a render computes nothing.
    pub derived: Option<Derived>,
    /// "Fit weights to outcomes": idle, running, refused or ready.
    pub fit: FitState,
    /// Names of the scenarios chosen for comparison (two or three).
    pub compare: Vec<String>,
    /// The name typed for a new scenario.
    pub scenario_name: String,
    /// The evidence and the comparison, kept up to date by [`BookState::sync_evidence`].
    pub evidence: Option<EvidenceState>,
    /// The browser's date: recency signals are scored at it when the model
    /// leaves its as-of date blank.
    pub today: crate::model::core::date::Date,
    /// An import in progress, done a slice at a time.
    pub importing: Option<Importing>,
    /// Which folded panels are open: their content is built and drawn only then.
    pub open: OpenPanels,
    /// A file was just imported: its evidence is worked out after the book
    /// has been painted, so neither holds the page for long.
    pub evidence_deferred: bool,
    /// The warehouse the SQL export is written for.
    pub sql_dialect: Dialect,
    /// The table the SQL reads the accounts from, as typed.
    pub sql_table: String,
    /// The SQL and spreadsheet formulas for the loaded book's columns, kept
    /// up to date by [`BookState::sync`].
    pub exports: Option<Exports>,
}

/// The model written for where the accounts live: SQL for the warehouse and
/// formulas for a spreadsheet, against the loaded book's column mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Exports {
    /// One `SELECT` adding the score columns, or why it cannot be written.
    pub sql: Result<String, String>,
    /// The score and verdict formulas for row 2, or why they cannot be written.
    pub formulas: Result<(String, String), String>,
}

/// The Book page's folded panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// Which column feeds what.
    Mapping,
    /// The table behind the threshold sweep chart.
    SweepData,
    /// The SQL and spreadsheet formulas.
    Warehouse,
}

/// Which folded panels are open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenPanels {
    /// The column mapping.
    pub mapping: bool,
    /// The sweep's data table.
    pub sweep_data: bool,
    /// The warehouse export.
    pub warehouse: bool,
}

/// Rows read, or checked and scored, between two paints while a file is imported.
pub const ROWS_PER_STEP: usize = 10_000;

/// A job worked on a step at a time, shared by pointer: it changes in place,
/// so it is compared by identity. The page's views hold clones of the state,
/// so the finished job is taken out of its cell, not unwrapped from its `Rc`.
#[derive(Debug)]
pub struct Job<T>(pub Rc<std::cell::RefCell<Option<T>>>);

impl<T> Job<T> {
    fn new(job: T) -> Self {
        Self(Rc::new(std::cell::RefCell::new(Some(job))))
    }

    /// Works on the job, if it is still there.
    fn with<R>(&self, work: impl FnOnce(&mut T) -> R) -> Option<R> {
        self.0.borrow_mut().as_mut().map(work)
    }

    /// Takes the finished job out.
    fn take(&self) -> Option<T> {
        self.0.borrow_mut().take()
    }
}

impl<T> Clone for Job<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Job<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where an import stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Importing {
    /// Reading the file's records.
    Reading {
        /// The file's name.
        name: String,
        /// The reader.
        job: Job<TableJob>,
    },
    /// Checking and scoring its rows.
    Building {
        /// The file read.
        loaded: Loaded,
        /// The mapping chosen for it.
        mapping: Mapping,
        /// The book being built.
        builder: Job<BookBuilder>,
    },
}

/// The table the SQL export reads from unless the user names another.
pub const DEFAULT_TABLE: &str = "accounts";

/// The evidence of the current scoring and the chosen comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceState {
    /// The scores and targets it was built for.
    built_for: (Shared<Scores>, Option<Benchmarks>),
    /// Backtest, sweep chart, suggested threshold.
    pub view: Rc<EvidenceView>,
    /// The scenarios compared and what it was built for (the book, the scenarios).
    compared_for: Option<(Shared<Book>, Vec<Scenario>)>,
    /// The comparison of the chosen scenarios, or why it cannot be made.
    pub comparison: Option<Result<Rc<ComparisonView>, String>>,
}

/// The scoring "moved" compares with.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    /// The verdicts and scores then.
    pub scores: Shared<Scores>,
    /// Pinned by the user (`true`) or the book as loaded.
    pub pinned: bool,
}

/// What the page shows of a loaded file: the book (or why it cannot be
/// built), its scores for the current weights and threshold, the table order,
/// the summary and what moved since the baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    /// The inputs the book was built from: the file, mapping, policy and the model's shape.
    built_from: (Loaded, Mapping, BadRows, Model),
    /// The book and its import report, or why it cannot be built.
    pub book: Result<(Shared<Book>, Rc<ImportReport>), BookError>,
    /// The weights and threshold the scores are for (or why they are unusable).
    scored_with: Result<(Vec<f64>, f64), String>,
    /// Scores and verdicts per account.
    pub scores: Shared<Scores>,
    /// Counts, per owner, histogram.
    pub summary: Rc<Summary>,
    /// The table options the order is for.
    ordered_with: ViewOptions,
    /// Rows to show, in order.
    pub order: Shared<Vec<usize>>,
    /// What moved since the baseline, when there is a valid one.
    pub moved: Option<Rc<Moved>>,
    /// The baseline scores `moved` was counted against, so it is counted
    /// again only when the scores or the baseline change.
    moved_from: Option<Shared<Scores>>,
    /// Owners with accepted-by-Sales figures, when the file has owner and
    /// outcome columns (the Programme view can be filled from it).
    pub owners_with_outcomes: Option<usize>,
}

impl Derived {
    /// The built book, if the mapping allows one.
    #[must_use]
    pub fn book(&self) -> Option<&Shared<Book>> {
        self.book.as_ref().ok().map(|(book, _)| book)
    }
}

/// Something that happened on the Book page.
#[derive(Clone, Debug, PartialEq)]
pub enum BookEvent {
    /// A file was chosen or dropped.
    FileChosen(FileRef),
    /// Do the next slice of the import (after the page painted its status).
    Step,
    /// Load the paste box's text.
    LoadPaste,
    /// Load the sample book.
    LoadSample,
    /// Map a target to a column (or to none).
    Map(Target, Option<String>),
    /// Skip or keep rows with bad values.
    Policy(BadRows),
    /// Sort by a column: again on the same column flips the direction.
    Sort(SortKey),
    /// Show only some accounts.
    Filter(Filter),
    /// Search ids and names.
    Search(String),
    /// Show one account in detail, or none.
    Select(Option<usize>),
    /// The paste box changed.
    Paste(String),
    /// Download the scored book as CSV.
    Export,
    /// Download the rows the import left out, with the reason of each, as CSV.
    ExportSkipped,
    /// Compare from now on with the current scoring.
    PinBaseline,
    /// Compare with the book as loaded again.
    UnpinBaseline,
    /// Download the accounts that moved into or out of CSQL.
    ExportMovers,
    /// Fit the weights to the won outcomes.
    Fit,
    /// Run the next steps of the fit (after a paint).
    FitStep,
    /// Forget the fit's suggestion.
    DismissFit,
    /// Choose (or unchoose) a scenario for comparison, by name.
    ChooseScenario(String, bool),
    /// The name typed for a new scenario.
    ScenarioName(String),
    /// Download the accounts whose verdict differs between the compared scenarios.
    ExportFlips,
    /// Write the SQL for this warehouse (`duckdb`, `postgres`, `snowflake`, `bigquery`, `spark`).
    SqlDialect(String),
    /// Read from this table.
    SqlTable(String),
    /// Put the SQL on the clipboard.
    CopySql,
    /// Download the SQL.
    DownloadSql,
    /// Put the score formula (`false`) or the verdict formula (`true`) on the clipboard.
    CopyFormula(bool),
    /// A folded panel was opened (`true`) or closed.
    Open(Panel, bool),
    /// Work out the evidence of a book just imported (after it was painted).
    Evidence,
    /// The shell's answer to a file read.
    Answer(Answer),
}

/// The name shown for pasted rows.
pub const PASTED: &str = "the pasted rows";
/// The name shown for the sample book.
pub const SAMPLE: &str = "the sample book";

impl BookState {
    /// Handles one event with the current model; returns what the browser must do.
    pub fn update(&mut self, event: BookEvent, model: &Model) -> Effects {
        let effects = match event {
            BookEvent::FileChosen(file) => {
                if usize::try_from(file.size).map_or(true, |size| size > MAX_BYTES) {
                    self.stage = Stage::Failed(format!(
                        "{} cannot be used: {}.",
                        file.name,
                        BookError::TooLarge {
                            bytes: usize::try_from(file.size).unwrap_or(usize::MAX),
                            limit: MAX_BYTES
                        }
                    ));
                    return Vec::new();
                }
                self.stage = Stage::Reading(file.name.clone(), 0);
                self.reading = Some(file.clone());
                vec![Effect::ReadFile(file)]
            }
            BookEvent::Answer(answer) => self.answer(answer),
            BookEvent::LoadPaste => self.start_parse(PASTED.to_owned(), self.paste.clone().into_bytes()),
            BookEvent::LoadSample => self.start_parse(SAMPLE.to_owned(), crate::model::book::default_sample()),
            BookEvent::Step => self.import_step(model),
            BookEvent::Map(target, column) => {
                target.set(&mut self.mapping, column.filter(|c| !c.is_empty()));
                self.selected = None;
                self.save_mapping()
            }
            BookEvent::Policy(policy) => {
                self.policy = policy;
                self.selected = None;
                Vec::new()
            }
            BookEvent::Sort(key) => {
                if self.options.sort == key {
                    self.options.descending = !self.options.descending;
                } else {
                    self.options.sort = key;
                    self.options.descending = key.descending_by_default();
                }
                Vec::new()
            }
            BookEvent::Filter(filter) => {
                self.options.filter = filter;
                Vec::new()
            }
            BookEvent::Search(text) => {
                self.options.search = text;
                Vec::new()
            }
            BookEvent::Select(row) => {
                self.selected = row;
                row.map(|_| vec![Effect::Reveal("account-detail".to_owned())]).unwrap_or_default()
            }
            BookEvent::Paste(text) => {
                self.paste = text;
                Vec::new()
            }
            BookEvent::Export => self.export(),
            BookEvent::ExportSkipped => self.export_skipped(),
            BookEvent::PinBaseline => {
                if let Some(derived) = &self.derived {
                    self.baseline = Some(Baseline {
                        scores: derived.scores.clone(),
                        pinned: true,
                    });
                }
                Vec::new()
            }
            BookEvent::UnpinBaseline => {
                self.baseline = None;
                Vec::new()
            }
            BookEvent::ExportMovers => self.export_movers(),
            BookEvent::Fit => self.start_fit(model),
            BookEvent::FitStep => {
                let (Some(book), Ok((weights, threshold))) =
                    (self.derived.as_ref().and_then(Derived::book).cloned(), weights_and_threshold(model))
                else {
                    self.fit = FitState::Idle;
                    return Vec::new();
                };
                if self.fit.advance(&book, &weights, threshold) {
                    vec![Effect::Yield(BookEvent::FitStep)]
                } else {
                    Vec::new()
                }
            }
            BookEvent::DismissFit => {
                self.fit = FitState::Idle;
                Vec::new()
            }
            BookEvent::ChooseScenario(name, on) => {
                self.compare.retain(|n| *n != name);
                if on {
                    if self.compare.len() >= MAX_COMPARED {
                        self.compare.remove(0);
                    }
                    self.compare.push(name);
                }
                Vec::new()
            }
            BookEvent::ScenarioName(name) => {
                self.scenario_name = name.chars().take(crate::model::core::limits::MAX_NAME_LEN).collect();
                Vec::new()
            }
            BookEvent::ExportFlips => self.export_flips(),
            BookEvent::SqlDialect(key) => {
                if let Some(dialect) = Dialect::from_key(&key) {
                    self.sql_dialect = dialect;
                }
                Vec::new()
            }
            BookEvent::SqlTable(text) => {
                self.sql_table = text.chars().take(crate::model::sql::MAX_NAME_BYTES).collect();
                Vec::new()
            }
            BookEvent::CopySql => match self.exports.as_ref().map(|e| &e.sql) {
                Some(Ok(sql)) => vec![Effect::CopyText(CopyWhat::Sql, sql.clone())],
                _ => Vec::new(),
            },
            BookEvent::DownloadSql => match self.exports.as_ref().map(|e| &e.sql) {
                Some(Ok(sql)) => vec![Effect::Download {
                    file_name: format!("csql-{}.sql", self.sql_dialect.key()),
                    mime: "application/sql",
                    text: sql.clone(),
                }],
                _ => Vec::new(),
            },
            BookEvent::Evidence => {
                self.evidence_deferred = false;
                Vec::new()
            }
            BookEvent::Open(panel, open) => {
                match panel {
                    Panel::Mapping => self.open.mapping = open,
                    Panel::SweepData => self.open.sweep_data = open,
                    Panel::Warehouse => self.open.warehouse = open,
                }
                Vec::new()
            }
            BookEvent::CopyFormula(verdict) => match self.exports.as_ref().map(|e| &e.formulas) {
                Some(Ok((score, word))) => vec![Effect::CopyText(
                    CopyWhat::Formula,
                    if verdict { word.clone() } else { score.clone() },
                )],
                _ => Vec::new(),
            },
        };
        self.sync(model);
        effects
    }

    fn start_fit(&mut self, model: &Model) -> Effects {
        let (Some(book), Ok((weights, _))) = (self.derived.as_ref().and_then(Derived::book), weights_and_threshold(model)) else {
            return Vec::new();
        };
        self.fit = FitState::start(book, weights);
        vec![Effect::Yield(BookEvent::FitStep)]
    }

    fn export_flips(&self) -> Effects {
        let (Some(derived), Some(evidence)) = (&self.derived, &self.evidence) else {
            return Vec::new();
        };
        let (Some(book), Some((_, scenarios))) = (derived.book(), &evidence.compared_for) else {
            return Vec::new();
        };
        compare(book, scenarios)
            .ok()
            .and_then(|comparison| flips_csv(book, &comparison).ok())
            .map(|bytes| Effect::Download {
                file_name: format!("{}-flips.csv", self.stem()),
                mime: "text/csv",
                text: String::from_utf8_lossy(&bytes).into_owned(),
            })
            .into_iter()
            .collect()
    }

    /// Brings the evidence up to date with the scoring, the team's targets
    /// and the scenarios chosen for comparison; rebuilds only what changed.
    pub fn sync_evidence(&mut self, model: &Model, targets: Option<&Benchmarks>, scenarios: &[Scenario]) {
        if self.evidence_deferred {
            return;
        }
        let Some(derived) = &self.derived else {
            self.evidence = None;
            return;
        };
        let Some(book) = derived.book().cloned() else {
            self.evidence = None;
            return;
        };
        let built_for = (derived.scores.clone(), targets.cloned());
        let view = match &self.evidence {
            Some(e) if e.built_for == built_for => Rc::clone(&e.view),
            _ => {
                let threshold = weights_and_threshold(model).map_or(derived.scores.threshold, |(_, t)| t);
                let table = targets.cloned().unwrap_or_default();
                Rc::new(EvidenceView::new(&book, &derived.scores, threshold, &table))
            }
        };
        // The chosen scenarios, in the order they were chosen, that still exist.
        let chosen: Vec<Scenario> = self
            .compare
            .iter()
            .filter_map(|name| scenarios.iter().find(|s| s.name == *name).cloned())
            .collect();
        let compared_for = (chosen.len() >= 2).then(|| (book.clone(), chosen));
        let comparison = match &self.evidence {
            Some(e) if e.compared_for == compared_for => e.comparison.clone(),
            _ => compared_for.as_ref().map(|(book, chosen)| {
                compare(book, chosen)
                    .map(|c| Rc::new(ComparisonView::new(book, &c, FLIPS_SHOWN)))
                    .map_err(|e| e.to_string())
            }),
        };
        self.evidence = Some(EvidenceState {
            built_for,
            view,
            compared_for,
            comparison,
        });
    }

    fn start_parse(&mut self, name: String, bytes: Vec<u8>) -> Effects {
        match TableJob::new(bytes) {
            Ok(job) => {
                self.stage = Stage::Parsing(name.clone());
                self.importing = Some(Importing::Reading { name, job: Job::new(job) });
                vec![Effect::Yield(BookEvent::Step)]
            }
            Err(e) => {
                self.stage = Stage::Failed(format!("{name} cannot be used: {e}."));
                Vec::new()
            }
        }
    }

    /// The next slice of an import: reading records, then checking and
    /// scoring rows, [`ROWS_PER_STEP`] at a time with a paint between.
    fn import_step(&mut self, model: &Model) -> Effects {
        match self.importing.take() {
            None => Vec::new(),
            Some(Importing::Reading { name, job }) => {
                let done = match job.with(|job| job.step(ROWS_PER_STEP)) {
                    Some(Ok(done)) => done,
                    Some(Err(e)) => {
                        self.stage = Stage::Failed(format!("{name} cannot be used: {e}."));
                        return Vec::new();
                    }
                    None => return Vec::new(),
                };
                if !done {
                    self.importing = Some(Importing::Reading { name, job });
                    return vec![Effect::Yield(BookEvent::Step)];
                }
                let Some(table) = job.take().map(TableJob::finish) else {
                    return Vec::new();
                };
                let mapping = choose_mapping(self.saved_mapping.as_deref(), &table, model);
                let loaded = Loaded {
                    name: name.clone(),
                    table: Rc::new(table),
                };
                self.stage = Stage::Scoring(name);
                match BookBuilder::new(Rc::clone(&loaded.table), &shape(model), &mapping, self.policy, self.today) {
                    Ok(builder) => {
                        self.importing = Some(Importing::Building {
                            loaded,
                            mapping,
                            builder: Job::new(builder),
                        });
                        vec![Effect::Yield(BookEvent::Step)]
                    }
                    // The mapping does not fit the file (no id column): show the
                    // mapping with its problem, as after any mapping change.
                    Err(_) => self.use_file(loaded, mapping, None, model),
                }
            }
            Some(Importing::Building { loaded, mapping, builder }) => {
                if builder.with(|builder| builder.step(ROWS_PER_STEP)) == Some(false) {
                    self.importing = Some(Importing::Building { loaded, mapping, builder });
                    return vec![Effect::Yield(BookEvent::Step)];
                }
                let built = builder.take().map(BookBuilder::finish);
                self.use_file(loaded, mapping, built, model)
            }
        }
    }

    /// Shows a file that has been read (and its book, when built in steps).
    fn use_file(&mut self, loaded: Loaded, mapping: Mapping, built: Option<(Book, ImportReport)>, model: &Model) -> Effects {
        self.loaded = Some(loaded.clone());
        self.mapping = mapping;
        self.stage = Stage::Idle;
        self.selected = None;
        self.baseline = None;
        if let Some((book, report)) = built {
            let owners_with_outcomes = crate::model::book::csm_rows(&book).map(|rows| rows.len());
            // Installed as built from what sync would build it from, so sync
            // keeps it and goes on to score it.
            self.derived = Some(Derived {
                built_from: (loaded, self.mapping.clone(), self.policy, shape(model)),
                book: Ok((Shared(Rc::new(book)), Rc::new(report))),
                scored_with: Err(String::new()),
                scores: Shared(Rc::new(Scores::default())),
                summary: Rc::new(Summary::default()),
                ordered_with: self.options.clone(),
                order: Shared(Rc::new(Vec::new())),
                moved: None,
                moved_from: None,
                owners_with_outcomes,
            });
            self.fit = FitState::Idle;
            self.evidence = None;
            self.evidence_deferred = true;
        }
        let mut effects = self.save_mapping();
        if self.evidence_deferred {
            effects.push(Effect::Yield(BookEvent::Evidence));
        }
        effects
    }

    fn answer(&mut self, answer: Answer) -> Effects {
        let Some(file) = self.reading.clone() else { return Vec::new() };
        match answer {
            Answer::FileProgress(id, pct) if id == file.id => {
                self.stage = Stage::Reading(file.name, pct.min(100));
                Vec::new()
            }
            Answer::FileRead(id, bytes) if id == file.id => {
                self.reading = None;
                self.start_parse(file.name, bytes)
            }
            Answer::FileFailed(id) if id == file.id => {
                self.reading = None;
                self.stage = Stage::Failed(format!("{} could not be read.", file.name));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn save_mapping(&mut self) -> Effects {
        let Ok(json) = serde_json::to_string(&self.mapping) else {
            return Vec::new();
        };
        if self.saved_mapping.as_deref() == Some(json.as_str()) {
            return Vec::new();
        }
        self.saved_mapping = Some(json.clone());
        vec![Effect::Save {
            key: StorageKey::Mapping,
            text: json,
        }]
    }

    /// The file name stem for downloads: `accounts` for `accounts.csv`, `book` for samples and pastes.
    fn stem(&self) -> String {
        let name = self.loaded.as_ref().map_or("book", |l| l.name.as_str());
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        if stem.starts_with("the ") {
            "book".to_owned()
        } else {
            stem.to_owned()
        }
    }

    fn export(&self) -> Effects {
        let Some(derived) = &self.derived else { return Vec::new() };
        let Some(book) = derived.book() else { return Vec::new() };
        export_csv(book, &derived.scores)
            .map(|bytes| Effect::Download {
                file_name: format!("{}-scored.csv", self.stem()),
                mime: "text/csv",
                text: String::from_utf8_lossy(&bytes).into_owned(),
            })
            .into_iter()
            .collect()
    }

    fn export_skipped(&self) -> Effects {
        let Some(derived) = &self.derived else { return Vec::new() };
        let Some(book) = derived.book() else { return Vec::new() };
        crate::model::book::skipped_csv(book)
            .map(|bytes| Effect::Download {
                file_name: format!("{}-skipped.csv", self.stem()),
                mime: "text/csv",
                text: String::from_utf8_lossy(&bytes).into_owned(),
            })
            .into_iter()
            .collect()
    }

    fn export_movers(&self) -> Effects {
        let Some(derived) = &self.derived else { return Vec::new() };
        let (Some(book), Some(baseline)) = (derived.book(), &self.baseline) else {
            return Vec::new();
        };
        let text = crate::model::book::lists::movers_csv(book, &baseline.scores, &derived.scores);
        vec![Effect::Download {
            file_name: format!("{}-moved.csv", self.stem()),
            mime: "text/csv",
            text,
        }]
    }

    /// Brings the derived figures up to date with the file, mapping, policy
    /// and model: rebuilds the book only when the file, mapping, policy or the
    /// model's shape changed, rescores only when the book or the weights and
    /// threshold changed, and reorders when the scores or table options did.
    pub fn sync(&mut self, model: &Model) {
        let Some(loaded) = &self.loaded else {
            self.derived = None;
            return;
        };
        let built_from = (loaded.clone(), self.mapping.clone(), self.policy, shape(model));
        let rebuild = self.derived.as_ref().is_none_or(|d| d.built_from != built_from);
        let book = if rebuild {
            self.baseline = None;
            self.fit = FitState::Idle;
            Book::build(Rc::clone(&loaded.table), &built_from.3, &self.mapping, self.policy, self.today)
                .map(|(book, report)| (Shared(Rc::new(book)), Rc::new(report)))
        } else {
            match &self.derived {
                Some(d) => d.book.clone(),
                None => return,
            }
        };
        let criteria = weights_and_threshold(model);
        let rescore = rebuild || self.derived.as_ref().is_none_or(|d| d.scored_with != criteria);
        let Ok((built, _)) = &book else {
            self.derived = Some(Derived {
                built_from,
                book,
                scored_with: criteria,
                scores: Shared(Rc::new(Scores::default())),
                summary: Rc::new(Summary::default()),
                ordered_with: self.options.clone(),
                order: Shared(Rc::new(Vec::new())),
                moved: None,
                moved_from: None,
                owners_with_outcomes: None,
            });
            self.exports = None;
            return;
        };
        let scores = match (&self.derived, rescore) {
            (Some(d), false) => d.scores.clone(),
            _ => Shared(Rc::new(rescore_book(built, &criteria))),
        };
        if self.baseline.is_none() && scores.problem.is_none() {
            self.baseline = Some(Baseline {
                scores: scores.clone(),
                pinned: false,
            });
        }
        let summary = match (&self.derived, rescore) {
            (Some(d), false) => Rc::clone(&d.summary),
            _ => Rc::new(summarise(built, &scores)),
        };
        let owners_with_outcomes = match &self.derived {
            Some(d) if !rebuild => d.owners_with_outcomes,
            _ => crate::model::book::csm_rows(built).map(|rows| rows.len()),
        };
        let order = match &self.derived {
            Some(d) if !rescore && d.ordered_with == self.options => d.order.clone(),
            _ => Shared(Rc::new(view(built, &scores, &self.options))),
        };
        let moved_from = self
            .baseline
            .as_ref()
            .filter(|b| scores.problem.is_none() && b.scores.verdicts.len() == scores.verdicts.len())
            .map(|b| b.scores.clone());
        let moved = match (&self.derived, &moved_from) {
            (Some(d), Some(_)) if !rescore && d.moved_from == moved_from => d.moved.clone(),
            (_, Some(before)) => Some(Rc::new(moved(built, before, &scores))),
            (_, None) => None,
        };
        self.derived = Some(Derived {
            built_from,
            book,
            scored_with: criteria,
            scores,
            summary,
            ordered_with: self.options.clone(),
            order,
            moved,
            moved_from,
            owners_with_outcomes,
        });
        // Written only while the panel is open: a weight change rewrites the SQL.
        self.exports = self.open.warehouse.then(|| self.exports_for(model, &loaded.table.headers));
    }

    /// The SQL and formulas for the current model and mapping.
    fn exports_for(&self, model: &Model, headers: &[String]) -> Exports {
        let table = if self.sql_table.trim().is_empty() {
            DEFAULT_TABLE
        } else {
            self.sql_table.trim()
        };
        Exports {
            sql: crate::model::sql::to_sql(model, Some(&self.mapping), self.sql_dialect, table).map_err(|e| e.to_string()),
            formulas: crate::model::sql::spreadsheet::formulas(model, &self.mapping, headers, 2)
                .map(|f| (f.score, f.verdict))
                .map_err(|e| e.to_string()),
        }
    }
}

/// Scores for these criteria, or every account invalid with the reason.
fn rescore_book(book: &Book, criteria: &Result<(Vec<f64>, f64), String>) -> Scores {
    match criteria {
        Ok((weights, threshold)) => score_all(book, weights, *threshold),
        Err(problem) => Scores {
            threshold: 0.0,
            scores: vec![0.0; book.len()],
            verdicts: vec![RowVerdict::Invalid; book.len()],
            problem: Some(problem.clone()),
        },
    }
}

/// The mapping for a newly read file: the saved one (JSON from storage) when
/// every column it names is in the file and it has an id column; otherwise the
/// automatic match.
#[must_use]
pub fn choose_mapping(saved: Option<&str>, table: &Table, model: &Model) -> Mapping {
    saved
        .and_then(|json| serde_json::from_str::<Mapping>(json).ok())
        .filter(|m| m.resolve(&table.headers, model).is_ok())
        .unwrap_or_else(|| Mapping::auto(&table.headers, model))
}

/// The parts of a model a [`Book`] depends on: components, signals and gates,
/// without weights, threshold or the calculator's own inputs. When this changes,
/// the book must be rebuilt; when only weights or threshold change, a rescore is enough.
#[must_use]
pub fn shape(model: &Model) -> Model {
    let mut shape = model.clone();
    shape.threshold.clear();
    for c in &mut shape.components {
        c.weight.clear();
        c.direct.clear();
        c.mode = crate::model::ScoreMode::Signals;
        for s in &mut c.signals {
            s.value.clear();
        }
    }
    for g in &mut shape.gates {
        g.met = false;
    }
    shape
}

/// The rows to render for a scroll position: `(first, end)` with `end`
/// exclusive, [`OVERSCAN`] rows either side of those visible in a box of
/// `viewport` pixels whose first visible row is `first_visible`.
#[must_use]
pub fn window(first_visible: usize, viewport: f64, total: usize) -> (usize, usize) {
    let viewport = if viewport.is_finite() && viewport > 0.0 {
        viewport
    } else {
        DEFAULT_VIEWPORT
    };
    // Truncation intended: whole rows; the value is small and positive.
    let visible = (viewport / ROW_HEIGHT).ceil() as usize + 1;
    let first = first_visible.min(total).saturating_sub(OVERSCAN);
    let end = (first_visible + visible + OVERSCAN).min(total);
    (first.min(end), end)
}

/// The first visible row for a scroll offset in pixels.
#[must_use]
pub fn first_visible(scroll_top: f64) -> usize {
    if scroll_top.is_finite() && scroll_top > 0.0 {
        // Truncation intended: the row the top edge is in.
        (scroll_top / ROW_HEIGHT) as usize
    } else {
        0
    }
}

/// Height in pixels of `rows` table rows (a spacer standing in for them).
#[must_use]
pub fn rows_height(rows: usize) -> u64 {
    // Row counts stay far below 2^52.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let px = (rows as f64 * ROW_HEIGHT) as u64;
    px
}

/// Rows of the shown list the import error list leaves out, after [`SHOWN_ERRORS`].
#[must_use]
pub fn errors_not_shown(error_count: usize) -> usize {
    error_count.saturating_sub(SHOWN_ERRORS)
}

/// An account's detail: per component its score, weight share and points, the
/// total, the verdict in words, the gates, and the signals as the file gives them.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    /// Account id.
    pub id: String,
    /// Account name.
    pub name: String,
    /// Per component: name, score 0-100, points (score times its share of the weights).
    pub parts: Vec<(String, f64, Option<f64>)>,
    /// The CSQL score, if the weights are usable.
    pub score: Option<f64>,
    /// The verdict.
    pub verdict: RowVerdict,
    /// The verdict as people read it ([`Book::verdict_label`]: a CSQL whose
    /// required gates were not all assessed says so).
    pub verdict_label: &'static str,
    /// Labels of required gates not met.
    pub missing_gates: Vec<String>,
    /// Labels of gates no column answers.
    pub unassessed_gates: Vec<String>,
    /// Labels of the required gates among them.
    pub unassessed_required: Vec<String>,
    /// Per input: component name, input label, the file's text (`None`: no column).
    pub inputs: Vec<(String, String, Option<String>)>,
}

impl Detail {
    /// The gates in a sentence: which required gates are not met, or that
    /// none is, and which required gates were not assessed (no column).
    #[must_use]
    pub fn gates_line(&self) -> String {
        let missing = if self.missing_gates.is_empty() {
            if self.unassessed_required.is_empty() {
                "No required gate is missing.".to_owned()
            } else {
                "No required gate this file answers is missing.".to_owned()
            }
        } else {
            format!("Required gates not met: {}.", self.missing_gates.join(", "))
        };
        if self.unassessed_required.is_empty() {
            missing
        } else {
            format!(
                "{missing} Not assessed, no column in the file: {}.",
                crate::model::core::format::listed(&self.unassessed_required)
            )
        }
    }

    /// The signals as the file gives them, per component: each input's label
    /// and its text (`blank` when the cell is empty, `no column` when no column
    /// feeds it), for the detail's table.
    #[must_use]
    pub fn signal_groups(&self) -> Vec<(String, Vec<(String, String)>)> {
        let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for (component, label, value) in &self.inputs {
            let shown = match value {
                Some(v) if !v.is_empty() => v.clone(),
                Some(_) => "blank".to_owned(),
                None => "no column".to_owned(),
            };
            match groups.last_mut() {
                Some((name, rows)) if name == component => rows.push((label.clone(), shown)),
                _ => groups.push((component.clone(), vec![(label.clone(), shown)])),
            }
        }
        groups
    }
}

/// The detail of account `row` for the model's weights; `model` is the model
/// the book was built with.
#[must_use]
pub fn detail(book: &Book, scores: &Scores, model: &Model, row: usize) -> Option<Detail> {
    if row >= book.len() {
        return None;
    }
    let weights = weights_and_threshold(model).map(|(w, _)| w).unwrap_or_default();
    let total: f64 = weights.iter().sum();
    let usable = scores.problem.is_none() && total.is_finite() && total > 0.0;
    let parts = book
        .components()
        .iter()
        .zip(book.component_scores(row))
        .enumerate()
        .map(|(i, (c, s))| {
            let points = weights.get(i).filter(|_| usable).map(|w| s * w / total);
            (c.name.clone(), *s, points)
        })
        .collect();
    let verdict = scores.verdicts.get(row).copied().unwrap_or(RowVerdict::Invalid);
    Some(Detail {
        id: book.id(row).to_owned(),
        name: book.name(row).to_owned(),
        parts,
        score: scores.scores.get(row).copied().filter(|_| usable),
        verdict,
        verdict_label: book.verdict_label(verdict),
        missing_gates: book.missing_gates(row).into_iter().map(str::to_owned).collect(),
        unassessed_gates: book.unassessed_gates(),
        unassessed_required: book.unassessed_required(),
        inputs: book
            .inputs(row, model)
            .into_iter()
            .map(|(c, l, v)| (c.to_owned(), l.to_owned(), v.map(str::to_owned)))
            .collect(),
    })
}
