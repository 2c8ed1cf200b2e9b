//! Keeping and sharing models: JSON documents, link codes, start-up order, the
//! editor's actions and lock. Expected values are worked out by hand.
#![cfg(not(target_arch = "wasm32"))]

use csql_calculator::model::calc::state::{CalcEvent, CalcState, KindChoice, Startup, Stored};
use csql_calculator::model::core::notice::NoticeAction;
use csql_calculator::model::programme::Benchmarks;
use csql_calculator::model::share::{
    code_in_fragment, decode_link, encode_link, from_json, to_json, Document, LoadError, ShapeProblem, MAX_CODE_LEN,
};
use csql_calculator::model::{evaluate, Component, Direction, Gate, Model, Scale, ScoreMode, Signal, SignalKind, Verdict};
use proptest::prelude::*;

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

/// Made by the first release with share links. It must open identically in every later release.
const FROZEN_LINK: &str = "1.tVZhixs3EP0rg6CQgq_1JVxpTQgk0EKgH9q0-RSOZVY7Xgtrpb2V1o457r_naWXHcmKCj0u-mPU8SfNm5s1I92ojQzDeqcX1THW-EasW90r7rvdOXAxq8eFerWWnFkpcy610sKqZctwJbH-Wtq2YdhVhvZmrfBi-GzOITuj-Y6F-T2gwrWNbHs86mo1UYwChKg7iGiyzXCdG6vUEXiWQJoz8Jn2uhCyHSHcjDxGGZ3NasrXGtTO6oaXlOKPrObWD38IGLMSfceza4HTEGXd94jhwBKoejiE8_2V-YDwlR_U-mEQBmzdsx7QL6w_cg3AMVY6gYP230eKCNDThlHEy7sj7xZwa3gV69tMZWr0MOmW24HX9OF539VBxjMiXnGRzbzry-PfNu6_97yRUzj_B_SABMgrAnYRQEHh3AlD0JB0bixShsp1IKgeSMr-6nl9Urst43R6ZLU0h4r_MiXpffFO9v51XL5RZacZPx1GvilD_X4kZCDAlmCZYAvlxoIkZ9YPPbEH8ghI8UplG91WQdt-hp6T29s-ckhpMI2xJjyH6Dv0Ecktj5Qdow7gobaokdFAwe1uYSXvncNyk3S_8az9OEWnu1eImuQ6abULQ_MLDk9SRuJVT7u30n17Wr6DUNEte_lq_KiXzvJDMQRuFZs4qppadd03VW3Zla4Y1-pJrP0ZaYmqM6CHKS1N9ULX9hu9SD-wqSpJOxvzFQC8IvU__yS8nv2RNZ-L3HVd_zAsKTrZViLyWlbeNDGViCBhF4Y48pHtcQyZQKhgSdVYpT1ZqPTatxErvtJXK9-K-aqS8gqYVic5-0eOJOGn5jDBvZyquEF8KOI2gG-BYKKWc0KnNqGOVJ9uB3z_ZStl6NyJH2ROIk3zs2aXLn4K3G-iMU7_XVjpIzaT7auoyWnFS8yB3I6iCQBxGgdwFEeCyDXJM1XnxHDuiIJChhiNTzXqdp48TaWbkfCS8PuhQFur8fn5dwuG8fP4rBFOPuyvjTum8pka0mZLRYeWkqvzgaaZLact4DJG5lERWROH_zcFQ-My2Sb8N4jNLA2c-v2rAMT1YvpTUWd_p8-g6okVxOxYaPRhOy7_DheSSH9oalNvtC_AxUsAgDdn1N13ePjx8Ag";

