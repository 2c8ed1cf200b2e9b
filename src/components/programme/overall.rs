//! The team's overall tier: the lower of volume and conversion.

use yew::prelude::*;

use crate::model::programme::Tier;

use super::tier_badge::TierBadge;

/// Props of [`OverallCard`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct OverallCardProps {
    /// The team's overall tier; `None` when there is none (yet).
    pub tier: Option<Tier>,
    /// What the tier is made of, why there is none, or what to enter or fix first.
    pub explanation: AttrValue,
}

/// The overall tier and its explanation, both from the model.
#[component]
pub fn OverallCard(props: &OverallCardProps) -> Html {
    html! {
        <section class={classes!("card", "programme-overall")} aria-labelledby="overall-title">
            <h2 id="overall-title">{ "Team result" }</h2>
            <div aria-live="polite">
                <p class="overall-tier">{ "Overall: " }<TierBadge tier={props.tier} testid="tier-overall" /></p>
                <p class="help" data-testid="overall-explanation">{ props.explanation.clone() }</p>
            </div>
        </section>
    }
}
