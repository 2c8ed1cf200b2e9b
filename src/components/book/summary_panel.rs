//! The book in figures: CSQLs and their share, the other verdicts, CSQLs per
//! owner, the histogram and what moved with the last change.

use yew::prelude::*;

use crate::model::book::unmapped::Unmapped;
use crate::model::book::{BookEvent, Moved, Summary};
use crate::model::core::format::percent;

use super::{MovedList, ScoreHistogram};

/// Owners listed before "and N more".
const OWNERS_SHOWN: usize = 12;

/// Props of [`BookSummary`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BookSummaryProps {
    /// Figures of the scored book.
    pub summary: std::rc::Rc<Summary>,
    /// What moved since the baseline, if it can be compared.
    pub moved: Option<Moved>,
    /// The baseline was pinned by the user (else: the book as loaded).
    pub pinned: bool,
    /// Receives pin, unpin and export of the movers.
    pub ondispatch: Callback<BookEvent>,
    /// Why the book cannot be scored (weights or threshold), if so.
    pub problem: Option<AttrValue>,
    /// The model's signals with no column in the file, if any.
    #[prop_or_default]
    pub unmapped: Option<std::rc::Rc<Unmapped>>,
    /// Removes signals from the model (`None` on a locked page).
    #[prop_or_default]
    pub onremove: Option<Callback<Vec<(String, String)>>>,
}

/// The summary card.
#[component]
pub fn BookSummary(props: &BookSummaryProps) -> Html {
    let s = &props.summary;
    let more = s.per_owner.len().saturating_sub(OWNERS_SHOWN);
    html! {
        <section class="card book-summary" aria-labelledby="book-summary-title">
            <h2 id="book-summary-title">{ "Summary" }</h2>
            if let Some(problem) = &props.problem {
                <p class="field-error" role="alert">{ format!("Cannot score the book: {problem}.") }</p>
            }
            <p class="book-headline" aria-live="polite">
                <strong data-testid="csql-count">{ s.csqls }</strong>
                { s.count_words() }{ " " }
                <span data-testid="csql-share">{ format!("({})", percent(s.csql_share)) }</span>
            </p>
            if let Some(note) = s.count_note() {
                <p class="book-count-note" data-testid="count-note">{ note }</p>
            }
            <p class="help">{ s.others() }</p>
            if !s.missing_components.is_empty() {
                <p class="help">{ format!("No column feeds {}: it scores 0 for every account.", s.missing_components.join(", ")) }</p>
            }
            if let Some(unmapped) = &props.unmapped {
                <div class="book-unmapped">
                    <p class="book-count-note" data-testid="unmapped-signals">{ unmapped.sentence() }</p>
                    if let (Some(onremove), true) = (&props.onremove, unmapped.removable()) {
                        <button type="button" data-testid="remove-unmapped" onclick={
                            let (onremove, keys) = (onremove.clone(), unmapped.keys.clone());
                            move |_| onremove.emit(keys.clone())
                        }>{ unmapped.remove_label() }</button>
                    }
                </div>
            }
            if let Some(optional) = s.optional_unassessed() {
                <p class="help">{ optional }</p>
            }
            <ScoreHistogram histogram={s.histogram.clone()} />
            <MovedList moved={props.moved.clone()} pinned={props.pinned} ondispatch={props.ondispatch.clone()} />
            <h3 id="book-owners-title">{ "CSQLs per owner" }</h3>
            <table class="breakdown book-owners" aria-labelledby="book-owners-title">
                <thead><tr><th scope="col">{ "Owner" }</th><th scope="col">{ "CSQLs" }</th><th scope="col">{ "Accounts" }</th></tr></thead>
                <tbody>
                    for owner in s.per_owner.iter().take(OWNERS_SHOWN) {
                        <tr key={owner.owner.clone()}>
                            <td>{ if owner.owner.is_empty() { "(no owner)".to_owned() } else { owner.owner.clone() } }</td>
                            <td>{ owner.csqls }</td>
                            <td>{ owner.accounts }</td>
                        </tr>
                    }
                </tbody>
            </table>
            if more > 0 { <p class="help">{ format!("and {more} more owners.") }</p> }
        </section>
    }
}
