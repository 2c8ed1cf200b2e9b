//! Importing a file, a slice at a time: splitting the records, then checking
//! and scoring the rows, [`ROWS_PER_STEP`] at a time with a paint between, so
//! no step holds the page. The Book page drives it ([`parse`], then [`step`]
//! until the file is read) and shows its [`ImportStage`].

use std::rc::Rc;

use crate::model::book::derived::{choose_mapping, shape, Loaded};
use crate::model::book::import::TableJob;
use crate::model::book::mapping::Mapping;
use crate::model::book::score::{BadRows, Book, BookBuilder, ImportReport};
use crate::model::core::date::Date;
use crate::model::Model;

/// What the page is doing with a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ImportStage {
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

impl ImportStage {
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

/// The name shown for pasted rows.
pub const PASTED: &str = "the pasted rows";
/// The name shown for the sample book.
pub const SAMPLE: &str = "the sample book";

/// What the import needs from the page to build a book from a file just read.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The mapping saved by an earlier visit (JSON), tried before the automatic match.
    pub saved_mapping: Option<&'a str>,
    /// Skip rows with bad values, or keep them with the value blank.
    pub policy: BadRows,
    /// The browser's date, for recency signals when the model has no as-of date.
    pub today: Date,
    /// The model whose shape the book is built for.
    pub model: &'a Model,
}

/// What one slice of an import came to.
#[derive(Debug)]
pub enum Slice {
    /// More to do after a paint.
    More(Importing),
    /// The file is read, with the mapping chosen for it, and its book when
    /// the mapping fits the file (`None`: the page shows the mapping's problem).
    Read {
        /// The file read.
        loaded: Loaded,
        /// The mapping chosen for it.
        mapping: Mapping,
        /// The book and its import report (boxed: a book is large beside the other slices).
        built: Option<Box<(Book, ImportReport)>>,
    },
    /// The file cannot be used; the sentence says why.
    Failed(String),
    /// The job is no longer there (another step finished it): nothing to do.
    Gone,
}

impl Importing {
    /// What the page says while this import runs.
    #[must_use]
    pub fn stage(&self) -> ImportStage {
        match self {
            Self::Reading { name, .. } => ImportStage::Parsing(name.clone()),
            Self::Building { loaded, .. } => ImportStage::Scoring(loaded.name.clone()),
        }
    }
}

/// Starts splitting `bytes` (a file named `name`) into records.
#[must_use]
pub fn parse(name: String, bytes: Vec<u8>) -> Slice {
    match TableJob::new(bytes) {
        Ok(job) => Slice::More(Importing::Reading { name, job: Job::new(job) }),
        Err(e) => Slice::Failed(format!("{name} cannot be used: {e}.")),
    }
}

/// The next slice of an import: reading records, then checking and scoring
/// rows, [`ROWS_PER_STEP`] at a time.
#[must_use]
pub fn step(importing: Importing, context: &Context<'_>) -> Slice {
    match importing {
        Importing::Reading { name, job } => {
            let done = match job.with(|job| job.step(ROWS_PER_STEP)) {
                Some(Ok(done)) => done,
                Some(Err(e)) => return Slice::Failed(format!("{name} cannot be used: {e}.")),
                None => return Slice::Gone,
            };
            if !done {
                return Slice::More(Importing::Reading { name, job });
            }
            let Some(table) = job.take().map(TableJob::finish) else {
                return Slice::Gone;
            };
            let mapping = choose_mapping(context.saved_mapping, &table, context.model);
            let loaded = Loaded {
                name,
                table: Rc::new(table),
            };
            match BookBuilder::new(
                Rc::clone(&loaded.table),
                &shape(context.model),
                &mapping,
                context.policy,
                context.today,
            ) {
                Ok(builder) => Slice::More(Importing::Building {
                    loaded,
                    mapping,
                    builder: Job::new(builder),
                }),
                // The mapping does not fit the file (no id column): show the
                // mapping with its problem, as after any mapping change.
                Err(_) => Slice::Read {
                    loaded,
                    mapping,
                    built: None,
                },
            }
        }
        Importing::Building { loaded, mapping, builder } => {
            if builder.with(|builder| builder.step(ROWS_PER_STEP)) == Some(false) {
                return Slice::More(Importing::Building { loaded, mapping, builder });
            }
            let built = builder.take().map(|builder| Box::new(builder.finish()));
            Slice::Read { loaded, mapping, built }
        }
    }
}
