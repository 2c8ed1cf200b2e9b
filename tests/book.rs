#![cfg(not(target_arch = "wasm32"))]
//! Scoring a book of accounts from CSV: import, mapping, validation, fast
//! scoring (checked against `evaluate`), views, export and the sample book.
//! Expected values are worked out by hand in comments beside each assertion.

mod common;
use common::fixture;
use std::rc::Rc;

use csql_calculator::model::book::{
    default_sample, export_csv, import, matches, moved, rank, read_table, sample_csv, score_all, summarise, view, BadRows, Book, BookError,
    Filter, GateStatus, Histogram, Mapping, RowProblem, Scores, SortKey, ViewOptions, MAX_BYTES, SAMPLE_ACCOUNTS,
};
use csql_calculator::model::core::weighting::{weights_and_threshold, VerdictKind};
use csql_calculator::model::{evaluate, Model, ScoreMode};
use proptest::prelude::*;

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

/// Default weights 40/30/30 and threshold 70.
fn default_scores(book: &Book) -> Scores {
    score_all(book, &[40.0, 30.0, 30.0], 70.0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn import_ok(bytes: &[u8], policy: BadRows) -> (Book, csql_calculator::model::book::ImportReport) {
    match import(bytes, &Model::default(), policy, TODAY) {
        Ok(result) => result,
        Err(e) => panic!("import failed: {e}"),
    }
}

// ---------------------------------------------------------------- import

#[test]
fn semicolon_file_with_bom_and_direct_scores() {
    let (book, report) = import_ok(&fixture("semicolon_bom.csv"), BadRows::Skip);
    assert_eq!(book.table().delimiter, b';');
    // The BOM is gone from the first header.
    assert_eq!(book.table().headers[0], "Account ID");
    assert_eq!((report.rows_read, report.imported, report.skipped), (3, 3, 0));
    assert!(report.errors.is_empty());
    assert_eq!(book.id(0), "A1");
    assert_eq!(book.name(1), "Beta AG");
    assert_eq!(book.owner(0), "Ana");
    assert_eq!(book.segment(2), "mid_market");
    // Engagement, Fit and Intent come from direct columns; 90,5 is a decimal comma.
    assert_eq!(book.component_scores(1), &[90.5, 100.0, 100.0]);
    assert!(book.missing_components().is_empty());
    // Only Budget has a column; the other four gates are not assessed.
    assert_eq!(
        book.unassessed_gates(),
        vec!["Product fit", "Usage signals", "Stakeholder buy-in", "Timing"]
    );

    let scores = default_scores(&book);
    // A1: 0.4*80 + 0.3*70 + 0.3*60 = 32 + 21 + 18 = 71, budget yes -> csql.
    assert!(close(scores.scores[0], 71.0));
    assert_eq!(scores.verdicts[0], VerdictKind::Csql);
    // A2: 0.4*90.5 + 30 + 30 = 96.2, budget no -> gates-missing.
    assert!(close(scores.scores[1], 96.2));
    assert_eq!(scores.verdicts[1].word(), "gates-missing");
    assert_eq!(book.missing_gates(1), vec!["Budget"]);
    // A3: 50 everywhere = 50 -> below threshold; blank budget is not met.
    assert!(close(scores.scores[2], 50.0));
    assert_eq!(scores.verdicts[2].word(), "below-threshold");
    assert_eq!(book.gate_status(2, 3), GateStatus::NotMet);
    assert_eq!(book.gate_status(2, 0), GateStatus::NotAssessed);
}

#[test]
fn tab_file_with_signal_columns() {
    let (book, report) = import_ok(&fixture("tab.tsv"), BadRows::Skip);
    assert_eq!(book.table().delimiter, b'\t');
    assert_eq!((report.rows_read, report.imported), (4, 4));
    let scores = default_scores(&book);
    // T1: every signal at its best -> 100 on each component -> 100.
    assert_eq!(book.component_scores(0), &[100.0, 100.0, 100.0]);
    assert!(close(scores.scores[0], 100.0));
    assert_eq!(scores.verdicts[0], VerdictKind::Csql);
    // T2: Engagement (trend 5 -> 50 x2, seats 50, QBR no 0, responsiveness 60) = 210/5 = 42;
    // Fit (use case yes 100 x2, ICP no 0, integrations 2 of 5 -> 40) = 240/4 = 60;
    // Intent (0 + 40 + 100 + 0) / 4 = 35. Score 0.4*42 + 0.3*60 + 0.3*35 = 16.8 + 18 + 10.5 = 45.3.
    let t2 = book.component_scores(1);
    assert!(close(t2[0], 42.0) && close(t2[1], 60.0) && close(t2[2], 35.0));
    assert!(close(scores.scores[1], 45.3));
    // T3: every signal blank -> 0.
    assert!(close(scores.scores[2], 0.0));
    // T4: only the trend (8 -> 80, weight 2 of 5) -> Engagement 32 -> score 12.8.
    assert!(close(book.component_scores(3)[0], 32.0));
    assert!(close(scores.scores[3], 12.8));
    // No gate column at all: five unassessed gates, none blocks.
    assert_eq!(book.unassessed_gates().len(), 5);
    assert!(!book.blocked(0));
}

#[test]
fn quoted_fields_hold_commas_quotes_and_newlines() {
    let (book, report) = import_ok(&fixture("quoted.csv"), BadRows::Skip);
    assert_eq!(book.table().delimiter, b',');
    assert_eq!(report.imported, 2);
    assert_eq!(book.name(0), "Smith, Jones & Co");
    assert_eq!(book.field(0, 2), "Line one\nline two, with comma");
    assert_eq!(book.name(1), "He said \"hi\"");
    // Q1 starts on line 2; its notes span lines 2-3, so Q2 starts on line 4.
    assert_eq!((book.file_row(0), book.line(0)), (1, 2));
    assert_eq!((book.file_row(1), book.line(1)), (2, 4));
    let scores = default_scores(&book);
    assert!(close(scores.scores[0], 100.0));
    // 70 on every component is exactly the threshold: a CSQL.
    assert!(close(scores.scores[1], 70.0));
    assert_eq!(scores.verdicts[1], VerdictKind::Csql);
}

#[test]
fn bad_rows_are_skipped_and_reported() {
    let (book, report) = import_ok(&fixture("bad_rows.csv"), BadRows::Skip);
    // Six data rows: only B1 is clean.
    assert_eq!((report.rows_read, report.imported, report.skipped), (6, 1, 5));
    assert_eq!(report.rows_read, report.imported + report.skipped);
    assert_eq!(book.id(0), "B1");
    let found: Vec<(usize, u64, Option<&str>)> = report.errors.iter().map(|e| (e.row, e.line, e.column.as_deref())).collect();
    assert_eq!(
        found,
        vec![
            (2, 3, Some("active_users_trend")),
            (3, 4, Some("active_users_trend")),
            (4, 5, Some("id")),
            (5, 6, None),
            (6, 7, Some("product_fit")),
        ]
    );
    assert!(matches!(report.errors[0].problem, RowProblem::Value(_)));
    assert_eq!(
        report.errors[1].message(),
        "Row 3 (line 4), column \u{201c}active_users_trend\u{201d}: 11 is above the maximum of 10"
    );
    assert_eq!(report.errors[2].problem, RowProblem::MissingId);
    assert_eq!(report.errors[3].problem, RowProblem::FieldCount { expected: 7, found: 4 });
    assert_eq!(report.errors[4].problem, RowProblem::NotYesNo("maybe".into()));
    // B1: Engagement (trend 8 -> 80 x2, seats 50; QBR and responsiveness unmapped)
    // = 210/5 = 42; Fit (use case unmapped = no, ICP unmapped, integrations 5 -> 100)
    // = 100/4 = 25; Intent has no column: 0. Score 16.8 + 7.5 = 24.3.
    let scores = default_scores(&book);
    assert!(close(scores.scores[0], 24.3));
    assert_eq!(book.missing_components(), vec!["Intent"]);
}

#[test]
fn bad_values_kept_as_blank_when_asked() {
    let (book, report) = import_ok(&fixture("bad_rows.csv"), BadRows::KeepEmpty);
    // The missing id and the short row are skipped whatever the policy.
    assert_eq!(
        (report.rows_read, report.imported, report.skipped, report.kept_with_blanks),
        (6, 4, 2, 3)
    );
    assert_eq!(report.errors.len(), 5);
    let ids: Vec<&str> = (0..book.len()).map(|r| book.id(r)).collect();
    assert_eq!(ids, vec!["B1", "B2", "B3", "B6"]);
    let scores = score_all(&book, &[40.0, 30.0, 30.0], 30.0);
    // B2, B3: the trend is blank -> Engagement 50/5 = 10; Fit 25 -> 4 + 7.5 = 11.5.
    assert!(close(scores.scores[1], 11.5));
    assert!(close(scores.scores[2], 11.5));
    // B6: Engagement (100 x2 + 100) / 5 = 60; Fit 25 -> 24 + 7.5 = 31.5, above a
    // threshold of 30, but "maybe" in the product-fit gate reads as blank: not met.
    assert!(close(scores.scores[3], 31.5));
    assert_eq!(scores.verdicts[3], VerdictKind::GatesMissing);
    assert_eq!(book.missing_gates(3), vec!["Product fit"]);
    // B1 is at 24.3, below 30.
    assert_eq!(scores.verdicts[0], VerdictKind::BelowThreshold);
}

#[test]
fn empty_binary_header_only_and_too_large_files() {
    let model = Model::default();
    assert_eq!(
        import(&fixture("empty.csv"), &model, BadRows::Skip, TODAY).err(),
        Some(BookError::Empty)
    );
    assert_eq!(
        import(b"\xEF\xBB\xBF \r\n\n", &model, BadRows::Skip, TODAY).err(),
        Some(BookError::Empty)
    );
    let binary = import(&fixture("binary.bin"), &model, BadRows::Skip, TODAY).err();
    assert_eq!(binary, Some(BookError::Binary));
    assert_eq!(BookError::Binary.to_string(), "this looks like a binary file, not CSV");
    // Invalid UTF-8 (Latin-1 bytes) near the start is refused with its own advice.
    assert_eq!(read_table(b"id,name\n1,Caf\xE9 \xE9t\xE9\n").err(), Some(BookError::NotUtf8));

    let (book, report) = import_ok(&fixture("header_only.csv"), BadRows::Skip);
    assert!(book.is_empty());
    assert_eq!((report.rows_read, report.imported, report.skipped), (0, 0, 0));
    let summary = summarise(&book, &default_scores(&book));
    assert_eq!((summary.accounts, summary.csqls, summary.csql_share), (0, 0, None));

    let huge = vec![b'a'; MAX_BYTES + 1];
    assert!(matches!(read_table(&huge), Err(BookError::TooLarge { .. })));
}

#[test]
fn a_row_that_is_not_utf8_after_the_first_chunk_is_a_row_error() {
    // 8,000 rows of "Rnnnn,50\n" (9 bytes each, 72 KB) put the bad row past the
    // first 64 KB, which are checked for binary content before reading.
    let mut bytes = b"id,engagement\n".to_vec();
    for i in 0..8000 {
        bytes.extend_from_slice(format!("R{i:04},50\n").as_bytes());
    }
    bytes.extend_from_slice(b"X\xFF,50\nLast,60\n");
    let (book, report) = import_ok(&bytes, BadRows::KeepEmpty);
    assert_eq!((report.rows_read, report.imported, report.skipped), (8002, 8001, 1));
    assert_eq!(report.errors[0].problem, RowProblem::NotText);
    // Row 8001 starts on line 8002 (the header is line 1).
    assert_eq!((report.errors[0].row, report.errors[0].line), (8001, 8002));
    assert_eq!(book.id(8000), "Last");
}

#[test]
fn blank_and_duplicate_headers_are_renamed_and_blank_rows_ignored() {
    let table = read_table(b"id,,name,Name\r\n1,x,A,B\r\n,,,\r\n2,y,C,D\r\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(table.headers, vec!["id", "column 2", "name", "column 4"]);
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.blank_rows, 1);
    let (book, report) = import_ok(b"id,,name,Name\r\n1,x,A,B\r\n,,,\r\n2,y,C,D\r\n", BadRows::Skip);
    assert_eq!((report.imported, report.blank_rows), (2, 1));
    // The first "name" wins the mapping.
    assert_eq!(book.name(1), "C");
}

#[test]
fn a_mapping_needs_an_id_column_and_known_columns() {
    let model = Model::default();
    let table = Rc::new(read_table(b"code,name\nX,Y\n").unwrap_or_else(|e| panic!("{e}")));
    let mut mapping = Mapping::auto(&table.headers, &model);
    assert_eq!(mapping.id, None);
    assert_eq!(
        Book::build(Rc::clone(&table), &model, &mapping, BadRows::Skip, TODAY).err(),
        Some(BookError::NoIdColumn)
    );
    mapping.set_id(Some("code".into()));
    let built = Book::build(Rc::clone(&table), &model, &mapping, BadRows::Skip, TODAY);
    assert_eq!(built.map(|(b, _)| b.id(0).to_owned()).ok(), Some("X".to_owned()));
    mapping.set_owner(Some("nope".into()));
    assert_eq!(
        Book::build(table, &model, &mapping, BadRows::Skip, TODAY).err(),
        Some(BookError::UnknownColumn("nope".into()))
    );
}

#[test]
fn a_user_mapping_overrides_the_automatic_one() {
    let model = Model::default();
    let table = Rc::new(read_table(b"id,eng,seats\nA,55,100\n").unwrap_or_else(|e| panic!("{e}")));
    let mut mapping = Mapping::auto(&table.headers, &model);
    mapping.set_signal("engagement", "seats_active", Some("seats".into()));
    // seats 100 of weight 1 out of 5 -> Engagement 20.
    let (book, _) = Book::build(Rc::clone(&table), &model, &mapping, BadRows::Skip, TODAY).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(book.component_scores(0)[0], 20.0));
    // A direct column wins over signal columns.
    mapping.set_direct("engagement", Some("eng".into()));
    let (book, _) = Book::build(table, &model, &mapping, BadRows::Skip, TODAY).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(book.component_scores(0)[0], 55.0));
    assert_eq!(book.missing_components(), vec!["Fit", "Intent"]);
}

