//! A built book, scored with the current weights and threshold: the criteria,
//! the summary, and the ranked table with one account's detail.

use yew::prelude::*;

use crate::components::CriteriaPanel;
use crate::model::book::{Book, BookEvent, Derived, Detail, Shared, ViewOptions};
use crate::model::calc::state::CalcEvent;
use crate::model::calc::view::CalculatorView;

use super::{AccountDetail, BookSummary, BookTable, TableControls};

/// Props of [`BookResults`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BookResultsProps {
    /// The built book.
    pub book: Shared<Book>,
    /// Its scores, order, summary and what moved.
    pub derived: Derived,
    /// The baseline "moved" compares with was pinned by the user.
    pub baseline_pinned: bool,
    /// The calculator's view: the weights and threshold shown here.
    pub criteria: CalculatorView,
    /// Sort, filter and search.
    pub options: ViewOptions,
    /// The account shown in detail.
    pub selected: Option<usize>,
    /// Its detail.
    pub detail: Option<Detail>,
    /// Criteria are read-only.
    pub locked: bool,
    /// Receives weight and threshold changes.
    pub onaction: Callback<CalcEvent>,
    /// Receives the page's own events.
    pub ondispatch: Callback<BookEvent>,
    /// Shown between the criteria with the summary and the ranked accounts.
    #[prop_or_default]
    pub children: Html,
}

/// Criteria, summary and table.
#[component]
pub fn BookResults(props: &BookResultsProps) -> Html {
    let derived = &props.derived;
    let scores = &derived.scores;
    let view = &props.criteria;
    let d = props.ondispatch.clone();
    html! {
        <>
            <div class="book-grid">
                <div class="book-criteria">
                    <CriteriaPanel weights={view.weights.clone()} weights_error={view.weights_error.clone().map(AttrValue::from)}
                        threshold={view.threshold.clone()} threshold_slider={view.threshold_slider.clone()}
                        threshold_error={view.threshold_error.clone().map(AttrValue::from)} as_of={view.as_of.clone()} locked={props.locked} onaction={props.onaction.clone()} />
                </div>
                <BookSummary summary={derived.summary.clone()} moved={derived.moved.as_deref().cloned()} pinned={props.baseline_pinned}
                    problem={scores.problem.as_ref().map(|p| AttrValue::from(p.to_string()))} ondispatch={d.clone()}
                    unmapped={derived.unmapped.clone()} onremove={(!props.locked).then(|| props.onaction.reform(CalcEvent::RemoveSignals))} />
            </div>
            { props.children.clone() }
            <section class="card book-accounts" aria-labelledby="book-accounts-title">
                <h2 id="book-accounts-title">{ "Accounts, ranked" }</h2>
                <p class="help">{ "Sort by any column with its header; press an id (or Enter on it) for the account's breakdown." }</p>
                <TableControls filter={props.options.filter} search={AttrValue::from(props.options.search.clone())}
                    shown={derived.order.len()} total={props.book.len()} onfilter={d.reform(BookEvent::Filter)}
                    onsearch={d.reform(BookEvent::Search)} onexport={d.reform(|()| BookEvent::Export)} />
                <BookTable book={props.book.clone()} scores={scores.clone()} order={derived.order.clone()}
                    sort={(props.options.sort, props.options.descending)} selected={props.selected}
                    onsort={d.reform(BookEvent::Sort)} onselect={d.reform(|row| BookEvent::Select(Some(row)))} />
                if let Some(detail) = props.detail.clone() {
                    <AccountDetail {detail} onclose={d.reform(|()| BookEvent::Select(None))} />
                }
            </section>
        </>
    }
}