#[test]
fn the_frozen_link_still_opens_with_the_same_score() {
    let model = decode_link(FROZEN_LINK).expect("a link from an earlier release opens").model;
    assert_eq!(decode_link(FROZEN_LINK).unwrap().targets, None);
    let weights: Vec<&str> = model.components.iter().map(|c| c.weight.as_str()).collect();
    assert_eq!(weights, ["50", "30", "20"]);
    assert_eq!(model.threshold, "65");
    assert_eq!(model.components[2].name, "Intent <b>to grow</b>");
    assert_eq!(model.components[2].signals[3].direction, Direction::Negative);
    // Intent from signals: beyond plan yes 100, plan usage 90, new stakeholder unticked 0,
    // budget cycle unticked but counting against: 100 - 0 = 100. (100 + 90 + 0 + 100) / 4 = 72.5.
    // Score: (80 x 50 + 60 x 30 + 72.5 x 20) / 100 = (4000 + 1800 + 1450) / 100 = 72.5.
    let e = evaluate(&model, TODAY);
    assert!((e.parts[2].score.unwrap() - 72.5).abs() < 1e-9, "{:?}", e.parts[2]);
    assert!((e.score.unwrap() - 72.5).abs() < 1e-9);
    // Budget and timing are ticked; the other three required gates are not.
    assert_eq!(
        e.verdict,
        Verdict::GatesMissing(vec!["Product fit".into(), "Usage signals".into(), "Stakeholder buy-in".into()])
    );
}

#[test]
fn the_fragment_key_is_found_among_others() {
    assert_eq!(code_in_fragment("#m=1.abc"), Some("1.abc"));
    assert_eq!(code_in_fragment("#x=2&m=1.abc"), Some("1.abc"));
    assert_eq!(code_in_fragment("#section"), None);
    assert_eq!(code_in_fragment(""), None);
}

#[test]
fn hostile_links_are_refused_with_a_reason() {
    let good = encode_link(&doc(Model::default()));
    assert_eq!(decode_link("2.abc"), Err(LoadError::NewerVersion(2)));
    assert_eq!(decode_link("1.%%%"), Err(LoadError::BadEncoding));
    assert_eq!(decode_link("no-dot"), Err(LoadError::BadEncoding));
    // Cut in half on a whole base64 quantum, so the text decodes but the data is truncated.
    let half = 2 + (good.len() - 2) / 8 * 4;
    assert_eq!(decode_link(&good[..half]), Err(LoadError::BadCompression));
    // Cut anywhere else, it is not even base64.
    assert_eq!(decode_link(&good[..half + 1]), Err(LoadError::BadEncoding));
    let huge = format!("1.{}", "A".repeat(MAX_CODE_LEN));
    assert!(matches!(decode_link(&huge), Err(LoadError::TooLarge(_))));
    // A decompression bomb: 20 MB of spaces deflate to about 20 KB; the inflater stops at 1 MB.
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 20 * 1024 * 1024], 10);
    let code = format!("1.{}", base64_url(&bomb));
    assert!(code.len() < MAX_CODE_LEN, "the bomb link is small: {}", code.len());
    assert_eq!(decode_link(&code), Err(LoadError::UnpacksTooLarge));
    // Valid JSON that is not a model.
    let not_a_model = format!("1.{}", base64_url(&miniz_oxide::deflate::compress_to_vec(b"{\"version\":1}", 6)));
    assert!(matches!(
        decode_link(&not_a_model),
        Err(LoadError::NotAModel {
            problem: ShapeProblem::Missing("the model"),
            ..
        })
    ));
}