// ---------------------------------------------------------------- scoring

#[test]
fn invalid_weights_or_threshold_make_every_verdict_invalid() {
    let (book, _) = import_ok(&fixture("semicolon_bom.csv"), BadRows::Skip);
    for (weights, threshold) in [
        (vec![0.0, 0.0, 0.0], 70.0),
        (vec![1.0, -1.0, 1.0], 70.0),
        (vec![1.0, 1.0], 70.0),
        (vec![1.0; 3], 101.0),
    ] {
        let scores = score_all(&book, &weights, threshold);
        assert!(scores.problem.is_some());
        assert!(scores.verdicts.iter().all(|v| v.word() == "invalid"));
    }
    assert_eq!(weights_and_threshold(&Model::default()), Ok((vec![40.0, 30.0, 30.0], 70.0)));
    let model = Model {
        threshold: "x".into(),
        ..Model::default()
    };
    assert_eq!(
        weights_and_threshold(&model).err().map(|e| e.to_string()).as_deref(),
        Some("Threshold: \u{201c}x\u{201d} is not a number")
    );
}

/// Raw values for the default signals, by kind, including blanks.
fn signal_value(kind: usize) -> BoxedStrategy<String> {
    match kind {
        // rating
        0 => prop_oneof![Just(String::new()), (0.0f64..=10.0).prop_map(|v| format!("{v:.2}"))].boxed(),
        // percent
        1 => prop_oneof![Just(String::new()), (0u32..=100).prop_map(|v| v.to_string())].boxed(),
        // yes/no
        2 => prop_oneof![
            Just(String::new()),
            Just("yes".to_owned()),
            Just("no".to_owned()),
            Just("Y".to_owned())
        ]
        .boxed(),
        // count
        _ => prop_oneof![Just(String::new()), (0u32..12).prop_map(|v| v.to_string())].boxed(),
    }
}

