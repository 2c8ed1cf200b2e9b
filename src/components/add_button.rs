//! An "Add ..." button of the model editor, disabled with its reason shown
//! when the model's limit is reached (the limits the loader checks too).

use yew::prelude::*;

/// Props of [`AddButton`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AddButtonProps {
    /// A unique id, for the reason's id.
    pub id: AttrValue,
    /// The visible words (`Add a gate`).
    pub label: AttrValue,
    /// Words for screen readers after the label (` to Engagement`).
    #[prop_or_default]
    pub more: Option<AttrValue>,
    /// Why nothing more can be added, when a limit is reached.
    pub refused: Option<AttrValue>,
    /// Adds.
    pub onclick: Callback<()>,
}

/// The button and, when it is disabled, why.
#[component]
pub fn AddButton(props: &AddButtonProps) -> Html {
    let reason_id = format!("{}-reason", props.id);
    html! {
        <div class="add-row">
            <button type="button" class="add" id={props.id.clone()} disabled={props.refused.is_some()}
                aria-describedby={props.refused.is_some().then(|| reason_id.clone())} onclick={props.onclick.reform(|_| ())}>
                { props.label.clone() }
                if let Some(more) = &props.more { <span class="visually-hidden">{ more.clone() }</span> }
            </button>
            if let Some(reason) = &props.refused {
                <span class="help" id={reason_id}>{ reason.clone() }</span>
            }
        </div>
    }
}
