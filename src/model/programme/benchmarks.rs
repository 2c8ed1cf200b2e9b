//! The benchmark table, tiers, and the geometry of a bullet chart.
//!
//! The reference table gives ranges ("good 2-4, great 4-7, world class 7+").
//! Neighbouring ranges share their boundary, so a [`Band`] stores only the
//! lower bound of each tier and a value on a boundary gets the **higher**
//! tier: 4.0 SMB CSQLs per CSM per quarter is great, 3.99 is good, 2.0 is
//! good and 1.99 is below good.

use serde::{Deserialize, Serialize};

use crate::model::programme::Segment;

/// Where a value stands against the benchmarks, from worst to best.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    /// Below the lower bound of "good".
    Below,
    /// Good.
    Good,
    /// Great.
    Great,
    /// World class.
    WorldClass,
}

impl Tier {
    /// Every tier, worst first.
    pub const ALL: [Tier; 4] = [Tier::Below, Tier::Good, Tier::Great, Tier::WorldClass];

    /// One lowercase word for CSS classes and test hooks: `below`, `good`,
    /// `great`, `world-class`.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Tier::Below => "below",
            Tier::Good => "good",
            Tier::Great => "great",
            Tier::WorldClass => "world-class",
        }
    }

    /// Name shown to the user: `Below good`, `Good`, `Great`, `World class`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Tier::Below => "Below good",
            Tier::Good => "Good",
            Tier::Great => "Great",
            Tier::WorldClass => "World class",
        }
    }

    /// Position from 0 (below) to 3 (world class).
    #[must_use]
    pub fn rank(self) -> u8 {
        match self {
            Tier::Below => 0,
            Tier::Good => 1,
            Tier::Great => 2,
            Tier::WorldClass => 3,
        }
    }
}

/// What a band measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Accepted CSQLs per CSM per quarter.
    Volume,
    /// Conversion rate in percent (closed won / accepted x 100).
    Conversion,
}

impl Measure {
    /// Name shown to the user.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Measure::Volume => "Accepted CSQLs per CSM per quarter",
            Measure::Conversion => "Conversion rate (%)",
        }
    }
}

/// The lower bound of each tier for one measure; each tier runs up to the next.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// Lower bound of "good"; anything less is below good.
    #[serde(with = "crate::model::core::exact")]
    pub good: f64,
    /// Lower bound of "great" (the top of "good").
    #[serde(with = "crate::model::core::exact")]
    pub great: f64,
    /// Lower bound of "world class" (the top of "great").
    #[serde(with = "crate::model::core::exact")]
    pub world_class: f64,
}

impl Band {
    /// A band from its three lower bounds.
    #[must_use]
    pub const fn new(good: f64, great: f64, world_class: f64) -> Self {
        Self { good, great, world_class }
    }

    /// The tier of `value`: the highest tier whose lower bound it reaches, so
    /// a value on a shared boundary gets the higher tier. NaN is below good.
    #[must_use]
    pub fn tier(&self, value: f64) -> Tier {
        let reaches = |bound: f64| crate::model::core::number::reaches(value, bound);
        if reaches(self.world_class) {
            Tier::WorldClass
        } else if reaches(self.great) {
            Tier::Great
        } else if reaches(self.good) {
            Tier::Good
        } else {
            Tier::Below
        }
    }

    /// The lower bound of `tier` (0 for [`Tier::Below`]).
    #[must_use]
    pub fn lower_bound(&self, tier: Tier) -> f64 {
        match tier {
            Tier::Below => 0.0,
            Tier::Good => self.good,
            Tier::Great => self.great,
            Tier::WorldClass => self.world_class,
        }
    }

    /// The upper bound of `tier` (`None` for world class, which has none).
    #[must_use]
    pub fn upper_bound(&self, tier: Tier) -> Option<f64> {
        match tier {
            Tier::Below => Some(self.good),
            Tier::Good => Some(self.great),
            Tier::Great => Some(self.world_class),
            Tier::WorldClass => None,
        }
    }

    /// The bound for `tier` mutably, for an editor of internal targets
    /// (`None` for [`Tier::Below`], which has no bound of its own).
    pub fn bound_mut(&mut self, tier: Tier) -> Option<&mut f64> {
        match tier {
            Tier::Below => None,
            Tier::Good => Some(&mut self.good),
            Tier::Great => Some(&mut self.great),
            Tier::WorldClass => Some(&mut self.world_class),
        }
    }
}

