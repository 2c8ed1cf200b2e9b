//! Turning a [`Table`] into a scored [`Book`]: validation per row, component
//! scores pre-computed once, and the fast rescore [`score_all`].

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::model::book::import::{Table, TableRow};
use crate::model::book::mapping::{Mapping, Resolved, Source};
// Re-exported for the modules that have always found it here (the book state).
pub use crate::model::book::row::BadRows;
use crate::model::book::row::{BookComponent, BookGate, GateStatus, RowError, RowFate, RowScorer, ScoredRow};
use crate::model::book::BookError;
use crate::model::core::date::Date;
use crate::model::core::weighting::{VerdictKind, Weighting, WeightingError};
use crate::model::Model;

/// At most this many [`RowError`]s are kept in an [`ImportReport`]; the rest are
/// only counted in [`ImportReport::error_count`].
pub const MAX_ERRORS: usize = 1000;

/// What the import did. `rows_read == imported + skipped`: nothing is dropped silently.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Data rows read (blank rows such as `,,,` are not counted; see `blank_rows`).
    pub rows_read: usize,
    /// Rows in the book.
    pub imported: usize,
    /// Rows left out because of an error.
    pub skipped: usize,
    /// Rows kept with at least one bad value read as blank ([`BadRows::KeepEmpty`]).
    pub kept_with_blanks: usize,
    /// Rows whose fields were all blank, ignored.
    pub blank_rows: usize,
    /// The first [`MAX_ERRORS`] problems, in file order.
    pub errors: Vec<RowError>,
    /// All problems found, including those not kept in `errors`.
    pub error_count: usize,
    /// Ids found on more than one imported row (each row is still scored), the
    /// first ten in sorted order.
    pub duplicate_ids: Vec<String>,
    /// How many ids are found on more than one row.
    pub duplicate_count: usize,
}

impl ImportReport {
    /// Counts one scored row and takes its errors (keeping the first
    /// [`MAX_ERRORS`] of the whole file).
    pub fn add(&mut self, row: &mut ScoredRow) {
        self.rows_read += 1;
        match row.fate {
            RowFate::Kept => self.imported += 1,
            RowFate::KeptWithBlanks => {
                self.imported += 1;
                self.kept_with_blanks += 1;
            }
            RowFate::Skipped => self.skipped += 1,
        }
        self.error_count += row.errors.len();
        let room = MAX_ERRORS.saturating_sub(self.errors.len());
        let take = row.errors.len().min(room);
        self.errors.extend(row.errors.drain(..take));
        row.errors.clear();
    }
}

/// A whole book of accounts, read and pre-scored.
///
/// Component scores are computed once, here, from the signals exactly as
/// [`crate::model::evaluate`] does (weighted mean by signal weight, unanswered
/// and unmapped signals counted as 0) or taken from a direct column (blank = 0).
/// They do not depend on component weights or the threshold, so a rescore
/// ([`score_all`]) is a dot product per row.
///
/// Gates: an unmapped gate is "not assessed" and never blocks; a mapped required
/// gate blocks (verdict `gates-missing`) when its cell is no or blank.
/// Rebuild the book when signal weights, gates or the mapping change.
#[derive(Clone, Debug, PartialEq)]
pub struct Book {
    table: Rc<Table>,
    mapping: Mapping,
    /// How the rows were read: kept to give the reasons of the skipped rows
    /// again ([`Book::skipped`]) without copying them at import.
    scorer: RowScorer,
    /// The bad-row policy the book was built with.
    policy: BadRows,
    resolved: Resolved,
    /// Index into `table.rows` of each kept row.
    rows: Vec<usize>,
    components: Vec<BookComponent>,
    gates: Vec<BookGate>,
    /// Row-major, `components.len()` per row.
    component_scores: Vec<f64>,
    /// Row-major, `gates.len()` per row.
    gate_status: Vec<GateStatus>,
    /// Per row: a required gate is not met.
    blocked: Vec<bool>,
    accepted: Vec<Option<bool>>,
    won: Vec<Option<bool>>,
    /// Distinct owners (trimmed; `""` for none), in order of first appearance.
    owners: Vec<String>,
    /// Per row: index into `owners`.
    owner_of: Vec<u32>,
    /// Indices into `owners`, the owners A to Z (by bytes): sorted once here,
    /// not on every rescore.
    owners_by_name: Vec<u32>,
    /// Per row: lower-case `id` and `name`, for search.
    search_keys: Vec<String>,
}

