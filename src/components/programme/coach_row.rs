//! One CSM in the coaching table: figures, tiers and small bullet charts.

use yew::prelude::*;

use crate::model::programme::format::{per_quarter, percent};
use crate::model::programme::{Benchmarks, Metrics};

use super::bullet_chart::BulletChart;
use super::tier_badge::TierBadge;

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

/// A table row; a row with a problem points back to the grid.
#[component]
pub fn CoachRow(props: &CoachRowProps) -> Html {
    let i = props.index;
    let Some(m) = &props.metrics else {
        return html! {
            <tr class="coach-row-problem">
                <th scope="row">{ props.name.clone() }</th>
                <td colspan="7" data-testid={format!("coach-{i}-problem")}>{ "n/a: fix this row's inputs marked in red above." }</td>
            </tr>
        };
    };
    let bands = props.benchmarks.for_segment(m.segment);
    html! {
        <tr>
            <th scope="row">{ props.name.clone() }</th>
            <td>{ m.segment.label() }</td>
            <td class="num">
                <span data-testid={format!("coach-{i}-per-quarter")}>{ per_quarter(m.per_csm_per_quarter) }</span>
                { " " }<TierBadge tier={Some(m.rating.volume)} testid={AttrValue::from(format!("coach-{i}-tier-volume"))} />
            </td>
            <td class="chart">
                <BulletChart value={Some(m.per_csm_per_quarter)} band={bands.volume} compact=true
                    label={format!("{}, accepted CSQLs per CSM per quarter", props.name)} />
            </td>
            <td class="num" data-testid={format!("coach-{i}-acceptance")}>{ percent(m.acceptance_rate) }</td>
            <td class="num">
                <span data-testid={format!("coach-{i}-conversion")}>{ percent(m.conversion_rate) }</span>
                { " " }<TierBadge tier={m.rating.conversion} testid={AttrValue::from(format!("coach-{i}-tier-conversion"))} />
            </td>
            <td class="chart">
                <BulletChart value={m.conversion_rate} band={bands.conversion} compact=true percent=true
                    label={format!("{}, conversion rate", props.name)} />
            </td>
            <td><TierBadge tier={m.rating.overall} testid={AttrValue::from(format!("coach-{i}-tier-overall"))} /></td>
        </tr>
    }
}
