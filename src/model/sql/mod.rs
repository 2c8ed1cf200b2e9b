//! The model as one SQL query for a warehouse: a `SELECT` that returns every
//! row of a table of accounts with the component scores, `csql_score`,
//! `csql_verdict` and `csql_gates_missing` added, computed exactly as the
//! calculator's book view computes them. Pure text generation; no database.
//!
//! The query reads its inputs as text (`CAST(column AS text)`), so typed
//! columns (numbers, booleans) and text columns both work, and then reads
//! them as the calculator does: white space trimmed, a decimal comma allowed,
//! commas between thousands in a count (`1,234`), a `%` sign after a percentage,
//! yes/no in the spellings of [`crate::model::core::number::YES`] and
//! [`crate::model::core::number::NO`] in any case, a blank yes/no is no and a blank
//! number or direct score is 0. A row the book view would skip (a blank id, a
//! value it cannot read) gets the verdict `invalid`, NULL scores and NULL
//! gates; a table cannot hold the other skipped rows (a wrong number of
//! fields, text that is not UTF-8).
//!
//! Steps, one CTE each, so the query can be read: the columns as text, then
//! trimmed, numbers and yes/no read from the text, each signal's 0-100 score and whether
//! the row can be read, each component's score and the missing gates, then the
//! weighted CSQL score; the final `SELECT` adds the verdict.
//!
//! Names: columns come from the book's [`Mapping`], or from the model's keys
//! ([`Mapping::from_keys`]). Every name (table, columns, output columns, gate
//! keys) must pass [`check_name`]: 1 to 63 bytes, no control character; a
//! plain lower-case name is written bare, any other quoted the dialect's way.

pub mod dialect;
pub mod plan;
pub mod spreadsheet;
pub mod warehouse;

use std::fmt::Write as _;

use thiserror::Error;

pub use dialect::{check_name, Dialect, NameProblem, MAX_NAME_BYTES};

use self::dialect::number;
use crate::model::book::{component_column, Mapping};
use crate::model::core::date::{Date, DateError, TIME_PATTERN};
use crate::model::core::limits::{MAX_COUNT, MAX_RATING, MAX_SCORE};
use crate::model::core::number::{GROUPED_PATTERN, NO, TOLERANCE, YES};
use crate::model::core::signal::shares;
use crate::model::core::text::{quoted, truncate};
use crate::model::core::weighting::{Weighting, WeightingError};
use crate::model::sql::plan::{Feed, Plan};
use crate::model::{Model, Scale, Signal, SignalKind};

/// The table a query reads when none is named.
pub const DEFAULT_TABLE: &str = "accounts";

/// Why a model cannot be exported as SQL.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SqlError {
    /// A table, column or gate name not every dialect can hold.
    #[error("{} cannot be used as a name in SQL: {problem}", quoted(name))]
    BadName {
        /// The name.
        name: String,
        /// What is wrong with it.
        problem: NameProblem,
    },
    /// A part of the table's name (between dots) not every dialect can hold.
    #[error("the table name {} cannot be used: {}", quoted(table), part_words(part, *problem))]
    BadTable {
        /// The table name as given (`schema.name`).
        table: String,
        /// The part that cannot be used.
        part: String,
        /// What is wrong with it.
        problem: NameProblem,
    },
    /// A component's score column would take the name of another output column.
    #[error(
        "the component key {} would name its column {}, which the query already adds",
        quoted(key),
        quoted(column)
    )]
    NameClash {
        /// The component key.
        key: String,
        /// The column name it would give.
        column: String,
    },
    /// The weights or threshold cannot score (the book would mark every row invalid).
    #[error("the model cannot score: {0}")]
    Model(WeightingError),
    /// The model's as-of date is not a date.
    #[error("the model's as-of date cannot be used: {0}")]
    AsOf(DateError),
}

/// What is wrong with one part of a table's name, in words.
fn part_words(part: &str, problem: NameProblem) -> String {
    match problem {
        NameProblem::Empty => "it has an empty part (two dots together, or a dot at either end)".to_owned(),
        other => format!("its part {} {other}", quoted(part)),
    }
}

