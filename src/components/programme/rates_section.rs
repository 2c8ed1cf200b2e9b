//! The team's acceptance and conversion rates, with the conversion tier and,
//! on fewer than five, a caution.

use yew::prelude::*;

use crate::model::programme::words::{acceptance_working, conversion_working, percent};
use crate::model::programme::{Band, Caution, Metrics};

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
    /// Why the rates are n/a while there is no team result.
    pub pending: AttrValue,
}

/// `data-sample="small"` on a rate resting on fewer than five.
fn sample(caution: Option<&Caution>) -> Option<AttrValue> {
    caution.map(|_| AttrValue::Static("small"))
}

/// The caution's sentence under a rate, when it has one.
fn caution_line(caution: Option<&Caution>, testid: &'static str) -> Html {
    match caution {
        Some(caution) => html! { <p class="caution" role="note" data-testid={testid}>{ caution.sentence.clone() }</p> },
        None => html! {},
    }
}

/// Acceptance (submitted to accepted) and conversion (accepted to won).
#[component]
pub fn RatesSection(props: &RatesSectionProps) -> Html {
    let team = props.team.as_ref();
    let pending = || props.pending.to_string();
    let conversion = team.and_then(|t| t.conversion_rate);
    let acceptance_caution = team.and_then(|t| t.acceptance_caution.as_ref());
    let conversion_caution = team.and_then(|t| t.conversion_caution.as_ref());
    html! {
        <section class="card programme-section" id="programme-rates" data-section="rates" aria-labelledby="rates-title">
            <h2 id="rates-title">{ "Acceptance and conversion" }</h2>
            <div class="rates">
                <div class="rate">
                    <h3>{ "Acceptance rate" }</h3>
                    <p class="figure">
                        <span class="figure-value" data-testid="acceptance-rate" data-sample={sample(acceptance_caution)}>
                            { percent(team.and_then(|t| t.acceptance_rate)) }
                        </span>
                    </p>
                    <p class="help">{ team.map_or_else(pending, acceptance_working) }</p>
                    { caution_line(acceptance_caution, "acceptance-caution") }
                </div>
                <div class="rate">
                    <h3>{ "Conversion rate" }</h3>
                    <p class="figure">
                        <span class="figure-value" data-testid="conversion-rate" data-sample={sample(conversion_caution)}>{ percent(conversion) }</span>
                        <TierBadge tier={team.and_then(|t| t.rating.conversion)} testid="tier-conversion" />
                    </p>
                    <p class="help">{ team.map_or_else(pending, conversion_working) }</p>
                    { caution_line(conversion_caution, "conversion-caution") }
                </div>
            </div>
            <BulletChart value={conversion} band={props.band} percent=true label="Team conversion rate" />
            <BandLegend band={props.band} percent=true />
        </section>
    }
}
