//! The whole app's `update`: views as addresses, one home for the benchmark
//! targets, and the book-to-programme hand-off.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use csql_calculator::model::book::BookEvent;
use csql_calculator::model::calc::state::{CalcEvent, Startup};
use csql_calculator::model::core::effect::{Effect, StorageKey};
use csql_calculator::model::evidence::state::EvidenceEvent;
use csql_calculator::model::programme::{evaluate, Benchmarks, Measure, Period, ProgrammeEvent, Segment, Tier};
use csql_calculator::model::root::{AppEvent, AppStartup, AppState};
use csql_calculator::model::share::route::View;
use csql_calculator::model::share::{encode_link, Document};
use csql_calculator::model::Model;

fn app(query: &str) -> AppState {
    AppState::start(&AppStartup {
        calc: Startup {
            query: query.into(),
            ..Startup::default()
        },
        saved_mapping: None,
    })
    .0
}

/// Runs yields the way the shell does.
fn settle(state: &mut AppState, effects: Vec<Effect<AppEvent>>) {
    common::settle(effects, |event| state.update(event));
}

fn smb_great(state: &AppState) -> Option<f64> {
    state.calc.targets.as_ref().map(|t| t.smb.volume.great)
}

#[test]
fn tabs_are_addresses_and_back_and_forward_follow_them() {
    let mut state = app("weights=50,30,20");
    assert_eq!(state.view, View::Account);
    let effects = state.update(AppEvent::Show(View::Book));
    assert_eq!(
        effects,
        vec![Effect::SetAddress {
            query: "?view=book&weights=50,30,20".into(),
            push: true
        }]
    );
    assert_eq!(state.visited, vec![View::Account, View::Book]);
    // Showing the view already showing records nothing.
    assert!(state.update(AppEvent::Show(View::Book)).is_empty());
    // Back: the address changed first, the page follows without a new entry.
    assert!(state.update(AppEvent::Navigated("?weights=50,30,20".into())).is_empty());
    assert_eq!(state.view, View::Account);
    // A reload of ?view=programme opens it.
    assert_eq!(app("?view=programme").view, View::Programme);
}

#[test]
fn the_targets_have_one_home_and_undo_import_and_links_reach_the_programme() {
    let mut state = app("");
    // Editing a bound on the Programme page changes the document's targets and saves them.
    let effects = state.update(AppEvent::Programme(ProgrammeEvent::SetBenchmark(
        Segment::Smb,
        Measure::Volume,
        Tier::Great,
        "6".into(),
    )));
    assert_eq!(smb_great(&state), Some(6.0));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Save {
            key: StorageKey::Model,
            ..
        }
    )));
    // A link with other targets opens: the Programme view measures against them at once.
    let mut theirs = Benchmarks::default();
    theirs.smb.volume.great = 5.0;
    let link = encode_link(&Document::new(Model::default(), Some(theirs)));
    state.update(AppEvent::Calc(CalcEvent::OpenFragment(format!("#m={link}"))));
    assert_eq!(smb_great(&state), Some(5.0));
    let table = state.programme.table(state.calc.targets.as_ref());
    assert_eq!(table.smb.volume.great, 5.0);
    // The next edit on the Programme page starts from the opened targets, not a stale copy.
    state.update(AppEvent::Programme(ProgrammeEvent::SetBenchmark(
        Segment::Smb,
        Measure::Volume,
        Tier::Good,
        "2".into(),
    )));
    let targets = state.calc.targets.clone().unwrap_or_default();
    assert_eq!((targets.smb.volume.good, targets.smb.volume.great), (2.0, 5.0));
    // Undo goes back to before the link; the typed text is forgotten with it.
    state.update(AppEvent::Calc(CalcEvent::Undo));
    assert_eq!(smb_great(&state), Some(6.0));
    assert!(state.programme.typed.is_empty());
    let texts = state.programme.benchmark_texts(state.calc.targets.as_ref());
    assert!(texts.contains(&(Segment::Smb, Measure::Volume, Tier::Great, "6".to_owned())));
}

