//! The calculator as the page shows it: every string and every chart position
//! worked out here, so the components only lay them out (the view model, in
//! crux's words).

use crate::model::core::date::{as_of, Date};
use crate::model::core::evaluate::{problem_for, Field};
use crate::model::core::format::{count, lever, one_decimal, percent, reason};
use crate::model::core::limits;
use crate::model::core::number::{brief, parse_in_range, parse_non_negative};
use crate::model::{evaluate, Component, Evaluation, Model, ScoreMode, SignalKind, Verdict};

/// One weight row: a slider and a box.
#[derive(Clone, Debug, PartialEq)]
pub struct WeightRow {
    /// Component key.
    pub key: String,
    /// Component name.
    pub name: String,
    /// The weight as typed.
    pub text: String,
    /// The slider's position (the typed weight, or 0 while it is not a number).
    pub slider: String,
    /// The slider's end: 100, or the weight when it is larger.
    pub slider_max: String,
    /// The component's share of the score (`50.0%`).
    pub share: String,
    /// What is wrong with the typed weight.
    pub error: Option<String>,
}

/// A segment of the contribution bar, on a 0-100 axis.
#[derive(Clone, Debug, PartialEq)]
pub struct BarSegment {
    /// Where it starts.
    pub x: f64,
    /// Its width (the component's points).
    pub width: f64,
    /// Its colour class (`seg-0` ... `seg-5`).
    pub class: String,
}

/// One signal's share of the total score, under its component in the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignalPoints {
    /// Signal key (`signal-points-<component>-<signal>`).
    pub key: String,
    /// Signal label.
    pub label: String,
    /// What it adds to the CSQL score: `+5.2` (its 0-100 score x its share of
    /// the component's signal weights x the component's share of the weights).
    pub points: String,
    /// Its sub-weight among the component's: `counts 2 of 5`.
    pub counts: String,
}

/// One component's row in the result.
#[derive(Clone, Debug, PartialEq)]
pub struct PartRow {
    /// Component key.
    pub key: String,
    /// Component name.
    pub name: String,
    /// Its score (`80.0`).
    pub score: String,
    /// Points it adds (`40.0`).
    pub points: String,
    /// What it would take, with the others unchanged.
    pub to_qualify: String,
    /// Its colour class in the bar.
    pub class: String,
    /// Each signal's points, when the component is scored from its signals.
    pub signals: Vec<SignalPoints>,
}

/// The result card.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultView {
    /// Nothing entered yet: the card says what to do instead of scoring an empty account.
    pub blank: bool,
    /// The score (`66.0`), or `n/a`.
    pub score: String,
    /// `csql`, `gates-missing`, `below-threshold` or `invalid` (for `data-verdict`).
    pub verdict: &'static str,
    /// What people read: `CSQL`, `Gates missing`, `Below the threshold`.
    pub headline: String,
    /// The sentence that says why.
    pub reason: String,
    /// Per component.
    pub rows: Vec<PartRow>,
    /// The bar's segments.
    pub bar: Vec<BarSegment>,
    /// Where the threshold sits on the bar (0-100), when it is valid.
    pub threshold_x: Option<f64>,
    /// The threshold tick's label under the bar, placed at the tick:
    /// (x as a percentage of the width, `start`/`middle`/`end` anchor so
    /// the words stay inside the bar, the words).
    pub threshold_label: Option<(String, &'static str, String)>,
    /// The required gates not met, for the score bar (`missing: Budget, Timing`).
    pub missing_gates: Option<String>,
    /// The bar in words.
    pub bar_label: String,
    /// Inputs to fix, when the account cannot be scored.
    pub problems: Vec<String>,
}

/// What an empty calculator says.
pub const BLANK_HEADLINE: &str = "Enter the account's signals";
/// How to start, under the headline.
pub const BLANK_REASON: &str =
    "Fill in what you know about the account below (blank numbers count as 0), then tick the gates it meets. The score updates as you type.";

/// Whether nothing has been entered for the account: no signal value, no
/// typed component score, no gate ticked.
#[must_use]
pub fn is_blank(model: &Model) -> bool {
    model.components.iter().all(|c| match c.mode {
        ScoreMode::Direct => c.direct.trim().is_empty(),
        ScoreMode::Signals => c.signals.iter().all(|s| s.value.trim().is_empty()),
    }) && model.gates.iter().all(|g| !g.met)
}

