//! Keeping and sharing a model: the versioned JSON document (autosave and file
//! export) and the compact link code (`#m=1.<base64url(deflate(json))>`).
//!
//! Everything decoded here comes from outside (storage, a file, a link), so it
//! is bounded before it is trusted: input length, inflated size, and the
//! model's own shape ([`check`]). Nothing here panics on any input.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::core::limits::{self, LimitError, MAX_NAME_LEN, MAX_SOURCE_LEN};
use crate::model::core::number::brief;
use crate::model::core::text::quoted;
use crate::model::programme::Benchmarks;
use crate::model::share::scenario::{self as scenarios, Scenario, ScenarioProblem};
use crate::model::{Component, Model, SignalKind};

/// The current version of the document and link format.
pub const VERSION: u32 = 1;

/// The fragment key that carries a model: `#m=<code>`.
pub const FRAGMENT_KEY: &str = "m";

pub use crate::model::core::limits::{MAX_CODE_LEN, MAX_COMPONENTS, MAX_GATES, MAX_JSON_LEN, MAX_SIGNALS};

/// What is kept and shared: the model with its inputs, the team's own
/// benchmark targets when it replaced the reference table, and the saved
/// scenarios (weights, threshold and required gates under a name).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Format version; see [`VERSION`].
    pub version: u32,
    /// The model and the account's inputs.
    pub model: Model,
    /// Internal targets for the Programme view; `None` means the reference table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Benchmarks>,
    /// Saved scenarios, at most [`scenarios::MAX_SCENARIOS`]; left out of the
    /// JSON when there are none, so documents and links without them (older
    /// ones too) read and write as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
}

impl Document {
    /// A document of the current version, without scenarios.
    #[must_use]
    pub fn new(model: Model, targets: Option<Benchmarks>) -> Self {
        Self {
            version: VERSION,
            model,
            targets,
            scenarios: Vec::new(),
        }
    }

    /// The same document carrying `scenarios`.
    #[must_use]
    pub fn with_scenarios(self, scenarios: Vec<Scenario>) -> Self {
        Self { scenarios, ..self }
    }
}

/// Why a document, file or link could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LoadError {
    /// Larger than the limits above.
    #[error("it is too large ({0} characters); a model is a few kilobytes at most")]
    TooLarge(usize),
    /// A link whose data unpacks to more than [`MAX_JSON_LEN`] (a decompression bomb).
    #[error("the link is too large: its model unpacks to more than {} KB, and a model is a few kilobytes at most", MAX_JSON_LEN / 1024)]
    UnpacksTooLarge,
    /// The link code has no version prefix or is not base64url: damaged, or cut short when pasted.
    #[error("the link is damaged or cut short: copy the whole link again")]
    BadEncoding,
    /// The compressed data is corrupt or truncated.
    #[error("the link is damaged or cut short: copy the whole link again")]
    BadCompression,
    /// Not JSON text at all (or not UTF-8).
    #[error("it is not a CSQL calculator model: it is not JSON text")]
    NotJson {
        /// The parser's own message, kept for tests and logs; never shown.
        detail: String,
    },
    /// JSON, but not the shape of a model.
    #[error("it is not a CSQL calculator model: {problem}")]
    NotAModel {
        /// What is wrong, in words.
        problem: ShapeProblem,
        /// The parser's own message, kept for tests and logs; never shown.
        detail: String,
    },
    /// Made by a newer release than this one.
    #[error("it was made by a newer version of the calculator (format {0}; this page reads up to {VERSION})")]
    NewerVersion(u32),
    /// A version number this release never wrote (the digits as written, cut short).
    #[error("it has an unknown format version ({0})")]
    UnknownVersion(String),
    /// A file that is not UTF-8 text.
    #[error("it is not UTF-8 text: a model file is the JSON this page exports; save it as UTF-8 and try again")]
    NotText,
    /// Valid JSON, but a model this page cannot use.
    #[error("the model is not usable: {0}")]
    BadModel(ModelProblem),
}

