//! Notices about what the app did on the user's behalf, with undo or download where it helps.

use yew::prelude::*;

use crate::model::calc::state::CalcEvent;
use crate::model::core::notice::{Notice, NoticeAction};

/// Props of [`Notices`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct NoticesProps {
    /// The notices to show.
    pub notices: Vec<Notice>,
    /// Receives [`CalcEvent::DismissNotice`], [`CalcEvent::Undo`] and [`CalcEvent::DownloadBackup`].
    pub onaction: Callback<CalcEvent>,
}

/// A dismissible list of notices; quiet ones are a small status line.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <section class="notices" aria-label="Notices">
            for (index, notice) in props.notices.iter().enumerate() {
                <div class={classes!("notice", notice.quiet.then_some("quiet"))} data-testid="notice" role="status">
                    <p>{ notice.message.clone() }</p>
                    <div class="notice-actions">
                        { action_button(notice.action.as_ref(), &props.onaction) }
                        <button type="button" class="dismiss" aria-label="Dismiss this notice"
                            onclick={props.onaction.reform(move |_| CalcEvent::DismissNotice(index))}>{ "\u{d7}" }</button>
                    </div>
                </div>
            }
        </section>
    }
}

fn action_button(action: Option<&NoticeAction>, onaction: &Callback<CalcEvent>) -> Html {
    match action {
        Some(NoticeAction::Undo) => html! {
            <button type="button" class="secondary" onclick={onaction.reform(|_| CalcEvent::Undo)}>{ "Undo" }</button>
        },
        Some(NoticeAction::DownloadBackup) => html! {
            <button type="button" class="secondary" onclick={onaction.reform(|_| CalcEvent::DownloadBackup)}>{ "Download the saved text" }</button>
        },
        None => html! {},
    }
}
