//! The Book page's state and its `update`: a file imported a slice at a
//! time ([`flow`](super::flow)), the column mapping, bad-row policy, table
//! options, the selected account, the baseline that "moved" compares with,
//! and the figures derived from them ([`derived`](super::derived)), kept up
//! to date as the model's weights and threshold change. The evidence and the
//! warehouse export are parts of their own that the root keeps in step with
//! this one. No web dependency: `cargo test` checks the whole flow, effects
//! included.

use crate::model::book::derived::{shape, Baseline, Derived, Inputs, Loaded, Shared};
use crate::model::book::detail::{detail, Detail};
use crate::model::book::export::export_csv;
use crate::model::book::flow::{self, Context, ImportStage, Importing, Slice, PASTED, SAMPLE};
use crate::model::book::import::MAX_BYTES;
use crate::model::book::mapping::{Mapping, Target};
use crate::model::book::proposal::{Proposal, ProposalProblem};
use crate::model::book::sample::default_sample;
use crate::model::book::score::{BadRows, Book, ImportReport, Scores};
use crate::model::book::summary::{Filter, SortKey, ViewOptions};
use crate::model::book::BookError;
use crate::model::core::date::Date;
use crate::model::core::effect::{Answer, Effect, FileRef, StorageKey};
use crate::model::Model;

/// The Book page's effects.
pub type Effects = Vec<Effect<BookEvent>>;

/// Everything the Book page holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BookState {
    /// Loading progress or the last failure.
    pub stage: ImportStage,
    /// The file being read, while it is read.
    pub reading: Option<FileRef>,
    /// An import in progress, done a slice at a time.
    pub importing: Option<Importing>,
    /// The file in use.
    pub loaded: Option<Loaded>,
    /// A file was just imported and is not painted yet: what other parts
    /// derive from it (the evidence) waits for [`BookEvent::Painted`], so
    /// neither holds the page for long.
    pub fresh: bool,
    /// Which column feeds what.
    pub mapping: Mapping,
    /// The column mapping panel is open.
    pub mapping_open: bool,
    /// The mapping last saved in the browser (JSON), offered to the next file.
    pub saved_mapping: Option<String>,
    /// Skip rows with bad values, or keep them with the value blank.
    pub policy: BadRows,
    /// Sort, filter and search of the table.
    pub options: ViewOptions,
    /// The account shown in detail (book row index).
    pub selected: Option<usize>,
    /// Its detail for the current weights, kept up to date by [`BookState::sync`].
    pub detail: Option<Detail>,
    /// The text in the paste box.
    pub paste: String,
    /// What "moved" compares with: the book as loaded, or a pinned scoring.
    pub baseline: Option<Baseline>,
    /// Derived from the file, mapping, policy and model; kept up to date by
    /// [`BookState::sync`] so a render computes nothing.
    pub derived: Option<Derived>,
    /// The browser's date: recency signals are scored at it when the model
    /// leaves its as-of date blank.
    pub today: Date,
    /// "Build a model from this file": the proposal being reviewed, or why
    /// there is none.
    pub proposal: Option<Result<Proposal, ProposalProblem>>,
    /// How long the book covers, as chosen before filling the Programme view
    /// from it (a [`PeriodChoice`](super::PeriodChoice) key).
    pub measure_period: Option<String>,
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
    /// The column mapping panel was opened (`true`) or closed.
    OpenMapping(bool),
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
    /// The book just imported has been painted.
    Painted,
    /// The shell's answer to a file read.
    Answer(Answer),
    /// Propose a model from the loaded file's columns.
    ProposeModel,
    /// Move a proposed column to a component (an index into
    /// [`GROUPS`](super::proposal::GROUPS)) or leave it out (`None`).
    MoveProposed(usize, Option<usize>),
    /// Close the proposal without using it.
    DiscardProposal,
    /// How long the book covers (a [`PeriodChoice`](super::PeriodChoice) key; blank: not chosen).
    ChooseMeasurePeriod(String),
}

impl BookState {
    /// Handles one event with the current model; returns what the browser must do.
    pub fn update(&mut self, event: BookEvent, model: &Model) -> Effects {
        let effects = match event {
            BookEvent::FileChosen(file) => {
                if usize::try_from(file.size).map_or(true, |size| size > MAX_BYTES) {
                    self.stage = ImportStage::Failed(format!(
                        "{} cannot be used: {}.",
                        file.name,
                        BookError::TooLarge {
                            bytes: usize::try_from(file.size).unwrap_or(usize::MAX),
                            limit: MAX_BYTES
                        }
                    ));
                    return Vec::new();
                }
                self.stage = ImportStage::Reading(file.name.clone(), 0);
                self.reading = Some(file.clone());
                vec![Effect::ReadFile(file)]
            }
            BookEvent::Answer(answer) => self.answer(answer, model),
            BookEvent::LoadPaste => self.advance(flow::parse(PASTED.to_owned(), self.paste.clone().into_bytes()), model),
            BookEvent::LoadSample => self.advance(flow::parse(SAMPLE.to_owned(), default_sample()), model),
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
            BookEvent::OpenMapping(open) => {
                self.mapping_open = open;
                Vec::new()
            }
            BookEvent::ProposeModel => {
                self.propose(model);
                Vec::new()
            }
            BookEvent::MoveProposed(index, group) => {
                if let Some(Ok(proposal)) = &mut self.proposal {
                    proposal.set_group(index, group);
                }
                Vec::new()
            }
            BookEvent::ChooseMeasurePeriod(key) => {
                self.measure_period = (!key.is_empty()).then_some(key);
                Vec::new()
            }
            BookEvent::DiscardProposal => {
                self.proposal = None;
                self.measure_period = None;
                Vec::new()
            }
            BookEvent::Painted => {
                self.fresh = false;
                Vec::new()
            }
        };
        self.sync(model);
        effects
    }

