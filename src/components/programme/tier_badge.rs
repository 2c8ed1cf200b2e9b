//! A tier as a coloured word, with the tier in `data-tier` for tests and CSS.

use yew::prelude::*;

use crate::model::programme::words::{tier_label, tier_word};
use crate::model::programme::Tier;

/// Props of [`TierBadge`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct TierBadgeProps {
    /// The tier; `None` shows "n/a" with `data-tier="na"`.
    pub tier: Option<Tier>,
    /// The test hook, when this badge is one.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// `Great`, `World class`, `Below good` or `n/a`, coloured by tier.
///
/// `data-tier` is `below`, `good`, `great`, `world-class`, or `na` when
/// there is no tier (conversion or overall with no closed-won figures, or no
/// team result while an input has a problem).
#[component]
pub fn TierBadge(props: &TierBadgeProps) -> Html {
    let word = tier_word(props.tier);
    html! {
        <span class={classes!("tier", format!("tier-{word}"))} data-testid={props.testid.clone()} data-tier={word}>
            { tier_label(props.tier) }
        </span>
    }
}