/// A number is, after a decimal comma becomes a point, what Rust's float
/// parser accepts without `inf`/`NaN`: digits with at most one point, then an
/// optional exponent (`12`, `12.`, `.5`, `-3e2`).
const NUMBER_PATTERN: &str = "[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?";

/// One line of a `SELECT` list.
struct Item {
    expr: String,
    name: String,
    comment: String,
}

/// Text for a comment: one line, control characters as spaces, shortened.
fn comment_text(text: &str) -> String {
    let one_line: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    truncate(&one_line, 70)
}

fn checked(name: &str) -> Result<&str, SqlError> {
    check_name(name).map(|()| name).map_err(|problem| SqlError::BadName {
        name: name.to_owned(),
        problem,
    })
}

/// Writes one CTE (or the final `SELECT` when `name` is empty); `lead` is a
/// first line of the list such as `*`.
fn select(out: &mut String, name: &str, about: &str, lead: Option<&str>, items: &[Item], from: &str) {
    let indent = if name.is_empty() { "" } else { "  " };
    if !name.is_empty() {
        let _ = writeln!(out, "{name} AS (");
    }
    let _ = writeln!(out, "{indent}-- {about}");
    let _ = writeln!(out, "{indent}SELECT");
    if let Some(lead) = lead {
        let comma = if items.is_empty() { "" } else { "," };
        let _ = writeln!(out, "{indent}  {lead}{comma}");
    }
    for (i, item) in items.iter().enumerate() {
        let comma = if i + 1 < items.len() { "," } else { "" };
        let comment = if item.comment.is_empty() {
            String::new()
        } else {
            format!("  -- {}", item.comment)
        };
        let _ = writeln!(out, "{indent}  {} AS {}{comma}{comment}", item.expr, item.name);
    }
    for line in from.lines() {
        let _ = writeln!(out, "{indent}{line}");
    }
    if !name.is_empty() {
        out.push_str("),\n");
    }
}

/// How a signal reads its value, for comments.
fn describe(signal: &Signal) -> String {
    let kind = signal.kind.hint();
    match signal.direction {
        crate::model::Direction::Positive => kind,
        crate::model::Direction::Negative => format!("{kind}; counts against"),
    }
}

/// What one column is read as, by name: `t` text, `n` number, `k` count
/// (commas between thousands allowed), `p` percentage (a `%` sign allowed),
/// `b` yes/no, `d` date; and the as-of date expression.
struct Reads<'a> {
    t: &'a str,
    n: &'a str,
    k: &'a str,
    p: &'a str,
    b: &'a str,
    d: &'a str,
    as_of: &'a str,
}

/// The signal's 0-100 score from its column (`r`); NULL when blank (and for a
/// bad value, which makes the row unreadable).
fn signal_score(dialect: Dialect, signal: &Signal, r: &Reads) -> String {
    let (n, b) = (r.n, r.b);
    let score = match signal.kind {
        SignalKind::Count { cap, scale } if cap > 0.0 && cap.is_finite() => {
            let n = r.k;
            let c = number(cap);
            let count = format!("least({n}, {c})");
            let ratio = match scale {
                Scale::Linear => format!("{count} / {c}"),
                // ln(1 + x) loses digits when x is tiny; below a cap of 0.001 the
                // error could pass 1e-9 points, so use the exact form
                // ln(1 + x) * x / ((1 + x) - 1) and the calculator's own divisor.
                Scale::Log if cap >= 1e-3 => format!("ln(1 + {count}) / ln(1 + {c})"),
                Scale::Log => format!(
                    "(CASE WHEN 1 + {count} = 1 THEN {count} ELSE ln(1 + {count}) * {count} / ((1 + {count}) - 1) END) / {}",
                    number(cap.ln_1p())
                ),
            };
            format!("CASE WHEN {n} >= 0 THEN {ratio} * 100 END")
        }
        // A cap the document check refuses; the calculator scores it 0.
        SignalKind::Count { .. } => format!("CASE WHEN {} >= 0 THEN {} END", r.k, dialect.double(0.0)),
        SignalKind::YesNo => format!("CASE WHEN {b} THEN {} ELSE {} END", dialect.double(100.0), dialect.double(0.0)),
        SignalKind::Rating => format!(
            "CASE WHEN {n} BETWEEN 0 AND {} THEN {n} * {} END",
            number(MAX_RATING),
            number(MAX_SCORE / MAX_RATING)
        ),
        SignalKind::Percent => format!("CASE WHEN {p} BETWEEN 0 AND {} THEN {p} END", number(MAX_SCORE), p = r.p),
        SignalKind::Date { half_life_days } => {
            let days = dialect.days_between(r.d, r.as_of);
            let score = if half_life_days > 0.0 && half_life_days.is_finite() {
                let halvings = format!("CAST({days} AS {}) / {}", dialect.double_type(), number(half_life_days));
                // Past 1000 halvings the score is below 1e-299: 0 (PostgreSQL
                // raises an error when a float underflows).
                format!("CASE WHEN {halvings} > 1000 THEN 0 ELSE 100 * power(0.5, {halvings}) END")
            } else {
                // A half-life the document check refuses; the calculator scores it 0.
                dialect.double(0.0)
            };
            format!("CASE WHEN {days} >= 0 THEN {score} END")
        }
    };
    match signal.direction {
        crate::model::Direction::Positive => score,
        crate::model::Direction::Negative => format!("100 - {score}"),
    }
}

