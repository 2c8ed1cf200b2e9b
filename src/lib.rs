//! CSQL calculator: a pure scoring model (`model`) behind a thin Yew UI.

pub mod model;
