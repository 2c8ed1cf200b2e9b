//! Qualification gates: what must be true beyond the score (product fit, usage,
//! stakeholder buy-in, budget, timing), each met or not, required or not.

use yew::prelude::*;

use crate::model::calc::state::CalcEvent;
use crate::model::Gate;

use super::AddButton;
use crate::web::{input_checked, input_value};

/// Props of [`GatesPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct GatesPanelProps {
    /// The gates.
    pub gates: Vec<Gate>,
    /// The model editor is open: gates can be renamed, added and removed.
    pub editing: bool,
    /// Which gates are required is fixed.
    pub locked: bool,
    /// Why no gate can be added (the model's limit), if so.
    #[prop_or_default]
    pub refused: Option<String>,
    /// Receives [`CalcEvent::SetGateMet`], [`CalcEvent::SetGateRequired`] and the editing actions.
    pub onaction: Callback<CalcEvent>,
}

/// The gates checklist.
#[component]
pub fn GatesPanel(props: &GatesPanelProps) -> Html {
    let refused = props.refused.clone();
    html! {
        <section class="card gates" aria-labelledby="gates-title">
            <h2 id="gates-title">{ "Qualification gates" }</h2>
            <p class="help">
                if props.locked {
                    { "A score alone is not a CSQL: tick each gate the account meets. Which gates are required was agreed with this model." }
                } else {
                    { "A score alone is not a CSQL: tick each gate the account meets. Untick \u{201c}required\u{201d} for a gate your team does not insist on." }
                }
            </p>
            <ul class="gate-list">
                for (index, gate) in props.gates.iter().enumerate() {
                    <li key={gate.key.clone()} class={classes!("gate", (gate.required && !gate.met).then_some("gate-open"))}>
                        <input type="checkbox" id={format!("gate-{}", gate.key)} data-testid={format!("gate-{}", gate.key)}
                            checked={gate.met}
                            onchange={props.onaction.reform(move |e: Event| CalcEvent::SetGateMet(index, input_checked(&e)))} />
                        <label for={format!("gate-{}", gate.key)}>
                            <span class="gate-label">{ gate.label.clone() }</span>
                            <span class="gate-question">{ gate.question.clone() }</span>
                        </label>
                        <span class="gate-required">
                            <input type="checkbox" id={format!("gate-{}-required", gate.key)}
                                checked={gate.required} disabled={props.locked}
                                onchange={props.onaction.reform(move |e: Event| CalcEvent::SetGateRequired(index, input_checked(&e)))} />
                            <label for={format!("gate-{}-required", gate.key)}>
                                { "required" }<span class="visually-hidden">{ format!(" ({})", gate.label) }</span>
                            </label>
                        </span>
                        if props.editing {
                            <span class="gate-editor">
                                <label for={format!("gate-{}-name", gate.key)}>{ "Gate name" }</label>
                                <input type="text" id={format!("gate-{}-name", gate.key)} value={gate.label.clone()} maxlength={crate::model::core::limits::MAX_NAME_LEN.to_string()}
                                    oninput={props.onaction.reform(move |e: InputEvent| CalcEvent::RenameGate(index, input_value(&e)))} />
                                <button type="button" class="remove" onclick={props.onaction.reform(move |_| CalcEvent::RemoveGate(index))}>
                                    { "Remove" }<span class="visually-hidden">{ format!(" gate {}", gate.label) }</span>
                                </button>
                            </span>
                        }
                    </li>
                }
            </ul>
            if props.editing {
                <AddButton id="add-gate" label="Add a gate" refused={refused.map(AttrValue::from)}
                    onclick={props.onaction.reform(|()| CalcEvent::AddGate)} />
            }
        </section>
    }
}
