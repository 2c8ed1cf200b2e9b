//! Book view render tests: components rendered to HTML natively (server-side
//! rendering), checked for the controls, hooks and figures a user relies on.
#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

mod common;
use common::fixture;
use std::rc::Rc;

use csql_calculator::components::book::{BookPage, BookPageProps, ImportSummary, ImportSummaryProps};
use csql_calculator::model::book::{import, BadRows, Book, BookEvent, BookState, ImportReport};
use csql_calculator::model::calc::view::{calculator, CalculatorView};
use csql_calculator::model::evidence::state::EvidenceState;
use csql_calculator::model::sql::warehouse::WarehouseState;
use csql_calculator::model::Model;
use yew::{AttrValue, BaseComponent, Callback};

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

async fn render<C: BaseComponent>(props: C::Properties) -> String {
    yew::LocalServerRenderer::<C>::with_props(props).hydratable(false).render().await
}

fn built(name: &str, policy: BadRows) -> (Book, ImportReport) {
    import(&fixture(name), &Model::default(), policy, TODAY).unwrap_or_else(|e| panic!("{e}"))
}

/// The text between `marker` and the next `<`.
fn text_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html.find(marker).unwrap_or_else(|| panic!("{marker} not found")) + marker.len();
    let rest = &html[start..];
    let rest = &rest[rest.find('>').unwrap_or(0) + 1..];
    &rest[..rest.find('<').unwrap_or(rest.len())]
}

/// The Book page with a file loaded (as the page's own flow loads it) and one account selected.
fn page(bytes: Vec<u8>, model: &Model, selected: Option<usize>) -> BookPageProps {
    let mut state = BookState::default();
    let mut effects = state.update(BookEvent::Paste(String::from_utf8_lossy(&bytes).into_owned()), model);
    effects.extend(state.update(BookEvent::LoadPaste, model));
    common::settle(effects, |event| state.update(event, model));
    if selected.is_some() {
        state.update(BookEvent::Select(selected), model);
    }
    BookPageProps {
        state,
        model: model.clone(),
        criteria: calculator(model, csql_calculator::model::core::date::Date::default()),
        locked: false,
        onaction: Callback::noop(),
        ondispatch: Callback::noop(),
        onfile: Callback::noop(),
        onmeasure: Callback::noop(),
        scenarios: Vec::new(),
        onevidence: Callback::noop(),
        evidence: EvidenceState::default(),
        warehouse: WarehouseState::default(),
        onwarehouse: Callback::noop(),
    }
}

#[tokio::test]
async fn the_empty_page_offers_every_way_in_with_labels_and_hooks() {
    let html = render::<BookPage>(BookPageProps {
        state: BookState::default(),
        model: Model::default(),
        criteria: CalculatorView::default(),
        locked: false,
        onaction: Callback::noop(),
        ondispatch: Callback::noop(),
        onfile: Callback::noop(),
        onmeasure: Callback::noop(),
        scenarios: Vec::new(),
        onevidence: Callback::noop(),
        evidence: EvidenceState::default(),
        warehouse: WarehouseState::default(),
        onwarehouse: Callback::noop(),
    })
    .await;
    for hook in ["csv-input", "load-sample", "paste-input", "paste-submit", "book-status"] {
        assert!(html.contains(&format!("data-testid=\"{hook}\"")), "missing hook {hook}");
    }
    assert!(html.contains("type=\"file\""));
    assert!(html.contains("for=\"book-file\""));
    assert!(html.contains("for=\"book-paste\""));
    // Nothing is imported yet: no counts, no table.
    assert!(!html.contains("data-testid=\"row-count\""));
    assert!(!html.contains("data-testid=\"book-table\""));
    assert!(!html.contains("style="));
}

