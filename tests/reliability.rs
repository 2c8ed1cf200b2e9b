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

/// `n` characters from a small generator, so a name does not compress away.
fn noise(seed: &mut u64, n: usize, alphabet: &[char]) -> String {
    (0..n)
        .map(|_| {
            *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            alphabet[usize::try_from(*seed >> 33).unwrap_or(0) % alphabet.len()]
        })
        .collect()
}

/// The largest shape the limits allow: 12 components of 40 signals, 20 gates,
/// every key, name, label and question 200 characters long.
fn largest(alphabet: &[char]) -> Model {
    use csql_calculator::model::core::limits::{MAX_COMPONENTS, MAX_GATES, MAX_NAME_LEN, MAX_SIGNALS};
    use csql_calculator::model::{Component, Gate, ScoreMode, Signal, SignalKind};
    let mut seed = 7;
    let mut name = || noise(&mut seed, MAX_NAME_LEN, alphabet);
    Model {
        account: String::new(),
        as_of: String::new(),
        threshold: "70".to_owned(),
        components: (0..MAX_COMPONENTS)
            .map(|_| Component {
                key: name(),
                name: name(),
                weight: "10".to_owned(),
                mode: ScoreMode::Signals,
                direct: String::new(),
                signals: (0..MAX_SIGNALS)
                    .map(|_| {
                        let (key, label) = (name(), name());
                        Signal::new(&key, &label, SignalKind::Rating, 1.0)
                    })
                    .collect(),
            })
            .collect(),
        gates: (0..MAX_GATES)
            .map(|_| Gate {
                key: name(),
                label: name(),
                question: name(),
                required: true,
                met: false,
            })
            .collect(),
    }
}

#[test]
fn the_largest_model_the_limits_allow_has_a_link_that_opens() {
    let alphabet: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
    let model = largest(&alphabet);
    assert_eq!(check(&model), Ok(()));
    let document = Document::new(model, None);
    let code = encode_link(&document);
    // Far over the 64 KiB the link reader used to take.
    assert!(code.len() > 64 * 1024, "{}", code.len());
    assert_eq!(decode_link(&code), Ok(document.clone()));
    // And the page says the link is long, offering the file instead.
    let mut state = CalcState::default();
    state.update(CalcEvent::ReplaceDocument(Box::new(document), "Opened.".to_owned()));
    let note = state.link_note.clone().unwrap_or_default();
    assert!(
        note.contains(&state.link.chars().count().to_string()) && note.contains("Export JSON"),
        "{note}"
    );
    // A default model's link is short, and nothing is said.
    assert_eq!(CalcState::default().link_note, None);
    let mut fresh = CalcState::default();
    fresh.update(CalcEvent::SetThreshold("65".to_owned()));
    assert!(fresh.link.len() < 8_000 && fresh.link_note.is_none());
}

#[test]
fn no_change_makes_a_document_larger_than_the_loader_reads() {
    use csql_calculator::model::share::MAX_JSON_LEN;
    // Four-byte characters: the largest shape is then close to the 1 MiB a
    // saved model or link may unpack to; scenarios push it over.
    let model = largest(&['\u{1d4c1}', '\u{1d4c2}', '\u{1d4c3}', '\u{1f600}']);
    let mut state = CalcState::default();
    state.update(CalcEvent::ReplaceDocument(
        Box::new(Document::new(model, None)),
        "Opened.".to_owned(),
    ));
    assert!(to_json(&state.document()).len() <= MAX_JSON_LEN);
    let mut refused = false;
    for n in 0..8 {
        state.update(CalcEvent::SaveScenario(format!("Scenario {n} {}", "\u{1f600}".repeat(150))));
        assert!(to_json(&state.document()).len() <= MAX_JSON_LEN);
        refused |= state.notices.iter().any(|n| n.message.contains("larger than 1024 KB"));
    }
    assert!(refused, "{}", to_json(&state.document()).len());
    let document = state.document();
    assert_eq!(from_json(&to_json(&document)), Ok(document.clone()));
    assert_eq!(decode_link(&encode_link(&document)), Ok(document));
}

