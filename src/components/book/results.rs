//! A built book, scored with the current weights and threshold: the criteria,
//! the summary, and the ranked table with one account's detail.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::{ThresholdField, WeightsPanel};
use crate::model::book::{
    detail, export_csv, moved, score_all, summarise, view, weights_and_threshold, Book, BookAction, History, RowVerdict, Scores, Shared,
    ViewOptions,
};
use crate::model::state::Action;
use crate::model::{evaluate, Model};
use crate::web;

use super::{AccountDetail, BookSummary, BookTable, TableControls};

/// Props of [`BookResults`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BookResultsProps {
    /// The built book.
    pub book: Shared<Book>,
    /// The file's name, for the export's name.
    pub name: AttrValue,
    /// The current model (weights and threshold used here).
    pub model: Model,
    /// Sort, filter and search.
    pub options: ViewOptions,
    /// The account shown in detail.
    pub selected: Option<usize>,
    /// Criteria are read-only.
    pub locked: bool,
    /// Receives weight and threshold changes.
    pub onaction: Callback<Action>,
    /// Receives the page's own actions.
    pub ondispatch: Callback<BookAction>,
}

fn rescore(book: &Book, criteria: &Result<(Vec<f64>, f64), String>) -> Scores {
    match criteria {
        Ok((weights, threshold)) => score_all(book, weights, *threshold),
        Err(problem) => Scores {
            threshold: 0.0,
            scores: vec![0.0; book.len()],
            verdicts: vec![RowVerdict::Invalid; book.len()],
            problem: Some(problem.clone()),
        },
    }
}

/// Criteria, summary and table.
#[component]
pub fn BookResults(props: &BookResultsProps) -> Html {
    let criteria = weights_and_threshold(&props.model);
    let scores = use_memo((props.book.clone(), criteria.clone()), |(book, criteria)| rescore(book, criteria));
    let scores = Shared(scores);
    let history = use_mut_ref(|| RefCell::new(History::default()));
    let previous = history.borrow().borrow_mut().observe(&props.book.0, &scores.0);
    let moved = use_memo((props.book.clone(), scores.clone(), previous.map(Shared)), |(book, now, before)| {
        before.as_ref().map(|before| moved(book, before, now))
    });
    let summary = use_memo((props.book.clone(), scores.clone()), |(book, scores)| summarise(book, scores));
    let order = Shared(use_memo(
        (props.book.clone(), scores.clone(), props.options.clone()),
        |(book, scores, options)| view(book, scores, options),
    ));
    let weights = criteria.as_ref().map(|(w, _)| w.clone()).unwrap_or_default();
    let shown = props.selected.and_then(|row| detail(&props.book, &scores, &weights, row));
    let evaluation = evaluate(&props.model);
    let onexport = {
        let (book, scores, name) = (props.book.clone(), scores.clone(), props.name.clone());
        Callback::from(move |()| {
            if let Ok(bytes) = export_csv(&book, &scores) {
                let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
                let file = format!("{}-scored.csv", if stem.starts_with("the ") { "book" } else { stem });
                web::download(&file, "text/csv", &String::from_utf8_lossy(&bytes));
            }
        })
    };
    let d = props.ondispatch.clone();
    html! {
        <>
            <div class="book-grid">
                <div class="book-criteria">
                    <WeightsPanel model={props.model.clone()} evaluation={evaluation.clone()} locked={props.locked} onaction={props.onaction.clone()} />
                    <ThresholdField threshold={props.model.threshold.clone()} problems={evaluation.problems.clone()} locked={props.locked} onaction={props.onaction.clone()} />
                </div>
                <BookSummary summary={Rc::clone(&summary)} moved={(*moved).clone()} problem={scores.problem.clone().map(AttrValue::from)} />
            </div>
            <section class="card book-accounts" aria-labelledby="book-accounts-title">
                <h2 id="book-accounts-title">{ "Accounts, ranked" }</h2>
                <p class="help">{ "Sort by any column with its header; press an id (or Enter on it) for the account's breakdown." }</p>
                <TableControls filter={props.options.filter} search={AttrValue::from(props.options.search.clone())}
                    shown={order.len()} total={props.book.len()} onfilter={d.reform(BookAction::Filter)}
                    onsearch={d.reform(BookAction::Search)} {onexport} />
                <BookTable book={props.book.clone()} scores={scores.clone()} order={order.clone()}
                    sort={(props.options.sort, props.options.descending)} selected={props.selected}
                    onsort={d.reform(BookAction::Sort)} onselect={d.reform(|row| BookAction::Select(Some(row)))} />
                if let Some(detail) = shown {
                    <AccountDetail {detail} onclose={d.reform(|()| BookAction::Select(None))} />
                }
            </section>
        </>
    }
}
