//! The key under a bullet chart: each tier band with its range.

use yew::prelude::*;

use crate::model::programme::words::range;
use crate::model::programme::{Band, Tier};

/// Props of [`BandLegend`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BandLegendProps {
    /// The bands.
    pub band: Band,
    /// Whether the bands are percentages.
    #[prop_or(false)]
    pub percent: bool,
}

/// `Below good under 2 · Good 2-4 · Great 4-7 · World class 7+`, with swatches.
#[component]
pub fn BandLegend(props: &BandLegendProps) -> Html {
    html! {
        <ul class="band-legend">
            for tier in Tier::ALL {
                <li>
                    <span class={format!("swatch band-{}", tier.word())} aria-hidden="true"></span>
                    { format!("{} {}", tier.label(), range(props.band.lower_bound(tier), props.band.upper_bound(tier), props.percent, tier)) }
                </li>
            }
        </ul>
    }
}
