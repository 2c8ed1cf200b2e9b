//! The whole app's state and `update`: the calculator, the Book page's parts
//! (the book, its evidence and its warehouse export), the Programme page,
//! which view is showing, and the hand-offs between parts. Each part keeps
//! its own state and `update`; this root, the only module that knows them
//! all, routes events to them and keeps what one part derives from another
//! in step ([`AppState::sync`]: the book is rescored when the model's weights
//! change, the evidence follows the book's scores, the SQL follows the model
//! and the book's columns; the Programme view measures against the targets
//! kept in the calculator's document).

use crate::model::book::{csm_rows, BookEvent, BookState};
use crate::model::calc::state::{CalcEvent, CalcState, Startup};
use crate::model::core::effect::{map_all, Answer, Effect, StorageKey};
use crate::model::evidence::page::FitState;
use crate::model::evidence::state::{EvidenceEvent, EvidenceState, Scored};
use crate::model::programme::{Period, ProgrammeEvent, ProgrammeState};
use crate::model::share::route::{View, ViewFlags};
use crate::model::share::Document;
use crate::model::sql::warehouse::{WarehouseEvent, WarehouseState};

/// The app's effects.
pub type Effects = Vec<Effect<AppEvent>>;

/// The name of the scenario that keeps the fitted weights.
pub const FITTED: &str = "Fitted";

/// Everything the app starts from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppStartup {
    /// What the calculator starts from (address, storage, query, fragment).
    pub calc: Startup,
    /// The book's column mapping saved by an earlier visit (JSON).
    pub saved_mapping: Option<String>,
}

/// The whole app.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The one-account calculator; it owns the model, targets and notices.
    pub calc: CalcState,
    /// The Book page's book: the file, its mapping, scores and table.
    pub book: BookState,
    /// The Book page's evidence: backtest, sweep, fit, scenario comparison.
    pub evidence: EvidenceState,
    /// The Book page's export for the warehouse: SQL and spreadsheet formulas.
    pub warehouse: WarehouseState,
    /// The Programme page.
    pub programme: ProgrammeState,
    /// The view showing.
    pub view: View,
    /// Views opened so far: they stay mounted, so switching keeps scroll and focus.
    pub visited: Vec<View>,
    /// Compact layout inside a wiki frame (`embed=1`).
    pub embed: bool,
    /// The page's query string, as the address bar shows it.
    pub query: String,
}

/// Something that happened in the app.
#[derive(Clone, Debug, PartialEq)]
pub enum AppEvent {
    /// On the calculator (or its toolbar).
    Calc(CalcEvent),
    /// On the Book page's book.
    Book(BookEvent),
    /// In the Book page's evidence section.
    Evidence(EvidenceEvent),
    /// On the Book page's warehouse export.
    Warehouse(WarehouseEvent),
    /// On the Programme page.
    Programme(ProgrammeEvent),
    /// The user chose a view (a tab).
    Show(View),
    /// Back or Forward changed the address to this query string.
    Navigated(String),
    /// Fill the Programme view from the loaded book's owner and outcome columns.
    MeasureFromBook,
    /// Use the model proposed from the loaded file (undoable).
    AcceptProposal,
    /// Use the fitted weights (undoable).
    ApplyFitted,
    /// Keep the fitted weights as a scenario named "Fitted".
    SaveFitted,
    /// Keep the current weights, threshold and gates as a scenario with this
    /// name, and choose it for comparison.
    SaveScenario(String),
    /// The shell's answer to an effect.
    Answer(Answer),
}

impl AppState {
    /// The app as the page opens, and what it first asks of the browser.
    #[must_use]
    pub fn start(startup: &AppStartup) -> (Self, Effects) {
        let (calc, effects) = CalcState::start(&startup.calc);
        let flags = ViewFlags::from_query(&startup.calc.query);
        let mut book = BookState {
            saved_mapping: startup.saved_mapping.clone(),
            today: startup.calc.today,
            ..BookState::default()
        };
        book.sync(&calc.model);
        let mut state = Self {
            calc,
            book,
            evidence: EvidenceState::default(),
            warehouse: WarehouseState::default(),
            programme: ProgrammeState::from_query(&startup.calc.query),
            view: flags.view,
            visited: vec![flags.view],
            embed: flags.embed,
            query: startup.calc.query.clone(),
        };
        state.programme.sync(state.calc.targets.as_ref());
        (state, map_all(effects, AppEvent::Calc))
    }