/// The weight rows.
#[must_use]
pub fn weight_rows(model: &Model, evaluation: &Evaluation) -> Vec<WeightRow> {
    model
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let parsed = parse_non_negative(&c.weight).ok().filter(|w| w.is_finite());
            let max = parsed.map_or(100.0, |w| w.max(100.0)).ceil();
            WeightRow {
                key: c.key.clone(),
                name: c.name.clone(),
                text: c.weight.clone(),
                slider: crate::model::core::number::plain(parsed.unwrap_or(0.0)),
                slider_max: crate::model::core::number::plain(max),
                share: percent(evaluation.parts.get(i).and_then(|p| p.share)),
                error: problem_for(&evaluation.problems, Field::Weight(i)).map(str::to_owned),
            }
        })
        .collect()
}

/// The threshold slider's position: the typed threshold, or 0 while it is not usable.
#[must_use]
pub fn threshold_slider(model: &Model) -> String {
    crate::model::core::number::plain(parse_in_range(&model.threshold, 0.0, 100.0).unwrap_or(0.0))
}

/// The result card's content; `today` dates recency signals when the model's as-of date is blank.
#[must_use]
pub fn result(model: &Model, evaluation: &Evaluation, today: Date) -> ResultView {
    let blank = is_blank(model);
    let verdict = &evaluation.verdict;
    let mut x = 0.0;
    let bar = evaluation
        .parts
        .iter()
        .enumerate()
        .filter_map(|(i, part)| {
            let width = part.points.filter(|p| p.is_finite() && *p > 0.0)?;
            let start = x;
            x += width;
            Some(BarSegment {
                x: start,
                width,
                class: format!("seg-{}", i % 6),
            })
        })
        .collect();
    let bar_label = if evaluation.score.is_some() {
        let parts: Vec<String> = evaluation
            .parts
            .iter()
            .map(|p| format!("{} {} points", p.name, one_decimal(p.points)))
            .collect();
        format!(
            "Contributions: {}; threshold {}",
            parts.join(", "),
            one_decimal(evaluation.threshold)
        )
    } else {
        "No contributions until the inputs are fixed".to_owned()
    };
    ResultView {
        blank,
        score: one_decimal(evaluation.score),
        verdict: verdict.word(),
        headline: if blank {
            BLANK_HEADLINE.to_owned()
        } else {
            verdict.kind().label().to_owned()
        },
        reason: if blank { BLANK_REASON.to_owned() } else { reason(evaluation) },
        rows: evaluation
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| PartRow {
                key: p.key.clone(),
                name: p.name.clone(),
                score: one_decimal(p.score),
                points: one_decimal(p.points),
                to_qualify: lever(p.lever, matches!(verdict, Verdict::GatesMissing(_))),
                class: format!("seg-{}", i % 6),
                signals: model
                    .components
                    .get(i)
                    .map(|c| signal_points(c, p.share, as_of(model, today).ok()))
                    .unwrap_or_default(),
            })
            .collect(),
        bar,
        threshold_x: evaluation.threshold.filter(|t| t.is_finite()),
        threshold_label: evaluation.threshold.filter(|t| t.is_finite()).map(|t| {
            let x = t.clamp(0.0, 100.0);
            let anchor = if x < 20.0 {
                "start"
            } else if x > 80.0 {
                "end"
            } else {
                "middle"
            };
            (
                format!("{x:.3}%"),
                anchor,
                format!("threshold {}", crate::model::core::number::plain(t)),
            )
        }),
        missing_gates: match verdict {
            Verdict::GatesMissing(gates) if !blank && !gates.is_empty() => Some(format!("missing: {}", gates.join(", "))),
            _ => None,
        },
        bar_label,
        problems: if *verdict == Verdict::Invalid {
            evaluation.problems.iter().map(|p| p.message.clone()).collect()
        } else {
            Vec::new()
        },
    }
}

/// One signal's input as its component card shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignalInput {
    /// What is wrong with its value.
    pub problem: Option<String>,
    /// A yes/no signal's box is ticked.
    pub checked: bool,
    /// How to write the value (`0-10`, `percent`...).
    pub hint: String,
    /// The box's placeholder (`e.g. 7`).
    pub example: String,
}

