//! A bullet chart: a value as a bar over the tier bands of one measure.

use yew::prelude::*;

use crate::model::programme::words::{band_summary, one_decimal};
use crate::model::programme::{bullet, Band};

/// Props of [`BulletChart`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BulletChartProps {
    /// The value; `None` draws the bands alone.
    pub value: Option<f64>,
    /// The tier bands to draw.
    pub band: Band,
    /// What is measured, for the chart's spoken label ("Team volume").
    pub label: AttrValue,
    /// Whether the value is a percentage.
    #[prop_or(false)]
    pub percent: bool,
    /// A smaller chart for table cells.
    #[prop_or(false)]
    pub compact: bool,
}

/// An SVG bullet chart; colours come from CSS classes, positions from the model.
#[component]
pub fn BulletChart(props: &BulletChartProps) -> Html {
    let chart = bullet(props.value, &props.band);
    let unit = if props.percent { "%" } else { "" };
    let spoken = match chart.value {
        Some(v) => format!(
            "{}: {}{unit} against {}",
            props.label,
            one_decimal(v),
            band_summary(&props.band, props.percent)
        ),
        None => format!("{}: n/a against {}", props.label, band_summary(&props.band, props.percent)),
    };
    let at = |fraction: f64| format!("{:.2}", fraction * 100.0);
    html! {
        <svg class={classes!("bullet", props.compact.then_some("compact"))} viewBox="0 0 100 16"
            preserveAspectRatio="none" role="img" aria-label={spoken}>
            for band in chart.bands.iter().filter(|b| b.end_fraction > b.start_fraction) {
                <rect class={format!("band band-{}", band.tier.word())} x={at(band.start_fraction)} y="0"
                    width={at(band.end_fraction - band.start_fraction)} height="16" />
            }
            if let Some(fraction) = chart.value_fraction {
                <rect class="bullet-bar" x="0" y="5.5" width={at(fraction)} height="5" />
                <rect class="bullet-mark" x={at((fraction - 0.006).max(0.0))} y="1.5" width="1.2" height="13" />
            }
        </svg>
    }
}
