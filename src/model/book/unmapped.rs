//! The model's signals a file has no column for: they count as 0 for every
//! account, so a book of a CRM export that lacks them can never qualify
//! anyone. The Book page says how many, which, the points they could carry
//! and the best score any account can reach.

use crate::model::book::mapping::Mapping;
use crate::model::core::format::one_decimal;
use crate::model::core::signal::shares;
use crate::model::core::weighting::Weighting;
use crate::model::Model;

/// Labels named in the sentence; the others are counted.
const NAMED: usize = 5;

/// The signals with no column, and what they cost.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmapped {
    /// Signals with no column (of components not fed a typed score column).
    pub labels: Vec<String>,
    /// The same signals by (component key, signal key), for removing them.
    pub keys: Vec<(String, String)>,
    /// Signals in the whole model.
    pub total: usize,
    /// Points of the 100 the missing signals carry, when the weights can score.
    pub points: Option<f64>,
}

impl Unmapped {
    /// The signals of `model` that `mapping` gives no column, or `None` when every signal has one.
    #[must_use]
    pub fn of(model: &Model, mapping: &Mapping) -> Option<Self> {
        let fractions = Weighting::of(model).ok().map(|w| w.fractions().to_vec());
        let mut labels = Vec::new();
        let mut keys = Vec::new();
        let mut points = 0.0;
        for (i, component) in model.components.iter().enumerate() {
            // A component fed a score column needs none of its signals' columns.
            if mapping.direct(&component.key).is_some() {
                continue;
            }
            let fraction = fractions.as_ref().and_then(|f| f.get(i)).copied().unwrap_or(0.0);
            for (signal, share) in component.signals.iter().zip(shares(&component.signals)) {
                if mapping.signal(&component.key, &signal.key).is_none() {
                    labels.push(signal.label.clone());
                    keys.push((component.key.clone(), signal.key.clone()));
                    points += share * fraction * 100.0;
                }
            }
        }
        let total = model.components.iter().map(|c| c.signals.len()).sum();
        (!labels.is_empty()).then(|| Self {
            labels,
            keys,
            total,
            points: fractions.map(|_| points.min(100.0)),
        })
    }

    /// The sentence on the Book page; it starts with the number of signals without a column.
    #[must_use]
    pub fn sentence(&self) -> String {
        let count = self.labels.len();
        let mut named: Vec<String> = self.labels.iter().take(NAMED).map(|l| format!("\u{201c}{l}\u{201d}")).collect();
        if count > NAMED {
            named.push(format!("{} more", count - NAMED));
        }
        let mut sentence = format!(
            "{count} of the model's {} signals {} no column in this file and {} as 0 for every account: {}.",
            self.total,
            if count == 1 { "has" } else { "have" },
            if count == 1 { "counts" } else { "count" },
            named.join(", ")
        );
        if let Some(points) = self.points {
            sentence.push_str(&format!(
                " {} carry {} of the 100 points, so the best score any account can reach is {}.",
                if count == 1 { "It can" } else { "Together they" },
                one_decimal(Some(points)),
                one_decimal(Some(100.0 - points))
            ));
        }
        sentence
    }

    /// Whether removing them leaves a model to score with: some signal has a column.
    #[must_use]
    pub fn removable(&self) -> bool {
        self.labels.len() < self.total
    }

    /// The label of the button that removes them from the model.
    #[must_use]
    pub fn remove_label(&self) -> String {
        if self.labels.len() == 1 {
            "Remove this signal from the model".to_owned()
        } else {
            format!("Remove these {} signals from the model", self.labels.len())
        }
    }
}
