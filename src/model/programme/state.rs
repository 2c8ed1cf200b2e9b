//! The Programme page's state and its `update`: what the user typed or
//! chose, as [`ProgrammeEvent`]s applied to a [`ProgrammeState`]. Pure, so
//! the page's behaviour is tested natively; the view only dispatches.
//!
//! Selects send their option keys as text (`mid_market`, `custom`, `cro`);
//! an unknown key changes nothing.
//!
//! The team's benchmark targets have one home: the calculator's document
//! (saved with the model and carried in its share link). `update` edits them
//! there. While an edit leaves the table unusable (a half-typed or wrong
//! bound, great below good), the edit is a draft here, shown with
//! its problems, and the calculation uses the reference table; once the table
//! is usable again it becomes the targets and the draft is gone.

use crate::model::core::effect::Effect;
use crate::model::core::notice::Notice;
use crate::model::core::number::parse_number;
use crate::model::programme::benchmarks::{Benchmarks, Measure, Tier, INTERNAL_SOURCE};
use crate::model::programme::metrics::ProgrammeField;
use crate::model::programme::paste::{parse_rows, PasteProblem};
use crate::model::programme::query::from_query;
use crate::model::programme::words::{number, overall_explanation};
use crate::model::programme::{evaluate, CsmRow, Period, PeriodDate, Programme, ProgrammeInput, Role, Segment, Stage};

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

/// Most rows the grid holds, so the page stays responsive (one limit for the
/// grid, pastes and links: [`crate::model::programme::metrics::MAX_ROWS`]).
pub use crate::model::programme::metrics::MAX_ROWS;

/// The Programme page's effects.
pub type Effects = Vec<Effect<ProgrammeEvent>>;

/// Everything the user can do on the Programme page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgrammeEvent {
    /// The team's segment, by key (`smb`, `mid_market`, `enterprise`).
    SetSegment(String),
    /// The period, by key (`month` ... `custom`); choosing `custom` again
    /// keeps the dates.
    ChoosePeriod(String),
    /// Start date of a custom period, as typed (`YYYY-MM-DD`).
    SetStart(String),
    /// End date of a custom period, as typed.
    SetEnd(String),
    /// The user left a date box: dates that can be read are rewritten as
    /// `YYYY-MM-DD`, the one format the page shows.
    TidyDates,
    /// The company's stage, by key.
    SetStage(String),
    /// The reader's role, by key.
    SetRole(String),
    /// A text field of row `n`.
    SetRowField(usize, RowField, String),
    /// Row `n`'s segment by key; blank (or unknown) means the team's.
    SetRowSegment(usize, String),
    /// Adds a blank row for one CSM: at the end, or in place of a team
    /// totals row with no counts (the pre-filled "Team" row), so nothing
    /// counts twice.
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
    /// Replaces the rows with per-owner counts from an imported book, naming
    /// the file; owners past [`MAX_ROWS`] are left out with a notice counting them.
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
    /// Sentences about values that could not be used: a link's, or a
    /// book's owners past the table's size.
    pub notices: Vec<Notice>,
    /// The paste box's text.
    pub paste: String,
    /// Problems of the last paste, by line.
    pub paste_problems: Vec<PasteProblem>,
    /// What the last paste did, when it worked.
    pub paste_done: Option<String>,
    /// The rows a paste replaced, for [`ProgrammeEvent::UndoPaste`].
    pub before_paste: Option<Vec<CsmRow>>,
    /// An edit of the benchmark targets that is not usable yet; an
    /// unreadable bound is NaN, reported by [`Benchmarks::validate`] as
    /// "enter a number".
    pub draft: Option<Benchmarks>,
    /// Benchmark bounds as typed in their boxes (so "3." stays "3." while
    /// the table already uses 3); cleared when the targets are replaced.
    pub typed: Vec<((Segment, Measure, Tier), String)>,
    /// What the page shows, worked out once per change ([`ProgrammeState::sync`]).
    pub view: ProgrammeView,
}

/// The Programme page as it shows: the evaluated programme against the table
/// in force, and the words the page needs. Components only read it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeView {
    /// The benchmark table in force: a draft being typed, the team's targets or the reference.
    pub table: Benchmarks,
    /// The input evaluated against it.
    pub programme: Programme,
    /// Every bound of the table as its box shows it.
    pub texts: Vec<(Segment, Measure, Tier, String)>,
    /// Why the team has its overall tier.
    pub explanation: String,
    /// Each row's name as shown (`CSM 2` for a blank one).
    pub names: Vec<String>,
    /// The input and typed bounds it was built from.
    input: ProgrammeInput,
    typed: Vec<((Segment, Measure, Tier), String)>,
}

impl Default for ProgrammeView {
    fn default() -> Self {
        Self::new(&ProgrammeState::empty(), None)
    }
}

