//! Browser APIs the Book page needs: reading a large file in chunks with
//! progress, yielding to the browser so it can paint, the scroll position of
//! the table. Thin adapters; decisions live in the model.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event};

/// Bytes read per step, so progress can be shown between steps.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;

/// Reads a whole file as bytes, refusing files over `limit` bytes before
/// reading, and calls `progress` with 0-100 after each chunk. The browser
/// paints between chunks, so the page stays responsive.
///
/// # Errors
/// A sentence for the user.
pub async fn read_bytes(file: &web_sys::File, limit: usize, progress: impl Fn(u8)) -> Result<Vec<u8>, String> {
    let name = file.name();
    let size = file.size();
    #[allow(clippy::cast_precision_loss)]
    let limit_f = limit as f64;
    if size > limit_f {
        return Err(format!(
            "{name} is too large ({:.0} MB); the limit is {:.0} MB",
            size / 1_048_576.0,
            limit_f / 1_048_576.0
        ));
    }
    // Size is at most `limit`, a usize.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        let end = (start + CHUNK).min(size);
        let part = file
            .slice_with_f64_and_f64(start, end)
            .map_err(|_| format!("{name} could not be read"))?;
        let buffer = JsFuture::from(part.array_buffer())
            .await
            .map_err(|_| format!("{name} could not be read"))?;
        bytes.extend(js_sys::Uint8Array::new(&buffer).to_vec());
        start = end;
        // Truncation intended: a whole percent.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        progress((start / size * 100.0) as u8);
    }
    Ok(bytes)
}

/// Waits until the browser has had a chance to paint: the next animation
/// frame, then a fresh task. Use between long steps to show their status.
pub async fn yield_to_browser() {
    let Some(window) = web_sys::window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let w = window.clone();
        let after_frame = Closure::once_into_js(move || {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
        });
        if window.request_animation_frame(after_frame.unchecked_ref()).is_err() {
            // No animation frames (e.g. a background tab): continue at once.
            let _ = after_frame.unchecked_ref::<js_sys::Function>().call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The scroll offset and visible height, in CSS pixels, of the element an event came from.
#[must_use]
pub fn scroll_metrics(event: &Event) -> Option<(f64, f64)> {
    let element = event.target()?.dyn_into::<Element>().ok()?;
    Some((f64::from(element.scroll_top()), f64::from(element.client_height())))
}

/// Scrolls an element back to its top (after the table's order changes).
pub fn scroll_to_top(element: &Element) {
    element.set_scroll_top(0);
}
