//! What the Book page derives from a loaded file: the book (or why it cannot
//! be built), its scores for the current weights and threshold, the table
//! order, the summary and what moved since the baseline, each rebuilt only
//! when what it was derived from changed.

use std::rc::Rc;

use crate::model::book::import::Table;
use crate::model::book::mapping::Mapping;
use crate::model::book::outcomes::{period_choices, PeriodChoice};
use crate::model::book::profile::Profile;
use crate::model::book::score::{score_all, BadRows, Book, ImportReport, Scores};
use crate::model::book::summary::{moved, summarise, view, Moved, Summary, ViewOptions};
use crate::model::book::unmapped::Unmapped;
use crate::model::book::BookError;
use crate::model::core::date::Date;
use crate::model::core::weighting::{weights_and_threshold, VerdictKind, WeightingError};
use crate::model::Model;

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
    scored_with: Option<Result<(Vec<f64>, f64), WeightingError>>,
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
    /// The model's signals the mapping gives no column (they count as 0).
    pub unmapped: Option<Rc<Unmapped>>,
    /// The file's columns profiled, read once per file.
    pub profile: Rc<Profile>,
    /// How long the book may cover, for filling the Programme view from it.
    pub periods: Rc<Vec<PeriodChoice>>,
}

impl Derived {
    /// A book an import built in steps, installed as built from what
    /// [`BookState::sync`] would build it from, so sync keeps it and goes on
    /// to score it.
    pub(crate) fn imported(built_from: (Loaded, Mapping, BadRows, Model), book: Book, report: ImportReport, options: &ViewOptions) -> Self {
        let owners_with_outcomes = crate::model::book::csm_rows(&book).map(|rows| rows.len());
        let (profile, periods) = read_file(&built_from.0.table);
        Self {
            built_from,
            book: Ok((Shared(Rc::new(book)), Rc::new(report))),
            scored_with: None,
            scores: Shared(Rc::new(Scores::default())),
            summary: Rc::new(Summary::default()),
            ordered_with: options.clone(),
            order: Shared(Rc::new(Vec::new())),
            moved: None,
            moved_from: None,
            owners_with_outcomes,
            unmapped: None,
            profile,
            periods,
        }
    }

    /// What is wrong with the account id choice, said at the id field: which
    /// columns look like ids, when none is chosen.
    #[must_use]
    pub fn id_problem(&self) -> Option<String> {
        if !matches!(self.book, Err(BookError::NoIdColumn)) {
            return None;
        }
        let candidates = self.profile.id_like();
        Some(match candidates.as_slice() {
            [] => "Choose the column that holds the account id. No column of this file looks like one \
                   (every value different, none blank)."
                .to_owned(),
            [one] => format!(
                "Choose the column that holds the account id: \u{201c}{one}\u{201d} looks like one (every value different, none blank)."
            ),
            many => format!(
                "Choose the column that holds the account id: {} look like ids (every value different, none blank).",
                crate::model::core::format::listed(&many.iter().map(|h| format!("\u{201c}{h}\u{201d}")).collect::<Vec<_>>())
            ),
        })
    }

    /// The built book, if the mapping allows one.
    #[must_use]
    pub fn book(&self) -> Option<&Shared<Book>> {
        self.book.as_ref().ok().map(|(book, _)| book)
    }
}

/// What the derived figures are derived from, beside the model.
#[derive(Clone, Copy, Debug)]
pub struct Inputs<'a> {
    /// The file in use.
    pub loaded: &'a Loaded,
    /// Which column feeds what.
    pub mapping: &'a Mapping,
    /// Skip rows with bad values, or keep them with the value blank.
    pub policy: BadRows,
    /// Sort, filter and search of the table.
    pub options: &'a ViewOptions,
    /// The browser's date, for recency signals when the model has no as-of date.
    pub today: Date,
}