    /// Handles one event.
    pub fn update(&mut self, event: AppEvent) -> Effects {
        let effects = match event {
            AppEvent::Calc(event) => self.calc_event(event),
            AppEvent::Book(event) => map_all(self.book.update(event, &self.calc.model), AppEvent::Book),
            AppEvent::Evidence(event) => {
                let stem = self.book.stem();
                let scored = self.book.scored().map(|(book, scores)| Scored { book, scores });
                let effects = self.evidence.update(event, scored, &self.calc.model, &stem);
                map_all(effects, AppEvent::Evidence)
            }
            AppEvent::Warehouse(event) => map_all(self.warehouse.update(event), AppEvent::Warehouse),
            AppEvent::Programme(event) => {
                let before = self.calc.document();
                let targets = (!self.calc.locked).then_some(&mut self.calc.targets);
                let mut effects = map_all(self.programme.update(event, targets), AppEvent::Programme);
                effects.extend(map_all(self.calc.follow_up(&before, false), AppEvent::Calc));
                effects
            }
            AppEvent::Show(view) => self.show(view, true),
            AppEvent::Navigated(query) => {
                let view = ViewFlags::from_query(&query).view;
                self.query = query;
                self.show(view, false)
            }
            AppEvent::MeasureFromBook => {
                let rows = self.book.derived.as_ref().and_then(|d| d.book()).and_then(|book| csm_rows(book));
                let (Some(rows), Some(loaded), Some(period)) = (rows, &self.book.loaded, self.book.chosen_period()) else {
                    return Vec::new();
                };
                let file = loaded.name.clone();
                let mut events = vec![ProgrammeEvent::ChoosePeriod(period.key().to_owned())];
                if let Period::Custom { start, end } = period {
                    events.extend([ProgrammeEvent::SetStart(start), ProgrammeEvent::SetEnd(end)]);
                }
                events.push(ProgrammeEvent::UseBookRows(rows, file));
                let mut effects = Vec::new();
                for event in events {
                    effects.extend(map_all(self.programme.update(event, None), AppEvent::Programme));
                }
                effects.extend(self.show(View::Programme, true));
                effects
            }
            AppEvent::Answer(answer) => self.answer(answer),
            AppEvent::AcceptProposal => {
                if self.calc.locked {
                    return Vec::new();
                }
                let Some((model, saved)) = self.book.accept_proposal(&self.calc.model) else {
                    return Vec::new();
                };
                let document = Document {
                    model,
                    ..self.calc.document()
                };
                let mut effects = map_all(saved, AppEvent::Book);
                effects.extend(self.calc_event(CalcEvent::ReplaceDocument(
                    Box::new(document),
                    "Built the model from this file's columns; undo brings back the one you had.".to_owned(),
                )));
                effects
            }
            AppEvent::ApplyFitted => {
                let FitState::Ready { suggestion, .. } = &self.evidence.fit else {
                    return Vec::new();
                };
                let weights = suggestion.weights_text.clone();
                self.evidence.forget_fit();
                self.calc_event(CalcEvent::ApplyWeights(
                    weights,
                    "Applied the weights fitted to the book's outcomes; undo brings back the ones you had.".to_owned(),
                ))
            }
            AppEvent::SaveFitted => {
                let FitState::Ready { suggestion, .. } = &self.evidence.fit else {
                    return Vec::new();
                };
                let scenario = suggestion.scenario(FITTED, &self.calc.model);
                self.choose(FITTED);
                self.calc_event(CalcEvent::AddScenario(scenario))
            }
            AppEvent::SaveScenario(name) => {
                let name = name.trim().to_owned();
                if name.is_empty() {
                    return Vec::new();
                }
                self.choose(&name);
                self.evidence.scenario_name.clear();
                self.calc_event(CalcEvent::SaveScenario(name))
            }
        };
        self.sync();
        effects
    }

    /// Keeps the parts that derive from others in step: the evidence with the
    /// book's scores, the targets and the scenarios; the warehouse export with
    /// the model and the book's columns. Each rebuilds only what changed.
    fn sync(&mut self) {
        let model = &self.calc.model;
        let scored = self.book.scored().map(|(book, scores)| Scored { book, scores });
        self.evidence.sync(scored, model, self.calc.targets.as_ref(), &self.calc.scenarios);
        self.warehouse.sync(model, self.book.columns());
        self.programme.sync(self.calc.targets.as_ref());
    }

    /// Chooses a scenario for comparison on the Book page.
    fn choose(&mut self, name: &str) {
        self.evidence.choose(name.to_owned(), true);
    }

    fn calc_event(&mut self, event: CalcEvent) -> Effects {
        let targets = self.calc.targets.clone();
        let effects = map_all(self.calc.update(event), AppEvent::Calc);
        if self.calc.targets != targets {
            self.programme.forget_edits();
        }
        self.book.sync(&self.calc.model);
        effects
    }

    /// Shows a view; `push` records it in the browser's history (a tab was
    /// chosen), else the address already says it (Back or Forward).
    fn show(&mut self, view: View, push: bool) -> Effects {
        if !self.visited.contains(&view) {
            self.visited.push(view);
        }
        if self.view == view {
            return Vec::new();
        }
        self.view = view;
        if !push {
            return Vec::new();
        }
        self.query = view.query(&self.query);
        vec![Effect::SetAddress {
            query: self.query.clone(),
            push: true,
        }]
    }

    /// Routes the shell's answer to the part that asked.
    fn answer(&mut self, answer: Answer) -> Effects {
        let for_book = match &answer {
            Answer::FileProgress(id, _) | Answer::FileRead(id, _) | Answer::FileFailed(id) => {
                self.book.reading.as_ref().is_some_and(|f| f.id == *id)
            }
            Answer::SaveRefused(key) => *key == StorageKey::Mapping,
            Answer::Copied(..) => false,
        };
        if for_book {
            map_all(self.book.update(BookEvent::Answer(answer), &self.calc.model), AppEvent::Book)
        } else {
            self.calc_event(CalcEvent::Answer(answer))
        }
    }
}
