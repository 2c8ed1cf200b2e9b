//! Pre-filled links: a wiki page links to a ready calculation through the query
//! string, e.g. `?weights=50,30,20&threshold=70&engagement=80&fit=60&intent=40&gates=budget,timing`.
//!
//! A bad value never stops the page: it keeps its default and yields a notice.

use thiserror::Error;

use crate::model::core::limits::{MAX_SCORE, MAX_WEIGHT};
use crate::model::core::number::{parse_in_range, plain, NumberError};
use crate::model::{Model, ScoreMode};

use crate::model::core::notice::LinkNotices;
pub use crate::model::core::notice::Notice;

use crate::model::core::text::quoted as quote;

/// Applies a query string (with or without the leading `?`) to `model`.
///
/// Returns one notice per value that could not be used, bounded: at most three
/// per parameter name and eight in all, then one counting the rest (see
/// [`LinkNotices`]). Unknown
/// parameters are left for other features (and other tools) and are not reported.
#[must_use]
pub fn apply_query(model: &mut Model, query: &str) -> Vec<Notice> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut notices = LinkNotices::default();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let value = value.trim();
        match key.as_ref() {
            "weights" => apply_weights(model, value, &mut notices),
            "threshold" => match parse_in_range(value, 0.0, MAX_SCORE) {
                Ok(t) => model.threshold = plain(t),
                Err(e) => notices.push_with("threshold", || {
                    format!(
                        "Link parameter threshold={}: {e}. Using the threshold {} instead.",
                        quote(value),
                        model.threshold
                    )
                }),
            },
            "gates" => apply_gates(model, value, &mut notices),
            other => {
                if let Some(component) = model.components.iter_mut().find(|c| c.key == other) {
                    match parse_in_range(value, 0.0, MAX_SCORE) {
                        Ok(score) => {
                            component.mode = ScoreMode::Direct;
                            component.direct = plain(score);
                        }
                        Err(e) => notices.push_with(other, || {
                            format!(
                                "Link parameter {other}={}: {e}. {} keeps its own inputs.",
                                quote(value),
                                component.name
                            )
                        }),
                    }
                }
            }
        }
    }
    notices.finish().into_iter().map(Notice::new).collect()
}

/// Whether a query string carries any value for the model (weights, threshold,
/// gates or a component score), as opposed to only view flags like `embed=1`.
#[must_use]
pub fn mentions_model(model: &Model, query: &str) -> bool {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .any(|(key, _)| matches!(key.as_ref(), "weights" | "threshold" | "gates") || model.components.iter().any(|c| c.key == key))
}

fn apply_weights(model: &mut Model, value: &str, notices: &mut LinkNotices) {
    let names: Vec<String> = model.components.iter().map(|c| c.name.clone()).collect();
    let current: Vec<String> = model.components.iter().map(|c| c.weight.clone()).collect();
    let parsed: Result<Vec<f64>, WeightsProblem> = value
        .split(',')
        .map(|part| {
            parse_in_range(part, 0.0, MAX_WEIGHT).map_err(|e| match e {
                NumberError::Empty => WeightsProblem::Missing,
                other => WeightsProblem::Number(other),
            })
        })
        .collect();
    let problem = match parsed {
        Err(e) => Some(e),
        Ok(ref weights) if weights.len() != names.len() => Some(WeightsProblem::Count {
            names: names.join(", "),
            expected: names.len(),
            got: weights.len(),
        }),
        Ok(ref weights) if weights.iter().all(|w| *w == 0.0) => Some(WeightsProblem::AllZero),
        Ok(weights) => {
            for (component, weight) in model.components.iter_mut().zip(weights) {
                component.weight = plain(weight);
            }
            None
        }
    };
    if let Some(problem) = problem {
        notices.push_with("weights", || {
            format!(
                "Link parameter weights={}: {problem}. Using the weights {} instead.",
                quote(value),
                current.join(", ")
            )
        });
    }
}

/// Why a link's `weights` cannot be used.
#[derive(Clone, Debug, PartialEq, Error)]
enum WeightsProblem {
    /// An empty place between commas.
    #[error("a weight is missing")]
    Missing,
    /// A weight that is not a number in range.
    #[error("{0}")]
    Number(NumberError),
    /// Not one weight per component.
    #[error("expected {expected} weights ({names}), got {got}")]
    Count {
        /// The components' names, comma-separated.
        names: String,
        /// How many components.
        expected: usize,
        /// How many weights the link gave.
        got: usize,
    },
    /// Every weight is 0.
    #[error("every weight is 0")]
    AllZero,
}

/// Unknown gate keys named in a notice; the others are counted.
const NAMED_UNKNOWN_GATES: usize = 3;

fn apply_gates(model: &mut Model, value: &str, notices: &mut LinkNotices) {
    let wanted = value.split(',').map(str::trim).filter(|k| !k.is_empty());
    for gate in &mut model.gates {
        gate.met = false;
    }
    // One pass: tick the known keys, quote the first few unknown ones, count the rest.
    let mut unknown: Vec<String> = Vec::new();
    let mut unknown_count = 0;
    for key in wanted {
        let mut known = false;
        for gate in model.gates.iter_mut().filter(|g| g.key == key) {
            gate.met = true;
            known = true;
        }
        if !known {
            unknown_count += 1;
            if unknown.len() < NAMED_UNKNOWN_GATES {
                unknown.push(quote(key));
            }
        }
    }
    if unknown_count > 0 {
        let known: Vec<&str> = model.gates.iter().map(|g| g.key.as_str()).collect();
        let more = unknown_count - unknown.len();
        notices.push_with("gates", || {
            format!(
                "Link parameter gates: unknown {} {}{}, ignored. Known gates: {}.",
                if unknown_count == 1 { "gate" } else { "gates" },
                unknown.join(", "),
                if more > 0 { format!(" and {more} more") } else { String::new() },
                known.join(", ")
            )
        });
    }
}

/// The origin a host page must have to set values in an embedded
/// calculator, from `origin=` in the query string (`https://wiki.example.com`);
/// `None` when the link does not restrict it.
#[must_use]
pub fn host_origin(query: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "origin")
        .map(|(_, value)| value.trim().trim_end_matches('/').to_owned())
        .filter(|origin| !origin.is_empty())
}
