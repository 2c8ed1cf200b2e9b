//! The Programme view: how the team's CSQL programme performs against benchmarks.

use yew::prelude::*;

/// Props of [`ProgrammePage`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ProgrammePageProps {
    /// The page's query string (quick entry from a wiki link).
    #[prop_or_default]
    pub query: AttrValue,
}

/// The Programme page.
#[component]
pub fn ProgrammePage(_props: &ProgrammePageProps) -> Html {
    html! { <section class="card"><h2>{ "Programme" }</h2></section> }
}
