//! Notices about what the app did on the user's behalf, with undo or download where it helps.

use yew::prelude::*;

use crate::model::notice::{Notice, NoticeAction};
use crate::model::state::Action;
use crate::web;

/// Props of [`Notices`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct NoticesProps {
    /// The notices to show.
    pub notices: Vec<Notice>,
    /// Receives [`Action::DismissNotice`] and [`Action::Undo`].
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
                    <div class="notice-actions">
                        { action_button(notice.action.as_ref(), &props.onaction) }
                        <button type="button" class="dismiss" aria-label="Dismiss this notice"
                            onclick={props.onaction.reform(move |_| Action::DismissNotice(index))}>{ "\u{d7}" }</button>
                    </div>
                </div>
            }
        </section>
    }
}

fn action_button(action: Option<&NoticeAction>, onaction: &Callback<Action>) -> Html {
    match action {
        Some(NoticeAction::Undo) => html! {
            <button type="button" class="secondary" onclick={onaction.reform(|_| Action::Undo)}>{ "Undo" }</button>
        },
        Some(NoticeAction::Download { file_name, text }) => {
            let (file_name, text) = (file_name.clone(), text.clone());
            let onclick = Callback::from(move |_| {
                web::download(&file_name, "application/json", &text);
            });
            html! { <button type="button" class="secondary" {onclick}>{ "Download the saved text" }</button> }
        }
        None => html! {},
    }
}
