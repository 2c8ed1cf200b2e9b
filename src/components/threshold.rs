//! The threshold a score must reach to count as a CSQL.

use yew::prelude::*;

use crate::model::evaluate::{problem_for, Field, Problem};
use crate::model::number::parse_in_range;
use crate::model::state::CalcEvent;
use crate::web::input_value;

use super::FieldError;

/// Props of [`ThresholdField`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ThresholdFieldProps {
    /// The threshold as typed.
    pub threshold: String,
    /// Current problems; the threshold's own is shown under it.
    pub problems: Vec<Problem>,
    /// Receives [`CalcEvent::SetThreshold`].
    pub onaction: Callback<CalcEvent>,
    /// Read-only: the criteria were locked by the link.
    pub locked: bool,
}

/// A slider and a text box for the threshold, 0-100.
#[component]
pub fn ThresholdField(props: &ThresholdFieldProps) -> Html {
    let message = problem_for(&props.problems, Field::Threshold);
    let on_input = props.onaction.reform(|e: InputEvent| CalcEvent::SetThreshold(input_value(&e)));
    let parsed = parse_in_range(&props.threshold, 0.0, 100.0).unwrap_or(0.0);
    html! {
        <section class="card threshold" aria-labelledby="threshold-title">
            <h2 id="threshold-title">{ "Threshold" }</h2>
            <div class="weight-row">
                <label for="threshold-input">{ "CSQL at or above" }</label>
                <input type="range" min="0" max="100" step="1" aria-label="Threshold slider"
                    value={parsed.to_string()} disabled={props.locked} oninput={on_input.clone()} />
                <input type="text" id="threshold-input" data-testid="threshold" inputmode="decimal" autocomplete="off"
                    value={props.threshold.clone()}
                    aria-invalid={message.is_some().to_string()}
                    aria-describedby="threshold-error"
                    readonly={props.locked} oninput={on_input} />
                <span class="share">{ "of 100" }</span>
                <FieldError id="threshold-error" message={message.map(|m| AttrValue::from(m.to_owned()))} />
            </div>
        </section>
    }
}
