//! The shared core of every page: the model document's types (components,
//! signals, gates), numbers, limits, dates, the one scoring rule and its
//! verdict, effects and notices. Nothing here knows that the app has pages.

pub mod date;
pub mod defaults;
pub mod effect;
pub mod evaluate;
pub mod exact;
pub mod format;
pub mod limits;
pub mod notice;
pub mod number;
pub mod signal;
pub mod text;
pub mod weighting;

pub use evaluate::{evaluate, Evaluation, Field, Lever, Part, Problem, Verdict};
pub use signal::{Direction, Scale, Signal, SignalKind};

use serde::{Deserialize, Serialize};

/// How a component gets its 0-100 score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreMode {
    /// The user types the component score.
    Direct,
    /// The score is the weighted mean of the component's signals.
    Signals,
}

/// One scored dimension of an account (Engagement, Fit, Intent, ...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Stable identifier used in links and test hooks (`engagement`).
    pub key: String,
    /// Name shown to the user.
    pub name: String,
    /// The weight as typed; any non-negative number, normalised when scoring.
    pub weight: String,
    /// Whether the score is typed or derived from signals.
    pub mode: ScoreMode,
    /// The typed score (0-100) used in [`ScoreMode::Direct`].
    pub direct: String,
    /// The signals used in [`ScoreMode::Signals`].
    pub signals: Vec<Signal>,
}

/// A qualification gate: a yes/no condition a CSQL must meet when required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gate {
    /// Stable identifier used in links (`product_fit`).
    pub key: String,
    /// Short name shown to the user.
    pub label: String,
    /// The question a CSM answers to tick the gate.
    pub question: String,
    /// A required gate must be met for the lead to be a CSQL.
    pub required: bool,
    /// Whether the account meets the gate.
    pub met: bool,
}

/// The whole calculation: components with weights and inputs, threshold, gates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// At least one component; the default model has Engagement, Fit, Intent.
    pub components: Vec<Component>,
    /// The threshold as typed, 0-100.
    pub threshold: String,
    /// Qualification gates.
    pub gates: Vec<Gate>,
    /// The account's name, as typed (optional; used in the copied summary).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub account: String,
    /// The date recency signals are scored at, `YYYY-MM-DD`; blank means today
    /// (see [`date::as_of`]). Documents without it load as blank.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub as_of: String,
}
