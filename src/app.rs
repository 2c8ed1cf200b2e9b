//! The root component: holds the state in a reducer and lays out the page.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{ComponentCard, GatesPanel, Notices, ResultCard, ThresholdField, WeightsPanel};
use crate::model::evaluate;
use crate::model::state::{Action, State};

/// The page state as a Yew reducer; the transitions themselves live in the model.
#[derive(Clone, Debug, PartialEq, Default)]
struct Store(State);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        if next == self.0 {
            self
        } else {
            Rc::new(Self(next))
        }
    }
}

/// Props of [`App`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AppProps {
    /// The page's query string; a pre-filled link's values start the page.
    #[prop_or_default]
    pub query: AttrValue,
}

/// The CSQL calculator page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let query = props.query.clone();
    let store = use_reducer(move || Store(State::from_query(&query)));
    let onaction = {
        let store = store.clone();
        Callback::from(move |action: Action| store.dispatch(action))
    };
    let state = &store.0;
    let evaluation = evaluate(&state.model);

    html! {
        <>
            <header class="masthead">
                <h1>{ "CSQL calculator" }</h1>
                <p class="tagline">{ "Score a customer account as a Customer Success Qualified Lead: weighted Engagement, Fit and Intent against a threshold, plus the gates Sales needs." }</p>
            </header>
            <Notices notices={state.notices.clone()} onaction={onaction.clone()} />
            <main class="layout">
                <div class="inputs">
                    <WeightsPanel model={state.model.clone()} evaluation={evaluation.clone()} onaction={onaction.clone()} />
                    for (index, component) in state.model.components.iter().enumerate() {
                        <ComponentCard
                            key={component.key.clone()}
                            {index}
                            component={component.clone()}
                            part={evaluation.parts.get(index).cloned()}
                            problems={evaluation.problems.clone()}
                            onaction={onaction.clone()}
                        />
                    }
                </div>
                <div class="outputs">
                    <ResultCard evaluation={evaluation.clone()} />
                    <ThresholdField threshold={state.model.threshold.clone()} problems={evaluation.problems.clone()} onaction={onaction.clone()} />
                    <GatesPanel gates={state.model.gates.clone()} onaction={onaction} />
                </div>
            </main>
            <footer class="colophon">
                <p>{ "Runs entirely in your browser: nothing you enter leaves this page." }</p>
            </footer>
        </>
    }
}
