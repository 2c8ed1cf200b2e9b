//! `csql`: the CSQL model on the command line, with no web dependency. Scores a
//! CSV file of any size as a stream (the bytes of the book view's export),
//! checks a model, exports it as SQL, and writes demo data. Everything it computes comes from
//! `csql_calculator::model`; this file only reads arguments and files and
//! turns errors into words and exit codes.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The command-line scorer is native only; the browser app is another binary.
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::fs::File;
    use std::io::{BufWriter, Read, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::{Args, Parser, Subcommand, ValueEnum};
    use thiserror::Error;

    use csql_calculator::model::book::{
        score_csv, BadRows, BookError, ImportReport, Mapping, SampleRows, TableReader, SAMPLE_ACCOUNTS, SAMPLE_SEED,
    };
    use csql_calculator::model::core::date::{Date, DateError};
    use csql_calculator::model::core::weighting::{Weighting, WeightingError};
    use csql_calculator::model::share::{self, Document, LoadError};
    use csql_calculator::model::sql::{to_sql, Dialect, SqlError, DEFAULT_TABLE};
    use csql_calculator::model::{evaluate, Model};

    /// Exit code when every row was scored, or the command did what it says.
    const OK: u8 = 0;
    /// Exit code when the command could not do its work (see the message).
    const FAILED: u8 = 1;
    /// Exit code of `score` when rows were skipped (the others are written).
    const SKIPPED: u8 = 3;

    const EXIT_CODES: &str = "\
Exit codes:
  0  done: every row scored (score), no problem found (check)
  1  stopped by an error, or (check) the model has problems; the message says which
  2  the command line is wrong (usage)
  3  score: some rows were skipped (each is reported on standard error; the others are written)";

    /// Score accounts with a CSQL model, as the calculator's book view does.
    #[derive(Debug, Parser)]
    #[command(
        name = "csql",
        version,
        about = "Score accounts with a CSQL model (the calculator's book view on the command line), check a model, export it as SQL",
        after_help = EXIT_CODES
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Debug, Subcommand)]
    enum Command {
        /// Score a CSV file of accounts and write the scored CSV to standard output
        ///
        /// The output is byte for byte what the book view's "Export CSV" writes for
        /// the same model and file: the original columns, a score per component,
        /// csql_score and verdict. The file is read as a stream, so it may be of any
        /// size. Rows that cannot be scored are reported on standard error with their
        /// row, line and reason.
        #[command(after_help = EXIT_CODES)]
        Score(ScoreArgs),
        /// Report a model's problems: whether it can be read, and the weights,
        /// threshold and inputs the calculator would refuse
        #[command(after_help = EXIT_CODES)]
        Check(CheckArgs),
        /// Print the model as one SQL query for a warehouse
        ///
        /// The query returns every row of the accounts table with the component
        /// scores, csql_score, csql_verdict and csql_gates_missing added, computed as
        /// the calculator computes them. Columns are read from the names in the
        /// mapping, or else from the signal and gate keys.
        #[command(after_help = EXIT_CODES)]
        Sql(SqlArgs),
        /// Print the column mapping the book view would choose for a CSV file, as JSON
        ///
        /// Headers are matched by name to the model's signals, gates and the id,
        /// name, owner and outcome columns. Edit the JSON and pass it to score or sql
        /// with --mapping.
        #[command(after_help = EXIT_CODES)]
        Mapping(MappingArgs),
        /// Write the demo book of accounts (CSV) to standard output
        Sample(SampleArgs),
        /// Write the default model (the calculator's starting point) as JSON to standard output
        DefaultModel,
    }

    /// Where the model comes from: exactly one of a file or a link.
    #[derive(Debug, Args)]
    #[group(required = true, multiple = false)]
    struct ModelSource {
        /// A model saved with "Export JSON" in the calculator
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
        /// A share link made with "Copy link", or only its code (1.…)
        #[arg(long, value_name = "LINK")]
        link: Option<String>,
    }

    /// The as-of date for recency signals.
    #[derive(Debug, Args)]
    struct AsOf {
        /// Score recency (date) signals at this date, YYYY-MM-DD, instead of the
        /// model's as-of date; when neither is set, at today's date (UTC) — for
        /// sql, at the engine's CURRENT_DATE
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    }

    fn parse_date(text: &str) -> Result<Date, DateError> {
        Date::parse(text)
    }

    /// Today's date in UTC, from the system clock.
    fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    #[derive(Debug, Args)]
    struct ScoreArgs {
        #[command(flatten)]
        source: ModelSource,
        #[command(flatten)]
        as_of: AsOf,
        /// Which column feeds which input, as JSON (the book's column mapping);
        /// without it columns are matched by name, as the book view does
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// Keep rows with a bad value, reading the value as blank (rows without an
        /// id or with the wrong number of fields are still skipped)
        #[arg(long)]
        keep_bad_rows: bool,
        /// The CSV file of accounts (comma, semicolon or tab separated; UTF-8); - reads standard input
        #[arg(value_name = "ACCOUNTS")]
        accounts: PathBuf,
    }

    #[derive(Debug, Args)]
    struct CheckArgs {
        #[command(flatten)]
        source: ModelSource,
        #[command(flatten)]
        as_of: AsOf,
    }

    /// The SQL dialects, for clap.
    #[derive(Clone, Copy, Debug, ValueEnum)]
    enum DialectArg {
        /// DuckDB
        Duckdb,
        /// PostgreSQL
        Postgres,
        /// Snowflake
        Snowflake,
        /// Google BigQuery
        Bigquery,
        /// Apache Spark SQL and Databricks
        Spark,
    }

    impl From<DialectArg> for Dialect {
        fn from(arg: DialectArg) -> Self {
            match arg {
                DialectArg::Duckdb => Self::DuckDb,
                DialectArg::Postgres => Self::Postgres,
                DialectArg::Snowflake => Self::Snowflake,
                DialectArg::Bigquery => Self::BigQuery,
                DialectArg::Spark => Self::Spark,
            }
        }
    }

    #[derive(Debug, Args)]
    struct SqlArgs {
        #[command(flatten)]
        source: ModelSource,
        #[command(flatten)]
        as_of: AsOf,
        /// The SQL engine
        #[arg(long, value_enum)]
        dialect: DialectArg,
        /// The table of accounts (schema.table is allowed)
        #[arg(long, default_value = DEFAULT_TABLE)]
        table: String,
        /// Which column feeds which input, as JSON (the book's column mapping)
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
    }

    #[derive(Debug, Args)]
    struct MappingArgs {
        #[command(flatten)]
        source: ModelSource,
        /// The CSV file whose header is matched (only the header is read); - reads standard input
        #[arg(value_name = "ACCOUNTS")]
        accounts: PathBuf,
    }

    #[derive(Debug, Args)]
    struct SampleArgs {
        /// How many accounts
        #[arg(long, default_value_t = SAMPLE_ACCOUNTS)]
        rows: usize,
        /// The random seed; the same seed gives the same file
        #[arg(long, default_value_t = SAMPLE_SEED)]
        seed: u64,
    }

    /// Why a command stopped.
    #[derive(Debug, Error)]
    enum CliError {
        /// A file could not be read.
        #[error("{}: {source}", path.display())]
        Read {
            /// The file.
            path: PathBuf,
            /// What went wrong.
            source: std::io::Error,
        },
        /// The model file cannot be used.
        #[error("{}: {source}", path.display())]
        Model {
            /// The file.
            path: PathBuf,
            /// Why.
            source: LoadError,
        },
        /// The link cannot be used.
        #[error("the link cannot be used: {0}")]
        Link(LoadError),
        /// The text given as a link holds no model.
        #[error("the link holds no model (no #m=… part)")]
        NoModelInLink,
        /// The mapping file is not a mapping.
        #[error("{}: not a column mapping ({source})", path.display())]
        Mapping {
            /// The file.
            path: PathBuf,
            /// Why.
            source: serde_json::Error,
        },
        /// The model's weights or threshold cannot be used, so no row could be scored.
        #[error("the model cannot score: {0}")]
        Weights(WeightingError),
        /// The accounts file as a whole cannot be scored.
        #[error("{}: {source}", path.display())]
        Book {
            /// The file.
            path: PathBuf,
            /// Why.
            source: BookError,
        },
        /// The model cannot be written as SQL.
        #[error("{0}")]
        Sql(SqlError),
        /// Writing to standard output failed.
        #[error("cannot write the output: {0}")]
        Write(std::io::Error),
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let result = match cli.command {
            Command::Score(args) => score(&args),
            Command::Check(args) => check(&args),
            Command::Sql(args) => sql(&args),
            Command::Mapping(args) => mapping(&args),
            Command::Sample(args) => sample(&args),
            Command::DefaultModel => default_model(),
        };
        match result {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                eprintln!("csql: {e}");
                ExitCode::from(FAILED)
            }
        }
    }

    /// Reads a small file (a model or a mapping), reading no more than one
    /// byte past the limit, so a huge one is refused early as too large.
    fn read_small(path: &Path) -> Result<Vec<u8>, CliError> {
        let read = |source| CliError::Read {
            path: path.to_owned(),
            source,
        };
        let mut bytes = Vec::new();
        File::open(path)
            .map_err(read)?
            .take(share::MAX_JSON_LEN as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(read)?;
        Ok(bytes)
    }

    /// The model from `--model` or `--link`, with `--as-of` when given.
    fn load_dated(source: &ModelSource, as_of: &AsOf) -> Result<Model, CliError> {
        let mut model = load_model(source)?;
        if let Some(date) = as_of.as_of {
            model.as_of = date.to_string();
        }
        Ok(model)
    }

    /// The model from `--model` or `--link`.
    fn load_model(source: &ModelSource) -> Result<Model, CliError> {
        let document: Document = match (&source.model, &source.link) {
            (Some(path), _) => share::from_bytes(&read_small(path)?).map_err(|e| CliError::Model {
                path: path.clone(),
                source: e,
            })?,
            (None, Some(link)) => {
                let code = match link.split_once('#') {
                    Some((_, fragment)) => share::code_in_fragment(fragment).ok_or(CliError::NoModelInLink)?,
                    None => link.as_str(),
                };
                share::decode_link(code).map_err(CliError::Link)?
            }
            // clap's group makes one of the two required.
            (None, None) => return Err(CliError::NoModelInLink),
        };
        Ok(document.model)
    }

    fn load_mapping(path: &Path) -> Result<Mapping, CliError> {
        serde_json::from_slice(&read_small(path)?).map_err(|e| CliError::Mapping {
            path: path.to_owned(),
            source: e,
        })
    }

    fn score(args: &ScoreArgs) -> Result<u8, CliError> {
        let model = load_dated(&args.source, &args.as_of)?;
        // The book view would mark every row invalid; a nightly job is better told.
        Weighting::of(&model).map_err(CliError::Weights)?;
        let mapping = args.mapping.as_deref().map(load_mapping).transpose()?;
        let policy = if args.keep_bad_rows { BadRows::KeepEmpty } else { BadRows::Skip };
        let stdout = std::io::stdout();
        let output = BufWriter::with_capacity(64 * 1024, stdout.lock());
        let stderr = std::io::stderr();
        let mut problems = BufWriter::new(stderr.lock());
        let on_error = |e: &csql_calculator::model::book::RowError| {
            // A report that cannot be written must not stop the scoring.
            let _ = writeln!(problems, "{}", e.message());
        };
        let book_error = |source| CliError::Book {
            path: args.accounts.clone(),
            source,
        };
        let result = if args.accounts.as_os_str() == "-" {
            score_csv(std::io::stdin().lock(), output, &model, mapping.as_ref(), policy, today(), on_error)
        } else {
            let file = File::open(&args.accounts).map_err(|source| CliError::Read {
                path: args.accounts.clone(),
                source,
            })?;
            score_csv(file, output, &model, mapping.as_ref(), policy, today(), on_error)
        };
        let (report, mut output) = result.map_err(book_error)?;
        output.flush().map_err(CliError::Write)?;
        drop(problems);
        eprintln!("csql: {}", summary(&report));
        Ok(if report.skipped > 0 { SKIPPED } else { OK })
    }

    /// One line for standard error, in the words of the book's import report.
    fn summary(report: &ImportReport) -> String {
        let mut line = format!(
            "{} rows read, {} imported, {} skipped",
            report.rows_read, report.imported, report.skipped
        );
        if report.kept_with_blanks > 0 {
            line.push_str(&format!(", {} kept with blanks", report.kept_with_blanks));
        }
        if report.blank_rows > 0 {
            line.push_str(&format!("; {} blank rows ignored", report.blank_rows));
        }
        line
    }

    fn check(args: &CheckArgs) -> Result<u8, CliError> {
        let model = match load_dated(&args.source, &args.as_of) {
            Ok(model) => model,
            // A document the loader refuses is the first problem a check reports.
            Err(e) => {
                println!("{e}");
                println!("1 problem found.");
                return Ok(FAILED);
            }
        };
        let problems = evaluate(&model, today()).problems;
        for problem in &problems {
            println!("{}", problem.message);
        }
        match problems.len() {
            0 => {
                println!("No problems found.");
                Ok(OK)
            }
            1 => {
                println!("1 problem found.");
                Ok(FAILED)
            }
            n => {
                println!("{n} problems found.");
                Ok(FAILED)
            }
        }
    }

    fn sql(args: &SqlArgs) -> Result<u8, CliError> {
        let model = load_dated(&args.source, &args.as_of)?;
        let mapping = args.mapping.as_deref().map(load_mapping).transpose()?;
        let text = to_sql(&model, mapping.as_ref(), args.dialect.into(), &args.table).map_err(CliError::Sql)?;
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).map_err(CliError::Write)?;
        out.flush().map_err(CliError::Write)?;
        Ok(OK)
    }

    fn mapping(args: &MappingArgs) -> Result<u8, CliError> {
        let model = load_model(&args.source)?;
        let book_error = |source| CliError::Book {
            path: args.accounts.clone(),
            source,
        };
        let headers = if args.accounts.as_os_str() == "-" {
            TableReader::new(std::io::stdin().lock()).map_err(book_error)?.headers().to_vec()
        } else {
            let file = File::open(&args.accounts).map_err(|source| CliError::Read {
                path: args.accounts.clone(),
                source,
            })?;
            TableReader::new(file).map_err(book_error)?.headers().to_vec()
        };
        let json = serde_json::to_string_pretty(&Mapping::auto(&headers, &model)).unwrap_or_default();
        let mut out = std::io::stdout().lock();
        writeln!(out, "{json}").map_err(CliError::Write)?;
        Ok(OK)
    }

    fn sample(args: &SampleArgs) -> Result<u8, CliError> {
        let stdout = std::io::stdout();
        let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
        let mut rows = SampleRows::new(args.seed);
        let mut line = SampleRows::header();
        for _ in 0..args.rows {
            out.write_all(line.as_bytes()).map_err(CliError::Write)?;
            line.clear();
            rows.push_row(&mut line);
        }
        out.write_all(line.as_bytes()).map_err(CliError::Write)?;
        out.flush().map_err(CliError::Write)?;
        Ok(OK)
    }

    fn default_model() -> Result<u8, CliError> {
        let json = share::to_json(&Document::new(Model::default(), None));
        let mut out = std::io::stdout().lock();
        writeln!(out, "{json}").map_err(CliError::Write)?;
        Ok(OK)
    }
}
