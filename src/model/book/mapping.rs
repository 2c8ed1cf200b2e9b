//! Which file column feeds which part of the model: a [`Mapping`], saved with
//! the model (serde), auto-matched from header names and editable by the user.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::book::BookError;
use crate::model::Model;

/// Header names (normalised) recognised as the account id.
pub const ID_NAMES: &[&str] = &["id", "recordid", "accountid", "companyid", "customerid", "accountnumber"];
/// Header names (normalised) recognised as the account name.
pub const NAME_NAMES: &[&str] = &[
    "name",
    "account",
    "accountname",
    "company",
    "companyname",
    "customer",
    "customername",
];
/// Header names (normalised) recognised as the account owner (the CSM).
pub const OWNER_NAMES: &[&str] = &["owner", "csm", "companyowner", "accountowner", "customersuccessmanager", "csmname"];
/// Header names (normalised) recognised as the customer segment.
pub const SEGMENT_NAMES: &[&str] = &["segment", "customersegment", "tier", "accounttier", "customertier"];
/// Header names (normalised) recognised as "accepted by Sales".
pub const ACCEPTED_NAMES: &[&str] = &["accepted", "acceptedbysales", "salesaccepted"];
/// Header names (normalised) recognised as "closed-won".
pub const WON_NAMES: &[&str] = &["won", "closedwon", "iswon", "dealstage", "opportunitystage", "stage"];

/// Synonyms at least this long also match a header that contains them
/// ("Expansion Closed Won" contains `closedwon`); shorter ones (`id`, `won`)
/// would match too much by containment and match exactly only.
pub const CONTAINED_MIN_LEN: usize = 6;

/// Lower-cases a header and keeps only letters and digits:
/// `"Account_ID "` and `"account id"` both become `accountid`.
#[must_use]
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The column feeding one signal of a component.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalMapping {
    /// The signal's key in its component.
    pub key: String,
    /// The header of the column holding the signal's raw value, if any.
    pub column: Option<String>,
}

/// The columns feeding one component.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentMapping {
    /// The component's key.
    pub key: String,
    /// A column holding the component score (0-100) directly. When set, it wins
    /// over the signal columns.
    pub direct: Option<String>,
    /// Columns holding raw signal values, by signal key.
    pub signals: Vec<SignalMapping>,
}

/// The column answering one gate (yes/no).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateMapping {
    /// The gate's key.
    pub key: String,
    /// The header of the yes/no column, if any; unmapped means "not assessed".
    pub column: Option<String>,
}

/// Which column (by header name) feeds which input. Columns are named rather
/// than numbered so a saved mapping still applies to next month's export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mapping {
    /// Account id column; required to build a book.
    pub id: Option<String>,
    /// Account name column.
    pub name: Option<String>,
    /// Owner (CSM) column.
    pub owner: Option<String>,
    /// Segment column (free text).
    pub segment: Option<String>,
    /// "Accepted by Sales" outcome column (yes/no).
    pub accepted: Option<String>,
    /// "Closed-won" outcome column (yes/no).
    pub won: Option<String>,
    /// Per component, by key.
    pub components: Vec<ComponentMapping>,
    /// Per gate, by key.
    pub gates: Vec<GateMapping>,
}

/// The headers of a file by normalised name, to find the first unused header
/// matching any of a few names without scanning the whole width each time
/// (the largest model looks up about 500 names; a file may have 40,000 columns).
struct HeaderIndex<'a> {
    /// The normalised headers, in file order.
    names: &'a [String],
    /// Column indices of each normalised name, in header order.
    positions: BTreeMap<&'a str, Vec<usize>>,
    /// Columns already matched (or never to be matched).
    used: Vec<bool>,
}

