//! The root component of the embedded calculator (`embed.html`): the
//! calculator alone, locked or not, for a wiki page's frame. It holds only
//! the calculator's state, so the bundle carries none of the Book and
//! Programme views.

use yew::prelude::*;

use crate::components::{Calculator, Notices};
use crate::model::state::{Startup, State};
use crate::web::shell::Shell;

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
    let started = use_memo((), |()| {
        let (state, effects) = State::start(&props.startup);
        (Shell::new(state), effects)
    });
    let shell = started.0.clone();
    let rerender = use_force_update();
    shell.set_render(Callback::from(move |()| rerender.force_update()));
    {
        let (started, live) = (started.clone(), props.live);
        use_effect_with((), move |()| {
            if live {
                started.0.go_live(started.1.clone());
            }
        });
    }
    let onaction = shell.callback();
    let state = shell.state();
    html! {
        <div class={classes!("app", "embed", state.locked.then_some("locked"))}>
            <Notices notices={state.notices.clone()} onaction={onaction.clone()} />
            <Calculator state={(*state).clone()} {onaction} />
        </div>
    }
}
