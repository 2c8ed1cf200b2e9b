//! One account's breakdown: component scores, their points, gates missing.

use yew::prelude::*;

use crate::model::book::Detail;
use crate::model::format::one_decimal;

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
            <p class="book-detail-verdict" data-verdict={d.verdict.word()}><strong>{ d.verdict.label() }</strong></p>
            if d.missing_gates.is_empty() {
                <p class="help">{ "No required gate is missing." }</p>
            } else {
                <p data-testid="detail-gates">{ format!("Required gates not met: {}.", d.missing_gates.join(", ")) }</p>
            }
            if !d.unassessed_gates.is_empty() {
                <p class="help">{ format!("Not assessed (no column): {}.", d.unassessed_gates.join(", ")) }</p>
            }
            <h4>{ "Signals in the file" }</h4>
            <table class="breakdown book-inputs">
                <thead><tr><th scope="col">{ "Component" }</th><th scope="col">{ "Signal" }</th><th scope="col">{ "Value" }</th></tr></thead>
                <tbody>
                    for (component, label, value) in &d.inputs {
                        <tr>
                            <td>{ component.clone() }</td>
                            <td>{ label.clone() }</td>
                            <td>{ match value { Some(v) if !v.is_empty() => v.clone(), Some(_) => "blank".to_owned(), None => "no column".to_owned() } }</td>
                        </tr>
                    }
                </tbody>
            </table>
        </section>
    }
}