impl ProgrammeView {
    fn new(state: &ProgrammeState, targets: Option<&Benchmarks>) -> Self {
        let table = state.table(targets);
        let programme = evaluate(&state.input, &table);
        Self {
            texts: state.benchmark_texts(targets),
            explanation: overall_explanation(&programme),
            names: state.input.rows.iter().enumerate().map(|(i, r)| r.display_name(i)).collect(),
            programme,
            table,
            input: state.input.clone(),
            typed: state.typed.clone(),
        }
    }
}

impl ProgrammeState {
    /// Rebuilds what the page shows when the input, the typed bounds or the
    /// table in force (the team's `targets`, or a draft) changed.
    pub fn sync(&mut self, targets: Option<&Benchmarks>) {
        let table = self.table(targets);
        if self.view.input != self.input || self.view.typed != self.typed || self.view.table != table {
            self.view = ProgrammeView::new(self, targets);
        }
    }

    /// A state with nothing in it, before its view is built.
    fn empty() -> Self {
        Self {
            input: ProgrammeInput::default(),
            notices: Vec::new(),
            paste: String::new(),
            paste_problems: Vec::new(),
            paste_done: None,
            before_paste: None,
            draft: None,
            typed: Vec::new(),
            view: ProgrammeView {
                table: Benchmarks::default(),
                programme: evaluate(&ProgrammeInput::default(), &Benchmarks::default()),
                texts: Vec::new(),
                explanation: String::new(),
                names: Vec::new(),
                input: ProgrammeInput::default(),
                typed: Vec::new(),
            },
        }
    }

    /// The state a link opens: its quick-entry values and notices.
    #[must_use]
    pub fn from_query(query: &str) -> Self {
        let (input, notices) = from_query(query);
        let mut state = Self {
            input,
            notices: notices.into_iter().map(Notice::new).collect(),
            ..Self::default()
        };
        state.sync(None);
        state
    }

    /// The table to measure against and show: the draft being edited, else
    /// the team's targets, else the reference table.
    #[must_use]
    pub fn table(&self, targets: Option<&Benchmarks>) -> Benchmarks {
        match (&self.draft, targets) {
            (Some(draft), _) => draft.clone(),
            (None, Some(targets)) => targets.clone(),
            (None, None) => Benchmarks::default(),
        }
    }

    /// Every benchmark bound with the text its box shows (as typed in the
    /// draft, else the table's number), segment by segment, volume then
    /// conversion, good then great then world class.
    #[must_use]
    pub fn benchmark_texts(&self, targets: Option<&Benchmarks>) -> Vec<(Segment, Measure, Tier, String)> {
        let table = self.table(targets);
        let mut all = Vec::with_capacity(18);
        for segment in Segment::ALL {
            for measure in [Measure::Volume, Measure::Conversion] {
                for tier in [Tier::Good, Tier::Great, Tier::WorldClass] {
                    let typed = self
                        .typed
                        .iter()
                        .find(|(key, _)| *key == (segment, measure, tier))
                        .map(|(_, text)| text.clone());
                    let text = typed.unwrap_or_else(|| {
                        let bound = table.for_segment(segment).band(measure).lower_bound(tier);
                        if bound.is_finite() {
                            number(bound)
                        } else {
                            String::new()
                        }
                    });
                    all.push((segment, measure, tier, text));
                }
            }
        }
        all
    }

    /// Handles one event. `targets` is the team's benchmark table in the
    /// calculator's document, or `None` when the model is locked (the
    /// criteria, targets among them, cannot change).
    pub fn update(&mut self, event: ProgrammeEvent, targets: Option<&mut Option<Benchmarks>>) -> Effects {
        match event {
            ProgrammeEvent::SetBenchmark(segment, measure, tier, text) => {
                if let Some(targets) = targets {
                    self.set_benchmark(segment, measure, tier, text, targets);
                }
                Vec::new()
            }
            ProgrammeEvent::RestoreBenchmarks => {
                if let Some(targets) = targets {
                    *targets = None;
                    self.forget_edits();
                }
                Vec::new()
            }
            ProgrammeEvent::AddRow => self
                .add_row()
                .map(|index| vec![Effect::Focus(format!("csm-{index}-name"))])
                .unwrap_or_default(),
            other => {
                self.apply(other);
                Vec::new()
            }
        }
    }

