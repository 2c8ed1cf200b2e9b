//! Notices about what the app did on the user's behalf, with undo or download
//! where it helps: one list for every page (the calculator's and the
//! Programme view's).

use yew::prelude::*;

use crate::model::core::notice::{Notice, NoticeAction};

/// Props of [`Notices`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct NoticesProps {
    /// The notices to show.
    pub notices: Vec<Notice>,
    /// The list's accessible name.
    #[prop_or(AttrValue::Static("Notices"))]
    pub label: AttrValue,
    /// Classes beside `notices` (`programme-notices`).
    #[prop_or_default]
    pub class: Classes,
    /// Receives the index of a dismissed notice.
    pub ondismiss: Callback<usize>,
    /// Receives a notice's action (undo, download); pages whose notices have none leave it out.
    #[prop_or_default]
    pub onact: Callback<NoticeAction>,
}

/// A dismissible list of notices; quiet ones are a small status line.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <section class={classes!("notices", props.class.clone())} aria-label={props.label.clone()}>
            for (index, notice) in props.notices.iter().enumerate() {
                <div class={classes!("notice", notice.quiet.then_some("quiet"))} data-testid="notice" role="status">
                    <p>{ notice.message.clone() }</p>
                    <div class="notice-actions">
                        if let Some(action) = notice.action {
                            <button type="button" class="secondary" onclick={props.onact.reform(move |_| action)}>
                                { action.label() }
                            </button>
                        }
                        <button type="button" class="dismiss" aria-label="Dismiss this notice"
                            onclick={props.ondismiss.reform(move |_| index)}>{ "\u{d7}" }</button>
                    </div>
                </div>
            }
        </section>
    }
}
