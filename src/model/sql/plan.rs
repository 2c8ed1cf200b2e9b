//! Which column feeds which input of the model, by column name: what the
//! warehouse SQL ([`crate::model::sql`]) and the spreadsheet formula
//! ([`crate::model::spreadsheet`]) read. It comes from a book's [`Mapping`] (the
//! columns a user chose or the automatic match found), or from the model's
//! keys when there is no book ([`Mapping::from_keys`]).

use crate::model::book::Mapping;
use crate::model::Model;

/// How one component is fed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Feed {
    /// A direct 0-100 score column (index into [`Plan::columns`]).
    Direct(usize),
    /// One entry per model signal: its column, or `None` when no column feeds
    /// it (read as blank, as the book does).
    Signals(Vec<Option<usize>>),
}

/// The columns a model reads, and which input each one feeds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Every column read, once, in the order of first use: id, then components
    /// (in model order), gates, and the outcome columns.
    pub columns: Vec<String>,
    /// The account id column, if mapped; a blank id makes the row unreadable.
    pub id: Option<usize>,
    /// One entry per model component.
    pub components: Vec<Feed>,
    /// One entry per model gate: its yes/no column, or `None` when not assessed.
    pub gates: Vec<Option<usize>>,
    /// The "accepted by Sales" and "closed-won" columns, if mapped: only read to
    /// check they hold yes or no, as the book does.
    pub outcomes: Vec<usize>,
}

impl Plan {
    /// The plan for `model` fed by `mapping`. Mapping entries for keys the model
    /// does not have are ignored; model inputs the mapping does not name are
    /// unfed, as in the book.
    #[must_use]
    pub fn new(model: &Model, mapping: &Mapping) -> Self {
        let mut columns: Vec<String> = Vec::new();
        let mut column = |name: Option<&str>| -> Option<usize> {
            let name = name?;
            Some(columns.iter().position(|c| c == name).unwrap_or_else(|| {
                columns.push(name.to_owned());
                columns.len() - 1
            }))
        };
        let id = column(mapping.id.as_deref());
        let components = model
            .components
            .iter()
            .map(|c| match column(mapping.direct(&c.key)) {
                Some(direct) => Feed::Direct(direct),
                None => Feed::Signals(c.signals.iter().map(|s| column(mapping.signal(&c.key, &s.key))).collect()),
            })
            .collect();
        let gates = model.gates.iter().map(|g| column(mapping.gate(&g.key))).collect();
        let outcomes = [mapping.accepted.as_deref(), mapping.won.as_deref()]
            .into_iter()
            .filter_map(&mut column)
            .collect();
        Self {
            columns,
            id,
            components,
            gates,
            outcomes,
        }
    }
}
