//! The one-account calculator: inputs on the left, result on the right.

use yew::prelude::*;

use crate::model::evaluate;
use crate::model::format::{one_decimal, verdict_label};
use crate::model::state::{CalcEvent, State};

use super::{ComponentCard, GatesPanel, ResultCard, ThresholdField, WeightsPanel};

/// Props of [`Calculator`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CalculatorProps {
    /// The calculator's state.
    pub state: State,
    /// Receives every calculator event.
    pub onaction: Callback<CalcEvent>,
}

/// The calculator page.
#[component]
pub fn Calculator(props: &CalculatorProps) -> Html {
    let state = &props.state;
    let onaction = &props.onaction;
    let evaluation = evaluate(&state.model);
    let editing = state.editing && !state.locked;
    html! {
        <main class="layout">
            <div class="inputs">
                <WeightsPanel model={state.model.clone()} evaluation={evaluation.clone()} locked={state.locked} onaction={onaction.clone()} />
                for (index, component) in state.model.components.iter().enumerate() {
                    <ComponentCard
                        key={component.key.clone()}
                        {index}
                        component={component.clone()}
                        part={evaluation.parts.get(index).cloned()}
                        problems={evaluation.problems.clone()}
                        {editing}
                        locked={state.locked}
                        removable={state.model.components.len() > 1}
                        onaction={onaction.clone()}
                    />
                }
                if editing {
                    <button type="button" class="add" onclick={onaction.reform(|_| CalcEvent::AddComponent)}>{ "Add a component" }</button>
                }
            </div>
            <div class="outputs">
                <ResultCard evaluation={evaluation.clone()} />
                <ThresholdField threshold={state.model.threshold.clone()} problems={evaluation.problems.clone()} locked={state.locked} onaction={onaction.clone()} />
                <GatesPanel gates={state.model.gates.clone()} {editing} locked={state.locked} onaction={onaction.clone()} />
            </div>
            // On narrow screens the result card is far below the inputs: keep the
            // score in sight. The card itself is the announced, labelled result.
            <div class={classes!("score-strip", format!("verdict-{}", evaluation.verdict.word()))} aria-hidden="true">
                <strong>{ one_decimal(evaluation.score) }</strong>{ " \u{b7} " }{ verdict_label(&evaluation.verdict) }
            </div>
        </main>
    }
}