impl<'a> HeaderIndex<'a> {
    fn new(normalised: &'a [String]) -> Self {
        let mut positions: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, name) in normalised.iter().enumerate() {
            positions.entry(name.as_str()).or_default().push(i);
        }
        Self {
            names: normalised,
            positions,
            used: vec![false; normalised.len()],
        }
    }

    /// The first header in file order, not yet used, that contains one of the
    /// `names` at least [`CONTAINED_MIN_LEN`] long; marks it used.
    fn find_containing(&mut self, names: &[&str]) -> Option<usize> {
        let long: Vec<&str> = names.iter().copied().filter(|n| n.len() >= CONTAINED_MIN_LEN).collect();
        let found = (0..self.names.len()).find(|&i| !self.used[i] && long.iter().any(|n| self.names[i].contains(n)))?;
        self.used[found] = true;
        Some(found)
    }

    /// The first header, not yet used, whose normalised name is among `names`;
    /// marks it used.
    fn find(&mut self, names: &[String]) -> Option<usize> {
        let found = names
            .iter()
            .filter_map(|name| {
                let list = self.positions.get_mut(name.as_str())?;
                // Used columns stay used: drop them from the front for good.
                let unused = list.iter().position(|&i| !self.used[i]).unwrap_or(list.len());
                list.drain(..unused);
                list.first().copied()
            })
            .min()?;
        self.used[found] = true;
        Some(found)
    }
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// Name of the exported column holding a component's score: `engagement_score`.
#[must_use]
pub fn component_column(key: &str) -> String {
    format!("{key}_score")
}

impl Mapping {
    /// Matches headers to the model by name: each header is [`normalise`]d and
    /// compared with the fixed synonyms ([`ID_NAMES`], [`NAME_NAMES`], ...,
    /// which include what HubSpot and Salesforce exports call them: "Record
    /// ID", "Company owner", "Account Owner", "Tier"), then with the key and
    /// label of every signal and gate, then with a component's key or name
    /// (optionally followed by `score`) for a direct score column, and last,
    /// for an id, owner, segment or outcome still without a column, the first
    /// header that contains one of its longer synonyms ("Expansion Closed
    /// Won"). A column is used at most once; among exact matches the first
    /// header in file order wins; a component gets a direct column only when
    /// none of its signals matched (signals are the finer evidence). The result columns that
    /// [`crate::model::book::export_csv`] appends are never matched, so an exported file
    /// re-imports with the same mapping.
    #[must_use]
    pub fn auto(headers: &[String], model: &Model) -> Self {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut index = HeaderIndex::new(&normalised);
        // A file this app exported ends with `<key>_score` per component, then
        // `csql_score` and `verdict`: those are results, never inputs.
        let tail: Vec<String> = model
            .components
            .iter()
            .map(|c| component_column(&c.key))
            .chain(["csql_score".to_owned(), "verdict".to_owned()])
            .collect();
        if headers.len() >= tail.len() && headers[headers.len() - tail.len()..] == tail[..] {
            let start = headers.len() - tail.len();
            index.used[start..].iter_mut().for_each(|u| *u = true);
        }
        let mut pick = |names: &[String]| index.find(names).map(|i| headers[i].clone());

        let mut id = pick(&owned(ID_NAMES));
        let name = pick(&owned(NAME_NAMES));
        let mut owner = pick(&owned(OWNER_NAMES));
        let mut segment = pick(&owned(SEGMENT_NAMES));
        let mut accepted = pick(&owned(ACCEPTED_NAMES));
        let mut won = pick(&owned(WON_NAMES));

        let mut components: Vec<ComponentMapping> = model
            .components
            .iter()
            .map(|c| ComponentMapping {
                key: c.key.clone(),
                direct: None,
                signals: c
                    .signals
                    .iter()
                    .map(|s| SignalMapping {
                        key: s.key.clone(),
                        column: pick(&[normalise(&s.key), normalise(&s.label)]),
                    })
                    .collect(),
            })
            .collect();
        let gates = model
            .gates
            .iter()
            .map(|g| GateMapping {
                key: g.key.clone(),
                column: pick(&[normalise(&g.key), normalise(&g.label)]),
            })
            .collect();
        for (mapping, component) in components.iter_mut().zip(&model.components) {
            if mapping.signals.iter().all(|s| s.column.is_none()) {
                let (key, name) = (normalise(&component.key), normalise(&component.name));
                mapping.direct = pick(&[key.clone(), name.clone(), format!("{key}score"), format!("{name}score")]);
            }
        }
        for (field, names) in [
            (&mut id, ID_NAMES),
            (&mut owner, OWNER_NAMES),
            (&mut segment, SEGMENT_NAMES),
            (&mut accepted, ACCEPTED_NAMES),
            (&mut won, WON_NAMES),
        ] {
            if field.is_none() {
                *field = index.find_containing(names).map(|i| headers[i].clone());
            }
        }
        Self {
            id,
            name,
            owner,
            segment,
            accepted,
            won,
            components,
            gates,
        }
    }

