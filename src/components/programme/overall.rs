//! The team's overall tier: the lower of volume and conversion.

use yew::prelude::*;

use crate::model::programme::format::tier_label;
use crate::model::programme::Metrics;

use super::tier_badge::TierBadge;

/// Props of [`OverallCard`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct OverallCardProps {
    /// The team's metrics; `None` while an input has a problem.
    pub team: Option<Metrics>,
}

/// The overall tier, what it is made of, or what stops it.
#[component]
pub fn OverallCard(props: &OverallCardProps) -> Html {
    let (tier, explanation) = match &props.team {
        Some(team) => {
            let rating = &team.rating;
            let text = match &rating.note {
                Some(note) if rating.overall.is_none() => note.clone(),
                _ => format!(
                    "The lower of volume ({}) and conversion ({}), against the {} benchmarks.",
                    tier_label(Some(rating.volume)),
                    tier_label(rating.conversion),
                    team.segment.label()
                ),
            };
            (rating.overall, text)
        }
        None => (None, "Fix the inputs marked in red to see the team's result.".to_owned()),
    };
    html! {
        <section class={classes!("card", "programme-overall")} aria-labelledby="overall-title">
            <h2 id="overall-title">{ "Team result" }</h2>
            <div aria-live="polite">
                <p class="overall-tier">{ "Overall: " }<TierBadge tier={tier} testid="tier-overall" /></p>
                <p class="help">{ explanation }</p>
            </div>
        </section>
    }
}
