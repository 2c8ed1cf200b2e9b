#![cfg(not(target_arch = "wasm32"))]
//! The model as SQL: names refused with typed errors, quoting, the mapping
//! used, and golden files for the dialects no engine here can run (Snowflake,
//! BigQuery), checked by hand. DuckDB, PostgreSQL and Spark run the queries in
//! `scripts/sql_check.py` (see `scripts/test.sh`).

use csql_calculator::model::book::Mapping;
use csql_calculator::model::sql::{to_sql, Dialect, NameProblem, SqlError};
use csql_calculator::model::{Component, Direction, Gate, Model, Scale, ScoreMode, Signal, SignalKind};

/// A small model with one of each thing the dialects spell differently:
/// a log count that counts against (commas between thousands), a yes/no, a
/// percentage (a `%` sign), a direct score, a required and
/// an optional gate, an outcome, a recency signal (at the engine's
/// CURRENT_DATE), and column names that need quotes.
fn golden_model() -> (Model, Mapping) {
    let mut logins = Signal::new(
        "tickets",
        "Support tickets",
        SignalKind::Count {
            cap: 10.0,
            scale: Scale::Log,
        },
        2.0,
    );
    logins.direction = Direction::Negative;
    let model = Model {
        components: vec![
            Component {
                key: "health".into(),
                name: "Health".into(),
                weight: "3".into(),
                mode: ScoreMode::Signals,
                direct: String::new(),
                signals: vec![
                    logins,
                    Signal::new("champion", "Has a champion", SignalKind::YesNo, 1.0),
                    Signal::new("last_qbr", "Last QBR", SignalKind::Date { half_life_days: 45.0 }, 1.0),
                    Signal::new("seats", "Seats active (%)", SignalKind::Percent, 1.0),
                ],
            },
            Component {
                key: "fit".into(),
                name: "Fit".into(),
                weight: "1".into(),
                mode: ScoreMode::Direct,
                direct: String::new(),
                signals: Vec::new(),
            },
        ],
        threshold: "60".into(),
        gates: vec![
            Gate {
                key: "budget".into(),
                label: "Budget".into(),
                question: String::new(),
                required: true,
                met: false,
            },
            Gate {
                key: "o'clock".into(),
                label: "Timing".into(),
                question: String::new(),
                required: true,
                met: false,
            },
        ],
        ..Model::default()
    };
    let mut mapping = Mapping::from_keys(&model);
    mapping.set_id(Some("Account ID".into()));
    mapping.set_signal("health", "tickets", Some("order".into()));
    mapping.set_accepted(Some("accepted".into()));
    (model, mapping)
}