impl Derived {
    /// The figures for `inputs` and `model`, reusing what `previous` already
    /// holds: rebuilds the book only when the file, mapping, policy or the
    /// model's shape changed, rescores only when the book or the weights and
    /// threshold changed, and reorders when the scores or table options did.
    /// The `baseline` "moved" compares with is dropped when the book is
    /// rebuilt and set to the first usable scoring.
    #[must_use]
    pub fn refresh(previous: Option<&Self>, inputs: &Inputs<'_>, model: &Model, baseline: &mut Option<Baseline>) -> Self {
        let built_from = (inputs.loaded.clone(), inputs.mapping.clone(), inputs.policy, shape(model));
        let (profile, periods) = match previous {
            Some(d) if d.built_from.0 == *inputs.loaded => (Rc::clone(&d.profile), Rc::clone(&d.periods)),
            _ => read_file(&inputs.loaded.table),
        };
        let previous = previous.filter(|d| d.built_from == built_from);
        let rebuild = previous.is_none();
        let book = match previous {
            Some(d) => d.book.clone(),
            None => {
                *baseline = None;
                Book::build(
                    Rc::clone(&inputs.loaded.table),
                    &built_from.3,
                    inputs.mapping,
                    inputs.policy,
                    inputs.today,
                )
                .map(|(book, report)| (Shared(Rc::new(book)), Rc::new(report)))
            }
        };
        let criteria = weights_and_threshold(model);
        let rescore = previous.is_none_or(|d| d.scored_with.as_ref() != Some(&criteria));
        let Ok((built, _)) = &book else {
            return Self {
                built_from,
                book,
                scored_with: Some(criteria),
                scores: Shared(Rc::new(Scores::default())),
                summary: Rc::new(Summary::default()),
                ordered_with: inputs.options.clone(),
                order: Shared(Rc::new(Vec::new())),
                moved: None,
                moved_from: None,
                owners_with_outcomes: None,
                unmapped: None,
                profile,
                periods,
            };
        };
        let scores = match (previous, rescore) {
            (Some(d), false) => d.scores.clone(),
            _ => Shared(Rc::new(rescore_book(built, &criteria))),
        };
        if baseline.is_none() && scores.problem.is_none() {
            *baseline = Some(Baseline {
                scores: scores.clone(),
                pinned: false,
            });
        }
        let summary = match (previous, rescore) {
            (Some(d), false) => Rc::clone(&d.summary),
            _ => Rc::new(summarise(built, &scores)),
        };
        let owners_with_outcomes = match previous {
            Some(d) if !rebuild => d.owners_with_outcomes,
            _ => crate::model::book::csm_rows(built).map(|rows| rows.len()),
        };
        let order = match previous {
            Some(d) if !rescore && d.ordered_with == *inputs.options => d.order.clone(),
            _ => Shared(Rc::new(view(built, &scores, inputs.options))),
        };
        let moved_from = baseline
            .as_ref()
            .filter(|b| scores.problem.is_none() && b.scores.verdicts.len() == scores.verdicts.len())
            .map(|b| b.scores.clone());
        let moved = match (previous, &moved_from) {
            (Some(d), Some(_)) if !rescore && d.moved_from == moved_from => d.moved.clone(),
            (_, Some(before)) => Some(Rc::new(moved(built, before, &scores))),
            (_, None) => None,
        };
        let unmapped = Unmapped::of(model, inputs.mapping).map(Rc::new);
        Self {
            built_from,
            book,
            scored_with: Some(criteria),
            scores,
            summary,
            ordered_with: inputs.options.clone(),
            order,
            moved,
            moved_from,
            owners_with_outcomes,
            unmapped,
            profile,
            periods,
        }
    }
}

/// What is read once per file: its columns' profile, and how long it may cover.
fn read_file(table: &Table) -> (Rc<Profile>, Rc<Vec<PeriodChoice>>) {
    let profile = Profile::of(table);
    let periods = period_choices(&profile);
    (Rc::new(profile), Rc::new(periods))
}

/// Scores for these criteria, or every account invalid with the reason.
fn rescore_book(book: &Book, criteria: &Result<(Vec<f64>, f64), WeightingError>) -> Scores {
    match criteria {
        Ok((weights, threshold)) => score_all(book, weights, *threshold),
        Err(problem) => Scores {
            threshold: 0.0,
            scores: vec![0.0; book.len()],
            verdicts: vec![VerdictKind::Invalid; book.len()],
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
