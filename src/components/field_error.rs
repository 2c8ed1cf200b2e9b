//! The message shown under a field whose value cannot be used.

use yew::prelude::*;

/// Props of [`FieldError`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct FieldErrorProps {
    /// The id the field points at with `aria-describedby`.
    pub id: AttrValue,
    /// The message, or nothing when the field is fine.
    pub message: Option<AttrValue>,
}

/// A field's error message, announced with the field.
#[component]
pub fn FieldError(props: &FieldErrorProps) -> Html {
    match &props.message {
        Some(message) => html! { <p class="field-error" id={props.id.clone()} role="alert">{ message.clone() }</p> },
        None => html! {},
    }
}
