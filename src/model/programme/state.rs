//! The Programme page's state and its transitions: what the user typed or
//! chose, as [`ProgrammeAction`]s applied to a [`ProgrammeState`]. Pure, so
//! the page's behaviour is tested natively; the view only dispatches.
//!
//! Selects send their option keys as text (`mid_market`, `custom`, `cro`);
//! an unknown key changes nothing. Benchmark bounds keep the text as typed
//! beside the number, so a half-typed or wrong bound stays on screen with
//! its problem (the calculation then uses the reference table).

use super::super::number::parse_number;
use super::benchmarks::{Measure, Tier, INTERNAL_SOURCE};
use super::format::number;
use super::metrics::ProgrammeField;
use super::paste::{parse_rows, PasteProblem};
use super::query::from_query;
use super::{CsmRow, Period, ProgrammeInput, Role, Segment, Stage};

/// A field of a CSM row that holds text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowField {
    /// The CSM's name.
    Name,
    /// How many CSMs the row stands for.
    Headcount,
    /// CSQLs submitted.
    Submitted,
    /// CSQLs accepted by Sales.
    Accepted,
    /// Accepted CSQLs closed won.
    Won,
    /// Pipeline value of the accepted CSQLs.
    PipelineValue,
    /// Closed-won value.
    WonValue,
}

impl RowField {
    /// Every field, in grid order.
    pub const ALL: [RowField; 7] = [
        RowField::Name,
        RowField::Headcount,
        RowField::Submitted,
        RowField::Accepted,
        RowField::Won,
        RowField::PipelineValue,
        RowField::WonValue,
    ];

    /// Stable key for ids and test hooks: `name`, `headcount`, ...
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            RowField::Name => "name",
            RowField::Headcount => "headcount",
            RowField::Submitted => "submitted",
            RowField::Accepted => "accepted",
            RowField::Won => "won",
            RowField::PipelineValue => "pipeline",
            RowField::WonValue => "won-value",
        }
    }

    /// Column heading.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            RowField::Name => "Name",
            RowField::Headcount => "CSMs",
            RowField::Submitted => "Submitted",
            RowField::Accepted => "Accepted by Sales",
            RowField::Won => "Closed won",
            RowField::PipelineValue => "Accepted pipeline value",
            RowField::WonValue => "Closed-won value",
        }
    }

    /// The field's text in `row`.
    #[must_use]
    pub fn get(self, row: &CsmRow) -> &str {
        match self {
            RowField::Name => &row.name,
            RowField::Headcount => &row.headcount,
            RowField::Submitted => &row.submitted,
            RowField::Accepted => &row.accepted,
            RowField::Won => &row.won,
            RowField::PipelineValue => &row.pipeline_value,
            RowField::WonValue => &row.won_value,
        }
    }

    /// Where evaluation reports problems of this field in row `index`
    /// (`None` for the name, which has none).
    #[must_use]
    pub fn problem_field(self, index: usize) -> Option<ProgrammeField> {
        match self {
            RowField::Name => None,
            RowField::Headcount => Some(ProgrammeField::Headcount(index)),
            RowField::Submitted => Some(ProgrammeField::Submitted(index)),
            RowField::Accepted => Some(ProgrammeField::Accepted(index)),
            RowField::Won => Some(ProgrammeField::Won(index)),
            RowField::PipelineValue => Some(ProgrammeField::PipelineValue(index)),
            RowField::WonValue => Some(ProgrammeField::WonValue(index)),
        }
    }

    /// Whether the field holds a number (a name does not).
    #[must_use]
    pub fn is_number(self) -> bool {
        self != RowField::Name
    }

    fn get_mut(self, row: &mut CsmRow) -> &mut String {
        match self {
            RowField::Name => &mut row.name,
            RowField::Headcount => &mut row.headcount,
            RowField::Submitted => &mut row.submitted,
            RowField::Accepted => &mut row.accepted,
            RowField::Won => &mut row.won,
            RowField::PipelineValue => &mut row.pipeline_value,
            RowField::WonValue => &mut row.won_value,
        }
    }
}

/// Most rows the grid holds, so the page stays responsive.
pub const MAX_ROWS: usize = 500;

