//! One account in the table.

use yew::prelude::*;

use crate::model::book::Book;
use crate::model::book::{Scores, Shared};
use crate::model::core::format::one_decimal;
use crate::model::core::weighting::VerdictKind;

/// Props of [`BookRow`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BookRowProps {
    /// The book.
    pub book: Shared<Book>,
    /// Its scores.
    pub scores: Shared<Scores>,
    /// Position in the shown list (0-based).
    pub position: usize,
    /// The account (book row).
    pub row: usize,
    /// Shown in detail now.
    pub selected: bool,
    /// Receives the account to show in detail.
    pub onselect: Callback<usize>,
}

/// A `<tr>` of fixed height; the id is a button that opens the detail.
#[component]
pub fn BookRow(props: &BookRowProps) -> Html {
    let (book, row) = (&props.book, props.row);
    let verdict = props.scores.verdicts.get(row).copied().unwrap_or(VerdictKind::Invalid);
    let score = props.scores.scores.get(row).copied().filter(|_| verdict != VerdictKind::Invalid);
    let onclick = props.onselect.reform(move |_: MouseEvent| row);
    let id = book.id(row).to_owned();
    html! {
        <tr class={classes!("row", (props.position % 2 == 1).then_some("odd"), props.selected.then_some("selected"), format!("v-{}", verdict.word()))}
            data-testid="book-row" data-id={id.clone()} aria-rowindex={(props.position + 2).to_string()} {onclick}>
            <td class="c-rank">{ props.position + 1 }</td>
            <td class="c-id"><button type="button" class="book-open" aria-label={format!("Details of {id}")}
                aria-pressed={props.selected.to_string()}><span class="clip">{ id.clone() }</span></button></td>
            <td class="c-num c-score" data-testid="row-score">{ one_decimal(score) }</td>
            <td class="c-verdict" data-verdict={verdict.word()}>{ book.verdict_label(verdict) }</td>
            <td class="c-name"><span class="clip" title={book.name(row).to_owned()}>{ book.name(row) }</span></td>
            <td class="c-owner"><span class="clip" title={book.owner(row).to_owned()}>{ book.owner(row) }</span></td>
            <td class="c-seg"><span class="clip">{ book.segment(row) }</span></td>
            for value in book.component_scores(row) {
                <td class="c-num">{ one_decimal(Some(*value)) }</td>
            }
        </tr>
    }
}
