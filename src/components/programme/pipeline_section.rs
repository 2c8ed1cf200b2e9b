//! CS share of expansion pipeline and CSQL conversion against other sources.

use yew::prelude::*;

use crate::model::programme::words::{number_or_na, percent, points};
use crate::model::programme::{Programme, ProgrammeEvent, ProgrammeField};

use super::message;
use crate::components::TextField;

/// Props of [`PipelineSection`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct PipelineSectionProps {
    /// Total expansion pipeline from all sources, as typed.
    pub total_pipeline: AttrValue,
    /// Conversion rate of other sources, as typed.
    pub other_conversion: AttrValue,
    /// The evaluated programme (share, comparison, problems, team totals).
    pub programme: Programme,
    /// Receives `SetTotalPipeline` and `SetOtherConversion`.
    pub onaction: Callback<ProgrammeEvent>,
}

/// Two optional team inputs and what follows from them.
#[component]
pub fn PipelineSection(props: &PipelineSectionProps) -> Html {
    let p = &props.programme;
    let team = p.team.as_ref();
    let cs_pipeline = team.and_then(|t| t.pipeline_value);
    let won_value = team.and_then(|t| t.won_value);
    html! {
        <section class="card programme-section" id="programme-pipeline" data-section="pipeline" aria-labelledby="pipeline-title">
            <h2 id="pipeline-title">{ "Share of expansion pipeline" }</h2>
            <p class="help">{ "Optional. Enter the accepted pipeline value per CSM in the table, and here the team's totals from all sources." }</p>
            <div class="programme-fields">
                <TextField id="total-pipeline" label="Total expansion pipeline, all sources" value={props.total_pipeline.clone()}
                    error={message(&p.problems, ProgrammeField::TotalPipeline)}
                    oninput={props.onaction.reform(ProgrammeEvent::SetTotalPipeline)} />
                <TextField id="other-conversion" label="Conversion rate of other sources (%)" value={props.other_conversion.clone()}
                    error={message(&p.problems, ProgrammeField::OtherConversion)}
                    hint="Product-led or direct Sales expansion opportunities that closed won, in percent."
                    oninput={props.onaction.reform(ProgrammeEvent::SetOtherConversion)} />
            </div>
            <dl class="pipeline-figures">
                <dt>{ "CS-accepted pipeline" }</dt>
                <dd data-testid="cs-pipeline">{ number_or_na(cs_pipeline) }</dd>
                <dt>{ "Closed-won value" }</dt>
                <dd data-testid="won-value">{ number_or_na(won_value) }</dd>
                <dt>{ "CS share of expansion pipeline" }</dt>
                <dd data-testid="cs-share">{ percent(p.cs_share) }</dd>
                <dt>{ "CSQL conversion against other sources" }</dt>
                <dd data-testid="versus-other">{ points(p.versus_other) }</dd>
            </dl>
        </section>
    }
}
