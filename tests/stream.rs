#![cfg(not(target_arch = "wasm32"))]
//! The streaming scorer (what `csql score` runs) writes exactly the bytes of
//! the book view's export for the same model, mapping and file, and reports
//! the same row problems: on every fixture, the sample book and random files.

mod common;
use common::fixture;
use std::io::Read;
use std::rc::Rc;

use csql_calculator::model::book::{
    export_csv, import, read_table, sample_csv, score_all, score_csv, BadRows, Book, BookError, ImportReport, Mapping, RowError,
};
use csql_calculator::model::core::weighting::weights_and_threshold;
use csql_calculator::model::Model;
use proptest::prelude::*;

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

/// A reader that hands out at most `chunk` bytes per call, to cross every
/// buffer boundary the streaming reader has.
struct Trickle<'a> {
    bytes: &'a [u8],
    chunk: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.chunk.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// What the book view exports for `bytes`, with its report.
fn book_export(bytes: &[u8], model: &Model, mapping: Option<&Mapping>, policy: BadRows) -> Result<(Vec<u8>, ImportReport), BookError> {
    let (book, report) = match mapping {
        None => import(bytes, model, policy, TODAY)?,
        Some(mapping) => Book::build(Rc::new(read_table(bytes)?), model, mapping, policy, TODAY)?,
    };
    let scores = match weights_and_threshold(model) {
        Ok((weights, threshold)) => score_all(&book, &weights, threshold),
        // The book view scores with what it can read; an unusable model makes every row invalid.
        Err(_) => score_all(&book, &[], 0.0),
    };
    Ok((export_csv(&book, &scores)?, report))
}

/// What the streaming scorer writes for `bytes`, read `chunk` bytes at a time.
fn streamed(
    bytes: &[u8],
    chunk: usize,
    model: &Model,
    mapping: Option<&Mapping>,
    policy: BadRows,
) -> Result<(Vec<u8>, ImportReport, Vec<RowError>), BookError> {
    let mut heard = Vec::new();
    let (report, out) = score_csv(Trickle { bytes, chunk }, Vec::new(), model, mapping, policy, TODAY, |e| {
        heard.push(e.clone())
    })?;
    Ok((out, report, heard))
}

fn assert_same(bytes: &[u8], model: &Model, mapping: Option<&Mapping>, policy: BadRows, what: &str) {
    let book = book_export(bytes, model, mapping, policy);
    for chunk in [1, 7, 64 * 1024 + 5, usize::MAX] {
        let stream = streamed(bytes, chunk, model, mapping, policy);
        match (&book, stream) {
            (Ok((expected, book_report)), Ok((out, report, heard))) => {
                assert!(out == *expected, "{what}, chunk {chunk}: bytes differ");
                assert_eq!(report.rows_read, book_report.rows_read, "{what}");
                assert_eq!(report.imported, book_report.imported, "{what}");
                assert_eq!(report.skipped, book_report.skipped, "{what}");
                assert_eq!(report.kept_with_blanks, book_report.kept_with_blanks, "{what}");
                assert_eq!(report.blank_rows, book_report.blank_rows, "{what}");
                assert_eq!(report.error_count, book_report.error_count, "{what}");
                assert_eq!(report.errors, book_report.errors, "{what}");
                // Every problem is heard, not only the first thousand.
                assert_eq!(heard.len(), book_report.error_count, "{what}");
            }
            (Err(expected), Err(e)) => assert_eq!(&e, expected, "{what}"),
            (book, stream) => panic!(
                "{what}, chunk {chunk}: book {:?} but stream {:?}",
                book.as_ref().err(),
                stream.err()
            ),
        }
    }
}

#[test]
fn every_fixture_streams_to_the_bytes_of_the_book_export() {
    let model = Model::default();
    for name in [
        "bad_rows.csv",
        "binary.bin",
        "empty.csv",
        "five_direct.csv",
        "header_only.csv",
        "outcomes.csv",
        "quoted.csv",
        "semicolon_bom.csv",
        "tab.tsv",
    ] {
        for policy in [BadRows::Skip, BadRows::KeepEmpty] {
            assert_same(&fixture(name), &model, None, policy, name);
        }
    }
}

#[test]
fn the_sample_book_streams_to_the_bytes_of_the_book_export() {
    let bytes = sample_csv(3000, 42);
    assert_same(&bytes, &Model::default(), None, BadRows::Skip, "sample");
    // 3000 accounts, a header line, and 3000 scored lines out.
    let (out, report, _) = streamed(&bytes, usize::MAX, &Model::default(), None, BadRows::Skip).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.imported, 3000);
    assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 3001);
}

