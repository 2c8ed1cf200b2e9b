//! One CSM in the coaching table: figures with their tiers and small bullet
//! charts under them, cautions on rates resting on fewer than five.

use yew::prelude::*;

use crate::model::programme::words::{per_quarter, percent};
use crate::model::programme::{Benchmarks, Caution, Metrics};

use super::bullet_chart::BulletChart;
use super::tier_badge::TierBadge;

/// The coaching table's column headings after the CSM's, in order; each cell
/// repeats its own where rows stack as cards.
pub const COLUMNS: [&str; 4] = ["Accepted per CSM per quarter", "Acceptance", "Conversion", "Overall"];

/// Props of [`CoachRow`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CoachRowProps {
    /// The row's place, from 0 (for test hooks).
    pub index: usize,
    /// The name shown ("CSM 2" when blank).
    pub name: AttrValue,
    /// The row's metrics; `None` while one of its inputs has a problem.
    pub metrics: Option<Metrics>,
    /// The benchmark table, for the row's own segment.
    pub benchmarks: Benchmarks,
}

/// A column heading inside a cell, shown (and read) only where rows stack
/// as cards and the table's own headings are hidden.
fn heading(column: usize) -> Html {
    html! { <span class="cell-heading">{ COLUMNS[column] }</span> }
}

/// A rate's caution in a few words (`only 2 accepted`), with its test hook.
fn caution(caution: Option<&Caution>, testid: String) -> Html {
    match caution {
        Some(caution) => html! { <span class="caution-short" data-testid={testid}>{ caution.short.clone() }</span> },
        None => html! {},
    }
}

/// A table row; a row with a problem points back to the grid.
#[component]
pub fn CoachRow(props: &CoachRowProps) -> Html {
    let i = props.index;
    let Some(m) = &props.metrics else {
        return html! {
            <tr class="coach-row-problem">
                <th scope="row">{ props.name.clone() }</th>
                <td colspan="4" data-testid={format!("coach-{i}-problem")}>{ "n/a: fix this row's inputs marked in red above." }</td>
            </tr>
        };
    };
    let bands = props.benchmarks.for_segment(m.segment);
    let small = |c: &Option<Caution>| c.as_ref().map(|_| AttrValue::Static("small"));
    html! {
        <tr>
            <th scope="row">
                <span class="csm-name">{ props.name.clone() }</span>
                <span class="csm-segment">{ m.segment.label() }</span>
            </th>
            <td class="metric">
                { heading(0) }
                <span class="metric-line">
                    <span class="num" data-testid={format!("coach-{i}-per-quarter")}>{ per_quarter(m.per_csm_per_quarter) }</span>
                    <TierBadge tier={Some(m.rating.volume)} testid={AttrValue::from(format!("coach-{i}-tier-volume"))} />
                </span>
                <BulletChart value={Some(m.per_csm_per_quarter)} band={bands.volume} compact=true
                    label={format!("{}, accepted CSQLs per CSM per quarter", props.name)} />
            </td>
            <td class="metric">
                { heading(1) }
                <span class="metric-line">
                    <span class="num" data-testid={format!("coach-{i}-acceptance")} data-sample={small(&m.acceptance_caution)}>
                        { percent(m.acceptance_rate) }
                    </span>
                </span>
                { caution(m.acceptance_caution.as_ref(), format!("coach-{i}-acceptance-caution")) }
            </td>
            <td class="metric">
                { heading(2) }
                <span class="metric-line">
                    <span class="num" data-testid={format!("coach-{i}-conversion")} data-sample={small(&m.conversion_caution)}>
                        { percent(m.conversion_rate) }
                    </span>
                    <TierBadge tier={m.rating.conversion} testid={AttrValue::from(format!("coach-{i}-tier-conversion"))} />
                </span>
                <BulletChart value={m.conversion_rate} band={bands.conversion} compact=true percent=true
                    label={format!("{}, conversion rate", props.name)} />
                { caution(m.conversion_caution.as_ref(), format!("coach-{i}-conversion-caution")) }
            </td>
            <td class="metric">
                { heading(3) }
                <TierBadge tier={m.rating.overall} testid={AttrValue::from(format!("coach-{i}-tier-overall"))} />
            </td>
        </tr>
    }
}
