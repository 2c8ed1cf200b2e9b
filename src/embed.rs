//! The root component of the embedded calculator (`embed.html`): the
//! calculator alone, locked or not, for a wiki page's frame. It holds only
//! the calculator's state, so the bundle carries none of the Book and
//! Programme views.

use yew::prelude::*;

use crate::components::{Calculator, Notices};
use crate::model::calc::state::{CalcEvent, CalcState, Startup};
use crate::web::shell::use_shell;

/// Props of [`EmbedApp`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct EmbedProps {
    /// What the page starts from.
    pub startup: Startup,
    /// Carry out effects and listen to the host (off in server-side tests).
    #[prop_or(false)]
    pub live: bool,
}

/// The embedded calculator.
#[component]
pub fn EmbedApp(props: &EmbedProps) -> Html {
    let shell = use_shell(props.live, || CalcState::start(&props.startup));
    let onaction = shell.callback();
    let state = shell.state();
    html! {
        <div class={classes!("app", "embed", state.locked.then_some("locked"))}>
            <Notices notices={state.notices.clone()} ondismiss={onaction.reform(CalcEvent::DismissNotice)} onact={onaction.reform(CalcEvent::from)} />
            <Calculator state={(*state).clone()} {onaction} title="CSQL calculator" />
        </div>
    }
}
