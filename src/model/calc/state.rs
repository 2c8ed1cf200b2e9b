//! The calculator's state and its `update`: events in, effects out, in the
//! shape of crux. Plain data and pure transitions, so every interaction (and
//! what it asks of the browser: saving, reading a file, copying, telling the
//! host frame) is tested without a browser.
//!
//! Saving follows three rules. Autosave starts with the first change, so
//! opening a colleague's link never overwrites the model saved here. Saved
//! text the page cannot read is first kept under a backup key, and is never
//! overwritten: if the backup cannot be written, autosave stays off. A write
//! the browser refuses leaves the saved model as it was (the browser keeps the
//! old value) and is said once.

use crate::model::calc::view::{calculator, CalculatorView};
use crate::model::core::date::Date;
use crate::model::core::effect::{
    Answer, ComponentResult, CopyWhat, Effect, FileRef, HostMessage, IgnoredEntry, ResultMessage, StorageKey,
};
use crate::model::core::limits;
use crate::model::core::notice::{Notice, NoticeAction};
use crate::model::programme::Benchmarks;
use crate::model::share::query::{apply_query, mentions_model};
use crate::model::share::scenario::Scenario;
use crate::model::share::{code_in_fragment, decode_link, encode_link, from_json, to_json, Document, MAX_JSON_LEN};
use crate::model::{evaluate, Component, Direction, Gate, Model, Scale, ScoreMode, Signal, SignalKind};

/// The calculator's effects.
pub type Effects = Vec<Effect<CalcEvent>>;

/// What the browser's storage held at start-up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Stored {
    /// Storage works and holds no model yet.
    #[default]
    Nothing,
    /// The saved text.
    Text(String),
    /// Storage cannot be used (private window, sandboxed frame, blocked).
    Unavailable,
}

/// Everything the page starts from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Startup {
    /// The query string (`?weights=...&lock=1`).
    pub query: String,
    /// The URL fragment (`#m=1....`).
    pub fragment: String,
    /// What storage held under the model's key.
    pub stored: Stored,
    /// Unreadable text kept under the backup key by an earlier visit.
    pub backup: Option<String>,
    /// The page address share links start from (no query, no fragment).
    pub address: String,
    /// The page runs inside a frame: post results to the host.
    pub in_frame: bool,
    /// The embedded calculator (`embed.html`): never saves, so a wiki
    /// page's frame cannot overwrite the model saved by the full app.
    pub embedded: bool,
    /// The browser's date: recency signals are scored at it when the model
    /// leaves its as-of date blank.
    pub today: Date,
}

impl From<NoticeAction> for CalcEvent {
    /// A notice's button: undo the change, or download the kept text.
    fn from(action: NoticeAction) -> Self {
        match action {
            NoticeAction::Undo => Self::Undo,
            NoticeAction::DownloadBackup => Self::DownloadBackup,
        }
    }
}

/// The kinds of signal the editor offers; a count starts with a cap of 10.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindChoice {
    /// [`SignalKind::Count`].
    Count,
    /// [`SignalKind::YesNo`].
    YesNo,
    /// [`SignalKind::Rating`].
    Rating,
    /// [`SignalKind::Percent`].
    Percent,
    /// [`SignalKind::Date`], halving every 90 days to start with.
    Date,
}

impl KindChoice {
    /// The signal kind a choice starts with.
    #[must_use]
    pub fn kind(self) -> SignalKind {
        match self {
            Self::Count => SignalKind::Count {
                cap: 10.0,
                scale: Scale::Linear,
            },
            Self::YesNo => SignalKind::YesNo,
            Self::Rating => SignalKind::Rating,
            Self::Percent => SignalKind::Percent,
            Self::Date => SignalKind::Date { half_life_days: 90.0 },
        }
    }
}

/// Everything the calculator page holds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CalcState {
    /// The model with the account's inputs.
    pub model: Model,
    /// The team's own benchmark targets; `None` means the reference table.
    pub targets: Option<Benchmarks>,
    /// Named weights, thresholds and required gates, kept with the model.
    pub scenarios: Vec<Scenario>,
    /// Messages for the user, newest last.
    pub notices: Vec<Notice>,
    /// Model and targets before the last reset, removal or replacement, for undo.
    pub previous: Option<Document>,
    /// Criteria (weights, threshold, gate definitions, model) are read-only.
    pub locked: bool,
    /// The model editor is open.
    pub editing: bool,
    /// The theme the embed code asks its frame for (`Auto`: the reader's system).
    pub embed_theme: crate::model::share::route::Theme,
    /// Changes are saved to the browser's storage.
    pub autosave: bool,
    /// Saved text that could not be read, offered for download until dismissed.
    pub backup: Option<String>,
    /// The page address share links start from.
    pub address: String,
    /// The share link of the current document (kept up to date by `update`,
    /// so it is encoded once per change, not on every render).
    pub link: String,
    /// Said beside Copy link when the link is longer than a wiki page or a
    /// chat comfortably holds ([`limits::LONG_LINK`]).
    pub link_note: Option<String>,
    /// What the host page's last message set that was not used, and why.
    pub host_ignored: Vec<(String, HostRefusal)>,
    /// Post the result to a host frame after every change.
    pub host: bool,
    /// The model file being imported, while it is read.
    pub importing: Option<FileRef>,
    /// The browser's date (see [`Startup::today`]).
    pub today: Date,
    /// What the calculator page shows, rebuilt whenever the document changes
    /// ([`CalcState::follow_up`]); components only read it.
    pub view: CalculatorView,
}