/// Kinds of the default signals, in model order.
const KINDS: [usize; 11] = [0, 1, 2, 0, 2, 2, 3, 2, 1, 2, 2];

fn gate_value() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), Just("yes".to_owned()), Just("no".to_owned())]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The fast path equals `evaluate` on a model filled with the row's values.
    #[test]
    fn fast_scores_equal_evaluate(
        rows in prop::collection::vec(
            (
                KINDS.iter().map(|&k| signal_value(k)).collect::<Vec<_>>(),
                prop::collection::vec(0.0f64..=100.0, 3),
                prop::collection::vec(gate_value(), 5),
            ),
            1..20,
        ),
        direct in prop::collection::vec(any::<bool>(), 3),
        gate_mapped in prop::collection::vec(any::<bool>(), 5),
        signal_weights in prop::collection::vec(0.1f64..5.0, 11),
        weights in prop::collection::vec(0.0f64..100.0, 3),
        threshold in 0.0f64..=100.0,
    ) {
        prop_assume!(weights.iter().sum::<f64>() > 1e-3);
        let mut model = Model::default();
        let mut s = 0;
        for c in &mut model.components {
            for signal in &mut c.signals {
                signal.weight = signal_weights[s];
                s += 1;
            }
        }
        // Header: id, the 11 signals, the three direct columns, the five gates.
        let mut header = vec!["id".to_owned()];
        for c in &model.components {
            header.extend(c.signals.iter().map(|s| s.key.clone()));
        }
        header.extend(["eng_direct", "fit_direct", "intent_direct"].map(str::to_owned));
        header.extend(model.gates.iter().map(|g| g.key.clone()));
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&header).unwrap();
        for (i, (signals, directs, gates)) in rows.iter().enumerate() {
            let mut record = vec![format!("R{i}")];
            record.extend(signals.iter().cloned());
            record.extend(directs.iter().map(|d| format!("{d:.3}")));
            record.extend(gates.iter().cloned());
            writer.write_record(&record).unwrap();
        }
        let bytes = writer.into_inner().unwrap();

        let table = Rc::new(read_table(&bytes).unwrap());
        let mut mapping = Mapping::auto(&table.headers, &model);
        for (c, name) in ["engagement", "fit", "intent"].iter().zip(["eng_direct", "fit_direct", "intent_direct"]) {
            let i = model.components.iter().position(|k| k.key == *c).unwrap();
            mapping.set_direct(c, direct[i].then(|| name.to_owned()));
        }
        for (g, mapped) in model.gates.iter().zip(&gate_mapped) {
            if !mapped {
                mapping.set_gate(&g.key, None);
            }
        }
        let (book, report) = Book::build(table, &model, &mapping, BadRows::Skip, TODAY).unwrap();
        prop_assert_eq!(report.imported, rows.len());
        let scores = score_all(&book, &weights, threshold);

        for (row, (signals, directs, gates)) in rows.iter().enumerate() {
            let mut filled = model.clone();
            filled.threshold = threshold.to_string();
            let mut s = 0;
            for (i, c) in filled.components.iter_mut().enumerate() {
                c.weight = weights[i].to_string();
                if direct[i] {
                    c.mode = ScoreMode::Direct;
                    c.direct = format!("{:.3}", directs[i]);
                } else {
                    c.mode = ScoreMode::Signals;
                }
                for signal in &mut c.signals {
                    signal.value = signals[s].clone();
                    s += 1;
                }
            }
            for (g, gate) in filled.gates.iter_mut().enumerate() {
                // Unmapped: not assessed, does not block. Mapped: yes meets it.
                gate.met = !gate_mapped[g] || gates[g] == "yes";
            }
            let e = evaluate(&filled, TODAY);
            let expected = e.score.unwrap();
            prop_assert!((scores.scores[row] - expected).abs() < 1e-6, "row {}: {} vs {}", row, scores.scores[row], expected);
            prop_assert_eq!(scores.verdicts[row].word(), e.verdict.word());
        }
    }
}

// ---------------------------------------------------------------- views

/// Five accounts with direct scores, so the CSQL score is known exactly:
/// with weights 1/0/0 the score is the Engagement column.
fn small_book() -> (Book, Scores) {
    let csv = "id,name,owner,segment,engagement,product_fit\n\
               a1,Zeta,Bo,smb,90,yes\n\
               a2,alpha,Al,enterprise,72,yes\n\
               a3,Beta,Bo,smb,68,yes\n\
               a4,Gamma,,mid_market,80,no\n\
               a5,Alphabet,Al,smb,10,yes\n";
    let (book, _) = import_ok(csv.as_bytes(), BadRows::Skip);
    let scores = score_all(&book, &[1.0, 0.0, 0.0], 70.0);
    (book, scores)
}

#[test]
fn ranking_is_stable_and_follows_the_chosen_column() {
    let (book, scores) = small_book();
    // Scores 90, 72, 68, 80, 10.
    assert_eq!(rank(&book, &scores, SortKey::Score, true), vec![0, 3, 1, 2, 4]);
    assert_eq!(rank(&book, &scores, SortKey::Score, false), vec![4, 2, 1, 3, 0]);
    // Names, case-insensitive: alpha, Alphabet, Beta, Gamma, Zeta.
    assert_eq!(rank(&book, &scores, SortKey::Name, false), vec![1, 4, 2, 3, 0]);
    // Owners: "" < Al < Bo; ties keep file order (a2 before a5, a1 before a3).
    assert_eq!(rank(&book, &scores, SortKey::Owner, false), vec![3, 1, 4, 0, 2]);
    // Descending keeps ties in file order too.
    assert_eq!(rank(&book, &scores, SortKey::Owner, true), vec![0, 2, 1, 4, 3]);
    assert_eq!(rank(&book, &scores, SortKey::Segment, false), vec![1, 3, 0, 2, 4]);
    // Fit is 0 for everyone (no column): file order.
    assert_eq!(rank(&book, &scores, SortKey::Component(1), true), vec![0, 1, 2, 3, 4]);
}

