//! The calculator page: its state and `update` ([`state`]) and what it shows ([`view`]).

pub mod state;
pub mod view;

pub use state::*;
