//! "Build a model from this file": propose signals from the file's columns,
//! move any column to another component or leave it out, then accept (one
//! undoable edit). Hooks: `model-from-file`, `accept-model-from-file`.

use yew::prelude::*;

use crate::model::book::proposal::{Proposal, ProposalProblem, GROUPS};
use crate::model::book::BookEvent;
use crate::web::select_value;

/// Props of [`ModelFromFile`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ModelFromFileProps {
    /// The proposal under review, or why there is none.
    pub proposal: Option<Result<Proposal, ProposalProblem>>,
    /// Receives propose, move and discard.
    pub ondispatch: Callback<BookEvent>,
    /// Accepts the proposal.
    pub onaccept: Callback<()>,
}

/// The card: a button, then the proposal column by column.
#[component]
pub fn ModelFromFile(props: &ModelFromFileProps) -> Html {
    let d = &props.ondispatch;
    html! {
        <section class="card model-from-file" aria-labelledby="model-from-file-title">
            <h2 id="model-from-file-title">{ "A model from this file" }</h2>
            <p class="help">{ "Proposes a model whose signals are this file's number, percent, yes/no and date columns, each put in a component by its name. Move any column or leave it out before you accept; undo brings back the model you had." }</p>
            {
                match &props.proposal {
                    Some(Ok(proposal)) => html! { <Review proposal={proposal.clone()} ondispatch={d.clone()} onaccept={props.onaccept.clone()} /> },
                    Some(Err(problem)) => html! {
                        <>
                            <p class="field-error" role="alert" data-testid="model-from-file-refused">{ format!("No model can be built: {problem}.") }</p>
                            <button type="button" data-testid="model-from-file" onclick={d.reform(|_| BookEvent::ProposeModel)}>{ "Build a model from this file" }</button>
                        </>
                    },
                    None => html! {
                        <button type="button" data-testid="model-from-file" onclick={d.reform(|_| BookEvent::ProposeModel)}>{ "Build a model from this file" }</button>
                    },
                }
            }
        </section>
    }
}

#[derive(Clone, Debug, PartialEq, Properties)]
struct ReviewProps {
    proposal: Proposal,
    ondispatch: Callback<BookEvent>,
    onaccept: Callback<()>,
}

#[component]
fn Review(props: &ReviewProps) -> Html {
    let d = &props.ondispatch;
    html! {
        <>
            <p data-testid="model-from-file-summary" aria-live="polite">{ props.proposal.summary() }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Proposed signals">
                <table class="profile-table proposal-table">
                    <thead><tr><th scope="col">{ "Column" }</th><th scope="col">{ "Read as" }</th><th scope="col">{ "Component" }</th></tr></thead>
                    <tbody>
                        for (i, column) in props.proposal.columns.iter().enumerate() {
                            <tr key={column.header.clone()} data-column={column.header.clone()}>
                                <th scope="row" class="profile-name">{ column.header.clone() }</th>
                                <td><span class="cell-heading">{ "Read as: " }</span>{ column.reading.clone() }</td>
                                <td>
                                    <select aria-label={format!("Component for {}", column.header)} data-testid={format!("proposed-{i}")}
                                        disabled={column.kind.is_none()}
                                        onchange={d.reform(move |e: Event| BookEvent::MoveProposed(i, select_value(&e).parse().ok()))}>
                                        for (g, name) in GROUPS.iter().enumerate() {
                                            <option value={g.to_string()} selected={column.group == Some(g)}>{ *name }</option>
                                        }
                                        <option value="" selected={column.group.is_none()}>{ "Leave out" }</option>
                                    </select>
                                </td>
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
            <div class="button-row">
                <button type="button" data-testid="accept-model-from-file" disabled={!props.proposal.acceptable()}
                    onclick={props.onaccept.reform(|_| ())}>{ "Use this model" }</button>
                <button type="button" class="secondary" onclick={d.reform(|_| BookEvent::DiscardProposal)}>{ "Cancel" }</button>
            </div>
        </>
    }
}
