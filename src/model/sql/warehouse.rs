//! The Book page's "Export for your warehouse" part: which warehouse and table
//! the SQL is written for, and the SQL and spreadsheet formulas for the loaded
//! book's columns, written while the panel is open. Its own state, events and
//! `update`; the root keeps it in step with the model and the book's mapping.

use crate::model::book::Mapping;
use crate::model::core::effect::{CopyWhat, Effect};
use crate::model::sql::spreadsheet::{formulas, FormulaError, Formulas};
use crate::model::sql::{to_sql, Dialect, SqlError, DEFAULT_TABLE, MAX_NAME_BYTES};
use crate::model::Model;

/// The warehouse part's effects.
pub type Effects = Vec<Effect<WarehouseEvent>>;

/// The dialects offered, in the order shown.
pub const DIALECTS: [Dialect; 5] = [
    Dialect::DuckDb,
    Dialect::Postgres,
    Dialect::Snowflake,
    Dialect::BigQuery,
    Dialect::Spark,
];

/// The export panel's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WarehouseState {
    /// The warehouse the SQL is written for.
    pub dialect: Dialect,
    /// The table the SQL reads the accounts from, as typed.
    pub table: String,
    /// The panel is open: only then is anything written.
    pub open: bool,
    /// The SQL and formulas for the current model and mapping, while open.
    pub exports: Option<Exports>,
}

/// The model written for where the accounts live, against a book's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Exports {
    /// One `SELECT` adding the score columns, or why it cannot be written.
    pub sql: Result<String, SqlError>,
    /// The score and verdict formulas for row 2, or why they cannot be written.
    pub formulas: Result<Formulas, FormulaError>,
}

/// Something that happened on the export panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WarehouseEvent {
    /// Write the SQL for this warehouse.
    Dialect(Dialect),
    /// Read from this table (as typed).
    Table(String),
    /// Put the SQL on the clipboard.
    CopySql,
    /// Download the SQL.
    DownloadSql,
    /// Put the score formula (`false`) or the verdict formula (`true`) on the clipboard.
    CopyFormula(bool),
    /// The panel was opened (`true`) or closed.
    Open(bool),
}

impl WarehouseState {
    /// Handles one event; the exports are rewritten by [`WarehouseState::sync`].
    pub fn update(&mut self, event: WarehouseEvent) -> Effects {
        match event {
            WarehouseEvent::Dialect(dialect) => self.dialect = dialect,
            WarehouseEvent::Table(text) => self.table = text.chars().take(MAX_NAME_BYTES).collect(),
            WarehouseEvent::Open(open) => self.open = open,
            WarehouseEvent::CopySql => {
                return self
                    .sql()
                    .map(|sql| Effect::CopyText(CopyWhat::Sql, sql.to_owned()))
                    .into_iter()
                    .collect()
            }
            WarehouseEvent::DownloadSql => {
                return self
                    .sql()
                    .map(|sql| Effect::Download {
                        file_name: format!("csql-{}.sql", self.dialect.key()),
                        mime: "application/sql",
                        text: sql.to_owned(),
                    })
                    .into_iter()
                    .collect()
            }
            WarehouseEvent::CopyFormula(verdict) => {
                let formula = self.exports.as_ref().and_then(|e| e.formulas.as_ref().ok());
                return formula
                    .map(|f| Effect::CopyText(CopyWhat::Formula, if verdict { f.verdict.clone() } else { f.score.clone() }))
                    .into_iter()
                    .collect();
            }
        }
        Vec::new()
    }

    /// The SQL as written, if it could be.
    fn sql(&self) -> Option<&str> {
        self.exports.as_ref().and_then(|e| e.sql.as_deref().ok())
    }

    /// The table the SQL reads: the one typed, or [`DEFAULT_TABLE`].
    #[must_use]
    pub fn table_name(&self) -> &str {
        match self.table.trim() {
            "" => DEFAULT_TABLE,
            typed => typed,
        }
    }

    /// Writes the SQL and formulas for `model` against a book's mapping and
    /// header row, while the panel is open (a weight change rewrites them);
    /// with no book, or the panel closed, there is nothing to write.
    pub fn sync(&mut self, model: &Model, book: Option<(&Mapping, &[String])>) {
        self.exports = match book {
            Some((mapping, headers)) if self.open => Some(Exports {
                sql: to_sql(model, Some(mapping), self.dialect, self.table_name()),
                formulas: formulas(model, mapping, headers, 2),
            }),
            _ => None,
        };
    }
}