    /// The mapping used when there is no file to match: each signal and gate
    /// is read from the column named by its key, and a component the model
    /// scores directly ([`crate::model::ScoreMode::Direct`]) from the column
    /// named by the component's key. No id or outcome column: set them with
    /// the setters when the table has them.
    #[must_use]
    pub fn from_keys(model: &Model) -> Self {
        Self {
            components: model
                .components
                .iter()
                .map(|c| match c.mode {
                    crate::model::ScoreMode::Direct => ComponentMapping {
                        key: c.key.clone(),
                        direct: Some(c.key.clone()),
                        signals: Vec::new(),
                    },
                    crate::model::ScoreMode::Signals => ComponentMapping {
                        key: c.key.clone(),
                        direct: None,
                        signals: c
                            .signals
                            .iter()
                            .map(|s| SignalMapping {
                                key: s.key.clone(),
                                column: Some(s.key.clone()),
                            })
                            .collect(),
                    },
                })
                .collect(),
            gates: model
                .gates
                .iter()
                .map(|g| GateMapping {
                    key: g.key.clone(),
                    column: Some(g.key.clone()),
                })
                .collect(),
            ..Self::default()
        }
    }

    /// The columns of the account's own fields: id, name, owner, segment and
    /// the two outcomes (none of them feeds the model).
    #[must_use]
    pub fn account_columns(&self) -> [Option<&str>; 6] {
        [&self.id, &self.name, &self.owner, &self.segment, &self.accepted, &self.won].map(Option::as_deref)
    }

    /// Sets (or clears with `None`) the account id column.
    pub fn set_id(&mut self, column: Option<String>) {
        self.id = column;
    }

    /// Sets (or clears) the account name column.
    pub fn set_name(&mut self, column: Option<String>) {
        self.name = column;
    }

    /// Sets (or clears) the owner (CSM) column.
    pub fn set_owner(&mut self, column: Option<String>) {
        self.owner = column;
    }

    /// Sets (or clears) the segment column.
    pub fn set_segment(&mut self, column: Option<String>) {
        self.segment = column;
    }

    /// Sets (or clears) the "accepted by Sales" column.
    pub fn set_accepted(&mut self, column: Option<String>) {
        self.accepted = column;
    }

    /// Sets (or clears) the "closed-won" column.
    pub fn set_won(&mut self, column: Option<String>) {
        self.won = column;
    }

    fn component_mut(&mut self, component: &str) -> &mut ComponentMapping {
        if let Some(i) = self.components.iter().position(|c| c.key == component) {
            &mut self.components[i]
        } else {
            self.components.push(ComponentMapping {
                key: component.to_owned(),
                ..ComponentMapping::default()
            });
            let last = self.components.len() - 1;
            &mut self.components[last]
        }
    }

    /// Sets (or clears) the direct score column of a component (by key).
    pub fn set_direct(&mut self, component: &str, column: Option<String>) {
        self.component_mut(component).direct = column;
    }

    /// Sets (or clears) the column of one signal (component key, signal key).
    pub fn set_signal(&mut self, component: &str, signal: &str, column: Option<String>) {
        let entry = self.component_mut(component);
        if let Some(s) = entry.signals.iter_mut().find(|s| s.key == signal) {
            s.column = column;
        } else {
            entry.signals.push(SignalMapping {
                key: signal.to_owned(),
                column,
            });
        }
    }

