//! The team's acceptance and conversion rates, with the conversion tier.

use yew::prelude::*;

use crate::model::programme::format::{acceptance_working, conversion_working, percent};
use crate::model::programme::{Band, Metrics};

use super::band_legend::BandLegend;
use super::bullet_chart::BulletChart;
use super::tier_badge::TierBadge;

/// Props of [`RatesSection`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct RatesSectionProps {
    /// The team's metrics; `None` while an input has a problem.
    pub team: Option<Metrics>,
    /// The team segment's conversion bands.
    pub band: Band,
}

/// Acceptance (submitted to accepted) and conversion (accepted to won).
#[component]
pub fn RatesSection(props: &RatesSectionProps) -> Html {
    let team = props.team.as_ref();
    let pending = || "n/a until the inputs marked in red are fixed.".to_owned();
    let conversion = team.and_then(|t| t.conversion_rate);
    html! {
        <section class="card programme-section" id="programme-rates" data-section="rates" aria-labelledby="rates-title">
            <h2 id="rates-title">{ "Acceptance and conversion" }</h2>
            <div class="rates">
                <div class="rate">
                    <h3>{ "Acceptance rate" }</h3>
                    <p class="figure"><span class="figure-value" data-testid="acceptance-rate">{ percent(team.and_then(|t| t.acceptance_rate)) }</span></p>
                    <p class="help">{ team.map_or_else(pending, acceptance_working) }</p>
                </div>
                <div class="rate">
                    <h3>{ "Conversion rate" }</h3>
                    <p class="figure">
                        <span class="figure-value" data-testid="conversion-rate">{ percent(conversion) }</span>
                        <TierBadge tier={team.and_then(|t| t.rating.conversion)} testid="tier-conversion" />
                    </p>
                    <p class="help">{ team.map_or_else(pending, conversion_working) }</p>
                </div>
            </div>
            <BulletChart value={conversion} band={props.band} percent=true label="Team conversion rate" />
            <BandLegend band={props.band} percent=true />
        </section>
    }
}