/// Everything the user can do on the Programme page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgrammeAction {
    /// The team's segment, by key (`smb`, `mid_market`, `enterprise`).
    SetSegment(String),
    /// The period, by key (`month` ... `custom`); choosing `custom` again
    /// keeps the dates.
    ChoosePeriod(String),
    /// Start date of a custom period, as typed (`YYYY-MM-DD`).
    SetStart(String),
    /// End date of a custom period, as typed.
    SetEnd(String),
    /// The company's stage, by key.
    SetStage(String),
    /// The reader's role, by key.
    SetRole(String),
    /// A text field of row `n`.
    SetRowField(usize, RowField, String),
    /// Row `n`'s segment by key; blank (or unknown) means the team's.
    SetRowSegment(usize, String),
    /// Adds a blank row for one CSM at the end.
    AddRow,
    /// Removes row `n` (the last remaining row is kept).
    RemoveRow(usize),
    /// Total expansion pipeline from all sources, as typed.
    SetTotalPipeline(String),
    /// Conversion rate of other sources (%), as typed.
    SetOtherConversion(String),
    /// The paste box's text.
    SetPaste(String),
    /// Replaces the rows with the paste box's rows, or reports its problems.
    ApplyPaste,
    /// Puts back the rows a paste (or a book) replaced.
    UndoPaste,
    /// Replaces the rows with per-owner counts from an imported book, naming the file.
    UseBookRows(Vec<CsmRow>, String),
    /// A benchmark bound, as typed; the table becomes internal targets.
    SetBenchmark(Segment, Measure, Tier, String),
    /// Puts back the reference benchmark table.
    RestoreBenchmarks,
    /// Dismisses notice `n`.
    DismissNotice(usize),
}

/// The Programme page's state.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ProgrammeState {
    /// What the calculation reads.
    pub input: ProgrammeInput,
    /// Sentences about the link's values that could not be used.
    pub notices: Vec<String>,
    /// The paste box's text.
    pub paste: String,
    /// Problems of the last paste, by line.
    pub paste_problems: Vec<PasteProblem>,
    /// What the last paste did, when it worked.
    pub paste_done: Option<String>,
    /// The rows a paste replaced, for [`ProgrammeAction::UndoPaste`].
    pub before_paste: Option<Vec<CsmRow>>,
    /// Benchmark bounds as typed, where they differ from the table's numbers.
    pub benchmark_text: Vec<((Segment, Measure, Tier), String)>,
}

impl ProgrammeState {
    /// The state a link opens: its quick-entry values and notices.
    #[must_use]
    pub fn from_query(query: &str) -> Self {
        let (input, notices) = from_query(query);
        Self {
            input,
            notices,
            ..Self::default()
        }
    }

    /// A benchmark bound as shown in its box: as typed, or the table's number.
    #[must_use]
    pub fn benchmark_text(&self, segment: Segment, measure: Measure, tier: Tier) -> String {
        self.benchmark_text
            .iter()
            .find(|(key, _)| *key == (segment, measure, tier))
            .map_or_else(
                || {
                    let bound = self.input.benchmarks.for_segment(segment).band(measure).lower_bound(tier);
                    if bound.is_finite() {
                        number(bound)
                    } else {
                        String::new()
                    }
                },
                |(_, text)| text.clone(),
            )
    }

    /// Every benchmark bound with its text, segment by segment, volume then
    /// conversion, good then great then world class.
    #[must_use]
    pub fn benchmark_texts(&self) -> Vec<(Segment, Measure, Tier, String)> {
        let mut all = Vec::with_capacity(18);
        for segment in Segment::ALL {
            for measure in [Measure::Volume, Measure::Conversion] {
                for tier in [Tier::Good, Tier::Great, Tier::WorldClass] {
                    all.push((segment, measure, tier, self.benchmark_text(segment, measure, tier)));
                }
            }
        }
        all
    }

