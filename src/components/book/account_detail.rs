//! One account's breakdown: component scores, their points, the gates (met,
//! missing, not assessed) and its signals as the file gives them.

use yew::prelude::*;

use crate::model::book::Detail;
use crate::model::core::format::one_decimal;

/// Props of [`AccountDetail`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AccountDetailProps {
    /// The account's detail.
    pub detail: Detail,
    /// Closes the detail.
    pub onclose: Callback<()>,
}

/// A card under the table.
#[component]
pub fn AccountDetail(props: &AccountDetailProps) -> Html {
    let d = &props.detail;
    let title = if d.name.is_empty() {
        d.id.clone()
    } else {
        format!("{} \u{2013} {}", d.id, d.name)
    };
    html! {
        <section class="book-detail" id="account-detail" tabindex="-1" data-testid="account-detail" aria-labelledby="book-detail-title" aria-live="polite">
            <div class="book-detail-head">
                <h3 id="book-detail-title">{ title }</h3>
                <button type="button" class="secondary" onclick={props.onclose.reform(|_| ())}>{ "Close details" }</button>
            </div>
            <table class="breakdown">
                <thead><tr><th scope="col">{ "Component" }</th><th scope="col">{ "Score" }</th><th scope="col">{ "Points" }</th></tr></thead>
                <tbody>
                    for (name, score, points) in &d.parts {
                        <tr><td>{ name.clone() }</td><td>{ one_decimal(Some(*score)) }</td><td>{ one_decimal(*points) }</td></tr>
                    }
                </tbody>
                <tfoot><tr><th scope="row">{ "CSQL score" }</th><td></td><td data-testid="detail-score">{ one_decimal(d.score) }</td></tr></tfoot>
            </table>
            <p class="book-detail-verdict" data-verdict={d.verdict.word()} data-testid="detail-verdict"><strong>{ d.verdict_label }</strong></p>
            if d.missing_gates.is_empty() {
                <p class="help">{ d.gates_line() }</p>
            } else {
                <p data-testid="detail-gates">{ d.gates_line() }</p>
            }
            <h4 id="book-inputs-title">{ "Signals in the file" }</h4>
            <table class="breakdown book-inputs" data-testid="detail-signals" aria-labelledby="book-inputs-title">
                <thead><tr><th scope="col">{ "Signal" }</th><th scope="col" class="num">{ "Value in the file" }</th><th scope="col" class="num">{ "Points" }</th></tr></thead>
                for (component, rows) in d.signal_groups() {
                    <tbody>
                        <tr class="group"><th scope="colgroup" colspan="3">{ component }</th></tr>
                        for row in rows {
                            <tr><td>{ row.label }</td><td class="num">{ row.value }</td><td class="num" data-testid="detail-signal-points">{ row.points }</td></tr>
                        }
                    </tbody>
                }
            </table>
        </section>
    }
}
