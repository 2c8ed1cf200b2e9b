//! One labelled choice of column for one input of the model.

use yew::prelude::*;

use crate::model::book::profile::Profile;

use crate::model::book::Target;
use crate::web::select_value;

/// Props of [`ColumnSelect`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ColumnSelectProps {
    /// A unique id for the select (also its test hook).
    pub id: AttrValue,
    /// What the column feeds, as the user reads it.
    pub label: AttrValue,
    /// The input of the model.
    pub target: Target,
    /// The column chosen now, if any.
    pub column: Option<AttrValue>,
    /// The file's columns, with their sample values.
    pub profile: std::rc::Rc<Profile>,
    /// What is wrong with this choice, said at the field.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Receives the target and the new column (`None` for "not in the file").
    pub onmap: Callback<(Target, Option<String>)>,
}

/// A label and a select listing the file's columns.
#[component]
pub fn ColumnSelect(props: &ColumnSelectProps) -> Html {
    let onchange = {
        let target = props.target.clone();
        props.onmap.reform(move |e: Event| {
            let value = select_value(&e);
            (target.clone(), (!value.is_empty()).then_some(value))
        })
    };
    let current = props.column.as_deref().unwrap_or("");
    let error_id = format!("{}-error", props.id);
    html! {
        <div class="book-map-row">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} data-testid={props.id.clone()} {onchange}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={props.error.is_some().then(|| error_id.clone())}>
                <option value="" selected={current.is_empty()}>{ "\u{2014} not in the file \u{2014}" }</option>
                for column in props.profile.columns.iter() {
                    <option value={column.header.clone()} selected={column.header == current}>{ column.shown.option.clone() }</option>
                }
            </select>
            if let Some(error) = &props.error {
                <p class="field-error" id={error_id} data-testid={format!("{}-error", props.id)}>{ error.clone() }</p>
            }
        </div>
    }
}