/// How JSON text fails to be a model, in words for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum ShapeProblem {
    /// A required field is missing; the words name it ("the threshold").
    #[error("{0} is missing")]
    Missing(&'static str),
    /// JSON, but not an object (an array, a number, text).
    #[error("it is not a JSON object")]
    NotAnObject,
    /// A value of the wrong type (text where a yes/no belongs, ...).
    #[error("one of its values has the wrong type")]
    WrongType,
    /// A number written as text that is not a number.
    #[error("one of its numbers is not a number")]
    NotANumber,
    /// A choice (score mode, signal kind, direction) this page does not know.
    #[error("it uses a choice this page does not know")]
    UnknownChoice,
    /// Anything else the parser refused.
    #[error("its content is not laid out as a model")]
    Other,
}

/// The words for a field serde reports missing, by its name in the JSON.
fn field_words(field: &str) -> &'static str {
    match field {
        "version" => "the version number",
        "model" => "the model",
        "components" => "the list of components",
        "threshold" => "the threshold",
        "gates" => "the list of gates",
        "key" => "a key",
        "name" => "a component's name",
        "weight" => "a weight",
        "mode" => "a component's scoring mode",
        "direct" => "a component's typed score",
        "signals" => "a component's list of signals",
        "label" => "a label",
        "kind" | "type" => "a signal's kind",
        "value" => "a signal's value",
        "cap" => "a count's cap",
        "question" => "a gate's question",
        "required" => "whether a gate is required",
        "met" => "whether a gate is met",
        _ => "a field",
    }
}

/// A `serde_json` error on a document as a [`LoadError`] in plain words; the
/// parser's message is kept (cut short) as the detail.
fn json_error(error: &serde_json::Error) -> LoadError {
    let detail = short(&error.to_string());
    if matches!(
        error.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    ) {
        return LoadError::NotJson { detail };
    }
    let message = error.to_string();
    let problem = if let Some(rest) = message.strip_prefix("missing field `") {
        ShapeProblem::Missing(field_words(rest.split('`').next().unwrap_or_default()))
    } else if message.starts_with("unknown variant") {
        ShapeProblem::UnknownChoice
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") || message.starts_with("invalid length") {
        ShapeProblem::WrongType
    } else if message.contains(crate::model::core::exact::NOT_A_NUMBER) {
        ShapeProblem::NotANumber
    } else {
        ShapeProblem::Other
    };
    LoadError::NotAModel { problem, detail }
}

/// A version written as digits: the number, or [`LoadError::UnknownVersion`]
/// when it has too many digits for any format this page could know.
pub(crate) fn version_number(digits: &str) -> Result<u32, LoadError> {
    digits
        .parse::<u32>()
        .map_err(|_| LoadError::UnknownVersion(crate::model::core::text::truncate(digits, 24)))
}

/// The document as pretty JSON, for files and storage.
#[must_use]
pub fn to_json(document: &Document) -> String {
    // Serialising plain structs of strings and numbers cannot fail; keep a fallback anyway.
    serde_json::to_string_pretty(document).unwrap_or_default()
}