    /// Applies one action. Never panics: out-of-range rows and unknown keys
    /// change nothing.
    pub fn apply(&mut self, action: ProgrammeEvent) {
        let input = &mut self.input;
        match action {
            ProgrammeEvent::SetSegment(key) => {
                if let Some(segment) = Segment::from_key(&key) {
                    input.segment = segment;
                }
            }
            ProgrammeEvent::ChoosePeriod(key) => {
                if let Some(period) = Period::from_key(&key) {
                    if !(matches!(period, Period::Custom { .. }) && matches!(input.period, Period::Custom { .. })) {
                        input.period = period;
                    }
                }
            }
            ProgrammeEvent::SetStart(text) => {
                if let Period::Custom { start, .. } = &mut input.period {
                    *start = text;
                }
            }
            ProgrammeEvent::SetEnd(text) => {
                if let Period::Custom { end, .. } = &mut input.period {
                    *end = text;
                }
            }
            ProgrammeEvent::TidyDates => {
                if let Period::Custom { start, end } = &mut input.period {
                    for text in [start, end] {
                        if let Ok(date) = PeriodDate::parse(text) {
                            *text = date.to_string();
                        }
                    }
                }
            }
            ProgrammeEvent::SetStage(key) => {
                if let Some(stage) = Stage::from_key(&key) {
                    input.stage = stage;
                }
            }
            ProgrammeEvent::SetRole(key) => {
                if let Some(role) = Role::from_key(&key) {
                    input.role = role;
                }
            }
            ProgrammeEvent::SetRowField(index, field, text) => {
                if let Some(row) = input.rows.get_mut(index) {
                    *field.get_mut(row) = text;
                }
            }
            ProgrammeEvent::SetRowSegment(index, key) => {
                if let Some(row) = input.rows.get_mut(index) {
                    row.segment = Segment::from_key(&key);
                }
            }
            ProgrammeEvent::AddRow => {
                self.add_row();
            }
            ProgrammeEvent::RemoveRow(index) => {
                if input.rows.len() > 1 && index < input.rows.len() {
                    input.rows.remove(index);
                }
            }
            ProgrammeEvent::SetTotalPipeline(text) => input.total_pipeline = text,
            ProgrammeEvent::SetOtherConversion(text) => input.other_conversion = text,
            ProgrammeEvent::SetPaste(text) => self.paste = text,
            ProgrammeEvent::ApplyPaste => self.apply_paste(),
            ProgrammeEvent::UseBookRows(mut rows, file) => {
                if !rows.is_empty() {
                    let left_out = rows.len().saturating_sub(MAX_ROWS);
                    rows.truncate(MAX_ROWS);
                    let count = rows.len();
                    if left_out > 0 {
                        self.notices.push(Notice::new(format!(
                            "{file} has {} owners; the table holds {MAX_ROWS}, so the {left_out} that come last in the file were left out, \
                             and the team figures do not count them.",
                            count + left_out
                        )));
                    }
                    self.before_paste = Some(std::mem::replace(&mut self.input.rows, rows));
                    self.paste_done = Some(format!(
                        "Filled the table with {count} owner{} from {file}: submitted, accepted and won come from its Sales outcome columns.",
                        if count == 1 { "" } else { "s" }
                    ));
                }
            }
            ProgrammeEvent::UndoPaste => {
                if let Some(rows) = self.before_paste.take() {
                    self.input.rows = rows;
                    self.paste_done = None;
                }
            }
            // The targets live in the calculator's document: see `update`.
            ProgrammeEvent::SetBenchmark(..) | ProgrammeEvent::RestoreBenchmarks => {}
            ProgrammeEvent::DismissNotice(index) => {
                if index < self.notices.len() {
                    self.notices.remove(index);
                }
            }
        }
    }

    /// Adds a blank CSM row, in place of the first team totals row with no
    /// counts, else at the end while there is room; the new row's index.
    fn add_row(&mut self) -> Option<usize> {
        let rows = &mut self.input.rows;
        if let Some(index) = rows.iter().position(|row| row.team && row.has_no_counts()) {
            rows[index] = CsmRow::named("");
            return Some(index);
        }
        (rows.len() < MAX_ROWS).then(|| {
            rows.push(CsmRow::named(""));
            rows.len() - 1
        })
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

    /// Forgets benchmark edits in progress: the targets were replaced (undo,
    /// an imported model, a link) or restored.
    pub fn forget_edits(&mut self) {
        self.draft = None;
        self.typed.clear();
    }

    fn set_benchmark(&mut self, segment: Segment, measure: Measure, tier: Tier, text: String, targets: &mut Option<Benchmarks>) {
        let mut table = self.draft.take().unwrap_or_else(|| targets.clone().unwrap_or_default());
        let Some(bound) = table.for_segment_mut(segment).band_mut(measure).bound_mut(tier) else {
            return;
        };
        *bound = parse_number(&text).unwrap_or(f64::NAN);
        table.source = INTERNAL_SOURCE.to_owned();
        let key = (segment, measure, tier);
        self.typed.retain(|(k, _)| *k != key);
        self.typed.push((key, text));
        if table.validate().is_empty() {
            *targets = Some(table);
        } else {
            self.draft = Some(table);
        }
    }
}
