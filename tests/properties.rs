//! Property tests: the score stays on 0-100 and never panics, whatever is typed.
#![cfg(not(target_arch = "wasm32"))]

use csql_calculator::model::calc::state::CalcState;
use csql_calculator::model::{evaluate, Model, ScoreMode, Verdict};
use proptest::prelude::*;

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

fn direct(weights: &[f64], scores: &[f64]) -> Model {
    let mut model = Model::default();
    for (i, c) in model.components.iter_mut().enumerate() {
        c.weight = weights[i].to_string();
        c.mode = ScoreMode::Direct;
        c.direct = scores[i].to_string();
    }
    model
}

proptest! {
    #[test]
    fn score_is_on_0_to_100_and_between_the_component_scores(
        weights in prop::collection::vec(0.0f64..1000.0, 3),
        scores in prop::collection::vec(0.0f64..=100.0, 3),
    ) {
        prop_assume!(weights.iter().sum::<f64>() > 1e-6);
        let e = evaluate(&direct(&weights, &scores), TODAY);
        let score = e.score.expect("valid inputs score");
        let lowest = scores.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!((0.0..=100.0).contains(&score));
        prop_assert!(score >= lowest - 1e-9 && score <= highest + 1e-9);
        let shares: f64 = e.parts.iter().map(|p| p.share.unwrap()).sum();
        prop_assert!((shares - 100.0).abs() < 1e-6);
    }

    #[test]
    fn scaling_every_weight_leaves_the_score_unchanged(
        weights in prop::collection::vec(0.01f64..100.0, 3),
        scores in prop::collection::vec(0.0f64..=100.0, 3),
        factor in 0.01f64..100.0,
    ) {
        let scaled: Vec<f64> = weights.iter().map(|w| w * factor).collect();
        let a = evaluate(&direct(&weights, &scores), TODAY).score.unwrap();
        let b = evaluate(&direct(&scaled, &scores), TODAY).score.unwrap();
        prop_assert!((a - b).abs() < 1e-9);
    }

    #[test]
    fn any_typed_text_gives_a_verdict_and_never_nan(
        fields in prop::collection::vec(".{0,12}", 8),
    ) {
        let mut model = Model { threshold: fields[0].clone(), ..Model::default() };
        for (i, c) in model.components.iter_mut().enumerate() {
            c.weight = fields[1 + i].clone();
            c.mode = if i == 0 { ScoreMode::Signals } else { ScoreMode::Direct };
            c.direct = fields[4 + i].clone();
        }
        model.components[0].signals[0].value = fields[7].clone();
        let e = evaluate(&model, TODAY);
        if let Some(score) = e.score {
            prop_assert!(score.is_finite());
        }
        prop_assert_eq!(e.verdict == Verdict::Invalid, !e.problems.is_empty());
    }

    #[test]
    fn any_query_string_loads(query in ".{0,200}") {
        let state = CalcState::from_query(&query);
        let _ = evaluate(&state.model, TODAY);
    }
}
