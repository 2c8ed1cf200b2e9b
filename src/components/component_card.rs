//! One component (Engagement, Fit, Intent, ...): its score typed directly or
//! derived from its signals.

use yew::prelude::*;

use crate::model::calc::state::CalcEvent;
use crate::model::calc::view::ComponentView;
use crate::model::{Component, ScoreMode};
use crate::web::input_value;

use super::{AddButton, SignalEditor, SignalField, TextField};

/// Props of [`ComponentCard`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ComponentCardProps {
    /// Position of the component in the model.
    pub index: usize,
    /// The component.
    pub component: Component,
    /// Its words: score, problems, signals (missing for a component the view has not caught up with).
    pub view: Option<ComponentView>,
    /// The model editor is open.
    pub editing: bool,
    /// Criteria are read-only (the mode switch among them).
    pub locked: bool,
    /// More than one component exists, so this one may be removed.
    pub removable: bool,
    /// Receives the component's actions.
    pub onaction: Callback<CalcEvent>,
}

/// A card with the mode switch, the score box and the signals.
#[component]
pub fn ComponentCard(props: &ComponentCardProps) -> Html {
    let ComponentCardProps {
        index,
        component,
        view,
        editing,
        locked,
        removable,
        onaction,
    } = props;
    let (index, editing) = (*index, *editing);
    let key = &component.key;
    let direct = component.mode == ScoreMode::Direct;
    let score_id = format!("score-{key}");
    let view = view.clone().unwrap_or_default();
    let mode_name = format!("mode-{key}");

    html! {
        <section class="card component" aria-labelledby={format!("{key}-title")}>
            <h2 id={format!("{key}-title")}>{ component.name.clone() }</h2>
            if editing {
                <div class="component-editor">
                    <label for={format!("{key}-name")}>{ "Component name" }</label>
                    <input type="text" id={format!("{key}-name")} value={component.name.clone()} maxlength={crate::model::core::limits::MAX_NAME_LEN.to_string()}
                        oninput={onaction.reform(move |e: InputEvent| CalcEvent::RenameComponent(index, input_value(&e)))} />
                    if *removable {
                        <button type="button" class="remove" onclick={onaction.reform(move |_| CalcEvent::RemoveComponent(index))}>
                            { "Remove component" }<span class="visually-hidden">{ format!(" {}", component.name) }</span>
                        </button>
                    }
                </div>
            }
            <fieldset class="mode" disabled={*locked}>
                <legend class="visually-hidden">{ format!("How to score {}", component.name) }</legend>
                <label>
                    <input type="radio" name={mode_name.clone()} checked={!direct}
                        onchange={onaction.reform(move |_| CalcEvent::SetMode(index, ScoreMode::Signals))} />
                    { "From signals" }
                </label>
                <label>
                    <input type="radio" name={mode_name} checked={direct}
                        onchange={onaction.reform(move |_| CalcEvent::SetMode(index, ScoreMode::Direct))} />
                    { "Type a score" }
                </label>
            </fieldset>
            if direct {
                <TextField id={score_id} testid={format!("score-{key}")} class="score-row" label={format!("{} score (0-100)", component.name)}
                    value={component.direct.clone()} placeholder={AttrValue::from("e.g. 75")} maxlength={crate::model::core::limits::MAX_NUMBER_LEN}
                    error={view.direct_problem.clone().map(AttrValue::from)}
                    oninput={onaction.reform(move |text| CalcEvent::SetDirect(index, text))} />
            } else {
                <TextField id={score_id} testid={format!("score-{key}")} class={classes!("score-row", "derived")}
                    label={format!("{} score, from its signals", component.name)} value={view.derived.clone()} readonly=true
                    error={view.component_problem.clone().map(AttrValue::from)} oninput={Callback::noop()} />
            }
            if !direct {
                <div class="signals">
                    if let Some(answered) = &view.answered {
                        <p class="help">{ answered.clone() }</p>
                    }
                    for (s, signal) in component.signals.iter().enumerate() {
                        if editing {
                            <SignalEditor
                                key={format!("edit-{}", signal.key)}
                                component={index}
                                index={s}
                                id={format!("edit-{key}-{}", signal.key)}
                                signal={signal.clone()}
                                onaction={onaction.clone()}
                            />
                        }
                        <SignalField
                            key={signal.key.clone()}
                            component={index}
                            index={s}
                            id={format!("signal-{key}-{}", signal.key)}
                            signal={signal.clone()}
                            input={view.signals.get(s).cloned().unwrap_or_default()}
                            onaction={onaction.clone()}
                        />
                    }
                    if editing {
                        <AddButton id={format!("add-signal-{key}")} label="Add a signal" more={AttrValue::from(format!(" to {}", component.name))}
                            refused={view.add_signal_refused.clone().map(AttrValue::from)}
                            onclick={onaction.reform(move |()| CalcEvent::AddSignal(index))} />
                    }
                </div>
            }
        </section>
    }
}
