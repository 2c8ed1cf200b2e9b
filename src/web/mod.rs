//! The only module that touches browser APIs: URL, storage, clipboard, files,
//! downloads, the parent frame and the panic page. Each function is a thin
//! adapter; what to do with the data is decided by the pure model.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, HtmlInputElement, HtmlSelectElement};

use crate::model::state::Stored;

pub mod bench;
pub mod book;

/// Where the model is saved in `localStorage`; the number is the format version.
pub const STORAGE_KEY: &str = "csql-calculator/model/v1";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page's query string (`?weights=...`), or empty when there is none.
#[must_use]
pub fn location_query() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The page's fragment (`#m=...`), or empty.
#[must_use]
pub fn location_fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's address without query and fragment: the base of share links.
#[must_use]
pub fn page_address() -> String {
    let href = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_owned()
}

fn storage() -> Option<web_sys::Storage> {
    // Access itself throws in sandboxed frames and some private modes.
    window().and_then(|w| w.local_storage().ok().flatten())
}

/// Reads the saved model text, telling apart "nothing saved" and "cannot save".
#[must_use]
pub fn read_saved() -> Stored {
    let Some(storage) = storage() else { return Stored::Unavailable };
    match storage.get_item(STORAGE_KEY) {
        Ok(Some(text)) => Stored::Text(text),
        Ok(None) => {
            // Some browsers allow reading but refuse every write (full quota, private mode).
            let probe = "csql-calculator/probe";
            if storage.set_item(probe, "1").is_ok() {
                let _ = storage.remove_item(probe);
                Stored::Nothing
            } else {
                Stored::Unavailable
            }
        }
        Err(_) => Stored::Unavailable,
    }
}

/// Saves the model text; `false` when the browser refuses.
pub fn write_saved(text: &str) -> bool {
    write_key(STORAGE_KEY, text)
}

/// Reads another saved value (e.g. the book's column mapping); `None` when absent or unavailable.
#[must_use]
pub fn read_key(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves another value; `false` when the browser refuses.
pub fn write_key(key: &str, text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, text).is_ok())
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

/// Moves keyboard focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    if let Some(element) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
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

/// Whether the checkbox an event came from is now checked.
#[must_use]
pub fn input_checked(event: &Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

/// The first file chosen in a file input, or dropped on an element.
#[must_use]
pub fn event_file(event: &Event) -> Option<web_sys::File> {
    if let Some(drag) = event.dyn_ref::<web_sys::DragEvent>() {
        return drag.data_transfer()?.files()?.get(0);
    }
    let input = event.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let file = input.files()?.get(0);
    // Let the same file be chosen again after an error.
    input.set_value("");
    file
}

/// Reads a file as text, refusing files over `limit` bytes before reading them.
///
/// # Errors
/// A sentence for the user.
pub async fn read_text(file: web_sys::File, limit: f64) -> Result<String, String> {
    if file.size() > limit {
        return Err(format!(
            "{} is too large ({:.0} KB); a model file is a few KB",
            file.name(),
            file.size() / 1024.0
        ));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("{} could not be read", file.name()))?;
    text.as_string().ok_or_else(|| format!("{} is not text", file.name()))
}

/// Puts text on the clipboard; `false` when the browser refuses (e.g. in a sandboxed frame).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Offers `text` as a file download.
pub fn download(file_name: &str, mime: &str, text: &str) -> bool {
    let attempt = || -> Option<()> {
        let document = window()?.document()?;
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
        web_sys::Url::revoke_object_url(&url).ok()
    };
    attempt().is_some()
}

/// Whether the page runs inside a frame (a wiki embed).
#[must_use]
pub fn in_frame() -> bool {
    window().is_some_and(|w| w.parent().ok().flatten().is_some_and(|p| p != w))
}

/// Calls `changed` with the new fragment whenever it changes while the page is
/// open (pasting a share link into the address bar of an open calculator).
pub fn on_fragment_change(changed: impl Fn(String) + 'static) {
    let Some(window) = window() else { return };
    let callback = Closure::<dyn Fn()>::new(move || changed(location_fragment()));
    if window
        .add_event_listener_with_callback("hashchange", callback.as_ref().unchecked_ref())
        .is_ok()
    {
        // The listener lives as long as the page.
        callback.forget();
    }
}

/// Tells the parent frame the page's height whenever it changes, so a host page
/// can size the iframe: `{ type: "csql-calculator:height", height: <px> }`.
pub fn report_height_to_parent() {
    let Some(window) = window() else { return };
    let Some(parent) = window.parent().ok().flatten() else { return };
    let Some(body) = window.document().and_then(|d| d.body()) else {
        return;
    };
    let post = move || {
        let height = body.scroll_height();
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"csql-calculator:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        // Only a height is sent, so any parent may read it.
        let _ = parent.post_message(&message, "*");
    };
    post();
    let callback = Closure::<dyn FnMut()>::new(post);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        if let Some(root) = window.document().and_then(|d| d.document_element()) {
            observer.observe(&root);
        }
    }
    // The observer lives as long as the page.
    callback.forget();
}

/// Replaces the page with a short message if the app ever panics, instead of
/// leaving a frozen page: a panic in WebAssembly stops the whole app.
pub fn install_panic_page() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("CSQL calculator stopped: {info}").into());
        if let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) {
            body.set_text_content(Some(
                "Sorry, the CSQL calculator hit an internal error and stopped. Reload the page to start again.",
            ));
        }
    }));
}
