//! Issue 17, files as CRMs write them: Windows line endings (CRLF, what Excel
//! and every CRM export writes) give the same line numbers as LF, in the page
//! and in `csql score`, which streams the file in small reads.
#![cfg(not(target_arch = "wasm32"))]

use csql_calculator::model::book::{import, score_csv, BadRows};
use csql_calculator::model::core::date::Date;
use csql_calculator::model::Model;

/// Three accounts; the seats-active percentage of B and D is out of range.
/// Line 1 is the header, line 2 blank, A on line 3, B on line 4, C's quoted
/// note spans lines 5-6, D on line 7.
fn lines(newline: &str) -> String {
    [
        "id,seats_active,note",
        "",
        "A,50,ok",
        "B,500,ok",
        "C,60,\"two",
        "lines\"",
        "D,700,ok",
        "",
    ]
    .join(newline)
}

fn messages(bytes: &[u8]) -> Vec<String> {
    let (_, report) = import(bytes, &Model::default(), BadRows::Skip, Date::default()).unwrap_or_else(|e| panic!("{e}"));
    report.errors.iter().map(|e| e.message()).collect()
}

/// `csql score`'s reader, fed `chunk` bytes at a time.
fn streamed(bytes: &[u8], chunk: usize) -> Vec<String> {
    struct Trickle<'a>(&'a [u8], usize);
    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let mut heard = Vec::new();
    score_csv(
        Trickle(bytes, chunk),
        Vec::new(),
        &Model::default(),
        None,
        BadRows::Skip,
        Date::default(),
        |e| {
            heard.push(e.message());
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    heard
}

#[test]
fn crlf_files_name_the_same_lines_as_lf_files_in_the_page() {
    // Rows count accounts (A is row 1); lines count the file's lines.
    let expected = [
        "Row 2 (line 4), column \u{201c}seats_active\u{201d}: 500 is above the maximum of 100",
        "Row 4 (line 7), column \u{201c}seats_active\u{201d}: 700 is above the maximum of 100",
    ];
    assert_eq!(messages(lines("\n").as_bytes()), expected);
    assert_eq!(messages(lines("\r\n").as_bytes()), expected);
    // With a byte-order mark, as Excel's "CSV UTF-8" writes.
    let bom = format!("\u{feff}{}", lines("\r\n"));
    assert_eq!(messages(bom.as_bytes()), expected);
    // Old Mac line endings (CR alone) count too.
    assert_eq!(messages(lines("\r").as_bytes()), expected);
}

#[test]
fn crlf_files_name_the_same_lines_as_lf_files_in_csql() {
    let expected = [
        "Row 2 (line 4), column \u{201c}seats_active\u{201d}: 500 is above the maximum of 100",
        "Row 4 (line 7), column \u{201c}seats_active\u{201d}: 700 is above the maximum of 100",
    ];
    for chunk in [1, 2, 3, 7, 4096] {
        assert_eq!(streamed(lines("\n").as_bytes(), chunk), expected, "LF, {chunk}-byte reads");
        assert_eq!(streamed(lines("\r\n").as_bytes(), chunk), expected, "CRLF, {chunk}-byte reads");
    }
}

/// The header row of a HubSpot companies export (HubSpot's documented
/// default company properties, then a portal's custom ones).
const HUBSPOT: &[&str] = &[
    "Record ID",
    "Company name",
    "Company owner",
    "Create Date",
    "Last Activity Date",
    "Lifecycle Stage",
    "Number of Employees",
    "Annual Revenue",
    "Industry",
    "Seat Utilization",
    "Accepted by Sales",
    "Expansion Closed Won",
];

/// The header row of a Salesforce account report.
const SALESFORCE: &[&str] = &[
    "Account Owner",
    "Account Name",
    "Account ID",
    "Type",
    "Customer Segment",
    "Industry",
    "Annual Revenue",
    "Employees",
    "Last Activity",
    "Sales Accepted",
    "Is Won",
];

#[test]
fn crm_export_headers_match_id_owner_segment_and_outcomes() {
    use csql_calculator::model::book::Mapping;
    let auto = |headers: &[&str]| Mapping::auto(&headers.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>(), &Model::default());
    let hubspot = auto(HUBSPOT);
    assert_eq!(hubspot.id.as_deref(), Some("Record ID"));
    assert_eq!(hubspot.name.as_deref(), Some("Company name"));
    assert_eq!(hubspot.owner.as_deref(), Some("Company owner"));
    assert_eq!(hubspot.accepted.as_deref(), Some("Accepted by Sales"));
    // By containment: the header contains "closed won".
    assert_eq!(hubspot.won.as_deref(), Some("Expansion Closed Won"));
    assert_eq!(hubspot.segment, None);

    let salesforce = auto(SALESFORCE);
    assert_eq!(salesforce.id.as_deref(), Some("Account ID"));
    assert_eq!(salesforce.name.as_deref(), Some("Account Name"));
    assert_eq!(salesforce.owner.as_deref(), Some("Account Owner"));
    assert_eq!(salesforce.segment.as_deref(), Some("Customer Segment"));
    assert_eq!(salesforce.accepted.as_deref(), Some("Sales Accepted"));
    assert_eq!(salesforce.won.as_deref(), Some("Is Won"));

    // Priority: an exact synonym wins over a header that only contains one,
    // wherever it stands; "Tier" is a segment; short synonyms never match by
    // containment ("Paid" does not hold an id).
    let mixed = auto(&["Paid", "Won Deals Closed Won Amount", "CSM", "Tier", "Closed Won", "Customer ID"]);
    assert_eq!(mixed.id.as_deref(), Some("Customer ID"));
    assert_eq!(mixed.won.as_deref(), Some("Closed Won"));
    assert_eq!(mixed.owner.as_deref(), Some("CSM"));
    assert_eq!(mixed.segment.as_deref(), Some("Tier"));
}
