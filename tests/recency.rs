#![cfg(not(target_arch = "wasm32"))]
//! Recency signals (a date that halves its score every half-life) everywhere
//! the model runs: the calculator, the book, the command line and the SQL
//! export. The engines run dated SQL on many cases in `scripts/sql_check.py`.

use std::process::Command;

use csql_calculator::model::book::{import, score_all, BadRows, BookError, RowProblem};
use csql_calculator::model::core::date::{Date, DateError};
use csql_calculator::model::core::number::NumberError;
use csql_calculator::model::share::{from_json, to_json, Document};
use csql_calculator::model::sql::{to_sql, Dialect, SqlError};
use csql_calculator::model::{evaluate, Component, Field, Model, ScoreMode, Signal, SignalKind, Verdict};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

/// One component fed by one recency signal with a 30-day half-life; threshold 50.
fn model(value: &str, as_of: &str) -> Model {
    let mut qbr = Signal::new("last_qbr", "Last QBR", SignalKind::Date { half_life_days: 30.0 }, 1.0);
    qbr.value = value.into();
    Model {
        components: vec![Component {
            key: "engagement".into(),
            name: "Engagement".into(),
            weight: "1".into(),
            mode: ScoreMode::Signals,
            direct: String::new(),
            signals: vec![qbr],
        }],
        threshold: "50".into(),
        gates: Vec::new(),
        as_of: as_of.into(),
        ..Model::default()
    }
}

#[test]
fn the_calculator_scores_at_the_as_of_date_or_today() {
    let today = date("2026-11-24");
    // 2026-10-25 is 30 days before 2026-11-24 (6 days of October, 24 of November):
    // one half-life, 50 points, which reaches the threshold of 50.
    let e = evaluate(&model("2026-10-25", ""), today);
    assert_eq!(e.score, Some(50.0));
    assert_eq!(e.verdict, Verdict::Csql);
    // As of 2026-11-09, 15 days after the QBR: 100 x 0.5^(15/30) = 70.71...
    let e = evaluate(&model("2026-10-25", "2026-11-09"), today);
    assert!(e.score.is_some_and(|s| (s - 70.710_678_118_654_76).abs() < 1e-9));
    // A QBR after the as-of date, and an as-of date that is not a date.
    let e = evaluate(&model("2026-11-10", "2026-11-09"), today);
    assert_eq!(e.verdict, Verdict::Invalid);
    assert_eq!(
        e.problem(Field::Signal(0, 0)),
        Some("Engagement, \u{201c}Last QBR\u{201d}: 2026-11-10 is after the as-of date 2026-11-09")
    );
    let e = evaluate(&model("2026-10-25", "next Tuesday"), today);
    assert_eq!(
        e.problem(Field::AsOf),
        Some("As-of date: \u{201c}next Tuesday\u{201d} is not a date (write it as YYYY-MM-DD)")
    );
    // Blank: unanswered, 0 points.
    assert_eq!(evaluate(&model("", ""), today).score, Some(0.0));
}

#[test]
fn the_book_reports_future_and_unreadable_dates_per_row() {
    let bytes = b"id,last_qbr\nA,2026-10-25\nB,2026-11-25\nC,\nD,25/10/2026\n";
    let today = date("2026-11-24");
    let (book, report) = import(bytes, &model("", ""), BadRows::Skip, today).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.imported, report.skipped), (2, 2));
    let messages: Vec<String> = report.errors.iter().map(|e| e.message()).collect();
    assert_eq!(
        messages,
        [
            "Row 2 (line 3), column \u{201c}last_qbr\u{201d}: 2026-11-25 is after the as-of date 2026-11-24",
            "Row 4 (line 5), column \u{201c}last_qbr\u{201d}: \u{201c}25/10/2026\u{201d} is not a date (write it as YYYY-MM-DD)",
        ]
    );
    assert!(matches!(
        report.errors[0].problem,
        RowProblem::Value(NumberError::FutureDate { .. })
    ));
    // A: 50 (one half-life); C: blank, 0.
    assert_eq!(score_all(&book, &[1.0], 50.0).scores, vec![50.0, 0.0]);
    // The model's own as-of date wins over today: as of 2026-12-24, A is 60 days old: 25.
    let (book, _) = import(bytes, &model("", "2026-12-24"), BadRows::Skip, today).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(score_all(&book, &[1.0], 50.0).scores[0], 25.0);
    assert_eq!(
        import(bytes, &model("", "soon"), BadRows::Skip, today).err(),
        Some(BookError::AsOf(DateError::NotADate("soon".into())))
    );
}

