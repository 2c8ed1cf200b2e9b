//! One row of the CSM grid: a CSM's (or the team's) counts, each box with its problem.

use yew::prelude::*;

use crate::model::programme::{CsmRow, ProgrammeEvent, ProgrammeProblem, RowField, Segment};

use super::choice::Choice;
use crate::components::TextField;

/// Props of [`CsmRowFields`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CsmRowFieldsProps {
    /// The row's place in the grid, from 0.
    pub index: usize,
    /// The row as typed.
    pub row: CsmRow,
    /// The team's segment, named in the "same as team" option.
    pub team_segment: Segment,
    /// Current problems; this row's are shown in their cells.
    pub problems: Vec<ProgrammeProblem>,
    /// Whether the row can be removed (the last one cannot).
    pub removable: bool,
    /// Receives the row's actions.
    pub onaction: Callback<ProgrammeEvent>,
}

/// A table row of labelled boxes, a segment choice and a remove button.
#[component]
pub fn CsmRowFields(props: &CsmRowFieldsProps) -> Html {
    let index = props.index;
    let who = props.row.display_name(index);
    let cell = |field: RowField| {
        let error = field
            .problem_field(index)
            .and_then(|f| props.problems.iter().find(|p| p.field == f))
            .map(|p| AttrValue::from(p.message.clone()));
        let label = if field == RowField::Name {
            format!("Name of CSM {}", index + 1)
        } else {
            format!("{}, {who}", field.label())
        };
        let inputmode = match field {
            RowField::Name => "text",
            RowField::PipelineValue | RowField::WonValue => "decimal",
            _ => "numeric",
        };
        html! {
            <td class={format!("cell-{}", field.key())}>
                // The column heading, shown in the cell where rows stack as cards.
                <span class="cell-heading" aria-hidden="true">{ field.label() }</span>
                <TextField id={format!("csm-{index}-{}", field.key())} {label} hide_label=true
                    value={field.get(&props.row).to_owned()} {error} inputmode={inputmode}
                    oninput={props.onaction.reform(move |text| ProgrammeEvent::SetRowField(index, field, text))} />
            </td>
        }
    };
    let mut segments: Vec<(AttrValue, AttrValue)> = vec![("".into(), format!("Team ({})", props.team_segment.label()).into())];
    segments.extend(Segment::ALL.iter().map(|s| (s.key().into(), s.label().into())));
    let selected = props.row.segment.map_or("", Segment::key);
    html! {
        <tr class={classes!(props.row.team.then_some("team-row"))}>
            for field in RowField::ALL { { cell(field) } }
            <td class="cell-segment">
                <span class="cell-heading" aria-hidden="true">{ "Segment" }</span>
                <Choice id={format!("csm-{index}-segment")} label={format!("Segment, {who}")} hide_label=true
                    options={segments} selected={selected}
                    onchange={props.onaction.reform(move |key| ProgrammeEvent::SetRowSegment(index, key))} />
            </td>
            <td class="cell-remove">
                if props.removable {
                    <button type="button" class="secondary remove-row" data-testid={format!("csm-{index}-remove")}
                        aria-label={format!("Remove {who}")}
                        onclick={props.onaction.reform(move |_| ProgrammeEvent::RemoveRow(index))}>{ "Remove" }</button>
                }
            </td>
        </tr>
    }
}