#[test]
fn filters_and_search() {
    let (book, scores) = small_book();
    let ids = |rows: Vec<usize>| rows.into_iter().map(|r| book.id(r).to_owned()).collect::<Vec<_>>();
    let csql = ViewOptions {
        filter: Filter::Csql,
        ..ViewOptions::default()
    };
    // a1 (90) and a2 (72) qualify; a4 (80) fails its product-fit gate.
    assert_eq!(ids(view(&book, &scores, &csql)), vec!["a1", "a2"]);
    let gates = ViewOptions {
        filter: Filter::GatesMissing,
        ..ViewOptions::default()
    };
    assert_eq!(ids(view(&book, &scores, &gates)), vec!["a4"]);
    // Within 5 points of 70: 72 and 68.
    assert_eq!(Filter::near(), Filter::NearThreshold(5.0));
    let near = ViewOptions {
        filter: Filter::near(),
        ..ViewOptions::default()
    };
    assert_eq!(ids(view(&book, &scores, &near)), vec!["a2", "a3"]);
    // "ALPHA" finds alpha and Alphabet; the id is searched too.
    let search = ViewOptions {
        search: " ALPHA ".into(),
        sort: SortKey::Name,
        descending: false,
        ..ViewOptions::default()
    };
    assert_eq!(ids(view(&book, &scores, &search)), vec!["a2", "a5"]);
    assert!(matches(&book, 2, "A3"));
    assert!(!matches(&book, 2, "zeta"));
    assert!(matches(&book, 2, ""));
}

#[test]
fn summary_counts_owners_histogram_and_gaps() {
    let (book, scores) = small_book();
    let summary = summarise(&book, &scores);
    assert_eq!(
        (summary.accounts, summary.csqls, summary.gates_missing, summary.below_threshold),
        (5, 2, 1, 2)
    );
    // 2 of 5 = 40%.
    assert!(close(summary.csql_share.unwrap_or(0.0), 40.0));
    // Al: a2 CSQL, a5 not; Bo: a1 CSQL, a3 not; "" (no owner): a4 not.
    let owners: Vec<(&str, usize, usize)> = summary.per_owner.iter().map(|o| (o.owner.as_str(), o.csqls, o.accounts)).collect();
    assert_eq!(owners, vec![("Al", 1, 2), ("Bo", 1, 2), ("", 0, 1)]);
    // 90 -> bin 18, 72 -> 14, 68 -> 13, 80 -> 16, 10 -> 2.
    let mut expected = [0usize; 20];
    for bin in [18, 14, 13, 16, 2] {
        expected[bin] += 1;
    }
    assert_eq!(summary.histogram.counts, expected);
    assert_eq!(summary.histogram.max, 1);
    assert!(close(summary.histogram.threshold, 70.0));
    assert_eq!(
        (
            Histogram::bin(0.0),
            Histogram::bin(4.99),
            Histogram::bin(5.0),
            Histogram::bin(100.0)
        ),
        (0, 0, 1, 19)
    );
    assert_eq!(summary.missing_components, vec!["Fit", "Intent"]);
    assert_eq!(
        summary.unassessed_gates,
        vec!["Usage signals", "Stakeholder buy-in", "Budget", "Timing"]
    );
}

#[test]
fn moved_lists_ids_into_and_out_of_csql() {
    let (book, before) = small_book();
    // Threshold 70 -> 85: a2 (72) drops out. Threshold 70 -> 60: a3 (68) comes in.
    let higher = score_all(&book, &[1.0, 0.0, 0.0], 85.0);
    let change = moved(&book, &before, &higher);
    assert_eq!((change.into, change.out_of), (Vec::<String>::new(), vec!["a2".to_owned()]));
    let lower = score_all(&book, &[1.0, 0.0, 0.0], 60.0);
    let change = moved(&book, &before, &lower);
    assert_eq!((change.into, change.out_of), (vec!["a3".to_owned()], Vec::<String>::new()));
}

// ---------------------------------------------------------------- export

fn export_ok(book: &Book, scores: &Scores) -> Vec<u8> {
    export_csv(book, scores).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn export_adds_score_columns_with_one_decimal() {
    let (book, report) = import_ok(&fixture("tab.tsv"), BadRows::Skip);
    assert_eq!(report.imported, 4);
    let text = String::from_utf8(export_ok(&book, &default_scores(&book))).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].ends_with("budget_cycle_open\tengagement_score\tfit_score\tintent_score\tcsql_score\tverdict"));
    // T2 from the hand calculation above: 42, 60, 35 -> 45.3.
    assert_eq!(
        lines[2],
        "T2\tMiddle Ltd\tBen\t5\t50\tno\t6\tyes\tno\t2\tno\t40\tyes\tno\t42.0\t60.0\t35.0\t45.3\tbelow-threshold"
    );
    assert!(lines[1].ends_with("\t100.0\t100.0\t100.0\t100.0\tcsql"));
}

#[test]
fn export_then_import_gives_the_same_scores() {
    for (name, policy) in [
        ("tab.tsv", BadRows::Skip),
        ("semicolon_bom.csv", BadRows::Skip),
        ("quoted.csv", BadRows::Skip),
        ("bad_rows.csv", BadRows::KeepEmpty),
    ] {
        let (book, _) = import_ok(&fixture(name), policy);
        let scores = default_scores(&book);
        let (again, report) = import_ok(&export_ok(&book, &scores), policy);
        assert_eq!(again.table().delimiter, book.table().delimiter, "{name}");
        assert_eq!(report.imported, book.len(), "{name}");
        let rescored = default_scores(&again);
        assert_eq!(rescored.scores, scores.scores, "{name}");
        assert_eq!(rescored.verdicts, scores.verdicts, "{name}");
        assert_eq!(again.name(0), book.name(0), "{name}");
    }
}

#[test]
fn formula_cells_and_headers_are_exported_as_text() {
    // A cell or header starting with =, +, -, @, tab or CR would run as a formula
    // in a spreadsheet (CSV injection): it is exported with a leading quote.
    let bytes = b"id,name,@cmd,engagement,fit,intent\n\
A1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",-3,90,80,70\n\
A2,\"\tTab\",\"\rCR\",+50,0,50\n";
    let (book, report) = import_ok(bytes, BadRows::Skip);
    assert_eq!(report.imported, 2);
    let text = String::from_utf8(export_ok(&book, &default_scores(&book))).unwrap_or_default();
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(
        lines[0],
        "id,name,'@cmd,engagement,fit,intent,engagement_score,fit_score,intent_score,csql_score,verdict"
    );
    // A1: 90 x 0.4 + 80 x 0.3 + 70 x 0.3 = 36 + 24 + 21 = 81, gates not assessed: csql.
    // The scores the program writes stay numbers.
    assert_eq!(
        lines[1],
        "A1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",'-3,90,80,70,90.0,80.0,70.0,81.0,csql"
    );
    // A2: 50 x 0.4 + 0 x 0.3 + 50 x 0.3 = 20 + 0 + 15 = 35. A field holding a
    // carriage return is quoted by the CSV writer as well.
    assert_eq!(lines[2], "A2,'\tTab,\"'\rCR\",'+50,0,50,50.0,0.0,50.0,35.0,below-threshold");
}

