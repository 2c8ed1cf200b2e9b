//! Page state and the actions that change it: plain data and pure transitions,
//! so every user interaction can be tested without a browser.

use super::link::{apply_query, mentions_model};
use super::notice::{Notice, NoticeAction};
use super::programme::Benchmarks;
use super::share::{code_in_fragment, decode_link, from_json, Document};
use super::{Component, Direction, Gate, Model, Scale, ScoreMode, Signal, SignalKind};

/// What the browser's storage held at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Storage works and holds no model yet.
    Nothing,
    /// The saved text.
    Text(String),
    /// Storage cannot be used (private window, sandboxed frame, blocked).
    Unavailable,
}

/// Everything the page starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Startup {
    /// The query string (`?weights=...&lock=1`).
    pub query: String,
    /// The URL fragment (`#m=1....`).
    pub fragment: String,
    /// What storage held.
    pub stored: Stored,
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
}

/// Everything the calculator page holds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    /// The model with the account's inputs.
    pub model: Model,
    /// The team's own benchmark targets; `None` means the reference table.
    pub targets: Option<Benchmarks>,
    /// Messages for the user, newest last.
    pub notices: Vec<Notice>,
    /// Model and targets before the last reset, removal or replacement, for undo.
    pub previous: Option<Document>,
    /// Criteria (weights, threshold, gate definitions, model) are read-only.
    pub locked: bool,
    /// The model editor is open.
    pub editing: bool,
}

/// A user intent. Indexes that point nowhere are ignored; so is any change to
/// the criteria while the state is locked.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Set component `n`'s weight to the typed text.
    SetWeight(usize, String),
    /// Set the threshold to the typed text.
    SetThreshold(String),
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
}

impl State {
    /// The default model with a pre-filled link's query string applied.
    #[must_use]
    pub fn from_query(query: &str) -> Self {
        let mut model = Model::default();
        let notices = apply_query(&mut model, query);
        Self {
            model,
            notices,
            ..Self::default()
        }
    }

