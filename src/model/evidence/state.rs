//! The evidence part of the Book page: "Fit weights to outcomes", the
//! scenarios chosen for comparison, the name typed for a new one, and the
//! figures (backtest, sweep, comparison), kept up to date with the book's
//! scores by [`EvidenceState::sync`] and rebuilt only when what they were
//! built from changed. The root hands it the scored book.

use std::rc::Rc;

use crate::model::book::{Book, Scores, Shared};
use crate::model::core::effect::Effect;
use crate::model::core::limits::MAX_NAME_LEN;
use crate::model::core::weighting::weights_and_threshold;
use crate::model::evidence::page::{EvidenceView, FitState, FLIPS_SHOWN};
use crate::model::evidence::scenarios::{compare, flips_csv, Scenario, ScenarioError, MAX_COMPARED};
use crate::model::evidence::ComparisonView;
use crate::model::programme::Benchmarks;
use crate::model::Model;

/// The evidence part's effects.
pub type Effects = Vec<Effect<EvidenceEvent>>;

/// The scored book the evidence is about, as the root hands it over.
#[derive(Clone, Copy, Debug)]
pub struct Scored<'a> {
    /// The book.
    pub book: &'a Shared<Book>,
    /// Its scores for the current weights and threshold.
    pub scores: &'a Shared<Scores>,
}

/// Everything the evidence part holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvidenceState {
    /// "Fit weights to outcomes": idle, running, refused or ready.
    pub fit: FitState,
    /// The book the fit is for: a fit of another book is forgotten.
    fit_for: Option<Shared<Book>>,
    /// Names of the scenarios chosen for comparison (two or three).
    pub compare: Vec<String>,
    /// The name typed for a new scenario.
    pub scenario_name: String,
    /// The table behind the sweep chart is open (drawn only then).
    pub sweep_open: bool,
    /// The figures for the current scores, targets and chosen scenarios.
    pub figures: Option<Figures>,
}

/// The evidence of the current scoring and the chosen comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// The scores and targets it was built for.
    built_for: (Shared<Scores>, Option<Benchmarks>),
    /// Backtest, sweep chart, suggested threshold.
    pub view: Rc<EvidenceView>,
    /// The book and scenarios compared.
    compared_for: Option<(Shared<Book>, Vec<Scenario>)>,
    /// The comparison of the chosen scenarios, or why it cannot be made.
    pub comparison: Option<Result<Rc<ComparisonView>, ScenarioError>>,
}

/// Something that happened in the evidence section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceEvent {
    /// Fit the weights to the won outcomes.
    Fit,
    /// Run the next steps of the fit (after a paint).
    FitStep,
    /// Forget the fit's suggestion.
    DismissFit,
    /// Choose (or unchoose) a scenario for comparison, by name.
    Choose(String, bool),
    /// The name typed for a new scenario.
    ScenarioName(String),
    /// Download the accounts whose verdict differs between the compared scenarios.
    ExportFlips,
    /// The table behind the sweep chart was opened (`true`) or closed.
    SweepData(bool),
}

impl EvidenceState {
    /// Handles one event about the scored book `scored` (none loaded: `None`);
    /// downloads are named from `stem` (`accounts` for `accounts.csv`).
    pub fn update(&mut self, event: EvidenceEvent, scored: Option<Scored<'_>>, model: &Model, stem: &str) -> Effects {
        match event {
            EvidenceEvent::Fit => return self.start_fit(scored, model),
            EvidenceEvent::FitStep => return self.fit_step(scored, model),
            EvidenceEvent::DismissFit => self.forget_fit(),
            EvidenceEvent::Choose(name, on) => self.choose(name, on),
            EvidenceEvent::ScenarioName(name) => self.scenario_name = name.chars().take(MAX_NAME_LEN).collect(),
            EvidenceEvent::ExportFlips => return self.export_flips(scored, stem),
            EvidenceEvent::SweepData(open) => self.sweep_open = open,
        }
        Vec::new()
    }