    /// Sets (or clears) the yes/no column of a gate (by key).
    pub fn set_gate(&mut self, gate: &str, column: Option<String>) {
        if let Some(g) = self.gates.iter_mut().find(|g| g.key == gate) {
            g.column = column;
        } else {
            self.gates.push(GateMapping {
                key: gate.to_owned(),
                column,
            });
        }
    }

    /// The direct score column of a component, if mapped.
    #[must_use]
    pub fn direct(&self, component: &str) -> Option<&str> {
        self.components.iter().find(|c| c.key == component)?.direct.as_deref()
    }

    /// The column of a signal, if mapped.
    #[must_use]
    pub fn signal(&self, component: &str, signal: &str) -> Option<&str> {
        let c = self.components.iter().find(|c| c.key == component)?;
        c.signals.iter().find(|s| s.key == signal)?.column.as_deref()
    }

    /// The column of a gate, if mapped.
    #[must_use]
    pub fn gate(&self, gate: &str) -> Option<&str> {
        self.gates.iter().find(|g| g.key == gate)?.column.as_deref()
    }
}

/// Whether a closed-won column is a deal stage, by its header's name (one
/// that holds "stage": "Deal Stage", "Stage", "Opportunity Stage"). Its
/// cells read "Closed Won" as won and "Closed Lost" as lost, yes/no as
/// usual, and any other stage (the deal is still open) as blank.
#[must_use]
pub fn is_stage_column(header: &str) -> bool {
    normalise(header).contains("stage")
}

/// How one component is fed, with column indices.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Source {
    /// A direct 0-100 score column.
    Direct(usize),
    /// Signal columns, one entry per model signal (`None` = unmapped).
    Signals(Vec<Option<usize>>),
}

/// A mapping checked against a file's headers and a model: column indices.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Resolved {
    pub id: usize,
    pub name: Option<usize>,
    pub owner: Option<usize>,
    pub segment: Option<usize>,
    pub accepted: Option<usize>,
    pub won: Option<usize>,
    /// The closed-won column is a deal stage ([`is_stage_column`]).
    pub won_is_stage: bool,
    pub components: Vec<Source>,
    pub gates: Vec<Option<usize>>,
}

impl Mapping {
    /// Turns header names into column indices for `headers` and `model`.
    pub(crate) fn resolve(&self, headers: &[String], model: &Model) -> Result<Resolved, BookError> {
        // The first column of each name, found once: a file may have 40,000 columns.
        let mut columns: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, header) in headers.iter().enumerate() {
            columns.entry(header.as_str()).or_insert(i);
        }
        let index = |column: Option<&str>| -> Result<Option<usize>, BookError> {
            match column {
                None => Ok(None),
                Some(name) => columns
                    .get(name)
                    .copied()
                    .map(Some)
                    .ok_or_else(|| BookError::UnknownColumn(crate::model::core::text::truncate(name, 60))),
            }
        };
        let id = index(self.id.as_deref())?.ok_or(BookError::NoIdColumn)?;
        let mut components = Vec::with_capacity(model.components.len());
        for c in &model.components {
            if let Some(direct) = index(self.direct(&c.key))? {
                components.push(Source::Direct(direct));
            } else {
                let mut signals = Vec::with_capacity(c.signals.len());
                for s in &c.signals {
                    signals.push(index(self.signal(&c.key, &s.key))?);
                }
                components.push(Source::Signals(signals));
            }
        }
        let mut gates = Vec::with_capacity(model.gates.len());
        for g in &model.gates {
            gates.push(index(self.gate(&g.key))?);
        }
        Ok(Resolved {
            id,
            name: index(self.name.as_deref())?,
            owner: index(self.owner.as_deref())?,
            segment: index(self.segment.as_deref())?,
            accepted: index(self.accepted.as_deref())?,
            won: index(self.won.as_deref())?,
            won_is_stage: self.won.as_deref().is_some_and(is_stage_column),
            components,
            gates,
        })
    }
}