/// Something that happened: a user intent or a browser answer. Indexes that
/// point nowhere are ignored; so is any change to the criteria while the
/// state is locked.
#[derive(Clone, Debug, PartialEq)]
pub enum CalcEvent {
    /// Set component `n`'s weight to the typed text.
    SetWeight(usize, String),
    /// Set the threshold to the typed text.
    SetThreshold(String),
    /// Name the account (optional, for the copied summary).
    SetAccount(String),
    /// Choose how component `n` is scored.
    SetMode(usize, ScoreMode),
    /// Set component `n`'s typed score.
    SetDirect(usize, String),
    /// Set signal `s` of component `c` to the typed value.
    SetSignal(usize, usize, String),
    /// Mark gate `n` as met or not.
    SetGateMet(usize, bool),
    /// Mark gate `n` as required or not.
    SetGateRequired(usize, bool),
    /// Remove notice `n`.
    DismissNotice(usize),
    /// Add a notice.
    Notify(Notice),
    /// Open or close the model editor.
    SetEditing(bool),
    /// Add a component with one signal.
    AddComponent,
    /// Rename component `n`.
    RenameComponent(usize, String),
    /// Remove component `n` (the last one stays).
    RemoveComponent(usize),
    /// Add a signal to component `n`.
    AddSignal(usize),
    /// Remove signal `s` of component `c`.
    RemoveSignal(usize, usize),
    /// Remove these signals, by (component key, signal key), as one undoable
    /// edit; a component left with no signal goes too, unless it is the last.
    RemoveSignals(Vec<(String, String)>),
    /// Rename signal `s` of component `c`.
    RenameSignal(usize, usize, String),
    /// Change the kind of signal `s` of component `c`; its value is cleared.
    SetSignalKind(usize, usize, KindChoice),
    /// Set the cap of a count signal (above 0).
    SetSignalCap(usize, usize, f64),
    /// Set the scale of a count signal.
    SetSignalScale(usize, usize, Scale),
    /// Set the sub-weight of a signal (0 or more).
    SetSignalWeight(usize, usize, f64),
    /// Set the half-life in days of a date signal (above 0).
    SetSignalHalfLife(usize, usize, f64),
    /// Set the date recency signals are scored at, as typed (`YYYY-MM-DD`; blank: today).
    SetAsOf(String),
    /// Set whether a signal adds to the score or counts against it.
    SetSignalDirection(usize, usize, Direction),
    /// Add a gate.
    AddGate,
    /// Rename gate `n`.
    RenameGate(usize, String),
    /// Remove gate `n`.
    RemoveGate(usize),
    /// Go back to the default model (undoable).
    ResetModel,
    /// Replace model and targets (an imported file); undoable, with a notice.
    ReplaceDocument(Box<Document>, String),
    /// Use the team's own benchmark targets (`None`: the reference table).
    SetTargets(Option<Benchmarks>),
    /// Open the share link in a fragment that changed while the page was open.
    OpenFragment(String),
    /// Put back the model kept in `previous`.
    Undo,
    /// Keep the current weights, threshold and required gates as a scenario
    /// with this name (a scenario of the same name is replaced).
    SaveScenario(String),
    /// Keep this scenario (the fitted weights, say).
    AddScenario(Scenario),
    /// Remove scenario `n`.
    RemoveScenario(usize),
    /// Use these weights (component order), undoably, saying why.
    ApplyWeights(Vec<String>, String),
    /// Use a saved scenario's weights, threshold and required gates, undoably.
    UseScenario(usize),
    /// Put the share link on the clipboard.
    CopyLink,
    /// Put a plain-text summary of the result on the clipboard.
    CopyResult,
    /// Put the embed snippet on the clipboard.
    CopyEmbed,
    /// Choose the theme the embed code asks its frame for.
    SetEmbedTheme(crate::model::share::route::Theme),
    /// Download the model as a JSON file.
    ExportJson,
    /// Import a model from a JSON file the user chose or dropped.
    ImportFile(FileRef),
    /// Download the saved text the page could not read.
    DownloadBackup,
    /// A host page set inputs (`csql-calculator:set`).
    Host(HostSet),
    /// The shell's answer to an effect.
    Answer(Answer),
}

/// What a host page may set: inputs only, never the criteria of a locked page.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
pub struct HostSet {
    /// Component or signal key to the text as typed.
    #[serde(default)]
    pub values: std::collections::BTreeMap<String, String>,
    /// Gate key to met or not.
    #[serde(default)]
    pub gates: std::collections::BTreeMap<String, bool>,
    /// Keys whose value had the wrong type (a number where text belongs, text
    /// where true or false belongs): ignored, and said in the result.
    #[serde(default)]
    pub wrong_type: Vec<String>,
}

/// Why a host page's entry was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostRefusal {
    /// No component, signal or gate has this key.
    UnknownKey,
    /// A component scored from its signals on a locked page: its score comes
    /// from the signals, and a locked page keeps its criteria (the scoring mode).
    ScoredFromSignals,
    /// The value is not text (values) or not true/false (gates).
    WrongType,
    /// The message set more than [`MAX_HOST_ENTRIES`] entries: none was used.
    TooMany,
}

impl HostRefusal {
    /// The reason as the host reads it in `ignored`.
    #[must_use]
    pub fn reason(self) -> String {
        match self {
            Self::UnknownKey => "no component, signal or gate has this key".to_owned(),
            Self::ScoredFromSignals => {
                "this component is scored from its signals and the page is locked: set its signals' keys instead".to_owned()
            }
            Self::WrongType => "values are text (\"80\") and gates are true or false".to_owned(),
            Self::TooMany => format!("a message sets at most {MAX_HOST_ENTRIES} entries; none of this one was used"),
        }
    }
}

/// Most entries a host message may set; a larger message is ignored whole.
pub const MAX_HOST_ENTRIES: usize = 200;