fn doc(model: Model) -> Document {
    Document::new(model, None)
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine as _;

    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn documents_check_version_and_shape() {
    let json = to_json(&doc(Model::default()));
    assert_eq!(from_json(&json), Ok(doc(Model::default())));
    assert_eq!(
        from_json(&json.replace("\"version\": 1", "\"version\": 7")),
        Err(LoadError::NewerVersion(7))
    );
    assert_eq!(
        from_json(&json.replace("\"version\": 1", "\"version\": 0")),
        Err(LoadError::UnknownVersion("0".into()))
    );
    assert!(matches!(from_json("{not json"), Err(LoadError::NotJson { .. })));
    let mut empty = Model::default();
    empty.components.clear();
    assert_eq!(
        from_json(&to_json(&doc(empty.clone()))),
        Err(LoadError::BadModel(
            csql_calculator::model::share::document::ModelProblem::NoComponent
        ))
    );
    let mut long = Model::default();
    long.components[0].name = "x".repeat(201);
    assert!(matches!(from_json(&to_json(&doc(long.clone()))), Err(LoadError::BadModel(_))));
    let mut zero_cap = Model::default();
    zero_cap.components[1].signals[2].kind = SignalKind::Count {
        cap: 0.0,
        scale: Scale::Linear,
    };
    assert!(matches!(from_json(&to_json(&doc(zero_cap.clone()))), Err(LoadError::BadModel(m)) if m.to_string().contains("cap above 0")));
}

fn startup(query: &str, fragment: &str, stored: Stored) -> CalcState {
    CalcState::start(&Startup {
        query: query.into(),
        fragment: fragment.into(),
        stored,
        ..Startup::default()
    })
    .0
}

#[test]
fn start_up_prefers_link_then_saved_then_default() {
    let mine = Model {
        threshold: "80".into(),
        ..Model::default()
    };
    let saved = Stored::Text(to_json(&doc(mine.clone())));
    // Saved model only: restored as it was, silently.
    let state = startup("", "", saved.clone());
    assert_eq!(state.model, mine);
    assert!(state.notices.is_empty());
    // A share link replaces it, and undo brings it back.
    let shared = Model {
        threshold: "55".into(),
        ..Model::default()
    };
    let mut state = startup("", &format!("#m={}", encode_link(&doc(shared.clone()))), saved.clone());
    assert_eq!(state.model.threshold, "55");
    assert_eq!(state.notices.len(), 1);
    assert_eq!(state.notices[0].action, Some(NoticeAction::Undo));
    state.apply(CalcEvent::Undo);
    assert_eq!(state.model, mine);
    assert!(state.notices.is_empty());
    // A pre-filled query starts from the default model, not the saved one.
    let state = startup("weights=1,1,1", "", saved.clone());
    assert_eq!(state.model.threshold, "70");
    // A broken link falls back to the saved model and says so.
    let state = startup("", "#m=1.%%%", saved);
    assert_eq!(state.model, mine);
    assert!(state.notices[0]
        .message
        .starts_with("This share link could not be opened: the link is damaged"));
    assert!(state.notices[0]
        .message
        .ends_with("Showing the model saved in this browser instead."));
}

#[test]
fn corrupt_or_unavailable_storage_keeps_the_page_working() {
    let state = startup("", "", Stored::Text("{\"version\":1,\"model\":".into()));
    assert_eq!(state.model, Model::default());
    assert_eq!(state.notices[0].action, Some(NoticeAction::DownloadBackup));
    assert_eq!(state.backup.as_deref(), Some("{\"version\":1,\"model\":"));
    let state = startup("", "", Stored::Unavailable);
    assert_eq!(state.notices.len(), 1);
    assert!(state.notices[0].message.contains("cannot save here"));
    assert!(state.notices[0].quiet, "said once, quietly");
}

#[test]
fn lock_keeps_criteria_and_lets_signals_in() {
    let mut state = startup("lock=1&weights=50,30,20&engagement=80", "", Stored::Nothing);
    assert!(state.locked);
    let before = state.model.clone();
    for action in [
        CalcEvent::SetWeight(0, "1".into()),
        CalcEvent::SetThreshold("10".into()),
        CalcEvent::SetGateRequired(0, false),
        CalcEvent::SetMode(0, ScoreMode::Signals),
        CalcEvent::AddComponent,
        CalcEvent::RemoveGate(0),
        CalcEvent::ResetModel,
    ] {
        state.apply(action);
    }
    assert_eq!(state.model, before);
    state.apply(CalcEvent::SetDirect(0, "90".into()));
    state.apply(CalcEvent::SetSignal(1, 0, "yes".into()));
    state.apply(CalcEvent::SetGateMet(0, true));
    assert_eq!(state.model.components[0].direct, "90");
    assert_eq!(state.model.components[1].signals[0].value, "yes");
    assert!(state.model.gates[0].met);
}

#[test]
fn editing_components_signals_and_gates() {
    let mut state = CalcState::default();
    state.apply(CalcEvent::AddComponent);
    assert_eq!(state.model.components.len(), 4);
    let added = &state.model.components[3];
    assert_eq!(
        (added.key.as_str(), added.name.as_str(), added.weight.as_str()),
        ("component_1", "Component 4", "10")
    );
    state.apply(CalcEvent::RenameComponent(3, "Long-term value".into()));
    // Give it a yes/no signal counted against: an open escalation.
    state.apply(CalcEvent::SetSignalKind(3, 0, KindChoice::YesNo));
    state.apply(CalcEvent::SetSignalDirection(3, 0, Direction::Negative));
    state.apply(CalcEvent::RenameSignal(3, 0, "Open escalation".into()));
    state.apply(CalcEvent::SetSignal(3, 0, "yes".into()));
    let e = evaluate(&state.model, TODAY);
    assert_eq!(e.parts[3].score, Some(0.0));
    // Weights 40/30/30/10 over 110; only this component could score and it scores 0.
    assert!((e.parts[3].share.unwrap() - 100.0 * 10.0 / 110.0).abs() < 1e-9);

    // A count signal: cap 4, log scale. ln(1 + 1) / ln(1 + 4) = 0.4307 -> 43.07.
    state.apply(CalcEvent::AddSignal(3));
    state.apply(CalcEvent::SetSignalKind(3, 1, KindChoice::Count));
    state.apply(CalcEvent::SetSignalCap(3, 1, 4.0));
    state.apply(CalcEvent::SetSignalScale(3, 1, Scale::Log));
    state.apply(CalcEvent::SetSignalWeight(3, 1, 3.0));
    state.apply(CalcEvent::SetSignalCap(3, 1, -1.0)); // refused
    state.apply(CalcEvent::SetSignalWeight(3, 1, f64::NAN)); // refused
    state.apply(CalcEvent::SetSignal(3, 1, "1".into()));
    let log = 2f64.ln() / 5f64.ln() * 100.0;
    // (0 x 1 + 43.07 x 3) / 4.
    let e = evaluate(&state.model, TODAY);
    assert!((e.parts[3].score.unwrap() - log * 3.0 / 4.0).abs() < 1e-9);
    assert_eq!(state.model.components[3].signals[1].key, "signal_2");

    state.apply(CalcEvent::AddGate);
    state.apply(CalcEvent::RenameGate(5, "Security review".into()));
    assert_eq!(state.model.gates[5].key, "gate_1");
    state.apply(CalcEvent::RemoveGate(0));
    assert_eq!(state.model.gates[0].key, "usage");
    state.apply(CalcEvent::Undo);
    assert_eq!(state.model.gates[0].key, "product_fit");
}

#[test]
fn the_last_component_stays_and_reset_can_be_undone() {
    let mut state = CalcState::default();
    state.apply(CalcEvent::RemoveComponent(0));
    state.apply(CalcEvent::RemoveComponent(0));
    state.apply(CalcEvent::RemoveComponent(0));
    assert_eq!(state.model.components.len(), 1);
    assert_eq!(state.model.components[0].key, "intent");
    state.apply(CalcEvent::ResetModel);
    assert_eq!(state.model, Model::default());
    state.apply(CalcEvent::Undo);
    assert_eq!(state.model.components.len(), 1);
    // Reset of an untouched model does nothing and offers nothing to undo.
    let mut fresh = CalcState::default();
    fresh.apply(CalcEvent::ResetModel);
    assert!(fresh.notices.is_empty() && fresh.previous.is_none());
}

/// A name, key or label: any text without control characters (issue 15: the
/// document check refuses those, as the SQL export always did).
fn text() -> impl Strategy<Value = String> {
    "[^\\p{Cc}]{0,30}"
}

/// A typed number box holds at most `limits::MAX_NUMBER_LEN` (24) characters.
fn typed() -> impl Strategy<Value = String> {
    ".{0,24}"
}

fn signal(i: usize) -> impl Strategy<Value = Signal> {
    (text(), 0..4u8, 0.01f64..1000.0, any::<bool>(), 0.0f64..10.0, any::<bool>(), typed()).prop_map(
        move |(label, kind, cap, log, weight, negative, value)| Signal {
            key: format!("s{i}"),
            label,
            kind: match kind {
                0 => SignalKind::Count {
                    cap,
                    scale: if log { Scale::Log } else { Scale::Linear },
                },
                1 => SignalKind::YesNo,
                2 => SignalKind::Rating,
                _ => SignalKind::Percent,
            },
            weight,
            direction: if negative { Direction::Negative } else { Direction::Positive },
            value,
        },
    )
}

fn component(i: usize) -> impl Strategy<Value = Component> {
    (
        text(),
        typed(),
        any::<bool>(),
        typed(),
        (0..5usize).prop_flat_map(|n| (0..n).map(signal).collect::<Vec<_>>()),
    )
        .prop_map(move |(name, weight, direct, typed, signals)| Component {
            key: format!("c{i}"),
            name,
            weight,
            mode: if direct { ScoreMode::Direct } else { ScoreMode::Signals },
            direct: typed,
            signals,
        })
}

fn model() -> impl Strategy<Value = Model> {
    let components = (1..5usize).prop_flat_map(|n| (0..n).map(component).collect::<Vec<_>>());
    let gates = prop::collection::vec((text(), text(), any::<bool>(), any::<bool>()), 0..6).prop_map(|gates| {
        gates
            .into_iter()
            .enumerate()
            .map(|(i, (label, question, required, met))| Gate {
                key: format!("g{i}"),
                label,
                question,
                required,
                met,
            })
            .collect::<Vec<_>>()
    });
    (components, typed(), gates).prop_map(|(components, threshold, gates)| Model {
        account: String::new(),
        as_of: String::new(),
        components,
        threshold,
        gates,
    })
}

proptest! {
    #[test]
    fn model_to_link_to_model(model in model()) {
        prop_assert_eq!(decode_link(&encode_link(&doc(model.clone()))).map(|d| d.model), Ok(model));
    }

    #[test]
    fn model_to_json_to_model(model in model()) {
        prop_assert_eq!(from_json(&to_json(&doc(model.clone()))).map(|d| d.model), Ok(model));
    }

    #[test]
    fn link_decoder_never_panics_on_any_text(code in ".{0,400}") {
        let _ = decode_link(&code);
        let _ = decode_link(&format!("1.{code}"));
    }

    #[test]
    fn decoders_never_panic_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = decode_link(&format!("1.{}", base64_url(&bytes)));
        let _ = from_json(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn a_link_pasted_into_an_open_page_opens_with_undo() {
    let mut state = CalcState::default();
    state.apply(CalcEvent::SetWeight(0, "55".into()));
    let shared = Model {
        threshold: "60".into(),
        ..Model::default()
    };
    state.apply(CalcEvent::OpenFragment(format!("#m={}", encode_link(&doc(shared.clone())))));
    assert_eq!(state.model, shared);
    state.apply(CalcEvent::Undo);
    assert_eq!(state.model.components[0].weight, "55");
    state.apply(CalcEvent::OpenFragment("#m=1.%%%".into()));
    assert_eq!(state.model.components[0].weight, "55");
    assert!(state
        .notices
        .last()
        .unwrap()
        .message
        .starts_with("This share link could not be opened"));
    // A locked page keeps its criteria whatever the fragment says.
    let mut locked = startup("lock=1", "", Stored::Nothing);
    locked.apply(CalcEvent::OpenFragment(format!("#m={}", encode_link(&doc(shared.clone())))));
    assert_eq!(locked.model.threshold, "70");
}

#[test]
fn team_targets_travel_with_the_model_and_bad_ones_are_refused() {
    let mut targets = Benchmarks::default();
    targets.smb.volume.good = 3.0;
    let document = Document::new(Model::default(), Some(targets.clone()));
    assert_eq!(decode_link(&encode_link(&document)), Ok(document.clone()));
    assert_eq!(from_json(&to_json(&document)), Ok(document));
    // Start-up restores them from storage; a locked page cannot change them.
    let saved = Stored::Text(to_json(&Document::new(Model::default(), Some(targets.clone()))));
    let mut state = startup("", "", saved);
    assert_eq!(state.targets, Some(targets.clone()));
    state.apply(CalcEvent::SetTargets(None));
    assert_eq!(state.targets, None);
    let mut locked = startup(
        "lock=1",
        &format!("#m={}", encode_link(&Document::new(Model::default(), Some(targets.clone())))),
        Stored::Nothing,
    );
    locked.apply(CalcEvent::SetTargets(None));
    assert_eq!(locked.targets, Some(targets.clone()));
    // Great below good cannot be used.
    targets.smb.volume.great = 1.0;
    let bad = to_json(&Document::new(Model::default(), Some(targets)));
    assert!(matches!(from_json(&bad), Err(LoadError::BadModel(m)) if m.to_string().starts_with("its benchmark targets are not usable")));
}