#[test]
fn an_escaped_export_imports_back_to_the_same_fields_and_scores() {
    // +50 and -0 are numbers a spreadsheet would run as formulas; -3 is a bad
    // value kept as blank. Exported as '+50, '-0 and '-3, they read back as
    // they were: engagement 50, fit 0 (-0 is 0), intent blank = 0.
    // Score: 50 x 0.4 + 0 x 0.3 + 0 x 0.3 = 20.
    let bytes = b"id,name,engagement,fit,intent\nA1,=cmd|' /C calc'!A0,+50,-0,-3\n";
    let (book, report) = import_ok(bytes, BadRows::KeepEmpty);
    assert_eq!((report.imported, report.kept_with_blanks), (1, 1));
    let scores = default_scores(&book);
    assert!(close(scores.scores[0], 20.0));
    let exported = export_ok(&book, &scores);
    let text = String::from_utf8(exported.clone()).unwrap_or_default();
    assert_eq!(
        text.lines().nth(1),
        Some("A1,'=cmd|' /C calc'!A0,'+50,'-0,'-3,50.0,0.0,0.0,20.0,below-threshold")
    );
    let (again, report) = import_ok(&exported, BadRows::KeepEmpty);
    assert_eq!((report.imported, report.kept_with_blanks), (1, 1));
    assert_eq!(
        again.record(0).map(|r| r.iter().take(5).collect::<Vec<_>>()),
        book.record(0).map(|r| r.iter().collect())
    );
    let rescored = default_scores(&again);
    assert_eq!(rescored.scores, scores.scores);
    assert_eq!(rescored.verdicts, scores.verdicts);
}

/// Cells that stress the reader: numbers, yes/no, garbage, delimiters, quotes,
/// newlines, blanks and spaces.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        4 => (0u32..=120).prop_map(|v| v.to_string()),
        2 => (0.0f64..=10.0).prop_map(|v| format!("{v:.1}")),
        1 => (0.0f64..=10.0).prop_map(|v| format!("{v:.1}").replace('.', ",")),
        2 => prop::sample::select(vec!["yes", "no", "Y", "maybe", "n/a"]).prop_map(str::to_owned),
        2 => prop::sample::select(vec!["-3", "+5", "-0", "=1+1", "@x", "'-2", "''+1", "'", "'5", "\t-1", "\r"]).prop_map(str::to_owned),
        3 => "[a-zA-Z ,;\t\"\n'=+@-]{0,8}",
    ]
}

const POOL: [&str; 16] = [
    "name",
    "owner",
    "segment",
    "notes",
    "engagement",
    "fit",
    "active_users_trend",
    "seats_active",
    "qbr_attended",
    "integrations",
    "use_case_match",
    "plan_usage",
    "budget",
    "timing",
    "accepted",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any CSV the importer accepts scores the same after export and re-import.
    #[test]
    fn export_round_trip_keeps_scores(
        columns in prop::sample::subsequence(POOL.to_vec(), 0..POOL.len()),
        delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        rows in prop::collection::vec((prop::option::weighted(0.9, "[A-Z][0-9]{1,3}"), prop::collection::vec(cell(), 16), 0usize..20), 0..25),
        keep in any::<bool>(),
        weights in prop::collection::vec(0.0f64..10.0, 3),
        threshold in 0.0f64..=100.0,
    ) {
        let mut header = vec!["id".to_owned()];
        header.extend(columns.iter().map(|c| (*c).to_owned()));
        let mut writer = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(Vec::new());
        writer.write_record(&header).unwrap();
        for (id, cells, cut) in &rows {
            let mut record = vec![id.clone().unwrap_or_default()];
            record.extend(cells.iter().take(columns.len()).cloned());
            // One row in twenty has a field missing.
            if *cut == 0 && record.len() > 1 {
                record.pop();
            }
            writer.write_record(&record).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        let policy = if keep { BadRows::KeepEmpty } else { BadRows::Skip };
        let model = Model::default();
        if let Ok((book, report)) = import(&bytes, &model, policy, TODAY) {
            prop_assert_eq!(report.rows_read, report.imported + report.skipped);
            let scores = score_all(&book, &weights, threshold);
            let exported = export_csv(&book, &scores).unwrap();
            let (again, report) = import(&exported, &model, policy, TODAY).unwrap();
            prop_assert_eq!(report.imported, book.len());
            prop_assert_eq!(report.skipped, 0);
            let rescored = score_all(&again, &weights, threshold);
            prop_assert_eq!(&rescored.scores, &scores.scores);
            prop_assert_eq!(&rescored.verdicts, &scores.verdicts);
            for row in 0..book.len() {
                prop_assert_eq!(again.id(row), book.id(row));
                // Every original field reads back as it was, escaped or not.
                let width = book.table().headers.len();
                let before: Vec<&str> = book.record(row).map(|r| r.iter().collect()).unwrap_or_default();
                let after: Vec<&str> = again.record(row).map(|r| r.iter().take(width).collect()).unwrap_or_default();
                prop_assert_eq!(after, before);
            }
            prop_assert_eq!(&again.table().headers[..book.table().headers.len()], &book.table().headers[..]);
        }
    }

    /// Arbitrary bytes never panic the importer.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok((book, report)) = import(&bytes, &Model::default(), BadRows::KeepEmpty, TODAY) {
            prop_assert_eq!(report.rows_read, report.imported + report.skipped);
            let scores = default_scores(&book);
            let _ = summarise(&book, &scores);
            let _ = export_csv(&book, &scores);
        }
    }
}

// ---------------------------------------------------------------- sample

#[test]
fn the_sample_is_deterministic_and_auto_maps_to_the_default_model() {
    let a = default_sample();
    assert_eq!(a, default_sample());
    assert_eq!(sample_csv(50, 1), sample_csv(50, 1));
    assert_ne!(sample_csv(50, 1), sample_csv(50, 2));
    assert_eq!(sample_csv(0, 1), b"id,name,owner,segment,active_users_trend,seats_active,qbr_attended,responsiveness,use_case_match,icp_segment,integrations,beyond_plan,plan_usage,new_stakeholder,budget_cycle_open,accepted,won\n");

    let model = Model::default();
    let table = read_table(&a).unwrap_or_else(|e| panic!("{e}"));
    let mapping = Mapping::auto(&table.headers, &model);
    for field in [
        &mapping.id,
        &mapping.name,
        &mapping.owner,
        &mapping.segment,
        &mapping.accepted,
        &mapping.won,
    ] {
        assert!(field.is_some());
    }
    for c in &model.components {
        for s in &c.signals {
            assert_eq!(mapping.signal(&c.key, &s.key), Some(s.key.as_str()));
        }
    }

    let (book, report) = import_ok(&a, BadRows::Skip);
    assert_eq!(
        (report.rows_read, report.imported, report.error_count),
        (SAMPLE_ACCOUNTS, SAMPLE_ACCOUNTS, 0)
    );
    assert!(book.missing_components().is_empty());
    let scores = default_scores(&book);
    let summary = summarise(&book, &scores);
    assert_eq!(summary.per_owner.len(), 12);
    let segments: std::collections::BTreeSet<&str> = (0..book.len()).map(|r| book.segment(r)).collect();
    assert_eq!(segments.into_iter().collect::<Vec<_>>(), vec!["enterprise", "mid_market", "smb"]);
    // Some but not most accounts are CSQLs.
    assert!(summary.csqls > 0 && summary.csqls < book.len() / 2, "{} CSQLs", summary.csqls);
    // Outcomes follow the score: CSQLs are accepted more often than the rest.
    let rate = |csql: bool| {
        let rows: Vec<usize> = (0..book.len())
            .filter(|&r| (scores.verdicts[r] == VerdictKind::Csql) == csql)
            .collect();
        rows.iter().filter(|&&r| book.accepted(r) == Some(true)).count() as f64 / rows.len() as f64
    };
    assert!(rate(true) > 2.0 * rate(false), "{} vs {}", rate(true), rate(false));
    // Won only when accepted; outcomes only for submitted accounts, which are a minority.
    assert!((0..book.len()).all(|r| book.won(r) != Some(true) || book.accepted(r) == Some(true)));
    let submitted = (0..book.len()).filter(|&r| book.accepted(r).is_some()).count();
    assert!(submitted > 0 && submitted < book.len() / 2, "{submitted} submitted");
}

