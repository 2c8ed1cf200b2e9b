//! What the import did: rows read, imported and skipped, the bad rows, and the
//! choice of skipping them or keeping them with the bad value blank.

use yew::prelude::*;

use crate::model::book::{errors_not_shown, BadRows, ImportReport, SHOWN_ERRORS};
use crate::web::input_checked;

/// Props of [`ImportSummary`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ImportSummaryProps {
    /// The file's name.
    pub name: AttrValue,
    /// The report of the last build.
    pub report: std::rc::Rc<ImportReport>,
    /// Skip or keep rows with bad values.
    pub policy: BadRows,
    /// Receives a new policy.
    pub onpolicy: Callback<BadRows>,
    /// Asks for the skipped rows as CSV.
    #[prop_or_default]
    pub onexportskipped: Callback<()>,
}

/// Counts, then the problems, if any.
#[component]
pub fn ImportSummary(props: &ImportSummaryProps) -> Html {
    let report = &props.report;
    let choose = |policy: BadRows| {
        props
            .onpolicy
            .reform(move |e: Event| if input_checked(&e) { policy } else { BadRows::Skip })
    };
    let rest = errors_not_shown(report.error_count);
    html! {
        <section class="card book-report" aria-labelledby="book-report-title">
            <h2 id="book-report-title">{ format!("Imported from {}", props.name) }</h2>
            <dl class="book-counts">
                <div><dt>{ "Rows read" }</dt><dd data-testid="rows-read">{ report.rows_read }</dd></div>
                <div><dt>{ "Imported" }</dt><dd data-testid="row-count">{ report.imported }</dd></div>
                <div><dt>{ "Skipped" }</dt><dd data-testid="skipped-count">{ report.skipped }</dd></div>
                if report.kept_with_blanks > 0 {
                    <div><dt>{ "Kept with blanks" }</dt><dd>{ report.kept_with_blanks }</dd></div>
                }
            </dl>
            if report.skipped > 0 {
                <p class="book-skipped">
                    <button type="button" data-testid="export-skipped" onclick={props.onexportskipped.reform(|_| ())}>
                        { "Download the skipped rows (CSV)" }
                    </button>
                    <span class="help">{ " Every skipped row with its columns and the reason: fix them and import the file again." }</span>
                </p>
            }
            if report.duplicate_count > 0 {
                <p class="help" data-testid="duplicate-ids">
                    { format!(
                        "{} id{} found on more than one row ({}{}): each row is scored on its own; check the export.",
                        report.duplicate_count,
                        if report.duplicate_count == 1 { " is" } else { "s are" },
                        report.duplicate_ids.join(", "),
                        if report.duplicate_count > report.duplicate_ids.len() { ", \u{2026}" } else { "" },
                    ) }
                </p>
            }
            if report.error_count > 0 {
                <fieldset class="book-policy">
                    <legend>{ "Rows with a bad value" }</legend>
                    <label><input type="radio" name="book-policy" value="skip" checked={props.policy == BadRows::Skip}
                        onchange={choose(BadRows::Skip)} />{ "Skip them" }</label>
                    <label><input type="radio" name="book-policy" value="keep" data-testid="policy-keep" checked={props.policy == BadRows::KeepEmpty}
                        onchange={choose(BadRows::KeepEmpty)} />{ "Keep them, with the bad value left empty" }</label>
                </fieldset>
                <h3 id="import-errors-title">{ format!("{} problem{} found", report.error_count, if report.error_count == 1 { "" } else { "s" }) }</h3>
                <ol class="book-errors" data-testid="import-errors" aria-labelledby="import-errors-title">
                    for error in report.errors.iter().take(SHOWN_ERRORS) {
                        <li>{ error.message() }</li>
                    }
                </ol>
                if rest > 0 {
                    <p class="help">{ format!("and {rest} more not listed.") }</p>
                }
            }
        </section>
    }
}
