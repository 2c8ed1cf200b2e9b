//! The evidence as the Book page shows it: the backtest of the current model
//! (won, and accepted when that column is there), the threshold sweep chart
//! with its data table and suggested threshold, and the state of "Fit weights
//! to outcomes". Built from a scored book by [`EvidenceView::new`] on every
//! rescore, so the components compute nothing.

use std::cell::RefCell;
use std::rc::Rc;

use crate::model::book::{Book, Scores};
use crate::model::evidence::chart::{chart, table_rows, ChartView, SweepRow};
use crate::model::evidence::suggestion::{FitJob, Step, Suggestion};
use crate::model::evidence::sweep::{book_segment, suggest_threshold, sweep, NoSuggestion};
use crate::model::evidence::view::{BacktestView, SuggestionView};
use crate::model::evidence::{backtest, FitData, FitError, Outcome, Unavailable};
use crate::model::programme::{Benchmarks, Segment};

/// Width of the sweep chart's drawing, in SVG units (it scales to its box).
pub const CHART_WIDTH: f64 = 640.0;
/// Height of the sweep chart's drawing.
pub const CHART_HEIGHT: f64 = 260.0;
/// Flipping accounts listed on the page (the CSV has them all).
pub const FLIPS_SHOWN: usize = 25;

/// The backtest of one outcome, or why there is none.
pub type BacktestResult = Result<BacktestView, Unavailable>;

/// Everything the evidence section shows for the current weights.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceView {
    /// Against closed-won.
    pub won: BacktestResult,
    /// Against accepted by Sales, when the book has that column.
    pub accepted: Option<BacktestResult>,
    /// The sweep chart over thresholds 0-100, when there are won outcomes.
    pub chart: Option<ChartView>,
    /// The chart's data, for the table behind it.
    pub table: Vec<SweepRow>,
    /// The suggested threshold, or why there is none.
    pub suggested: Result<u8, NoSuggestion>,
    /// The segment whose bands the chart shows, in words.
    pub segment: String,
    /// Where that segment comes from: the accounts' segment column, or an
    /// assumption when the file has none (or names no known segment).
    pub segment_note: String,
}

/// Where the bands' segment comes from, in a sentence.
fn segment_note(book: &Book, named: Option<Segment>) -> String {
    match (named, book.has_segment()) {
        (Some(segment), _) => format!(
            "The bands are {}'s, the segment most accounts of this file name in its segment column.",
            segment.label()
        ),
        (None, true) => format!(
            "The bands are {}'s, assumed: the file's segment column names no segment of the benchmark table (SMB, Mid-market, Enterprise).",
            Segment::Smb.label()
        ),
        (None, false) => format!(
            "The bands are {}'s, assumed: the file has no segment column. Map one under Columns to use your segment's bands.",
            Segment::Smb.label()
        ),
    }
}

impl EvidenceView {
    /// The evidence of `book` scored as `scores` at `threshold`, against the
    /// conversion bands of `benchmarks` (the team's targets or the reference
    /// table) for the book's segment.
    #[must_use]
    pub fn new(book: &Book, scores: &Scores, threshold: f64, benchmarks: &Benchmarks) -> Self {
        let won = backtest(book, scores, Outcome::Won).map(|b| BacktestView::new(&b));
        let accepted = Outcome::Accepted
            .is_mapped(book)
            .then(|| backtest(book, scores, Outcome::Accepted).map(|b| BacktestView::new(&b)));
        let named = book_segment(book);
        let segment = named.unwrap_or(Segment::Smb);
        let (chart_view, table, suggested) = match sweep(book, scores, Outcome::Won) {
            Ok(sweep) => {
                let suggested = suggest_threshold(&sweep, benchmarks, segment);
                let shown = suggested.ok();
                let band = benchmarks.for_segment(segment).conversion;
                (
                    Some(chart(&sweep, threshold, shown, Some(&band), CHART_WIDTH, CHART_HEIGHT)),
                    table_rows(&sweep, threshold, shown),
                    suggested,
                )
            }
            Err(e) => (None, Vec::new(), Err(e.into())),
        };
        Self {
            won,
            accepted,
            chart: chart_view,
            table,
            suggested,
            segment: segment.label().to_owned(),
            segment_note: segment_note(book, named),
        }
    }
}

/// A fit in progress, shared by pointer: the job is large and changes in
/// place a step at a time, so it is compared by identity.
#[derive(Clone, Debug)]
pub struct Running(pub Rc<RefCell<FitJob>>);

impl PartialEq for Running {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where "Fit weights to outcomes" stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum FitState {
    /// Not asked for (or the book changed since).
    #[default]
    Idle,
    /// Fitting: stages done of stages in all.
    Running {
        /// The job.
        job: Running,
        /// Stages finished.
        done: u8,
        /// Stages in all.
        of: u8,
    },
    /// The fit is refused, and why.
    Refused(FitError),
    /// The suggestion and its evidence.
    Ready {
        /// What applying it would change.
        suggestion: Rc<Suggestion>,
        /// The same as text.
        view: Rc<SuggestionView>,
    },
}

/// Newton steps run between two paints: each is about one pass over the
/// labelled accounts, a few milliseconds at 100,000 rows.
pub const STEPS_PER_FRAME: usize = 2;

impl FitState {
    /// Starts a fit of `book`'s won outcomes against the current `weights`.
    #[must_use]
    pub fn start(book: &Book, weights: Vec<f64>) -> Self {
        Self::Running {
            job: Running(Rc::new(RefCell::new(FitJob::new(FitData::from_book(book), weights)))),
            done: 0,
            of: 1,
        }
    }

    /// Runs a few steps; `true` while there is more to do. When the job is
    /// done the state holds the suggestion for `book` at `weights` and
    /// `threshold`, or the refusal.
    pub fn advance(&mut self, book: &Book, weights: &[f64], threshold: f64) -> bool {
        let Self::Running { job, .. } = self else { return false };
        let job = Rc::clone(&job.0);
        let mut step = Step::Done;
        for _ in 0..STEPS_PER_FRAME {
            step = job.borrow_mut().step();
            if step == Step::Done {
                break;
            }
        }
        match step {
            Step::Working { done, of } => {
                if let Self::Running { done: d, of: o, .. } = self {
                    (*d, *o) = (done, of);
                }
                true
            }
            Step::Done => {
                *self = match job.borrow().result() {
                    Some(Ok(report)) => {
                        let suggestion = Suggestion::new(book, weights, threshold, report);
                        let view = SuggestionView::new(book, &suggestion, FLIPS_SHOWN);
                        Self::Ready {
                            suggestion: Rc::new(suggestion),
                            view: Rc::new(view),
                        }
                    }
                    Some(Err(e)) => Self::Refused(e.clone()),
                    None => Self::Refused(FitError::Unfinished),
                };
                false
            }
        }
    }
}