#[test]
fn a_locked_model_keeps_its_targets_on_the_programme_page() {
    let mut theirs = Benchmarks::default();
    theirs.smb.volume.great = 5.0;
    let link = encode_link(&Document::new(Model::default(), Some(theirs)));
    let (mut state, _) = AppState::start(&AppStartup {
        calc: Startup {
            query: "lock=1".into(),
            fragment: format!("#m={link}"),
            ..Startup::default()
        },
        saved_mapping: None,
    });
    state.update(AppEvent::Programme(ProgrammeEvent::SetBenchmark(
        Segment::Smb,
        Measure::Volume,
        Tier::Great,
        "3".into(),
    )));
    state.update(AppEvent::Programme(ProgrammeEvent::RestoreBenchmarks));
    assert_eq!(smb_great(&state), Some(5.0));
}

#[test]
fn a_book_with_outcomes_fills_the_programme_view() {
    let mut state = app("");
    let effects = state.update(AppEvent::Book(BookEvent::LoadSample));
    settle(&mut state, effects);
    let owners = state.book.derived.as_ref().and_then(|d| d.owners_with_outcomes);
    assert!(owners.is_some_and(|n| n > 1), "{owners:?}");
    // How long the book covers is asked, never assumed.
    assert!(state.update(AppEvent::MeasureFromBook).is_empty());
    assert_eq!(state.view, View::Account);
    state.update(AppEvent::Book(BookEvent::ChooseMeasurePeriod("year".into())));
    let effects = state.update(AppEvent::MeasureFromBook);
    assert_eq!(state.programme.input.period, Period::Year);
    assert_eq!(state.view, View::Programme);
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::SetAddress { query, .. } if query == "?view=programme")));
    assert_eq!(Some(state.programme.input.rows.len()), owners);
    // The rows are the book's: every accepted count is a whole number, and the team accepted some.
    let programme = evaluate(&state.programme.input, &state.programme.table(state.calc.targets.as_ref()));
    assert!(programme.team.is_some());
}

#[test]
fn a_weight_change_on_the_calculator_rescores_the_loaded_book() {
    let mut state = app("");
    let effects = state.update(AppEvent::Book(BookEvent::LoadSample));
    settle(&mut state, effects);
    let before = state.book.derived.as_ref().map(|d| d.summary.csqls);
    // Threshold 0: every account without a missing required gate qualifies on score.
    state.update(AppEvent::Calc(CalcEvent::SetThreshold("0".into())));
    let after = state
        .book
        .derived
        .as_ref()
        .map(|d| (d.summary.csqls, d.summary.csqls + d.summary.gates_missing, d.summary.accounts));
    assert!(after.is_some_and(|(csqls, qualified, accounts)| qualified == accounts && Some(csqls) >= before));
}