// ---------------------------------------------------------------- page state (book view)

mod page_state {

    use csql_calculator::model::book::{
        choose_mapping, detail, errors_not_shown, first_visible, import, read_table, rows_height, score_all, shape, window, BadRows,
        BookEvent, BookState, Filter, ImportStage, Mapping, SortKey, Target, SAMPLE,
    };
    use csql_calculator::model::core::effect::{Answer, Effect, FileRef, StorageKey};
    use csql_calculator::model::core::weighting::VerdictKind;
    use csql_calculator::model::Model;

    use super::{fixture, TODAY};

    #[test]
    fn the_virtual_window_covers_the_visible_rows_plus_eight_either_side() {
        // 432 px / 36 px = 12 rows, +1 for a partly visible row = 13 visible.
        assert_eq!(window(0, 432.0, 1000), (0, 21));
        assert_eq!(window(100, 432.0, 1000), (92, 121));
        assert_eq!(window(995, 432.0, 1000), (987, 1000));
        // The list shrank under a scrolled table: still a valid range.
        assert_eq!(window(5000, 432.0, 1000), (992, 1000));
        assert_eq!(window(0, f64::NAN, 5), (0, 5));
        assert_eq!(window(3, 432.0, 0), (0, 0));
        assert_eq!(first_visible(71.9), 1);
        assert_eq!(first_visible(72.0), 2);
        assert_eq!(first_visible(-3.0), 0);
        assert_eq!(first_visible(f64::NAN), 0);
        assert_eq!(rows_height(3), 108);
        // 100,000 rows: 3.6 million px, far below browsers' ~33 million px limit.
        assert_eq!(rows_height(100_000), 3_600_000);
    }

    #[test]
    fn sorting_the_same_column_flips_and_a_new_column_takes_its_natural_direction() {
        let mut state = BookState::default();
        let model = Model::default();
        assert_eq!((state.options.sort, state.options.descending), (SortKey::Score, true));
        state.update(BookEvent::Sort(SortKey::Score), &model);
        assert_eq!((state.options.sort, state.options.descending), (SortKey::Score, false));
        state.update(BookEvent::Sort(SortKey::Name), &model);
        assert_eq!((state.options.sort, state.options.descending), (SortKey::Name, false));
        state.update(BookEvent::Sort(SortKey::Component(1)), &model);
        assert_eq!((state.options.sort, state.options.descending), (SortKey::Component(1), true));
        state.update(BookEvent::Filter(Filter::Csql), &model);
        state.update(BookEvent::Search("acme".into()), &model);
        assert_eq!((state.options.filter, state.options.search.as_str()), (Filter::Csql, "acme"));
        state.update(BookEvent::Select(Some(4)), &model);
        // Changing the mapping clears the selection (rows may move); "" means none.
        state.update(BookEvent::Map(Target::Owner, Some(String::new())), &model);
        assert_eq!((state.selected, state.mapping.owner.clone()), (None, None));
        state.update(
            BookEvent::Map(Target::Signal("fit".into(), "integrations".into()), Some("ints".into())),
            &model,
        );
        assert_eq!(
            Target::Signal("fit".into(), "integrations".into()).get(&state.mapping),
            Some("ints")
        );
    }

    #[test]
    fn a_saved_mapping_is_used_only_when_the_file_has_its_columns() {
        let model = Model::default();
        let table = match read_table(&fixture("five_direct.csv")) {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        };
        let auto = Mapping::auto(&table.headers, &model);
        // Auto: id, name, owner; Engagement, Fit, Intent from their direct columns.
        assert_eq!(auto.direct("intent"), Some("intent"));
        let mut saved = auto.clone();
        saved.set_owner(None);
        let json = serde_json::to_string(&saved).unwrap_or_default();
        assert_eq!(choose_mapping(Some(&json), &table, &model), saved);
        // A saved mapping naming a column this file lacks: auto instead.
        saved.set_name(Some("company".into()));
        let json = serde_json::to_string(&saved).unwrap_or_default();
        assert_eq!(choose_mapping(Some(&json), &table, &model), auto);
        assert_eq!(choose_mapping(Some("{not json"), &table, &model), auto);
        assert_eq!(choose_mapping(None, &table, &model), auto);
    }

    #[test]
    fn the_shape_ignores_weights_threshold_and_inputs_but_not_signals_or_gates() {
        let base = Model::default();
        let mut weights = base.clone();
        weights.components[0].weight = "90".into();
        weights.threshold = "55".into();
        weights.components[1].signals[0].value = "yes".into();
        weights.gates[0].met = true;
        assert_eq!(shape(&weights), shape(&base));
        let mut signals = base.clone();
        signals.components[0].signals[0].weight = 3.0;
        assert_ne!(shape(&signals), shape(&base));
        let mut gates = base.clone();
        gates.gates[0].required = false;
        assert_ne!(shape(&gates), shape(&base));
    }

    fn with_weights(weights: [&str; 3]) -> Model {
        let mut model = Model::default();
        for (component, weight) in model.components.iter_mut().zip(weights) {
            component.weight = weight.into();
        }
        model
    }

    /// Runs the effects a flow asks for that come back as events (yields), as the shell would.
    fn settle(state: &mut BookState, effects: Vec<Effect<BookEvent>>, model: &Model) -> Vec<Effect<BookEvent>> {
        super::common::settle(effects, |event| state.update(event, model))
    }