impl Book {
    /// Builds a book from a table, a model and a mapping, in one go; see
    /// [`BookBuilder`] for the same in steps.
    ///
    /// Each row is checked: a blank id, a wrong field count or unreadable text
    /// skip the row whatever the policy; a bad value (not a number, out of range,
    /// not yes/no) skips the row under [`BadRows::Skip`] or is read as blank under
    /// [`BadRows::KeepEmpty`]. Every problem is reported with row, line and column.
    ///
    /// # Errors
    /// [`BookError::NoIdColumn`] when no id column is mapped,
    /// [`BookError::UnknownColumn`] when the mapping names a column the file lacks,
    /// [`BookError::Model`] when a signal's sub-weight is out of range (only a
    /// model that skipped the document check has one),
    /// [`BookError::AsOf`] when the model's as-of date is not a date.
    pub fn build(
        table: Rc<Table>,
        model: &Model,
        mapping: &Mapping,
        policy: BadRows,
        today: Date,
    ) -> Result<(Self, ImportReport), BookError> {
        let mut builder = BookBuilder::new(table, model, mapping, policy, today)?;
        builder.step(usize::MAX);
        Ok(builder.finish())
    }

    /// Number of accounts in the book.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the book holds no account.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table the book was built from (headers, delimiter, raw rows).
    #[must_use]
    pub fn table(&self) -> &Rc<Table> {
        &self.table
    }

    /// The mapping the book was built with.
    #[must_use]
    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// The components, in model order, with whether the file feeds them.
    #[must_use]
    pub fn components(&self) -> &[BookComponent] {
        &self.components
    }

    /// The gates, in model order, with whether they are assessed.
    #[must_use]
    pub fn gates(&self) -> &[BookGate] {
        &self.gates
    }

    /// Names of the components the file does not feed (each scores 0).
    #[must_use]
    pub fn missing_components(&self) -> Vec<String> {
        self.components.iter().filter(|c| c.missing).map(|c| c.name.clone()).collect()
    }

    /// Labels of the gates no column answers: not assessed, they do not block.
    #[must_use]
    pub fn unassessed_gates(&self) -> Vec<String> {
        self.gates.iter().filter(|g| !g.assessed).map(|g| g.label.clone()).collect()
    }

    /// Labels of the *required* gates no column answers: a CSQL of this book
    /// reaches the threshold and meets the required gates the file answers,
    /// but was never checked against these.
    #[must_use]
    pub fn unassessed_required(&self) -> Vec<String> {
        self.gates
            .iter()
            .filter(|g| g.required && !g.assessed)
            .map(|g| g.label.clone())
            .collect()
    }