/// Whether the signal's cell can be read: blank, or a value in range (a
/// date: not after the as-of date).
fn signal_readable(dialect: Dialect, signal: &Signal, r: &Reads) -> String {
    let (t, n, b) = (r.t, r.n, r.b);
    match signal.kind {
        SignalKind::Count { .. } => format!("coalesce({} BETWEEN 0 AND {}, {t} = '')", r.k, number(MAX_COUNT)),
        SignalKind::YesNo => format!("({b} IS NOT NULL OR {t} = '')"),
        SignalKind::Rating => format!("coalesce({n} BETWEEN 0 AND {}, {t} = '')", number(MAX_RATING)),
        SignalKind::Percent => format!("coalesce({} BETWEEN 0 AND {}, {t} = '')", r.p, number(MAX_SCORE)),
        SignalKind::Date { .. } => format!("coalesce({} >= 0, {t} = '')", dialect.days_between(r.d, r.as_of)),
    }
}

/// Text `t` as a date when it is `YYYY-MM-DD`, alone or followed by a time
/// ([`TIME_PATTERN`]: a date-time counts as its date), and such a day exists
/// (years 1-9999), else NULL. Checked before any cast, so no engine raises an error.
fn read_date(dialect: Dialect, t: &str) -> String {
    let year = format!("CAST(substr({t}, 1, 4) AS INTEGER)");
    let month = format!("CAST(substr({t}, 6, 2) AS INTEGER)");
    let day = format!("CAST(substr({t}, 9, 2) AS INTEGER)");
    format!(
        "CASE WHEN {shape} THEN\n      \
         CASE WHEN {year} >= 1 AND {month} BETWEEN 1 AND 12 AND {day} BETWEEN 1 AND CASE\n        \
         WHEN {month} = 2 AND mod({year}, 4) = 0 AND (mod({year}, 100) <> 0 OR mod({year}, 400) = 0) THEN 29\n        \
         WHEN {month} = 2 THEN 28 WHEN {month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END\n      \
         THEN {date} END\n    END",
        shape = dialect.full_match(t, &format!("[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}({TIME_PATTERN})?")),
        date = dialect.make_date(&year, &month, &day),
    )
}

/// Text `t` (trimmed) read as a number the calculator's way: a decimal comma
/// allowed, NULL when it is not a number.
fn read_number(dialect: Dialect, t: &str) -> String {
    let point = format!("replace({t}, ',', '.')");
    format!(
        "CASE WHEN {} THEN {} END",
        dialect.full_match(&point, NUMBER_PATTERN),
        dialect.to_double(&point)
    )
}

/// Text `t` (trimmed) read as a count ([`crate::model::core::number::parse_count`]):
/// commas between thousands, else as [`read_number`].
fn read_count(dialect: Dialect, t: &str) -> String {
    let point = format!("replace({t}, ',', '.')");
    format!(
        "CASE\n      WHEN {} THEN {}\n      WHEN {} THEN {}\n    END",
        dialect.full_match(t, GROUPED_PATTERN),
        dialect.to_double(&format!("replace({t}, ',', '')")),
        dialect.full_match(&point, NUMBER_PATTERN),
        dialect.to_double(&point)
    )
}

