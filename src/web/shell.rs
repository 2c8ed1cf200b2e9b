//! The shell: holds a part of the app's state (the whole app, or the embedded
//! calculator), sends it events, and carries out the effects its `update`
//! returns. This is the one place where effects meet the browser.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::model::calc::state::{CalcEvent, CalcState};
use crate::model::core::effect::{Answer, Effect, FileRef};
use crate::model::root::{AppEvent, AppState};

use super::{files, host, page, storage};

/// A state the shell can drive: the whole app or the embedded calculator.
pub trait Core: 'static {
    /// Its events.
    type Event: 'static;
    /// Its `update`.
    fn update(&mut self, event: Self::Event) -> Vec<Effect<Self::Event>>;
    /// The event that carries the shell's answer to an effect.
    fn answer(answer: Answer) -> Self::Event;
    /// The event for a share link pasted into the open page's address bar.
    fn fragment(fragment: String) -> Self::Event;
    /// The event for values a host page sets.
    fn host(set: crate::model::calc::state::HostSet) -> Self::Event;
    /// The event for Back or Forward (a new query string), if the core has views.
    fn navigated(query: String) -> Option<Self::Event>;
}

impl Core for AppState {
    type Event = AppEvent;
    fn update(&mut self, event: AppEvent) -> Vec<Effect<AppEvent>> {
        AppState::update(self, event)
    }
    fn answer(answer: Answer) -> AppEvent {
        AppEvent::Answer(answer)
    }
    fn fragment(fragment: String) -> AppEvent {
        AppEvent::Calc(CalcEvent::OpenFragment(fragment))
    }
    fn host(set: crate::model::calc::state::HostSet) -> AppEvent {
        AppEvent::Calc(CalcEvent::Host(set))
    }
    fn navigated(query: String) -> Option<AppEvent> {
        Some(AppEvent::Navigated(query))
    }
}

impl Core for CalcState {
    type Event = CalcEvent;
    fn update(&mut self, event: CalcEvent) -> Vec<Effect<CalcEvent>> {
        CalcState::update(self, event)
    }
    fn answer(answer: Answer) -> CalcEvent {
        CalcEvent::Answer(answer)
    }
    fn fragment(fragment: String) -> CalcEvent {
        CalcEvent::OpenFragment(fragment)
    }
    fn host(set: crate::model::calc::state::HostSet) -> CalcEvent {
        CalcEvent::Host(set)
    }
    fn navigated(_query: String) -> Option<CalcEvent> {
        None
    }
}

struct Inner<C: Core> {
    core: RefCell<C>,
    /// Re-renders the root component (set by it on every render).
    render: RefCell<Option<Callback<()>>>,
    files: RefCell<files::Files>,
    /// Listeners and observers that live as long as the shell.
    listeners: RefCell<Vec<EventListener>>,
    height: RefCell<Option<host::HeightReporter>>,
    visible: RefCell<Option<host::VisiblePart>>,
}

/// A handle on the shell; clones share it.
pub struct Shell<C: Core> {
    inner: Rc<Inner<C>>,
}

impl<C: Core> Clone for Shell<C> {
    fn clone(&self) -> Self {
        Self {
            inner: Rc::clone(&self.inner),
        }
    }
}

impl<C: Core> PartialEq for Shell<C> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl<C: Core> Shell<C> {
    /// A shell around a started state. Touches no browser API, so server-side
    /// rendering can build one.
    #[must_use]
    pub fn new(core: C) -> Self {
        Self {
            inner: Rc::new(Inner {
                core: RefCell::new(core),
                render: RefCell::new(None),
                files: RefCell::new(files::Files::default()),
                listeners: RefCell::new(Vec::new()),
                height: RefCell::new(None),
                visible: RefCell::new(None),
            }),
        }
    }