/// One input of the model a column can feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Account id.
    Id,
    /// Account name.
    Name,
    /// Owner (CSM).
    Owner,
    /// Segment.
    Segment,
    /// Accepted by Sales (yes/no).
    Accepted,
    /// Closed-won (yes/no).
    Won,
    /// A component's direct 0-100 score, by component key.
    Direct(String),
    /// A signal: component key, signal key.
    Signal(String, String),
    /// A gate, by key.
    Gate(String),
}

impl Target {
    /// The column the mapping gives this target.
    #[must_use]
    pub fn get<'a>(&self, mapping: &'a Mapping) -> Option<&'a str> {
        match self {
            Self::Id => mapping.id.as_deref(),
            Self::Name => mapping.name.as_deref(),
            Self::Owner => mapping.owner.as_deref(),
            Self::Segment => mapping.segment.as_deref(),
            Self::Accepted => mapping.accepted.as_deref(),
            Self::Won => mapping.won.as_deref(),
            Self::Direct(c) => mapping.direct(c),
            Self::Signal(c, s) => mapping.signal(c, s),
            Self::Gate(g) => mapping.gate(g),
        }
    }

    /// Sets (or clears) the column of this target.
    pub fn set(&self, mapping: &mut Mapping, column: Option<String>) {
        match self {
            Self::Id => mapping.set_id(column),
            Self::Name => mapping.set_name(column),
            Self::Owner => mapping.set_owner(column),
            Self::Segment => mapping.set_segment(column),
            Self::Accepted => mapping.set_accepted(column),
            Self::Won => mapping.set_won(column),
            Self::Direct(c) => mapping.set_direct(c, column),
            Self::Signal(c, s) => mapping.set_signal(c, s, column),
            Self::Gate(g) => mapping.set_gate(g, column),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn synonyms_and_keys_match_after_normalising() {
        let model = Model::default();
        let h = headers(&[
            "Account_ID",
            "Company",
            "CSM",
            "Segment",
            "Closed-Won",
            "QBR attended",
            "Budget",
            "Fit",
        ]);
        let m = Mapping::auto(&h, &model);
        assert_eq!(m.id.as_deref(), Some("Account_ID"));
        assert_eq!(m.name.as_deref(), Some("Company"));
        assert_eq!(m.owner.as_deref(), Some("CSM"));
        assert_eq!(m.won.as_deref(), Some("Closed-Won"));
        assert_eq!(m.accepted, None);
        assert_eq!(m.signal("engagement", "qbr_attended"), Some("QBR attended"));
        assert_eq!(m.gate("budget"), Some("Budget"));
        assert_eq!(m.direct("fit"), Some("Fit"));
        // Engagement has a signal column, so no direct column is looked for.
        assert_eq!(m.direct("engagement"), None);
    }

    #[test]
    fn the_first_unused_header_in_file_order_wins_whichever_name_it_matches() {
        let model = Model::default();
        // "Company" and "Account" are both account-name synonyms; "Company" comes
        // first in the file, so it is the name. The second "ID" header is left.
        let h = headers(&["ID", "Company", "Account", "id "]);
        let m = Mapping::auto(&h, &model);
        assert_eq!(m.id.as_deref(), Some("ID"));
        assert_eq!(m.name.as_deref(), Some("Company"));
        // A name already used is not matched twice: "Account" is not an owner.
        assert_eq!(m.owner, None);
    }

    #[test]
    fn setters_create_entries_and_the_mapping_round_trips_through_json() {
        let mut m = Mapping::default();
        m.set_id(Some("key".into()));
        m.set_signal("intent", "plan_usage", Some("usage %".into()));
        m.set_gate("timing", Some("can buy".into()));
        m.set_direct("fit", Some("fit score".into()));
        assert_eq!(m.signal("intent", "plan_usage"), Some("usage %"));
        let json = serde_json::to_string(&m).unwrap_or_default();
        let back: Mapping = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, m);
        // Missing fields in saved JSON fall back to defaults.
        let partial: Mapping = serde_json::from_str(r#"{"id":"x"}"#).unwrap_or_default();
        assert_eq!(partial.id.as_deref(), Some("x"));
    }
}