/// Text `t` (trimmed) read as a percentage
/// ([`crate::model::core::number::parse_percent`]): one `%` at the end and the
/// white space before it (`chars`, carried from the first steps) dropped,
/// then as [`read_number`].
fn read_percent(dialect: Dialect, t: &str) -> String {
    let bare = format!(
        "CASE WHEN right({t}, 1) = '%' THEN {} ELSE {t} END",
        dialect.trim(&format!("substr({t}, 1, length({t}) - 1)"), "chars")
    );
    read_number(dialect, &format!("({bare})"))
}

/// The model as one SQL query for `dialect`, reading the table `table` (a
/// name, or `schema.name` parts separated by dots). Columns come from
/// `mapping`, or from the model's keys when it is `None`. Recency signals are
/// scored at the model's as-of date, or at the engine's `CURRENT_DATE` when it
/// is blank, so a nightly job scores at each night's date.
///
/// # Errors
/// [`SqlError::Model`] when the weights or threshold cannot score,
/// [`SqlError::AsOf`] when the model's as-of date is not a date,
/// [`SqlError::BadName`] for a name not every dialect can hold,
/// [`SqlError::NameClash`] for a component key that would repeat an output column.
pub fn to_sql(model: &Model, mapping: Option<&Mapping>, dialect: Dialect, table: &str) -> Result<String, SqlError> {
    let weighting = Weighting::of(model).map_err(SqlError::Model)?;
    let as_of = if model.as_of.trim().is_empty() {
        None
    } else {
        Some(Date::parse(&model.as_of).map_err(SqlError::AsOf)?)
    };
    let from_keys;
    let mapping = match mapping {
        Some(mapping) => mapping,
        None => {
            from_keys = Mapping::from_keys(model);
            &from_keys
        }
    };
    let plan = Plan::new(model, mapping);
    let table = check_names(model, &plan, dialect, table)?;
    let mut query = Query {
        model,
        needs: Needs::of(model, &plan),
        plan,
        dialect,
        as_of: dialect.date(as_of),
        helpers: Vec::new(),
        out: String::new(),
    };
    let fractions = weighting.fractions();
    header(
        &mut query.out,
        model,
        &query.plan,
        dialect,
        &table,
        fractions,
        weighting.threshold(),
        &query.as_of,
    );
    query.out.push_str("WITH\n");
    query.blank();
    query.cells(&table);
    query.text();
    query.values();
    query.signals();
    query.components();
    query.total(fractions);
    query.results(weighting.threshold());
    Ok(query.out)
}

/// Checks every name the query writes (table parts, columns, gate keys, the
/// component score columns) and returns the table as the dialect writes it.
fn check_names(model: &Model, plan: &Plan, dialect: Dialect, table: &str) -> Result<String, SqlError> {
    let whole = table;
    let table = table
        .split('.')
        .map(|part| {
            check_name(part)
                .map(|()| dialect.ident(part))
                .map_err(|problem| SqlError::BadTable {
                    table: whole.to_owned(),
                    part: part.to_owned(),
                    problem,
                })
        })
        .collect::<Result<Vec<_>, _>>()?
        .join(".");
    for column in &plan.columns {
        checked(column)?;
    }
    for gate in &model.gates {
        checked(&gate.key)?;
    }
    let mut outputs: Vec<String> = vec!["csql_score".into(), "csql_verdict".into(), "csql_gates_missing".into()];
    for component in &model.components {
        let column = component_column(&component.key);
        checked(&column)?;
        let taken = outputs.iter().any(|o| o.eq_ignore_ascii_case(&column)) || column.to_ascii_lowercase().starts_with("csql_");
        if taken {
            return Err(SqlError::NameClash {
                key: component.key.clone(),
                column,
            });
        }
        outputs.push(column);
    }
    Ok(table)
}

/// How one column is read besides as text.
#[derive(Clone, Copy, Default)]
struct Needs {
    number: bool,
    count: bool,
    percent: bool,
    yes_no: bool,
    date: bool,
}

