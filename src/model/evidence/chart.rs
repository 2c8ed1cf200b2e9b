//! The sweep chart as a view model: every coordinate and label the SVG needs,
//! in pixels for a given size, and the rows of the data table behind it (for
//! the keyboard and screen readers). The component only draws.
//!
//! Layout: thresholds 0-100 run left to right; conversion and won captured
//! share the right-hand percent axis (0-100%); the qualified count has the
//! left-hand axis (0 to a round number at or above the largest count). The
//! conversion bands of the benchmark table lie behind, on the percent axis.

use crate::model::core::format::grouped;
use crate::model::evidence::sweep::Sweep;
use crate::model::evidence::view::rate;
use crate::model::programme::words::range;
use crate::model::programme::{Band, Tier};

/// Space for the axes' labels, in pixels: left, right, top, bottom.
pub const MARGINS: (f64, f64, f64, f64) = (44.0, 44.0, 10.0, 28.0);

/// The smallest chart drawn, in pixels; smaller sizes are raised to it.
pub const MIN_SIZE: (f64, f64) = (160.0, 100.0);

/// A tick on an axis: where (pixels along the axis) and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// x for the threshold axis, y for the others, in pixels.
    pub position: f64,
    /// `70`, `25%`, `1,200`.
    pub label: String,
}

/// One line of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// `qualified`, `conversion` or `captured` (CSS class and test hook).
    pub key: &'static str,
    /// Legend text.
    pub label: &'static str,
    /// The SVG path (`d` attribute): `M` starts a piece, `L` continues it; a
    /// threshold with no value (nothing qualifies) breaks the line.
    pub path: String,
}

/// A benchmark band behind the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct BandRect {
    /// The tier.
    pub tier: Tier,
    /// CSS word: `below`, `good`, `great`, `world-class`.
    pub word: &'static str,
    /// Left edge, pixels.
    pub x: f64,
    /// Top edge, pixels.
    pub y: f64,
    /// Width, pixels.
    pub width: f64,
    /// Height, pixels (0 when the band is empty).
    pub height: f64,
    /// `Great: 30-40%`.
    pub label: String,
}

/// A vertical mark at a threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// The threshold, 0-100.
    pub threshold: f64,
    /// x in pixels.
    pub x: f64,
    /// `Current threshold: 70`.
    pub label: String,
}

/// Everything the sweep chart draws.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartView {
    /// Width of the SVG, pixels (`viewBox` width).
    pub width: f64,
    /// Height of the SVG, pixels.
    pub height: f64,
    /// Plot area: left, top, right, bottom edges in pixels.
    pub plot: (f64, f64, f64, f64),
    /// Qualified, conversion, captured.
    pub series: Vec<Series>,
    /// The conversion bands, below good first (empty without a benchmark).
    pub bands: Vec<BandRect>,
    /// The current threshold.
    pub current: Mark,
    /// The suggested threshold, if any.
    pub suggested: Option<Mark>,
    /// Threshold axis: 0, 10, ..., 100.
    pub threshold_ticks: Vec<Tick>,
    /// Left axis: qualified count.
    pub count_ticks: Vec<Tick>,
    /// Right axis: 0%, 25%, ..., 100%.
    pub percent_ticks: Vec<Tick>,
    /// One sentence for screen readers (the SVG's accessible name).
    pub summary: String,
}