impl CalcState {
    /// The default model with a pre-filled link's query string applied.
    #[must_use]
    pub fn from_query(query: &str) -> Self {
        let mut model = Model::default();
        let notices = apply_query(&mut model, query);
        let view = calculator(&model, Date::default());
        Self {
            model,
            notices,
            view,
            ..Self::default()
        }
    }

    /// The state a page starts in, and what it first asks of the browser: a
    /// shared model in the fragment wins, then a pre-filled query, then the
    /// saved model, then the default one. Query values apply on top of a
    /// shared model. Nothing is lost: a replaced saved model can be brought
    /// back with undo; unreadable saved text is kept under the backup key
    /// (the first effect) and offered for download.
    #[must_use]
    pub fn start(startup: &Startup) -> (Self, Effects) {
        let mut notices = Vec::new();
        let mut effects = Vec::new();
        let compact = startup.embedded || crate::model::share::route::ViewFlags::from_query(&startup.query).embed;
        let mut autosave = !compact && startup.stored != Stored::Unavailable;
        let mut backup = startup.backup.clone();
        let saved = match &startup.stored {
            Stored::Text(text) => match from_json(text) {
                Ok(document) => Some(document),
                Err(e) => {
                    match &backup {
                        // Keep it before anything is saved over it.
                        None => effects.push(Effect::Save {
                            key: StorageKey::Backup,
                            text: text.clone(),
                        }),
                        // An older backup is already kept: keep both by not saving this visit.
                        Some(kept) if kept != text => autosave = false,
                        Some(_) => {}
                    }
                    backup = Some(text.clone());
                    notices.push(Notice::with_action(
                        format!(
                            "The model saved in this browser could not be read: {e}. The page starts from the default model; the saved text is kept until you dismiss this."
                        ),
                        NoticeAction::DownloadBackup,
                    ));
                    None
                }
            },
            Stored::Nothing => None,
            // A locked page or an embed never saves: a reader there has nothing to act on.
            Stored::Unavailable if compact || flag_set(&startup.query, "lock") => None,
            Stored::Unavailable => {
                notices.push(Notice::quiet(
                    "This page cannot save here (a private window, a sandboxed frame or full storage): your inputs last until you close it.",
                ));
                None
            }
        };
        if backup.is_some() && !notices.iter().any(|n| n.action == Some(NoticeAction::DownloadBackup)) {
            notices.push(Notice::with_action(
                "A saved model this page could not read is kept in this browser: download it, or dismiss this to let it go.",
                NoticeAction::DownloadBackup,
            ));
        }
        let shared = code_in_fragment(&startup.fragment).and_then(|code| match decode_link(code) {
            Ok(document) => Some(document),
            Err(e) => {
                notices.push(Notice::new(format!(
                    "This share link could not be opened: {e}. Showing {} instead.",
                    if saved.is_some() {
                        "the model saved in this browser"
                    } else {
                        "the default model"
                    }
                )));
                None
            }
        });
        let linked = shared.is_some() || mentions_model(&Model::default(), &startup.query);
        let Document {
            mut model,
            targets,
            scenarios,
            ..
        } = shared.or_else(|| (!linked).then(|| saved.clone()).flatten()).unwrap_or_default();
        notices.extend(apply_query(&mut model, &startup.query));
        let opened = Document::new(model.clone(), targets.clone()).with_scenarios(scenarios.clone());
        let locked = flag_set(&startup.query, "lock");
        let mut previous = None;
        // A locked link keeps its criteria: nothing to undo back to.
        if linked && !locked {
            if let Some(saved) = saved.filter(|saved| *saved != opened) {
                previous = Some(saved);
                notices.push(Notice::with_undo(
                    "Opened the model from this link. Your own saved model stays saved until you change this one; undo brings yours back now.",
                ));
            }
        }
        let mut state = Self {
            model,
            targets,
            scenarios,
            notices,
            previous,
            locked,
            editing: false,
            embed_theme: crate::model::share::route::Theme::Auto,
            autosave,
            backup,
            address: startup.address.clone(),
            link: String::new(),
            link_note: None,
            host_ignored: Vec::new(),
            host: startup.in_frame,
            importing: None,
            today: startup.today,
            view: CalculatorView::default(),
        };
        state.set_link();
        state.view = calculator(&state.model, state.today);
        if state.host {
            effects.push(Effect::PostToHost(state.result_message()));
        }
        (state, effects)
    }

    /// Handles one event: applies it, then asks for what follows from the
    /// change (a save, the host's result message).
    pub fn update(&mut self, event: CalcEvent) -> Effects {
        let before = self.document();
        // A host that set values gets an answer even when nothing changed.
        let asked = matches!(event, CalcEvent::Host(_));
        if !asked {
            self.host_ignored.clear();
        }
        let mut effects = self.effects_of(event);
        self.refuse_oversized(&before);
        effects.extend(self.follow_up(&before, asked));
        effects
    }

    /// Puts `before` back when a change made the document larger than the
    /// loader reads ([`MAX_JSON_LEN`]): the editor's limits are the loader's,
    /// so what is saved and shared always opens again.
    fn refuse_oversized(&mut self, before: &Document) {
        let document = self.document();
        if document == *before || to_json(&document).len() <= MAX_JSON_LEN {
            return;
        }
        self.model = before.model.clone();
        self.targets = before.targets.clone();
        self.scenarios = before.scenarios.clone();
        self.notify(Notice::new(format!(
            "That change was not made: the model would be larger than {} KB, more than a saved model or link can hold.",
            MAX_JSON_LEN / 1024
        )));
    }

    /// What follows from a change of the document made here or by another
    /// part of the app (the Programme view edits the targets): the share link
    /// is encoded again, the document saved, the host told.
    pub fn follow_up(&mut self, before: &Document, asked: bool) -> Effects {
        let mut effects = Vec::new();
        let changed = self.document() != *before;
        if changed {
            self.view = calculator(&self.model, self.today);
            self.set_link();
            if self.autosave {
                effects.push(Effect::Save {
                    key: StorageKey::Model,
                    text: to_json(&self.document()),
                });
            }
        }
        if self.host && (asked || changed) {
            effects.push(Effect::PostToHost(self.result_message()));
        }
        effects
    }