impl Needs {
    /// What each of the plan's columns is read as, by what feeds from it.
    fn of(model: &Model, plan: &Plan) -> Vec<Self> {
        let mut needs = vec![Self::default(); plan.columns.len()];
        for (component, feed) in model.components.iter().zip(&plan.components) {
            match feed {
                Feed::Direct(c) => needs[*c].number = true,
                Feed::Signals(cols) => {
                    for (signal, c) in component.signals.iter().zip(cols) {
                        let Some(c) = c else { continue };
                        let need = &mut needs[*c];
                        match signal.kind {
                            SignalKind::YesNo => need.yes_no = true,
                            SignalKind::Date { .. } => need.date = true,
                            SignalKind::Count { .. } => need.count = true,
                            SignalKind::Percent => need.percent = true,
                            SignalKind::Rating => need.number = true,
                        }
                    }
                }
            }
        }
        for c in plan.gates.iter().flatten().chain(&plan.outcomes) {
            needs[*c].yes_no = true;
        }
        needs
    }
}

/// The name of a working column: `csql_` and a letter for what it holds (`r`
/// raw text, `t` trimmed, `n` number, `k` count, `p` percentage, `b` yes/no,
/// `d` date), then the plan's column number from 1.
fn working(letter: char, c: usize) -> String {
    format!("csql_{letter}{}", c + 1)
}

/// The working column names of one plan column.
struct Names {
    t: String,
    n: String,
    k: String,
    p: String,
    b: String,
    d: String,
}

impl Names {
    fn of(c: usize) -> Self {
        Self {
            t: working('t', c),
            n: working('n', c),
            k: working('k', c),
            p: working('p', c),
            b: working('b', c),
            d: working('d', c),
        }
    }

    fn reads<'a>(&'a self, as_of: &'a str) -> Reads<'a> {
        Reads {
            t: &self.t,
            n: &self.n,
            k: &self.k,
            p: &self.p,
            b: &self.b,
            d: &self.d,
            as_of,
        }
    }
}

/// The query being written, one step (CTE) at a time.
struct Query<'a> {
    model: &'a Model,
    plan: Plan,
    needs: Vec<Needs>,
    dialect: Dialect,
    /// The as-of date as the dialect writes it.
    as_of: String,
    /// The working columns added so far, left out of the final result.
    helpers: Vec<String>,
    out: String,
}

