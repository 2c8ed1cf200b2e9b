//! The Programme view: how the team's CSQL programme performs against benchmarks.
//!
//! The page holds a [`ProgrammeState`] in a reducer (its transitions are
//! pure model code), evaluates it on every render, and lays out the inputs,
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
mod notices;
mod overall;
mod paste_box;
mod pipeline_section;
mod rates_section;
mod segment_bands;
mod settings;
mod text_field;
mod tier_badge;
mod volume_section;

use std::rc::Rc;

use yew::prelude::*;

use crate::app::BookRows;
use crate::components::store::Store;
use crate::model::programme::{evaluate, Benchmarks, Problem, Programme, ProgrammeAction, ProgrammeField, ProgrammeState, Section};

use advice_list::AdviceSection;
use benchmark_table::BenchmarkSection;
use by_csm::ByCsmSection;
use csm_grid::CsmGrid;
use notices::ProgrammeNotices;
use overall::OverallCard;
use paste_box::PasteBox;
use pipeline_section::PipelineSection;
use rates_section::RatesSection;
use settings::SettingsPanel;
use volume_section::VolumeSection;

/// Props of [`ProgrammePage`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ProgrammePageProps {
    /// The page's query string (quick entry from a wiki link).
    #[prop_or_default]
    pub query: AttrValue,
    /// The team's own benchmark targets saved with the model; `None`: the reference table.
    #[prop_or_default]
    pub targets: Option<Benchmarks>,
    /// Receives the table in use whenever it changes (`None` for the reference table),
    /// so it is saved with the model and travels in its share link.
    #[prop_or_default]
    pub ontargets: Callback<Option<Benchmarks>>,
    /// Per-owner counts from an imported book; each new hand-over replaces the rows.
    #[prop_or_default]
    pub from_book: Option<Rc<BookRows>>,
}

/// The Programme page.
#[component]
pub fn ProgrammePage(props: &ProgrammePageProps) -> Html {
    let store = {
        let (query, targets) = (props.query.to_string(), props.targets.clone());
        use_reducer(move || {
            let mut state = ProgrammeState::from_query(&query);
            if let Some(targets) = targets {
                state.input.benchmarks = targets;
            }
            Store(state)
        })
    };
    let onaction = {
        let store = store.clone();
        Callback::from(move |action: ProgrammeAction| store.dispatch(action))
    };
    {
        let onaction = onaction.clone();
        use_effect_with(props.from_book.clone(), move |from_book| {
            if let Some(book) = from_book {
                onaction.emit(ProgrammeAction::UseBookRows(book.rows.clone(), book.file.clone()));
            }
        });
    }
    let state = &store.0;
    let programme = evaluate(&state.input);
    {
        let ontargets = props.ontargets.clone();
        use_effect_with(programme.benchmarks.clone(), move |table| {
            ontargets.emit((!table.is_reference()).then(|| table.clone()));
        });
    }
    html! {
        <main class="programme" aria-label="CSQL programme">
            <ProgrammeNotices notices={state.notices.clone()} onaction={onaction.clone()} />
            <div class="programme-inputs">
                <SettingsPanel input={state.input.clone()} problems={programme.problems.clone()} onaction={onaction.clone()} />
                <CsmGrid rows={state.input.rows.clone()} team_segment={state.input.segment}
                    problems={programme.problems.clone()} onaction={onaction.clone()} />
                <PasteBox text={state.paste.clone()} problems={state.paste_problems.clone()}
                    done={state.paste_done.clone().map(AttrValue::from)} can_undo={state.before_paste.is_some()}
                    onaction={onaction.clone()} />
            </div>
            <div class="programme-results">
                <OverallCard team={programme.team.clone()} />
                for section in programme.sections.iter().copied() {
                    { section_view(section, state, &programme, &onaction) }
                }
            </div>
        </main>
    }
}

/// The message of the first problem on `field`, for the field's error line.
fn message(problems: &[Problem], field: ProgrammeField) -> Option<AttrValue> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| AttrValue::from(p.message.clone()))
}

/// One section of the results, keyed so a new role reorders rather than rebuilds.
fn section_view(section: Section, state: &ProgrammeState, programme: &Programme, onaction: &Callback<ProgrammeAction>) -> Html {
    let input = &state.input;
    let bands = programme.benchmarks.for_segment(input.segment);
    match section {
        Section::Volume => html! {
            <VolumeSection key="volume" team={programme.team.clone()} quarters={programme.quarters}
                segment={input.segment} band={bands.volume} />
        },
        Section::Rates => html! { <RatesSection key="rates" team={programme.team.clone()} band={bands.conversion} /> },
        Section::ByCsm => html! {
            <ByCsmSection key="by_csm" rows={programme.rows.clone()} benchmarks={programme.benchmarks.clone()}
                names={input.rows.iter().enumerate().map(|(i, r)| AttrValue::from(r.display_name(i))).collect::<Vec<_>>()} />
        },
        Section::Pipeline => html! {
            <PipelineSection key="pipeline" total_pipeline={input.total_pipeline.clone()}
                other_conversion={input.other_conversion.clone()} programme={programme.clone()} onaction={onaction.clone()} />
        },
        Section::Advice => html! { <AdviceSection key="advice" advice={programme.advice.clone()} role={input.role} /> },
        Section::Benchmarks => html! {
            <BenchmarkSection key="benchmarks" texts={state.benchmark_texts()} source={input.benchmarks.source.clone()}
                is_reference={input.benchmarks.is_reference()} segment={input.segment}
                problems={programme.problems.clone()} onaction={onaction.clone()} />
        },
    }
}
