//! The only module that touches browser APIs: the URL, DOM events and the
//! panic page. Everything here is a thin adapter around the pure model.

use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement};

/// The page's query string (`?weights=...`), or empty when there is none.
#[must_use]
pub fn location_query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
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

/// Whether the checkbox an event came from is now checked.
#[must_use]
pub fn input_checked(event: &Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

/// Replaces the page with a short message if the app ever panics, instead of
/// leaving a frozen page: a panic in WebAssembly stops the whole app.
pub fn install_panic_page() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("CSQL calculator stopped: {info}").into());
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            body.set_text_content(Some(
                "Sorry, the CSQL calculator hit an internal error and stopped. Reload the page to start again.",
            ));
        }
    }));
}
