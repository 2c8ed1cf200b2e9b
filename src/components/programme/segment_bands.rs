//! One segment's benchmark bounds as editable boxes.

use yew::prelude::*;

use crate::model::programme::{Measure, ProgrammeEvent, ProgrammeField, ProgrammeProblem, Segment, Tier};

use crate::components::TextField;

/// Props of [`SegmentBands`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SegmentBandsProps {
    /// The segment.
    pub segment: Segment,
    /// The bounds' text, (measure, tier, text) for this segment.
    pub texts: Vec<(Measure, Tier, AttrValue)>,
    /// Whether this is the team's segment (highlighted).
    pub current: bool,
    /// Current problems; each bound shows its own.
    pub problems: Vec<ProgrammeProblem>,
    /// The targets are read-only (a locked model).
    #[prop_or_default]
    pub locked: bool,
    /// Receives [`ProgrammeEvent::SetBenchmark`].
    pub onaction: Callback<ProgrammeEvent>,
}

/// A small table: volume and conversion rows, a "from" box per tier.
#[component]
pub fn SegmentBands(props: &SegmentBandsProps) -> Html {
    let segment = props.segment;
    let tiers = [Tier::Good, Tier::Great, Tier::WorldClass];
    let cell = |measure: Measure, tier: Tier, text: &AttrValue| {
        let error = props
            .problems
            .iter()
            .find(|p| p.field == ProgrammeField::Benchmark(segment, measure, tier))
            .map(|p| AttrValue::from(p.message.clone()));
        let what = if measure == Measure::Volume { "volume" } else { "conversion %" };
        html! {
            <td>
                <TextField id={format!("bench-{}-{}-{}", segment.key(), what.trim_end_matches(" %"), tier.word())}
                    label={format!("{} {what}, {} from", segment.label(), tier.label().to_lowercase())} hide_label=true
                    value={text.clone()} {error} readonly={props.locked}
                    oninput={props.onaction.reform(move |t| ProgrammeEvent::SetBenchmark(segment, measure, tier, t))} />
            </td>
        }
    };
    html! {
        <table class={classes!("bands", props.current.then_some("current"))}>
            <caption>{ segment.label() }{ if props.current { " (your team)" } else { "" } }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "From" }</th>
                    for tier in tiers { <th scope="col">{ tier.label() }</th> }
                </tr>
            </thead>
            <tbody>
                for measure in [Measure::Volume, Measure::Conversion] {
                    <tr>
                        <th scope="row">{ if measure == Measure::Volume { "Accepted per CSM per quarter" } else { "Conversion %" } }</th>
                        for (_, tier, text) in props.texts.iter().filter(|(m, _, _)| *m == measure) { { cell(measure, *tier, text) } }
                    </tr>
                }
            </tbody>
        </table>
    }
}