#[test]
fn documents_without_an_as_of_date_still_load_and_dated_ones_round_trip() {
    let old = to_json(&Document::new(Model::default(), None));
    assert!(!old.contains("as_of"), "a blank as-of date is not written");
    assert_eq!(from_json(&old).map(|d| d.model.as_of), Ok(String::new()));
    let dated = Document::new(model("2026-10-25", "2026-11-09"), None);
    assert_eq!(from_json(&to_json(&dated)), Ok(dated));
    // A half-life of 0 days would divide by zero: the document check refuses it.
    let mut flat = model("", "");
    flat.components[0].signals[0].kind = SignalKind::Date { half_life_days: 0.0 };
    assert!(from_json(&to_json(&Document::new(flat, None))).is_err_and(|e| e.to_string().contains("needs a half-life above 0 days")));
}

#[test]
fn sql_reads_the_as_of_date_or_the_engines_current_date() {
    let sql = to_sql(&model("", "2026-11-09"), None, Dialect::Postgres, "accounts").unwrap_or_default();
    assert!(sql.contains("((DATE '2026-11-09' - csql_d1) >= 0"), "{sql}");
    let sql = to_sql(&model("", ""), None, Dialect::BigQuery, "accounts").unwrap_or_default();
    assert!(sql.contains("DATE_DIFF(CURRENT_DATE(), csql_d1, DAY)"));
    let sql = to_sql(&model("", ""), None, Dialect::Spark, "accounts").unwrap_or_default();
    assert!(sql.contains("datediff(CURRENT_DATE, csql_d1)"));
    assert_eq!(
        to_sql(&model("", "2026-13-01"), None, Dialect::DuckDb, "accounts").err(),
        Some(SqlError::AsOf(DateError::NotADate("2026-13-01".into())))
    );
}

#[test]
fn csql_takes_the_as_of_date_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("csql-recency-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let model_path = dir.join("model.json");
    std::fs::write(&model_path, to_json(&Document::new(model("", "2026-11-24"), None))).unwrap_or_else(|e| panic!("{e}"));
    let csv_path = dir.join("accounts.csv");
    std::fs::write(&csv_path, "id,last_qbr\nA,2026-10-25\n").unwrap_or_else(|e| panic!("{e}"));
    let run = |as_of: &str| {
        let mut args = vec!["score", "--model", model_path.to_str().unwrap_or_default()];
        if !as_of.is_empty() {
            args.extend(["--as-of", as_of]);
        }
        args.push(csv_path.to_str().unwrap_or_default());
        Command::new(env!("CARGO_BIN_EXE_csql"))
            .args(&args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // The model's 2026-11-24: 30 days, 50.0, which reaches 50.
    let out = run("");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "id,last_qbr,engagement_score,csql_score,verdict\nA,2026-10-25,50.0,50.0,csql\n"
    );
    // --as-of 2026-11-09 wins: 15 days, 70.7.
    let out = run("2026-11-09");
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("A,2026-10-25,70.7,70.7,csql\n"));
    // A QBR after --as-of skips the row (exit 3); a bad --as-of is a usage error (exit 2).
    let out = run("2026-10-01");
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(run("01/10/2026").status.code(), Some(2));
}