#[tokio::test]
async fn bad_rows_are_listed_with_row_column_and_reason() {
    let (_, report) = built("bad_rows.csv", BadRows::Skip);
    let html = render::<ImportSummary>(ImportSummaryProps {
        name: AttrValue::from("bad_rows.csv"),
        report: Rc::new(report),
        policy: BadRows::Skip,
        onpolicy: Callback::noop(),
        onexportskipped: Callback::noop(),
    })
    .await;
    assert_eq!(text_after(&html, "data-testid=\"rows-read\""), "6");
    // The skipped rows can be downloaded, reasons and all.
    assert_eq!(
        text_after(&html, "data-testid=\"export-skipped\"").trim(),
        "Download the skipped rows (CSV)"
    );
    assert_eq!(text_after(&html, "data-testid=\"row-count\""), "1");
    assert_eq!(text_after(&html, "data-testid=\"skipped-count\""), "5");
    let list = &html[html.find("data-testid=\"import-errors\"").unwrap_or(0)..];
    let list = &list[..list.find("</ol>").unwrap_or(list.len())];
    assert_eq!(list.matches("<li>").count(), 5);
    assert!(list.contains("Row 3 (line 4), column \u{201c}active_users_trend\u{201d}: 11 is above the maximum of 10"));
    assert!(list.contains("Row 4 (line 5), column \u{201c}id\u{201d}: the account id is missing"));
    assert!(html.contains("Keep them, with the bad value left empty"));
}

