//! The Programme view: how the team's CSQL programme performs against benchmarks.
//!
//! The page renders a [`ProgrammeState`] (its `update` is pure model code)
//! with its view (the programme evaluated against the team's targets, kept in
//! step by [`ProgrammeState::sync`]), and lays out the inputs,
//! the team's overall tier and the sections in the order the reader's role
//! needs them. Components only render model values and send actions.

mod advice_list;
mod band_legend;
mod benchmark_table;
mod bullet_chart;
mod by_csm;
mod choice;
mod coach_row;
mod csm_grid;
mod csm_row;
mod overall;
mod paste_box;
mod pipeline_section;
mod rates_section;
mod segment_bands;
mod settings;
mod tier_badge;
mod volume_section;

use yew::prelude::*;

use crate::components::Notices;

use crate::model::programme::state::ProgrammeView;
use crate::model::programme::{ProgrammeEvent, ProgrammeField, ProgrammeProblem, ProgrammeState, Section};

use advice_list::AdviceSection;
use benchmark_table::BenchmarkSection;
use by_csm::ByCsmSection;
use csm_grid::CsmGrid;
use overall::OverallCard;
use paste_box::PasteBox;
use pipeline_section::PipelineSection;
use rates_section::RatesSection;
use settings::SettingsPanel;
use volume_section::VolumeSection;

/// Props of [`ProgrammePage`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ProgrammePageProps {
    /// The page's state.
    pub state: ProgrammeState,
    /// The model is locked: its targets cannot be edited.
    #[prop_or_default]
    pub locked: bool,
    /// Receives the page's events.
    pub onaction: Callback<ProgrammeEvent>,
}

/// The Programme page.
#[component]
pub fn ProgrammePage(props: &ProgrammePageProps) -> Html {
    let state = &props.state;
    let onaction = &props.onaction;
    let view = &state.view;
    let programme = &view.programme;
    html! {
        <main class="programme" aria-label="CSQL programme">
            <Notices notices={state.notices.clone()} class="programme-notices" label="Notices about the link" ondismiss={onaction.reform(ProgrammeEvent::DismissNotice)} />
            <div class="programme-inputs">
                <SettingsPanel input={state.input.clone()} problems={programme.problems.clone()} onaction={onaction.clone()} />
                <CsmGrid rows={state.input.rows.clone()} team_segment={state.input.segment}
                    problems={programme.problems.clone()} rows_add_up={programme.rows_add_up.clone().map(AttrValue::from)}
                    onaction={onaction.clone()} />
                <PasteBox text={state.paste.clone()} problems={state.paste_problems.clone()}
                    done={state.paste_done.clone().map(AttrValue::from)} can_undo={state.before_paste.is_some()}
                    onaction={onaction.clone()} />
            </div>
            <div class="programme-results">
                <OverallCard tier={programme.team.as_ref().and_then(|t| t.rating.overall)}
                    explanation={view.explanation.clone()} />
                for section in programme.sections.iter().copied() {
                    { section_view(section, state, props.locked, onaction) }
                }
            </div>
        </main>
    }
}

/// The message of the first problem on `field`, for the field's error line.
fn message(problems: &[ProgrammeProblem], field: ProgrammeField) -> Option<AttrValue> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| AttrValue::from(p.message.clone()))
}

/// One section of the results, keyed so a new role reorders rather than rebuilds.
fn section_view(section: Section, state: &ProgrammeState, locked: bool, onaction: &Callback<ProgrammeEvent>) -> Html {
    let input = &state.input;
    let ProgrammeView {
        table,
        programme,
        texts,
        names,
        ..
    } = &state.view;
    let bands = programme.benchmarks.for_segment(input.segment);
    match section {
        Section::Volume => html! {
            <VolumeSection key="volume" team={programme.team.clone()} quarters={programme.quarters}
                segment={input.segment} band={bands.volume} pending={programme.pending()} />
        },
        Section::Rates => html! {
            <RatesSection key="rates" team={programme.team.clone()} band={bands.conversion} pending={programme.pending()} />
        },
        Section::ByCsm => html! {
            <ByCsmSection key="by_csm" rows={programme.rows.clone()} benchmarks={programme.benchmarks.clone()}
                names={names.iter().map(|n| AttrValue::from(n.clone())).collect::<Vec<_>>()} />
        },
        Section::Pipeline => html! {
            <PipelineSection key="pipeline" total_pipeline={input.total_pipeline.clone()}
                other_conversion={input.other_conversion.clone()} programme={programme.clone()} onaction={onaction.clone()} />
        },
        Section::Advice => html! { <AdviceSection key="advice" advice={programme.advice.clone()} role={input.role} /> },
        Section::Benchmarks => html! {
            <BenchmarkSection key="benchmarks" texts={texts.to_vec()} source={table.source.clone()}
                is_reference={table.is_reference()} {locked} segment={input.segment}
                problems={programme.problems.clone()} onaction={onaction.clone()} />
        },
    }
}
