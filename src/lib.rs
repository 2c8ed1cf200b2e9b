//! CSQL calculator: a pure scoring model (`model`) behind a thin Yew UI.
//!
//! `model` computes and builds with no web dependency (the `csql` command-line
//! scorer uses it alone); with the `web` feature, `components` and `app`
//! render, and `web` is the only code that touches browser APIs.

pub mod model;

#[cfg(feature = "web")]
pub mod app;
#[cfg(feature = "web")]
pub mod components;
#[cfg(feature = "web")]
pub mod embed;
#[cfg(feature = "web")]
pub mod web;