/// A pixel coordinate as SVG text: one decimal is finer than a pixel.
fn px(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

/// A round count axis: the smallest step of 1, 2 or 5 x 10^k giving at most
/// five steps, and the top of the axis (a whole number of steps, at least one).
fn count_axis(max: usize) -> (usize, usize) {
    let mut base = 1usize;
    loop {
        for step in [base, base.saturating_mul(2), base.saturating_mul(5)] {
            if max.div_ceil(step) <= 5 || step == usize::MAX {
                return (step, step.saturating_mul(max.div_ceil(step).max(1)));
            }
        }
        base = base.saturating_mul(10);
    }
}

/// The plot area in pixels and the count axis's top: where a threshold, a
/// percentage or a count is drawn.
struct Frame {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
    count_step: usize,
    count_top: usize,
}

impl Frame {
    fn x(&self, t: f64) -> f64 {
        self.left + t.clamp(0.0, 100.0) / 100.0 * (self.right - self.left)
    }

    fn y_percent(&self, v: f64) -> f64 {
        self.bottom - v.clamp(0.0, 100.0) / 100.0 * (self.bottom - self.top)
    }

    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    fn y_count(&self, c: usize) -> f64 {
        self.bottom - c as f64 / self.count_top as f64 * (self.bottom - self.top)
    }

    /// An SVG path through `value` at each whole threshold, broken where it is `None`.
    fn path(&self, value: &dyn Fn(u8) -> Option<f64>) -> String {
        let mut d = String::new();
        let mut drawing = false;
        for t in 0..=100u8 {
            let Some(y) = value(t) else {
                drawing = false;
                continue;
            };
            d.push_str(if drawing {
                " L"
            } else if d.is_empty() {
                "M"
            } else {
                " M"
            });
            d.push_str(&format!("{},{}", px(self.x(f64::from(t))), px(y)));
            drawing = true;
        }
        d
    }

    fn series(&self, sweep: &Sweep) -> Vec<Series> {
        vec![
            Series {
                key: "qualified",
                label: "Qualified accounts",
                path: self.path(&|t| Some(self.y_count(sweep.at(t).qualified))),
            },
            Series {
                key: "conversion",
                label: "Conversion among qualified",
                path: self.path(&|t| sweep.conversion(t).map(|v| self.y_percent(v))),
            },
            Series {
                key: "captured",
                label: "Won captured",
                path: self.path(&|t| sweep.captured(t).map(|v| self.y_percent(v))),
            },
        ]
    }

    /// The conversion band's tiers as rectangles across the plot.
    fn bands(&self, band: &Band) -> Vec<BandRect> {
        let clean = |v: f64| if v.is_finite() { v.clamp(0.0, 100.0) } else { 0.0 };
        let good = clean(band.good);
        let great = clean(band.great).max(good);
        let world = clean(band.world_class).max(great);
        [
            (Tier::Below, 0.0, good),
            (Tier::Good, good, great),
            (Tier::Great, great, world),
            (Tier::WorldClass, world, 100.0),
        ]
        .iter()
        .map(|&(tier, low, high)| BandRect {
            tier,
            word: tier.word(),
            x: self.left,
            y: self.y_percent(high),
            width: self.right - self.left,
            height: self.y_percent(low) - self.y_percent(high),
            label: format!(
                "{}: {}",
                tier.label(),
                range(band.lower_bound(tier), band.upper_bound(tier), true, tier)
            ),
        })
        .collect()
    }

    /// The ticks of the threshold, count and percentage axes.
    fn ticks(&self) -> [Vec<Tick>; 3] {
        let threshold = (0..=10u8)
            .map(|i| Tick {
                position: self.x(f64::from(i) * 10.0),
                label: (u16::from(i) * 10).to_string(),
            })
            .collect();
        let step = self.count_step;
        let count = (0..=self.count_top / step)
            .map(|i| Tick {
                position: self.y_count(i * step),
                label: grouped(u64::try_from(i * step).unwrap_or(u64::MAX)),
            })
            .collect();
        let percent = (0..=4u8)
            .map(|i| Tick {
                position: self.y_percent(f64::from(i) * 25.0),
                label: format!("{}%", u16::from(i) * 25),
            })
            .collect();
        [threshold, count, percent]
    }
}

/// The chart of `sweep` at `width` x `height` pixels, with the `current`
/// threshold, the `suggested` one and the conversion `band` of the book's
/// segment (or internal targets), if any.
#[must_use]
pub fn chart(sweep: &Sweep, current: f64, suggested: Option<u8>, band: Option<&Band>, width: f64, height: f64) -> ChartView {
    let width = if width.is_finite() { width.max(MIN_SIZE.0) } else { MIN_SIZE.0 };
    let height = if height.is_finite() { height.max(MIN_SIZE.1) } else { MIN_SIZE.1 };
    let (ml, mr, mt, mb) = MARGINS;
    let (count_step, count_top) = count_axis(sweep.max_qualified());
    let frame = Frame {
        left: ml,
        top: mt,
        right: width - mr,
        bottom: height - mb,
        count_step,
        count_top,
    };
    let current = if current.is_finite() { current.clamp(0.0, 100.0) } else { 0.0 };
    let [threshold_ticks, count_ticks, percent_ticks] = frame.ticks();
    ChartView {
        width,
        height,
        plot: (frame.left, frame.top, frame.right, frame.bottom),
        series: frame.series(sweep),
        bands: band.map_or_else(Vec::new, |band| frame.bands(band)),
        current: Mark {
            threshold: current,
            x: frame.x(current),
            label: format!("Current threshold: {}", crate::model::core::number::plain(current)),
        },
        suggested: suggested.map(|t| Mark {
            threshold: f64::from(t),
            x: frame.x(f64::from(t)),
            label: format!("Suggested threshold: {t}"),
        }),
        threshold_ticks,
        count_ticks,
        percent_ticks,
        summary: summary(sweep, current, suggested),
    }
}

/// The chart in words, for a screen reader.
fn summary(sweep: &Sweep, current: f64, suggested: Option<u8>) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0..=100
    let at = sweep.at(current.floor() as u8);
    let mut summary = format!(
        "Threshold sweep from 0 to 100. At threshold {}: {} qualified, conversion {}, won captured {}.",
        at.threshold,
        at.qualified,
        rate(sweep.conversion(at.threshold)),
        rate(sweep.captured(at.threshold))
    );
    if let Some(t) = suggested {
        summary.push_str(&format!(" Suggested threshold: {t}."));
    }
    summary
}