fn golden(name: &str) -> String {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn snowflake_and_bigquery_match_their_hand_checked_golden_files() {
    let (model, mapping) = golden_model();
    for (dialect, file) in [(Dialect::Snowflake, "snowflake.sql"), (Dialect::BigQuery, "bigquery.sql")] {
        let sql = to_sql(&model, Some(&mapping), dialect, "crm.accounts").unwrap_or_else(|e| panic!("{e}"));
        if std::env::var_os("CSQL_WRITE_GOLDEN").is_some() {
            let path = format!("{}/tests/golden/{file}", env!("CARGO_MANIFEST_DIR"));
            std::fs::write(&path, &sql).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        assert_eq!(
            sql,
            golden(file),
            "{file}: run with CSQL_WRITE_GOLDEN=1, then check the diff by hand"
        );
    }
}

#[test]
fn without_a_mapping_columns_are_named_by_the_keys() {
    let model = Model::default();
    for dialect in Dialect::ALL {
        let from_keys = to_sql(&model, Some(&Mapping::from_keys(&model)), dialect, "accounts");
        assert_eq!(to_sql(&model, None, dialect, "accounts"), from_keys);
    }
    let sql = to_sql(&model, None, Dialect::DuckDb, "accounts").unwrap_or_default();
    // Signal and gate keys are the columns; no id column, so no id check.
    assert!(sql.contains("CAST(a.seats_active AS VARCHAR)"));
    assert!(sql.contains("CAST(a.product_fit AS VARCHAR)"));
    assert!(!sql.contains("the account id is not blank"));
    // Weights 40, 30, 30 out of 100: shares 0.4, 0.3, 0.3.
    assert!(sql.contains("csql_c1 * 0.4 + csql_c2 * 0.3 + csql_c3 * 0.3 AS csql_total"));
    // Engagement's signal weights 2, 1, 1, 1 add up to 5: shares 0.4, 0.2, 0.2, 0.2.
    assert!(sql.contains(
        "coalesce(csql_s1_1, 0) * 0.4 + coalesce(csql_s1_2, 0) * 0.2 + coalesce(csql_s1_3, 0) * 0.2 + coalesce(csql_s1_4, 0) * 0.2 AS csql_c1"
    ));
    assert!(sql.contains("WHEN csql_total + 1e-9 < 70 THEN 'below-threshold'"));
}

#[test]
fn names_no_dialect_can_hold_are_refused() {
    let model = Model::default();
    let bad = |table: &str, mapping: Option<&Mapping>| to_sql(&model, mapping, Dialect::Postgres, table).err();
    // A table's parts are named with the whole table (issue 15).
    assert_eq!(
        bad("crm..accounts", None),
        Some(SqlError::BadTable {
            table: "crm..accounts".into(),
            part: String::new(),
            problem: NameProblem::Empty
        })
    );
    assert_eq!(
        bad("line\nbreak", None),
        Some(SqlError::BadTable {
            table: "line\nbreak".into(),
            part: "line\nbreak".into(),
            problem: NameProblem::Control
        })
    );
    // 64 bytes: one more than PostgreSQL keeps.
    let mut mapping = Mapping::from_keys(&model);
    let long = "x".repeat(64);
    mapping.set_gate("budget", Some(long.clone()));
    assert_eq!(
        bad("accounts", Some(&mapping)),
        Some(SqlError::BadName {
            name: long,
            problem: NameProblem::TooLong
        })
    );
    // A gate key goes into the query as text: no control characters either.
    let mut tab = Model::default();
    tab.gates[0].key = "product\tfit".into();
    assert!(matches!(
        to_sql(&tab, None, Dialect::Spark, "accounts"),
        Err(SqlError::BadName {
            problem: NameProblem::Control,
            ..
        })
    ));
    // A component named csql would add a second csql_score column.
    let mut clash = Model::default();
    clash.components[0].key = "csql".into();
    assert_eq!(
        to_sql(&clash, None, Dialect::DuckDb, "accounts").err(),
        Some(SqlError::NameClash {
            key: "csql".into(),
            column: "csql_score".into()
        })
    );
    // Weights that cannot score: the book would mark every row invalid.
    let mut zero = Model::default();
    for c in &mut zero.components {
        c.weight = "0".into();
    }
    assert!(matches!(to_sql(&zero, None, Dialect::DuckDb, "accounts"), Err(SqlError::Model(_))));
}

#[test]
fn odd_column_names_are_quoted_for_each_dialect() {
    let (model, mut mapping) = golden_model();
    mapping.set_gate("budget", Some("say \"yes\" `now`".into()));
    let expect = [
        (Dialect::DuckDb, "a.\"say \"\"yes\"\" `now`\""),
        (Dialect::Postgres, "a.\"say \"\"yes\"\" `now`\""),
        (Dialect::Snowflake, "a.\"say \"\"yes\"\" `now`\""),
        (Dialect::BigQuery, "a.`say \"yes\" \\`now\\``"),
        (Dialect::Spark, "a.`say \"yes\" ``now```"),
    ];
    for (dialect, quoted) in expect {
        let sql = to_sql(&model, Some(&mapping), dialect, "accounts").unwrap_or_default();
        assert!(sql.contains(quoted), "{dialect:?}: {quoted}");
    }
}