    /// The state, to render.
    #[must_use]
    pub fn state(&self) -> Ref<'_, C> {
        self.inner.core.borrow()
    }

    /// Sets how to re-render the root after an event.
    pub fn set_render(&self, render: Callback<()>) {
        *self.inner.render.borrow_mut() = Some(render);
    }

    /// Sends one event to the state and carries out what it asks for.
    pub fn dispatch(&self, event: C::Event) {
        let effects = self.inner.core.borrow_mut().update(event);
        if let Some(render) = self.inner.render.borrow().clone() {
            render.emit(());
        }
        self.run(effects);
    }

    /// A Yew callback that dispatches.
    #[must_use]
    pub fn callback(&self) -> Callback<C::Event> {
        let shell = self.clone();
        Callback::from(move |event| shell.dispatch(event))
    }

    /// A callback for a file input or drop target: registers the file and
    /// dispatches the event `chosen` makes of it.
    #[must_use]
    pub fn file_callback(&self, chosen: fn(FileRef) -> C::Event) -> Callback<web_sys::File> {
        let shell = self.clone();
        Callback::from(move |file: web_sys::File| {
            let file = shell.inner.files.borrow_mut().add(file);
            shell.dispatch(chosen(file));
        })
    }

    /// Carries out effects in order.
    pub fn run(&self, effects: Vec<Effect<C::Event>>) {
        for effect in effects {
            self.run_one(effect);
        }
    }

    fn run_one(&self, effect: Effect<C::Event>) {
        match effect {
            Effect::Save { key, text } => {
                if !storage::write(key.key(), &text) {
                    self.dispatch(C::answer(Answer::SaveRefused(key)));
                }
            }
            Effect::Remove(key) => storage::remove(key.key()),
            Effect::ReadFile(file) => {
                let Some(blob) = self.inner.files.borrow_mut().take(file.id) else {
                    self.dispatch(C::answer(Answer::FileFailed(file.id)));
                    return;
                };
                let shell = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let progress = |pct: u8| shell.dispatch(C::answer(Answer::FileProgress(file.id, pct)));
                    let answer = match files::read(&blob, progress).await {
                        Some(bytes) => Answer::FileRead(file.id, bytes),
                        None => Answer::FileFailed(file.id),
                    };
                    shell.dispatch(C::answer(answer));
                });
            }
            Effect::Download { file_name, mime, text } => files::download(&file_name, mime, &text),
            Effect::CopyText(what, text) => {
                let shell = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let worked = page::copy_text(&text).await;
                    shell.dispatch(C::answer(Answer::Copied(what, worked)));
                });
            }
            Effect::PostToHost(message) => host::post(&message),
            Effect::Yield(event) => {
                let shell = self.clone();
                page::after_paint(move || shell.dispatch(event));
            }
            Effect::Focus(id) => {
                Timeout::new(0, move || page::focus(&id)).forget();
            }
            Effect::Reveal(id) => {
                Timeout::new(0, move || page::reveal(&id)).forget();
            }
            Effect::SetAddress { query, push } => page::set_query(&query, push),
        }
    }

    /// Starts what a live page needs: the effects `start` asked for, the
    /// listeners for a pasted share link, Back and Forward, and a host frame's
    /// messages, and the height reports to the host.
    pub fn go_live(&self, effects: Vec<Effect<C::Event>>) {
        let window = gloo_utils::window();
        let mut listeners = Vec::new();
        let shell = self.clone();
        listeners.push(EventListener::new(&window, "hashchange", move |_| {
            shell.dispatch(C::fragment(page::fragment()));
        }));
        let shell = self.clone();
        listeners.push(EventListener::new(&window, "popstate", move |_| {
            if let Some(event) = C::navigated(page::query()) {
                shell.dispatch(event);
            }
        }));
        if host::in_frame() {
            let allowed = host::allowed_origin(&page::query());
            let shell = self.clone();
            listeners.push(EventListener::new(&window, "message", move |event| {
                let Some(message) = event.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                if let Some(set) = host::read_set(message, allowed.as_deref()) {
                    shell.dispatch(C::host(set));
                }
            }));
            *self.inner.height.borrow_mut() = host::HeightReporter::start();
            *self.inner.visible.borrow_mut() = host::VisiblePart::start();
        }
        *self.inner.listeners.borrow_mut() = listeners;
        self.run(effects);
    }
}

/// The root components' hook: starts the state once (`start` returns it and
/// the effects it first asks for), re-renders the component after every
/// event, and, on a live page, goes live after the first render.
#[yew::hook]
pub fn use_shell<C: Core, F>(live: bool, start: F) -> Shell<C>
where
    F: FnOnce() -> (C, Vec<Effect<C::Event>>),
    C::Event: Clone,
{
    let started = yew::use_memo((), move |()| {
        let (state, effects) = start();
        (Shell::new(state), effects)
    });
    let shell = started.0.clone();
    let rerender = yew::use_force_update();
    shell.set_render(Callback::from(move |()| rerender.force_update()));
    yew::use_effect_with((), move |()| {
        if live {
            started.0.go_live(started.1.clone());
        }
    });
    shell
}
