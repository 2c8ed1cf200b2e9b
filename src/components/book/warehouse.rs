//! "Export for your warehouse": the agreed model as one SQL query for the
//! warehouse the accounts live in, and as two spreadsheet formulas, written
//! against the loaded book's columns.

use yew::prelude::*;

use crate::model::sql::warehouse::{Exports, WarehouseEvent, DIALECTS};
use crate::model::sql::{Dialect, DEFAULT_TABLE};
use crate::web::select_value;

use crate::components::TextField;

/// Props of [`WarehousePanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct WarehousePanelProps {
    /// The SQL and formulas, written while the panel is open.
    pub exports: Option<Exports>,
    /// The dialect chosen.
    pub dialect: Dialect,
    /// The table name as typed.
    pub table: AttrValue,
    /// Receives the panel's events.
    pub ondispatch: Callback<WarehouseEvent>,
}

/// The export panel.
#[component]
pub fn WarehousePanel(props: &WarehousePanelProps) -> Html {
    let d = &props.ondispatch;
    html! {
        <details class="card warehouse" open={props.exports.is_some()}
            ontoggle={d.reform(|e: Event| WarehouseEvent::Open(crate::web::details_open(&e)))}>
            <summary><h2>{ "Export for your warehouse" }</h2>{ " SQL and spreadsheet formulas" }</summary>
            if let Some(exports) = &props.exports {
            <p class="help">{ "The same model as one SQL query: it adds each component's score, csql_score, csql_verdict and csql_gates_missing to your accounts table, using this file's column names. The command-line scorer csql does the same on any CSV." }</p>
            <div class="warehouse-options">
                <div class="field">
                    <label for="sql-dialect">{ "Warehouse" }</label>
                    <select id="sql-dialect" data-testid="sql-dialect" onchange={d.reform(|e: Event| WarehouseEvent::Dialect(Dialect::from_key(&select_value(&e)).unwrap_or_default()))}>
                        for dialect in DIALECTS {
                            <option value={dialect.key()} selected={dialect == props.dialect}>{ dialect.label() }</option>
                        }
                    </select>
                </div>
                <TextField id="sql-table" label="Accounts table" inputmode="text" value={props.table.clone()}
                    placeholder={AttrValue::from(DEFAULT_TABLE)} maxlength={crate::model::sql::MAX_NAME_BYTES}
                    oninput={d.reform(WarehouseEvent::Table)} />
            </div>
            {
                match &exports.sql {
                    Ok(sql) => html! {
                        <>
                            <label for="sql-export">{ "SQL" }</label>
                            <textarea id="sql-export" data-testid="sql-export" readonly=true rows="12" spellcheck="false" value={sql.clone()} />
                            <div class="button-row">
                                <button type="button" onclick={d.reform(|_| WarehouseEvent::CopySql)}>{ "Copy SQL" }</button>
                                <button type="button" class="secondary" onclick={d.reform(|_| WarehouseEvent::DownloadSql)}>{ "Download SQL" }</button>
                            </div>
                        </>
                    },
                    Err(why) => html! { <p class="field-error" role="alert" data-testid="sql-export-error">{ format!("No SQL: {why}.") }</p> },
                }
            }
            <h3>{ "In a spreadsheet" }</h3>
            {
                match &exports.formulas {
                    Ok(formulas) => html! {
                        <>
                            <p class="help">{ "Paste each formula into row 2 of a new column beside this file's columns in Google Sheets or Excel, then fill it down." }</p>
                            <label for="formula-score">{ "CSQL score" }</label>
                            <textarea id="formula-score" data-testid="formula-score" readonly=true rows="3" spellcheck="false" value={formulas.score.clone()} />
                            <label for="formula-verdict">{ "Verdict" }</label>
                            <textarea id="formula-verdict" data-testid="formula-verdict" readonly=true rows="3" spellcheck="false" value={formulas.verdict.clone()} />
                            <div class="button-row">
                                <button type="button" onclick={d.reform(|_| WarehouseEvent::CopyFormula(false))}>{ "Copy the score formula" }</button>
                                <button type="button" class="secondary" onclick={d.reform(|_| WarehouseEvent::CopyFormula(true))}>{ "Copy the verdict formula" }</button>
                            </div>
                        </>
                    },
                    Err(why) => html! { <p class="field-error" role="alert">{ format!("No formula: {why}.") }</p> },
                }
            }
            }
        </details>
    }
}