/// One component card's words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ComponentView {
    /// The score worked out from its signals (`80.0`, `n/a`).
    pub derived: String,
    /// What is wrong with a typed score.
    pub direct_problem: Option<String>,
    /// What stops the component as a whole (no signal carries weight).
    pub component_problem: Option<String>,
    /// `2 of 3 number signals filled in: ...`, when it has number signals.
    pub answered: Option<String>,
    /// One per signal, in model order.
    pub signals: Vec<SignalInput>,
    /// Why no signal can be added, when the limit is reached.
    pub add_signal_refused: Option<String>,
}

/// The component cards.
#[must_use]
pub fn component_views(model: &Model, evaluation: &Evaluation) -> Vec<ComponentView> {
    model
        .components
        .iter()
        .enumerate()
        .map(|(i, component)| {
            let part = evaluation.parts.get(i);
            let problem = |field| problem_for(&evaluation.problems, field).map(str::to_owned);
            ComponentView {
                derived: one_decimal(part.and_then(|p| p.score)),
                direct_problem: problem(Field::Direct(i)),
                component_problem: problem(Field::Component(i)),
                answered: part.and_then(|p| p.answered).filter(|(_, total)| *total > 0).map(|(done, total)| {
                    format!(
                        "{done} of {} filled in: a blank one counts as 0, an unticked box as no.",
                        count(total, "number signal", "number signals")
                    )
                }),
                signals: component
                    .signals
                    .iter()
                    .enumerate()
                    .map(|(s, signal)| SignalInput {
                        problem: problem(Field::Signal(i, s)),
                        // A yes/no signal does not read the as-of date.
                        checked: signal.kind == SignalKind::YesNo
                            && signal.score(&signal.value, Date::default()).ok().flatten().is_some_and(|v| v > 0.0),
                        hint: signal.kind.hint(),
                        example: example(signal.kind),
                    })
                    .collect(),
                add_signal_refused: limits::can_add_signal(component).err().map(|e| e.to_string()),
            }
        })
        .collect()
}

/// Each signal's points towards the CSQL score for a component scored from
/// its signals: its 0-100 score (blank 0) x its share of the signal weights x
/// the component's `share` of the weights (percent). Empty for a typed score,
/// or while the weights cannot score.
fn signal_points(component: &Component, share: Option<f64>, as_of: Option<Date>) -> Vec<SignalPoints> {
    let (Some(share), Some(as_of), ScoreMode::Signals) = (share, as_of, component.mode) else {
        return Vec::new();
    };
    let total: f64 = component
        .signals
        .iter()
        .map(|s| s.weight)
        .filter(|w| w.is_finite() && *w > 0.0)
        .sum();
    let values = crate::model::core::signal::signal_points(
        &component.signals,
        component.signals.iter().map(|s| Some(s.value.as_str())),
        (share, 100.0),
        as_of,
    );
    component
        .signals
        .iter()
        .zip(values)
        .map(|(signal, points)| SignalPoints {
            key: signal.key.clone(),
            label: signal.label.clone(),
            points: format!("+{}", one_decimal(Some(points))),
            counts: format!("counts {} of {}", brief(signal.weight), brief(total)),
        })
        .collect()
}

/// The whole calculator screen.
#[derive(Clone, Debug, PartialEq)]
pub struct CalculatorView {
    /// The evaluation behind it.
    pub evaluation: Evaluation,
    /// Weight rows.
    pub weights: Vec<WeightRow>,
    /// Every weight is 0 (or they cannot add up): said under the weights.
    pub weights_error: Option<String>,
    /// The threshold as typed.
    pub threshold: String,
    /// The threshold slider's position.
    pub threshold_slider: String,
    /// What is wrong with the typed threshold.
    pub threshold_error: Option<String>,
    /// The result card.
    pub result: ResultView,
    /// The as-of date field, shown when the model has a recency (date)
    /// signal: the text as typed and its problem.
    pub as_of: Option<(String, Option<String>)>,
    /// The component cards, in model order.
    pub components: Vec<ComponentView>,
    /// Why no component can be added, when the limit is reached.
    pub add_component_refused: Option<String>,
    /// Why no gate can be added, when the limit is reached.
    pub add_gate_refused: Option<String>,
}

