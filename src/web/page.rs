//! The page itself: its address, history, focus, clipboard, painting, and the
//! values of the inputs events come from.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::AnimationFrame;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, HtmlInputElement, HtmlSelectElement};

/// The page's query string (`?weights=...`), or empty.
#[must_use]
pub fn query() -> String {
    gloo_utils::window().location().search().unwrap_or_default()
}

/// The page's fragment (`#m=...`), or empty.
#[must_use]
pub fn fragment() -> String {
    gloo_utils::window().location().hash().unwrap_or_default()
}

/// The page's address without query and fragment: the base of share links.
#[must_use]
pub fn address() -> String {
    let href = gloo_utils::window().location().href().unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_owned()
}

/// Puts a query string in the address bar, keeping path and fragment: a new
/// history entry when `push`, else in place.
pub fn set_query(query: &str, push: bool) {
    let path = gloo_utils::window().location().pathname().unwrap_or_default();
    let url = format!("{path}{query}{}", fragment());
    let history = gloo_utils::history();
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    gloo_utils::document().get_element_by_id(id)?.dyn_into().ok()
}

/// Moves keyboard focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    if let Some(element) = element(id) {
        let _ = element.focus();
    }
}

/// Scrolls the element with this id into view (nearest edge) and focuses it,
/// so keyboard and screen-reader users land on it too.
pub fn reveal(id: &str) {
    if let Some(element) = element(id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
        let _ = element.focus();
    }
}

/// Runs `then` after the browser has painted: the next animation frame, then
/// a fresh task. Long work in steps uses it so each step's status shows.
pub fn after_paint(then: impl FnOnce() + 'static) {
    // The frame handle cancels the frame when dropped: keep it in a slot the
    // callback empties when it runs.
    let slot: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
    let inner = Rc::clone(&slot);
    let frame = gloo_render::request_animation_frame(move |_| {
        inner.borrow_mut().take();
        Timeout::new(0, then).forget();
    });
    *slot.borrow_mut() = Some(frame);
}

/// Puts text on the clipboard; `false` when the browser refuses (e.g. in a
/// sandboxed frame).
pub async fn copy_text(text: &str) -> bool {
    let promise = gloo_utils::window().navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// The current text of the `<input>` an event came from.
#[must_use]
pub fn input_value(event: &Event) -> String {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}

/// The current text of the `<textarea>` an event came from.
#[must_use]
pub fn textarea_value(event: &Event) -> String {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|area| area.value())
        .unwrap_or_default()
}

/// The current value of the `<select>` an event came from.
#[must_use]
pub fn select_value(event: &Event) -> String {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|select| select.value())
        .unwrap_or_default()
}

/// Whether the `<details>` a `toggle` event came from is now open.
#[must_use]
pub fn details_open(event: &Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|details| details.open())
}

/// Whether the checkbox an event came from is now checked.
#[must_use]
pub fn input_checked(event: &Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

/// The scroll offset and visible height, in CSS pixels, of the element an event came from.
#[must_use]
pub fn scroll_metrics(event: &Event) -> Option<(f64, f64)> {
    let element = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    Some((f64::from(element.scroll_top()), f64::from(element.client_height())))
}

/// Scrolls an element back to its top (after the table's order changes).
pub fn scroll_to_top(element: &web_sys::Element) {
    element.set_scroll_top(0);
}