    #[test]
    fn a_file_is_read_parsed_and_scored_in_steps_each_after_a_paint() {
        let model = Model::default();
        let mut state = BookState::default();
        let file = FileRef {
            id: 7,
            name: "five.csv".into(),
            size: 200,
        };
        assert_eq!(
            state.update(BookEvent::FileChosen(file.clone()), &model),
            vec![Effect::ReadFile(file)]
        );
        assert_eq!(state.stage, ImportStage::Reading("five.csv".into(), 0));
        state.update(BookEvent::Answer(Answer::FileProgress(7, 40)), &model);
        assert_eq!(state.stage, ImportStage::Reading("five.csv".into(), 40));
        // An answer about another file changes nothing.
        state.update(BookEvent::Answer(Answer::FileProgress(8, 90)), &model);
        assert_eq!(state.stage, ImportStage::Reading("five.csv".into(), 40));
        let effects = state.update(BookEvent::Answer(Answer::FileRead(7, fixture("five_direct.csv"))), &model);
        assert_eq!(state.stage, ImportStage::Parsing("five.csv".into()));
        assert_eq!(effects, vec![Effect::Yield(BookEvent::Step)]);
        // Five rows: read in one slice, then checked and scored in one slice.
        assert_eq!(state.update(BookEvent::Step, &model), vec![Effect::Yield(BookEvent::Step)]);
        assert_eq!(state.stage, ImportStage::Scoring("five.csv".into()));
        let effects = state.update(BookEvent::Step, &model);
        assert_eq!(state.stage, ImportStage::Idle);
        // The mapping is remembered for the next file, and what other parts
        // derive from the book (the evidence) waits until it has been painted.
        assert_eq!(effects.last(), Some(&Effect::Yield(BookEvent::Painted)));
        assert!(state.fresh);
        assert!(state.scored().is_none());
        let effects = effects[..effects.len() - 1].to_vec();
        assert!(matches!(
            effects.as_slice(),
            [Effect::Save {
                key: StorageKey::Mapping,
                ..
            }]
        ));
        // 40/30/30 on the five accounts: A1 81 and A3 74 are CSQLs (worked out below).
        let derived = state.derived.clone().unwrap_or_else(|| panic!("derived"));
        assert_eq!(derived.summary.csqls, 2);
        assert_eq!(
            derived.order.first().map(|&row| derived.book().map(|b| b.id(row).to_owned())),
            Some(Some("A1".into()))
        );
        // Too large: refused before reading.
        let huge = FileRef {
            id: 9,
            name: "huge.csv".into(),
            size: 1 << 40,
        };
        assert!(state.update(BookEvent::FileChosen(huge), &model).is_empty());
        assert!(state.stage.message().contains("too large"));
        // A file the browser cannot read says so.
        let file = FileRef {
            id: 10,
            name: "gone.csv".into(),
            size: 10,
        };
        state.update(BookEvent::FileChosen(file), &model);
        state.update(BookEvent::Answer(Answer::FileFailed(10)), &model);
        assert_eq!(state.stage, ImportStage::Failed("gone.csv could not be read.".into()));
    }

    #[test]
    fn moved_compares_with_the_book_as_loaded_or_a_pinned_baseline() {
        let mut model = with_weights(["40", "30", "30"]);
        let mut state = BookState::default();
        let effects = state.update(
            BookEvent::Paste(String::from_utf8_lossy(&fixture("five_direct.csv")).into_owned()),
            &model,
        );
        assert!(effects.is_empty());
        let effects = state.update(BookEvent::LoadPaste, &model);
        settle(&mut state, effects, &model);
        let moved = |state: &BookState| {
            let m = state
                .derived
                .as_ref()
                .and_then(|d| d.moved.clone())
                .unwrap_or_else(|| panic!("moved"));
            (m.into.clone(), m.out_of.clone())
        };
        assert_eq!(moved(&state), (vec![], vec![]));
        // Engagement 0: Fit and Intent half each: A1 75, A2 50, A3 90, A4 20, A5 80 (A5 moves in).
        model = with_weights(["0", "30", "30"]);
        state.sync(&model);
        assert_eq!(moved(&state), (vec!["A5".to_owned()], vec![]));
        // Step by step to 100/0/0: A1 90, A2 80, A3 50, A4 100, A5 30; against the book as loaded
        // (A1, A3) that is A2 and A4 in, A3 out, however many changes it took.
        for weights in [["20", "30", "30"], ["60", "10", "10"], ["100", "0", "0"]] {
            model = with_weights(weights);
            state.sync(&model);
        }
        assert_eq!(moved(&state), (vec!["A2".to_owned(), "A4".to_owned()], vec!["A3".to_owned()]));
        // Pinned: compared with now from here on.
        state.update(BookEvent::PinBaseline, &model);
        assert_eq!(moved(&state), (vec![], vec![]));
        model = with_weights(["40", "30", "30"]);
        state.sync(&model);
        assert_eq!(moved(&state), (vec!["A3".to_owned()], vec!["A2".to_owned(), "A4".to_owned()]));
        // The movers' export names each with its move, before and after.
        let effects = state.update(BookEvent::ExportMovers, &model);
        let [Effect::Download { file_name, text, .. }] = effects.as_slice() else {
            panic!("a download")
        };
        assert_eq!(file_name, "book-moved.csv");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "id,name,owner,moved,score_before,verdict_before,score_now,verdict_now");
        // A3 at 100/0/0: 50; at 40/30/30: 74.
        assert_eq!(lines[1], "A3,Gamma,Ana,into CSQL,50.0,below-threshold,74.0,csql");
        assert_eq!(lines.len(), 4);
        // Unpinned: back to the book as loaded, where nothing moved at 40/30/30.
        state.update(BookEvent::UnpinBaseline, &model);
        assert_eq!(moved(&state), (vec![], vec![]));
    }

    #[test]
    fn a_large_file_is_read_and_scored_in_slices_with_a_paint_between() {
        use csql_calculator::model::book::ROWS_PER_STEP;
        let model = Model::default();
        let mut state = BookState::default();
        let rows = ROWS_PER_STEP * 2 + 1;
        let csv = csql_calculator::model::book::sample_csv(rows, 3);
        let mut effects = state.update(BookEvent::Paste(String::from_utf8_lossy(&csv).into_owned()), &model);
        effects.extend(state.update(BookEvent::LoadPaste, &model));
        // Every step asks for a paint and then the next step: 3 slices of reading
        // (two full, one of 1 row) and 3 of scoring, then the paint of the book.
        let mut steps = 0;
        // The page's views hold clones of the state while it works.
        let mut views = Vec::new();
        while let Some(Effect::Yield(event)) = effects.pop() {
            steps += 1;
            views.push(state.clone());
            effects = state.update(event, &model);
        }
        assert_eq!(steps, 7);
        assert_eq!(state.stage, ImportStage::Idle);
        assert_eq!(state.derived.as_ref().and_then(|d| d.book()).map(|b| b.len()), Some(rows));
        // The same book as built in one go.
        let (whole, _) =
            csql_calculator::model::book::import(&csv, &model, BadRows::Skip, csql_calculator::model::core::date::Date::default())
                .unwrap_or_else(|e| panic!("{e}"));
        let book = state
            .derived
            .as_ref()
            .and_then(|d| d.book())
            .cloned()
            .unwrap_or_else(|| panic!("a book"));
        assert_eq!(book.component_scores(rows - 1), whole.component_scores(rows - 1));
        assert_eq!(book.owners(), whole.owners());
    }

    #[test]
    fn a_second_file_with_the_same_columns_replaces_the_first() {
        let model = Model::default();
        let mut state = BookState::default();
        for (text, accounts) in [
            ("id,engagement,fit,intent\nD1,80,80,80\n", 1),
            ("id,engagement,fit,intent\nP1,100,100,100\nP2,10,10,10\n", 2),
        ] {
            state.update(BookEvent::Paste(text.into()), &model);
            let effects = state.update(BookEvent::LoadPaste, &model);
            settle(&mut state, effects, &model);
            assert_eq!(state.derived.as_ref().map(|d| d.summary.accounts), Some(accounts));
        }
    }

    #[test]
    fn a_weight_change_rescores_without_rebuilding_and_a_signal_change_rebuilds() {
        let model = Model::default();
        let mut state = BookState::default();
        let effects = state.update(BookEvent::LoadSample, &model);
        assert_eq!(state.stage, ImportStage::Parsing(SAMPLE.into()));
        settle(&mut state, effects, &model);
        let before = state.derived.clone().unwrap_or_else(|| panic!("derived"));
        let mut heavier = model.clone();
        heavier.components[0].weight = "80".into();
        state.sync(&heavier);
        let after = state.derived.clone().unwrap_or_else(|| panic!("derived"));
        assert_eq!(after.book(), before.book(), "same book (pointer)");
        assert_ne!(after.scores, before.scores, "new scores");
        let mut reshaped = heavier.clone();
        reshaped.components[0].signals[0].weight = 5.0;
        state.sync(&reshaped);
        let rebuilt = state.derived.clone().unwrap_or_else(|| panic!("derived"));
        assert_ne!(rebuilt.book(), after.book(), "a new book");
        // Nothing changed: nothing recomputed.
        state.sync(&reshaped);
        assert_eq!(state.derived.as_ref().map(|d| d.scores.clone()), Some(rebuilt.scores.clone()));
    }

    #[test]
    fn the_detail_gives_points_that_add_up_to_the_score() {
        let (book, _) = match import(&fixture("five_direct.csv"), &Model::default(), BadRows::Skip, TODAY) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        let weights = [40.0, 30.0, 30.0];
        let model = Model::default();
        let scores = score_all(&book, &weights, 70.0);
        let d = match detail(&book, &scores, &model, 0, TODAY) {
            Some(d) => d,
            None => panic!("no detail"),
        };
        // A1: 90 x 0.4 = 36, 80 x 0.3 = 24, 70 x 0.3 = 21; 81 >= 70 and no gate is assessed.
        assert_eq!((d.id.as_str(), d.name.as_str()), ("A1", "Alpha"));
        let points: Vec<f64> = d.parts.iter().map(|p| p.2.unwrap_or(f64::NAN)).collect();
        for (got, want) in points.iter().zip([36.0, 24.0, 21.0]) {
            assert!((got - want).abs() < 1e-9, "{got} != {want}");
        }
        assert!(d.score.is_some_and(|s| (s - 81.0).abs() < 1e-9));
        assert_eq!(d.verdict, VerdictKind::Csql);
        assert!(d.missing_gates.is_empty());
        assert_eq!(d.unassessed_gates.len(), 5);
        assert!(detail(&book, &scores, &model, 5, TODAY).is_none());
        // The file's own values for each input: the direct score columns here.
        assert_eq!(d.inputs[0], ("Engagement".into(), "Score (0-100)".into(), Some("90".into())));
        // Unusable weights: no points, no score, nothing to turn into NaN.
        let bad = score_all(&book, &[0.0, 0.0, 0.0], 70.0);
        let d = detail(&book, &bad, &with_weights(["0", "0", "0"]), 0, TODAY);
        assert!(d.is_some_and(|d| d.score.is_none() && d.parts.iter().all(|p| p.2.is_none())));
        assert_eq!((errors_not_shown(250), errors_not_shown(50)), (150, 0));
    }

    #[test]
    fn the_e2e_fixture_scores_as_worked_out_by_hand() {
        let (book, report) = match import(&fixture("five_direct.csv"), &Model::default(), BadRows::Skip, TODAY) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        assert_eq!((report.rows_read, report.imported), (5, 5));
        // 40/30/30: A1 81, A2 62, A3 74, A4 52, A5 12 + 18 + 30 = 60: two CSQLs, A1 first.
        let scores = score_all(&book, &[40.0, 30.0, 30.0], 70.0);
        assert_eq!(scores.csql_count(), 2);
        // Engagement 0, so Fit and Intent count half each: A1 75, A2 50, A3 90, A4 20, A5 80.
        let scores = score_all(&book, &[0.0, 30.0, 30.0], 70.0);
        assert_eq!(scores.csql_count(), 3);
        let best = (0..5).max_by(|&a, &b| scores.scores[a].total_cmp(&scores.scores[b]));
        assert_eq!(best.map(|r| book.id(r)), Some("A3"));
    }
}

