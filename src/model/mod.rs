//! The CSQL model: pure Rust, no web dependency, tested with plain `cargo test`.
//!
//! Laid out as the app's parts, every arrow pointing down:
//! - [`root`]: the app's root state; routes events to the parts and keeps them in step;
//! - [`calc`]: the calculator page (state, update, view model);
//! - [`book`]: reading a file and scoring a book, the Book page's state;
//! - [`evidence`]: backtest, sweep, fit, cross-validation, scenario comparison;
//! - [`sql`]: the model as SQL per warehouse and as spreadsheet formulas;
//! - [`programme`]: programme metrics, benchmarks, advice, the Programme page;
//! - [`share`]: the model document, share links, query-string links;
//! - [`core`]: the model's types, numbers, limits, dates, the scoring rule.

pub mod book;
pub mod calc;
pub mod core;
pub mod evidence;
pub mod programme;
pub mod root;
pub mod share;
pub mod sql;

pub use self::core::{
    evaluate, Component, Direction, Evaluation, Field, Gate, Lever, Model, Part, Problem, Scale, ScoreMode, Signal, SignalKind, Verdict,
};
