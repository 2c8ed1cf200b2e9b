//! Importing a file, a slice at a time: reading its bytes (the shell answers
//! with progress), splitting the records, then checking and scoring the rows,
//! [`ROWS_PER_STEP`] at a time with a paint between, so no step holds the page.

use std::rc::Rc;

use crate::model::book::derived::{choose_mapping, shape, Loaded};
use crate::model::book::import::TableJob;
use crate::model::book::score::{Book, BookBuilder, ImportReport};
use crate::model::book::state::{BookEvent, BookState, Effects};
use crate::model::book::{Derived, Mapping};
use crate::model::core::effect::{Answer, Effect};
use crate::model::Model;

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

impl BookState {
    pub(crate) fn start_parse(&mut self, name: String, bytes: Vec<u8>) -> Effects {
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
    pub(crate) fn import_step(&mut self, model: &Model) -> Effects {
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
            let built_from = (loaded, self.mapping.clone(), self.policy, shape(model));
            self.derived = Some(Derived::imported(built_from, book, report, &self.options));
            self.fresh = true;
        }
        let mut effects = self.save_mapping();
        if self.fresh {
            effects.push(Effect::Yield(BookEvent::Painted));
        }
        effects
    }

    pub(crate) fn answer(&mut self, answer: Answer) -> Effects {
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
}
