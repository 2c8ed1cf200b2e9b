//! A sample book of accounts, generated from a seed, so the page can show the
//! feature before anyone uploads a file.
//!
//! The generator uses its own tiny PRNG ([`SplitMix64`]) rather than the `rand`
//! crate: the same seed must give the same bytes on every platform and in every
//! future build (the `rand` crates do not promise stable streams across
//! versions), and the WebAssembly bundle stays small. Only `+`, `-`, `*`, `/`
//! and comparisons touch floats (no library `exp`, `ln`, `sqrt` or `cos`,
//! whose last bits may differ between platforms; the one exponential is
//! [`exp_portable`], built from those operations), so the output is
//! bit-for-bit reproducible.
//!
//! **Closed-won follows a hidden model**, so that fitting weights to the
//! sample's outcomes has a known right answer: an accepted account closes won
//! with chance `1 / (1 + exp(-z))`, `z = HIDDEN_INTERCEPT + HIDDEN_SLOPE x
//! (30% Engagement + 10% Fit + 60% Intent)`, the component scores being those
//! the default model gives the account's signals ([`hidden_win_chance`]).
//! Nothing else about the account (its hidden strength, segment, owner)
//! enters, so among the labelled accounts the fit should recover those
//! weights. Acceptance and submission still follow the account's strength.

use crate::model::Model;

/// Accounts in the default sample.
pub const SAMPLE_ACCOUNTS: usize = 3000;

/// The seed of the default sample.
pub const SAMPLE_SEED: u64 = 0x5EED_C5C1;

/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state, one addition and
/// two multiply-xorshift rounds per number; passes BigCrush, plenty for demo data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        const SCALE: f64 = 1.0 / (1u64 << 53) as f64;
        (self.next_u64() >> 11) as f64 * SCALE
    }

    /// A uniform index in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((self.unit() * n as f64) as usize).min(n - 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Roughly normal noise with mean 0 and standard deviation 1 (Irwin-Hall:
    /// the sum of 12 uniforms minus 6), using only additions.
    pub fn noise(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }
}

const OWNERS: [&str; 12] = [
    "Ana Ruiz",
    "Ben Okafor",
    "Chloe Martin",
    "Dev Patel",
    "Elif Yilmaz",
    "Femi Adeyemi",
    "Grace Liu",
    "Hugo Bernard",
    "Isla Murray",
    "Jonas Berg",
    "Kenji Sato",
    "Lena Fischer",
];

const FIRST: [&str; 20] = [
    "Acme", "Blue", "Bright", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Iris", "Juniper", "Kite", "Lumen", "Maple",
    "North", "Orbit", "Pioneer", "Quartz", "River", "Summit",
];

const SECOND: [&str; 16] = [
    "Analytics",
    "Bio",
    "Cloud",
    "Data",
    "Energy",
    "Foods",
    "Freight",
    "Health",
    "Labs",
    "Logistics",
    "Media",
    "Retail",
    "Robotics",
    "Systems",
    "Textiles",
    "Works",
];

const SUFFIX: [&str; 6] = ["Inc", "Ltd", "GmbH", "SA", "BV", "Group"];

/// Segment, its share of accounts, and how often it matches the ideal customer profile.
const SEGMENTS: [(&str, f64, f64); 3] = [("smb", 0.5, 0.35), ("mid_market", 0.35, 0.6), ("enterprise", 0.15, 0.8)];

/// The header of the sample: it auto-maps to the default model.
pub const SAMPLE_HEADER: [&str; 17] = [
    "id",
    "name",
    "owner",
    "segment",
    "active_users_trend",
    "seats_active",
    "qbr_attended",
    "responsiveness",
    "use_case_match",
    "icp_segment",
    "integrations",
    "beyond_plan",
    "plan_usage",
    "new_stakeholder",
    "budget_cycle_open",
    "accepted",
    "won",
];

/// The weights of the hidden model behind the sample's closed-won column, in
/// percent: Engagement, Fit, Intent (the default model weighs them 40/30/30).
pub const HIDDEN_WEIGHTS: [f64; 3] = [30.0, 10.0, 60.0];

/// Log-odds of winning per point of the hidden-model score: 10 points more
/// multiply the odds by e (about 2.7).
pub const HIDDEN_SLOPE: f64 = 0.1;

/// Log-odds of winning at a hidden-model score of 0; with [`HIDDEN_SLOPE`],
/// an account scoring 80 wins with chance 50%, one scoring 60 with 12%, so
/// about one accepted sample account in five closes won.
pub const HIDDEN_INTERCEPT: f64 = -8.0;