/// One row of the data table behind the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SweepRow {
    /// `70`.
    pub threshold: String,
    /// `123`.
    pub qualified: String,
    /// `41.3%` or `n/a`.
    pub conversion: String,
    /// `55.0%` or `n/a`.
    pub captured: String,
    /// The row of the current threshold (the highest whole threshold at or below it).
    pub current: bool,
    /// The row of the suggested threshold.
    pub suggested: bool,
}

/// The 101 rows of the data table, threshold 0 first.
#[must_use]
pub fn table_rows(sweep: &Sweep, current: f64, suggested: Option<u8>) -> Vec<SweepRow> {
    let current_row = if current.is_finite() {
        crate::model::evidence::sweep::highest_reached(current.clamp(0.0, 100.0))
    } else {
        None
    };
    (0..=100u8)
        .map(|t| SweepRow {
            threshold: t.to_string(),
            qualified: sweep.at(t).qualified.to_string(),
            conversion: rate(sweep.conversion(t)),
            captured: rate(sweep.captured(t)),
            current: current_row == Some(t),
            suggested: suggested == Some(t),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_axes_are_round() {
        assert_eq!(count_axis(0), (1, 1));
        assert_eq!(count_axis(3), (1, 3));
        assert_eq!(count_axis(5), (1, 5));
        assert_eq!(count_axis(6), (2, 6));
        assert_eq!(count_axis(11), (5, 15));
        assert_eq!(count_axis(24), (5, 25));
        assert_eq!(count_axis(26), (10, 30));
        assert_eq!(count_axis(99), (20, 100));
        assert_eq!(count_axis(101), (50, 150));
        assert_eq!(count_axis(422), (100, 500));
        assert_eq!(count_axis(3000), (1000, 3000));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
