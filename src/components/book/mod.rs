//! The Book view: score a whole CSV of accounts with the current model.
//!
//! State lives in a [`BookState`] reducer (pure, in the model). Rendering is
//! memoised in three layers so a weight change only rescores:
//! the book is rebuilt when the file, mapping, bad-row policy or the model's
//! shape (signals, gates) change; the scores when the book, weights or
//! threshold change; the table order and summary when the scores or the
//! table options change.

mod account_detail;
mod book_row;
mod book_table;
mod column_select;
mod histogram;
mod import_panel;
mod import_report;
mod loader;
mod mapping_panel;
mod moved_list;
mod results;
mod sort_header;
mod store;
mod summary_panel;
mod table_controls;

use std::rc::Rc;

use yew::prelude::*;

pub use account_detail::{AccountDetail, AccountDetailProps};
pub use book_row::{BookRow, BookRowProps};
pub use book_table::{BookTable, BookTableProps};
pub use column_select::{ColumnSelect, ColumnSelectProps};
pub use histogram::{ScoreHistogram, ScoreHistogramProps};
pub use import_panel::{ImportPanel, ImportPanelProps};
pub use import_report::{ImportSummary, ImportSummaryProps};
pub use mapping_panel::{MappingPanel, MappingPanelProps};
pub use moved_list::{MovedList, MovedListProps};
pub use results::{BookResults, BookResultsProps};
pub use sort_header::{SortHeader, SortHeaderProps};
use store::{Built, Store};
pub use summary_panel::{BookSummary, BookSummaryProps};
pub use table_controls::{TableControls, TableControlsProps};

use crate::model::book::{csm_rows, default_sample, shape, BadRows, Book, BookAction, Loaded, Mapping, Shared, MAPPING_KEY};
use crate::model::programme::CsmRow;
use crate::model::state::Action;
use crate::model::Model;
use crate::web;

/// Props of [`BookPage`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BookPageProps {
    /// The current model: weights, threshold, signals and gates.
    pub model: Model,
    /// Criteria are read-only.
    pub locked: bool,
    /// Receives weight and threshold changes (shared with the calculator).
    pub onaction: Callback<Action>,
    /// Receives per-owner CSQL counts (and the file's name) for the Programme view.
    #[prop_or_default]
    pub onprogramme: Callback<(Vec<CsmRow>, String)>,
}

/// The Book page.
#[component]
pub fn BookPage(props: &BookPageProps) -> Html {
    let store = use_reducer(Store::default);
    let dispatch = {
        let store = store.clone();
        Callback::from(move |action: BookAction| store.dispatch(action))
    };
    let state = &store.0;
    let model_shape = use_memo(props.model.clone(), shape);
    let built: Rc<Built> = use_memo(
        (state.loaded.clone(), state.mapping.clone(), state.policy, (*model_shape).clone()),
        |(loaded, mapping, policy, model_shape): &(Option<Loaded>, Mapping, BadRows, Model)| {
            let loaded = loaded.as_ref()?;
            Some(
                Book::build(Rc::clone(&loaded.table), model_shape, mapping, *policy)
                    .map(|(book, report)| (Shared(Rc::new(book)), Rc::new(report)))
                    .map_err(|e| e.to_string()),
            )
        },
    );
    // Remember the mapping once it has been used on a file.
    use_effect_with((state.loaded.is_some(), state.mapping.clone()), |(loaded, mapping)| {
        if *loaded {
            if let Ok(json) = serde_json::to_string(mapping) {
                web::write_key(MAPPING_KEY, &json);
            }
        }
    });

    let onfile = {
        let (dispatch, model) = (dispatch.clone(), props.model.clone());
        Callback::from(move |file: web_sys::File| loader::load_file(file, model.clone(), dispatch.clone()))
    };
    let onpaste = {
        let (dispatch, model, text) = (dispatch.clone(), props.model.clone(), state.paste.clone());
        Callback::from(move |()| {
            loader::load_bytes(
                "the pasted rows".to_owned(),
                text.clone().into_bytes(),
                model.clone(),
                dispatch.clone(),
            )
        })
    };
    let onsample = {
        let (dispatch, model) = (dispatch.clone(), props.model.clone());
        Callback::from(move |()| loader::load_bytes("the sample book".to_owned(), default_sample(), model.clone(), dispatch.clone()))
    };
    // Only a file with owner and Sales outcome columns can feed the Programme view.
    let owner_rows = use_memo(Rc::clone(&built), |built| match &**built {
        Some(Ok((book, _))) => csm_rows(&book.0),
        _ => None,
    });
    let build_error = match &*built {
        Some(Err(e)) => Some(e.clone()),
        _ => None,
    };

    html! {
        <main class="book-page">
            <ImportPanel stage={state.stage.clone()} paste={AttrValue::from(state.paste.clone())} {onfile}
                onpastechange={dispatch.reform(BookAction::Paste)} {onpaste} {onsample} />
            if let Some(loaded) = &state.loaded {
                <MappingPanel headers={Rc::new(loaded.table.headers.clone())} model={props.model.clone()} mapping={state.mapping.clone()}
                    open={build_error.is_some()} onmap={dispatch.reform(|(t, c)| BookAction::Map(t, c))} />
                if let Some(error) = build_error {
                    <p class="card field-error" role="alert" data-testid="book-error">{ format!("{}: {error}.", loaded.name) }</p>
                }
                if let Some(Ok((book, report))) = &*built {
                    <ImportSummary name={AttrValue::from(loaded.name.clone())} report={Rc::clone(report)} policy={state.policy}
                        onpolicy={dispatch.reform(BookAction::Policy)} />
                    if let Some(rows) = (*owner_rows).clone() {
                        <section class="card handoff" aria-labelledby="handoff-title">
                            <h2 id="handoff-title">{ "Sales outcomes in this file" }</h2>
                            <p class="help">{ format!("{} owners have accepted-by-Sales figures: measure their CSQL programme against the benchmarks.", rows.len()) }</p>
                            <button type="button" onclick={props.onprogramme.reform({
                                let name = loaded.name.clone();
                                move |_| (rows.clone(), name.clone())
                            })}>{ "Measure the programme from this book" }</button>
                        </section>
                    }
                    <BookResults book={book.clone()} name={AttrValue::from(loaded.name.clone())} model={props.model.clone()}
                        options={state.options.clone()} selected={state.selected} locked={props.locked}
                        onaction={props.onaction.clone()} ondispatch={dispatch.clone()} />
                }
            }
        </main>
    }
}
