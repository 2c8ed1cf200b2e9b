//! The distribution of scores in 5-point bins, with the threshold drawn as a line.

use yew::prelude::*;

use crate::model::book::chart::{histogram, HEIGHT, WIDTH};
use crate::model::book::Histogram;

/// Props of [`ScoreHistogram`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ScoreHistogramProps {
    /// Counts per bin, their maximum and the threshold.
    pub histogram: Histogram,
}

/// An SVG bar chart, 0-100 across; the geometry comes from the model.
#[component]
pub fn ScoreHistogram(props: &ScoreHistogramProps) -> Html {
    let view = histogram(&props.histogram);
    html! {
        <figure class="book-histogram">
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="none" role="img" aria-label={view.label.clone()} focusable="false">
                <title>{ view.label.clone() }</title>
                <rect class="track" x="0" y="0" width={WIDTH.to_string()} height={HEIGHT.to_string()} />
                for bar in &view.bars {
                    <rect class="bin" x={format!("{:.2}", bar.x)} y={format!("{:.2}", bar.y)} width={format!("{:.2}", bar.width)} height={format!("{:.2}", bar.height)}>
                        <title>{ bar.label.clone() }</title>
                    </rect>
                }
                <line class="threshold-mark book-threshold" x1={format!("{:.2}", view.threshold_x)} x2={format!("{:.2}", view.threshold_x)} y1="0" y2={HEIGHT.to_string()} />
            </svg>
            <figcaption class="book-axis"><span>{ "0" }</span><span>{ "score" }</span><span>{ "100" }</span></figcaption>
        </figure>
    }
}
