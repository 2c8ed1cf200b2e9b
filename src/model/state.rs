//! Page state and the actions that change it: plain data and pure transitions,
//! so every user interaction can be tested without a browser.

use super::link::{apply_query, Notice};
use super::{Model, ScoreMode};

/// Everything the calculator page holds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    /// The model with the account's inputs.
    pub model: Model,
    /// Messages for the user, newest last.
    pub notices: Vec<Notice>,
}

/// A user intent. Indexes that point nowhere are ignored.
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
}

impl State {
    /// The default model with a pre-filled link's query string applied.
    #[must_use]
    pub fn from_query(query: &str) -> Self {
        let mut model = Model::default();
        let notices = apply_query(&mut model, query);
        Self { model, notices }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        let model = &mut self.model;
        match action {
            Action::SetWeight(n, text) => {
                if let Some(c) = model.components.get_mut(n) {
                    c.weight = text;
                }
            }
            Action::SetThreshold(text) => model.threshold = text,
            Action::SetMode(n, mode) => {
                if let Some(c) = model.components.get_mut(n) {
                    c.mode = mode;
                }
            }
            Action::SetDirect(n, text) => {
                if let Some(c) = model.components.get_mut(n) {
                    c.direct = text;
                }
            }
            Action::SetSignal(c, s, text) => {
                if let Some(signal) = model.components.get_mut(c).and_then(|c| c.signals.get_mut(s)) {
                    signal.value = text;
                }
            }
            Action::SetGateMet(n, met) => {
                if let Some(g) = model.gates.get_mut(n) {
                    g.met = met;
                }
            }
            Action::SetGateRequired(n, required) => {
                if let Some(g) = model.gates.get_mut(n) {
                    g.required = required;
                }
            }
            Action::DismissNotice(n) => {
                if n < self.notices.len() {
                    self.notices.remove(n);
                }
            }
        }
    }
}
