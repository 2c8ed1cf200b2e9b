//! A labelled drop-down list whose options are model keys.

use yew::prelude::*;

use crate::web::select_value;

/// Props of [`Choice`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ChoiceProps {
    /// The list's id, also its `data-testid`.
    pub id: AttrValue,
    /// The label's words.
    pub label: AttrValue,
    /// (key, words) for each option, in order.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The chosen key.
    pub selected: AttrValue,
    /// Receives the chosen key.
    pub onchange: Callback<String>,
    /// Keeps the label for screen readers only.
    #[prop_or(false)]
    pub hide_label: bool,
    /// Points at a hint or explanation, if any.
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
}

/// A `<select>` with its `<label>`; the model maps the key to its value.
#[component]
pub fn Choice(props: &ChoiceProps) -> Html {
    let onchange = props.onchange.reform(|e: Event| select_value(&e));
    html! {
        <div class="programme-field">
            <label for={props.id.clone()} class={classes!(props.hide_label.then_some("visually-hidden"))}>{ props.label.clone() }</label>
            <select id={props.id.clone()} data-testid={props.id.clone()} aria-describedby={props.describedby.clone()} {onchange}>
                for (key, words) in props.options.iter().cloned() {
                    <option selected={key == props.selected} value={key.clone()}>{ words }</option>
                }
            </select>
        </div>
    }
}
