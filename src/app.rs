//! The root component: holds the state in a reducer, lays out the page, and
//! runs the effects that keep the model saved and the host frame sized.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::store::Store;
use crate::components::{
    BookPage, ComponentCard, GatesPanel, ModelToolbar, Notices, ProgrammePage, ResultCard, ThresholdField, WeightsPanel,
};
use crate::model::evaluate;
use crate::model::format::{headline, one_decimal};
use crate::model::notice::Notice;
use crate::model::programme::CsmRow;
use crate::model::share::to_json;
use crate::model::state::{Action, Startup, State, Stored};
use crate::model::view::{View, ViewFlags};
use crate::web;

/// Programme rows counted from an imported book, handed to the Programme view.
#[derive(Clone, Debug, PartialEq)]
pub struct BookRows {
    /// Increases with every hand-over.
    pub generation: u32,
    /// One row per owner.
    pub rows: Vec<CsmRow>,
    /// The file they come from.
    pub file: String,
}

/// Props of [`App`]: what the page starts from.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AppProps {
    /// The page's query string; a pre-filled link's values start the page.
    #[prop_or_default]
    pub query: AttrValue,
    /// The URL fragment; a share link carries the model there.
    #[prop_or_default]
    pub fragment: AttrValue,
    /// What the browser's storage held.
    #[prop_or(Stored::Nothing)]
    pub stored: Stored,
    /// The page address share links start from (no query, no fragment).
    #[prop_or_default]
    pub address: AttrValue,
    /// The page runs in a real tab: save the model as it changes (not when
    /// embedded), follow fragment changes, report the height to a host frame.
    /// Off in tests.
    #[prop_or(false)]
    pub live: bool,
}

/// The CSQL calculator page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let flags = ViewFlags::from_query(&props.query);
    let store = {
        let startup = Startup {
            query: props.query.to_string(),
            fragment: props.fragment.to_string(),
            stored: props.stored.clone(),
        };
        use_reducer(move || Store(State::start(&startup)))
    };
    let view = use_state(|| flags.view);
    // Views are mounted when first opened and then kept (hidden), so switching
    // tabs never loses a loaded book or the programme's figures.
    let visited = use_state(|| vec![flags.view]);
    // Per-owner counts a book hands to the Programme view, numbered so the same
    // rows sent twice are used twice.
    let from_book = use_state(|| None::<Rc<BookRows>>);
    let onaction = {
        let store = store.clone();
        Callback::from(move |action: Action| store.dispatch(action))
    };

    // Autosave every change of the model; a refusal is said once. The model the
    // page opened with is not written back: opening a colleague's link must not
    // overwrite the model saved here until the user works on the new one.
    {
        let onaction = onaction.clone();
        let save = props.live && !flags.embed && props.stored != Stored::Unavailable;
        let opened = use_mut_ref(|| true);
        use_effect_with(store.0.document(), move |document| {
            let first = std::mem::replace(&mut *opened.borrow_mut(), false);
            if save && !first && !web::write_saved(&to_json(document)) {
                onaction.emit(Action::Notify(Notice::new(
                    "This browser refused to save the model (storage full or blocked): your changes last until you close the page.",
                )));
            }
        });
    }
    // Inside a wiki page's iframe, tell the host our height as it changes; a
    // share link pasted into an open page's address bar opens too.
    {
        let onaction = onaction.clone();
        let live = props.live;
        use_effect_with((), move |()| {
            if live {
                if web::in_frame() {
                    web::report_height_to_parent();
                }
                web::on_fragment_change(move |fragment| onaction.emit(Action::OpenFragment(fragment)));
            }
        });
    }

    let state = &store.0;
    let onview = {
        let (view, visited) = (view.clone(), visited.clone());
        Callback::from(move |v: View| {
            if !visited.contains(&v) {
                let mut seen = (*visited).clone();
                seen.push(v);
                visited.set(seen);
            }
            view.set(v);
        })
    };
    let onprogramme = {
        let (from_book, onview) = (from_book.clone(), onview.clone());
        Callback::from(move |(rows, file): (Vec<CsmRow>, String)| {
            let generation = from_book.as_ref().map_or(0, |b| b.generation + 1);
            from_book.set(Some(Rc::new(BookRows { generation, rows, file })));
            onview.emit(View::Programme);
        })
    };
    let page = |v: View| match v {
        View::Programme => html! {
            <ProgrammePage query={props.query.clone()} targets={state.targets.clone()} ontargets={onaction.reform(Action::SetTargets)}
                from_book={(*from_book).clone()} />
        },
        View::Book => {
            html! { <BookPage model={state.model.clone()} locked={state.locked} onaction={onaction.clone()} onprogramme={onprogramme.clone()} /> }
        }
        View::Account => calculator(state, &onaction),
    };

    html! {
        <div class={classes!("app", flags.embed.then_some("embed"), state.locked.then_some("locked"))}>
            if !flags.embed {
                <header class="masthead">
                    <h1>{ "CSQL calculator" }</h1>
                    <p class="tagline">{ "Qualify the expansion leads Customer Success hands to Sales: a weighted score against a threshold, plus the gates Sales needs." }</p>
                    <nav class="views" aria-label="Views">
                        for v in View::ALL {
                            <button type="button" class={classes!("view-tab", (*view == v).then_some("current"))}
                                aria-pressed={(*view == v).to_string()}
                                onclick={onview.reform(move |_| v)}>{ v.label() }</button>
                        }
                    </nav>
                </header>
            }
            <Notices notices={state.notices.clone()} onaction={onaction.clone()} />
            if !flags.embed && *view == View::Account {
                <ModelToolbar document={state.document()} address={props.address.clone()} locked={state.locked} editing={state.editing} onaction={onaction.clone()} />
            }
            for v in View::ALL.into_iter().filter(|v| visited.contains(v)) {
                <div class="view" key={v.key()} data-view={v.key()} hidden={*view != v}>{ page(v) }</div>
            }
            if !flags.embed {
                <footer class="colophon">
                    <p>{ "Runs entirely in your browser: nothing you enter leaves this page." }</p>
                </footer>
            }
        </div>
    }
}

