//! Geometry of the book's histogram, computed here so the component only
//! draws: bars in a 200 x 100 box, the threshold line, and the words.

use crate::model::book::summary::{Histogram, BINS};
use crate::model::core::format::one_decimal;

/// Width of the drawing box in SVG units.
pub const WIDTH: f64 = 200.0;
/// Height of the drawing box in SVG units.
pub const HEIGHT: f64 = 100.0;

/// One bar of the histogram.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// What it counts, in words: `70-75: 12 accounts`.
    pub label: String,
}

/// The histogram as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct HistogramView {
    /// One bar per bin, 0-100 left to right; bars scale to the fullest bin.
    pub bars: Vec<Bar>,
    /// Where the threshold line is drawn.
    pub threshold_x: f64,
    /// The chart in words, for screen readers.
    pub label: String,
}

/// Lays out a histogram.
#[must_use]
pub fn histogram(h: &Histogram) -> HistogramView {
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let max = h.max.max(1) as f64;
    let threshold = if h.threshold.is_finite() {
        h.threshold.clamp(0.0, 100.0)
    } else {
        0.0
    };
    let slot = WIDTH / BINS as f64;
    let bars = h
        .counts
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            #[allow(clippy::cast_precision_loss)]
            let height = count as f64 / max * (HEIGHT - 4.0);
            #[allow(clippy::cast_precision_loss)]
            let x = i as f64 * slot + 1.0;
            let upper = if i + 1 == BINS { 100 } else { i * 5 + 5 };
            Bar {
                x,
                y: HEIGHT - height,
                width: slot - 2.0,
                height,
                label: format!(
                    "{}-{upper}: {}",
                    i * 5,
                    crate::model::core::format::count(count, "account", "accounts")
                ),
            }
        })
        .collect();
    HistogramView {
        bars,
        threshold_x: threshold / 100.0 * WIDTH,
        label: format!(
            "Histogram of scores in 5-point bins; the dashed line is the threshold, {}.",
            one_decimal(Some(threshold))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_fullest_bin_and_the_threshold_sits_in_place() {
        let mut counts = [0; BINS];
        counts[0] = 2;
        counts[19] = 4;
        let view = histogram(&Histogram {
            counts,
            max: 4,
            threshold: 70.0,
        });
        // Fullest bin: 96 units tall, from y = 4; half as full: 48 tall.
        assert_eq!((view.bars[19].y, view.bars[19].height), (4.0, 96.0));
        assert_eq!((view.bars[0].y, view.bars[0].height), (52.0, 48.0));
        // 20 slots of 10 units, a unit of gap each side.
        assert_eq!((view.bars[19].x, view.bars[19].width), (191.0, 8.0));
        assert_eq!(view.bars[19].label, "95-100: 4 accounts");
        assert_eq!(view.threshold_x, 140.0);
        // An empty book draws nothing tall and no NaN.
        let empty = histogram(&Histogram {
            counts: [0; BINS],
            max: 0,
            threshold: f64::NAN,
        });
        assert!(empty.bars.iter().all(|b| b.height == 0.0 && b.y == 100.0));
        assert_eq!(empty.threshold_x, 0.0);
    }
}
