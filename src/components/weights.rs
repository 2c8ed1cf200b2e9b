//! Weights: a slider and a number box per component, with its effective share.

use yew::prelude::*;

use crate::model::evaluate::{problem_for, Field};
use crate::model::format::percent;
use crate::model::number::parse_non_negative;
use crate::model::state::CalcEvent;
use crate::model::{Evaluation, Model};
use crate::web::input_value;

use super::FieldError;

/// Props of [`WeightsPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct WeightsPanelProps {
    /// The model whose weights are edited.
    pub model: Model,
    /// The current evaluation, for shares and problems.
    pub evaluation: Evaluation,
    /// Receives [`CalcEvent::SetWeight`].
    pub onaction: Callback<CalcEvent>,
    /// Read-only: the criteria were locked by the link.
    pub locked: bool,
}

/// The weights section.
#[component]
pub fn WeightsPanel(props: &WeightsPanelProps) -> Html {
    let all_zero = problem_for(&props.evaluation.problems, Field::Weights);
    html! {
        <section class="card weights" aria-labelledby="weights-title">
            <h2 id="weights-title">{ "Weights" }</h2>
            <p class="help">{ "Any non-negative numbers: they are normalised, so the score stays on 0-100." }</p>
            for (index, component) in props.model.components.iter().enumerate() {
                {{
                    let key = &component.key;
                    let number_id = format!("weight-{key}");
                    let error_id = format!("weight-{key}-error");
                    let message = problem_for(&props.evaluation.problems, Field::Weight(index));
                    let parsed = parse_non_negative(&component.weight).ok();
                    let slider_max = parsed.map_or(100.0, |w| w.max(100.0)).ceil();
                    let share = props.evaluation.parts.get(index).and_then(|p| p.share);
                    let on_input = props.onaction.reform(move |e: InputEvent| CalcEvent::SetWeight(index, input_value(&e)));
                    html! {
                        <div class="weight-row" key={key.clone()}>
                            <label for={number_id.clone()}>{ format!("{} weight", component.name) }</label>
                            <input type="range" min="0" max={slider_max.to_string()} step="1"
                                aria-label={format!("{} weight slider", component.name)}
                                value={parsed.unwrap_or(0.0).to_string()}
                                disabled={props.locked} oninput={on_input.clone()} />
                            <input type="text" id={number_id} data-testid={format!("weight-{key}")}
                                inputmode="decimal" autocomplete="off"
                                value={component.weight.clone()}
                                aria-invalid={message.is_some().to_string()}
                                aria-describedby={error_id.clone()}
                                readonly={props.locked} oninput={on_input} />
                            <output class="share" for={format!("weight-{key}")} aria-label={format!("{} share of the score", component.name)}>
                                { percent(share) }
                            </output>
                            <FieldError id={error_id} message={message.map(|m| AttrValue::from(m.to_owned()))} />
                        </div>
                    }
                }}
            }
            <FieldError id="weights-error" message={all_zero.map(|m| AttrValue::from(m.to_owned()))} />
        </section>
    }
}
