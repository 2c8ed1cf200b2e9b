//! The root component of the full app: holds the shell around the app's
//! state, lays out the page, and hands every event to the shell.

use yew::prelude::*;

use crate::components::{BookPage, Calculator, ModelToolbar, Notices, ProgrammePage, ViewTabs};
use crate::model::book::BookEvent;
use crate::model::calc::state::{CalcEvent, Startup, Stored};
use crate::model::root::{AppEvent, AppStartup, AppState};
use crate::model::share::route::View;
use crate::web::shell::use_shell;

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
    /// Unreadable text an earlier visit kept under the backup key.
    #[prop_or_default]
    pub backup: Option<String>,
    /// The book's saved column mapping.
    #[prop_or_default]
    pub saved_mapping: Option<String>,
    /// The page address share links start from (no query, no fragment).
    #[prop_or_default]
    pub address: AttrValue,
    /// The page runs in a real tab: carry out effects, listen for a pasted
    /// share link, Back and Forward, and a host frame. Off in tests that
    /// render on the server.
    #[prop_or(false)]
    pub live: bool,
    /// The page runs inside a frame.
    #[prop_or(false)]
    pub in_frame: bool,
}

impl AppProps {
    fn startup(&self) -> AppStartup {
        AppStartup {
            calc: Startup {
                query: self.query.to_string(),
                fragment: self.fragment.to_string(),
                stored: self.stored.clone(),
                backup: self.backup.clone(),
                address: self.address.to_string(),
                in_frame: self.in_frame,
                embedded: false,
                today: crate::web::today(),
            },
            saved_mapping: self.saved_mapping.clone(),
        }
    }
}

/// The CSQL calculator page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let shell = use_shell(props.live, || AppState::start(&props.startup()));
    let dispatch = shell.callback();
    let state = shell.state();
    let calc = &state.calc;
    let embed = state.embed;
    let on_calc = dispatch.reform(AppEvent::Calc);

    html! {
        <div class={classes!("app", embed.then_some("embed"), calc.locked.then_some("locked"))}>
            if !embed {
                <header class="masthead">
                    <h1>{ "CSQL calculator" }</h1>
                    <p class="tagline">{ "Qualify the expansion leads Customer Success hands to Sales: a weighted score against a threshold, plus the gates Sales needs." }</p>
                    <ViewTabs current={state.view} query={AttrValue::from(state.query.clone())} onshow={dispatch.reform(AppEvent::Show)} />
                </header>
            }
            <Notices notices={calc.notices.clone()} ondismiss={on_calc.reform(CalcEvent::DismissNotice)} onact={on_calc.reform(CalcEvent::from)} />
            if !embed && state.view == View::Account {
                <ModelToolbar link={AttrValue::from(calc.link.clone())} link_note={calc.link_note.clone().map(AttrValue::from)} address={AttrValue::from(calc.address.clone())}
                    document={calc.document()} locked={calc.locked} editing={calc.editing} embed_theme={calc.embed_theme} onaction={on_calc.clone()}
                    onfile={shell.file_callback(|file| AppEvent::Calc(CalcEvent::ImportFile(file)))} />
            }
            for view in View::ALL.into_iter().filter(|v| state.visited.contains(v)) {
                <div class="view" key={view.key()} data-view={view.key()} hidden={state.view != view}>
                    {
                        match view {
                            View::Account => html! {
                                // In a frame the page has no masthead: the heading is for screen readers.
                                <Calculator state={calc.clone()} onaction={on_calc.clone()} title={embed.then_some(AttrValue::Static("CSQL calculator"))} />
                            },
                            View::Book => html! {
                                <BookPage state={state.book.clone()} evidence={state.evidence.clone()} warehouse={state.warehouse.clone()}
                                    model={calc.model.clone()} criteria={calc.view.clone()} locked={calc.locked}
                                    onaction={on_calc.clone()} ondispatch={dispatch.reform(AppEvent::Book)}
                                    onfile={shell.file_callback(|file| AppEvent::Book(BookEvent::FileChosen(file)))}
                                    onmeasure={dispatch.reform(|()| AppEvent::MeasureFromBook)}
                                    scenarios={calc.scenarios.clone()}
                                    onevidence={dispatch.clone()} onwarehouse={dispatch.reform(AppEvent::Warehouse)} />
                            },
                            View::Programme => html! {
                                <ProgrammePage state={state.programme.clone()} locked={calc.locked}
                                    onaction={dispatch.reform(AppEvent::Programme)} />
                            },
                        }
                    }
                </div>
            }
            if !embed {
                <footer class="colophon">
                    <p>{ "Runs entirely in your browser: nothing you enter leaves this page." }</p>
                </footer>
            }
        </div>
    }
}