    /// The verdict of an account of this book as people read it: a CSQL is
    /// "CSQL, gates not assessed" when a required gate has no column
    /// ([`VerdictKind::label_unassessed`]); other verdicts as [`VerdictKind::label`].
    #[must_use]
    pub fn verdict_label(&self, verdict: VerdictKind) -> &'static str {
        verdict.label_unassessed(self.gates.iter().any(|g| g.required && !g.assessed))
    }

    /// The raw text of column `column` in account `row` (`""` when out of range).
    #[must_use]
    pub fn field(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|&i| self.table.rows.get(i))
            .and_then(|r| r.record.as_ref())
            .and_then(|r| r.get(column))
            .unwrap_or("")
    }

    /// The original record of account `row`.
    #[must_use]
    pub fn record(&self, row: usize) -> Option<&csv::StringRecord> {
        self.table.rows.get(*self.rows.get(row)?)?.record.as_ref()
    }

    fn mapped(&self, row: usize, column: Option<usize>) -> &str {
        column.map_or("", |c| self.field(row, c).trim())
    }

    /// Account id (trimmed).
    #[must_use]
    pub fn id(&self, row: usize) -> &str {
        self.mapped(row, Some(self.resolved.id))
    }

    /// Account name (trimmed; `""` when unmapped or blank).
    #[must_use]
    pub fn name(&self, row: usize) -> &str {
        self.mapped(row, self.resolved.name)
    }

    /// Owner (CSM) (trimmed; `""` when unmapped or blank).
    #[must_use]
    pub fn owner(&self, row: usize) -> &str {
        self.owners.get(self.owner_index(row)).map_or("", String::as_str)
    }

    /// The distinct owners of the book (trimmed; `""` stands for no owner), in
    /// order of first appearance; [`Book::owner_index`] points into it.
    #[must_use]
    pub fn owners(&self) -> &[String] {
        &self.owners
    }

    /// Indices into [`Book::owners`], the owners A to Z (by bytes).
    #[must_use]
    pub fn owners_by_name(&self) -> &[u32] {
        &self.owners_by_name
    }

    /// Account `row`'s owner as an index into [`Book::owners`] (past its end
    /// when `row` is out of range).
    #[must_use]
    pub fn owner_index(&self, row: usize) -> usize {
        self.owner_of.get(row).map_or(usize::MAX, |&i| i as usize)
    }

    /// Whether a column is mapped to the segment.
    #[must_use]
    pub fn has_segment(&self) -> bool {
        self.resolved.segment.is_some()
    }

    /// Segment (trimmed; `""` when unmapped or blank).
    #[must_use]
    pub fn segment(&self, row: usize) -> &str {
        self.mapped(row, self.resolved.segment)
    }

    /// Accepted by Sales: `None` when unmapped, blank or bad.
    #[must_use]
    pub fn accepted(&self, row: usize) -> Option<bool> {
        self.accepted.get(row).copied().flatten()
    }

    /// Closed-won: `None` when unmapped, blank or bad.
    #[must_use]
    pub fn won(&self, row: usize) -> Option<bool> {
        self.won.get(row).copied().flatten()
    }

    /// 1-based data row in the file.
    #[must_use]
    pub fn file_row(&self, row: usize) -> usize {
        self.rows.get(row).and_then(|&i| self.table.rows.get(i)).map_or(0, |r| r.row)
    }

    /// 1-based file line where the account's record starts.
    #[must_use]
    pub fn line(&self, row: usize) -> u64 {
        self.rows.get(row).and_then(|&i| self.table.rows.get(i)).map_or(0, |r| r.line)
    }

    /// The pre-computed component scores of account `row` (0-100, model order).
    #[must_use]
    pub fn component_scores(&self, row: usize) -> &[f64] {
        let n = self.components.len();
        self.component_scores.get(row * n..(row + 1) * n).unwrap_or(&[])
    }

    /// One gate's answer for account `row`.
    #[must_use]
    pub fn gate_status(&self, row: usize, gate: usize) -> GateStatus {
        let n = self.gates.len();
        if gate >= n {
            return GateStatus::NotAssessed;
        }
        self.gate_status.get(row * n + gate).copied().unwrap_or(GateStatus::NotAssessed)
    }

    /// Labels of the required gates account `row` does not meet.
    #[must_use]
    pub fn missing_gates(&self, row: usize) -> Vec<&str> {
        (0..self.gates.len())
            .filter(|&g| self.gates[g].required && self.gate_status(row, g) == GateStatus::NotMet)
            .map(|g| self.gates[g].label.as_str())
            .collect()
    }

    /// True when a required gate blocks account `row`.
    #[must_use]
    pub fn blocked(&self, row: usize) -> bool {
        self.blocked.get(row).copied().unwrap_or(false)
    }

    /// What the file says for each input of account `row`, in model order:
    /// the component, the input's label and signal, and the cell's text
    /// (`None` when no column feeds the input). `model` is the model the book was built with.
    #[must_use]
    pub fn inputs<'a>(&'a self, row: usize, model: &'a Model) -> Vec<Input<'a>> {
        let mut inputs = Vec::new();
        for (index, (component, source)) in model.components.iter().zip(&self.resolved.components).enumerate() {
            match source {
                Source::Direct(c) => inputs.push(Input {
                    component: index,
                    label: "Score (0-100)",
                    signal: None,
                    text: Some(self.field(row, *c).trim()),
                }),
                Source::Signals(columns) => {
                    for (signal, column) in component.signals.iter().zip(columns) {
                        inputs.push(Input {
                            component: index,
                            label: signal.label.as_str(),
                            signal: Some(signal),
                            text: column.map(|c| self.field(row, c).trim()),
                        });
                    }
                }
            }
        }
        inputs
    }

    /// The rows the import left out, in file order, each with its problems
    /// (read again with the same reader, so the words are those of the
    /// import report, and none is dropped: the report keeps only the first
    /// [`MAX_ERRORS`]). The book keeps no copy of them: a skipped row is any
    /// row of the table that is not an account.
    pub fn skipped(&self) -> impl Iterator<Item = (&TableRow, Vec<RowError>)> + '_ {
        let mut kept = self.rows.iter().copied().peekable();
        let mut scored = ScoredRow::default();
        self.table.rows.iter().enumerate().filter_map(move |(index, row)| {
            if kept.peek() == Some(&index) {
                kept.next();
                return None;
            }
            self.scorer.score(row, self.policy, &mut scored);
            Some((row, std::mem::take(&mut scored.errors)))
        })
    }

    /// Lower-case "id NUL name", for search.
    pub(crate) fn search_key(&self, row: usize) -> &str {
        self.search_keys.get(row).map_or("", String::as_str)
    }
}

