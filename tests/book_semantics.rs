#![cfg(not(target_arch = "wasm32"))]
//! What the Book page's words mean (issue 9, "Book semantics"): a CSQL whose
//! required gates have no column says the gates were not assessed; percent
//! signs, commas between thousands and yes/no values are read or refused in
//! plain words; the rows an import leaves out come back as their own CSV with
//! a reason; and an account's detail says which gates were checked and gives
//! its signals as the file does. Values are worked out by hand in comments.

mod common;

use common::{fixture, settle};
use csql_calculator::model::book::{
    detail, import, read_table, reason_column, score_all, skipped_csv, summarise, BadRows, Book, BookEvent, BookState, ImportReport, Scores,
};
use csql_calculator::model::core::date::Date;
use csql_calculator::model::core::effect::Effect;
use csql_calculator::model::core::weighting::{VerdictKind, CSQL_GATES_NOT_ASSESSED};
use csql_calculator::model::Model;

/// Any date will do: these models have no recency signal.
const TODAY: Date = Date::from_days(20_000);

fn import_ok(bytes: &[u8], model: &Model, policy: BadRows) -> (Book, ImportReport) {
    import(bytes, model, policy, TODAY).unwrap_or_else(|e| panic!("import failed: {e}"))
}

/// Default weights 40/30/30 and threshold 70.
fn default_scores(book: &Book) -> Scores {
    score_all(book, &[40.0, 30.0, 30.0], 70.0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

const ALL_GATES: [&str; 5] = ["Product fit", "Usage signals", "Stakeholder buy-in", "Budget", "Timing"];

// ------------------------------------------------------------ verdicts without gate columns

#[test]
fn a_csql_without_gate_columns_says_the_gates_were_not_assessed() {
    let (book, _) = import_ok(&fixture("five_direct.csv"), &Model::default(), BadRows::Skip);
    let scores = default_scores(&book);
    // 40/30/30 at 70: A1 36 + 24 + 21 = 81 and A3 20 + 27 + 27 = 74 reach it;
    // A2 32 + 18 + 12 = 62, A4 40 + 6 + 6 = 52, A5 12 + 18 + 30 = 60 do not.
    let verdicts: Vec<VerdictKind> = scores.verdicts.clone();
    use VerdictKind::{BelowThreshold, Csql};
    assert_eq!(verdicts, vec![Csql, BelowThreshold, Csql, BelowThreshold, BelowThreshold]);
    // No gate has a column: every required gate is unassessed, and a CSQL says so.
    assert_eq!(book.unassessed_required(), ALL_GATES.map(str::to_owned).to_vec());
    assert_eq!(book.verdict_label(Csql), "CSQL, gates not assessed");
    assert_eq!(book.verdict_label(Csql), CSQL_GATES_NOT_ASSESSED);
    assert_eq!(book.verdict_label(BelowThreshold), "Below the threshold");
    // The code stays `csql`, for data-verdict, the export, the CLI and the SQL.
    assert_eq!(Csql.word(), "csql");

    let summary = summarise(&book, &scores);
    // csql-count: accounts that reach the threshold and meet every required gate the file assesses.
    assert_eq!(summary.csqls, 2);
    assert_eq!(summary.count_words(), " CSQLs of 5 accounts");
    assert_eq!(
        summary.count_note().as_deref(),
        Some(
            "Counted on score and the required gates this file answers: Product fit, Usage signals, Stakeholder buy-in, \
             Budget and Timing have no column, so they were not assessed, and a CSQL here reads \u{201c}CSQL, gates not \
             assessed\u{201d}. Map the gate columns under Columns to check them."
        )
    );
    assert_eq!(summary.optional_unassessed(), None);
    // 0 gates missing, 3 below.
    assert_eq!(
        summary.others(),
        "0 qualify on score but miss a required gate; 3 are below the threshold."
    );

    // The detail says the same, and which gates were not checked.
    let model = Model::default();
    let a1 = detail(&book, &scores, &model, 0, TODAY).unwrap_or_else(|| panic!("A1"));
    assert_eq!(a1.verdict_label, "CSQL, gates not assessed");
    assert_eq!(
        a1.gates_line(),
        "No required gate this file answers is missing. Not assessed, no column in the file: Product fit, Usage signals, \
         Stakeholder buy-in, Budget and Timing."
    );
    let a2 = detail(&book, &scores, &model, 1, TODAY).unwrap_or_else(|| panic!("A2"));
    assert_eq!(a2.verdict_label, "Below the threshold");
}

#[test]
fn one_gate_answered_counts_it_and_names_the_others() {
    // Only Budget has a column (the semicolon fixture).
    let (book, _) = import_ok(&fixture("semicolon_bom.csv"), &Model::default(), BadRows::Skip);
    let scores = default_scores(&book);
    // A1: 32 + 21 + 18 = 71, budget yes: a CSQL on score and the one gate answered.
    // A2: 36.2 + 30 + 30 = 96.2, budget no: gates missing. A3: 50, budget blank: below.
    assert_eq!(
        scores.verdicts,
        vec![VerdictKind::Csql, VerdictKind::GatesMissing, VerdictKind::BelowThreshold]
    );
    assert_eq!(book.verdict_label(scores.verdicts[0]), "CSQL, gates not assessed");
    assert_eq!(book.verdict_label(scores.verdicts[1]), "Gates missing");
    let summary = summarise(&book, &scores);
    assert_eq!(summary.csqls, 1);
    assert_eq!(summary.count_words(), " CSQL of 3 accounts");
    let note = summary.count_note().unwrap_or_default();
    assert!(
        note.contains("Product fit, Usage signals, Stakeholder buy-in and Timing have no column, so they were not assessed"),
        "{note}"
    );
    assert_eq!(
        summary.others(),
        "1 qualifies on score but misses a required gate; 1 is below the threshold."
    );
    let model = Model::default();
    let a2 = detail(&book, &scores, &model, 1, TODAY).unwrap_or_else(|| panic!("A2"));
    assert_eq!(
        a2.gates_line(),
        "Required gates not met: Budget. Not assessed, no column in the file: Product fit, Usage signals, Stakeholder buy-in and Timing."
    );
}

#[test]
fn every_required_gate_answered_gives_a_plain_csql_and_no_note() {
    let csv = "id,engagement,fit,intent,product_fit,usage,stakeholder,budget,timing\n\
               G1,90,80,70,yes,yes,yes,yes,yes\n\
               G2,90,80,70,yes,yes,no,yes,yes\n\
               G3,10,10,10,yes,yes,yes,yes,yes\n";
    let (book, _) = import_ok(csv.as_bytes(), &Model::default(), BadRows::Skip);
    assert!(book.unassessed_required().is_empty());
    let scores = default_scores(&book);
    // G1 and G2: 36 + 24 + 21 = 81; G2's stakeholder gate says no. G3: 10.
    assert_eq!(
        scores.verdicts,
        vec![VerdictKind::Csql, VerdictKind::GatesMissing, VerdictKind::BelowThreshold]
    );
    assert_eq!(book.verdict_label(VerdictKind::Csql), "CSQL");
    let summary = summarise(&book, &scores);
    assert_eq!((summary.csqls, summary.count_note()), (1, None));
    assert_eq!(summary.count_words(), " CSQL of 3 accounts");
    let g1 = detail(&book, &scores, &Model::default(), 0, TODAY).unwrap_or_else(|| panic!("G1"));
    assert_eq!(
        (g1.verdict_label, g1.gates_line().as_str()),
        ("CSQL", "No required gate is missing.")
    );
}

#[test]
fn an_optional_gate_without_a_column_does_not_mark_a_csql() {
    let mut model = Model::default();
    for gate in &mut model.gates {
        gate.required = gate.key == "budget";
    }
    let (book, _) = import_ok(&fixture("semicolon_bom.csv"), &model, BadRows::Skip);
    let scores = default_scores(&book);
    // A1 71 with budget yes: every required gate (Budget) is answered.
    assert_eq!(scores.verdicts[0], VerdictKind::Csql);
    assert_eq!(book.verdict_label(VerdictKind::Csql), "CSQL");
    let summary = summarise(&book, &scores);
    assert_eq!(summary.count_note(), None);
    assert_eq!(
        summary.optional_unassessed().as_deref(),
        Some("Not assessed (no column), not required: Product fit, Usage signals, Stakeholder buy-in and Timing.")
    );
}

// ------------------------------------------------------------ imports: percent, thousands, yes/no

#[test]
fn percent_signs_and_commas_between_thousands_are_read_as_people_write_them() {
    let csv = "id,active_users_trend,seats_active,qbr_attended,responsiveness,use_case_match,icp_segment,integrations,beyond_plan,plan_usage,new_stakeholder,budget_cycle_open\n\
               P1,5,75%,yes,10,yes,no,\"1,234\",yes,\"12,5 %\",no,yes\n";
    let (book, report) = import_ok(csv.as_bytes(), &Model::default(), BadRows::Skip);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    // Engagement: trend 5 -> 50 (x2), seats 75% -> 75, QBR yes -> 100, responsiveness 10 -> 100:
    // (100 + 75 + 100 + 100) / 5 = 75.
    // Fit: use case yes -> 100 (x2), ICP no -> 0, integrations 1,234 (cap 5) -> 100: 300 / 4 = 75.
    // Intent: beyond plan yes 100, plan usage 12,5 % -> 12.5, stakeholder no 0, budget cycle yes 100:
    // 212.5 / 4 = 53.125.
    let parts = book.component_scores(0);
    assert!(
        close(parts[0], 75.0) && close(parts[1], 75.0) && close(parts[2], 53.125),
        "{parts:?}"
    );
    // 0.4 x 75 + 0.3 x 75 + 0.3 x 53.125 = 30 + 22.5 + 15.9375 = 68.4375.
    assert!(close(default_scores(&book).scores[0], 68.4375));
}

#[test]
fn a_count_of_a_thousand_and_more_reaches_a_cap_and_a_decimal_comma_stays_one() {
    // Integrations, cap 5, weight 1 of Fit's 4 (use case 2, ICP 1 unmapped: no).
    let csv = "id,integrations\nC1,\"1,234\"\nC2,\"2,5\"\nC3,\"0,125\"\n";
    let (book, report) = import_ok(csv.as_bytes(), &Model::default(), BadRows::Skip);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    // C1: 1234 -> 100, Fit 100 / 4 = 25. C2: 2.5 / 5 = 50 -> 12.5. C3: 0.125 / 5 = 2.5 -> 0.625.
    let fit: Vec<f64> = (0..3).map(|r| book.component_scores(r)[1]).collect();
    assert!(close(fit[0], 25.0) && close(fit[1], 12.5) && close(fit[2], 0.625), "{fit:?}");
}

#[test]
fn bad_yes_no_and_counts_say_what_is_wrong_and_how_to_fix_it() {
    let csv = "id,qbr_attended,integrations,seats_active,product_fit\n\
               M1,maybe,1,50,yes\n\
               M2,yes,1.234.567,50,yes\n\
               M3,yes,1,75%%,yes\n\
               M4,yes,1,50,perhaps\n";
    let (_, report) = import_ok(csv.as_bytes(), &Model::default(), BadRows::Skip);
    let messages: Vec<String> = report.errors.iter().map(|e| e.message()).collect();
    assert_eq!(
        messages,
        vec![
            "Row 1 (line 2), column \u{201c}qbr_attended\u{201d}: \u{201c}maybe\u{201d} is not yes or no".to_owned(),
            "Row 2 (line 3), column \u{201c}integrations\u{201d}: \u{201c}1.234.567\u{201d} is not a number: write a count as 1234 \
             or 1,234 (a comma between thousands, a point before decimals)"
                .to_owned(),
            "Row 3 (line 4), column \u{201c}seats_active\u{201d}: \u{201c}75%%\u{201d} is not a number".to_owned(),
            "Row 4 (line 5), column \u{201c}product_fit\u{201d}: \u{201c}perhaps\u{201d} is not yes or no".to_owned(),
        ]
    );
}

// ------------------------------------------------------------ skipped rows, as their own CSV

#[test]
fn the_skipped_rows_come_back_with_their_columns_and_a_reason() {
    let (book, report) = import_ok(&fixture("bad_rows.csv"), &Model::default(), BadRows::Skip);
    assert_eq!(report.skipped, 5);
    let csv = String::from_utf8(skipped_csv(&book).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        vec![
            "id,name,owner,active_users_trend,seats_active,integrations,product_fit,reason",
            "B2,Text,Ben,eight,50,5,yes,Row 2 (line 3): column \u{201c}active_users_trend\u{201d}: \u{201c}eight\u{201d} is not a number",
            "B3,Range,Ana,11,50,5,no,Row 3 (line 4): column \u{201c}active_users_trend\u{201d}: 11 is above the maximum of 10",
            ",No id,Ben,5,50,5,yes,Row 4 (line 5): column \u{201c}id\u{201d}: the account id is missing",
            // The short row is filled with blanks, so its reason is under `reason`.
            "B5,Short,Ana,5,,,,\"Row 5 (line 6): the row has 4 fields, the header has 7\"",
            "B6,Gate,Ben,10,100,5,maybe,Row 6 (line 7): column \u{201c}product_fit\u{201d}: \u{201c}maybe\u{201d} is not yes or no",
        ]
    );
    // Under "keep with blanks" only the rows that cannot be kept are left out.
    let (book, _) = import_ok(&fixture("bad_rows.csv"), &Model::default(), BadRows::KeepEmpty);
    let csv = String::from_utf8(skipped_csv(&book).unwrap_or_default()).unwrap_or_default();
    assert_eq!(csv.lines().count(), 3, "{csv}");
}

#[test]
fn every_skipped_row_is_in_the_csv_past_the_report_s_thousand() {
    // 1,500 rows with a rating of 11 (above 10) and 500 good ones, alternating in threes.
    let mut csv = String::from("id,active_users_trend\n");
    let mut bad = 0;
    for i in 0..2000 {
        if i % 4 == 3 {
            csv.push_str(&format!("G{i},5\n"));
        } else {
            bad += 1;
            csv.push_str(&format!("B{i},11\n"));
        }
    }
    assert_eq!(bad, 1500);
    let (book, report) = import_ok(csv.as_bytes(), &Model::default(), BadRows::Skip);
    assert_eq!((report.skipped, report.errors.len(), report.error_count), (1500, 1000, 1500));
    let out = skipped_csv(&book).unwrap_or_else(|e| panic!("{e}"));
    let table = read_table(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(table.headers, vec!["id", "active_users_trend", "reason"]);
    assert_eq!(table.rows.len(), 1500);
    // The last bad row is data row 1999 (i = 1998), on line 2000.
    let last = table.rows.last().and_then(|r| r.record.clone()).unwrap_or_default();
    assert_eq!(last.get(0), Some("B1998"));
    assert_eq!(
        last.get(2),
        Some("Row 1999 (line 2000): column \u{201c}active_users_trend\u{201d}: 11 is above the maximum of 10")
    );
}

#[test]
fn skipped_cells_that_start_a_formula_are_escaped_and_read_back() {
    let csv = "id,name,active_users_trend\nX1,=HYPERLINK(\"http://x\"),11\n-3,@SUM(A1),12\n";
    let (book, _) = import_ok(csv.as_bytes(), &Model::default(), BadRows::Skip);
    let out = String::from_utf8(skipped_csv(&book).unwrap_or_default()).unwrap_or_default();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[1],
        "X1,\"'=HYPERLINK(\"\"http://x\"\")\",11,Row 1 (line 2): column \u{201c}active_users_trend\u{201d}: 11 is above the maximum of 10"
    );
    assert!(lines[2].starts_with("'-3,'@SUM(A1),12,"), "{}", lines[2]);
    // Read back, the quotes are gone: the same cells as the file's.
    let table = read_table(out.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let first = table.rows[0].record.clone().unwrap_or_default();
    assert_eq!((first.get(0), first.get(1)), (Some("X1"), Some("=HYPERLINK(\"http://x\")")));
    let second = table.rows[1].record.clone().unwrap_or_default();
    assert_eq!((second.get(0), second.get(1)), (Some("-3"), Some("@SUM(A1)")));
}

#[test]
fn a_long_row_keeps_its_fields_and_an_unreadable_one_gives_its_reason() {
    // 8,000 good rows put the row that is not UTF-8 past the first 64 KB (checked whole).
    let mut bytes = b"id,engagement,reason\n".to_vec();
    for i in 0..8000 {
        bytes.extend_from_slice(format!("R{i:04},50,\n").as_bytes());
    }
    bytes.extend_from_slice(b"X\xFF,50,\nLong,50,,extra\n");
    let (book, report) = import_ok(&bytes, &Model::default(), BadRows::Skip);
    assert_eq!(report.skipped, 2);
    // The file has its own `reason` column: ours is named apart.
    assert_eq!(reason_column(&book.table().headers), "csql_reason");
    let out = String::from_utf8(skipped_csv(&book).unwrap_or_default()).unwrap_or_default();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        vec![
            "id,engagement,reason,csql_reason",
            ",,,Row 8001 (line 8002): the row is not readable text (not UTF-8)",
            "Long,50,,extra,\"Row 8002 (line 8003): the row has 4 fields, the header has 3\"",
        ]
    );
}

#[test]
fn the_page_offers_the_skipped_rows_as_a_download() {
    let model = Model::default();
    let mut state = BookState::default();
    let mut effects = state.update(
        BookEvent::Paste(String::from_utf8(fixture("bad_rows.csv")).unwrap_or_default()),
        &model,
    );
    effects.extend(state.update(BookEvent::LoadPaste, &model));
    // Run the yields (parse, then score in slices) as the shell would.
    settle(effects, |event| state.update(event, &model));
    let report = state.derived.as_ref().and_then(|d| d.book.as_ref().ok()).map(|(_, r)| r.skipped);
    assert_eq!(report, Some(5));
    let effects = state.update(BookEvent::ExportSkipped, &model);
    let [Effect::Download { file_name, mime, text }] = effects.as_slice() else {
        panic!("one download: {effects:?}")
    };
    assert_eq!((file_name.as_str(), *mime), ("book-skipped.csv", "text/csv"));
    assert_eq!(text.lines().count(), 6);
    assert!(text.starts_with("id,name,owner,active_users_trend,seats_active,integrations,product_fit,reason\n"));
    // Nothing loaded: nothing to download.
    assert!(BookState::default().update(BookEvent::ExportSkipped, &model).is_empty());
}

// ------------------------------------------------------------ the account's detail

#[test]
fn the_detail_gives_the_signals_as_the_file_does_grouped_by_component() {
    let (book, _) = import_ok(&fixture("tab.tsv"), &Model::default(), BadRows::Skip);
    let scores = default_scores(&book);
    let model = Model::default();
    // T4: only the trend has a value (8); the other mapped cells are blank.
    let t4 = detail(&book, &scores, &model, 3, TODAY).unwrap_or_else(|| panic!("T4"));
    let groups = t4.signal_groups();
    let names: Vec<&str> = groups.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(names, vec!["Engagement", "Fit", "Intent"]);
    let engagement: Vec<(&str, &str, &str)> = groups[0]
        .1
        .iter()
        .map(|r| (r.label.as_str(), r.value.as_str(), r.points.as_str()))
        .collect();
    // The trend 8 scores 80 and counts 2 of Engagement's 5 shares, whose
    // weight is 40 of 100: 80 × 2/5 × 40/100 = 12.8 points. Blanks count 0.
    assert_eq!(
        engagement,
        vec![
            (
                "Active-user trend over the last quarter (0 falling, 5 flat, 10 growing fast)",
                "8",
                "+12.8"
            ),
            ("Licensed seats active in the last 30 days (%)", "blank", "+0.0"),
            ("Attended the last QBR", "blank", "+0.0"),
            ("Responsiveness to emails and meetings (0-10)", "blank", "+0.0"),
        ]
    );
    // Fit has three signals, Intent four: eleven in all, as the model has.
    assert_eq!(groups.iter().map(|(_, rows)| rows.len()).collect::<Vec<_>>(), vec![4, 3, 4]);
    // T1 as written in the file.
    let t1 = detail(&book, &scores, &model, 0, TODAY).unwrap_or_else(|| panic!("T1"));
    // 5 integrations reach the cap of 5: 100; Fit's sub-weights are 2 (use case), 1, 1,
    // so integrations count 1 of 4 shares: 100 × 1/4 × 30/100 = 7.5 points.
    let integrations = &t1.signal_groups()[1].1[2];
    assert_eq!(
        (
            integrations.label.as_str(),
            integrations.value.as_str(),
            integrations.points.as_str()
        ),
        ("Integrations connected", "5", "+7.5")
    );
    // A signal no column feeds says so.
    let (book, _) = import_ok(&fixture("bad_rows.csv"), &Model::default(), BadRows::Skip);
    let b1 = detail(&book, &default_scores(&book), &model, 0, TODAY).unwrap_or_else(|| panic!("B1"));
    let qbr = &b1.signal_groups()[0].1[2];
    assert_eq!(
        (qbr.label.as_str(), qbr.value.as_str(), qbr.points.as_str()),
        ("Attended the last QBR", "no column: counts as 0", "+0.0")
    );
}

// ------------------------------------------------------------ property: any count written with commas

/// `n` written with a comma between each group of three digits, by hand.
fn with_commas(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

proptest::proptest! {
    #[test]
    fn any_count_written_with_commas_reads_back_as_itself(n in 0u64..=1_000_000_000, cents in 0u64..100) {
        use csql_calculator::model::core::number::parse_count;
        // Below 1,000 there is no comma: plain numbers must read the same too.
        let text = with_commas(n);
        #[allow(clippy::cast_precision_loss)] // at most 1e9: exact in f64
        let whole = n as f64;
        proptest::prop_assert_eq!(parse_count(&text, 1e9), Ok(whole));
        if n < 1_000_000_000 {
            let decimals = format!("{text}.{cents:02}");
            let expected: f64 = format!("{n}.{cents:02}").parse().unwrap_or(f64::NAN);
            proptest::prop_assert_eq!(parse_count(&decimals, 1e9), Ok(expected));
        }
    }
}
