//! What the Book page holds between renders, and the pure transitions the page
//! drives: loading stages, the column mapping, bad-row policy, table options,
//! the selected account and the virtual table's window. No web dependency.

use std::rc::Rc;

use super::import::Table;
use super::mapping::Mapping;
use super::score::{BadRows, Book, RowVerdict, Scores};
use super::summary::{Filter, SortKey, ViewOptions};
use crate::model::Model;

/// Where `localStorage` keeps the last column mapping (serde JSON of [`Mapping`]).
pub const MAPPING_KEY: &str = "csql-calculator/mapping/v1";

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
    /// The file in use.
    pub loaded: Option<Loaded>,
    /// Which column feeds what.
    pub mapping: Mapping,
    /// Skip rows with bad values, or keep them with the value blank.
    pub policy: BadRows,
    /// Sort, filter and search of the table.
    pub options: ViewOptions,
    /// The account shown in detail (book row index).
    pub selected: Option<usize>,
    /// The text in the paste box.
    pub paste: String,
}

/// A change to the Book page.
#[derive(Clone, Debug, PartialEq)]
pub enum BookAction {
    /// A loading stage (reading, parsing, scoring, failed).
    Stage(Stage),
    /// A file was parsed; the mapping to use with it.
    Loaded(Loaded, Mapping),
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
}

impl BookState {
    /// Applies one action.
    pub fn apply(&mut self, action: BookAction) {
        match action {
            BookAction::Stage(stage) => self.stage = stage,
            BookAction::Loaded(loaded, mapping) => {
                self.loaded = Some(loaded);
                self.mapping = mapping;
                self.stage = Stage::Idle;
                self.selected = None;
            }
            BookAction::Map(target, column) => {
                target.set(&mut self.mapping, column.filter(|c| !c.is_empty()));
                self.selected = None;
            }
            BookAction::Policy(policy) => {
                self.policy = policy;
                self.selected = None;
            }
            BookAction::Sort(key) => {
                if self.options.sort == key {
                    self.options.descending = !self.options.descending;
                } else {
                    self.options.sort = key;
                    self.options.descending = key.descending_by_default();
                }
            }
            BookAction::Filter(filter) => {
                self.options.filter = filter;
            }
            BookAction::Search(text) => {
                self.options.search = text;
            }
            BookAction::Select(row) => self.selected = row,
            BookAction::Paste(text) => self.paste = text,
        }
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

/// Remembers the last valid scoring of a book, so the page can say which
/// accounts moved in or out of CSQL with the latest weight or threshold change.
#[derive(Clone, Debug, Default)]
pub struct History {
    book: Option<Rc<Book>>,
    current: Option<Rc<Scores>>,
    previous: Option<Rc<Scores>>,
}

impl History {
    /// Records `scores` of `book`, and returns the scoring before the last change
    /// (`None` for a new book or before any change). Invalid scorings (a weight
    /// being typed) are not recorded, so the comparison is with the last usable one.
    pub fn observe(&mut self, book: &Rc<Book>, scores: &Rc<Scores>) -> Option<Rc<Scores>> {
        let same_book = self.book.as_ref().is_some_and(|b| Rc::ptr_eq(b, book));
        if !same_book {
            self.book = Some(Rc::clone(book));
            self.current = None;
            self.previous = None;
        }
        if self.current.as_ref().is_some_and(|c| Rc::ptr_eq(c, scores)) {
            return self.previous.clone();
        }
        let valid = scores.problem.is_none() && !scores.verdicts.contains(&RowVerdict::Invalid);
        let changed = self
            .current
            .as_ref()
            .is_none_or(|c| c.scores != scores.scores || c.threshold != scores.threshold);
        if valid && changed {
            self.previous = self.current.replace(Rc::clone(scores));
        }
        self.previous.clone()
    }
}

/// Rows of the shown list the import error list leaves out, after [`SHOWN_ERRORS`].
#[must_use]
pub fn errors_not_shown(error_count: usize) -> usize {
    error_count.saturating_sub(SHOWN_ERRORS)
}

/// An account's detail: per component its score, weight share and points, the
/// total, and the required gates it misses.
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
    /// The verdict word.
    pub verdict: RowVerdict,
    /// Labels of required gates not met.
    pub missing_gates: Vec<String>,
    /// Labels of gates no column answers.
    pub unassessed_gates: Vec<String>,
}

/// The detail of account `row` for these weights (model order).
#[must_use]
pub fn detail(book: &Book, scores: &Scores, weights: &[f64], row: usize) -> Option<Detail> {
    if row >= book.len() {
        return None;
    }
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
    Some(Detail {
        id: book.id(row).to_owned(),
        name: book.name(row).to_owned(),
        parts,
        score: scores.scores.get(row).copied().filter(|_| usable),
        verdict: scores.verdicts.get(row).copied().unwrap_or(RowVerdict::Invalid),
        missing_gates: book.missing_gates(row).into_iter().map(str::to_owned).collect(),
        unassessed_gates: book.unassessed_gates(),
    })
}
