//! Sentences about link values that could not be used, each dismissible.

use yew::prelude::*;

use crate::model::programme::ProgrammeEvent;

/// Props of [`ProgrammeNotices`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ProgrammeNoticesProps {
    /// The notices.
    pub notices: Vec<String>,
    /// Receives [`ProgrammeEvent::DismissNotice`].
    pub onaction: Callback<ProgrammeEvent>,
}

/// The quick-entry link's notices, in the page's notice style.
#[component]
pub fn ProgrammeNotices(props: &ProgrammeNoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <section class="notices programme-notices" aria-label="Notices about the link">
            for (index, notice) in props.notices.iter().enumerate() {
                <div class="notice" data-testid="notice" role="status">
                    <p>{ notice.clone() }</p>
                    <button type="button" class="dismiss" aria-label="Dismiss this notice"
                        onclick={props.onaction.reform(move |_| ProgrammeEvent::DismissNotice(index))}>{ "\u{d7}" }</button>
                </div>
            }
        </section>
    }
}
