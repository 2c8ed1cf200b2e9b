#![cfg(not(target_arch = "wasm32"))]
//! The `csql` binary itself, run as a user runs it: output bytes, messages on
//! standard error and exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use csql_calculator::model::book::{export_csv, import, sample_csv, score_all, BadRows, Mapping, SAMPLE_SEED};
use csql_calculator::model::share::{encode_link, to_json, Document};
use csql_calculator::model::Model;

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR")))
}

/// A fresh directory for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("csql-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn model_file(dir: &Path, model: &Model) -> PathBuf {
    let path = dir.join("model.json");
    write(&path, to_json(&Document::new(model.clone(), None)).as_bytes());
    path
}

fn csql(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_csql"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("csql: {e}"));
    if let Some(mut pipe) = child.stdin.take() {
        // A command that stops early (a usage error) closes its end: not a failure here.
        let _ = pipe.write_all(stdin.unwrap_or_default());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("csql: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The book view's export of `bytes` with the default weights and threshold.
fn book_export(bytes: &[u8], model: &Model, policy: BadRows) -> Vec<u8> {
    let (book, _) = import(bytes, model, policy, TODAY).unwrap_or_else(|e| panic!("{e}"));
    let scores = score_all(&book, &[40.0, 30.0, 30.0], 70.0);
    export_csv(&book, &scores).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn score_writes_the_book_export_bytes_and_reports_bad_rows() {
    let dir = scratch("score");
    let model = model_file(&dir, &Model::default());
    let m = model.to_str().unwrap_or_default();
    for (name, keep) in [
        ("tab.tsv", false),
        ("semicolon_bom.csv", false),
        ("quoted.csv", false),
        ("five_direct.csv", false),
        ("outcomes.csv", false),
        ("bad_rows.csv", false),
        ("bad_rows.csv", true),
    ] {
        let path = fixture(name);
        let mut args = vec!["score", "--model", m];
        if keep {
            args.push("--keep-bad-rows");
        }
        args.push(path.to_str().unwrap_or_default());
        let out = csql(&args, None);
        let bytes = std::fs::read(&path).unwrap_or_default();
        let policy = if keep { BadRows::KeepEmpty } else { BadRows::Skip };
        assert!(
            out.stdout == book_export(&bytes, &Model::default(), policy),
            "{name}: {}",
            text(&out.stdout)
        );
        let expected = if name == "bad_rows.csv" { 3 } else { 0 };
        assert_eq!(out.status.code(), Some(expected), "{name}: {}", text(&out.stderr));
    }
    // bad_rows.csv: B1 is good; B2..B6 are skipped, each reported in the book's words.
    let out = csql(&["score", "--model", m, fixture("bad_rows.csv").to_str().unwrap_or_default()], None);
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "Row 2 (line 3), column \u{201c}active_users_trend\u{201d}: \u{201c}eight\u{201d} is not a number",
            "Row 3 (line 4), column \u{201c}active_users_trend\u{201d}: 11 is above the maximum of 10",
            "Row 4 (line 5), column \u{201c}id\u{201d}: the account id is missing",
            "Row 5 (line 6): the row has 4 fields, the header has 7",
            "Row 6 (line 7), column \u{201c}product_fit\u{201d}: \u{201c}maybe\u{201d} is not yes or no",
            "csql: 6 rows read, 1 imported, 5 skipped",
        ]
    );
    // Kept with blanks: B2, B3 and B6 come back; B4 (no id) and B5 (4 fields) cannot.
    let out = csql(
        &[
            "score",
            "--model",
            m,
            "--keep-bad-rows",
            fixture("bad_rows.csv").to_str().unwrap_or_default(),
        ],
        None,
    );
    assert!(text(&out.stderr).ends_with("csql: 6 rows read, 4 imported, 2 skipped, 3 kept with blanks\n"));
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn score_reads_a_link_standard_input_and_a_mapping() {
    let dir = scratch("sources");
    let bytes = sample_csv(500, 11);
    let expected = book_export(&bytes, &Model::default(), BadRows::Skip);
    let code = encode_link(&Document::new(Model::default(), None));
    let link = format!("https://wiki.example/csql/#m={code}");
    for source in [code.as_str(), link.as_str()] {
        let out = csql(&["score", "--link", source, "-"], Some(&bytes));
        assert!(out.stdout == expected, "{}", text(&out.stderr));
        assert_eq!(out.status.code(), Some(0));
    }
    // A mapping that reads Engagement from a direct column instead of its signals.
    let bytes = b"account,trend,e\nA1,10,55\n";
    let mut mapping = Mapping::default();
    mapping.set_id(Some("account".into()));
    mapping.set_direct("engagement", Some("e".into()));
    let path = dir.join("mapping.json");
    write(&path, serde_json::to_string(&mapping).unwrap_or_default().as_bytes());
    let model = model_file(&dir, &Model::default());
    let out = csql(
        &[
            "score",
            "--model",
            model.to_str().unwrap_or_default(),
            "--mapping",
            path.to_str().unwrap_or_default(),
            "-",
        ],
        Some(bytes),
    );
    // 55 x 0.4 = 22; Fit and Intent have no column and score 0 (yes/no blank = no).
    assert_eq!(
        text(&out.stdout),
        "account,trend,e,engagement_score,fit_score,intent_score,csql_score,verdict\nA1,10,55,55.0,0.0,0.0,22.0,below-threshold\n"
    );
}

#[test]
fn errors_stop_with_exit_1_and_usage_errors_with_exit_2() {
    let dir = scratch("errors");
    let good = model_file(&dir, &Model::default());
    let g = good.to_str().unwrap_or_default();
    let missing = dir.join("nope.csv");
    // No such file.
    let out = csql(&["score", "--model", g, missing.to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("csql: "), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    // A binary file, an empty file.
    for (name, words) in [("binary.bin", "binary file"), ("empty.csv", "the file is empty")] {
        let out = csql(&["score", "--model", g, fixture(name).to_str().unwrap_or_default()], None);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(text(&out.stderr).contains(words), "{name}: {}", text(&out.stderr));
    }
    // A damaged link, a model that is not JSON.
    let out = csql(&["score", "--link", "1.%%%", "-"], Some(b"id\n1\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("the link cannot be used"));
    let junk = dir.join("junk.json");
    write(&junk, b"{ not json");
    let out = csql(&["score", "--model", junk.to_str().unwrap_or_default(), "-"], Some(b"id\n1\n"));
    assert_eq!(out.status.code(), Some(1));
    // Weights that cannot score: refused before any row is written.
    let mut model = Model::default();
    for c in &mut model.components {
        c.weight = "0".into();
    }
    let zero = model_file(&dir, &model);
    let out = csql(&["score", "--model", zero.to_str().unwrap_or_default(), "-"], Some(b"id\n1\n"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "csql: the model cannot score: Every weight is 0: give at least one component a weight above 0\n"
    );
    assert!(out.stdout.is_empty());
    // Usage: both --model and --link, neither, an unknown flag.
    for args in [
        vec!["score", "--model", g, "--link", "1.x", "-"],
        vec!["score", "-"],
        vec!["score", "--model", g, "--frobnicate", "-"],
        vec![],
    ] {
        assert_eq!(csql(&args, None).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn check_lists_a_models_problems() {
    let dir = scratch("check");
    let out = csql(
        &["check", "--model", model_file(&dir, &Model::default()).to_str().unwrap_or_default()],
        None,
    );
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), "No problems found.\n".to_owned()));
    let mut model = Model {
        threshold: "170".into(),
        ..Model::default()
    };
    model.components[1].weight = "-1".into();
    let out = csql(&["check", "--model", model_file(&dir, &model).to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "Threshold: 170 is above the maximum of 100\nFit weight: -1 is below the minimum of 0\n2 problems found.\n"
    );
    // A document the loader refuses (13 components) is a problem too.
    let mut big = Model::default();
    while big.components.len() < 13 {
        let mut extra = big.components[0].clone();
        extra.key = format!("extra{}", big.components.len());
        big.components.push(extra);
    }
    let out = csql(&["check", "--model", model_file(&dir, &big).to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("13 components; a model has at most 12 components"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn sample_and_default_model_write_what_the_app_uses() {
    let out = csql(&["sample", "--rows", "25"], None);
    assert!(out.stdout == sample_csv(25, SAMPLE_SEED));
    let out = csql(&["sample", "--rows", "3", "--seed", "9"], None);
    assert!(out.stdout == sample_csv(3, 9));
    let out = csql(&["default-model"], None);
    let document = csql_calculator::model::share::from_json(&text(&out.stdout)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(document.model, Model::default());
}

#[test]
fn sql_prints_the_models_query_and_mapping_prints_the_books_mapping() {
    use csql_calculator::model::sql::{to_sql, Dialect};

    let dir = scratch("sql");
    let model = model_file(&dir, &Model::default());
    let m = model.to_str().unwrap_or_default();
    for dialect in Dialect::ALL {
        let out = csql(&["sql", "--model", m, "--dialect", dialect.key()], None);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            to_sql(&Model::default(), None, dialect, "accounts").unwrap_or_default()
        );
    }
    // The mapping the book view would choose for the sample's header, then the query on it.
    let sample = dir.join("sample.csv");
    write(&sample, &sample_csv(10, 1));
    let out = csql(&["mapping", "--model", m, sample.to_str().unwrap_or_default()], None);
    let mapping: Mapping = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mapping.id.as_deref(), Some("id"));
    assert_eq!(mapping.signal("engagement", "seats_active"), Some("seats_active"));
    // The sample has no gate columns: not assessed.
    assert_eq!(mapping.gate("budget"), None);
    let path = dir.join("mapping.json");
    write(&path, &out.stdout);
    let out = csql(
        &[
            "sql",
            "--model",
            m,
            "--dialect",
            "postgres",
            "--table",
            "crm.accounts",
            "--mapping",
            path.to_str().unwrap_or_default(),
        ],
        None,
    );
    assert_eq!(
        text(&out.stdout),
        to_sql(&Model::default(), Some(&mapping), Dialect::Postgres, "crm.accounts").unwrap_or_default()
    );
    assert!(text(&out.stdout).contains("FROM crm.accounts AS a"));
    // An unknown dialect is a usage error; a name no dialect can hold stops with 1.
    assert_eq!(csql(&["sql", "--model", m, "--dialect", "oracle"], None).status.code(), Some(2));
    let out = csql(&["sql", "--model", m, "--dialect", "duckdb", "--table", "a..b"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        // Issue 15: the table and its empty part are named (was "“” cannot be used as a name").
        "csql: the table name \u{201c}a..b\u{201d} cannot be used: it has an empty part (two dots together, or a dot at either end)\n"
    );
}