/// A book being built a slice of rows at a time, so a large file never
/// holds the page for long: [`BookBuilder::step`] until it says done, then
/// [`BookBuilder::finish`]. [`Book::build`] is the same in one go.
#[derive(Debug)]
pub struct BookBuilder {
    book: Book,
    report: ImportReport,
    scorer: RowScorer,
    policy: BadRows,
    /// The next table row to read.
    next: usize,
    /// Owners seen, each with its index into the book's owner list; the map
    /// keeps them A to Z.
    owner_index: BTreeMap<String, u32>,
    scored: ScoredRow,
}

impl BookBuilder {
    /// Starts building; checks the mapping against the table's headers.
    ///
    /// # Errors
    /// As [`Book::build`].
    pub fn new(table: Rc<Table>, model: &Model, mapping: &Mapping, policy: BadRows, today: Date) -> Result<Self, BookError> {
        let scorer = RowScorer::new(&table.headers, model, mapping, today)?;
        let report = ImportReport {
            blank_rows: table.blank_rows,
            ..ImportReport::default()
        };
        let n = table.rows.len();
        let book = Book {
            table: Rc::clone(&table),
            scorer: scorer.clone(),
            policy,
            mapping: mapping.clone(),
            resolved: scorer.resolved.clone(),
            rows: Vec::with_capacity(n),
            components: scorer.components().to_vec(),
            gates: scorer.gates().to_vec(),
            component_scores: Vec::with_capacity(n * model.components.len()),
            gate_status: Vec::with_capacity(n * model.gates.len()),
            blocked: Vec::with_capacity(n),
            accepted: Vec::with_capacity(n),
            won: Vec::with_capacity(n),
            owners: Vec::new(),
            owner_of: Vec::with_capacity(n),
            owners_by_name: Vec::new(),
            search_keys: Vec::with_capacity(n),
        };
        Ok(Self {
            book,
            report,
            scorer,
            policy,
            next: 0,
            owner_index: BTreeMap::new(),
            scored: ScoredRow::default(),
        })
    }

    /// Checks and scores up to `rows` more rows; `true` when every row is done.
    pub fn step(&mut self, rows: usize) -> bool {
        let table = Rc::clone(&self.book.table);
        let end = self.next.saturating_add(rows).min(table.rows.len());
        for index in self.next..end {
            let row = &table.rows[index];
            self.scorer.score(row, self.policy, &mut self.scored);
            self.report.add(&mut self.scored);
            if self.scored.fate == RowFate::Skipped {
                continue;
            }
            let Some(record) = &row.record else { continue };
            let book = &mut self.book;
            let scored = &self.scored;
            book.rows.push(index);
            book.component_scores.extend_from_slice(&scored.component_scores);
            book.gate_status.extend_from_slice(&scored.gate_status);
            book.blocked.push(scored.blocked);
            book.accepted.push(scored.accepted);
            book.won.push(scored.won);
            let field = |c: usize| record.get(c).unwrap_or("").trim();
            let owner = book.resolved.owner.map_or("", field);
            let owner_at = match self.owner_index.get(owner) {
                Some(&at) => at,
                None => {
                    let at = u32::try_from(book.owners.len()).unwrap_or(u32::MAX);
                    book.owners.push(owner.to_owned());
                    self.owner_index.insert(owner.to_owned(), at);
                    at
                }
            };
            book.owner_of.push(owner_at);
            let name = book.resolved.name.map_or("", field);
            book.search_keys
                .push(format!("{}\u{0}{}", field(book.resolved.id), name).to_lowercase());
        }
        self.next = end;
        self.next >= table.rows.len()
    }