    /// The state a page starts in: a shared model in the fragment wins, then a
    /// pre-filled query, then the saved model, then the default one. Query
    /// values apply on top of a shared model. Nothing is lost: a replaced saved
    /// model can be brought back with undo, unreadable saved text downloaded.
    #[must_use]
    pub fn start(startup: &Startup) -> Self {
        let mut notices = Vec::new();
        let saved = match &startup.stored {
            Stored::Text(text) => match from_json(text) {
                Ok(document) => Some(document),
                Err(e) => {
                    notices.push(Notice {
                        message: format!(
                            "The model saved in this browser could not be read: {e}. The page starts from the default model; download the saved text to keep it."
                        ),
                        action: Some(NoticeAction::Download { file_name: "csql-model-unreadable.json".to_owned(), text: text.clone() }),
                    });
                    None
                }
            },
            Stored::Nothing => None,
            Stored::Unavailable => {
                notices.push(Notice::new(
                    "This browser is not letting the page save (a private window, a sandboxed frame or full storage): your changes last until you close it.",
                ));
                None
            }
        };
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
        let Document { mut model, targets, .. } = shared.or_else(|| (!linked).then(|| saved.clone()).flatten()).unwrap_or_default();
        notices.extend(apply_query(&mut model, &startup.query));
        let opened = Document::new(model.clone(), targets.clone());
        let locked = flag_set(&startup.query, "lock");
        let mut previous = None;
        // A locked link keeps its criteria: nothing to undo back to.
        if linked && !locked {
            if let Some(saved) = saved.filter(|saved| saved.model != opened.model || saved.targets != opened.targets) {
                previous = Some(saved);
                notices.push(Notice::with_undo(
                    "Opened the model from this link. Your own saved model stays saved until you change this one; undo brings yours back now.",
                ));
            }
        }
        Self {
            model,
            targets,
            notices,
            previous,
            locked,
            editing: false,
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        if self.locked && changes_criteria(&action) {
            return;
        }
        match action {
            Action::SetWeight(n, text) => with(&mut self.model.components, n, |c| c.weight = text),
            Action::SetThreshold(text) => self.model.threshold = text,
            Action::SetMode(n, mode) => with(&mut self.model.components, n, |c| c.mode = mode),
            Action::SetDirect(n, text) => with(&mut self.model.components, n, |c| c.direct = text),
            Action::SetSignal(c, s, text) => self.with_signal(c, s, |signal| signal.value = text),
            Action::SetGateMet(n, met) => with(&mut self.model.gates, n, |g| g.met = met),
            Action::SetGateRequired(n, required) => with(&mut self.model.gates, n, |g| g.required = required),
            Action::DismissNotice(n) => {
                if n < self.notices.len() {
                    self.notices.remove(n);
                }
            }
            Action::Notify(notice) => {
                if !self.notices.contains(&notice) {
                    self.notices.push(notice);
                }
            }
            Action::SetEditing(on) => self.editing = on,
            Action::AddComponent => {
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
            Action::RenameComponent(n, name) => with(&mut self.model.components, n, |c| c.name = name),
            Action::RemoveComponent(n) => {
                if n < self.model.components.len() && self.model.components.len() > 1 {
                    self.keep_for_undo();
                    let removed = self.model.components.remove(n);
                    self.undo_notice(format!("Removed the component {}.", removed.name));
                }
            }
            Action::AddSignal(n) => with(&mut self.model.components, n, |c| {
                let key = unique_key("signal", c.signals.iter().map(|s| s.key.as_str()));
                c.signals.push(Signal::new(&key, "New signal", SignalKind::Rating, 1.0));
            }),
            Action::RemoveSignal(c, s) => {
                if self.model.components.get(c).is_some_and(|comp| s < comp.signals.len()) {
                    self.keep_for_undo();
                    let removed = self.model.components[c].signals.remove(s);
                    self.undo_notice(format!("Removed the signal {}.", removed.label));
                }
            }
            Action::RenameSignal(c, s, label) => self.with_signal(c, s, |signal| signal.label = label),
            Action::SetSignalKind(c, s, choice) => self.with_signal(c, s, |signal| {
                let kind = match choice {
                    KindChoice::Count => SignalKind::Count {
                        cap: 10.0,
                        scale: Scale::Linear,
                    },
                    KindChoice::YesNo => SignalKind::YesNo,
                    KindChoice::Rating => SignalKind::Rating,
                    KindChoice::Percent => SignalKind::Percent,
                };
                if std::mem::discriminant(&kind) != std::mem::discriminant(&signal.kind) {
                    signal.kind = kind;
                    signal.value.clear();
                }
            }),
            Action::SetSignalCap(c, s, cap) => self.with_signal(c, s, |signal| {
                if let SignalKind::Count { cap: old, .. } = &mut signal.kind {
                    if cap.is_finite() && cap > 0.0 {
                        *old = cap;
                    }
                }
            }),
            Action::SetSignalScale(c, s, scale) => self.with_signal(c, s, |signal| {
                if let SignalKind::Count { scale: old, .. } = &mut signal.kind {
                    *old = scale;
                }
            }),
            Action::SetSignalWeight(c, s, weight) => self.with_signal(c, s, |signal| {
                if weight.is_finite() && weight >= 0.0 {
                    signal.weight = weight;
                }
            }),
            Action::SetSignalDirection(c, s, direction) => self.with_signal(c, s, |signal| signal.direction = direction),
            Action::AddGate => {
                let key = unique_key("gate", self.model.gates.iter().map(|g| g.key.as_str()));
                self.model.gates.push(Gate {
                    key,
                    label: "New gate".to_owned(),
                    question: String::new(),
                    required: true,
                    met: false,
                });
            }
            Action::RenameGate(n, label) => with(&mut self.model.gates, n, |g| g.label = label),
            Action::RemoveGate(n) => {
                if n < self.model.gates.len() {
                    self.keep_for_undo();
                    let removed = self.model.gates.remove(n);
                    self.undo_notice(format!("Removed the gate {}.", removed.label));
                }
            }
            Action::ResetModel => {
                if self.model != Model::default() {
                    self.keep_for_undo();
                    self.model = Model::default();
                    self.undo_notice("Back to the default model.".to_owned());
                }
            }
            Action::ReplaceDocument(document, message) => {
                self.keep_for_undo();
                self.model = document.model;
                self.targets = document.targets;
                self.undo_notice(message);
            }
            Action::SetTargets(targets) => self.targets = targets,
            Action::OpenFragment(fragment) => match code_in_fragment(&fragment).map(decode_link) {
                Some(Ok(document)) if document != self.document() => {
                    self.keep_for_undo();
                    self.model = document.model;
                    self.targets = document.targets;
                    self.undo_notice("Opened the model from this link; undo brings back the one you had.".to_owned());
                }
                Some(Err(e)) => self.notices.push(Notice::new(format!(
                    "This share link could not be opened: {e}. The page keeps its model."
                ))),
                _ => {}
            },
            Action::Undo => {
                if let Some(previous) = self.previous.take() {
                    self.model = previous.model;
                    self.targets = previous.targets;
                    self.notices.retain(|n| n.action != Some(NoticeAction::Undo));
                }
            }
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
        Document::new(self.model.clone(), self.targets.clone())
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

/// Whether an action changes what a locked page keeps fixed: weights,
/// threshold, which gates are required, and the model's shape. Account inputs
/// (signal values, typed scores, gates met) stay open.
fn changes_criteria(action: &Action) -> bool {
    !matches!(
        action,
        Action::SetDirect(..)
            | Action::SetSignal(..)
            | Action::SetGateMet(..)
            | Action::DismissNotice(_)
            | Action::Notify(_)
            | Action::Undo
    )
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
