//! The one field of the app: a label, a text box, an optional hint and the
//! problem with what was typed, announced with the box. The calculator, the
//! book and the programme use it for every typed value.

use yew::prelude::*;

use crate::components::FieldError;
use crate::web::input_value;

/// Props of [`TextField`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct TextFieldProps {
    /// The box's id.
    pub id: AttrValue,
    /// The label's words.
    pub label: AttrValue,
    /// The text as typed.
    pub value: AttrValue,
    /// The problem with this value, if any.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Receives the new text on every keystroke.
    pub oninput: Callback<String>,
    /// Told when the user leaves the box after changing it (to tidy what was typed).
    #[prop_or_default]
    pub onchange: Option<Callback<()>>,
    /// Keeps the label for screen readers only (grid cells have a column heading).
    #[prop_or(false)]
    pub hide_label: bool,
    /// `text` or `date`.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    /// The on-screen keyboard: `numeric`, `decimal` or `text`.
    #[prop_or(AttrValue::Static("decimal"))]
    pub inputmode: AttrValue,
    /// A hint shown under the box, if any.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// An example shown in the empty box (`e.g. 7`).
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// The test hook; the id when not given.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// The most characters the box takes (the model's limit).
    #[prop_or_default]
    pub maxlength: Option<usize>,
    /// Extra class for the wrapper.
    #[prop_or_default]
    pub class: Classes,
    /// Shown but not editable (a locked model's criteria, a derived score).
    #[prop_or_default]
    pub readonly: bool,
}

/// A label, a box, its hint and its error.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let error_id = format!("{}-error", props.id);
    let hint_id = format!("{}-hint", props.id);
    let described = [
        props.hint.is_some().then(|| hint_id.clone()),
        props.error.is_some().then(|| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let oninput = props.oninput.reform(|e: InputEvent| input_value(&e));
    let onchange = props.onchange.as_ref().map(|changed| changed.reform(|_: Event| ()));
    html! {
        <div class={classes!("field", props.class.clone())}>
            <label for={props.id.clone()} class={classes!(props.hide_label.then_some("visually-hidden"))}>{ props.label.clone() }</label>
            <input type={props.kind.clone()} readonly={props.readonly} id={props.id.clone()}
                data-testid={props.testid.clone().unwrap_or_else(|| props.id.clone())} autocomplete="off"
                inputmode={props.inputmode.clone()} value={props.value.clone()} placeholder={props.placeholder.clone()}
                maxlength={props.maxlength.map(|n| n.to_string())}
                aria-invalid={props.error.is_some().to_string()}
                aria-describedby={(!described.is_empty()).then_some(described)}
                {oninput} {onchange} />
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint.clone() }</p>
            }
            <FieldError id={error_id} message={props.error.clone()} />
        </div>
    }
}
