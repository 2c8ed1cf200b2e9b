//! The host frame: results and heights posted to the parent page, and the
//! values a host page may set, read with serde-wasm-bindgen. Messages that are
//! malformed, too large, from another origin than the one allowed, or of an
//! unknown type are ignored without a word in the console.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::calc::state::{HostSet, MAX_HOST_ENTRIES};
use crate::model::core::effect::HostMessage;

/// The message type a host uses to set values.
const SET: &str = "csql-calculator:set";

/// Whether the page runs inside a frame (a wiki embed).
#[must_use]
pub fn in_frame() -> bool {
    let window = gloo_utils::window();
    window.parent().ok().flatten().is_some_and(|parent| parent != window)
}

/// The origin a host must have (`?origin=https://wiki.example.com`), if the
/// link restricts it.
#[must_use]
pub fn allowed_origin(query: &str) -> Option<String> {
    crate::model::share::query::host_origin(query)
}

/// Posts a message to the parent frame. Only results and heights are sent,
/// and the page may sit in any wiki, so any parent may read them.
pub fn post(message: &HostMessage) {
    let Some(parent) = gloo_utils::window().parent().ok().flatten() else {
        return;
    };
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    if let Ok(value) = serde::Serialize::serialize(message, &serializer) {
        let _ = parent.post_message(&value, "*");
    }
}

/// The values a host message sets, if it is a well-formed `set` message from
/// the parent frame (and from the allowed origin, when there is one).
#[must_use]
pub fn read_set(event: &web_sys::MessageEvent, allowed: Option<&str>) -> Option<HostSet> {
    let parent = gloo_utils::window().parent().ok().flatten()?;
    // A cross-origin parent is not `instanceof Window` in this frame's realm:
    // compare identities instead.
    let source = event.source()?;
    if !js_sys::Object::is(&source, &parent) {
        return None;
    }
    if allowed.is_some_and(|origin| origin != event.origin()) {
        return None;
    }
    let data = event.data();
    if !data.is_object() {
        return None;
    }
    // Count entries before converting anything, so a huge message costs nothing.
    let entries = |name: &str| {
        js_sys::Reflect::get(&data, &JsValue::from_str(name))
            .ok()
            .filter(JsValue::is_object)
            .map_or(0, |value| js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).length())
    };
    if usize::try_from(entries("values") + entries("gates")).map_or(true, |n| n > MAX_HOST_ENTRIES) {
        return None;
    }
    let message: Incoming = serde_wasm_bindgen::from_value(data).ok()?;
    if message.kind != SET {
        return None;
    }
    // A value of the wrong type is kept by its key, so the result can say
    // it was ignored, instead of dropping the whole message.
    let mut set = HostSet::default();
    for (key, value) in message.values {
        match value {
            Loose::Right(text) => {
                set.values.insert(key, text);
            }
            Loose::Wrong(_) => set.wrong_type.push(key),
        }
    }
    for (key, value) in message.gates {
        match value {
            Loose::Right(met) => {
                set.gates.insert(key, met);
            }
            Loose::Wrong(_) => set.wrong_type.push(key),
        }
    }
    Some(set)
}

/// A value of the expected type, or anything else.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Loose<T> {
    Right(T),
    Wrong(serde::de::IgnoredAny),
}

/// A message from the host page (named fields, not `#[serde(flatten)]`,
/// whose buffering costs several KB of WebAssembly).
#[derive(serde::Deserialize)]
struct Incoming {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    values: std::collections::BTreeMap<String, Loose<String>>,
    #[serde(default)]
    gates: std::collections::BTreeMap<String, Loose<bool>>,
}

/// Tells the parent frame the page's height whenever it changes, so a host
/// page can size the iframe. Stops when dropped.
pub struct HeightReporter {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl HeightReporter {
    /// Starts reporting; `None` when the browser has no `ResizeObserver`.
    #[must_use]
    pub fn start() -> Option<Self> {
        let post_height = || {
            let height = u32::try_from(gloo_utils::body().scroll_height()).unwrap_or(0);
            post(&HostMessage::Height { height });
        };
        post_height();
        let callback = Closure::<dyn FnMut()>::new(post_height);
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(&gloo_utils::document_element());
        Some(Self {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