    /// Applies one action. Never panics: out-of-range rows and unknown keys
    /// change nothing.
    pub fn apply(&mut self, action: ProgrammeAction) {
        let input = &mut self.input;
        match action {
            ProgrammeAction::SetSegment(key) => {
                if let Some(segment) = Segment::from_key(&key) {
                    input.segment = segment;
                }
            }
            ProgrammeAction::ChoosePeriod(key) => {
                if let Some(period) = Period::from_key(&key) {
                    if !(matches!(period, Period::Custom { .. }) && matches!(input.period, Period::Custom { .. })) {
                        input.period = period;
                    }
                }
            }
            ProgrammeAction::SetStart(text) => {
                if let Period::Custom { start, .. } = &mut input.period {
                    *start = text;
                }
            }
            ProgrammeAction::SetEnd(text) => {
                if let Period::Custom { end, .. } = &mut input.period {
                    *end = text;
                }
            }
            ProgrammeAction::SetStage(key) => {
                if let Some(stage) = Stage::from_key(&key) {
                    input.stage = stage;
                }
            }
            ProgrammeAction::SetRole(key) => {
                if let Some(role) = Role::from_key(&key) {
                    input.role = role;
                }
            }
            ProgrammeAction::SetRowField(index, field, text) => {
                if let Some(row) = input.rows.get_mut(index) {
                    *field.get_mut(row) = text;
                }
            }
            ProgrammeAction::SetRowSegment(index, key) => {
                if let Some(row) = input.rows.get_mut(index) {
                    row.segment = Segment::from_key(&key);
                }
            }
            ProgrammeAction::AddRow => {
                if input.rows.len() < MAX_ROWS {
                    input.rows.push(CsmRow::named(""));
                }
            }
            ProgrammeAction::RemoveRow(index) => {
                if input.rows.len() > 1 && index < input.rows.len() {
                    input.rows.remove(index);
                }
            }
            ProgrammeAction::SetTotalPipeline(text) => input.total_pipeline = text,
            ProgrammeAction::SetOtherConversion(text) => input.other_conversion = text,
            ProgrammeAction::SetPaste(text) => self.paste = text,
            ProgrammeAction::ApplyPaste => self.apply_paste(),
            ProgrammeAction::UseBookRows(mut rows, file) => {
                if !rows.is_empty() {
                    rows.truncate(MAX_ROWS);
                    let count = rows.len();
                    self.before_paste = Some(std::mem::replace(&mut self.input.rows, rows));
                    self.paste_done = Some(format!(
                        "Filled the table with {count} owner{} from {file}: submitted, accepted and won come from its Sales outcome columns.",
                        if count == 1 { "" } else { "s" }
                    ));
                }
            }
            ProgrammeAction::UndoPaste => {
                if let Some(rows) = self.before_paste.take() {
                    self.input.rows = rows;
                    self.paste_done = None;
                }
            }
            ProgrammeAction::SetBenchmark(segment, measure, tier, text) => self.set_benchmark(segment, measure, tier, text),
            ProgrammeAction::RestoreBenchmarks => {
                self.input.benchmarks = super::Benchmarks::default();
                self.benchmark_text.clear();
            }
            ProgrammeAction::DismissNotice(index) => {
                if index < self.notices.len() {
                    self.notices.remove(index);
                }
            }
        }
    }

    fn apply_paste(&mut self) {
        match parse_rows(&self.paste) {
            Ok(rows) => {
                let count = rows.len();
                self.before_paste = Some(std::mem::replace(&mut self.input.rows, rows));
                self.paste.clear();
                self.paste_problems.clear();
                self.paste_done = Some(format!(
                    "Replaced the table with {count} row{} from the paste.",
                    if count == 1 { "" } else { "s" }
                ));
            }
            Err(problems) => {
                self.paste_problems = problems;
                self.paste_done = None;
            }
        }
    }

    fn set_benchmark(&mut self, segment: Segment, measure: Measure, tier: Tier, text: String) {
        let Some(bound) = self.input.benchmarks.for_segment_mut(segment).band_mut(measure).bound_mut(tier) else {
            return;
        };
        // An unusable bound is stored as NaN: the table's validation reports
        // it beside the box (which keeps the typed text) and the calculation
        // falls back to the reference table.
        *bound = parse_number(&text).unwrap_or(f64::NAN);
        self.input.benchmarks.source = INTERNAL_SOURCE.to_owned();
        let key = (segment, measure, tier);
        self.benchmark_text.retain(|(k, _)| *k != key);
        self.benchmark_text.push((key, text));
    }
}