#[test]
fn a_host_hears_which_entries_were_ignored_and_why() {
    use csql_calculator::model::calc::state::{HostRefusal, HostSet, Startup};
    use csql_calculator::model::core::effect::{Effect, HostMessage};
    let result_of = |effects: Vec<Effect<CalcEvent>>| match effects.last() {
        Some(Effect::PostToHost(HostMessage::Result(result))) => result.clone(),
        other => panic!("a result, not {other:?}"),
    };
    let set = || HostSet {
        values: BTreeMap::from([("engagement".to_owned(), "80".to_owned()), ("nonsense".to_owned(), "1".to_owned())]),
        wrong_type: vec!["fit".to_owned()],
        ..HostSet::default()
    };
    // A locked embed (the snippet's lock=1): Engagement is scored from its
    // signals, which a locked page keeps, so the score it was sent is ignored.
    let (mut locked, _) = CalcState::start(&Startup {
        query: "lock=1&weights=50,30,20".into(),
        in_frame: true,
        ..Startup::default()
    });
    let result = result_of(locked.update(CalcEvent::Host(set())));
    let said: Vec<(&str, &str)> = result.ignored.iter().map(|i| (i.key.as_str(), i.reason.as_str())).collect();
    assert_eq!(
        said,
        [
            ("engagement", HostRefusal::ScoredFromSignals.reason().as_str()),
            ("nonsense", HostRefusal::UnknownKey.reason().as_str()),
            ("fit", HostRefusal::WrongType.reason().as_str()),
        ]
    );
    assert_eq!(result.score, Some(0.0));
    // Unlocked, the same message switches Engagement to a typed score:
    // 80 x 50 / (50 + 30 + 20) = 40 points, the other two blank.
    let (mut open, _) = CalcState::start(&Startup {
        query: "weights=50,30,20".into(),
        in_frame: true,
        ..Startup::default()
    });
    let result = result_of(open.update(CalcEvent::Host(set())));
    assert_eq!(result.score, Some(40.0));
    assert_eq!(result.ignored.len(), 2);
    // After the reader types, the list is empty again.
    let result = result_of(open.update(CalcEvent::SetAccount("Acme".to_owned())));
    assert!(result.ignored.is_empty());
}

#[test]
fn a_model_file_too_large_or_not_utf8_says_so_plainly() {
    use csql_calculator::model::share::{from_bytes, MAX_JSON_LEN};
    // Over 1 MiB and cut inside a three-byte character: too large, not "invalid UTF-8".
    let mut big = "{\"version\": 1, \"x\": \"".as_bytes().to_vec();
    while big.len() <= MAX_JSON_LEN {
        big.extend_from_slice("\u{20ac}".as_bytes());
    }
    big.truncate(MAX_JSON_LEN + 1);
    assert!(std::str::from_utf8(&big).is_err());
    assert_eq!(from_bytes(&big), Err(LoadError::TooLarge(MAX_JSON_LEN + 1)));
    // Latin-1 text: the page says what to do.
    let latin1 = b"{\"version\": 1, \"name\": \"Caf\xe9\"}";
    let words = from_bytes(latin1).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(words.contains("not UTF-8 text") && words.contains("save it as UTF-8"), "{words}");
}

