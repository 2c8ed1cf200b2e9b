//! Scenarios: named weights, thresholds and required gates, kept with the
//! model and carried in its share link. What they say on a book (compared
//! side by side) is in `model::evidence::scenarios`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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

/// Checks scenarios that came from outside (a document or link): at most
/// [`MAX_SCENARIOS`], and every name, key and typed value at most `max_text`
/// characters, at most `max_components` weights and `max_gates` required gates.
///
/// # Errors
/// A sentence saying what is wrong.
pub fn check(scenarios: &[Scenario], max_text: usize, max_components: usize, max_gates: usize) -> Result<(), String> {
    if scenarios.len() > MAX_SCENARIOS {
        return Err(format!("it has {} scenarios; at most {MAX_SCENARIOS} are allowed", scenarios.len()));
    }
    for scenario in scenarios {
        let name = crate::model::core::text::truncate(&scenario.name, 60);
        if scenario.name.chars().count() > max_text {
            return Err(format!("a scenario name is longer than {max_text} characters ({name})"));
        }
        if scenario.weights.len() > max_components {
            return Err(format!("scenario {name} has more than {max_components} weights"));
        }
        if scenario.required.len() > max_gates {
            return Err(format!("scenario {name} requires more than {max_gates} gates"));
        }
        let texts = scenario
            .weights
            .iter()
            .flat_map(|(k, v)| [k, v])
            .chain(&scenario.required)
            .chain(std::iter::once(&scenario.threshold));
        for text in texts {
            if text.chars().count() > max_text {
                return Err(format!("scenario {name} holds a value longer than {max_text} characters"));
            }
        }
    }
    Ok(())
}
