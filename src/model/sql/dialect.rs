//! What differs between the SQL engines the model is exported to: quoting,
//! type names, and the few functions without a common spelling.

use thiserror::Error;

use crate::model::core::date::Date;

/// An SQL engine the model can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    /// DuckDB.
    #[default]
    DuckDb,
    /// PostgreSQL.
    Postgres,
    /// Snowflake.
    Snowflake,
    /// Google BigQuery (GoogleSQL).
    BigQuery,
    /// Apache Spark SQL (and Databricks).
    Spark,
}

/// Why a name cannot be written in SQL for every dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum NameProblem {
    /// The name is empty.
    #[error("it is empty")]
    Empty,
    /// Longer than [`MAX_NAME_BYTES`]; PostgreSQL would silently cut it.
    #[error("it is longer than {MAX_NAME_BYTES} bytes")]
    TooLong,
    /// It holds a control character (a line break, a tab...).
    #[error("it holds a control character")]
    Control,
}

/// The longest name accepted, in bytes of UTF-8: PostgreSQL's limit (it cuts
/// longer names without a word), the smallest of the five engines.
pub const MAX_NAME_BYTES: usize = 63;

/// Words that are reserved in at least one of the dialects: a name spelled
/// like one is always quoted.
const RESERVED: &[&str] = &[
    "all",
    "alter",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "at",
    "authorization",
    "between",
    "binary",
    "both",
    "by",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "connect",
    "connection",
    "constraint",
    "contains",
    "create",
    "cross",
    "cube",
    "current",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "database",
    "default",
    "deferrable",
    "define",
    "delete",
    "desc",
    "describe",
    "distinct",
    "do",
    "drop",
    "else",
    "end",
    "enum",
    "escape",
    "except",
    "exclude",
    "exists",
    "extract",
    "false",
    "fetch",
    "following",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "function",
    "grant",
    "group",
    "grouping",
    "groups",
    "hash",
    "having",
    "if",
    "ignore",
    "ilike",
    "in",
    "increment",
    "initially",
    "inner",
    "insert",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "lookup",
    "merge",
    "minus",
    "natural",
    "new",
    "no",
    "not",
    "notnull",
    "null",
    "nulls",
    "of",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "over",
    "overlaps",
    "partition",
    "pivot",
    "placing",
    "preceding",
    "primary",
    "proto",
    "qualify",
    "range",
    "recursive",
    "references",
    "regexp",
    "respect",
    "returning",
    "revoke",
    "right",
    "rlike",
    "rollup",
    "row",
    "rows",
    "sample",
    "schema",
    "select",
    "session_user",
    "set",
    "show",
    "similar",
    "some",
    "start",
    "struct",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "treat",
    "trigger",
    "true",
    "try_cast",
    "unbounded",
    "union",
    "unique",
    "unpivot",
    "update",
    "user",
    "using",
    "values",
    "variadic",
    "verbose",
    "when",
    "whenever",
    "where",
    "window",
    "with",
    "within",
];

/// Unicode white space (Rust's `char::is_whitespace`, which the calculator's
/// `trim` uses): what counts as blank around a value.
pub(crate) const WHITE_SPACE: [u32; 25] = [
    0x9, 0xA, 0xB, 0xC, 0xD, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
    0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
];

/// Checks a name against the rule every dialect can hold: 1 to
/// [`MAX_NAME_BYTES`] bytes, no control character.
///
/// # Errors
/// What is wrong with the name.
pub fn check_name(name: &str) -> Result<(), NameProblem> {
    if name.is_empty() {
        Err(NameProblem::Empty)
    } else if name.len() > MAX_NAME_BYTES {
        Err(NameProblem::TooLong)
    } else if name.chars().any(char::is_control) {
        Err(NameProblem::Control)
    } else {
        Ok(())
    }
}