    /// The effects of one event, after applying what it changes.
    fn effects_of(&mut self, event: CalcEvent) -> Effects {
        match event {
            CalcEvent::CopyLink => vec![Effect::CopyText(CopyWhat::Link, self.link.clone())],
            CalcEvent::CopyResult => vec![Effect::CopyText(CopyWhat::Result, result_summary(self))],
            CalcEvent::CopyEmbed => vec![Effect::CopyText(
                CopyWhat::Embed,
                crate::model::share::embed_snippet(&self.address, &self.document(), self.embed_theme),
            )],
            CalcEvent::ExportJson => vec![Effect::Download {
                file_name: "csql-model.json".to_owned(),
                mime: "application/json",
                text: to_json(&self.document()),
            }],
            CalcEvent::ImportFile(file) => {
                if self.locked {
                    return Vec::new();
                }
                if usize::try_from(file.size).map_or(true, |size| size > MAX_JSON_LEN) {
                    self.notify(Notice::new(format!(
                        "Import failed: {} is too large ({} KB); a model file is a few KB.",
                        crate::model::core::text::quoted(&file.name),
                        file.size / 1024
                    )));
                    return Vec::new();
                }
                self.importing = Some(file.clone());
                vec![Effect::ReadFile(file)]
            }
            CalcEvent::DownloadBackup => self
                .backup
                .as_ref()
                .map(|text| Effect::Download {
                    file_name: "csql-model-unreadable.json".to_owned(),
                    mime: "application/json",
                    text: text.clone(),
                })
                .into_iter()
                .collect(),
            CalcEvent::DismissNotice(n) => {
                let dismissed = self.notices.get(n).map(|notice| notice.action);
                self.apply(CalcEvent::DismissNotice(n));
                if dismissed == Some(Some(NoticeAction::DownloadBackup)) && self.backup.take().is_some() {
                    return vec![Effect::Remove(StorageKey::Backup)];
                }
                Vec::new()
            }
            CalcEvent::Host(set) => {
                self.apply_host(set);
                Vec::new()
            }
            CalcEvent::Answer(answer) => {
                self.answer(answer);
                Vec::new()
            }
            // The keyboard goes on in the new item's name.
            CalcEvent::AddComponent => {
                self.apply(CalcEvent::AddComponent);
                self.editing
                    .then(|| self.model.components.last())
                    .flatten()
                    .map(|c| Effect::Focus(format!("{}-name", c.key)))
                    .into_iter()
                    .collect()
            }
            CalcEvent::AddSignal(n) => {
                let before = self.model.components.get(n).map_or(0, |c| c.signals.len());
                self.apply(CalcEvent::AddSignal(n));
                self.model
                    .components
                    .get(n)
                    .filter(|c| c.signals.len() > before)
                    .and_then(|c| c.signals.last().map(|s| Effect::Focus(format!("edit-{}-{}-label", c.key, s.key))))
                    .into_iter()
                    .collect()
            }
            CalcEvent::AddGate => {
                let before = self.model.gates.len();
                self.apply(CalcEvent::AddGate);
                self.model
                    .gates
                    .last()
                    .filter(|_| self.model.gates.len() > before)
                    .map(|g| Effect::Focus(format!("gate-{}-name", g.key)))
                    .into_iter()
                    .collect()
            }
            other => {
                self.apply(other);
                Vec::new()
            }
        }
    }

    /// An answer from the shell.
    fn answer(&mut self, answer: Answer) {
        match answer {
            Answer::SaveRefused(StorageKey::Backup) => {
                self.autosave = false;
                self.notify(Notice::new(
                    "This browser refused to keep a copy of the unreadable saved model, so this page will not save over it: download it from the notice above to keep it.",
                ));
            }
            Answer::SaveRefused(StorageKey::Model) => self.notify(Notice::new(
                "This browser refused to save (storage full or blocked): the model saved before stays as it was, and your changes last until you close the page.",
            )),
            Answer::SaveRefused(StorageKey::Mapping) | Answer::FileProgress(..) => {}
            Answer::FileRead(id, bytes) => {
                if let Some(file) = self.importing.take().filter(|f| f.id == id) {
                    let name = crate::model::core::text::quoted(&file.name);
                    match crate::model::share::from_bytes(&bytes) {
                        Ok(document) => self.apply(CalcEvent::ReplaceDocument(Box::new(document), format!("Imported the model from {name}."))),
                        Err(e) => self.notify(Notice::new(format!("Import failed: {name} could not be used: {e}."))),
                    }
                }
            }
            Answer::FileFailed(id) => {
                if let Some(file) = self.importing.take().filter(|f| f.id == id) {
                    self.notify(Notice::new(format!(
                        "Import failed: {} could not be read.",
                        crate::model::core::text::quoted(&file.name)
                    )));
                }
            }
            Answer::Copied(what, worked) => self.notify(Notice::new(copied_message(what, worked))),
        }
    }

