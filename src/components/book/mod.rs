//! The Book view: score a whole CSV of accounts with the current model.
//!
//! The page's state, the loading flow and every derived figure live in the
//! model ([`BookState`]); these components render them and send events.

mod account_detail;
mod book_row;
mod book_table;
mod column_profile;
mod column_select;
mod evidence;
mod histogram;
mod import_panel;
mod import_report;
mod mapping_panel;
mod model_from_file;
mod moved_list;
mod results;
mod sort_header;
mod summary_panel;
mod table_controls;
mod warehouse;

use std::rc::Rc;

use yew::prelude::*;

pub use account_detail::{AccountDetail, AccountDetailProps};
pub use book_row::{BookRow, BookRowProps};
pub use book_table::{BookTable, BookTableProps};
pub use column_profile::{ColumnProfileProps, ColumnProfileTable};
pub use column_select::{ColumnSelect, ColumnSelectProps};
pub use evidence::{EvidenceSection, EvidenceSectionProps};
pub use histogram::{ScoreHistogram, ScoreHistogramProps};
pub use import_panel::{ImportPanel, ImportPanelProps};
pub use import_report::{ImportSummary, ImportSummaryProps};
pub use mapping_panel::{MappingPanel, MappingPanelProps};
pub use model_from_file::{ModelFromFile, ModelFromFileProps};
pub use moved_list::{MovedList, MovedListProps};
pub use results::{BookResults, BookResultsProps};
pub use sort_header::{SortHeader, SortHeaderProps};
pub use summary_panel::{BookSummary, BookSummaryProps};
pub use table_controls::{TableControls, TableControlsProps};
pub use warehouse::{WarehousePanel, WarehousePanelProps};

use crate::model::book::{BookEvent, BookState};
use crate::model::calc::state::CalcEvent;
use crate::model::calc::view::CalculatorView;
use crate::model::evidence::state::EvidenceState;
use crate::model::root::AppEvent;
use crate::model::sql::warehouse::{WarehouseEvent, WarehouseState};
use crate::model::Model;

/// Props of [`BookPage`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BookPageProps {
    /// The book, with its derived figures.
    pub state: BookState,
    /// The evidence: fit, scenarios chosen, figures.
    pub evidence: EvidenceState,
    /// The warehouse export.
    pub warehouse: WarehouseState,
    /// The current model: weights, threshold, signals and gates.
    pub model: Model,
    /// The calculator's view, for the weights and threshold beside the book.
    pub criteria: CalculatorView,
    /// Criteria are read-only.
    pub locked: bool,
    /// Receives weight and threshold changes (shared with the calculator).
    pub onaction: Callback<CalcEvent>,
    /// Receives the page's own events.
    pub ondispatch: Callback<BookEvent>,
    /// Receives a chosen or dropped file.
    pub onfile: Callback<web_sys::File>,
    /// Asks to fill the Programme view from this book.
    pub onmeasure: Callback<()>,
    /// Saved scenarios (kept with the model).
    #[prop_or_default]
    pub scenarios: Vec<crate::model::evidence::Scenario>,
    /// Receives the evidence section's events (on the evidence, the model, or the fit's hand-offs).
    pub onevidence: Callback<AppEvent>,
    /// Receives the warehouse export's events.
    pub onwarehouse: Callback<WarehouseEvent>,
}

/// The Book page.
#[component]
pub fn BookPage(props: &BookPageProps) -> Html {
    let state = &props.state;
    let d = props.ondispatch.clone();
    html! {
        <main class="book-page">
            <ImportPanel stage={state.stage.clone()} paste={AttrValue::from(state.paste.clone())} onfile={props.onfile.clone()}
                onpastechange={d.reform(BookEvent::Paste)} onpaste={d.reform(|()| BookEvent::LoadPaste)}
                onsample={d.reform(|()| BookEvent::LoadSample)} />
            if let (Some(loaded), Some(derived)) = (&state.loaded, &state.derived) {
                <ColumnProfileTable profile={Rc::clone(&derived.profile)} open={derived.book.is_err()} />
                <MappingPanel profile={Rc::clone(&derived.profile)} id_problem={derived.id_problem().map(AttrValue::from)} model={props.model.clone()} mapping={state.mapping.clone()}
                    open={state.mapping_open || derived.book.is_err()} onmap={d.reform(|(t, c)| BookEvent::Map(t, c))}
                    ontoggle={d.reform(BookEvent::OpenMapping)} />
                if let Err(error) = &derived.book {
                    <p class="card field-error" role="alert" data-testid="book-error">{ format!("{}: {error}.", loaded.name) }</p>
                }
                if !props.locked {
                    <ModelFromFile proposal={state.proposal.clone()} ondispatch={d.clone()} onaccept={props.onevidence.reform(|()| AppEvent::AcceptProposal)} />
                }
                if let Ok((book, report)) = &derived.book {
                    <ImportSummary name={AttrValue::from(loaded.name.clone())} report={Rc::clone(report)} policy={state.policy}
                        onpolicy={d.reform(BookEvent::Policy)} onexportskipped={d.reform(|()| BookEvent::ExportSkipped)} />
                    if let Some(rows) = derived.owners_with_outcomes {
                        <section class="card handoff" aria-labelledby="handoff-title">
                            <h2 id="handoff-title">{ "Sales outcomes in this file" }</h2>
                            <p class="help">{ format!("{rows} owners have accepted-by-Sales figures: measure their CSQL programme against the benchmarks. The benchmarks are per quarter, so say how long the file's outcomes cover: a year read as one quarter would look four times better.") }</p>
                            <div class="field handoff-period">
                                <label for="book-period">{ "This book covers" }</label>
                                <select id="book-period" data-testid="book-period" onchange={d.reform(|e: Event| BookEvent::ChooseMeasurePeriod(crate::web::select_value(&e)))}>
                                    <option value="" selected={state.measure_period.is_none()}>{ "\u{2014} choose \u{2014}" }</option>
                                    for choice in derived.periods.iter() {
                                        <option value={choice.key.clone()} selected={state.measure_period.as_deref() == Some(choice.key.as_str())}>{ choice.label.clone() }</option>
                                    }
                                </select>
                            </div>
                            <button type="button" data-testid="measure-programme" disabled={state.measure_period.is_none()}
                                onclick={props.onmeasure.reform(|_| ())}>{ "Measure the programme from this book" }</button>
                        </section>
                    }
                    <BookResults book={book.clone()} derived={derived.clone()} criteria={props.criteria.clone()} baseline_pinned={state.baseline.as_ref().is_some_and(|b| b.pinned)}
                        options={state.options.clone()} selected={state.selected} detail={state.detail.clone()} locked={props.locked}
                        onaction={props.onaction.clone()} ondispatch={d.clone()}>
                        // Between the criteria and the accounts: what the weights would have done.
                        <EvidenceSection evidence={props.evidence.clone()} scenarios={props.scenarios.clone()}
                            locked={props.locked} onevent={props.onevidence.clone()} />
                        <WarehousePanel exports={props.warehouse.exports.clone()} dialect={props.warehouse.dialect}
                            table={AttrValue::from(props.warehouse.table.clone())} ondispatch={props.onwarehouse.clone()} />
                    </BookResults>
                }
            }
        </main>
    }
}