impl Query<'_> {
    /// Appends one step; its items' names become helpers.
    fn step(&mut self, name: &str, about: &str, items: &[Item], from: &str) {
        self.helpers.extend(items.iter().map(|item| item.name.clone()));
        select(&mut self.out, name, about, Some("*"), items, from);
    }

    /// 0. The white space trimmed from every value.
    fn blank(&mut self) {
        let _ = writeln!(
            self.out,
            "csql_blank AS (\n  -- The characters trimmed from both ends of every value: Unicode white space.\n  SELECT {} AS chars\n),",
            self.dialect.white_space()
        );
    }

    /// 1. Every column the model reads, as text.
    fn cells(&mut self, table: &str) {
        let dialect = self.dialect;
        let mut items = Vec::new();
        if let Some(expr) = dialect.account_value() {
            items.push(Item {
                expr: expr.to_owned(),
                name: "csql_account".into(),
                comment: "the account's own columns, given back at the end".into(),
            });
        }
        for (c, column) in self.plan.columns.iter().enumerate() {
            items.push(Item {
                expr: format!("coalesce(CAST(a.{} AS {}), '')", dialect.ident(column), dialect.text_type()),
                name: working('r', c),
                comment: comment_text(column),
            });
            self.helpers.push(working('r', c));
        }
        select(
            &mut self.out,
            "csql_cell",
            "1. Every column the model reads, as text ('' when NULL).",
            // Snowflake keeps the account's columns beside the working ones.
            dialect.account_value().is_none().then_some("a.*"),
            &items,
            &format!("FROM {table} AS a"),
        );
    }

    /// 2. The text without white space at either end.
    fn text(&mut self) {
        let dialect = self.dialect;
        let items: Vec<Item> = (0..self.plan.columns.len())
            .map(|c| {
                let r = working('r', c);
                // Trimming with a list of characters is slow in some engines (DuckDB):
                // skip it when neither end of the text is white space.
                let first = dialect.position("w.chars", &format!("left({r}, 1)"));
                let last = dialect.position("w.chars", &format!("right({r}, 1)"));
                Item {
                    expr: format!(
                        "CASE WHEN {first} = 0 AND {last} = 0 THEN {r} ELSE {} END",
                        dialect.trim(&r, "w.chars")
                    ),
                    name: working('t', c),
                    comment: String::new(),
                }
            })
            .collect();
        self.step(
            "csql_text",
            "2. Without white space at either end.",
            &items,
            "FROM csql_cell\nCROSS JOIN csql_blank AS w",
        );
    }

    /// 3. Numbers, counts, percentages, yes/no and dates read from the text.
    fn values(&mut self) {
        let dialect = self.dialect;
        let yes = YES.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
        let no = NO.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
        let mut items = Vec::new();
        for (c, (column, need)) in self.plan.columns.iter().zip(&self.needs).enumerate() {
            let (names, column) = (Names::of(c), comment_text(column));
            let t = &names.t;
            let mut add = |wanted: bool, expr: String, name: &str, what: &str| {
                if wanted {
                    items.push(Item {
                        expr,
                        name: name.to_owned(),
                        comment: format!("{column} as {what}"),
                    });
                }
            };
            add(need.number, read_number(dialect, t), &names.n, "a number");
            add(need.count, read_count(dialect, t), &names.k, "a count (1,234 allowed)");
            add(need.percent, read_percent(dialect, t), &names.p, "a percentage (75% allowed)");
            let yes_no = format!("CASE WHEN lower({t}) IN ({yes}) THEN TRUE WHEN lower({t}) IN ({no}) THEN FALSE END");
            add(need.yes_no, yes_no, &names.b, "yes/no");
            add(need.date, read_date(dialect, t), &names.d, "a date");
        }
        self.step(
            "csql_value",
            "3. Numbers (a decimal comma is allowed; in a count, commas between thousands; after a percentage, a % sign), yes/no (any case) and dates (YYYY-MM-DD, or a date-time starting with one), as the calculator reads them; NULL when blank or unreadable.",
            &items,
            "FROM csql_text",
        );
    }

    /// 4. Each signal's 0-100 score, and whether every value of the row can be read.
    fn signals(&mut self) {
        let model = self.model;
        let mut items = Vec::new();
        for (i, (component, feed)) in model.components.iter().zip(&self.plan.components).enumerate() {
            if let Feed::Signals(cols) = feed {
                for (j, (signal, col)) in component.signals.iter().zip(cols).enumerate() {
                    items.push(self.signal_item(&component.name, signal, *col, format!("csql_s{}_{}", i + 1, j + 1)));
                }
            }
        }
        items.push(Item {
            expr: self.readable(),
            name: "csql_readable".into(),
            comment: "false where the book view would skip the row".into(),
        });
        self.step(
            "csql_signal",
            "4. Each signal's score, 0-100 (NULL when blank), and whether every value of the row can be read.",
            &items,
            "FROM csql_value",
        );
    }

    /// One signal's score from its column, or what a blank scores when it has none.
    fn signal_item(&self, component: &str, signal: &Signal, col: Option<usize>, name: String) -> Item {
        let (component, label) = (comment_text(component), comment_text(&signal.label));
        let Some(c) = col else {
            // No column: read as blank, as the book does; a blank reads the same at any date.
            let expr = match signal.score("", Date::default()) {
                Ok(Some(value)) => self.dialect.double(value),
                _ => format!("CAST(NULL AS {})", self.dialect.double_type()),
            };
            return Item {
                expr,
                name,
                comment: format!("{component} / {label}: no column, read as blank"),
            };
        };
        let names = Names::of(c);
        Item {
            expr: signal_score(self.dialect, signal, &names.reads(&self.as_of)),
            name,
            comment: format!("{component} / {label} ({})", describe(signal)),
        }
    }

    /// The condition that every value the model reads from a row can be read,
    /// one line per check with what it checks.
    fn readable(&self) -> String {
        let (model, plan, dialect) = (self.model, &self.plan, self.dialect);
        let column = |c: usize| comment_text(&plan.columns[c]);
        let mut checks: Vec<(String, String)> = Vec::new();
        if let Some(id) = plan.id {
            checks.push((
                format!("{} <> ''", working('t', id)),
                format!("{}: the account id is not blank", column(id)),
            ));
        }
        for (component, feed) in model.components.iter().zip(&plan.components) {
            match feed {
                Feed::Direct(c) => checks.push((
                    format!("coalesce({} BETWEEN 0 AND 100, {} = '')", working('n', *c), working('t', *c)),
                    format!("{}: {} score, 0-100", column(*c), comment_text(&component.name)),
                )),
                Feed::Signals(cols) => {
                    for (signal, c) in component.signals.iter().zip(cols) {
                        let Some(c) = *c else { continue };
                        let names = Names::of(c);
                        checks.push((
                            signal_readable(dialect, signal, &names.reads(&self.as_of)),
                            format!("{}: {}", column(c), signal.kind.hint()),
                        ));
                    }
                }
            }
        }
        let yes_no = |c: usize| format!("({} IS NOT NULL OR {} = '')", working('b', c), working('t', c));
        for (gate, col) in model.gates.iter().zip(&plan.gates) {
            if let Some(c) = *col {
                checks.push((yes_no(c), format!("{}: gate {}, yes/no", column(c), comment_text(&gate.label))));
            }
        }
        for c in &plan.outcomes {
            checks.push((yes_no(*c), format!("{}: outcome, yes/no", column(*c))));
        }
        if checks.is_empty() {
            return "TRUE".to_owned();
        }
        let lines: Vec<String> = checks
            .iter()
            .enumerate()
            .map(|(i, (expr, comment))| format!("      {}{expr}  -- {comment}", if i == 0 { "   " } else { "AND " }))
            .collect();
        format!("(\n{}\n    )", lines.join("\n"))
    }

    /// 5. Each component's score and the required gates not met.
    fn components(&mut self) {
        let (model, plan, dialect) = (self.model, &self.plan, self.dialect);
        let mut items: Vec<Item> = model
            .components
            .iter()
            .zip(&plan.components)
            .enumerate()
            .map(|(i, (component, feed))| {
                let (expr, how) = match feed {
                    Feed::Direct(c) => (
                        format!("CASE WHEN {n} BETWEEN 0 AND 100 THEN {n} ELSE 0 END", n = working('n', *c)),
                        format!("from the column {}; blank = 0", comment_text(&plan.columns[*c])),
                    ),
                    Feed::Signals(_) => (
                        signal_mean(dialect, &component.signals, i),
                        "weighted mean of its signals; blank = 0".to_owned(),
                    ),
                };
                Item {
                    expr,
                    name: format!("csql_c{}", i + 1),
                    comment: format!("{}: {how}", comment_text(&component.name)),
                }
            })
            .collect();
        let missing: Vec<String> = model
            .gates
            .iter()
            .zip(&plan.gates)
            .filter(|(gate, _)| gate.required)
            .filter_map(|(gate, col)| {
                col.map(|c| {
                    format!(
                        "CASE WHEN coalesce({}, FALSE) THEN '' ELSE {} END",
                        working('b', c),
                        dialect.string(&format!(",{}", gate.key))
                    )
                })
            })
            .collect();
        items.push(Item {
            expr: if missing.is_empty() {
                "''".to_owned()
            } else {
                format!("substr({}, 2)", missing.join("\n      || "))
            },
            name: "csql_gates".into(),
            comment: "required gates answered no or blank; unmapped gates are not assessed".into(),
        });
        self.step(
            "csql_component",
            "5. Each component's score, 0-100, and the required gates not met.",
            &items,
            "FROM csql_signal",
        );
    }

    /// 6. The CSQL score, the last step (no comma after it).
    fn total(&mut self, fractions: &[f64]) {
        let terms: Vec<String> = fractions
            .iter()
            .enumerate()
            .map(|(i, f)| format!("csql_c{} * {}", i + 1, number(*f)))
            .collect();
        let mut total = String::new();
        select(
            &mut total,
            "csql_total",
            "6. The CSQL score: each component's score times its share of the weights.",
            Some("*"),
            &[Item {
                expr: terms.join(" + "),
                name: "csql_total".into(),
                comment: String::new(),
            }],
            "FROM csql_component",
        );
        self.helpers.push("csql_total".into());
        self.out.push_str(total.trim_end_matches(",\n"));
        self.out.push('\n');
    }

    /// The final `SELECT`: the account's own columns, then the results.
    fn results(&mut self, threshold: f64) {
        let dialect = self.dialect;
        let keep = |expr: String| format!("CASE WHEN csql_readable THEN {expr} END");
        let mut items: Vec<Item> = self
            .model
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| Item {
                expr: keep(format!("csql_c{}", i + 1)),
                name: dialect.ident(&component_column(&c.key)),
                comment: String::new(),
            })
            .collect();
        items.push(Item {
            expr: keep("csql_total".into()),
            name: "csql_score".into(),
            comment: String::new(),
        });
        items.push(Item {
            expr: format!(
                "CASE\n    WHEN NOT csql_readable THEN 'invalid'\n    WHEN csql_total + {} < {} THEN 'below-threshold'\n    WHEN csql_gates <> '' THEN 'gates-missing'\n    ELSE 'csql'\n  END",
                number(TOLERANCE),
                number(threshold)
            ),
            name: "csql_verdict".into(),
            comment: String::new(),
        });
        items.push(Item {
            expr: keep("csql_gates".into()),
            name: "csql_gates_missing".into(),
            comment: String::new(),
        });
        let lead = dialect.account_columns(&self.helpers);
        select(
            &mut self.out,
            "",
            "The account's own columns, then the results.",
            Some(&lead),
            &items,
            "FROM csql_total;",
        );
    }
}

