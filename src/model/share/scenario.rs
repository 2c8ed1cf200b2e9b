//! Scenarios: named weights, thresholds and required gates, kept with the
//! model and carried in its share link. What they say on a book (compared
//! side by side) is in `model::evidence::scenarios`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::core::limits::{check_number_text, LimitError};
use crate::model::core::text::{quoted, truncate};
use crate::model::Model;

/// Most scenarios kept with a model (checked when a document or link loads).
pub const MAX_SCENARIOS: usize = 8;

/// Weights, threshold and required gates under a name, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// The name the user gave it (`Current`, `Fitted`, `What Sales proposed`).
    pub name: String,
    /// Each component's weight as typed, by component key.
    pub weights: BTreeMap<String, String>,
    /// The threshold as typed, 0-100.
    pub threshold: String,
    /// Keys of the gates that must be met; other gates are not required.
    #[serde(default)]
    pub required: Vec<String>,
}

impl Scenario {
    /// The model's current weights, threshold and required gates under `name`.
    #[must_use]
    pub fn from_model(name: &str, model: &Model) -> Self {
        Self {
            name: name.to_owned(),
            weights: model.components.iter().map(|c| (c.key.clone(), c.weight.clone())).collect(),
            threshold: model.threshold.clone(),
            required: model.gates.iter().filter(|g| g.required).map(|g| g.key.clone()).collect(),
        }
    }

    /// `model` with this scenario's weights, threshold and required gates; a
    /// component the scenario has no weight for keeps its own.
    #[must_use]
    pub fn apply(&self, model: &Model) -> Model {
        let mut model = model.clone();
        for component in &mut model.components {
            if let Some(weight) = self.weights.get(&component.key) {
                component.weight.clone_from(weight);
            }
        }
        model.threshold.clone_from(&self.threshold);
        for gate in &mut model.gates {
            gate.required = self.required.contains(&gate.key);
        }
        model
    }
}

/// Why scenarios that came from outside cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScenarioProblem {
    /// More scenarios than [`MAX_SCENARIOS`].
    #[error("it has {0} scenarios; at most {MAX_SCENARIOS} are allowed")]
    TooMany(usize),
    /// A name longer than the limit (the name shortened).
    #[error("a scenario name is longer than {max} characters ({name})")]
    LongName {
        /// The name, shortened.
        name: String,
        /// The limit.
        max: usize,
    },
    /// More weights than the model can have components.
    #[error("scenario {name} has more than {max} weights")]
    Weights {
        /// The scenario's name, shortened.
        name: String,
        /// The limit.
        max: usize,
    },
    /// More required gates than the model can have gates.
    #[error("scenario {name} requires more than {max} gates")]
    Gates {
        /// The scenario's name, shortened.
        name: String,
        /// The limit.
        max: usize,
    },
    /// A key longer than the limit.
    #[error("scenario {name} holds a key longer than {max} characters")]
    LongValue {
        /// The scenario's name, shortened.
        name: String,
        /// The limit.
        max: usize,
    },
    /// A weight or threshold longer than a typed number can be in the model
    /// ([`crate::model::core::limits::MAX_NUMBER_LEN`]): using the scenario would save a model the next
    /// visit could not read.
    #[error("scenario {name} holds the number {} ({} characters); {}", quoted(value), value.chars().count(), LimitError::NumberLength)]
    LongNumber {
        /// The scenario's name, shortened.
        name: String,
        /// The number as typed.
        value: String,
    },
    /// A name or key with a control character in it.
    #[error("scenario {name} holds a name or key with a control character; {}", LimitError::NameControl)]
    Control {
        /// The scenario's name, shortened.
        name: String,
    },
}

/// Checks scenarios that came from outside (a document or link): at most
/// [`MAX_SCENARIOS`], and every name, key and typed value at most `max_text`
/// characters, at most `max_components` weights and `max_gates` required gates.
///
/// # Errors
/// The first problem found.
pub fn check(scenarios: &[Scenario], max_text: usize, max_components: usize, max_gates: usize) -> Result<(), ScenarioProblem> {
    if scenarios.len() > MAX_SCENARIOS {
        return Err(ScenarioProblem::TooMany(scenarios.len()));
    }
    for scenario in scenarios {
        let name = crate::model::core::text::truncate(&scenario.name, 60);
        if scenario.name.chars().count() > max_text {
            return Err(ScenarioProblem::LongName { name, max: max_text });
        }
        if scenario.weights.len() > max_components {
            return Err(ScenarioProblem::Weights { name, max: max_components });
        }
        if scenario.required.len() > max_gates {
            return Err(ScenarioProblem::Gates { name, max: max_gates });
        }
        let keys = scenario.weights.keys().chain(&scenario.required);
        for key in keys.clone().chain(std::iter::once(&scenario.name)) {
            if key.chars().any(char::is_control) {
                return Err(ScenarioProblem::Control { name });
            }
        }
        if keys.into_iter().any(|key| key.chars().count() > max_text) {
            return Err(ScenarioProblem::LongValue { name, max: max_text });
        }
        // One limit for every typed number, wherever it lives.
        for value in scenario.weights.values().chain(std::iter::once(&scenario.threshold)) {
            if check_number_text(value).is_err() {
                return Err(ScenarioProblem::LongNumber {
                    name,
                    value: truncate(value, 40),
                });
            }
        }
    }
    Ok(())
}