    /// Takes the fit's suggestion out, forgetting it (it is being applied or kept).
    pub fn forget_fit(&mut self) {
        self.fit = FitState::Idle;
        self.fit_for = None;
    }

    /// Chooses (or unchooses) a scenario for comparison; at most [`MAX_COMPARED`], the oldest choice giving way.
    pub fn choose(&mut self, name: String, on: bool) {
        self.compare.retain(|n| *n != name);
        if on {
            if self.compare.len() >= MAX_COMPARED {
                self.compare.remove(0);
            }
            self.compare.push(name);
        }
    }

    fn start_fit(&mut self, scored: Option<Scored<'_>>, model: &Model) -> Effects {
        let (Some(scored), Ok((weights, _))) = (scored, weights_and_threshold(model)) else {
            return Vec::new();
        };
        self.fit = FitState::start(scored.book, weights);
        self.fit_for = Some(scored.book.clone());
        vec![Effect::Yield(EvidenceEvent::FitStep)]
    }

    fn fit_step(&mut self, scored: Option<Scored<'_>>, model: &Model) -> Effects {
        let (Some(scored), Ok((weights, threshold))) = (scored, weights_and_threshold(model)) else {
            self.forget_fit();
            return Vec::new();
        };
        if self.fit.advance(scored.book, &weights, threshold) {
            vec![Effect::Yield(EvidenceEvent::FitStep)]
        } else {
            Vec::new()
        }
    }

    fn export_flips(&self, scored: Option<Scored<'_>>, stem: &str) -> Effects {
        let (
            Some(scored),
            Some(Figures {
                compared_for: Some((_, scenarios)),
                ..
            }),
        ) = (scored, &self.figures)
        else {
            return Vec::new();
        };
        let book: &Book = scored.book;
        compare(book, scenarios)
            .ok()
            .and_then(|comparison| flips_csv(book, &comparison).ok())
            .map(|bytes| Effect::Download {
                file_name: format!("{stem}-flips.csv"),
                mime: "text/csv",
                text: String::from_utf8_lossy(&bytes).into_owned(),
            })
            .into_iter()
            .collect()
    }

    /// Brings the figures up to date with the scored book (none loaded, or
    /// one not painted yet: `None`), the team's targets and the scenarios
    /// chosen for comparison; rebuilds only what changed. A fit of another
    /// book than this one is forgotten.
    pub fn sync(&mut self, scored: Option<Scored<'_>>, model: &Model, targets: Option<&Benchmarks>, scenarios: &[Scenario]) {
        if self.fit_for.as_ref() != scored.map(|s| s.book) {
            self.forget_fit();
        }
        let Some(Scored { book, scores, .. }) = scored else {
            self.figures = None;
            return;
        };
        let built_for = (scores.clone(), targets.cloned());
        let view = match &self.figures {
            Some(f) if f.built_for == built_for => Rc::clone(&f.view),
            _ => {
                let threshold = weights_and_threshold(model).map_or(scores.threshold, |(_, t)| t);
                let table = targets.cloned().unwrap_or_default();
                Rc::new(EvidenceView::new(book, scores, threshold, &table))
            }
        };
        // The chosen scenarios, in the order they were chosen, that still exist.
        let chosen: Vec<Scenario> = self
            .compare
            .iter()
            .filter_map(|name| scenarios.iter().find(|s| s.name == *name).cloned())
            .collect();
        let compared_for = (chosen.len() >= 2).then(|| (book.clone(), chosen));
        let comparison = match &self.figures {
            Some(f) if f.compared_for == compared_for => f.comparison.clone(),
            _ => compared_for.as_ref().map(|(book, chosen)| {
                let book: &Book = book;
                compare(book, chosen).map(|c| Rc::new(ComparisonView::new(book, &c, FLIPS_SHOWN)))
            }),
        };
        self.figures = Some(Figures {
            built_for,
            view,
            compared_for,
            comparison,
        });
    }
}