/// A component's score from its signals (component `i`, from 0): as the book,
/// each signal's score times its share of the component's signal weights
/// (`signal::shares`), blank as 0.
fn signal_mean(dialect: Dialect, signals: &[Signal], i: usize) -> String {
    let shares = shares(signals);
    if !shares.iter().any(|s| *s > 0.0) {
        return dialect.double(0.0);
    }
    shares
        .iter()
        .enumerate()
        .map(|(j, share)| format!("coalesce(csql_s{}_{}, 0) * {}", i + 1, j + 1, number(*share)))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The comment at the top: what the query reads, adds and assumes.
#[allow(clippy::too_many_arguments)]
fn header(out: &mut String, model: &Model, plan: &Plan, dialect: Dialect, table: &str, fractions: &[f64], threshold: f64, as_of: &str) {
    let components: Vec<String> = model.components.iter().map(|c| component_column(&c.key)).collect();
    let shares: Vec<String> = model
        .components
        .iter()
        .zip(fractions)
        .map(|(c, f)| format!("{} x {}", comment_text(&c.name), number(*f)))
        .collect();
    let _ = writeln!(
        out,
        "-- The CSQL model as one query for {}, written by the CSQL calculator.",
        dialect.label()
    );
    let _ = writeln!(
        out,
        "-- It reads the table {table} and returns each account with these columns added:"
    );
    let _ = writeln!(out, "--   {}: each component's score, 0-100", comment_text(&components.join(", ")));
    let _ = writeln!(out, "--   csql_score: {}", shares.join(" + "));
    let _ = writeln!(
        out,
        "--   csql_verdict: csql, gates-missing or below-threshold (threshold {}, a score up to {} below it counts),",
        number(threshold),
        number(TOLERANCE)
    );
    let _ = writeln!(
        out,
        "--     or invalid (scores NULL) where the calculator's book view would skip the row:"
    );
    let _ = writeln!(
        out,
        "--     {}",
        if plan.id.is_some() {
            "a blank account id or a value it cannot read"
        } else {
            "a value it cannot read"
        }
    );
    let _ = writeln!(
        out,
        "--   csql_gates_missing: the required gates answered no or blank, comma-separated keys"
    );
    let _ = writeln!(
        out,
        "-- Yes/no: {} or {} (any case); a blank yes/no is no, a blank number scores 0.",
        YES.join(", "),
        NO.join(", ")
    );
    let dated = model
        .components
        .iter()
        .flat_map(|c| &c.signals)
        .any(|s| matches!(s.kind, SignalKind::Date { .. }));
    if dated {
        let _ = writeln!(
            out,
            "-- Dates (YYYY-MM-DD) are scored as of {as_of}: 100 on that day, halving every half-life; a later date is invalid."
        );
    }
}
