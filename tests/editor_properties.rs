//! Whatever the editor does, the model it builds can be saved and shared:
//! any sequence of editor events gives a document that round-trips through
//! storage (JSON) and through a share link. The editor's limits are the loader's.
#![cfg(not(target_arch = "wasm32"))]

use csql_calculator::model::calc::state::{CalcEvent, CalcState, KindChoice};
use csql_calculator::model::core::limits::{MAX_COMPONENTS, MAX_GATES, MAX_NAME_LEN, MAX_NUMBER_LEN, MAX_SIGNALS};
use csql_calculator::model::share::scenario::Scenario;
use csql_calculator::model::share::{decode_link, encode_link, from_json, to_json, Document};
use csql_calculator::model::{Direction, Model, Scale, ScoreMode};
use proptest::prelude::*;

/// Text as a user (or a paste) might type it: short, long, numbers, huge numbers.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.]{0,12}",
        "[0-9]{1,3}(\\.[0-9])?",
        Just("1.7e308".to_owned()),
        Just("-5".to_owned()),
        "[x]{190,320}",
        "[0-9]{20,40}",
        // Issue 15: numbers longer than a typed number, and control characters.
        Just("0.000000000000000000000000001".to_owned()),
        "[a-z]{1,4}[\\x00\\t\\n][a-z]{0,3}",
    ]
}

/// A scenario as a document, a link or the page might hold one: any text in
/// its weights, threshold, name and gates.
fn scenario() -> impl Strategy<Value = Scenario> {
    (text(), text(), text(), text(), prop::collection::vec(text(), 0..3)).prop_map(|(name, e, f, threshold, required)| Scenario {
        name,
        weights: [
            ("engagement".to_owned(), e),
            ("fit".to_owned(), f),
            ("intent".to_owned(), "30".to_owned()),
        ]
        .into_iter()
        .collect(),
        threshold,
        required,
    })
}

/// A document the loader accepts: the default one with any text in its
/// names, weights and scenarios, kept only when `from_json` takes it (else
/// the default document).
fn accepted_document() -> impl Strategy<Value = Document> {
    (text(), text(), text(), prop::collection::vec(scenario(), 0..3)).prop_map(|(name, weight, key, scenarios)| {
        let mut model = Model::default();
        model.components[0].name = name;
        model.components[1].weight = weight;
        model.gates[0].key = key;
        let document = Document::new(model, None).with_scenarios(scenarios);
        from_json(&to_json(&document)).unwrap_or_default()
    })
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0..1e7f64,
        Just(1.7e308),
        Just(f64::INFINITY),
        Just(f64::NAN),
        Just(-1.0),
        Just(1e9),
        Just(2e9)
    ]
}