#[test]
fn owners_and_sales_outcomes_become_programme_rows() {
    use csql_calculator::model::book::{csm_rows, NO_OWNER};
    use csql_calculator::model::programme::Segment;

    let csv = "id,name,owner,segment,engagement,fit,intent,accepted,won\n\
               A1,One,Ann,smb,50,50,50,yes,yes\n\
               A2,Two,Ann,smb,50,50,50,yes,no\n\
               A3,Three,Ann,smb,50,50,50,no,\n\
               A4,Four,Ann,smb,50,50,50,,\n\
               B1,Five,Bo,enterprise,50,50,50,yes,yes\n\
               B2,Six,Bo,mid_market,50,50,50,no,\n\
               C1,Seven,,smb,50,50,50,yes,no\n";
    let (book, _) = csql_calculator::model::book::import(csv.as_bytes(), &Model::default(), BadRows::Skip, TODAY).unwrap();
    let rows = csm_rows(&book).expect("owner and accepted columns are there");
    let summary: Vec<(&str, &str, &str, &str, Option<Segment>)> = rows
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.submitted.as_str(),
                r.accepted.as_str(),
                r.won.as_str(),
                r.segment,
            )
        })
        .collect();
    // Ann: A1-A3 were decided by Sales (A4 was never submitted); A1 and A2 accepted; A1 won.
    // Bo: B1 accepted and won, B2 turned down; two segments, so the team's applies.
    assert_eq!(
        summary,
        [
            ("Ann", "3", "2", "1", Some(Segment::Smb)),
            ("Bo", "2", "1", "1", None),
            (NO_OWNER, "1", "1", "0", Some(Segment::Smb)),
        ]
    );
    // Without an outcome column there is nothing to measure.
    let plain = "id,name,owner,engagement,fit,intent\nA1,One,Ann,50,50,50\n";
    let (book, _) = csql_calculator::model::book::import(plain.as_bytes(), &Model::default(), BadRows::Skip, TODAY).unwrap();
    assert_eq!(csm_rows(&book), None);
    // Without a closed-won column, won stays blank (n/a), never 0.
    let no_won = "id,name,owner,engagement,fit,intent,accepted\nA1,One,Ann,50,50,50,yes\n";
    let (book, _) = csql_calculator::model::book::import(no_won.as_bytes(), &Model::default(), BadRows::Skip, TODAY).unwrap();
    assert_eq!(csm_rows(&book).unwrap()[0].won, "");
}

#[test]
fn a_windows_1252_file_is_told_to_save_as_utf8() {
    // "Café" in Windows-1252: the é is the single byte 0xE9, invalid in UTF-8.
    let latin1 = b"id,name\nA1,Caf\xe9\n";
    let Err(error) = csql_calculator::model::book::read_table(latin1) else {
        panic!("read as UTF-8")
    };
    assert_eq!(
        error.to_string(),
        "this file is not UTF-8 text: save it from your spreadsheet as \u{201c}CSV UTF-8\u{201d} and try again"
    );
}

#[test]
fn ids_found_twice_are_reported_and_every_row_is_kept() {
    let csv = "id,name,engagement,fit,intent\nA1,a,1,1,1\nA2,b,1,1,1\nA1,c,1,1,1\nA3,d,1,1,1\nA2,e,1,1,1\nA1,f,1,1,1\n";
    let (book, report) = import_ok(csv.as_bytes(), BadRows::Skip);
    // A1 repeats at the third row, A2 at the fifth; the third A1 adds no new duplicate id.
    assert_eq!(book.len(), 6);
    assert_eq!(report.duplicate_count, 2);
    assert_eq!(report.duplicate_ids, ["A1", "A2"]);
}