/// `e^x` from `+`, `*` and `/` only, so it gives the same bits on every
/// platform: `(e^(x/1024))^1024`, the inner power by 18 terms of its series
/// (|x/1024| < 0.04 after clamping, error far below 1e-16), then ten squarings.
/// Relative error about 1e-13; `x` is clamped to -40..40.
#[must_use]
pub fn exp_portable(x: f64) -> f64 {
    let r = x.clamp(-40.0, 40.0) / 1024.0;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..=18u32 {
        term *= r / f64::from(n);
        sum += term;
    }
    for _ in 0..10 {
        sum *= sum;
    }
    sum
}

/// The hidden model's chance that an accepted account with these component
/// scores (Engagement, Fit, Intent, 0-100) closes won; see the module doc.
#[must_use]
pub fn hidden_win_chance(components: &[f64]) -> f64 {
    let score: f64 = components.iter().zip(HIDDEN_WEIGHTS).map(|(x, w)| x * w).sum::<f64>() / 100.0;
    1.0 / (1.0 + exp_portable(-(HIDDEN_INTERCEPT + HIDDEN_SLOPE * score)))
}

/// The component scores the default model gives one sample account's signal
/// values (in [`SAMPLE_HEADER`] order), exactly as `Book::build` computes them:
/// the weighted mean of the signal scores, a blank or bad value counting 0.
fn component_scores(model: &Model, values: &[String]) -> Vec<f64> {
    let mut values = values.iter();
    model
        .components
        .iter()
        .map(|component| {
            let (mut weighted, mut total) = (0.0, 0.0);
            for signal in &component.signals {
                let weight = if signal.weight.is_finite() && signal.weight > 0.0 {
                    signal.weight
                } else {
                    0.0
                };
                let raw = values.next().map_or("", String::as_str);
                weighted += signal
                    .score(raw, crate::model::core::date::Date::default())
                    .ok()
                    .flatten()
                    .unwrap_or(0.0)
                    * weight;
                total += weight;
            }
            if total > 0.0 {
                weighted / total
            } else {
                0.0
            }
        })
        .collect()
}

fn clamp(value: f64, low: f64, high: f64) -> f64 {
    value.max(low).min(high)
}

/// A whole number as text; the value is already clamped to a small range.
fn whole(value: f64) -> String {
    format!("{}", value.round() as i64)
}

fn yes_no(yes: bool) -> &'static str {
    if yes {
        "yes"
    } else {
        "no"
    }
}

/// The sample's accounts one at a time, for a file too large to hold
/// ([`sample_csv`] collects them).
#[derive(Clone, Debug)]
pub struct SampleRows {
    rng: SplitMix64,
    /// The default model, whose component scores drive the closed-won draw.
    model: Model,
    /// Accounts written so far.
    next: usize,
}

impl SampleRows {
    /// The accounts of the sample made from `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self {
            rng: SplitMix64::new(seed),
            model: Model::default(),
            next: 0,
        }
    }

    /// The header line, with its line feed.
    #[must_use]
    pub fn header() -> String {
        format!("{}\n", SAMPLE_HEADER.join(","))
    }

    /// Appends the next account's line (with its line feed) to `out`.
    pub fn push_row(&mut self, out: &mut String) {
        let strength = if self.rng.chance(0.17) {
            0.7 + 0.3 * self.rng.unit()
        } else {
            (self.rng.unit() + self.rng.unit() + self.rng.unit()) / 3.0 * 0.85
        };
        let pick = self.rng.unit();
        let (segment, icp) = if pick < SEGMENTS[0].1 {
            (SEGMENTS[0].0, SEGMENTS[0].2)
        } else if pick < SEGMENTS[0].1 + SEGMENTS[1].1 {
            (SEGMENTS[1].0, SEGMENTS[1].2)
        } else {
            (SEGMENTS[2].0, SEGMENTS[2].2)
        };
        let name = format!(
            "{} {} {}",
            FIRST[self.rng.below(FIRST.len())],
            SECOND[self.rng.below(SECOND.len())],
            SUFFIX[self.rng.below(SUFFIX.len())]
        );
        let owner = OWNERS[self.rng.below(OWNERS.len())];

        let s = strength;
        let mut values: Vec<String> = vec![
            whole(clamp(10.0 * s + 1.5 * self.rng.noise(), 0.0, 10.0)),
            whole(clamp(25.0 + 70.0 * s + 12.0 * self.rng.noise(), 0.0, 100.0)),
            yes_no(self.rng.chance(0.2 + 0.7 * s)).to_owned(),
            whole(clamp(3.0 + 7.0 * s + 1.5 * self.rng.noise(), 0.0, 10.0)),
            yes_no(self.rng.chance(0.25 + 0.7 * s)).to_owned(),
            yes_no(self.rng.chance(icp * (0.6 + 0.4 * s))).to_owned(),
            whole(clamp(6.0 * s + 1.2 * self.rng.noise(), 0.0, 9.0)),
            yes_no(self.rng.chance(0.05 + 0.7 * s)).to_owned(),
            whole(clamp(20.0 + 80.0 * s + 10.0 * self.rng.noise(), 0.0, 100.0)),
            yes_no(self.rng.chance(0.05 + 0.6 * s)).to_owned(),
            yes_no(self.rng.chance(0.25 + 0.4 * s)).to_owned(),
        ];
        for value in &mut values {
            if self.rng.chance(0.04) {
                value.clear();
            }
        }
        // CSMs submit the accounts they believe in; Sales accepts the stronger ones;
        // accepted ones close by the hidden model. Blank outcome cells: never
        // submitted / not accepted. One draw per decision, as before the hidden
        // model, so the signals and acceptances of every account stay the same.
        let submitted = self.rng.chance(0.04 + 0.5 * s * s);
        let accepted = submitted && self.rng.chance(0.35 + 0.6 * s);
        let won = accepted && self.rng.chance(hidden_win_chance(&component_scores(&self.model, &values)));

        out.push_str(&format!("ACC-{:05},{name},{owner},{segment},", self.next + 1));
        out.push_str(&values.join(","));
        let cell = |known: bool, yes: bool| if known { yes_no(yes) } else { "" };
        out.push_str(&format!(",{},{}\n", cell(submitted, accepted), cell(accepted, won)));
        self.next += 1;
    }
}