/// The two bands for one segment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentBenchmark {
    /// Accepted CSQLs per CSM per quarter.
    pub volume: Band,
    /// Conversion rate in percent.
    pub conversion: Band,
}

impl SegmentBenchmark {
    /// The band for a measure.
    #[must_use]
    pub fn band(&self, measure: Measure) -> &Band {
        match measure {
            Measure::Volume => &self.volume,
            Measure::Conversion => &self.conversion,
        }
    }

    /// The band for a measure, mutably.
    pub fn band_mut(&mut self, measure: Measure) -> &mut Band {
        match measure {
            Measure::Volume => &mut self.volume,
            Measure::Conversion => &mut self.conversion,
        }
    }
}

/// The benchmark table: the reference by default, replaceable by a team's
/// internal targets. A plain value the page can edit and compare.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Benchmarks {
    /// SMB bands.
    pub smb: SegmentBenchmark,
    /// Mid-Market bands.
    pub mid_market: SegmentBenchmark,
    /// Enterprise bands.
    pub enterprise: SegmentBenchmark,
    /// Where the numbers come from, shown under the table.
    pub source: String,
}

/// Where the default table comes from.
pub const REFERENCE_SOURCE: &str = "Benchmarks from the reference metric card \u{201c}Customer Success Qualified Leads (CSQLs)\u{201d} (also known as CS-Sourced Pipeline): accepted CSQLs per CSM per quarter and CSQL conversion rate, by segment.";

/// The source text to use once a team edits the table.
pub const INTERNAL_SOURCE: &str = "Your internal targets (edited from the reference table).";

impl Default for Benchmarks {
    /// The reference table.
    fn default() -> Self {
        Self {
            smb: SegmentBenchmark {
                volume: Band::new(2.0, 4.0, 7.0),
                conversion: Band::new(20.0, 30.0, 40.0),
            },
            mid_market: SegmentBenchmark {
                volume: Band::new(3.0, 5.0, 8.0),
                conversion: Band::new(25.0, 35.0, 45.0),
            },
            enterprise: SegmentBenchmark {
                volume: Band::new(1.0, 3.0, 5.0),
                conversion: Band::new(30.0, 40.0, 55.0),
            },
            source: REFERENCE_SOURCE.to_owned(),
        }
    }
}

/// A benchmark bound that cannot be used, with a message naming it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenchmarkProblem {
    /// The segment.
    pub segment: Segment,
    /// The measure.
    pub measure: Measure,
    /// The tier whose lower bound is wrong.
    pub tier: Tier,
    /// What is wrong, in words.
    pub message: String,
}

impl Benchmarks {
    /// The bands for a segment.
    #[must_use]
    pub fn for_segment(&self, segment: Segment) -> &SegmentBenchmark {
        match segment {
            Segment::Smb => &self.smb,
            Segment::MidMarket => &self.mid_market,
            Segment::Enterprise => &self.enterprise,
        }
    }

    /// The bands for a segment, mutably (an editor of internal targets
    /// should also set `source`, e.g. to [`INTERNAL_SOURCE`]).
    pub fn for_segment_mut(&mut self, segment: Segment) -> &mut SegmentBenchmark {
        match segment {
            Segment::Smb => &mut self.smb,
            Segment::MidMarket => &mut self.mid_market,
            Segment::Enterprise => &mut self.enterprise,
        }
    }

    /// Whether the bands are the reference table's (the source text aside).
    #[must_use]
    pub fn is_reference(&self) -> bool {
        let reference = Benchmarks::default();
        self.smb == reference.smb && self.mid_market == reference.mid_market && self.enterprise == reference.enterprise
    }

