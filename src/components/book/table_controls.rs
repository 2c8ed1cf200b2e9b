//! Above the table: which accounts to show, a search box and the export.

use yew::prelude::*;

use crate::model::book::{Filter, NEAR_POINTS};
use crate::web::{input_value, select_value};

/// Props of [`TableControls`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct TableControlsProps {
    /// The filter now.
    pub filter: Filter,
    /// The search text now.
    pub search: AttrValue,
    /// Accounts shown / in the book.
    pub shown: usize,
    /// Accounts in the book.
    pub total: usize,
    /// Receives a new filter.
    pub onfilter: Callback<Filter>,
    /// Receives the search text.
    pub onsearch: Callback<String>,
    /// Downloads the scored book.
    pub onexport: Callback<()>,
}

fn filter_value(filter: Filter) -> &'static str {
    match filter {
        Filter::All => "all",
        Filter::Csql => "csql",
        Filter::NearThreshold(_) => "near",
        Filter::GatesMissing => "gates",
    }
}

/// Filter, search, count and export.
#[component]
pub fn TableControls(props: &TableControlsProps) -> Html {
    let onchange = props.onfilter.reform(|e: Event| match select_value(&e).as_str() {
        "csql" => Filter::Csql,
        "near" => Filter::near(),
        "gates" => Filter::GatesMissing,
        _ => Filter::All,
    });
    let oninput = props.onsearch.reform(|e: InputEvent| input_value(&e));
    let current = filter_value(props.filter);
    let options = [
        ("all", "All accounts".to_owned()),
        ("csql", "CSQLs only".to_owned()),
        ("near", format!("Near the threshold (\u{b1}{NEAR_POINTS:.0} points)")),
        ("gates", "Score qualifies, gates missing".to_owned()),
    ];
    html! {
        <div class="book-controls">
            <div class="book-control">
                <label for="book-filter">{ "Show" }</label>
                <select id="book-filter" data-testid="book-filter" {onchange}>
                    for (value, label) in options {
                        <option {value} selected={value == current}>{ label }</option>
                    }
                </select>
            </div>
            <div class="book-control">
                <label for="book-search">{ "Search id or name" }</label>
                <input type="search" id="book-search" data-testid="book-search" autocomplete="off" value={props.search.clone()} {oninput} />
            </div>
            <p class="book-shown" role="status"><span data-testid="shown-count">{ props.shown }</span>{ format!(" of {} shown", props.total) }</p>
            <button type="button" data-testid="export-csv" onclick={props.onexport.reform(|_| ())}>{ "Export scored CSV" }</button>
        </div>
    }
}