impl Default for CalculatorView {
    /// The default model's screen.
    fn default() -> Self {
        calculator(&Model::default(), Date::default())
    }
}

/// Builds the calculator screen for a model; `today` is the browser's date,
/// for recency signals when the model leaves its as-of date blank.
#[must_use]
pub fn calculator(model: &Model, today: Date) -> CalculatorView {
    let evaluation = evaluate(model, today);
    CalculatorView {
        weights: weight_rows(model, &evaluation),
        weights_error: problem_for(&evaluation.problems, Field::Weights).map(str::to_owned),
        threshold: model.threshold.clone(),
        threshold_slider: threshold_slider(model),
        threshold_error: problem_for(&evaluation.problems, Field::Threshold).map(str::to_owned),
        result: result(model, &evaluation, today),
        as_of: model
            .components
            .iter()
            .any(|c| c.signals.iter().any(|s| matches!(s.kind, SignalKind::Date { .. })))
            .then(|| {
                (
                    model.as_of.clone(),
                    problem_for(&evaluation.problems, Field::AsOf).map(str::to_owned),
                )
            }),
        components: component_views(model, &evaluation),
        add_component_refused: limits::can_add_component(model).err().map(|e| e.to_string()),
        add_gate_refused: limits::can_add_gate(model).err().map(|e| e.to_string()),
        evaluation,
    }
}

/// An example value for a signal's box (`e.g. 7`), so the expected form is plain.
#[must_use]
pub fn example(kind: SignalKind) -> String {
    match kind {
        SignalKind::Count { cap, .. } => format!("e.g. {}", crate::model::core::number::plain((cap / 2.0).round().max(1.0))),
        SignalKind::YesNo => String::new(),
        SignalKind::Rating => "e.g. 7".to_owned(),
        SignalKind::Percent => "e.g. 65".to_owned(),
        SignalKind::Date { .. } => "e.g. 2026-01-31".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_asks_for_signals_instead_of_scoring_zero() {
        let model = Model::default();
        assert!(is_blank(&model));
        let view = calculator(&model, Date::default());
        assert!(view.result.blank);
        assert_eq!(view.result.headline, BLANK_HEADLINE);
        let mut typed = model.clone();
        typed.components[0].signals[1].value = "60".into();
        assert!(!is_blank(&typed));
        let mut ticked = model;
        ticked.gates[0].met = true;
        assert!(!is_blank(&ticked));
    }

    #[test]
    fn the_bar_places_each_component_after_the_last() {
        // 50/30/20 with 80/60/40: points 40, 18 and 8; bar segments at 0, 40 and 58.
        let mut model = Model::default();
        for (c, (w, s)) in model.components.iter_mut().zip([("50", "80"), ("30", "60"), ("20", "40")]) {
            c.weight = w.into();
            c.mode = ScoreMode::Direct;
            c.direct = s.into();
        }
        let view = calculator(&model, Date::default());
        let spans: Vec<(f64, f64)> = view.result.bar.iter().map(|s| (s.x, s.width)).collect();
        for ((x, w), (ex, ew)) in spans.iter().zip([(0.0, 40.0), (40.0, 18.0), (58.0, 8.0)]) {
            assert!((x - ex).abs() < 1e-9 && (w - ew).abs() < 1e-9, "{spans:?}");
        }
        assert_eq!(view.result.score, "66.0");
        assert_eq!(view.result.headline, "Below the threshold");
        assert_eq!(view.weights[0].share, "50.0%");
        assert_eq!(
            (view.weights[0].slider.as_str(), view.weights[0].slider_max.as_str()),
            ("50", "100")
        );
        assert_eq!(view.threshold_slider, "70");
        // A weight above 100 stretches its slider; a word leaves it at 0.
        model.components[0].weight = "250".into();
        model.components[1].weight = "x".into();
        let view = calculator(&model, Date::default());
        assert_eq!(
            (view.weights[0].slider.as_str(), view.weights[0].slider_max.as_str()),
            ("250", "250")
        );
        assert_eq!(view.weights[1].slider, "0");
        assert!(view.weights[1].error.is_some());
    }
}
