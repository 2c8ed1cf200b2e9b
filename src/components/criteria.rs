//! The criteria: a weight per component (slider and box, with its share of
//! the score) and the threshold a CSQL must reach. Shared by the calculator
//! and the Book view.

use yew::prelude::*;

use crate::model::calc::state::CalcEvent;
use crate::model::calc::view::WeightRow;
use crate::web::input_value;

use super::{FieldError, TextField};

/// Props of [`CriteriaPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CriteriaPanelProps {
    /// One row per component.
    pub weights: Vec<WeightRow>,
    /// Every weight 0 or too large to add up.
    pub weights_error: Option<AttrValue>,
    /// The threshold as typed.
    pub threshold: AttrValue,
    /// The threshold slider's position.
    pub threshold_slider: AttrValue,
    /// What is wrong with the threshold.
    pub threshold_error: Option<AttrValue>,
    /// The as-of date of recency signals and its problem, when the model has any.
    #[prop_or_default]
    pub as_of: Option<(String, Option<String>)>,
    /// Read-only: the criteria were locked by the link.
    pub locked: bool,
    /// Receives weight and threshold changes.
    pub onaction: Callback<CalcEvent>,
}

/// The criteria card.
#[component]
pub fn CriteriaPanel(props: &CriteriaPanelProps) -> Html {
    let onaction = &props.onaction;
    html! {
        <section class="card criteria" aria-labelledby="criteria-title">
            <h2 id="criteria-title">{ "Weights and threshold" }</h2>
            <p class="help">{ "Weights may be any numbers of 0 or more: they are normalised, so the score stays on 0-100." }</p>
            for (index, row) in props.weights.iter().enumerate() {
                <div class="slider-row" key={row.key.clone()}>
                    <TextField id={format!("weight-{}", row.key)} label={format!("{} weight", row.name)} value={row.text.clone()}
                        error={row.error.clone().map(AttrValue::from)} readonly={props.locked} maxlength={crate::model::core::limits::MAX_NUMBER_LEN}
                        class="slider-box" oninput={onaction.reform(move |text| CalcEvent::SetWeight(index, text))} />
                    <input type="range" min="0" max={row.slider_max.clone()} step="1" class="slider"
                        aria-label={format!("{} weight slider", row.name)} value={row.slider.clone()} disabled={props.locked}
                        oninput={onaction.reform(move |e: InputEvent| CalcEvent::SetWeight(index, input_value(&e)))} />
                    <output class="share" for={format!("weight-{}", row.key)} aria-label={format!("{} share of the score", row.name)}>
                        { row.share.clone() }
                    </output>
                </div>
            }
            <FieldError id="weights-error" message={props.weights_error.clone()} />
            <div class="slider-row threshold-row">
                <TextField id="threshold-input" testid="threshold" label="Threshold: a CSQL scores" value={props.threshold.clone()}
                    error={props.threshold_error.clone()} readonly={props.locked} maxlength={crate::model::core::limits::MAX_NUMBER_LEN}
                    class="slider-box" oninput={onaction.reform(CalcEvent::SetThreshold)} />
                <input type="range" min="0" max="100" step="1" class="slider" aria-label="Threshold slider"
                    value={props.threshold_slider.clone()} disabled={props.locked}
                    oninput={onaction.reform(|e: InputEvent| CalcEvent::SetThreshold(input_value(&e)))} />
                <span class="share">{ "or more" }</span>
            </div>
            if let Some((text, error)) = &props.as_of {
                <TextField id="as-of" label="Recency signals scored as of" inputmode="text" value={text.clone()}
                    hint={AttrValue::from("A date as YYYY-MM-DD; blank means today.")} placeholder={AttrValue::from("today")}
                    error={error.clone().map(AttrValue::from)} readonly={props.locked} maxlength={crate::model::core::limits::MAX_NUMBER_LEN}
                    oninput={onaction.reform(CalcEvent::SetAsOf)} />
            }
        </section>
    }
}
