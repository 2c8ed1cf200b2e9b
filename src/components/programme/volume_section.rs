//! Accepted CSQLs per CSM per quarter for the team, against its segment's bands.

use yew::prelude::*;

use crate::model::programme::words::{band_summary, per_quarter, volume_working, NO_VALUE};
use crate::model::programme::{Band, Metrics, Segment};

use super::band_legend::BandLegend;
use super::bullet_chart::BulletChart;
use super::tier_badge::TierBadge;

/// Props of [`VolumeSection`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct VolumeSectionProps {
    /// The team's metrics; `None` while an input has a problem.
    pub team: Option<Metrics>,
    /// The period in quarters, when valid.
    pub quarters: Option<f64>,
    /// The team's segment.
    pub segment: Segment,
    /// The segment's volume bands.
    pub band: Band,
    /// Why the figure is n/a while there is no team result.
    pub pending: AttrValue,
}

/// The team's volume, its tier, how it was worked out, and a bullet chart.
#[component]
pub fn VolumeSection(props: &VolumeSectionProps) -> Html {
    let value = props.team.as_ref().map(|t| t.per_csm_per_quarter);
    let working = match (&props.team, props.quarters) {
        (Some(team), Some(quarters)) => volume_working(team, quarters),
        _ => props.pending.to_string(),
    };
    html! {
        <section class="card programme-section" id="programme-volume" data-section="volume" aria-labelledby="volume-title">
            <h2 id="volume-title">{ "Accepted CSQLs per CSM per quarter" }</h2>
            <p class="figure">
                <span class="figure-value" data-testid="per-csm-per-quarter">{ value.map_or_else(|| NO_VALUE.to_owned(), per_quarter) }</span>
                <TierBadge tier={props.team.as_ref().map(|t| t.rating.volume)} testid="tier-volume" />
            </p>
            <p class="help">{ working }</p>
            <BulletChart {value} band={props.band} label="Team accepted CSQLs per CSM per quarter" />
            <BandLegend band={props.band} />
            <p class="help">{ format!("{} benchmark: {}.", props.segment.label(), band_summary(&props.band, false)) }</p>
        </section>
    }
}
