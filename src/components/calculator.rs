//! The one-account calculator: the result, then the account's inputs and the
//! criteria. On a wide screen the result sits beside the inputs and stays in
//! sight; on a narrow one it comes first, and a strip at the bottom keeps the
//! score in sight while the inputs are filled in.

use yew::prelude::*;

use crate::model::calc::state::{CalcEvent, CalcState};

use super::{AddButton, ComponentCard, CriteriaPanel, GatesPanel, ResultCard, TextField};

/// Props of [`Calculator`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CalculatorProps {
    /// The calculator's state.
    pub state: CalcState,
    /// Receives every calculator event.
    pub onaction: Callback<CalcEvent>,
    /// A level-one heading for screen readers, where the page shows none of
    /// its own (the embed: the wiki page around the frame has the title).
    #[prop_or_default]
    pub title: Option<AttrValue>,
}

/// The calculator page.
#[component]
pub fn Calculator(props: &CalculatorProps) -> Html {
    let state = &props.state;
    let onaction = &props.onaction;
    let view = &state.view;
    let editing = state.editing && !state.locked;
    let components = state.model.components.len();
    html! {
        <main class="layout">
            if let Some(title) = &props.title {
                <h1 class="visually-hidden">{ title.clone() }</h1>
            }
            <div class="outputs">
                <ResultCard result={view.result.clone()} />
            </div>
            <div class="inputs">
                <section class="card account" aria-label="Account">
                    <TextField id="account-name" label="Account (optional)" inputmode="text" value={state.model.account.clone()}
                        placeholder={AttrValue::from("e.g. Acme Corp")} maxlength={crate::model::core::limits::MAX_NAME_LEN}
                        oninput={onaction.reform(CalcEvent::SetAccount)} />
                </section>
                for (index, component) in state.model.components.iter().enumerate() {
                    <ComponentCard
                        key={component.key.clone()}
                        {index}
                        component={component.clone()}
                        view={view.components.get(index).cloned()}
                        {editing}
                        locked={state.locked}
                        removable={components > 1}
                        onaction={onaction.clone()}
                    />
                }
                if editing {
                    <AddButton id="add-component" label="Add a component"
                        refused={view.add_component_refused.clone().map(AttrValue::from)}
                        onclick={onaction.reform(|()| CalcEvent::AddComponent)} />
                }
                <GatesPanel gates={state.model.gates.clone()} {editing} locked={state.locked}
                    refused={view.add_gate_refused.clone()} onaction={onaction.clone()} />
                <CriteriaPanel weights={view.weights.clone()} weights_error={view.weights_error.clone().map(AttrValue::from)}
                    threshold={view.threshold.clone()} threshold_slider={view.threshold_slider.clone()}
                    threshold_error={view.threshold_error.clone().map(AttrValue::from)} as_of={view.as_of.clone()} locked={state.locked} onaction={onaction.clone()} />
            </div>
            // On narrow screens keep the score in sight; the card itself is the
            // announced, labelled result.
            <div class={classes!("score-strip", format!("verdict-{}", view.result.verdict))} aria-hidden="true" data-testid="score-bar">
                <strong>{ view.result.score.clone() }</strong>{ " \u{b7} " }{ view.result.headline.clone() }
                if let Some(missing) = &view.result.missing_gates {
                    { " \u{b7} " }{ missing.clone() }
                }
            </div>
        </main>
    }
}
