//! CSQL calculator: a pure scoring model (`model`) behind a thin Yew UI.
//!
//! `model` computes, `components` and `app` render, `web` is the only code
//! that touches browser APIs.

pub mod app;
pub mod components;
pub mod model;
pub mod web;
