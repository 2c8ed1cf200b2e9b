#![cfg(not(target_arch = "wasm32"))]
//! The spreadsheet formulas, written by hand for a small model. LibreOffice
//! computes them on the sample book in `scripts/formula_check.py`.

use csql_calculator::model::book::Mapping;
use csql_calculator::model::sql::spreadsheet::{formulas, FormulaError};
use csql_calculator::model::{Component, Gate, Model, ScoreMode, Signal, SignalKind};

fn model() -> Model {
    Model {
        components: vec![Component {
            key: "e".into(),
            name: "E".into(),
            weight: "1".into(),
            mode: ScoreMode::Signals,
            direct: String::new(),
            signals: vec![Signal::new("r", "Rating", SignalKind::Rating, 1.0)],
        }],
        threshold: "50".into(),
        gates: vec![Gate {
            key: "g".into(),
            label: "G".into(),
            question: String::new(),
            required: true,
            met: false,
        }],
        ..Model::default()
    }
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

#[test]
fn one_rating_and_one_gate_by_hand() {
    let mut mapping = Mapping::from_keys(&model());
    mapping.set_id(Some("id".into()));
    // id in A, the gate in B, the rating in C; the formulas are for row 7.
    let f = formulas(&model(), &mapping, &headers(&["id", "g", "r"]), 7).unwrap_or_else(|e| panic!("{e}"));
    let v = "IF(ISNUMBER(C7),C7,NUMBERVALUE(SUBSTITUTE(TRIM(C7),\",\",\".\"),\".\"))";
    let rating = format!("(IF(TRIM(C7)=\"\",0,IF(OR({v}<0,{v}>10),NA(),{v}*10)))");
    let yes = "OR(LOWER(TRIM(B7))=\"yes\",LOWER(TRIM(B7))=\"y\",LOWER(TRIM(B7))=\"true\",LOWER(TRIM(B7))=\"1\")";
    let no = "OR(LOWER(TRIM(B7))=\"no\",LOWER(TRIM(B7))=\"n\",LOWER(TRIM(B7))=\"false\",LOWER(TRIM(B7))=\"0\",LOWER(TRIM(B7))=\"\")";
    // One component of weight 1: its share of the score is 1; one signal of
    // weight 1: its share of the component is 1. The id and the gate only have
    // to be readable: 0 x (checks) keeps their errors.
    let score = format!("(({rating}*1))*1+0*(IF(TRIM(A7)=\"\",NA(),0)+IF({yes},100,IF({no},0,NA())))");
    assert_eq!(f.score, format!("=IFERROR({score},\"\")"));
    assert_eq!(
        f.verdict,
        format!("=IFERROR(IF({score}+1e-9<50,\"below-threshold\",IF(OR(NOT({yes})),\"gates-missing\",\"csql\")),\"invalid\")")
    );
}

#[test]
fn columns_come_from_header_positions_and_must_exist() {
    let mut mapping = Mapping::from_keys(&model());
    mapping.set_gate("g", None);
    // 27 columns before the rating: it sits in AB.
    let mut names: Vec<String> = (0..27).map(|i| format!("x{i}")).collect();
    names.push("r".into());
    let f = formulas(&model(), &mapping, &names, 2).unwrap_or_else(|e| panic!("{e}"));
    assert!(f.score.contains("ISNUMBER(AB2)"));
    // The gate's column "g" is not in this header row.
    names.push("other".into());
    let mut gated = mapping.clone();
    gated.set_gate("g", Some("missing".into()));
    assert_eq!(
        formulas(&model(), &gated, &names, 2),
        Err(FormulaError::UnknownColumn("missing".into()))
    );
    let mut zero = model();
    zero.components[0].weight = "0".into();
    assert!(matches!(formulas(&zero, &mapping, &names, 2), Err(FormulaError::Model(_))));
}