    /// Fills inputs from a host page as if typed: component scores, signal
    /// values, gates met. Criteria stay as they are; unknown keys are ignored.
    ///
    /// The rule: a component key sets that component's score, switching it
    /// to a typed score; on a locked page the scoring mode is a criterion, so
    /// a component scored from its signals keeps them and the entry is
    /// ignored. Every entry not used is listed, with why, in the result's
    /// `ignored` ([`HostRefusal`]).
    fn apply_host(&mut self, set: HostSet) {
        let mut ignored: Vec<(String, HostRefusal)> = Vec::new();
        if set.values.len() + set.gates.len() + set.wrong_type.len() > MAX_HOST_ENTRIES {
            self.host_ignored = vec![(String::new(), HostRefusal::TooMany)];
            return;
        }
        for (key, text) in set.values {
            let text: String = text.chars().take(limits::MAX_NUMBER_LEN).collect();
            if let Some(c) = self.model.components.iter().position(|c| c.key == key) {
                if self.locked && self.model.components[c].mode == ScoreMode::Signals {
                    ignored.push((key, HostRefusal::ScoredFromSignals));
                    continue;
                }
                self.apply(CalcEvent::SetMode(c, ScoreMode::Direct));
                self.apply(CalcEvent::SetDirect(c, text));
            } else if let Some((c, s)) = self.find_signal(&key) {
                self.apply(CalcEvent::SetSignal(c, s, text));
            } else {
                ignored.push((key, HostRefusal::UnknownKey));
            }
        }
        for (key, met) in set.gates {
            match self.model.gates.iter().position(|g| g.key == key) {
                Some(n) => self.apply(CalcEvent::SetGateMet(n, met)),
                None => ignored.push((key, HostRefusal::UnknownKey)),
            }
        }
        ignored.extend(set.wrong_type.into_iter().map(|key| (key, HostRefusal::WrongType)));
        self.host_ignored = ignored;
    }

    /// The component and signal index of a signal key (first match in model order).
    fn find_signal(&self, key: &str) -> Option<(usize, usize)> {
        self.model
            .components
            .iter()
            .enumerate()
            .find_map(|(c, component)| component.signals.iter().position(|s| s.key == key).map(|s| (c, s)))
    }

    /// Encodes the share link again, with its note when it is long.
    fn set_link(&mut self) {
        self.link = self.share_link();
        let length = self.link.chars().count();
        self.link_note = (length > limits::LONG_LINK).then(|| {
            format!(
                "This link is {length} characters long, more than a wiki page or a chat comfortably holds: Export JSON gives a file to share instead."
            )
        });
    }

    /// The full share link of the current document.
    #[must_use]
    pub fn share_link(&self) -> String {
        format!("{}#m={}", self.address, encode_link(&self.document()))
    }

    /// The result as the host page receives it.
    #[must_use]
    pub fn result_message(&self) -> HostMessage {
        let evaluation = evaluate(&self.model, self.today);
        let gates_missing = if matches!(evaluation.verdict, crate::model::Verdict::GatesMissing(_)) {
            self.model
                .gates
                .iter()
                .filter(|g| g.required && !g.met)
                .map(|g| g.key.clone())
                .collect()
        } else {
            Vec::new()
        };
        HostMessage::Result(ResultMessage {
            score: evaluation.score,
            verdict: evaluation.verdict.word(),
            components: evaluation
                .parts
                .iter()
                .map(|p| ComponentResult {
                    key: p.key.clone(),
                    name: p.name.clone(),
                    score: p.score,
                    points: p.points,
                })
                .collect(),
            gates_missing,
            model_link: self.link.clone(),
            ignored: self
                .host_ignored
                .iter()
                .map(|(key, refusal)| IgnoredEntry {
                    key: key.clone(),
                    reason: refusal.reason(),
                })
                .collect(),
        })
    }

    /// Adds a notice unless the same one is showing.
    fn notify(&mut self, notice: Notice) {
        self.apply(CalcEvent::Notify(notice));
    }

    /// Applies one event's change to the state, without its effects (see
    /// [`CalcState::update`]). A locked page takes only what its
    /// [`Concern`] allows.
    pub fn apply(&mut self, event: CalcEvent) {
        let concern = Concern::of(&event);
        if self.locked && !concern.locked_takes() {
            return;
        }
        match concern {
            Concern::Input => self.set_input(event),
            Concern::Notice => self.change_notices(event),
            Concern::Criteria => self.set_criteria(event),
            Concern::Shape => self.edit_shape(event),
            Concern::Signal => self.edit_signal(event),
            Concern::Document => self.change_document(event),
            Concern::Undo => self.undo(),
            // Carried out by `update`.
            Concern::Import | Concern::Outside => {}
        }
    }

    /// The account's inputs. Typed numbers and names stop at the loader's
    /// limits, so the editor can never build a model the next page load refuses.
    fn set_input(&mut self, event: CalcEvent) {
        match event {
            CalcEvent::SetAccount(text) => self.model.account = text.chars().take(limits::MAX_NAME_LEN).collect(),
            CalcEvent::SetDirect(n, text) if limits::check_number_text(&text).is_ok() => {
                with(&mut self.model.components, n, |c| c.direct = text);
            }
            CalcEvent::SetSignal(c, s, text) if limits::check_number_text(&text).is_ok() => {
                self.with_signal(c, s, |signal| signal.value = text);
            }
            CalcEvent::SetGateMet(n, met) => with(&mut self.model.gates, n, |g| g.met = met),
            // Refused by a limit (the field says why), or not an input.
            _ => {}
        }
    }

    fn change_notices(&mut self, event: CalcEvent) {
        match event {
            CalcEvent::DismissNotice(n) if n < self.notices.len() => {
                self.notices.remove(n);
            }
            CalcEvent::Notify(notice) if !self.notices.contains(&notice) => self.notices.push(notice),
            _ => {}
        }
    }