/// Generates `accounts` accounts from `seed` as comma-separated CSV bytes with
/// the header [`SAMPLE_HEADER`]. Same seed and count, same bytes.
///
/// Each account has a hidden strength (most middling, about one in six strong)
/// that drives every signal plus noise, so strong accounts score high across
/// the board; about 4% of signal values are left blank (unanswered). Segment
/// changes the chance of matching the ideal customer profile. Submission and
/// acceptance follow strength: strong accounts are submitted as CSQLs more
/// often and accepted by Sales more often. An accepted account closes won by
/// the hidden model ([`hidden_win_chance`] of its component scores). The
/// accepted cell is blank for accounts never submitted, and the won cell is
/// blank unless accepted.
#[must_use]
pub fn sample_csv(accounts: usize, seed: u64) -> Vec<u8> {
    let mut rows = SampleRows::new(seed);
    let mut out = String::with_capacity(accounts * 110 + 200);
    out.push_str(&SampleRows::header());
    for _ in 0..accounts {
        rows.push_row(&mut out);
    }
    out.into_bytes()
}

/// The default sample: [`SAMPLE_ACCOUNTS`] accounts from [`SAMPLE_SEED`].
#[must_use]
pub fn default_sample() -> Vec<u8> {
    sample_csv(SAMPLE_ACCOUNTS, SAMPLE_SEED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_reference_stream() {
        // First outputs of SplitMix64 seeded with 0 (reference C implementation).
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn portable_exp_matches_the_library_closely() {
        for x in [-40.0, -7.0, -1.0, -0.5, 0.0, 0.3, 1.0, 2.5, 10.0, 40.0] {
            let (ours, library) = (exp_portable(x), f64::exp(x));
            assert!(((ours - library) / library).abs() < 1e-12, "{x}: {ours} vs {library}");
        }
        // e^0 is exactly 1; clamped beyond 40.
        assert_eq!(exp_portable(0.0), 1.0);
        assert_eq!(exp_portable(1000.0), exp_portable(40.0));
    }

    #[test]
    fn hidden_model_worked_examples() {
        // Score 80 (all components 80): z = -8 + 0.1 x 80 = 0, chance 1/2.
        assert!((hidden_win_chance(&[80.0, 80.0, 80.0]) - 0.5).abs() < 1e-12);
        // Intent alone at 100: score 60% x 100 = 60, z = -8 + 6 = -2, chance 1 / (1 + e^2).
        let e2 = std::f64::consts::E * std::f64::consts::E;
        assert!((hidden_win_chance(&[0.0, 0.0, 100.0]) - 1.0 / (1.0 + e2)).abs() < 1e-12);
        // Engagement alone at 100: score 30, z = -5, chance 1 / (1 + e^5).
        assert!((hidden_win_chance(&[100.0, 0.0, 0.0]) - 1.0 / (1.0 + 5f64.exp())).abs() < 1e-12);
    }

    #[test]
    fn unit_and_below_stay_in_range() {
        let mut rng = SplitMix64::new(7);
        for _ in 0..10_000 {
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(rng.below(12) < 12);
        }
        assert_eq!(rng.below(0), 0);
    }
}
