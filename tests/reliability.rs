//! Issue 15, "nothing lost, round two": one test per defect, each failing on
//! the code before the fix. The scenario comparison's weight check is in
//! `tests/evidence.rs` (`comparing_refuses_...`), the event sequences in
//! `tests/editor_properties.rs`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use csql_calculator::model::calc::state::{CalcEvent, CalcState};
use csql_calculator::model::core::limits::MAX_NUMBER_LEN;
use csql_calculator::model::share::document::ModelProblem;
use csql_calculator::model::share::scenario::{Scenario, ScenarioProblem};
use csql_calculator::model::share::{check, decode_link, encode_link, from_json, to_json, Document, LoadError};
use csql_calculator::model::Model;

/// The tiny weight from the issue: 29 characters, over the 24 a typed number may have.
const TINY: &str = "0.000000000000000000000000001";

fn tiny_scenario() -> Scenario {
    let weights: BTreeMap<String, String> = [("engagement", TINY), ("fit", "30"), ("intent", "30")]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    Scenario {
        name: "Tiny".to_owned(),
        weights,
        threshold: "70".to_owned(),
        required: Vec::new(),
    }
}

#[test]
fn a_scenario_number_is_held_to_the_typed_number_limit_when_loaded() {
    assert!(TINY.chars().count() > MAX_NUMBER_LEN);
    let document = Document::new(Model::default(), None).with_scenarios(vec![tiny_scenario()]);
    let loaded = from_json(&to_json(&document));
    assert!(
        matches!(
            &loaded,
            Err(LoadError::BadModel(ModelProblem::Scenarios(ScenarioProblem::LongNumber { value, .. }))) if value == TINY
        ),
        "{loaded:?}"
    );
    let words = loaded.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(words.contains("29 characters") && words.contains("at most 24"), "{words}");
}

#[test]
fn using_a_scenario_never_saves_a_model_the_next_visit_cannot_read() {
    let mut state = CalcState::default();
    // The page keeps no scenario it could not load again...
    state.update(CalcEvent::AddScenario(tiny_scenario()));
    assert!(state.scenarios.is_empty());
    state.update(CalcEvent::UseScenario(0));
    assert_eq!(state.model.components[0].weight, Model::default().components[0].weight);
    // ...so whatever it saves opens again, from storage and from a link.
    let document = state.document();
    assert_eq!(from_json(&to_json(&document)), Ok(document.clone()));
    assert_eq!(decode_link(&encode_link(&document)), Ok(document));
}

#[test]
fn control_characters_in_keys_names_and_labels_are_refused_by_the_one_check() {
    let mut nul_key = Model::default();
    nul_key.components[0].key = "engage\u{0}ment".to_owned();
    assert!(
        matches!(check(&nul_key), Err(ModelProblem::ControlInName { .. })),
        "{:?}",
        check(&nul_key)
    );
    let mut tab_label = Model::default();
    tab_label.components[1].signals[0].label = "Seats\tactive".to_owned();
    assert!(matches!(check(&tab_label), Err(ModelProblem::ControlInName { .. })));
    let mut line_gate = Model::default();
    line_gate.gates[0].label = "Budget\nconfirmed".to_owned();
    assert!(matches!(check(&line_gate), Err(ModelProblem::ControlInName { .. })));
    // The words name the character plainly.
    let words = check(&nul_key).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(words.contains("\\0") && words.contains("control character"), "{words}");
    // And the loader (csql check, an imported file, a link) refuses it.
    let document = Document::new(nul_key, None);
    assert!(matches!(
        from_json(&to_json(&document)),
        Err(LoadError::BadModel(ModelProblem::ControlInName { .. }))
    ));
    // The editor cannot type one in either.
    let mut state = CalcState {
        editing: true,
        ..CalcState::default()
    };
    state.update(CalcEvent::RenameComponent(0, "Engage\u{7}ment".to_owned()));
    assert_eq!(state.model.components[0].name, Model::default().components[0].name);
}