fn event() -> impl Strategy<Value = CalcEvent> {
    let i = 0usize..14;
    prop_oneof![
        Just(CalcEvent::AddComponent),
        Just(CalcEvent::AddGate),
        i.clone().prop_map(CalcEvent::AddSignal),
        i.clone().prop_map(CalcEvent::RemoveComponent),
        (i.clone(), i.clone()).prop_map(|(c, s)| CalcEvent::RemoveSignal(c, s)),
        i.clone().prop_map(CalcEvent::RemoveGate),
        (i.clone(), text()).prop_map(|(n, t)| CalcEvent::RenameComponent(n, t)),
        (i.clone(), i.clone(), text()).prop_map(|(c, s, t)| CalcEvent::RenameSignal(c, s, t)),
        (i.clone(), text()).prop_map(|(n, t)| CalcEvent::RenameGate(n, t)),
        (i.clone(), text()).prop_map(|(n, t)| CalcEvent::SetWeight(n, t)),
        text().prop_map(CalcEvent::SetThreshold),
        (i.clone(), text()).prop_map(|(n, t)| CalcEvent::SetDirect(n, t)),
        (i.clone(), i.clone(), text()).prop_map(|(c, s, t)| CalcEvent::SetSignal(c, s, t)),
        (i.clone(), i.clone(), number()).prop_map(|(c, s, w)| CalcEvent::SetSignalWeight(c, s, w)),
        (i.clone(), i.clone(), number()).prop_map(|(c, s, w)| CalcEvent::SetSignalCap(c, s, w)),
        (i.clone(), i.clone(), number()).prop_map(|(c, s, w)| CalcEvent::SetSignalHalfLife(c, s, w)),
        prop_oneof![Just(String::new()), Just("2026-11-01".to_owned()), text()].prop_map(CalcEvent::SetAsOf),
        (
            i.clone(),
            i.clone(),
            prop_oneof![
                Just(KindChoice::Count),
                Just(KindChoice::YesNo),
                Just(KindChoice::Rating),
                Just(KindChoice::Date),
                Just(KindChoice::Percent)
            ]
        )
            .prop_map(|(c, s, k)| CalcEvent::SetSignalKind(c, s, k)),
        (i.clone(), i.clone(), prop_oneof![Just(Scale::Linear), Just(Scale::Log)]).prop_map(|(c, s, k)| CalcEvent::SetSignalScale(c, s, k)),
        (
            i.clone(),
            i.clone(),
            prop_oneof![Just(Direction::Positive), Just(Direction::Negative)]
        )
            .prop_map(|(c, s, d)| CalcEvent::SetSignalDirection(c, s, d)),
        (i.clone(), prop_oneof![Just(ScoreMode::Direct), Just(ScoreMode::Signals)]).prop_map(|(n, m)| CalcEvent::SetMode(n, m)),
        (i.clone(), any::<bool>()).prop_map(|(n, b)| CalcEvent::SetGateMet(n, b)),
        (i, any::<bool>()).prop_map(|(n, b)| CalcEvent::SetGateRequired(n, b)),
        text().prop_map(CalcEvent::SetAccount),
        Just(CalcEvent::ResetModel),
        Just(CalcEvent::Undo),
        // Every other event that changes the document: scenarios, applied
        // fits, imported files and opened links.
        scenario().prop_map(CalcEvent::AddScenario),
        text().prop_map(CalcEvent::SaveScenario),
        (0usize..10).prop_map(CalcEvent::UseScenario),
        (0usize..10).prop_map(CalcEvent::RemoveScenario),
        prop::collection::vec(text(), 3).prop_map(|w| CalcEvent::ApplyWeights(w, "Applied.".to_owned())),
        accepted_document().prop_map(|d| CalcEvent::ReplaceDocument(Box::new(d), "Imported.".to_owned())),
        accepted_document().prop_map(|d| CalcEvent::OpenFragment(format!("#m={}", encode_link(&d)))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_model_the_editor_builds_is_saved_and_shared_whole(start in accepted_document(), events in prop::collection::vec(event(), 1..120)) {
        let mut state = CalcState {
            editing: true,
            ..CalcState::default()
        };
        state.update(CalcEvent::ReplaceDocument(Box::new(start), "Opened.".to_owned()));
        for event in events {
            state.update(event);
        }
        let document = state.document();
        let model = &document.model;
        prop_assert!(model.components.len() <= MAX_COMPONENTS);
        prop_assert!(model.gates.len() <= MAX_GATES);
        prop_assert!(model.components.iter().all(|c| c.signals.len() <= MAX_SIGNALS));
        prop_assert!(model.components.iter().all(|c| c.name.chars().count() <= MAX_NAME_LEN && c.weight.chars().count() <= MAX_NUMBER_LEN));
        prop_assert_eq!(from_json(&to_json(&document)), Ok(document.clone()));
        prop_assert_eq!(decode_link(&encode_link(&document)), Ok(document));
    }
}

#[test]
fn the_editor_stops_at_each_limit_and_says_why() {
    let mut state = CalcState {
        editing: true,
        ..CalcState::default()
    };
    for _ in 0..20 {
        state.update(CalcEvent::AddComponent);
        state.update(CalcEvent::AddGate);
    }
    assert_eq!(state.model.components.len(), MAX_COMPONENTS);
    assert_eq!(state.model.gates.len(), MAX_GATES);
    for _ in 0..50 {
        state.update(CalcEvent::AddSignal(0));
    }
    assert_eq!(state.model.components[0].signals.len(), MAX_SIGNALS);
    // A 300-character threshold never reaches the model.
    state.update(CalcEvent::SetThreshold("7".repeat(300)));
    assert_eq!(state.model.threshold, "70");
    // The reason the Add button shows.
    let why = csql_calculator::model::core::limits::can_add_component(&state.model)
        .err()
        .map(|e| e.to_string());
    assert!(why.is_some_and(|w| w.contains("12")));
    assert_eq!(from_json(&to_json(&state.document())), Ok(state.document()));
}

#[test]
fn adding_moves_the_keyboard_to_the_new_name() {
    use csql_calculator::model::core::effect::Effect;
    let mut state = CalcState {
        editing: true,
        ..CalcState::default()
    };
    assert_eq!(
        state.update(CalcEvent::AddComponent),
        vec![Effect::Focus("component_1-name".into())]
    );
    let effects = state.update(CalcEvent::AddGate);
    assert_eq!(effects.first(), Some(&Effect::Focus("gate-gate_1-name".into())));
    let effects = state.update(CalcEvent::AddSignal(0));
    assert_eq!(effects.first(), Some(&Effect::Focus("edit-engagement-signal_1-label".into())));
}