    /// Weights, threshold, modes, gates required, the as-of date, the editor.
    fn set_criteria(&mut self, event: CalcEvent) {
        match event {
            CalcEvent::SetWeight(n, text) if limits::check_number_text(&text).is_ok() => {
                with(&mut self.model.components, n, |c| c.weight = text);
            }
            CalcEvent::SetThreshold(text) if limits::check_number_text(&text).is_ok() => self.model.threshold = text,
            CalcEvent::SetMode(n, mode) => with(&mut self.model.components, n, |c| c.mode = mode),
            CalcEvent::SetGateRequired(n, required) => with(&mut self.model.gates, n, |g| g.required = required),
            CalcEvent::SetAsOf(text) if text.chars().count() <= limits::MAX_NUMBER_LEN => self.model.as_of = text,
            CalcEvent::SetEditing(on) => self.editing = on,
            CalcEvent::SetEmbedTheme(theme) => self.embed_theme = theme,
            // Refused by a limit (the editor says why), or not a criterion.
            _ => {}
        }
    }

    /// Components, signals and gates added, renamed or removed; a removal can be undone.
    fn edit_shape(&mut self, event: CalcEvent) {
        match event {
            CalcEvent::AddComponent if limits::can_add_component(&self.model).is_ok() => {
                let key = unique_key("component", self.model.components.iter().map(|c| c.key.as_str()));
                let n = self.model.components.len() + 1;
                self.model.components.push(Component {
                    key,
                    name: format!("Component {n}"),
                    weight: "10".to_owned(),
                    mode: ScoreMode::Signals,
                    direct: String::new(),
                    signals: vec![Signal::new("signal_1", "New signal", SignalKind::Rating, 1.0)],
                });
            }
            CalcEvent::RenameComponent(n, name) if limits::check_name(&name).is_ok() => {
                with(&mut self.model.components, n, |c| c.name = name);
            }
            CalcEvent::RemoveComponent(n) if n < self.model.components.len() && limits::can_remove_component(&self.model).is_ok() => {
                self.keep_for_undo();
                let removed = self.model.components.remove(n);
                self.undo_notice(format!("Removed the component {}.", removed.name));
            }
            CalcEvent::AddSignal(n) => with(&mut self.model.components, n, |c| {
                if limits::can_add_signal(c).is_ok() {
                    let key = unique_key("signal", c.signals.iter().map(|s| s.key.as_str()));
                    c.signals.push(Signal::new(&key, "New signal", SignalKind::Rating, 1.0));
                }
            }),
            CalcEvent::RemoveSignal(c, s) if self.model.components.get(c).is_some_and(|comp| s < comp.signals.len()) => {
                self.keep_for_undo();
                let removed = self.model.components[c].signals.remove(s);
                self.undo_notice(format!("Removed the signal {}.", removed.label));
            }
            CalcEvent::RemoveSignals(keys) => self.remove_signals(&keys),
            CalcEvent::RenameSignal(c, s, label) if limits::check_name(&label).is_ok() => {
                self.with_signal(c, s, |signal| signal.label = label);
            }
            CalcEvent::AddGate if limits::can_add_gate(&self.model).is_ok() => {
                let key = unique_key("gate", self.model.gates.iter().map(|g| g.key.as_str()));
                self.model.gates.push(Gate {
                    key,
                    label: "New gate".to_owned(),
                    question: String::new(),
                    required: true,
                    met: false,
                });
            }
            CalcEvent::RenameGate(n, label) if limits::check_name(&label).is_ok() => with(&mut self.model.gates, n, |g| g.label = label),
            CalcEvent::RemoveGate(n) if n < self.model.gates.len() => {
                self.keep_for_undo();
                let removed = self.model.gates.remove(n);
                self.undo_notice(format!("Removed the gate {}.", removed.label));
            }
            // Refused by a limit (the editor says why), or not a change of shape.
            _ => {}
        }
    }

    /// Removes the signals named by (component key, signal key) as one
    /// undoable edit. A component left with no signal is removed as well,
    /// unless it is the only one left.
    fn remove_signals(&mut self, keys: &[(String, String)]) {
        let named = |c: &Component, s: &Signal| keys.iter().any(|(ck, sk)| *ck == c.key && *sk == s.key);
        let count = self
            .model
            .components
            .iter()
            .map(|c| c.signals.iter().filter(|s| named(c, s)).count())
            .sum::<usize>();
        if count == 0 {
            return;
        }
        self.keep_for_undo();
        let mut emptied = Vec::new();
        for component in &mut self.model.components {
            let before = component.signals.len();
            component
                .signals
                .retain(|s| !keys.iter().any(|(ck, sk)| *ck == component.key && *sk == s.key));
            if before > 0 && component.signals.is_empty() && component.mode == ScoreMode::Signals {
                emptied.push(component.key.clone());
            }
        }
        let mut removed_components = Vec::new();
        for key in emptied {
            if limits::can_remove_component(&self.model).is_ok() {
                if let Some(n) = self.model.components.iter().position(|c| c.key == key) {
                    removed_components.push(self.model.components.remove(n).name);
                }
            }
        }
        let mut message = format!("Removed {}.", crate::model::core::format::count(count, "signal", "signals"));
        if !removed_components.is_empty() {
            message.push_str(&format!(" {} had no signal left and went too.", removed_components.join(", ")));
        }
        self.undo_notice(message);
    }

    /// How one signal is read: kind, cap, scale, weight, half-life, direction.
    fn edit_signal(&mut self, event: CalcEvent) {
        match event {
            CalcEvent::SetSignalKind(c, s, choice) => self.with_signal(c, s, |signal| {
                let kind = choice.kind();
                if std::mem::discriminant(&kind) != std::mem::discriminant(&signal.kind) {
                    signal.kind = kind;
                    signal.value.clear();
                }
            }),
            CalcEvent::SetSignalCap(c, s, cap) if limits::check_cap(cap).is_ok() => self.with_signal(c, s, |signal| {
                if let SignalKind::Count { cap: old, .. } = &mut signal.kind {
                    *old = cap;
                }
            }),
            CalcEvent::SetSignalScale(c, s, scale) => self.with_signal(c, s, |signal| {
                if let SignalKind::Count { scale: old, .. } = &mut signal.kind {
                    *old = scale;
                }
            }),
            CalcEvent::SetSignalWeight(c, s, weight) if limits::check_weight(weight).is_ok() => {
                self.with_signal(c, s, |signal| signal.weight = weight);
            }
            CalcEvent::SetSignalHalfLife(c, s, days) if limits::check_cap(days).is_ok() => self.with_signal(c, s, |signal| {
                if let SignalKind::Date { half_life_days } = &mut signal.kind {
                    *half_life_days = days;
                }
            }),
            CalcEvent::SetSignalDirection(c, s, direction) => self.with_signal(c, s, |signal| signal.direction = direction),
            // Refused by a limit (the editor says why), or not a signal edit.
            _ => {}
        }
    }

