//! Who reads the Programme view and what it says to them: the company's
//! stage, the reader's role, the view's sections in the order each role
//! needs them, and the advice items (what they are about and their words).
//! The rules that decide which advice the figures call for are in
//! [`advice`](crate::model::programme::advice); this file knows nothing of the figures.

/// The company's stage, which decides how formal the CSQL metric should be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Stage {
    /// No stable retention base or CS-to-Sales handoff yet.
    Early,
    /// Growing: track informally.
    Growing,
    /// Scaling: a formal metric.
    #[default]
    Scaling,
}

impl Stage {
    /// Every stage, earliest first.
    pub const ALL: [Stage; 3] = [Stage::Early, Stage::Growing, Stage::Scaling];

    /// Stable key: `early`, `growing`, `scaling`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Stage::Early => "early",
            Stage::Growing => "growing",
            Stage::Scaling => "scaling",
        }
    }

    /// Name shown to the user.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Stage::Early => "Early stage",
            Stage::Growing => "Growing",
            Stage::Scaling => "Scaling",
        }
    }

    /// The stage for a key (trimmed, case-insensitive).
    #[must_use]
    pub fn from_key(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key().eq_ignore_ascii_case(key.trim()))
    }
}

/// Who reads the view; decides what comes first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Role {
    /// A Customer Success Manager: their own acceptance and conversion.
    Csm,
    /// A CS manager: the coaching table by CSM.
    #[default]
    CsManager,
    /// VP of Customer Success: the qualification criteria, reviewed with Sales quarterly.
    VpCs,
    /// Chief Revenue Officer: CS share of expansion pipeline.
    Cro,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [Role::Csm, Role::CsManager, Role::VpCs, Role::Cro];

    /// Stable key: `csm`, `cs_manager`, `vp_cs`, `cro`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Role::Csm => "csm",
            Role::CsManager => "cs_manager",
            Role::VpCs => "vp_cs",
            Role::Cro => "cro",
        }
    }

    /// Name shown to the user.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Role::Csm => "CSM",
            Role::CsManager => "CS manager",
            Role::VpCs => "VP of Customer Success",
            Role::Cro => "CRO",
        }
    }

    /// The role for a key (trimmed, case-insensitive).
    #[must_use]
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key().eq_ignore_ascii_case(key.trim()))
    }

    /// What this role should take from the metric, after the reference card.
    #[must_use]
    pub fn guidance(self) -> &'static str {
        match self {
            Role::Csm => "Know the qualification checklist cold and filter your own account observations before submitting. A high acceptance rate does more for your reputation with Sales than raw CSQL volume.",
            Role::CsManager => "Track CSQL volume and conversion by CSM to find coaching opportunities, and look for the usage and relationship signals that consistently lead to closed-won deals.",
            Role::VpCs => "Own the qualification criteria jointly with Sales leadership and review them quarterly. CSQL conversion rate is the best single signal of whether CS and Sales are aligned on expansion.",
            Role::Cro => "Use CSQL contribution to total expansion pipeline as a measure of CS revenue impact. If CS-sourced pipeline converts better than other sources, it justifies more investment in CS capacity.",
        }
    }
}

/// A section of the Programme view, for ordering by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// Acceptance and conversion rates (a CSM's own, and the team's).
    Rates,
    /// Accepted CSQLs per CSM per quarter against the benchmark.
    Volume,
    /// The table of metrics by CSM, for coaching.
    ByCsm,
    /// CS share of expansion pipeline and conversion against other sources.
    Pipeline,
    /// The advice list.
    Advice,
    /// The benchmark table (qualification targets), editable, with its source.
    Benchmarks,
}

impl Section {
    /// Stable key for ids and test hooks.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Section::Rates => "rates",
            Section::Volume => "volume",
            Section::ByCsm => "by_csm",
            Section::Pipeline => "pipeline",
            Section::Advice => "advice",
            Section::Benchmarks => "benchmarks",
        }
    }

    /// Heading shown to the user.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Section::Rates => "Acceptance and conversion",
            Section::Volume => "Accepted CSQLs per CSM per quarter",
            Section::ByCsm => "By CSM",
            Section::Pipeline => "Share of expansion pipeline",
            Section::Advice => "What to look at",
            Section::Benchmarks => "Benchmarks",
        }
    }
}

/// Every section in the order `role` needs them, most important first.
///
/// CSM: own acceptance and conversion first. CS manager: the coaching table
/// by CSM. VP of CS: the advice (which for this role leads with the process
/// and the shared definition with Sales), then the rates and the targets to
/// review with Sales each quarter. CRO: CS share of expansion pipeline.
#[must_use]
pub fn sections_for(role: Role) -> [Section; 6] {
    use Section::{Advice, Benchmarks, ByCsm, Pipeline, Rates, Volume};
    match role {
        Role::Csm => [Rates, Volume, Advice, ByCsm, Pipeline, Benchmarks],
        Role::CsManager => [ByCsm, Volume, Rates, Advice, Pipeline, Benchmarks],
        Role::VpCs => [Advice, Rates, Benchmarks, ByCsm, Volume, Pipeline],
        Role::Cro => [Pipeline, Volume, Rates, Advice, ByCsm, Benchmarks],
    }
}

/// What an advice item is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AdviceKind {
    /// How formal the metric should be at the company's stage.
    Stage,
    /// High volume, low conversion: any usage uptick counted as a CSQL.
    LooseQualification,
    /// Low acceptance rate: no shared qualification definition with Sales.
    NoSharedDefinition,
    /// Accepted CSQLs without closed-won figures: no closed loop back to CS.
    NoClosedLoop,
    /// CSQLs are (nearly) all the expansion pipeline.
    OnlyExpansionPath,
    /// Volume far ahead of conversion: CSMs judged or paid on volume alone.
    VolumeComp,
    /// CSQL conversion compared with other sources' conversion.
    VersusOtherSources,
    /// Named CSMs to coach first.
    Coaching,
}

impl AdviceKind {
    /// Stable key for ids and test hooks.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            AdviceKind::Stage => "stage",
            AdviceKind::LooseQualification => "loose_qualification",
            AdviceKind::NoSharedDefinition => "no_shared_definition",
            AdviceKind::NoClosedLoop => "no_closed_loop",
            AdviceKind::OnlyExpansionPath => "only_expansion_path",
            AdviceKind::VolumeComp => "volume_comp",
            AdviceKind::VersusOtherSources => "versus_other_sources",
            AdviceKind::Coaching => "coaching",
        }
    }
}

/// One piece of advice: a headline and the numbers behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    /// What it is about.
    pub kind: AdviceKind,
    /// A short headline.
    pub title: String,
    /// The explanation, quoting the numbers that triggered it.
    pub detail: String,
}

impl Advice {
    pub(crate) fn new(kind: AdviceKind, title: &str, detail: String) -> Self {
        Self {
            kind,
            title: title.to_owned(),
            detail,
        }
    }
}