/// The one-account calculator: inputs on the left, result on the right.
fn calculator(state: &State, onaction: &Callback<Action>) -> Html {
    let evaluation = evaluate(&state.model);
    let editing = state.editing && !state.locked;
    html! {
        <main class="layout">
            <div class="inputs">
                <WeightsPanel model={state.model.clone()} evaluation={evaluation.clone()} locked={state.locked} onaction={onaction.clone()} />
                for (index, component) in state.model.components.iter().enumerate() {
                    <ComponentCard
                        key={component.key.clone()}
                        {index}
                        component={component.clone()}
                        part={evaluation.parts.get(index).cloned()}
                        problems={evaluation.problems.clone()}
                        {editing}
                        locked={state.locked}
                        removable={state.model.components.len() > 1}
                        onaction={onaction.clone()}
                    />
                }
                if editing {
                    <button type="button" class="add" onclick={onaction.reform(|_| Action::AddComponent)}>{ "Add a component" }</button>
                }
            </div>
            <div class="outputs">
                <ResultCard evaluation={evaluation.clone()} />
                <ThresholdField threshold={state.model.threshold.clone()} problems={evaluation.problems.clone()} locked={state.locked} onaction={onaction.clone()} />
                <GatesPanel gates={state.model.gates.clone()} {editing} locked={state.locked} onaction={onaction.clone()} />
            </div>
            // On narrow screens the result card is far below the inputs: keep the
            // score in sight. The card itself is the announced, labelled result.
            <div class={classes!("score-strip", format!("verdict-{}", evaluation.verdict.word()))} aria-hidden="true">
                <strong>{ one_decimal(evaluation.score) }</strong>{ " \u{b7} " }{ headline(&evaluation.verdict) }
            </div>
        </main>
    }
}