    /// The whole document: reset, replaced, opened from a link, benchmark
    /// targets, scenarios and applied weights. Each replacement can be undone.
    fn change_document(&mut self, event: CalcEvent) {
        match event {
            CalcEvent::ResetModel if self.model != Model::default() || self.targets.is_some() => {
                self.keep_for_undo();
                self.model = Model::default();
                self.targets = None;
                self.undo_notice("Back to the default model and the reference benchmarks.".to_owned());
            }
            CalcEvent::ReplaceDocument(document, message) => self.replace(*document, message),
            CalcEvent::OpenFragment(fragment) => match code_in_fragment(&fragment).map(decode_link) {
                Some(Ok(document)) if document != self.document() => {
                    self.replace(
                        document,
                        "Opened the model from this link; undo brings back the one you had.".to_owned(),
                    );
                }
                Some(Err(e)) => self.notices.push(Notice::new(format!(
                    "This share link could not be opened: {e}. The page keeps its model."
                ))),
                _ => {}
            },
            CalcEvent::SetTargets(targets) => self.targets = targets,
            CalcEvent::ApplyWeights(weights, message)
                if weights.len() == self.model.components.len() && weights.iter().all(|w| limits::check_number_text(w).is_ok()) =>
            {
                self.keep_for_undo();
                for (component, weight) in self.model.components.iter_mut().zip(weights) {
                    component.weight = weight;
                }
                self.undo_notice(message);
            }
            event => self.change_scenarios(event),
        }
    }

    fn change_scenarios(&mut self, event: CalcEvent) {
        match event {
            CalcEvent::SaveScenario(name) => {
                let name: String = name.trim().chars().take(limits::MAX_NAME_LEN).collect();
                if !name.is_empty() {
                    self.add_scenario(Scenario::from_model(&name, &self.model));
                }
            }
            CalcEvent::AddScenario(scenario) => self.add_scenario(scenario),
            CalcEvent::RemoveScenario(n) if n < self.scenarios.len() => {
                self.keep_for_undo();
                let removed = self.scenarios.remove(n);
                self.undo_notice(format!("Removed the scenario {}.", crate::model::core::text::quoted(&removed.name)));
            }
            CalcEvent::UseScenario(n) => {
                let used = self.scenarios.get(n).map(|s| (s.apply(&self.model), s.name.clone()));
                // Never a model the loader would refuse (scenarios are checked when kept).
                if let Some((model, name)) = used.filter(|(model, _)| crate::model::share::check(model).is_ok()) {
                    self.keep_for_undo();
                    self.model = model;
                    self.undo_notice(format!("Using the scenario {}.", crate::model::core::text::quoted(&name)));
                }
            }
            _ => {}
        }
    }

    /// Replaces the document, keeping the one it replaces for undo.
    fn replace(&mut self, document: Document, message: String) {
        self.keep_for_undo();
        self.model = document.model;
        self.targets = document.targets;
        self.scenarios = document.scenarios;
        self.undo_notice(message);
    }

    fn undo(&mut self) {
        if let Some(previous) = self.previous.take() {
            self.model = previous.model;
            self.targets = previous.targets;
            self.scenarios = previous.scenarios;
            self.notices.retain(|n| n.action != Some(NoticeAction::Undo));
        }
    }

    /// Keeps a scenario, replacing one of the same name, within the limits a
    /// loaded document must pass (so a kept scenario never makes a document
    /// the next visit refuses).
    fn add_scenario(&mut self, scenario: Scenario) {
        let fits = crate::model::share::scenario::check(
            std::slice::from_ref(&scenario),
            limits::MAX_NAME_LEN,
            limits::MAX_COMPONENTS,
            limits::MAX_GATES,
        );
        if fits.is_err() {
            return;
        }
        if let Some(existing) = self.scenarios.iter_mut().find(|s| s.name == scenario.name) {
            *existing = scenario;
        } else if self.scenarios.len() < crate::model::share::scenario::MAX_SCENARIOS {
            self.scenarios.push(scenario);
        }
    }

    fn with_signal(&mut self, c: usize, s: usize, change: impl FnOnce(&mut Signal)) {
        if let Some(signal) = self.model.components.get_mut(c).and_then(|c| c.signals.get_mut(s)) {
            change(signal);
        }
    }

    /// Model and targets as one document, for saving and sharing.
    #[must_use]
    pub fn document(&self) -> Document {
        Document::new(self.model.clone(), self.targets.clone()).with_scenarios(self.scenarios.clone())
    }

    fn keep_for_undo(&mut self) {
        self.previous = Some(self.document());
    }

    /// One undo notice at a time: it always refers to the last change.
    fn undo_notice(&mut self, message: String) {
        self.notices.retain(|n| n.action != Some(NoticeAction::Undo));
        self.notices.push(Notice::with_undo(message));
    }
}

