//! Every limit of a model document, in one place: how many components,
//! signals and gates it holds, how long its names and typed numbers are, and
//! the range of every weight and input.
//!
//! The document check (`share::document::check`), the link and number
//! parsers, the reducer and the editor's `maxlength` and disabled buttons all
//! read these constants, so the editor can never build a model the loader
//! refuses. The ranges also keep every computation finite: with at most
//! [`MAX_SIGNALS`] sub-weights of at most [`MAX_WEIGHT`], no sum or product of
//! the scoring can overflow.
//!
//! The `can_*` and `check_*` helpers say why an action would pass a limit,
//! as a [`LimitError`] whose words suit a disabled button's reason.

use thiserror::Error;

use crate::model::core::number::brief;
use crate::model::core::{Component, Model};

/// Most components in a model.
pub const MAX_COMPONENTS: usize = 12;

/// Most signals in one component.
pub const MAX_SIGNALS: usize = 40;

/// Most qualification gates in a model.
pub const MAX_GATES: usize = 20;

/// Longest key, name, label or gate question, in characters (the editor's `maxlength`).
pub const MAX_NAME_LEN: usize = 200;

/// Longest typed number, in characters: the threshold, a component weight, a
/// typed component score and a signal's value (the editor's `maxlength`).
pub const MAX_NUMBER_LEN: usize = 24;

/// Longest source text of a team's own benchmark table, in characters.
pub const MAX_SOURCE_LEN: usize = 800;

/// Largest component weight or signal sub-weight; weights run from 0 to this.
pub const MAX_WEIGHT: f64 = 1e6;

/// Largest count a count signal reads, and largest cap; a cap is above 0.
/// A quadrillion: annual revenue in any currency and head counts of the
/// largest firms fit, whole numbers stay exact in an f64 (below 2^53), and
/// every engine the SQL runs on holds it in a double.
pub const MAX_COUNT: f64 = 1e15;

/// Component scores, the threshold and percentages run from 0 to this.
pub const MAX_SCORE: f64 = 100.0;

/// Ratings run from 0 to this.
pub const MAX_RATING: f64 = 10.0;

/// Largest link code accepted, in characters: whatever a document of up to
/// [`MAX_JSON_LEN`] bytes can take, so every model the loader accepts has a
/// link that opens (a real model's is a few hundred characters). Deflate
/// stores data it cannot shrink in blocks of at most 65,535 bytes with 5
/// bytes of header each; base64 writes 4 characters per 3 bytes; then the
/// version prefix.
pub const MAX_CODE_LEN: usize = (MAX_JSON_LEN + 5 * (MAX_JSON_LEN / 65_535 + 1) + 64).div_ceil(3) * 4 + 8;

/// A link longer than this many characters is more than a wiki page or a
/// chat message comfortably holds: the page says so beside Copy link and
/// offers the JSON file instead.
pub const LONG_LINK: usize = 8_000;

/// Largest JSON accepted from a link once inflated, or from a file or storage.
pub const MAX_JSON_LEN: usize = 1024 * 1024;

/// Why an edit or a document passes a limit; the words suit a disabled
/// button's reason ("a model has at most 12 components").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum LimitError {
    /// The model already has [`MAX_COMPONENTS`] components.
    #[error("a model has at most {MAX_COMPONENTS} components")]
    Components,
    /// The model has one component left, and a model needs one.
    #[error("a model needs at least one component")]
    LastComponent,
    /// The component already has [`MAX_SIGNALS`] signals.
    #[error("a component has at most {MAX_SIGNALS} signals")]
    Signals,
    /// The model already has [`MAX_GATES`] gates.
    #[error("a model has at most {MAX_GATES} gates")]
    Gates,
    /// A key, name, label or question is longer than [`MAX_NAME_LEN`].
    #[error("a name is at most {MAX_NAME_LEN} characters")]
    NameLength,
    /// A key, name, label or question holds a control character (a NUL, a
    /// tab, a line break): it would break the CSV headers, SQL comments and
    /// files the model is written into.
    #[error("a name is one line of text, without control characters (tab, line break, NUL)")]
    NameControl,
    /// A typed number is longer than [`MAX_NUMBER_LEN`].
    #[error("a typed number is at most {MAX_NUMBER_LEN} characters")]
    NumberLength,
    /// A sub-weight is not a number from 0 to [`MAX_WEIGHT`].
    #[error("a weight is a number from 0 to {}", brief(MAX_WEIGHT))]
    Weight,
    /// A count's cap is not a number above 0 and up to [`MAX_COUNT`].
    #[error("a count needs a cap above 0, up to {}", brief(MAX_COUNT))]
    Cap,
}

/// Whether a component can be added.
///
/// # Errors
/// [`LimitError::Components`] when the model already has [`MAX_COMPONENTS`].
pub fn can_add_component(model: &Model) -> Result<(), LimitError> {
    if model.components.len() < MAX_COMPONENTS {
        Ok(())
    } else {
        Err(LimitError::Components)
    }
}

/// Whether a component can be removed.
///
/// # Errors
/// [`LimitError::LastComponent`] when only one is left.
pub fn can_remove_component(model: &Model) -> Result<(), LimitError> {
    if model.components.len() > 1 {
        Ok(())
    } else {
        Err(LimitError::LastComponent)
    }
}