    /// Checks every bound is a finite non-negative number, conversion bounds
    /// are at most 100, and good <= great <= world class. Empty when usable.
    #[must_use]
    pub fn validate(&self) -> Vec<BenchmarkProblem> {
        let mut problems = Vec::new();
        for segment in Segment::ALL {
            for measure in [Measure::Volume, Measure::Conversion] {
                let band = self.for_segment(segment).band(measure);
                let mut problem = |tier: Tier, what: String| {
                    problems.push(BenchmarkProblem {
                        segment,
                        measure,
                        tier,
                        message: format!(
                            "{} {}, {}: {what}",
                            segment.label(),
                            measure_word(measure),
                            tier.label().to_ascii_lowercase()
                        ),
                    });
                };
                let mut all_usable = true;
                for tier in [Tier::Good, Tier::Great, Tier::WorldClass] {
                    let bound = band.lower_bound(tier);
                    if !bound.is_finite() {
                        problem(tier, "enter a number".to_owned());
                        all_usable = false;
                    } else if bound < 0.0 {
                        problem(
                            tier,
                            format!("{} is below the minimum of 0", crate::model::core::number::brief(bound)),
                        );
                        all_usable = false;
                    } else if measure == Measure::Conversion && bound > 100.0 {
                        problem(tier, format!("{}% is above 100%", crate::model::core::number::brief(bound)));
                        all_usable = false;
                    }
                }
                if all_usable {
                    if band.great < band.good {
                        problem(
                            Tier::Great,
                            format!(
                                "starts at {}, below good ({}); good <= great <= world class",
                                crate::model::core::number::brief(band.great),
                                crate::model::core::number::brief(band.good)
                            ),
                        );
                    }
                    if band.world_class < band.great {
                        problem(
                            Tier::WorldClass,
                            format!(
                                "starts at {}, below great ({}); good <= great <= world class",
                                crate::model::core::number::brief(band.world_class),
                                crate::model::core::number::brief(band.great)
                            ),
                        );
                    }
                }
            }
        }
        problems
    }
}

fn measure_word(measure: Measure) -> &'static str {
    match measure {
        Measure::Volume => "volume",
        Measure::Conversion => "conversion",
    }
}

/// One coloured band of a bullet chart, in value units and as fractions of
/// the scale (0 = left edge, 1 = right edge).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BulletBand {
    /// The tier this band shows.
    pub tier: Tier,
    /// Left edge in value units.
    pub start: f64,
    /// Right edge in value units.
    pub end: f64,
    /// Left edge as a fraction of the scale.
    pub start_fraction: f64,
    /// Right edge as a fraction of the scale.
    pub end_fraction: f64,
}

/// Geometry of a bullet chart on a `0..max` scale; the page draws the SVG.
#[derive(Clone, Debug, PartialEq)]
pub struct Bullet {
    /// Right end of the scale in value units (always finite and above 0).
    pub max: f64,
    /// Four bands, below good first, covering `0..max` without gaps.
    pub bands: Vec<BulletBand>,
    /// The value, if there is one (conversion may be n/a).
    pub value: Option<f64>,
    /// Where the value marker goes as a fraction 0..=1 of the scale.
    pub value_fraction: Option<f64>,
    /// The tier of the value.
    pub tier: Option<Tier>,
}

/// Bullet-chart geometry for `value` against `band`.
///
/// The scale runs from 0 to the world-class bound plus the width of the
/// great band (at least 25% beyond world class), stretched to fit the value
/// with 10% room when the value is larger. Negative or non-finite values
/// have no marker.
#[must_use]
pub fn bullet(value: Option<f64>, band: &Band) -> Bullet {
    let clean = |x: f64| if x.is_finite() { x.max(0.0) } else { 0.0 };
    let good = clean(band.good);
    let great = clean(band.great).max(good);
    let world = clean(band.world_class).max(great);
    let value = value.filter(|v| v.is_finite() && *v >= 0.0);
    let mut max = (world + (world - great)).max(world * 1.25);
    if let Some(v) = value {
        if v > max {
            max = v * 1.1;
        }
    }
    if !(max.is_finite() && max > 0.0) {
        max = value.filter(|v| *v > 0.0).map_or(1.0, |v| v * 1.1);
    }
    let fraction = |x: f64| (x / max).clamp(0.0, 1.0);
    let edges = [
        (Tier::Below, 0.0, good),
        (Tier::Good, good, great),
        (Tier::Great, great, world),
        (Tier::WorldClass, world, max),
    ];
    let bands = edges
        .iter()
        .map(|&(tier, start, end)| BulletBand {
            tier,
            start,
            end,
            start_fraction: fraction(start),
            end_fraction: fraction(end),
        })
        .collect();
    Bullet {
        max,
        bands,
        value,
        value_fraction: value.map(fraction),
        tier: value.map(|v| band.tier(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_table_validates_and_is_reference() {
        let table = Benchmarks::default();
        assert!(table.validate().is_empty());
        assert!(table.is_reference());
    }

    #[test]
    fn bullet_scale_extends_past_world_class() {
        let b = bullet(Some(5.0), &Band::new(2.0, 4.0, 7.0));
        assert!((b.max - 10.0).abs() < 1e-12);
        assert_eq!(b.value_fraction, Some(0.5));
        assert_eq!(b.tier, Some(Tier::Great));
    }
}
