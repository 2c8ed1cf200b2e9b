//! One component (Engagement, Fit, Intent, ...): its score typed directly or
//! derived from its signals.

use yew::prelude::*;

use crate::model::evaluate::{problem_for, Field, Problem};
use crate::model::format::one_decimal;
use crate::model::state::Action;
use crate::model::{Component, Part, ScoreMode};
use crate::web::input_value;

use super::{FieldError, SignalField};

/// Props of [`ComponentCard`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ComponentCardProps {
    /// Position of the component in the model.
    pub index: usize,
    /// The component.
    pub component: Component,
    /// Its part of the evaluation.
    pub part: Option<Part>,
    /// Current problems; this component's are shown beside its fields.
    pub problems: Vec<Problem>,
    /// Receives the component's actions.
    pub onaction: Callback<Action>,
}

/// A card with the mode switch, the score box and the signals.
#[component]
pub fn ComponentCard(props: &ComponentCardProps) -> Html {
    let ComponentCardProps {
        index,
        component,
        part,
        problems,
        onaction,
    } = props;
    let index = *index;
    let key = &component.key;
    let direct = component.mode == ScoreMode::Direct;
    let score_id = format!("score-{key}");
    let error_id = format!("score-{key}-error");
    let direct_problem = problem_for(problems, Field::Direct(index));
    let component_problem = problem_for(problems, Field::Component(index));
    let derived = part.as_ref().and_then(|p| p.score);
    let mode_name = format!("mode-{key}");
    let answered = part.as_ref().and_then(|p| p.answered);

    html! {
        <section class="card component" aria-labelledby={format!("{key}-title")}>
            <h2 id={format!("{key}-title")}>{ component.name.clone() }</h2>
            <fieldset class="mode">
                <legend class="visually-hidden">{ format!("How to score {}", component.name) }</legend>
                <label>
                    <input type="radio" name={mode_name.clone()} checked={!direct}
                        onchange={onaction.reform(move |_| Action::SetMode(index, ScoreMode::Signals))} />
                    { "From signals" }
                </label>
                <label>
                    <input type="radio" name={mode_name} checked={direct}
                        onchange={onaction.reform(move |_| Action::SetMode(index, ScoreMode::Direct))} />
                    { "Type a score" }
                </label>
            </fieldset>
            <div class="score-row">
                <label for={score_id.clone()}>{ format!("{} score (0-100)", component.name) }</label>
                if direct {
                    <input type="text" id={score_id} data-testid={format!("score-{key}")} inputmode="decimal" autocomplete="off"
                        value={component.direct.clone()}
                        aria-invalid={direct_problem.is_some().to_string()}
                        aria-describedby={error_id.clone()}
                        oninput={onaction.reform(move |e: InputEvent| Action::SetDirect(index, input_value(&e)))} />
                } else {
                    <input type="text" id={score_id} data-testid={format!("score-{key}")} readonly=true
                        class="derived" value={one_decimal(derived)}
                        aria-describedby={error_id.clone()} />
                }
                <FieldError id={error_id} message={direct_problem.or(component_problem).map(|m| AttrValue::from(m.to_owned()))} />
            </div>
            if !direct {
                <div class="signals">
                    if let Some((done, total)) = answered.filter(|(_, total)| *total > 0) {
                        <p class="help">{ format!("{done} of {total} number signals filled in: a blank one counts as 0, an unticked box as no.") }</p>
                    }
                    for (s, signal) in component.signals.iter().enumerate() {
                        <SignalField
                            key={signal.key.clone()}
                            component={index}
                            index={s}
                            id={format!("signal-{key}-{}", signal.key)}
                            signal={signal.clone()}
                            message={problem_for(problems, Field::Signal(index, s)).map(|m| AttrValue::from(m.to_owned()))}
                            onaction={onaction.clone()}
                        />
                    }
                </div>
            }
        </section>
    }
}
