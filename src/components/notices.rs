//! Notices about what the app did on the user's behalf (e.g. a bad link value).

use yew::prelude::*;

use crate::model::link::Notice;
use crate::model::state::Action;

/// Props of [`Notices`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct NoticesProps {
    /// The notices to show.
    pub notices: Vec<Notice>,
    /// Receives [`Action::DismissNotice`].
    pub onaction: Callback<Action>,
}

/// A dismissible list of notices.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <section class="notices" aria-label="Notices">
            for (index, notice) in props.notices.iter().enumerate() {
                <div class="notice" data-testid="notice" role="status">
                    <p>{ notice.message.clone() }</p>
                    <button type="button" class="dismiss" aria-label="Dismiss this notice"
                        onclick={props.onaction.reform(move |_| Action::DismissNotice(index))}>{ "\u{d7}" }</button>
                </div>
            }
        </section>
    }
}
