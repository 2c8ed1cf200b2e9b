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

/// Where a frame that its host grew to its full height is on screen: an
/// `IntersectionObserver` inside a frame measures against the top-level
/// viewport, even across origins, so the page learns which band of itself the
/// reader sees without the host's help. While only part of a grown frame is
/// on screen, `<html>` carries `data-frame="clipped"` and the custom
/// property `--visible-bottom` (the bottom of that part, in the page's
/// pixels), and the score bar sits there. A frame of fixed height scrolls
/// inside, and its sticky score bar needs none of this. Stops when dropped.
pub struct VisiblePart {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
    _resized: gloo_events::EventListener,
}

/// Steps at which the observer reports: every 0.5% of the page.
const VISIBLE_STEPS: u32 = 200;

impl VisiblePart {
    /// Starts watching; `None` when the browser has no `IntersectionObserver`.
    #[must_use]
    pub fn start() -> Option<Self> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(|entries: js_sys::Array| {
            let Some(entry) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            else {
                return;
            };
            let window = gloo_utils::window();
            let root = gloo_utils::document_element();
            let inner = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
            let page = f64::from(root.scroll_height());
            let seen = entry.intersection_rect();
            // Grown: the frame is as tall as the page, and only part of it shows.
            let grown = page <= inner + 1.0;
            let clipped = grown && entry.is_intersecting() && seen.height() + 1.0 < inner;
            let style = root.dyn_ref::<web_sys::HtmlElement>().map(web_sys::HtmlElement::style);
            if clipped {
                let bottom = seen.bottom() + window.scroll_y().unwrap_or(0.0);
                let _ = root.set_attribute("data-frame", "clipped");
                if let Some(style) = style {
                    let _ = style.set_property("--visible-bottom", &format!("{bottom:.0}px"));
                }
            } else {
                let _ = root.remove_attribute("data-frame");
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        let steps = js_sys::Array::new();
        for step in 0..=VISIBLE_STEPS {
            steps.push(&JsValue::from_f64(f64::from(step) / f64::from(VISIBLE_STEPS)));
        }
        options.set_threshold(&steps);
        let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
        observer.observe(&gloo_utils::document_element());
        // The observer speaks only when a step is crossed; when the host
        // resizes the frame, observing afresh reports where it stands now.
        let again = observer.clone();
        let resized = gloo_events::EventListener::new(&gloo_utils::window(), "resize", move |_| {
            let root = gloo_utils::document_element();
            again.unobserve(&root);
            again.observe(&root);
        });
        Some(Self {
            observer,
            _callback: callback,
            _resized: resized,
        })
    }
}

impl Drop for VisiblePart {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