    /// Rows read so far, and rows in all.
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.book.table.rows.len())
    }

    /// The book and its import report (call once [`BookBuilder::step`] says done).
    #[must_use]
    pub fn finish(self) -> (Book, ImportReport) {
        let Self {
            mut book,
            mut report,
            owner_index,
            ..
        } = self;
        // The map already holds the owners A to Z.
        book.owners_by_name = owner_index.into_values().collect();
        // Sorted, equal ids sit side by side (a hash map would cost more code in wasm).
        let mut ids: Vec<&str> = (0..book.rows.len()).map(|row| book.id(row)).collect();
        ids.sort_unstable();
        for (i, pair) in ids.windows(2).enumerate() {
            let starts_a_run = pair[0] == pair[1] && (i == 0 || ids[i - 1] != pair[0]);
            if starts_a_run {
                report.duplicate_count += 1;
                if report.duplicate_ids.len() < 10 {
                    report.duplicate_ids.push(pair[0].to_owned());
                }
            }
        }
        drop(ids);
        (book, report)
    }
}

/// One input of an account as the file gives it.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The component's index in the model.
    pub component: usize,
    /// The signal's label, or `Score (0-100)` for a score column.
    pub label: &'a str,
    /// The signal (`None`: the component's score column).
    pub signal: Option<&'a crate::model::Signal>,
    /// The cell, trimmed (`None`: no column).
    pub text: Option<&'a str>,
}

/// CSQL scores and verdicts for every account of a book, in book order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// The threshold used.
    pub threshold: f64,
    /// CSQL score per account, 0-100 (0 when the verdict is invalid).
    pub scores: Vec<f64>,
    /// Verdict per account.
    pub verdicts: Vec<VerdictKind>,
    /// Why every verdict is invalid, if it is.
    pub problem: Option<WeightingError>,
}

impl Scores {
    /// Number of CSQLs.
    #[must_use]
    pub fn csql_count(&self) -> usize {
        self.verdicts.iter().filter(|v| **v == VerdictKind::Csql).count()
    }
}

/// Scores every account for these component weights (one per component, model
/// order, any non-negative scale) and threshold (0-100): a dot product with the
/// pre-computed component scores, then the verdict ([`Weighting`]).
/// Invalid weights or threshold give every account [`VerdictKind::Invalid`].
#[must_use]
pub fn score_all(book: &Book, weights: &[f64], threshold: f64) -> Scores {
    score_blocked(book, weights, threshold, &book.blocked)
}

/// As [`score_all`], with other required gates than the model's: `required`
/// holds one flag per gate of the book (model order; missing flags read as not
/// required). A required gate blocks where it is assessed and not met, as in
/// [`Book::build`]. For scenarios that require other gates.
#[must_use]
pub fn score_all_required(book: &Book, weights: &[f64], threshold: f64, required: &[bool]) -> Scores {
    let gates = book.gates.len();
    let blocked: Vec<bool> = (0..book.len())
        .map(|row| (0..gates).any(|g| required.get(g).copied().unwrap_or(false) && book.gate_status(row, g) == GateStatus::NotMet))
        .collect();
    score_blocked(book, weights, threshold, &blocked)
}

fn score_blocked(book: &Book, weights: &[f64], threshold: f64, blocked: &[bool]) -> Scores {
    let n = book.len();
    let weighting = match Weighting::new(weights, threshold, book.components.len()) {
        Ok(weighting) => weighting,
        Err(problem) => {
            return Scores {
                threshold,
                scores: vec![0.0; n],
                verdicts: vec![VerdictKind::Invalid; n],
                problem: Some(problem),
            }
        }
    };
    let (scores, verdicts) = score_rows(&weighting, &book.component_scores, blocked.iter().copied());
    Scores {
        threshold,
        scores,
        verdicts,
        problem: None,
    }
}

/// The scoring loop itself: one score and verdict per row of
/// `component_scores` (rows of `weighting.fractions().len()` scores, one after
/// another), with `blocked` saying per row whether a required gate blocks.
/// Stops at the shorter of the two.
#[must_use]
pub fn score_rows(
    weighting: &Weighting,
    component_scores: &[f64],
    blocked: impl IntoIterator<Item = bool>,
) -> (Vec<f64>, Vec<VerdictKind>) {
    // `Weighting::new` guarantees at least one component.
    let width = weighting.fractions().len().max(1);
    let rows = component_scores.len() / width;
    let mut scores = Vec::with_capacity(rows);
    let mut verdicts = Vec::with_capacity(rows);
    for (chunk, blocked) in component_scores.chunks_exact(width).zip(blocked) {
        let score = weighting.score(chunk);
        scores.push(score);
        verdicts.push(weighting.verdict(score, blocked));
    }
    (scores, verdicts)
}
