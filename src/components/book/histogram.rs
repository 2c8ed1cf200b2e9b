//! The distribution of scores in 5-point bins, with the threshold drawn as a line.

use yew::prelude::*;

use crate::model::book::Histogram;
use crate::model::format::one_decimal;

/// Props of [`ScoreHistogram`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ScoreHistogramProps {
    /// Counts per bin, their maximum and the threshold.
    pub histogram: Histogram,
}

/// An SVG bar chart, 0-100 across; bars scale to the fullest bin.
#[component]
pub fn ScoreHistogram(props: &ScoreHistogramProps) -> Html {
    let h = &props.histogram;
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let max = h.max.max(1) as f64;
    let threshold = if h.threshold.is_finite() {
        h.threshold.clamp(0.0, 100.0)
    } else {
        0.0
    };
    let label = format!(
        "Histogram of scores in 5-point bins; the dashed line is the threshold, {}.",
        one_decimal(Some(threshold))
    );
    html! {
        <figure class="book-histogram">
            <svg viewBox="0 0 200 100" preserveAspectRatio="none" role="img" aria-label={label.clone()} focusable="false">
                <title>{ label }</title>
                <rect class="track" x="0" y="0" width="200" height="100" />
                for (i, count) in h.counts.iter().enumerate() {
                    {{
                        #[allow(clippy::cast_precision_loss)]
                        let height = *count as f64 / max * 96.0;
                        let x = i * 10;
                        html! {
                            <rect class="bin" x={(x + 1).to_string()} y={format!("{:.2}", 100.0 - height)} width="8" height={format!("{height:.2}")}>
                                <title>{ format!("{}-{}: {count}", i * 5, if i == 19 { 100 } else { i * 5 + 5 }) }</title>
                            </rect>
                        }
                    }}
                }
                <line class="threshold-mark book-threshold" x1={format!("{:.2}", threshold * 2.0)} x2={format!("{:.2}", threshold * 2.0)} y1="0" y2="100" />
            </svg>
            <figcaption class="book-axis"><span>{ "0" }</span><span>{ "score" }</span><span>{ "100" }</span></figcaption>
        </figure>
    }
}
