//! The grid of CSM rows: counts per CSM, add and remove rows.

use yew::prelude::*;

use crate::model::programme::{CsmRow, ProgrammeEvent, ProgrammeField, ProgrammeProblem, RowField, Segment};

use super::csm_row::CsmRowFields;

/// Props of [`CsmGrid`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CsmGridProps {
    /// The rows as typed.
    pub rows: Vec<CsmRow>,
    /// The team's segment.
    pub team_segment: Segment,
    /// Current problems; each row shows its own.
    pub problems: Vec<ProgrammeProblem>,
    /// Said when a row of team totals stands beside other rows (they add up).
    #[prop_or_default]
    pub rows_add_up: Option<AttrValue>,
    /// Receives the grid's actions.
    pub onaction: Callback<ProgrammeEvent>,
}

/// The CSM rows in a table (a card per row where the card is narrow; a box
/// that scrolls sideways, never the page, if a row is still too wide), with
/// a button to add a CSM.
#[component]
pub fn CsmGrid(props: &CsmGridProps) -> Html {
    let removable = props.rows.len() > 1;
    // Focus moves to the new row's name through the model's Focus effect.
    let onadd = props.onaction.reform(|_| ProgrammeEvent::AddRow);
    let table_problem = props.problems.iter().find(|p| p.field == ProgrammeField::Rows);
    html! {
        <section class="card programme-rows" aria-labelledby="programme-rows-title">
            <h2 id="programme-rows-title">{ "CSQLs by CSM" }</h2>
            <p class="help" id="programme-rows-help">
                { "One row per CSM, or one row for the whole team with the number of CSMs it stands for; \
                   the first CSM you add takes the place of an empty Team row. \
                   Closed won counts the accepted CSQLs that closed won; leave it blank if Sales has not reported it. \
                   Values are optional, in any one currency." }
            </p>
            if let Some(note) = &props.rows_add_up {
                <p class="rows-add-up" role="status" data-testid="rows-add-up">{ note.clone() }</p>
            }
            // Its own name: the section is already a landmark called by the title.
            <div class="table-scroll programme-scroll" tabindex="0" role="region" aria-label="Table of CSM rows">
                <table class="csm-grid" aria-describedby="programme-rows-help">
                    <thead>
                        <tr>
                            for field in RowField::ALL {
                                <th scope="col" class={format!("cell-{}", field.key())}>{ field.label() }</th>
                            }
                            <th scope="col">{ "Segment" }</th>
                            <th scope="col"><span class="visually-hidden">{ "Remove" }</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        for (index, row) in props.rows.iter().enumerate() {
                            <CsmRowFields key={index} {index} row={row.clone()} team_segment={props.team_segment}
                                problems={props.problems.clone()} {removable} onaction={props.onaction.clone()} />
                        }
                    </tbody>
                </table>
            </div>
            if let Some(problem) = table_problem {
                <p class="field-error" role="alert">{ problem.message.clone() }</p>
            }
            <button type="button" class="add" data-testid="add-csm" onclick={onadd}>
                { "Add a CSM" }
            </button>
        </section>
    }
}
