//! The benchmark table as data with its source, editable as internal targets.

use yew::prelude::*;

use crate::model::programme::{Measure, ProgrammeEvent, ProgrammeProblem, Segment, Tier};

use super::segment_bands::SegmentBands;

/// Props of [`BenchmarkSection`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BenchmarkSectionProps {
    /// Every bound's text: (segment, measure, tier, text).
    pub texts: Vec<(Segment, Measure, Tier, String)>,
    /// Where the numbers come from.
    pub source: AttrValue,
    /// Whether the table is the reference one (nothing to restore).
    pub is_reference: bool,
    /// The model is locked: the targets are read-only.
    #[prop_or_default]
    pub locked: bool,
    /// The team's segment.
    pub segment: Segment,
    /// Current problems; each bound shows its own.
    pub problems: Vec<ProgrammeProblem>,
    /// Receives `SetBenchmark` and `RestoreBenchmarks`.
    pub onaction: Callback<ProgrammeEvent>,
}

/// Three small tables (one per segment), the source, and a restore button.
#[component]
pub fn BenchmarkSection(props: &BenchmarkSectionProps) -> Html {
    html! {
        <section class="card programme-section" id="programme-benchmarks" data-section="benchmarks" aria-labelledby="benchmarks-title">
            <h2 id="benchmarks-title">{ "Benchmarks" }</h2>
            <p class="help">
                { "Each tier runs from its bound up to the next; a value on a bound gets the higher tier. \
                   Edit a bound to use your internal targets instead." }
            </p>
            <div class="bands-grid">
                for segment in Segment::ALL {
                    <SegmentBands key={segment.key()} {segment} current={segment == props.segment}
                        texts={props.texts.iter().filter(|t| t.0 == segment).map(|t| (t.1, t.2, AttrValue::from(t.3.clone()))).collect::<Vec<_>>()}
                        problems={props.problems.clone()} locked={props.locked} onaction={props.onaction.clone()} />
                }
            </div>
            <p class="source" data-testid="benchmark-source">{ "Source: " }{ props.source.clone() }</p>
            <button type="button" class="secondary" data-testid="restore-benchmarks" disabled={props.is_reference || props.locked}
                onclick={props.onaction.reform(|_| ProgrammeEvent::RestoreBenchmarks)}>
                { "Restore the reference table" }
            </button>
        </section>
    }
}