#[tokio::test]
async fn a_small_book_renders_counts_ranked_rows_and_the_criteria() {
    let html = render::<BookPage>(page(fixture("five_direct.csv"), &Model::default(), Some(0))).await;
    // 40/30/30 at 70: A1 81 and A3 74 are CSQLs.
    assert_eq!(text_after(&html, "data-testid=\"csql-count\""), "2");
    assert_eq!(text_after(&html, "data-testid=\"csql-share\""), "(40.0%)");
    let ids: Vec<&str> = html
        .match_indices("data-testid=\"book-row\" data-id=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect();
    assert_eq!(ids, vec!["A1", "A3", "A2", "A5", "A4"]);
    assert_eq!(text_after(&html, "data-testid=\"row-score\""), "81.0");
    // The weights and threshold are on this page too.
    assert!(html.contains("data-testid=\"weight-engagement\""));
    assert!(html.contains("data-testid=\"threshold\""));
    // Sorted by score, highest first; the other columns sortable too.
    assert!(html.contains("aria-sort=\"descending\""));
    assert_eq!(html.matches("class=\"book-sort\"").count(), 8);
    // A1's detail: 36 + 24 + 21 = 81.
    assert_eq!(text_after(&html, "data-testid=\"detail-score\""), "81.0");
    assert!(html.contains("tabindex=\"0\""));
    assert!(!html.contains("NaN"));
    assert!(!html.contains("style="));
}

#[tokio::test]
async fn only_the_first_rows_of_a_big_book_are_rendered_and_a_spacer_stands_for_the_rest() {
    let props = page(csql_calculator::model::book::default_sample(), &Model::default(), None);
    assert_eq!(props.state.derived.as_ref().and_then(|d| d.book()).map(|b| b.len()), Some(3000));
    let html = render::<BookPage>(props).await;
    // 13 visible rows in 432 px + 8 below = 21 rows rendered of 3000.
    assert_eq!(html.matches("data-testid=\"book-row\"").count(), 21);
    // The spacer below stands for 2979 rows of 36 px.
    assert!(html.contains(&format!("height=\"{}\"", 2979 * 36)));
    assert!(html.contains("aria-rowcount=\"3001\""));
}

#[tokio::test]
async fn unusable_weights_say_why_and_show_no_nan() {
    let mut model = Model::default();
    for c in &mut model.components {
        c.weight = "0".into();
    }
    let html = render::<BookPage>(page(fixture("five_direct.csv"), &model, Some(1))).await;
    assert!(html.contains("Cannot score the book"));
    assert_eq!(text_after(&html, "data-testid=\"csql-count\""), "0");
    assert!(!html.contains("NaN"));
}

#[tokio::test]
async fn a_csql_without_gate_columns_says_so_in_the_summary_the_row_and_the_detail() {
    let html = render::<BookPage>(page(fixture("five_direct.csv"), &Model::default(), Some(0))).await;
    // The count keeps its meaning: A1 81 and A3 74 reach 70; no gate has a column.
    assert_eq!(text_after(&html, "data-testid=\"csql-count\""), "2");
    assert!(html.contains("CSQLs of 5 accounts"));
    assert!(text_after(&html, "data-testid=\"count-note\"").starts_with("Counted on score and the required gates this file answers:"));
    // Each CSQL row says the gates were not assessed; the code stays csql.
    assert_eq!(html.matches(">CSQL, gates not assessed</td>").count(), 2);
    // Two rows and the detail's verdict.
    assert_eq!(html.matches("data-verdict=\"csql\"").count(), 3);
    // A1's detail: the verdict and the gates in words, the signals per component.
    let detail = &html[html.find("data-testid=\"detail-verdict\"").unwrap_or(0)..];
    assert!(detail.contains("<strong>CSQL, gates not assessed</strong>"));
    assert!(detail.contains("No required gate this file answers is missing. Not assessed, no column in the file:"));
    let signals = &html[html.find("data-testid=\"detail-signals\"").unwrap_or(0)..];
    let signals = &signals[..signals.find("</table>").unwrap_or(signals.len())];
    // five_direct.csv gives direct scores: one row per component, under its name.
    assert_eq!(signals.matches("<tbody>").count(), 3);
    assert!(signals.contains("<th scope=\"colgroup\" colspan=\"3\">Engagement</th>"));
    // A score column has no per-signal points: its points are the component's, above.
    assert!(signals.contains("<td>Score (0-100)</td><td class=\"num\">90</td>"));
    assert!(!signals.contains('+'), "{signals}");
    // Nothing to download: no row was skipped.
    assert!(!html.contains("data-testid=\"export-skipped\""));
}

#[tokio::test]
async fn signals_with_no_column_are_said_in_the_summary_with_a_way_to_remove_them() {
    // Only seats active has a column: 10 of 11 signals count as 0, and they
    // carry 92 of the 100 points (40 × 4/5 + 30 + 30).
    let html = render::<BookPage>(page(b"id,seats_active\nA,50\n".to_vec(), &Model::default(), Some(0))).await;
    let said = text_after(&html, "data-testid=\"unmapped-signals\"");
    assert!(said.starts_with("10 of the model"), "{said}");
    assert!(said.contains("best score any account can reach is 8.0."), "{said}");
    assert_eq!(
        text_after(&html, "data-testid=\"remove-unmapped\""),
        "Remove these 10 signals from the model"
    );
    assert!(
        html.contains("no column: counts as 0"),
        "the detail says what a missing column means"
    );
    // Every signal with a column: nothing said.
    let html = render::<BookPage>(page(fixture("five_direct.csv"), &Model::default(), None)).await;
    assert!(!html.contains("unmapped-signals"));
}

#[tokio::test]
async fn a_crm_export_shows_its_columns_profile_and_sample_values_in_the_mapping() {
    let html = render::<BookPage>(page(fixture("hubspot_companies.csv"), &Model::default(), None)).await;
    assert!(html.contains("data-testid=\"column-profile\""));
    assert!(
        html.contains("data-column=\"Seat Utilization\" data-kind=\"percent\""),
        "the hook: header as in the file, kind"
    );
    assert!(html.contains("data-column=\"Record ID\" data-kind=\"id\""));
    assert!(html.contains("data-column=\"Last Activity Date\" data-kind=\"date\""));
    // Record ID is matched to the id: no problem said at the id field.
    assert!(!html.contains("data-testid=\"map-id-error\""));
}

#[tokio::test]
async fn with_no_id_column_the_problem_is_said_at_the_id_field_with_the_columns_that_look_like_ids() {
    let html = render::<BookPage>(page(
        b"Ref,Owner,seats_active\nX-1,Ana,50%\nX-2,Bo,60%\n".to_vec(),
        &Model::default(),
        None,
    ))
    .await;
    // The mapping opens with the problem, and its choices carry sample values.
    assert!(html.contains(">seats_active: 50%, 60%</option>"), "{html}");
    let said = text_after(&html, "data-testid=\"map-id-error\"");
    assert_eq!(
        said,
        "Choose the column that holds the account id: \u{201c}Ref\u{201d} looks like one (every value different, none blank)."
    );
    assert!(html.contains("aria-describedby=\"map-id-error\""));
}
