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

// ------------------------------------------------------------ signals with no column

#[test]
fn signals_with_no_column_are_counted_with_the_points_they_carry() {
    use csql_calculator::model::book::unmapped::Unmapped;
    use csql_calculator::model::book::Mapping;
    let model = Model::default();
    let headers = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    // Only "seats active" has a column: 1 of Engagement's 5 shares (the trend
    // counts twice) of 40 points = 8. The other 10 signals carry 92.
    let only_seats = Unmapped::of(&model, &Mapping::auto(&headers(&["id", "seats_active"]), &model)).unwrap_or_else(|| panic!("unmapped"));
    assert_eq!(only_seats.labels.len(), 10);
    assert_eq!(only_seats.total, 11);
    assert!((only_seats.points.unwrap_or(0.0) - 92.0).abs() < 1e-9);
    let sentence = only_seats.sentence();
    assert!(
        sentence.starts_with("10 of the model's 11 signals have no column in this file and count as 0 for every account: "),
        "{sentence}"
    );
    assert!(
        sentence.ends_with("Together they carry 92.0 of the 100 points, so the best score any account can reach is 8.0."),
        "{sentence}"
    );
    assert!(sentence.contains("5 more"), "five named, the rest counted: {sentence}");
    // Plan usage adds 1 of Intent's 4 shares of 30 = 7.5: 84.5 missing, 15.5 the best.
    let two =
        Unmapped::of(&model, &Mapping::auto(&headers(&["id", "seats_active", "plan_usage"]), &model)).unwrap_or_else(|| panic!("unmapped"));
    assert_eq!(two.labels.len(), 9);
    assert!(two
        .sentence()
        .ends_with("carry 84.5 of the 100 points, so the best score any account can reach is 15.5."));
    // A component fed a typed score column needs none of its signals.
    let direct = Unmapped::of(&model, &Mapping::auto(&headers(&["id", "seats_active", "fit", "intent"]), &model))
        .unwrap_or_else(|| panic!("unmapped"));
    assert_eq!(direct.labels.len(), 3, "{:?}", direct.labels);
    assert!((direct.points.unwrap_or(0.0) - 32.0).abs() < 1e-9, "40 × 4/5");
    // Every signal with a column: nothing to say.
    let all: Vec<String> = model
        .components
        .iter()
        .flat_map(|c| c.signals.iter().map(|s| s.key.clone()))
        .chain(["id".to_owned()])
        .collect();
    assert_eq!(Unmapped::of(&model, &Mapping::auto(&all, &model)), None);
}

#[test]
fn removing_the_unmapped_signals_is_one_undoable_edit_that_the_book_and_csql_agree_on() {
    use csql_calculator::model::book::unmapped::Unmapped;
    use csql_calculator::model::book::Mapping;
    use csql_calculator::model::calc::state::{CalcEvent, CalcState};
    let file = "id,seats_active,plan_usage\r\nA,50,80\r\n";
    let before = Model::default();
    let headers = vec!["id".to_owned(), "seats_active".to_owned(), "plan_usage".to_owned()];
    let unmapped = Unmapped::of(&before, &Mapping::auto(&headers, &before)).unwrap_or_else(|| panic!("unmapped"));
    let mut state = CalcState::default();
    state.update(CalcEvent::RemoveSignals(unmapped.keys.clone()));
    let after = state.model.clone();
    // Fit lost all three signals and went; Engagement and Intent keep one each.
    let shape = common::shape(&after);
    assert_eq!(
        shape,
        vec![
            ("engagement".to_owned(), vec!["seats_active".to_owned()]),
            ("intent".to_owned(), vec!["plan_usage".to_owned()])
        ]
    );
    assert_eq!(Unmapped::of(&after, &Mapping::auto(&headers, &after)), None);
    // A: Engagement 50, Intent 80, weights 40 and 30: (2000 + 2400) / 70 = 62.857…
    let (book, _) = import(file.as_bytes(), &after, BadRows::Skip, Date::default()).unwrap_or_else(|e| panic!("{e}"));
    let (weights, threshold) = csql_calculator::model::core::weighting::weights_and_threshold(&after).unwrap_or_else(|e| panic!("{e}"));
    let scores = csql_calculator::model::book::score_all(&book, &weights, threshold);
    assert!((scores.scores[0] - 4400.0 / 70.0).abs() < 1e-9, "{}", scores.scores[0]);
    let mut out = Vec::new();
    score_csv(file.as_bytes(), &mut out, &after, None, BadRows::Skip, Date::default(), |_| {}).unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8(out).unwrap_or_default();
    assert!(out.contains(",62.9,"), "csql scores A the same: {out}");
    // One undo brings the whole model back.
    state.update(CalcEvent::Undo);
    assert_eq!(state.model, before);
}