/// Whether a signal can be added to `component`.
///
/// # Errors
/// [`LimitError::Signals`] when it already has [`MAX_SIGNALS`].
pub fn can_add_signal(component: &Component) -> Result<(), LimitError> {
    if component.signals.len() < MAX_SIGNALS {
        Ok(())
    } else {
        Err(LimitError::Signals)
    }
}

/// Whether a gate can be added.
///
/// # Errors
/// [`LimitError::Gates`] when the model already has [`MAX_GATES`].
pub fn can_add_gate(model: &Model) -> Result<(), LimitError> {
    if model.gates.len() < MAX_GATES {
        Ok(())
    } else {
        Err(LimitError::Gates)
    }
}

/// Whether `text` fits as a key, name, label or question: at most
/// [`MAX_NAME_LEN`] characters, none of them a control character (the same
/// rule the SQL export applies to names).
///
/// # Errors
/// [`LimitError::NameLength`] above [`MAX_NAME_LEN`] characters,
/// [`LimitError::NameControl`] for a control character.
pub fn check_name(text: &str) -> Result<(), LimitError> {
    if !fits(text, MAX_NAME_LEN) {
        return Err(LimitError::NameLength);
    }
    if text.chars().any(char::is_control) {
        return Err(LimitError::NameControl);
    }
    Ok(())
}

/// Whether `text` fits as a typed number (its value is checked when scoring).
///
/// # Errors
/// [`LimitError::NumberLength`] above [`MAX_NUMBER_LEN`] characters.
pub fn check_number_text(text: &str) -> Result<(), LimitError> {
    fits(text, MAX_NUMBER_LEN).then_some(()).ok_or(LimitError::NumberLength)
}

/// Whether `weight` is a usable signal sub-weight: finite, 0 to [`MAX_WEIGHT`].
///
/// # Errors
/// [`LimitError::Weight`] otherwise.
pub fn check_weight(weight: f64) -> Result<(), LimitError> {
    ((0.0..=MAX_WEIGHT).contains(&weight)).then_some(()).ok_or(LimitError::Weight)
}

/// Whether `cap` is a usable count cap: above 0, up to [`MAX_COUNT`].
///
/// # Errors
/// [`LimitError::Cap`] otherwise.
pub fn check_cap(cap: f64) -> Result<(), LimitError> {
    (cap > 0.0 && cap <= MAX_COUNT).then_some(()).ok_or(LimitError::Cap)
}

/// Whether `text` has at most `limit` characters, without counting past it.
fn fits(text: &str, limit: usize) -> bool {
    // Bytes bound characters from above: most texts need no count at all.
    text.len() <= limit || text.chars().nth(limit).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_stop_at_each_limit_with_a_reason() {
        let mut model = Model::default();
        // The default model has 3 components and 5 gates.
        assert_eq!(can_add_component(&model), Ok(()));
        let extra = model.components[0].clone();
        model.components.resize(MAX_COMPONENTS, extra);
        assert_eq!(can_add_component(&model), Err(LimitError::Components));
        assert_eq!(LimitError::Components.to_string(), "a model has at most 12 components");
        model.components.truncate(1);
        assert_eq!(can_remove_component(&model), Err(LimitError::LastComponent));
        let gate = model.gates[0].clone();
        model.gates.resize(MAX_GATES, gate);
        assert_eq!(can_add_gate(&model), Err(LimitError::Gates));
        let mut component = model.components[0].clone();
        let signal = component.signals[0].clone();
        component.signals.resize(MAX_SIGNALS - 1, signal.clone());
        assert_eq!(can_add_signal(&component), Ok(()));
        component.signals.push(signal);
        assert_eq!(can_add_signal(&component), Err(LimitError::Signals));
    }

    #[test]
    fn names_and_numbers_are_measured_in_characters() {
        // 200 two-byte characters are 400 bytes but fit.
        assert_eq!(check_name(&"\u{e9}".repeat(200)), Ok(()));
        assert_eq!(check_name(&"\u{e9}".repeat(201)), Err(LimitError::NameLength));
        assert_eq!(check_number_text(&"9".repeat(24)), Ok(()));
        assert_eq!(check_number_text(&"9".repeat(25)), Err(LimitError::NumberLength));
    }

    #[test]
    fn weights_and_caps_have_a_range() {
        assert_eq!(check_weight(0.0), Ok(()));
        assert_eq!(check_weight(1e6), Ok(()));
        for bad in [-1.0, 1e6 + 1.0, 1.7e308, f64::INFINITY, f64::NAN] {
            assert_eq!(check_weight(bad), Err(LimitError::Weight), "{bad}");
        }
        assert_eq!(LimitError::Weight.to_string(), "a weight is a number from 0 to 1000000");
        assert_eq!(check_cap(5e-324), Ok(()));
        assert_eq!(check_cap(1e15), Ok(()));
        for bad in [0.0, -1.0, 1e15 + 1.0, f64::NAN] {
            assert_eq!(check_cap(bad), Err(LimitError::Cap), "{bad}");
        }
    }
}