/// Reads a document from a file's bytes: too large is said before anything
/// else (a file cut at the size limit may end inside a character), then text
/// that is not UTF-8, then as [`from_json`].
///
/// # Errors
/// [`LoadError::TooLarge`], [`LoadError::NotText`], or any of [`from_json`]'s.
pub fn from_bytes(bytes: &[u8]) -> Result<Document, LoadError> {
    if bytes.len() > MAX_JSON_LEN {
        return Err(LoadError::TooLarge(bytes.len()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    from_json(std::str::from_utf8(bytes).map_err(|_| LoadError::NotText)?)
}

/// Reads a document from JSON text (a file or storage), migrating older versions.
///
/// # Errors
/// Any [`LoadError`]: too large, not JSON, wrong version, unusable model.
pub fn from_json(text: &str) -> Result<Document, LoadError> {
    if text.len() > MAX_JSON_LEN {
        return Err(LoadError::TooLarge(text.len()));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let version = match value.as_object().map(|object| object.get("version")) {
        None => {
            return Err(LoadError::NotAModel {
                problem: ShapeProblem::NotAnObject,
                detail: "not a JSON object".to_owned(),
            })
        }
        Some(None) => {
            return Err(LoadError::NotAModel {
                problem: ShapeProblem::Missing(field_words("version")),
                detail: "no version".to_owned(),
            })
        }
        // A string, a fraction, a negative or a number past u64: a version this page never wrote.
        Some(Some(version)) => match version.as_u64() {
            Some(number) => number.to_string(),
            None => {
                return Err(LoadError::UnknownVersion(crate::model::core::text::truncate(
                    &version.to_string(),
                    24,
                )))
            }
        },
    };
    let version = version_number(&version)?;
    let value = migrate(version, value)?;
    let document: Document = serde_json::from_value(value).map_err(|e| json_error(&e))?;
    check(&document.model).map_err(LoadError::BadModel)?;
    scenarios::check(&document.scenarios, MAX_NAME_LEN, MAX_COMPONENTS, MAX_GATES).map_err(|e| LoadError::BadModel(e.into()))?;
    if let Some(targets) = &document.targets {
        if targets.source.chars().count() > MAX_SOURCE_LEN {
            return Err(LoadError::BadModel(ModelProblem::LongSource));
        }
        if let Some(problem) = targets.validate().first() {
            return Err(LoadError::BadModel(ModelProblem::Targets(problem.message.clone())));
        }
    }
    Ok(document)
}

/// Brings a document of an older version up to [`VERSION`].
///
/// Version 1 is the first stored format, so there is nothing older to convert
/// yet; each later format change adds one step here, and the stored example
/// documents in the tests keep every step honest.
fn migrate(version: u32, value: serde_json::Value) -> Result<serde_json::Value, LoadError> {
    match version {
        VERSION => Ok(value),
        v if v > VERSION => Err(LoadError::NewerVersion(v)),
        v => Err(LoadError::UnknownVersion(v.to_string())),
    }
}

/// Why a model decoded from outside is not one the editor could have made.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ModelProblem {
    /// No component at all.
    #[error("it has no component")]
    NoComponent,
    /// More components or gates than the limits allow (`what`: "components", "gates").
    #[error("it has {count} {what}; {limit}")]
    TooMany {
        /// How many it has.
        count: usize,
        /// What they are.
        what: &'static str,
        /// The limit passed.
        limit: LimitError,
    },
    /// A component with more signals than the limit.
    #[error("{} has {count} signals; {}", quoted(component), LimitError::Signals)]
    TooManySignals {
        /// The component's name.
        component: String,
        /// How many signals it has.
        count: usize,
    },
    /// A key, name, label or question longer than the limit.
    #[error("the name {} is too long ({} characters); {limit}", quoted(text), text.chars().count())]
    LongName {
        /// The name.
        text: String,
        /// The limit passed.
        limit: LimitError,
    },
    /// A key, name, label or question with a control character in it.
    #[error("the name {} holds a control character (a tab, line break or NUL); {limit}", quoted(&text.escape_debug().to_string()))]
    ControlInName {
        /// The name.
        text: String,
        /// The rule broken.
        limit: LimitError,
    },
    /// A typed value (threshold, weight, score, signal value, as-of date) longer than the limit.
    #[error("the value {} is too long ({} characters); {limit}", quoted(text), text.chars().count())]
    LongValue {
        /// The value.
        text: String,
        /// The limit passed.
        limit: LimitError,
    },
    /// A signal's sub-weight outside the limits.
    #[error("signal {} has the sub-weight {weight}; {limit}", quoted(signal))]
    SubWeight {
        /// The signal's label.
        signal: String,
        /// The sub-weight, as the message shows it.
        weight: String,
        /// The limit passed.
        limit: LimitError,
    },
    /// A count signal's cap outside the limits.
    #[error("signal {} has the cap {cap}; {limit}", quoted(signal))]
    Cap {
        /// The signal's label.
        signal: String,
        /// The cap, as the message shows it.
        cap: String,
        /// The limit passed.
        limit: LimitError,
    },
    /// A recency signal whose half-life is not a positive number of days.
    #[error("signal {} needs a half-life above 0 days", quoted(signal))]
    HalfLife {
        /// The signal's label.
        signal: String,
    },
    /// Two signals of one component with the same key.
    #[error("two signals of {} share the key {}", quoted(component), quoted(key))]
    SignalKeyTwice {
        /// The component's name.
        component: String,
        /// The key.
        key: String,
    },
    /// A component and a gate, or two of either, with the same key.
    #[error("two components or gates share the key {}", quoted(key))]
    KeyTwice {
        /// The key.
        key: String,
    },
    /// The benchmark targets' source text is longer than the limit.
    #[error("its benchmark source text is too long")]
    LongSource,
    /// The benchmark targets are not usable (the table's own words for why).
    #[error("its benchmark targets are not usable: {0}")]
    Targets(String),
    /// The scenarios kept with the model break a limit.
    #[error("{0}")]
    Scenarios(#[from] ScenarioProblem),
}

/// Checks that a model decoded from outside is one the page can show and
/// the editor could have made: the limits of [`crate::model::core::limits`], every signal's
/// sub-weight and cap in range, keys unique. Typed inputs (threshold, weights,
/// scores, values) are only bounded in length: their values are the user's to
/// fix, shown beside the field, so a saved model with a typo still loads.
///
/// # Errors
/// The first problem found.
pub fn check(model: &Model) -> Result<(), ModelProblem> {
    let too_many = |count: usize, what: &'static str, limit: LimitError| ModelProblem::TooMany { count, what, limit };
    if model.components.is_empty() {
        return Err(ModelProblem::NoComponent);
    }
    if model.components.len() > MAX_COMPONENTS {
        return Err(too_many(model.components.len(), "components", LimitError::Components));
    }
    if model.gates.len() > MAX_GATES {
        return Err(too_many(model.gates.len(), "gates", LimitError::Gates));
    }
    number(&model.threshold)?;
    number(&model.as_of)?;
    let mut keys: Vec<&str> = Vec::new();
    for component in &model.components {
        check_component(component)?;
        keys.push(&component.key);
    }
    for gate in &model.gates {
        name(&gate.key)?;
        name(&gate.label)?;
        name(&gate.question)?;
        keys.push(&gate.key);
    }
    keys.sort_unstable();
    if let Some(pair) = keys.windows(2).find(|w| w[0] == w[1]) {
        return Err(ModelProblem::KeyTwice { key: pair[0].to_owned() });
    }
    Ok(())
}

fn name(text: &str) -> Result<(), ModelProblem> {
    limits::check_name(text).map_err(|limit| match limit {
        LimitError::NameControl => ModelProblem::ControlInName {
            text: text.to_owned(),
            limit,
        },
        _ => ModelProblem::LongName {
            text: text.to_owned(),
            limit,
        },
    })
}

fn number(text: &str) -> Result<(), ModelProblem> {
    limits::check_number_text(text).map_err(|limit| ModelProblem::LongValue {
        text: text.to_owned(),
        limit,
    })
}

/// One component and its signals, for [`check`].
fn check_component(component: &Component) -> Result<(), ModelProblem> {
    if component.signals.len() > MAX_SIGNALS {
        return Err(ModelProblem::TooManySignals {
            component: component.name.clone(),
            count: component.signals.len(),
        });
    }
    name(&component.key)?;
    name(&component.name)?;
    number(&component.weight)?;
    number(&component.direct)?;
    let mut signal_keys: Vec<&str> = Vec::new();
    for signal in &component.signals {
        name(&signal.key)?;
        name(&signal.label)?;
        number(&signal.value)?;
        let label = || signal.label.clone();
        limits::check_weight(signal.weight).map_err(|limit| ModelProblem::SubWeight {
            signal: label(),
            weight: brief(signal.weight),
            limit,
        })?;
        if let SignalKind::Date { half_life_days } = signal.kind {
            if !(half_life_days.is_finite() && half_life_days > 0.0) {
                return Err(ModelProblem::HalfLife { signal: label() });
            }
        }
        if let SignalKind::Count { cap, .. } = signal.kind {
            limits::check_cap(cap).map_err(|limit| ModelProblem::Cap {
                signal: label(),
                cap: brief(cap),
                limit,
            })?;
        }
        signal_keys.push(&signal.key);
    }
    // At most MAX_SIGNALS keys: sorting them is cheap.
    signal_keys.sort_unstable();
    if let Some(pair) = signal_keys.windows(2).find(|w| w[0] == w[1]) {
        return Err(ModelProblem::SignalKeyTwice {
            component: component.name.clone(),
            key: pair[0].to_owned(),
        });
    }
    Ok(())
}

/// The first few characters of a message or name, for error messages.
fn short(text: &str) -> String {
    crate::model::core::text::truncate(text, 60)
}