/// Whether a name can be written without quotes in every dialect: lower-case
/// ASCII letters, digits and `_`, not starting with a digit, not reserved.
/// Unquoted, it also matches a column created without quotes in PostgreSQL
/// (folded to lower case) and Snowflake (folded to upper case).
fn is_plain(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name)
}

impl Dialect {
    /// Every dialect, in the order menus list them.
    pub const ALL: [Self; 5] = [Self::DuckDb, Self::Postgres, Self::Snowflake, Self::BigQuery, Self::Spark];

    /// The stable key used on the command line and in menus: `duckdb`,
    /// `postgres`, `snowflake`, `bigquery`, `spark`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::DuckDb => "duckdb",
            Self::Postgres => "postgres",
            Self::Snowflake => "snowflake",
            Self::BigQuery => "bigquery",
            Self::Spark => "spark",
        }
    }

    /// The engine's name for people: `DuckDB`, `PostgreSQL`...
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::DuckDb => "DuckDB",
            Self::Postgres => "PostgreSQL",
            Self::Snowflake => "Snowflake",
            Self::BigQuery => "BigQuery",
            Self::Spark => "Spark SQL",
        }
    }

    /// The dialect with this [`Dialect::key`].
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.key() == key)
    }

    /// A name as an identifier: bare when [`is_plain`], else quoted the
    /// dialect's way. The name must have passed [`check_name`].
    #[must_use]
    pub fn ident(self, name: &str) -> String {
        if is_plain(name) {
            return name.to_owned();
        }
        match self {
            Self::DuckDb | Self::Postgres | Self::Snowflake => format!("\"{}\"", name.replace('"', "\"\"")),
            Self::BigQuery => format!("`{}`", name.replace('\\', "\\\\").replace('`', "\\`")),
            Self::Spark => format!("`{}`", name.replace('`', "``")),
        }
    }

    /// A string literal. The text must have passed [`check_name`] (no control characters).
    #[must_use]
    pub fn string(self, text: &str) -> String {
        match self {
            Self::DuckDb | Self::Postgres => format!("'{}'", text.replace('\'', "''")),
            Self::Snowflake => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "''")),
            Self::BigQuery | Self::Spark => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'")),
        }
    }

    /// The text type's name.
    pub(crate) fn text_type(self) -> &'static str {
        match self {
            Self::DuckDb | Self::Snowflake => "VARCHAR",
            Self::Postgres => "TEXT",
            Self::BigQuery | Self::Spark => "STRING",
        }
    }

    /// The 64-bit float type's name.
    pub(crate) fn double_type(self) -> &'static str {
        match self {
            Self::DuckDb | Self::Snowflake | Self::Spark => "DOUBLE",
            Self::Postgres => "DOUBLE PRECISION",
            Self::BigQuery => "FLOAT64",
        }
    }

    /// A constant as a 64-bit float, so arithmetic on it is never done in
    /// integers or decimals.
    pub(crate) fn double(self, value: f64) -> String {
        format!("CAST({} AS {})", number(value), self.double_type())
    }

    /// The white-space characters as a string expression.
    pub(crate) fn white_space(self) -> String {
        let codes = WHITE_SPACE.iter().map(u32::to_string).collect::<Vec<_>>();
        match self {
            Self::DuckDb | Self::Postgres => codes.iter().map(|c| format!("chr({c})")).collect::<Vec<_>>().join(" || "),
            Self::Snowflake => codes.iter().map(|c| format!("CHR({c})")).collect::<Vec<_>>().join(" || "),
            Self::BigQuery => format!("CODE_POINTS_TO_STRING([{}])", codes.join(", ")),
            Self::Spark => {
                let escaped: String = WHITE_SPACE.iter().map(|c| format!("\\u{c:04X}")).collect();
                format!("'{escaped}'")
            }
        }
    }

    /// `text` with any of the characters in `chars` removed from both ends.
    pub(crate) fn trim(self, text: &str, chars: &str) -> String {
        match self {
            Self::Postgres => format!("btrim({text}, {chars})"),
            Self::Spark => format!("trim(BOTH {chars} FROM {text})"),
            Self::DuckDb | Self::Snowflake | Self::BigQuery => format!("trim({text}, {chars})"),
        }
    }

    /// The 1-based position of `needle` in `haystack` (0 when absent).
    pub(crate) fn position(self, haystack: &str, needle: &str) -> String {
        match self {
            Self::DuckDb | Self::Postgres | Self::BigQuery => format!("strpos({haystack}, {needle})"),
            Self::Snowflake => format!("position({needle}, {haystack})"),
            Self::Spark => format!("instr({haystack}, {needle})"),
        }
    }

    /// Whether the whole of `text` matches the regular expression `pattern`
    /// (which holds no backslash and no quote).
    pub(crate) fn full_match(self, text: &str, pattern: &str) -> String {
        match self {
            Self::DuckDb => format!("regexp_full_match({text}, '{pattern}')"),
            Self::Postgres => format!("{text} ~ '^{pattern}$'"),
            Self::Snowflake => format!("REGEXP_LIKE({text}, '{pattern}')"),
            Self::BigQuery => format!("REGEXP_CONTAINS({text}, r'^{pattern}$')"),
            Self::Spark => format!("{text} RLIKE '^{pattern}$'"),
        }
    }

    /// `text`, already checked to be a number as the calculator writes it, as
    /// a 64-bit float; NULL or an infinity when it is out of the float's range.
    pub(crate) fn to_double(self, text: &str) -> String {
        match self {
            Self::DuckDb | Self::Snowflake => format!("TRY_CAST({text} AS DOUBLE)"),
            Self::BigQuery => format!("SAFE_CAST({text} AS FLOAT64)"),
            Self::Spark => format!("try_cast({text} AS DOUBLE)"),
            // PostgreSQL has no cast that returns NULL, and refuses numbers beyond
            // the float's range either way: go through its exact `numeric` type
            // and decide the range first. Exponents of 10000 or more, which
            // `numeric` cannot hold, are 0 when negative (the float underflows, as
            // in the calculator) or too large when positive, unless the digits are
            // all zeros.
            Self::Postgres => format!(
                "CASE\n      \
                 WHEN {text} ~ '[eE][+-]?0*[1-9][0-9]{{4,}}$' THEN CASE WHEN {text} ~ '^[+-]?[0.]*[eE]' OR {text} ~ '[eE]-' THEN 0 END\n      \
                 WHEN abs(CAST({text} AS NUMERIC)) >= 2::NUMERIC ^ 1024 - 2::NUMERIC ^ 970 THEN NULL\n      \
                 WHEN abs(CAST({text} AS NUMERIC)) <= 3e-324 THEN 0\n      \
                 ELSE CAST({text} AS DOUBLE PRECISION)\n    END"
            ),
        }
    }

    /// The date `year`-`month`-`day` from three integer expressions.
    pub(crate) fn make_date(self, year: &str, month: &str, day: &str) -> String {
        match self {
            Self::DuckDb | Self::Postgres | Self::Spark => format!("make_date({year}, {month}, {day})"),
            Self::Snowflake => format!("DATE_FROM_PARTS({year}, {month}, {day})"),
            Self::BigQuery => format!("DATE({year}, {month}, {day})"),
        }
    }

    /// Whole days from the date `from` to the date `to` (negative when `from` is later).
    pub(crate) fn days_between(self, from: &str, to: &str) -> String {
        match self {
            Self::DuckDb => format!("date_diff('day', {from}, {to})"),
            Self::Postgres => format!("({to} - {from})"),
            Self::Snowflake => format!("DATEDIFF(day, {from}, {to})"),
            Self::BigQuery => format!("DATE_DIFF({to}, {from}, DAY)"),
            Self::Spark => format!("datediff({to}, {from})"),
        }
    }

    /// A date literal, or the engine's today for `None`.
    pub(crate) fn date(self, date: Option<Date>) -> String {
        match (date, self) {
            (Some(date), _) => format!("DATE '{date}'"),
            (None, Self::BigQuery) => "CURRENT_DATE()".to_owned(),
            (None, _) => "CURRENT_DATE".to_owned(),
        }
    }

    /// The account's whole row (table alias `a`) as one value, which the first
    /// step keeps as `csql_account`; `None` for Snowflake, which has no such
    /// value and keeps the account's columns beside the working ones.
    pub(crate) fn account_value(self) -> Option<&'static str> {
        match self {
            Self::DuckDb | Self::Postgres | Self::BigQuery => Some("a"),
            Self::Spark => Some("struct(a.*)"),
            Self::Snowflake => None,
        }
    }

    /// How the last step gives back the account's own columns; `helpers` are
    /// the working columns to leave out where the account's columns were kept
    /// beside them.
    pub(crate) fn account_columns(self, helpers: &[String]) -> String {
        match self {
            Self::DuckDb | Self::BigQuery | Self::Spark => "csql_account.*".to_owned(),
            Self::Postgres => "(csql_account).*".to_owned(),
            Self::Snowflake => format!("* EXCLUDE ({})", helpers.join(", ")),
        }
    }
}