#[test]
fn a_given_mapping_is_used_instead_of_the_automatic_one() {
    let bytes = b"key,e,f,i\nk1,90,80,70\nk2,,x,50\n";
    let mut mapping = Mapping::default();
    mapping.set_id(Some("key".into()));
    mapping.set_direct("engagement", Some("e".into()));
    mapping.set_direct("fit", Some("f".into()));
    mapping.set_direct("intent", Some("i".into()));
    let model = Model::default();
    assert_same(bytes, &model, Some(&mapping), BadRows::Skip, "mapping");
    assert_same(bytes, &model, Some(&mapping), BadRows::KeepEmpty, "mapping, keep");
    // k1: 90 x 0.4 + 80 x 0.3 + 70 x 0.3 = 36 + 24 + 21 = 81, every gate unassessed: csql.
    let (out, report, heard) = streamed(bytes, 3, &model, Some(&mapping), BadRows::Skip).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(out).unwrap_or_default();
    assert_eq!(
        text,
        "key,e,f,i,engagement_score,fit_score,intent_score,csql_score,verdict\nk1,90,80,70,90.0,80.0,70.0,81.0,csql\n"
    );
    assert_eq!((report.rows_read, report.skipped), (2, 1));
    assert_eq!(
        heard.iter().map(RowError::message).collect::<Vec<_>>(),
        vec!["Row 2 (line 3), column \u{201c}f\u{201d}: \u{201c}x\u{201d} is not a number".to_owned()]
    );
    // A mapping naming a column the file lacks stops the whole file.
    mapping.set_gate("budget", Some("nope".into()));
    assert_eq!(
        streamed(bytes, 3, &model, Some(&mapping), BadRows::Skip).err(),
        Some(BookError::UnknownColumn("nope".into()))
    );
}

#[test]
fn unusable_weights_make_every_row_invalid_as_in_the_book() {
    let model = Model {
        threshold: "abc".into(),
        ..Model::default()
    };
    assert_same(&fixture("five_direct.csv"), &model, None, BadRows::Skip, "bad threshold");
    let (out, ..) = streamed(&fixture("five_direct.csv"), 9, &model, None, BadRows::Skip).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(out).unwrap_or_default();
    // Component scores are still written; the CSQL score is blank.
    assert!(
        text.lines().nth(1).is_some_and(|l| l.ends_with(",90.0,80.0,70.0,,invalid")),
        "{text}"
    );
}

#[test]
fn whitespace_alone_is_empty_and_blank_records_alone_have_no_header() {
    let model = Model::default();
    let spaces = vec![b' '; 70 * 1024];
    assert_eq!(streamed(&spaces, 1000, &model, None, BadRows::Skip).err(), Some(BookError::Empty));
    assert_same(&spaces, &model, None, BadRows::Skip, "spaces");
    assert_eq!(
        streamed(b",,\n , ,\n", 1, &model, None, BadRows::Skip).err(),
        Some(BookError::NoHeader)
    );
    assert_same(b",,\n , ,\n", &model, None, BadRows::Skip, "blank records");
}

/// Cells that stress the reader: numbers, yes/no, garbage, delimiters,
/// quotes, newlines, blanks, spaces and formula starts.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        4 => (0u32..=120).prop_map(|v| v.to_string()),
        2 => (0.0f64..=10.0).prop_map(|v| format!("{v:.1}").replace('.', ",")),
        2 => prop::sample::select(vec!["yes", "no", "Y", "maybe", "-3", "=1+1", "'-2", "@x"]).prop_map(str::to_owned),
        3 => "[a-zA-Z ,;\t\"\n'=+-]{0,8}",
    ]
}

const COLUMNS: [&str; 12] = [
    "name",
    "owner",
    "engagement",
    "fit",
    "active_users_trend",
    "seats_active",
    "qbr_attended",
    "integrations",
    "plan_usage",
    "budget",
    "accepted",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any file, read in any chunk size, streams to the book's bytes.
    #[test]
    fn random_files_stream_to_the_bytes_of_the_book_export(
        columns in prop::sample::subsequence(COLUMNS.to_vec(), 0..COLUMNS.len()),
        delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        rows in prop::collection::vec((prop::option::weighted(0.9, "[A-Z][0-9]{1,3}"), prop::collection::vec(cell(), 12), 0usize..20), 0..20),
        keep in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let mut writer = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(Vec::new());
        let mut header = vec!["id".to_owned()];
        header.extend(columns.iter().map(|c| (*c).to_owned()));
        writer.write_record(&header).unwrap();
        for (id, cells, cut) in &rows {
            let mut record = vec![id.clone().unwrap_or_default()];
            record.extend(cells.iter().take(columns.len()).cloned());
            if *cut == 0 && record.len() > 1 {
                record.pop();
            }
            writer.write_record(&record).unwrap();
        }
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend(writer.into_inner().unwrap());
        let policy = if keep { BadRows::KeepEmpty } else { BadRows::Skip };
        assert_same(&bytes, &Model::default(), None, policy, "random file");
    }
}