/// What an event changes: which part of [`CalcState::apply`] takes it, and
/// whether a locked page (an embed) takes it at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Concern {
    /// The account's inputs: component scores, signal values, gates met, its name.
    Input,
    /// The notices shown.
    Notice,
    /// Weights, threshold, score modes, gates required, the as-of date, the editor.
    Criteria,
    /// Components, signals and gates added, renamed or removed.
    Shape,
    /// How one signal is read.
    Signal,
    /// The whole document: reset, replaced, a link, targets, scenarios, applied weights.
    Document,
    /// Undo the last replacement or removal.
    Undo,
    /// A model file to read.
    Import,
    /// Copying, downloads, the host page and the browser's answers: effects only.
    Outside,
}

impl Concern {
    fn of(event: &CalcEvent) -> Self {
        use CalcEvent as E;
        match event {
            E::SetAccount(_) | E::SetDirect(..) | E::SetSignal(..) | E::SetGateMet(..) => Self::Input,
            E::DismissNotice(_) | E::Notify(_) => Self::Notice,
            E::SetWeight(..)
            | E::SetThreshold(_)
            | E::SetMode(..)
            | E::SetGateRequired(..)
            | E::SetAsOf(_)
            | E::SetEditing(_)
            | E::SetEmbedTheme(_) => Self::Criteria,
            E::AddComponent
            | E::RenameComponent(..)
            | E::RemoveComponent(_)
            | E::AddSignal(_)
            | E::RemoveSignal(..)
            | E::RemoveSignals(..)
            | E::RenameSignal(..)
            | E::AddGate
            | E::RenameGate(..)
            | E::RemoveGate(_) => Self::Shape,
            E::SetSignalKind(..)
            | E::SetSignalCap(..)
            | E::SetSignalScale(..)
            | E::SetSignalWeight(..)
            | E::SetSignalHalfLife(..)
            | E::SetSignalDirection(..) => Self::Signal,
            E::ResetModel
            | E::ReplaceDocument(..)
            | E::SetTargets(_)
            | E::OpenFragment(_)
            | E::SaveScenario(_)
            | E::AddScenario(_)
            | E::RemoveScenario(_)
            | E::ApplyWeights(..)
            | E::UseScenario(_) => Self::Document,
            E::Undo => Self::Undo,
            E::ImportFile(_) => Self::Import,
            E::CopyLink | E::CopyResult | E::CopyEmbed | E::ExportJson | E::DownloadBackup | E::Host(_) | E::Answer(_) => Self::Outside,
        }
    }

    /// A locked page keeps its criteria: it takes inputs, notices, undo and effects only.
    fn locked_takes(self) -> bool {
        matches!(self, Self::Input | Self::Notice | Self::Undo | Self::Outside)
    }
}

/// Whether `name=1` is in the query string.
fn flag_set(query: &str, name: &str) -> bool {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).any(|(k, v)| k == name && v == "1")
}

fn with<T>(items: &mut [T], n: usize, change: impl FnOnce(&mut T)) {
    if let Some(item) = items.get_mut(n) {
        change(item);
    }
}

/// `prefix_1`, `prefix_2`, ...: the first not already taken.
fn unique_key<'a>(prefix: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    (1..)
        .map(|n| format!("{prefix}_{n}"))
        .find(|key| !taken.clone().any(|t| t == key))
        .unwrap_or_else(|| prefix.to_owned())
}

/// What the page says after a copy.
fn copied_message(what: CopyWhat, worked: bool) -> String {
    let thing = match what {
        CopyWhat::Link => "Link copied: it carries the whole model and this account's inputs, and opens the same score anywhere.",
        CopyWhat::Result => "Result copied: paste it into a CRM note or a chat message.",
        CopyWhat::Embed => "Embed code copied: paste it into your wiki page's HTML.",
        CopyWhat::Sql => "SQL copied: paste it into your warehouse's editor.",
        CopyWhat::Formula => "Formula copied: paste it into row 2 of a new column.",
    };
    if worked {
        thing.to_owned()
    } else {
        "This page may not use the clipboard here: select the text in its box and copy it.".to_owned()
    }
}

/// A plain-text summary of one account's result, for a CRM note or a chat
/// message: account, score, verdict, gates met and missing, weights, link.
#[must_use]
pub fn result_summary(state: &CalcState) -> String {
    let model = &state.model;
    let evaluation = crate::model::evaluate(model, state.today);
    let mut lines = Vec::new();
    let account = model.account.trim();
    if !account.is_empty() {
        lines.push(format!("Account: {account}"));
    }
    lines.push(format!(
        "CSQL score: {} / 100 (threshold {})",
        crate::model::core::format::one_decimal(evaluation.score),
        crate::model::core::format::one_decimal(evaluation.threshold)
    ));
    lines.push(format!(
        "Verdict: {}. {}",
        evaluation.verdict.kind().label(),
        crate::model::core::format::reason(&evaluation)
    ));
    let labels = |met: bool| -> String {
        let names: Vec<&str> = model
            .gates
            .iter()
            .filter(|g| g.met == met && (met || g.required))
            .map(|g| g.label.as_str())
            .collect();
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    };
    lines.push(format!("Gates met: {}", labels(true)));
    lines.push(format!("Required gates missing: {}", labels(false)));
    let weights: Vec<String> = model
        .components
        .iter()
        .zip(&evaluation.parts)
        .map(|(c, p)| format!("{} {} ({})", c.name, c.weight.trim(), crate::model::core::format::percent(p.share)))
        .collect();
    lines.push(format!("Weights: {}", weights.join(", ")));
    // The breakdown as the result card shows it: each component's points, and
    // each signal's under it.
    if evaluation.problems.is_empty() {
        for row in &state.view.result.rows {
            lines.push(format!("{}: {} points", row.name, row.points));
            for signal in &row.signals {
                lines.push(format!("  {}: {} ({})", signal.label, signal.points, signal.counts));
            }
        }
    }
    lines.push(format!("Model: {}", state.link));
    lines.join("\n")
}