/// A number as an SQL literal that every dialect reads as the same 64-bit
/// float: plain (`0.4`, `70`) when it has at most 15 significant digits and
/// is not tiny or huge, else in exponent form (`1e-9`), which DuckDB and Spark
/// read as a float directly instead of as a decimal.
pub(crate) fn number(value: f64) -> String {
    // `+ 0.0` turns -0 into 0.
    let value = value + 0.0;
    let exponent = format!("{value:e}");
    let digits = exponent
        .split('e')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let magnitude = value.abs();
    if value == 0.0 || (digits <= 15 && (1e-4..1e15).contains(&magnitude)) {
        format!("{value}")
    } else {
        exponent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_bare_and_others_are_quoted_per_dialect() {
        assert_eq!(Dialect::DuckDb.ident("seats_active"), "seats_active");
        assert_eq!(Dialect::DuckDb.ident("Account ID"), "\"Account ID\"");
        assert_eq!(Dialect::Postgres.ident("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(Dialect::Spark.ident("a`b"), "`a``b`");
        assert_eq!(Dialect::BigQuery.ident("a`b\\c"), "`a\\`b\\\\c`");
        // Reserved words and names starting with a digit are quoted.
        assert_eq!(Dialect::Snowflake.ident("order"), "\"order\"");
        assert_eq!(Dialect::Snowflake.ident("1st"), "\"1st\"");
    }

    #[test]
    fn string_literals_escape_quotes_and_backslashes_per_dialect() {
        assert_eq!(Dialect::DuckDb.string("it's \\"), "'it''s \\'");
        assert_eq!(Dialect::Snowflake.string("it's \\"), "'it''s \\\\'");
        assert_eq!(Dialect::BigQuery.string("it's \\"), "'it\\'s \\\\'");
    }

    #[test]
    fn names_every_dialect_can_hold() {
        assert_eq!(check_name("Licensed seats (%)"), Ok(()));
        assert_eq!(check_name(""), Err(NameProblem::Empty));
        assert_eq!(check_name(&"x".repeat(64)), Err(NameProblem::TooLong));
        assert_eq!(check_name(&"é".repeat(32)), Err(NameProblem::TooLong));
        assert_eq!(check_name("a\nb"), Err(NameProblem::Control));
    }

    #[test]
    fn numbers_read_back_as_the_same_float() {
        assert_eq!(number(0.4), "0.4");
        assert_eq!(number(70.0), "70");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(1e-9), "1e-9");
        assert_eq!(number(0.1 + 0.2), "3.0000000000000004e-1");
        assert_eq!(number(1e300), "1e300");
        for value in [0.4, 1.0 / 3.0, 0.1 + 0.2, 1e-9, 12.5, 1e300, 5e-324] {
            assert_eq!(number(value).parse::<f64>(), Ok(value));
        }
    }
}