#[test]
fn a_version_that_is_not_one_this_page_wrote_is_named_as_such() {
    let said = |text: &str| from_json(text).err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(said(r#"{"version": "1"}"#), "it has an unknown format version (\"1\")");
    assert_eq!(
        said(r#"{"version": 12345678901234567890}"#),
        "it has an unknown format version (12345678901234567890)"
    );
    assert_eq!(said("[1, 2, 3]"), "it is not a CSQL calculator model: it is not a JSON object");
    assert_eq!(
        said(r#"{"threshold": "70"}"#),
        "it is not a CSQL calculator model: the version number is missing"
    );
}

#[test]
fn a_link_cut_short_says_it_is_damaged_or_cut_short() {
    let code = encode_link(&Document::new(Model::default(), None));
    for cut in [code.len() - 1, code.len() - 2, code.len() / 2] {
        let words = decode_link(&code[..cut]).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(words, "the link is damaged or cut short: copy the whole link again", "cut at {cut}");
    }
}

#[test]
fn a_table_name_with_an_empty_part_names_the_table() {
    use csql_calculator::model::sql::{to_sql, Dialect};
    let words = to_sql(&Model::default(), None, Dialect::Postgres, "a..b")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(
        words,
        "the table name \u{201c}a..b\u{201d} cannot be used: it has an empty part (two dots together, or a dot at either end)"
    );
}

#[test]
fn with_gates_missing_the_lever_speaks_of_the_score_not_of_qualifying() {
    use csql_calculator::model::calc::view::calculator;
    use csql_calculator::model::core::date::Date;
    use csql_calculator::model::ScoreMode;
    // Weights 40/30/30, typed scores 90/90/90: score 90, threshold 70; gates unmet.
    // Engagement alone could fall to (70 - 54) / 0.4 = 40 and the score stays at 70.
    let mut model = Model::default();
    for c in &mut model.components {
        c.mode = ScoreMode::Direct;
        c.direct = "90".into();
    }
    let view = calculator(&model, Date::default());
    assert_eq!(view.result.headline, "Gates missing");
    assert_eq!(view.result.rows[0].to_qualify, "The score stays at the threshold down to 40.0");
    assert!(view.result.rows.iter().all(|r| !r.to_qualify.contains("qualifies")));
    // With every gate met the same figure reads as qualifying.
    for g in &mut model.gates {
        g.met = true;
    }
    let view = calculator(&model, Date::default());
    assert_eq!(view.result.rows[0].to_qualify, "Still qualifies down to 40.0");
}

#[test]
fn an_invalid_number_signal_still_counts_as_filled_in() {
    use csql_calculator::model::calc::view::calculator;
    use csql_calculator::model::core::date::Date;
    let mut model = Model::default();
    let engagement = &mut model.components[0];
    let numbers = engagement
        .signals
        .iter()
        .filter(|s| s.kind != csql_calculator::model::SignalKind::YesNo)
        .count();
    assert_eq!(numbers, 3, "the default Engagement has three number signals");
    let first_number = engagement
        .signals
        .iter()
        .position(|s| s.kind != csql_calculator::model::SignalKind::YesNo)
        .unwrap_or(0);
    engagement.signals[first_number].value = "lots".into();
    let view = calculator(&model, Date::default());
    assert_eq!(
        view.components[0].answered.as_deref(),
        Some("1 of 3 number signals filled in: a blank one counts as 0, an unticked box as no.")
    );
}

#[test]
fn a_first_visit_to_the_programme_shows_no_red_before_anything_is_typed() {
    use csql_calculator::model::programme::ProgrammeState;
    let state = ProgrammeState::from_query("");
    let programme = &state.view.programme;
    assert!(programme.problems.is_empty(), "{:?}", programme.problems);
    assert_eq!(
        programme.pending(),
        "n/a until then: enter Team's CSQLs submitted, accepted and won."
    );
    // Once a count is typed, the blank ones are said.
    let typed = ProgrammeState::from_query("submitted=10");
    let messages: Vec<&str> = typed.view.programme.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages, ["Team, accepted: enter a number"]);
}

#[test]
fn a_50_mb_header_field_is_refused_with_its_limit() {
    use csql_calculator::model::book::{import, BadRows, BookError};
    use csql_calculator::model::core::date::Date;
    let mut bytes = b"id,".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 50_000_000));
    bytes.extend_from_slice(b"\r\nA,1\r\n");
    let result = import(&bytes, &Model::default(), BadRows::Skip, Date::default());
    assert_eq!(result.as_ref().err(), Some(&BookError::LongHeader(50_000_000)));
    let words = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        words,
        "the first row is not a header: one of its column names is 50000000 bytes long, and a column name is at most 4096 bytes"
    );
    // A real header, however many columns, is read.
    let wide: String = (0..300).map(|i| format!("Column number {i} of a wide CRM export,")).collect();
    let text = format!("id,{wide}\nA\n");
    assert!(import(text.as_bytes(), &Model::default(), BadRows::Skip, Date::default()).is_ok());
}

#[test]
fn a_locked_embed_says_nothing_about_storage_it_never_uses() {
    use csql_calculator::model::calc::state::{Startup, Stored};
    let start = |query: &str, embedded: bool| {
        CalcState::start(&Startup {
            query: query.into(),
            embedded,
            stored: Stored::Unavailable,
            ..Startup::default()
        })
        .0
    };
    // The full app would save: it says once, quietly, that it cannot.
    assert!(start("", false).notices.iter().any(|n| n.message.contains("cannot save here")));
    // A locked link and the embed page never save: nothing to say.
    assert!(start("lock=1", false).notices.is_empty());
    assert!(start("lock=1", true).notices.is_empty());
    assert!(start("", true).notices.is_empty());
}

#[test]
fn signal_points_add_up_to_their_component_points() {
    use csql_calculator::model::calc::view::calculator;
    use csql_calculator::model::core::date::Date;
    // Weights 40/30/30. Engagement: trend 10 (rating, 100), seats 50%, QBR yes
    // (100), responsiveness blank (0); shares 2/5, 1/5, 1/5, 1/5:
    // trend 100 x 0.4 x 0.4 = 16.0, seats 50 x 0.2 x 0.4 = 4.0, QBR 100 x 0.2 x 0.4 = 8.0,
    // responsiveness 0. Engagement: 28.0 points.
    let mut model = Model::default();
    for (signal, value) in model.components[0].signals.iter_mut().zip(["10", "50", "yes", ""]) {
        signal.value = value.to_owned();
    }
    let view = calculator(&model, Date::default());
    let row = &view.result.rows[0];
    let points: Vec<(&str, &str, &str)> = row
        .signals
        .iter()
        .map(|s| (s.key.as_str(), s.points.as_str(), s.counts.as_str()))
        .collect();
    assert_eq!(
        points,
        [
            ("active_users_trend", "+16.0", "counts 2 of 5"),
            ("seats_active", "+4.0", "counts 1 of 5"),
            ("qbr_attended", "+8.0", "counts 1 of 5"),
            ("responsiveness", "+0.0", "counts 1 of 5"),
        ]
    );
    assert_eq!(row.points, "28.0");
}
