//! The Book view: score a whole CSV of accounts with the current model.

use yew::prelude::*;

use crate::model::state::Action;
use crate::model::Model;

/// Props of [`BookPage`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BookPageProps {
    /// The current model: weights, threshold, signals and gates.
    pub model: Model,
    /// Criteria are read-only.
    pub locked: bool,
    /// Receives weight and threshold changes (shared with the calculator).
    pub onaction: Callback<Action>,
}

/// The Book page.
#[component]
pub fn BookPage(_props: &BookPageProps) -> Html {
    html! { <section class="card"><h2>{ "Book of accounts" }</h2></section> }
}
