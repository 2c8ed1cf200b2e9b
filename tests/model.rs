//! Native tests of the scoring model, with every expected value worked out by hand.
#![cfg(not(target_arch = "wasm32"))]

use csql_calculator::model::calc::state::{CalcEvent, CalcState};
use csql_calculator::model::core::evaluate::Field;
use csql_calculator::model::core::format::{lever, one_decimal, reason};
use csql_calculator::model::{evaluate, Lever, Model, ScoreMode, Verdict};

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

/// A model with typed scores and weights for Engagement, Fit, Intent.
fn direct(weights: [&str; 3], scores: [&str; 3]) -> Model {
    let mut model = Model::default();
    for (i, component) in model.components.iter_mut().enumerate() {
        component.weight = weights[i].to_owned();
        component.mode = ScoreMode::Direct;
        component.direct = scores[i].to_owned();
    }
    model
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

fn raise_to(l: Option<Lever>) -> f64 {
    match l {
        Some(Lever::RaiseTo(x)) => x,
        other => panic!("expected RaiseTo, got {other:?}"),
    }
}

#[test]
fn worked_example_from_the_issue_scores_66_and_is_4_points_short() {
    // (80 x 50 + 60 x 30 + 40 x 20) / (50 + 30 + 20) = (4000 + 1800 + 800) / 100 = 66
    let e = evaluate(&direct(["50", "30", "20"], ["80", "60", "40"]), TODAY);
    assert!(close(e.score.unwrap(), 66.0));
    assert_eq!(one_decimal(e.score), "66.0");
    assert_eq!(e.verdict.word(), "below-threshold");
    let Verdict::BelowThreshold { short } = e.verdict else { panic!() };
    assert!(close(short, 4.0));
    // Points: 80 x 0.5 = 40, 60 x 0.3 = 18, 40 x 0.2 = 8.
    let points: Vec<f64> = e.parts.iter().map(|p| p.points.unwrap()).collect();
    assert!(close(points[0], 40.0) && close(points[1], 18.0) && close(points[2], 8.0));
    let shares: Vec<f64> = e.parts.iter().map(|p| p.share.unwrap()).collect();
    assert!(close(shares[0], 50.0) && close(shares[1], 30.0) && close(shares[2], 20.0));
    // Alone: Engagement needs (70 - 26) / 0.5 = 88; Fit (70 - 48) / 0.3 = 73.33; Intent (70 - 58) / 0.2 = 60.
    assert!(close(raise_to(e.parts[0].lever), 88.0));
    assert!(close(raise_to(e.parts[1].lever), 22.0 / 0.3));
    assert!(close(raise_to(e.parts[2].lever), 60.0));
    assert_eq!(lever(e.parts[1].lever, false), "Needs 73.3, the others unchanged");
    assert_eq!(reason(&e), "4.0 points short of the threshold of 70.0.");
}

#[test]
fn weights_in_any_scale_give_the_same_score() {
    let a = evaluate(&direct(["5", "3", "2"], ["80", "60", "40"]), TODAY);
    let b = evaluate(&direct(["0.5", "0.3", "0.2"], ["80", "60", "40"]), TODAY);
    assert!(close(a.score.unwrap(), 66.0));
    assert!(close(b.score.unwrap(), 66.0));
}

#[test]
fn all_zero_weights_are_invalid_with_a_message_not_nan() {
    let e = evaluate(&direct(["0", "0", "0"], ["80", "60", "40"]), TODAY);
    assert_eq!(e.verdict, Verdict::Invalid);
    assert_eq!(e.score, None);
    assert_eq!(one_decimal(e.score), "n/a");
    assert_eq!(
        e.problem(Field::Weights),
        Some("Every weight is 0: give at least one component a weight above 0")
    );
    assert_eq!(reason(&e), "1 input to fix before the account can be scored.");
}

#[test]
fn bad_typed_values_name_their_field() {
    let e = evaluate(&direct(["50", "-1", "x"], ["101", "60", ""]), TODAY);
    assert_eq!(e.verdict, Verdict::Invalid);
    assert_eq!(e.problem(Field::Weight(1)), Some("Fit weight: -1 is below the minimum of 0"));
    assert_eq!(
        e.problem(Field::Weight(2)),
        Some("Intent weight: \u{201c}x\u{201d} is not a number")
    );
    assert_eq!(
        e.problem(Field::Direct(0)),
        Some("Engagement score: 101 is above the maximum of 100")
    );
    assert_eq!(e.problem(Field::Direct(2)), Some("Intent score: enter a number"));
    assert_eq!(e.problems.len(), 4);
    assert!(e.parts.iter().all(|p| p.points.is_none() && p.lever.is_none()));
}

#[test]
fn bad_threshold_is_invalid() {
    let mut model = direct(["1", "1", "1"], ["50", "50", "50"]);
    model.threshold = "seventy".to_owned();
    let e = evaluate(&model, TODAY);
    assert_eq!(e.verdict, Verdict::Invalid);
    assert_eq!(
        e.problem(Field::Threshold),
        Some("Threshold: \u{201c}seventy\u{201d} is not a number")
    );
}

#[test]
fn qualifying_score_needs_every_required_gate() {
    // (90 + 80 + 70) / 3 = 80, above 70, but no gate is ticked yet.
    let mut model = direct(["1", "1", "1"], ["90", "80", "70"]);
    let e = evaluate(&model, TODAY);
    assert!(close(e.score.unwrap(), 80.0));
    assert_eq!(
        e.verdict,
        Verdict::GatesMissing(vec![
            "Product fit".into(),
            "Usage signals".into(),
            "Stakeholder buy-in".into(),
            "Budget".into(),
            "Timing".into()
        ])
    );
    for gate in &mut model.gates {
        gate.met = gate.key != "budget";
    }
    assert_eq!(evaluate(&model, TODAY).verdict, Verdict::GatesMissing(vec!["Budget".into()]));
    assert_eq!(
        reason(&evaluate(&model, TODAY)),
        "Score 80.0 meets the threshold of 70.0, but one required gate is not met: Budget."
    );
    model.gates[3].required = false;
    assert_eq!(evaluate(&model, TODAY).verdict, Verdict::Csql);
}

#[test]
fn a_score_exactly_on_the_threshold_qualifies_despite_float_rounding() {
    // 70 x 1/3 three times is 69.999... in floating point; it must still count as 70.
    let mut model = direct(["1", "1", "1"], ["70", "70", "70"]);
    for gate in &mut model.gates {
        gate.met = true;
    }
    assert_eq!(evaluate(&model, TODAY).verdict, Verdict::Csql);
}

#[test]
fn levers_out_of_reach_no_weight_and_holding() {
    // All zero with weights 50/30/20: Engagement at 100 alone gives 50, short of 70.
    let e = evaluate(&direct(["50", "30", "20"], ["0", "0", "0"]), TODAY);
    assert_eq!(e.parts[0].lever, Some(Lever::OutOfReach { best: 50.0 }));
    assert_eq!(lever(e.parts[0].lever, false), "Out of reach alone: at 100 the score is 50.0");

    let e = evaluate(&direct(["1", "1", "0"], ["50", "50", "100"]), TODAY);
    assert_eq!(e.parts[2].lever, Some(Lever::NoWeight));

    // 100 everywhere: Engagement may fall to (70 - 50) / 0.5 = 40; Intent's 20 points are not needed (80 without it).
    let e = evaluate(&direct(["50", "30", "20"], ["100", "100", "100"]), TODAY);
    let Some(Lever::HoldsDownTo(floor)) = e.parts[0].lever else {
        panic!("{:?}", e.parts[0].lever)
    };
    assert!(close(floor, 40.0));
    assert_eq!(e.parts[2].lever, Some(Lever::HoldsAtAnyScore));
}

#[test]
fn component_score_from_signals_is_their_weighted_mean() {
    let mut model = Model::default();
    let engagement = &mut model.components[0];
    assert_eq!(engagement.mode, ScoreMode::Signals);
    // Trend 8/10 -> 80 (weight 2), seats 50% -> 50, QBR yes -> 100, responsiveness 6 -> 60:
    // (80 x 2 + 50 + 100 + 60) / 5 = 370 / 5 = 74.
    for (signal, value) in engagement.signals.iter_mut().zip(["8", "50", "yes", "6"]) {
        signal.value = value.to_owned();
    }
    let e = evaluate(&model, TODAY);
    assert!(close(e.parts[0].score.unwrap(), 74.0));
    assert_eq!(e.parts[0].answered, Some((3, 3)), "the QBR checkbox is not a number signal");

    // Only the trend answered: 160 / 5 = 32, the rest count as 0.
    for signal in &mut model.components[0].signals[1..] {
        signal.value.clear();
    }
    let e = evaluate(&model, TODAY);
    assert!(close(e.parts[0].score.unwrap(), 32.0));
    assert_eq!(e.parts[0].answered, Some((1, 3)));

    // Fit: use case yes (weight 2), ICP no, 5 integrations of a cap of 5: (200 + 0 + 100) / 4 = 75.
    for (signal, value) in model.components[1].signals.iter_mut().zip(["yes", "no", "5"]) {
        signal.value = value.to_owned();
    }
    assert!(close(evaluate(&model, TODAY).parts[1].score.unwrap(), 75.0));
}

#[test]
fn an_out_of_range_signal_makes_the_account_invalid_and_says_which() {
    let mut model = Model::default();
    model.components[0].signals[0].value = "11".to_owned();
    let e = evaluate(&model, TODAY);
    assert_eq!(e.verdict, Verdict::Invalid);
    let message = e.problem(Field::Signal(0, 0)).unwrap();
    assert!(message.starts_with("Engagement, \u{201c}Active-user trend"), "{message}");
    assert!(message.ends_with("11 is above the maximum of 10"), "{message}");
}

#[test]
fn a_component_whose_signals_all_weigh_zero_is_invalid() {
    let mut model = Model::default();
    for signal in &mut model.components[2].signals {
        signal.weight = 0.0;
    }
    let e = evaluate(&model, TODAY);
    assert_eq!(e.verdict, Verdict::Invalid);
    assert!(e
        .problem(Field::Component(2))
        .unwrap()
        .starts_with("Intent has no signal with a weight above 0"));
}

#[test]
fn actions_change_the_verdict() {
    let mut state = CalcState::from_query(
        "weights=50,30,20&threshold=70&engagement=80&fit=60&intent=40&gates=product_fit,usage,stakeholder,budget,timing",
    );
    assert_eq!(evaluate(&state.model, TODAY).verdict.word(), "below-threshold");
    // Intent weight 0: (80 x 50 + 60 x 30) / 80 = 5800 / 80 = 72.5, a CSQL.
    state.apply(CalcEvent::SetWeight(2, "0".into()));
    let e = evaluate(&state.model, TODAY);
    assert!(close(e.score.unwrap(), 72.5));
    assert_eq!(e.verdict, Verdict::Csql);
    state.apply(CalcEvent::SetGateMet(4, false));
    assert_eq!(evaluate(&state.model, TODAY).verdict, Verdict::GatesMissing(vec!["Timing".into()]));
    state.apply(CalcEvent::SetThreshold("73".into()));
    assert_eq!(evaluate(&state.model, TODAY).verdict.word(), "below-threshold");
    state.apply(CalcEvent::SetMode(0, ScoreMode::Signals));
    // Engagement from unanswered signals scores 0: (0 + 1800) / 80 = 22.5.
    assert!(close(evaluate(&state.model, TODAY).score.unwrap(), 22.5));
    // Out-of-range indexes are ignored rather than panicking.
    let before = state.clone();
    state.apply(CalcEvent::SetWeight(9, "1".into()));
    state.apply(CalcEvent::SetSignal(0, 99, "1".into()));
    state.apply(CalcEvent::DismissNotice(3));
    assert_eq!(state, before);
}