    /// The next slice of the import in progress, if any.
    fn import_step(&mut self, model: &Model) -> Effects {
        let Some(importing) = self.importing.take() else {
            return Vec::new();
        };
        let context = Context {
            saved_mapping: self.saved_mapping.as_deref(),
            policy: self.policy,
            today: self.today,
            model,
        };
        let slice = flow::step(importing, &context);
        self.advance(slice, model)
    }

    /// Shows where an import stands after a slice, and asks for the next one.
    fn advance(&mut self, slice: Slice, model: &Model) -> Effects {
        match slice {
            Slice::More(importing) => {
                self.stage = importing.stage();
                self.importing = Some(importing);
                vec![Effect::Yield(BookEvent::Step)]
            }
            Slice::Read { loaded, mapping, built } => self.use_file(loaded, mapping, built, model),
            Slice::Failed(why) => {
                self.stage = ImportStage::Failed(why);
                Vec::new()
            }
            Slice::Gone => Vec::new(),
        }
    }

    /// Shows a file that has been read (and its book, when built in steps).
    fn use_file(&mut self, loaded: Loaded, mapping: Mapping, built: Option<Box<(Book, ImportReport)>>, model: &Model) -> Effects {
        self.loaded = Some(loaded.clone());
        self.proposal = None;
        self.mapping = mapping;
        self.stage = ImportStage::Idle;
        self.selected = None;
        self.baseline = None;
        if let Some((book, report)) = built.map(|built| *built) {
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

    /// The shell's answer about the file being read.
    fn answer(&mut self, answer: Answer, model: &Model) -> Effects {
        let Some(file) = self.reading.clone() else { return Vec::new() };
        match answer {
            Answer::FileProgress(id, pct) if id == file.id => {
                self.stage = ImportStage::Reading(file.name, pct.min(100));
                Vec::new()
            }
            Answer::FileRead(id, bytes) if id == file.id => {
                self.reading = None;
                self.advance(flow::parse(file.name, bytes), model)
            }
            Answer::FileFailed(id) if id == file.id => {
                self.reading = None;
                self.stage = ImportStage::Failed(format!("{} could not be read.", file.name));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Brings the derived figures up to date with the file, mapping, policy,
    /// table options and model (see [`Derived::refresh`]).
    pub fn sync(&mut self, model: &Model) {
        let Some(loaded) = &self.loaded else {
            self.derived = None;
            self.detail = None;
            return;
        };
        let inputs = Inputs {
            loaded,
            mapping: &self.mapping,
            policy: self.policy,
            options: &self.options,
            today: self.today,
        };
        let derived = Derived::refresh(self.derived.as_ref(), &inputs, model, &mut self.baseline);
        self.detail = match (self.selected, derived.book()) {
            (Some(row), Some(book)) => detail(book, &derived.scores, model, row, self.today),
            _ => None,
        };
        self.derived = Some(derived);
    }

    /// The scored book, once painted: what the evidence is worked out from.
    #[must_use]
    pub fn scored(&self) -> Option<(&Shared<Book>, &Shared<Scores>)> {
        let derived = self.derived.as_ref().filter(|_| !self.fresh)?;
        Some((derived.book()?, &derived.scores))
    }

    /// The mapping and header row of the file in use, when it builds a book:
    /// what the warehouse export is written against.
    #[must_use]
    pub fn columns(&self) -> Option<(&Mapping, &[String])> {
        let loaded = self.loaded.as_ref()?;
        self.derived
            .as_ref()?
            .book()
            .map(|_| (&self.mapping, loaded.table.headers.as_slice()))
    }

    /// The period chosen for "Measure the programme from this book", if any.
    #[must_use]
    pub fn chosen_period(&self) -> Option<crate::model::programme::Period> {
        let (key, derived) = (self.measure_period.as_ref()?, self.derived.as_ref()?);
        derived.periods.iter().find(|c| c.key == *key).map(|c| c.period.clone())
    }

    /// Proposes a model from the loaded file, read as its profile found it.
    fn propose(&mut self, model: &Model) {
        let (Some(loaded), Some(derived)) = (&self.loaded, &self.derived) else {
            return;
        };
        let as_of = crate::model::core::date::as_of(model, self.today).unwrap_or(self.today);
        self.proposal = Some(Proposal::of(&loaded.table, &derived.profile, &self.mapping, as_of));
    }

    /// Takes the proposal out to accept it: the model it makes from `model`,
    /// with this book's mapping switched to feed the new signals (and saved).
    pub fn accept_proposal(&mut self, model: &Model) -> Option<(Model, Effects)> {
        let Some(Ok(proposal)) = self.proposal.take() else { return None };
        if !proposal.acceptable() {
            self.proposal = Some(Ok(proposal));
            return None;
        }
        let (built, mapping) = proposal.model(model, &self.mapping);
        self.mapping = mapping;
        self.selected = None;
        Some((built, self.save_mapping()))
    }

    pub(crate) fn save_mapping(&mut self) -> Effects {
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
    #[must_use]
    pub fn stem(&self) -> String {
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
}
