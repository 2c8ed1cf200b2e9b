//! Which column feeds what: account fields, each component's score or signals,
//! and each gate. Auto-matched when a file is read, changeable, remembered.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::book::profile::Profile;
use crate::model::book::{Mapping, Target};
use crate::model::Model;

use super::ColumnSelect;

/// Props of [`MappingPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct MappingPanelProps {
    /// The file's headers.
    pub profile: Rc<Profile>,
    #[prop_or_default]
    pub id_problem: Option<AttrValue>,
    /// The model whose inputs are mapped.
    pub model: Model,
    /// The mapping now.
    pub mapping: Mapping,
    /// Open the panel (e.g. when the id column is missing).
    pub open: bool,
    /// Receives a change of one column.
    pub onmap: Callback<(Target, Option<String>)>,
    /// Receives the panel opened or closed.
    #[prop_or_default]
    pub ontoggle: Callback<bool>,
}

/// The column mapping, folded by default; its selects are drawn only when open.
#[component]
pub fn MappingPanel(props: &MappingPanelProps) -> Html {
    let select = |id: String, label: String, target: Target| {
        let column = target.get(&props.mapping).map(|c| AttrValue::from(c.to_owned()));
        html! {
            <ColumnSelect key={id.clone()} id={id.clone()} label={label} error={(target == Target::Id).then(|| props.id_problem.clone()).flatten()}
                target={target} column={column} profile={Rc::clone(&props.profile)} onmap={props.onmap.clone()} />
        }
    };
    let account = [
        ("id", "Account id (required)", Target::Id),
        ("name", "Account name", Target::Name),
        ("owner", "Owner (CSM)", Target::Owner),
        ("segment", "Segment", Target::Segment),
        ("accepted", "Accepted by Sales (yes/no)", Target::Accepted),
        ("won", "Closed-won (yes/no)", Target::Won),
    ];
    html! {
        <details class="card book-mapping" open={props.open} ontoggle={props.ontoggle.reform(|e: Event| crate::web::details_open(&e))}>
            <summary><h2>{ "Columns" }</h2>{ " which column feeds what" }</summary>
            if props.open {
            <p class="help">{ "Matched by header name; change any choice and the book is scored again. A component with a score column uses it; otherwise its signals. A gate with no column is not assessed. The choice is remembered in this browser." }</p>
            <fieldset class="book-map-group">
                <legend>{ "Account" }</legend>
                for (key, label, target) in account {
                    { select(format!("map-{key}"), label.to_owned(), target) }
                }
            </fieldset>
            for component in &props.model.components {
                <fieldset class="book-map-group" key={component.key.clone()}>
                    <legend>{ component.name.clone() }</legend>
                    { select(format!("map-{}-score", component.key), format!("{} score (0-100)", component.name), Target::Direct(component.key.clone())) }
                    for signal in &component.signals {
                        { select(format!("map-{}-{}", component.key, signal.key), signal.label.clone(),
                            Target::Signal(component.key.clone(), signal.key.clone())) }
                    }
                </fieldset>
            }
            if !props.model.gates.is_empty() {
                <fieldset class="book-map-group">
                    <legend>{ "Gates (yes/no)" }</legend>
                    for gate in &props.model.gates {
                        { select(format!("map-gate-{}", gate.key), gate.label.clone(), Target::Gate(gate.key.clone())) }
                    }
                </fieldset>
            }
            }
        </details>
    }
}
