//! Pre-filled links: good values apply, bad ones keep their default and say so.
#![cfg(not(target_arch = "wasm32"))]

use csql_calculator::model::calc::state::CalcState;
use csql_calculator::model::core::format::one_decimal;
use csql_calculator::model::{evaluate, ScoreMode};

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

fn weights(state: &CalcState) -> Vec<&str> {
    state.model.components.iter().map(|c| c.weight.as_str()).collect()
}

#[test]
fn the_documented_link_shows_66_and_below_threshold() {
    let state = CalcState::from_query("?weights=50,30,20&threshold=70&engagement=80&fit=60&intent=40");
    assert!(state.notices.is_empty(), "{:?}", state.notices);
    assert_eq!(weights(&state), ["50", "30", "20"]);
    assert!(state.model.components.iter().all(|c| c.mode == ScoreMode::Direct));
    let e = evaluate(&state.model, TODAY);
    assert_eq!(one_decimal(e.score), "66.0");
    assert_eq!(e.verdict.word(), "below-threshold");
}

#[test]
fn percent_encoded_values_are_decoded() {
    let state = CalcState::from_query("weights=50%2C30%2C20&gates=budget%2Ctiming");
    assert_eq!(weights(&state), ["50", "30", "20"]);
    let met: Vec<&str> = state.model.gates.iter().filter(|g| g.met).map(|g| g.key.as_str()).collect();
    assert_eq!(met, ["budget", "timing"]);
}

#[test]
fn a_bad_weight_list_keeps_the_defaults_and_says_why() {
    let state = CalcState::from_query("weights=50,abc,20");
    assert_eq!(weights(&state), ["40", "30", "30"]);
    assert_eq!(
        state.notices[0].message,
        "Link parameter weights=\u{201c}50,abc,20\u{201d}: \u{201c}abc\u{201d} is not a number. Using the weights 40, 30, 30 instead."
    );

    let state = CalcState::from_query("weights=1,2");
    assert_eq!(weights(&state), ["40", "30", "30"]);
    assert!(
        state.notices[0]
            .message
            .contains("expected 3 weights (Engagement, Fit, Intent), got 2"),
        "{}",
        state.notices[0].message
    );

    let state = CalcState::from_query("weights=0,0,0");
    assert_eq!(weights(&state), ["40", "30", "30"]);
    assert!(state.notices[0].message.contains("every weight is 0"));

    let state = CalcState::from_query("weights=50,,20");
    assert!(state.notices[0].message.contains("a weight is missing"));

    let state = CalcState::from_query("weights=5,-1,2");
    assert!(
        state.notices[0].message.contains("-1 is below the minimum of 0"),
        "{}",
        state.notices[0].message
    );
}

#[test]
fn bad_threshold_and_scores_keep_their_defaults() {
    let state = CalcState::from_query("threshold=150&engagement=high&fit=60");
    assert_eq!(state.model.threshold, "70");
    assert_eq!(state.model.components[0].mode, ScoreMode::Signals);
    assert_eq!(state.model.components[1].mode, ScoreMode::Direct);
    assert_eq!(state.model.components[1].direct, "60");
    assert_eq!(state.notices.len(), 2);
    assert_eq!(
        state.notices[0].message,
        "Link parameter threshold=\u{201c}150\u{201d}: 150 is above the maximum of 100. Using the threshold 70 instead."
    );
    assert_eq!(
        state.notices[1].message,
        "Link parameter engagement=\u{201c}high\u{201d}: \u{201c}high\u{201d} is not a number. Engagement keeps its own inputs."
    );
}

#[test]
fn gates_list_the_met_gates_and_unknown_ones_are_reported() {
    let state = CalcState::from_query("gates=product_fit,usage,stakeholder,budget,timing");
    assert!(state.model.gates.iter().all(|g| g.met));
    assert!(state.notices.is_empty());

    let state = CalcState::from_query("gates=budget,<script>alert(1)</script>");
    let met: Vec<&str> = state.model.gates.iter().filter(|g| g.met).map(|g| g.key.as_str()).collect();
    assert_eq!(met, ["budget"]);
    assert!(state.notices[0]
        .message
        .starts_with("Link parameter gates: unknown gate \u{201c}<script>alert(1)</script>\u{201d}, ignored."));

    let state = CalcState::from_query("gates=");
    assert!(state.model.gates.iter().all(|g| !g.met));
    assert!(state.notices.is_empty());
}

#[test]
fn unknown_parameters_and_garbage_are_harmless() {
    let state = CalcState::from_query("utm_source=wiki&&=&%%%&weights");
    assert_eq!(weights(&state), ["40", "30", "30"]);
    assert_eq!(state.notices.len(), 1, "the bare `weights` is reported: {:?}", state.notices);
    let long = "9".repeat(100_000);
    let state = CalcState::from_query(&format!("threshold={long}"));
    assert_eq!(state.model.threshold, "70");
    assert!(state.notices[0].message.len() < 300, "a huge value is quoted short");
}