#[test]
fn the_evidence_flow_fits_applies_with_undo_and_compares_scenarios_that_travel_in_the_link() {
    use csql_calculator::model::evidence::page::FitState;
    let mut state = app("");
    let effects = state.update(AppEvent::Book(BookEvent::LoadSample));
    settle(&mut state, effects);
    // The backtest of the default weights is there as soon as the book is.
    let evidence = state.evidence.figures.clone().unwrap_or_else(|| panic!("evidence"));
    let won = evidence.view.won.clone().unwrap_or_else(|e| panic!("{e}"));
    assert!(won.qualified.parse::<usize>().is_ok_and(|n| n > 0), "{won:?}");
    assert!(evidence.view.chart.is_some());
    assert_eq!(evidence.view.table.len(), 101);
    // Fit, a few steps per paint, until the suggestion is ready.
    let effects = state.update(AppEvent::Evidence(EvidenceEvent::Fit));
    assert!(matches!(state.evidence.fit, FitState::Running { .. }));
    settle(&mut state, effects);
    let FitState::Ready { suggestion, .. } = state.evidence.fit.clone() else {
        panic!("{:?}", state.evidence.fit)
    };
    // Keep it as a scenario, and the current criteria as another: both chosen for comparison.
    state.update(AppEvent::SaveFitted);
    state.update(AppEvent::SaveScenario("Current".into()));
    assert_eq!(
        state.calc.scenarios.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["Fitted", "Current"]
    );
    let comparison = state.evidence.figures.as_ref().and_then(|e| e.comparison.clone());
    let comparison = comparison
        .unwrap_or_else(|| panic!("a comparison"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(comparison.columns.len(), 2);
    assert_eq!(comparison.flips, suggestion.change.flips.len().to_string());
    // Apply: the calculator's weights become the fitted ones; undo brings the old ones back.
    let before: Vec<String> = state.calc.model.components.iter().map(|c| c.weight.clone()).collect();
    state.update(AppEvent::ApplyFitted);
    let after: Vec<String> = state.calc.model.components.iter().map(|c| c.weight.clone()).collect();
    assert_eq!(after, suggestion.weights_text);
    assert_ne!(after, before);
    state.update(AppEvent::Calc(CalcEvent::Undo));
    let undone: Vec<String> = state.calc.model.components.iter().map(|c| c.weight.clone()).collect();
    assert_eq!(undone, before);
    // The scenarios travel in the share link: a colleague opening it sees them.
    let link = state.calc.link.split("#m=").nth(1).unwrap_or_default().to_owned();
    let theirs = app_with_fragment(&format!("#m={link}"));
    assert_eq!(theirs.calc.scenarios, state.calc.scenarios);
}

#[test]
fn a_locked_model_applies_no_fit_and_saves_no_scenario() {
    let (mut state, _) = AppState::start(&AppStartup {
        calc: Startup {
            query: "lock=1".into(),
            ..Startup::default()
        },
        saved_mapping: None,
    });
    let effects = state.update(AppEvent::Book(BookEvent::LoadSample));
    settle(&mut state, effects);
    let effects = state.update(AppEvent::Evidence(EvidenceEvent::Fit));
    settle(&mut state, effects);
    let before = state.calc.model.clone();
    state.update(AppEvent::ApplyFitted);
    state.update(AppEvent::SaveScenario("Mine".into()));
    assert_eq!(state.calc.model, before);
    assert!(state.calc.scenarios.is_empty());
}

fn app_with_fragment(fragment: &str) -> AppState {
    AppState::start(&AppStartup {
        calc: Startup {
            fragment: fragment.into(),
            ..Startup::default()
        },
        saved_mapping: None,
    })
    .0
}

// ------------------------------------------------------------ a model from the file (issue 17)

/// 400 accounts whose outcomes are drawn from a known model: only the two
/// intent columns decide closed-won (won with chance 5%, 45% or 90% as 0, 1
/// or 2 of them say yes); seats, logins and employees are noise.
fn drawn_book() -> String {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        // xorshift64*: a fixed stream, the same on every run.
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        (seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut csv = String::from(
        "\u{feff}Record ID,Company owner,Seat Utilization,Logins Last 30 Days,Number of Employees,Budget Approved,Expansion Interest,Closed Won\r\n",
    );
    for i in 0..400 {
        let seats = (next() * 100.0).round();
        let logins = (next() * 500.0).round();
        let employees = (next() * 20_000.0).round() as u64;
        let budget = next() < 0.5;
        let expansion = next() < 0.5;
        let chance = [0.05, 0.45, 0.9][usize::from(budget) + usize::from(expansion)];
        let won = next() < chance;
        let yes = |b: bool| if b { "Yes" } else { "No" };
        let employees = if employees >= 1000 {
            format!("\"{},{:03}\"", employees / 1000, employees % 1000)
        } else {
            employees.to_string()
        };
        csv.push_str(&format!(
            "{},{},{seats}%,{logins},{employees},{},{},{}\r\n",
            5_123_456_000u64 + i,
            if i % 2 == 0 { "Ana" } else { "Bo" },
            yes(budget),
            yes(expansion),
            yes(won)
        ));
    }
    csv
}

fn won_auc(state: &AppState) -> f64 {
    let evidence = state.evidence.figures.clone().unwrap_or_else(|| panic!("evidence"));
    let won = evidence.view.won.clone().unwrap_or_else(|e| panic!("{e}"));
    won.auc.parse().unwrap_or_else(|e| panic!("{e}: {}", won.auc))
}

#[test]
fn a_model_built_from_the_file_then_fitted_ranks_the_outcomes_drawn_from_a_known_model() {
    use csql_calculator::model::book::unmapped::Unmapped;
    use csql_calculator::model::evidence::page::FitState;
    let mut state = app("");
    state.update(AppEvent::Book(BookEvent::Paste(drawn_book())));
    let effects = state.update(AppEvent::Book(BookEvent::LoadPaste));
    settle(&mut state, effects);
    assert_eq!(state.book.derived.as_ref().map(|d| d.summary.accounts), Some(400));
    // The default model has no column here: every account scores 0.
    assert!(state
        .book
        .derived
        .as_ref()
        .and_then(|d| d.unmapped.clone())
        .is_some_and(|u| u.labels.len() == 11));

    state.update(AppEvent::Book(BookEvent::ProposeModel));
    let Some(Ok(proposal)) = state.book.proposal.clone() else {
        panic!("{:?}", state.book.proposal)
    };
    // Every usable column, each in the component its name suggests; the id,
    // owner and outcome are account fields, not signals.
    let groups: Vec<(&str, Option<usize>)> = proposal.columns.iter().map(|c| (c.header.as_str(), c.group)).collect();
    assert_eq!(
        groups,
        vec![
            ("Seat Utilization", Some(0)),
            ("Logins Last 30 Days", Some(0)),
            ("Number of Employees", Some(1)),
            ("Budget Approved", Some(2)),
            ("Expansion Interest", Some(2)),
        ]
    );
    assert!(
        proposal.columns[1].reading.starts_with("a count, 100 at "),
        "{}",
        proposal.columns[1].reading
    );
    let before = state.calc.model.clone();
    state.update(AppEvent::AcceptProposal);
    let shape = common::shape(&state.calc.model);
    assert_eq!(
        shape,
        vec![
            (
                "engagement".to_owned(),
                vec!["seat_utilization".to_owned(), "logins_last_30_days".to_owned()]
            ),
            ("fit".to_owned(), vec!["number_of_employees".to_owned()]),
            (
                "intent".to_owned(),
                vec!["budget_approved".to_owned(), "expansion_interest".to_owned()]
            ),
        ]
    );
    // Every signal is fed, every row read, and the gates and threshold are kept.
    let derived = state.book.derived.clone().unwrap_or_else(|| panic!("derived"));
    assert_eq!(derived.unmapped, None::<std::rc::Rc<Unmapped>>);
    assert_eq!(derived.summary.accounts, 400);
    assert_eq!(state.calc.model.gates, before.gates);
    assert_eq!(state.calc.model.threshold, before.threshold);
    let settle_paint = state.update(AppEvent::Book(BookEvent::Painted));
    settle(&mut state, settle_paint);
    let default_weights = won_auc(&state);

    // Fit and apply: Intent, which alone decides the outcomes, gets the largest weight.
    let effects = state.update(AppEvent::Evidence(EvidenceEvent::Fit));
    settle(&mut state, effects);
    let FitState::Ready { suggestion, .. } = state.evidence.fit.clone() else {
        panic!("{:?}", state.evidence.fit)
    };
    assert!(
        suggestion.suggested[2] > suggestion.suggested[0] && suggestion.suggested[2] > suggestion.suggested[1],
        "{:?}",
        suggestion.suggested
    );
    assert!(suggestion.suggested[2] > 60.0, "{:?}", suggestion.suggested);
    state.update(AppEvent::ApplyFitted);
    let fitted = won_auc(&state);
    // Ranking by the two intent answers alone gives about 0.82 (worked out from
    // the chances above); the fitted model reaches it, the 40/30/30 one does not.
    assert!(
        fitted > 0.75 && fitted > default_weights,
        "fitted {fitted}, default weights {default_weights}"
    );
}

#[test]
fn building_a_model_from_the_file_is_one_undoable_edit_and_columns_can_move_or_stay_out() {
    let mut state = app("");
    state.update(AppEvent::Book(BookEvent::Paste(drawn_book())));
    let effects = state.update(AppEvent::Book(BookEvent::LoadPaste));
    settle(&mut state, effects);
    let before = state.calc.model.clone();
    state.update(AppEvent::Book(BookEvent::ProposeModel));
    // Employees to Intent; seats left out; a move to a component that does not exist is ignored.
    state.update(AppEvent::Book(BookEvent::MoveProposed(2, Some(2))));
    state.update(AppEvent::Book(BookEvent::MoveProposed(0, None)));
    state.update(AppEvent::Book(BookEvent::MoveProposed(1, Some(7))));
    let summary = state
        .book
        .proposal
        .clone()
        .and_then(Result::ok)
        .map(|p| p.summary())
        .unwrap_or_default();
    assert_eq!(
        summary,
        "4 of the file's 5 columns become signals (Engagement 1, Fit 0, Intent 3); the rest are left out."
    );
    state.update(AppEvent::AcceptProposal);
    // Fit got no column and is left out; its weight goes with it.
    let keys: Vec<&str> = state.calc.model.components.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["engagement", "intent"]);
    assert_eq!(state.calc.model.components[1].signals.len(), 3);
    assert!(state.book.proposal.is_none());
    state.update(AppEvent::Calc(CalcEvent::Undo));
    assert_eq!(state.calc.model, before);
    // A file with nothing to build from says so.
    state.update(AppEvent::Book(BookEvent::Paste("id,name\nA,Acme\nB,Globex\n".into())));
    let effects = state.update(AppEvent::Book(BookEvent::LoadPaste));
    settle(&mut state, effects);
    state.update(AppEvent::Book(BookEvent::ProposeModel));
    assert!(matches!(state.book.proposal, Some(Err(_))), "{:?}", state.book.proposal);
    state.update(AppEvent::AcceptProposal);
    assert_eq!(state.calc.model, before);
}

#[test]
fn a_book_with_a_date_column_can_say_how_long_it_covers_from_its_dates() {
    let mut state = app("");
    let csv = "id,owner,closed,accepted,won\nA1,Ann,2025-01-01,yes,yes\nA2,Ann,2025-03-15 10:00,yes,no\nB1,Bo,2025-12-31,no,no\n";
    state.update(AppEvent::Book(BookEvent::Paste(csv.into())));
    let effects = state.update(AppEvent::Book(BookEvent::LoadPaste));
    settle(&mut state, effects);
    let periods = state.book.derived.as_ref().map(|d| (*d.periods).clone()).unwrap_or_default();
    let labels: Vec<&str> = periods.iter().map(|c| c.label.as_str()).collect();
    // 2025-01-01 to 2025-12-31 is 364 days: 364 / 91.3125 = 3.99 quarters, shown 4.0.
    assert_eq!(
        labels,
        [
            "A month",
            "A quarter",
            "Half a year",
            "A year",
            "As \u{201c}closed\u{201d} spans: 2025-01-01 to 2025-12-31, 4.0 quarters"
        ]
    );
    state.update(AppEvent::Book(BookEvent::ChooseMeasurePeriod(periods[4].key.clone())));
    state.update(AppEvent::MeasureFromBook);
    assert_eq!(
        state.programme.input.period,
        Period::Custom {
            start: "2025-01-01".into(),
            end: "2025-12-31".into()
        }
    );
    // Ann: 2 accepted over 3.99 quarters.
    assert_eq!(state.programme.input.rows.len(), 2);
}

#[test]
fn the_theme_follows_the_address_then_the_system_and_the_embed_code_can_ask_for_one() {
    use csql_calculator::model::share::route::Theme;
    use csql_calculator::model::share::{embed_snippet, embed_src};
    assert_eq!(Theme::from_query("?theme=dark"), Theme::Dark);
    assert_eq!(Theme::from_query("?lock=1&theme=LIGHT"), Theme::Light);
    assert_eq!(Theme::from_query("?theme=neon"), Theme::Auto);
    assert_eq!(Theme::from_query(""), Theme::Auto);
    // The address wins over the system; auto follows it.
    assert_eq!(Theme::Light.in_force(true), "light");
    assert_eq!(Theme::Dark.in_force(false), "dark");
    assert_eq!(Theme::Auto.in_force(true), "dark");
    assert_eq!(Theme::Auto.in_force(false), "light");
    let document = Document::new(Model::default(), None);
    let src = embed_src("https://tools.example/csql/index.html", &document, Theme::Dark);
    assert!(
        src.starts_with("https://tools.example/csql/embed.html?lock=1&theme=dark#m="),
        "{src}"
    );
    assert!(!embed_src("https://tools.example/csql/", &document, Theme::Auto).contains("theme="));
    // The panel's choice reaches the copied code.
    let mut state = app("");
    state.update(AppEvent::Calc(CalcEvent::SetEmbedTheme(Theme::Light)));
    let copied = state.update(AppEvent::Calc(CalcEvent::CopyEmbed));
    assert!(format!("{copied:?}").contains("lock=1&theme=light#m="), "{copied:?}");
    assert!(embed_snippet("https://x/", &document, Theme::Light).contains("embed.html?lock=1&theme=light#m="));
}