// ------------------------------------------------------------ dates as CRMs write them

#[test]
fn crm_date_times_count_as_their_date_in_the_book_and_in_csql() {
    use csql_calculator::model::{Signal, SignalKind};
    // Engagement scored from one recency signal alone (half-life 30 days), as of 2024-12-08.
    let mut model = Model {
        as_of: "2024-12-08".to_owned(),
        ..Model::default()
    };
    model.components[0].signals = vec![Signal::new(
        "last_activity",
        "Last activity",
        SignalKind::Date { half_life_days: 30.0 },
        1.0,
    )];
    // HubSpot writes "2024-11-08 13:24"; an API export "…T13:24:00Z". Both are
    // 30 days before the as-of date: Engagement 50, so 50 × 40/100 = 20.0.
    let file = "\u{feff}id,last_activity\r\nH1,2024-11-08 13:24\r\nH2,2024-11-08T13:24:00Z\r\nH3,2024-11-08\r\nH4,2024-11-08 1:24\r\n";
    let (book, report) = import(file.as_bytes(), &model, BadRows::Skip, Date::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        book.len(),
        3,
        "H4's time has one hour digit: {:?}",
        report.errors.iter().map(|e| e.message()).collect::<Vec<_>>()
    );
    for row in 0..3 {
        assert!((book.component_scores(row)[0] - 50.0).abs() < 1e-9, "row {row}");
    }
    let mut out = Vec::new();
    let mut heard = Vec::new();
    score_csv(file.as_bytes(), &mut out, &model, None, BadRows::Skip, Date::default(), |e| {
        heard.push(e.message())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8(out).unwrap_or_default();
    assert_eq!(out.matches(",20.0,").count(), 3, "{out}");
    assert_eq!(heard.len(), 1, "{heard:?}");
    assert!(heard[0].contains("line 5"), "{heard:?}");
}

// ------------------------------------------------------------ the file seen before mapping

mod common;

/// (kind, samples, blank share, range or values) of `header` in the profile.
fn column<'a>(profile: &'a csql_calculator::model::book::profile::Profile, header: &str) -> (&'a str, String, String, &'a str) {
    let c = profile
        .columns
        .iter()
        .find(|c| c.header == header)
        .unwrap_or_else(|| panic!("{header}"));
    (c.kind.word(), c.samples.join(" | "), c.blank_words(), c.spread.as_str())
}

#[test]
fn a_hubspot_companies_export_is_profiled_column_by_column() {
    use csql_calculator::model::book::profile::Profile;
    // Written from HubSpot's export headers: a BOM, CRLF, "1,234", "82.5%", date-times, blanks.
    let table = csql_calculator::model::book::read_table(&common::fixture("hubspot_companies.csv")).unwrap_or_else(|e| panic!("{e}"));
    let profile = Profile::of(&table);
    assert_eq!(profile.columns.len(), 12);
    assert_eq!(
        column(&profile, "Record ID"),
        (
            "id",
            "5123456789 | 5123456790 | 5123456791".to_owned(),
            "none".to_owned(),
            "all 4 values different"
        )
    );
    assert_eq!(column(&profile, "Company name").0, "text", "names differ but are not codes");
    assert_eq!(column(&profile, "Company owner").3, "Dana Whitfield \u{b7} Sam Ortiz");
    assert_eq!(
        column(&profile, "Create Date"),
        (
            "date",
            "2023-01-04 09:12 | 2022-06-30 17:45 | 2021-11-15 11:00".to_owned(),
            "none".to_owned(),
            "2021-11-15 to 2024-02-01"
        )
    );
    // One blank of four: 25%.
    assert_eq!(column(&profile, "Last Activity Date").2, "25.0%");
    assert_eq!(column(&profile, "Last Activity Date").3, "2024-10-21 to 2024-11-30");
    assert_eq!(column(&profile, "Lifecycle Stage").3, "Customer \u{b7} Opportunity");
    assert_eq!(column(&profile, "Number of Employees").0, "number");
    assert_eq!(
        column(&profile, "Number of Employees").3,
        "87 to 12,000",
        "1,234 and 12,000 read with their grouping commas"
    );
    assert_eq!(column(&profile, "Annual Revenue").3, "12,500,000 to 2,000,000,000");
    assert_eq!(
        column(&profile, "Seat Utilization"),
        ("percent", "82.5% | 40% | 100%".to_owned(), "none".to_owned(), "40% to 100%")
    );
    assert_eq!(column(&profile, "Accepted by Sales").0, "yes-no");
    assert_eq!(column(&profile, "Accepted by Sales").3, "Yes \u{b7} No");
    assert_eq!(column(&profile, "Expansion Closed Won").0, "yes-no");
    assert_eq!(
        profile.kinds_line(),
        "12 columns: 1 id, 2 number, 1 percent, 2 yes-no, 2 date, 4 text"
    );
    // The mapping's choices carry sample values, as the issue's example has them.
    assert!(profile.option_labels().contains(&"Seat Utilization: 82.5%, 40%, 100%".to_owned()));
    assert_eq!(profile.read_from(), "Read from every row.");
}

#[test]
fn a_salesforce_account_report_is_profiled_and_its_id_found() {
    use csql_calculator::model::book::profile::Profile;
    use csql_calculator::model::book::Mapping;
    let table = csql_calculator::model::book::read_table(&common::fixture("salesforce_accounts.csv")).unwrap_or_else(|e| panic!("{e}"));
    let profile = Profile::of(&table);
    // An 18-character Salesforce id is a code: a digit, no space, not a number.
    assert_eq!(column(&profile, "Account ID").0, "id");
    assert_eq!(column(&profile, "Customer Segment").3, "Enterprise \u{b7} Mid-Market \u{b7} SMB");
    assert_eq!(column(&profile, "Employees").3, "87 to 12,000");
    assert_eq!(column(&profile, "Sales Accepted").0, "yes-no", "1 and 0");
    assert_eq!(column(&profile, "Is Won").0, "yes-no");
    assert_eq!(profile.id_like(), vec!["Account ID"]);
    // (Last Activity is written 11/8/2024: day-month dates are not read yet, so it is not asserted here.)
    let mapping = Mapping::auto(&table.headers, &Model::default());
    assert_eq!(mapping.id.as_deref(), Some("Account ID"));
    assert_eq!(mapping.owner.as_deref(), Some("Account Owner"));
    assert_eq!(mapping.won.as_deref(), Some("Is Won"));
}

#[test]
fn a_profile_reads_at_most_its_row_limit_and_says_so() {
    use csql_calculator::model::book::profile::{Profile, PROFILE_ROWS};
    let mut text = String::from("id,n\n");
    for i in 0..PROFILE_ROWS + 5 {
        text.push_str(&format!("A{i},{i}\n"));
    }
    let table = csql_calculator::model::book::read_table(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let profile = Profile::of(&table);
    assert_eq!(profile.columns[1].rows, PROFILE_ROWS);
    assert_eq!(profile.read_from(), "Read from the first 20,000 rows of 20,005 rows.");
    // A column that is all blank is empty; a column with one bad number is text.
    let table = csql_calculator::model::book::read_table(b"id,blank,mixed\nA,,1\nB,,x\n").unwrap_or_else(|e| panic!("{e}"));
    let profile = Profile::of(&table);
    assert_eq!(column(&profile, "blank"), ("empty", String::new(), "all".to_owned(), ""));
    assert_eq!(column(&profile, "mixed").0, "text");
}

// ------------------------------------------------------------ build a model from the file

#[test]
fn the_proposal_reads_each_column_by_its_kind_and_guesses_its_component_from_its_name() {
    use csql_calculator::model::book::profile::Profile;
    use csql_calculator::model::book::proposal::{guess, Proposal};
    use csql_calculator::model::book::Mapping;
    use csql_calculator::model::{Scale, SignalKind};
    // Usage and activity to Engagement, firmographics to Fit, budget, expansion and stakeholders to Intent.
    for (header, group) in [
        ("Seat Utilization", 0),
        ("Last Activity Date", 0),
        ("Logins (30d)", 0),
        ("Plan usage", 0),
        ("Create Date", 0),
        ("Number of Employees", 1),
        ("Annual Revenue", 1),
        ("ARR", 1),
        ("Industry", 1),
        ("Budget Approved", 2),
        ("Expansion Interest", 2),
        ("New Stakeholder", 2),
        ("Upsell opportunity", 2),
    ] {
        assert_eq!(guess(header), group, "{header}");
    }
    // Counts 1..=20: the 95th percentile by nearest rank is the 19th value, 19.
    let mut csv = String::from("id,seats,won,future,negative\n");
    for i in 1..=20 {
        csv.push_str(&format!("A{i},{i},{},2099-01-01,-{i}\n", if i % 2 == 0 { "yes" } else { "no" }));
    }
    let table = csql_calculator::model::book::read_table(csv.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let model = Model::default();
    let mapping = Mapping::auto(&table.headers, &model);
    let proposal = Proposal::of(&table, &Profile::of(&table), &mapping, Date::from_days(20_000)).unwrap_or_else(|e| panic!("{e}"));
    let seats = &proposal.columns[0];
    assert_eq!(seats.header, "seats");
    assert_eq!(
        seats.kind,
        Some(SignalKind::Count {
            cap: 19.0,
            scale: Scale::Linear
        })
    );
    // The outcome is an account field, not a signal; a future date and negative numbers are left out, with why.
    let headers: Vec<&str> = proposal.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(headers, ["seats", "future", "negative"]);
    assert_eq!(proposal.columns[1].group, None);
    assert!(
        proposal.columns[1].reading.starts_with("left out: holds dates after"),
        "{}",
        proposal.columns[1].reading
    );
    assert_eq!(proposal.columns[2].group, None);
}

#[test]
fn a_deal_stage_column_holding_closed_won_is_the_closed_won_outcome() {
    use csql_calculator::model::book::Mapping;
    // HubSpot deal stages as exported (labels, and an internal value), and a yes/no.
    let file = "Record ID,Company owner,Deal Stage,seats_active\r\n\
                A1,Ana,Closed Won,50\r\n\
                A2,Ana,Closed Lost,50\r\n\
                A3,Bo,Appointment Scheduled,50\r\n\
                A4,Bo,closedwon,50\r\n\
                A5,Bo,,50\r\n\
                A6,Bo,yes,50\r\n";
    let headers: Vec<String> = ["Record ID", "Company owner", "Deal Stage", "seats_active"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    assert_eq!(Mapping::auto(&headers, &Model::default()).won.as_deref(), Some("Deal Stage"));
    let (book, report) = import(file.as_bytes(), &Model::default(), BadRows::Skip, Date::default()).unwrap_or_else(|e| panic!("{e}"));
    // An open stage is not an error: the deal is not decided yet.
    assert!(
        report.errors.is_empty(),
        "{:?}",
        report.errors.iter().map(|e| e.message()).collect::<Vec<_>>()
    );
    let won: Vec<Option<bool>> = (0..book.len()).map(|row| book.won(row)).collect();
    assert_eq!(won, [Some(true), Some(false), None, Some(true), None, Some(true)]);
    // A column named for a yes/no outcome still refuses a stage name.
    let (_, report) = import(
        b"id,won\nA1,Appointment Scheduled\n",
        &Model::default(),
        BadRows::Skip,
        Date::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.errors.len(), 1);
}
