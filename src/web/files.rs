//! Files with gloo-file: chosen files kept under a handle until the model asks
//! to read them, reading in chunks with progress, and downloads through an
//! object URL.

use gloo_file::{Blob, File, ObjectUrl};
use wasm_bindgen::JsCast;

use crate::model::core::effect::FileRef;

/// Bytes read per step, so progress can be shown between steps.
const CHUNK: u64 = 4 * 1024 * 1024;

/// Files the user chose, until the model asks to read them.
#[derive(Default)]
pub struct Files {
    next: u32,
    waiting: Vec<(u32, File)>,
}

impl Files {
    /// Keeps a file and returns what the model knows of it.
    pub fn add(&mut self, file: web_sys::File) -> FileRef {
        let file = File::from(file);
        self.next = self.next.wrapping_add(1);
        let reference = FileRef {
            id: self.next,
            name: file.name(),
            size: file.size(),
        };
        // Only the latest choice of each kind is ever read; keep a few at most.
        if self.waiting.len() >= 4 {
            self.waiting.remove(0);
        }
        self.waiting.push((self.next, file));
        reference
    }

    /// Hands over a kept file.
    pub fn take(&mut self, id: u32) -> Option<File> {
        let index = self.waiting.iter().position(|(i, _)| *i == id)?;
        Some(self.waiting.remove(index).1)
    }
}

/// Reads a whole file in chunks, calling `progress` with 0-100 after each;
/// the browser paints between chunks. `None` when the browser cannot read it.
pub async fn read(file: &File, progress: impl Fn(u8)) -> Option<Vec<u8>> {
    let size = file.size();
    let mut bytes = Vec::with_capacity(usize::try_from(size).ok()?);
    let mut start = 0;
    while start < size {
        let end = (start + CHUNK).min(size);
        let part: Blob = file.slice(start, end).into();
        bytes.extend(gloo_file::futures::read_as_bytes(&part).await.ok()?);
        start = end;
        // A whole percent: at most 100.
        progress(u8::try_from(start * 100 / size).unwrap_or(100));
    }
    Some(bytes)
}

/// Offers `text` as a file download.
pub fn download(file_name: &str, mime: &str, text: &str) {
    let blob = Blob::new_with_options(text, Some(mime));
    let url = ObjectUrl::from(blob);
    let Some(link) = gloo_utils::document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The object URL is revoked when `url` drops; the download has started.
}

/// The first file chosen in a file input, or dropped on an element. Clears
/// the input so the same file can be chosen again after an error.
#[must_use]
pub fn from_event(event: &web_sys::Event) -> Option<web_sys::File> {
    if let Some(drag) = event.dyn_ref::<web_sys::DragEvent>() {
        return drag.data_transfer()?.files()?.get(0);
    }
    let input = event.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0);
    input.set_value("");
    file
}

/// Handlers that hand a file on to `onfile`: for a file input's `change`, for
/// a drop target's `drop` (which also stops the browser opening the file),
/// and for its `dragover` (which lets the drop happen).
#[must_use]
pub fn handlers(
    onfile: &yew::Callback<web_sys::File>,
) -> (
    yew::Callback<web_sys::Event>,
    yew::Callback<web_sys::DragEvent>,
    yew::Callback<web_sys::DragEvent>,
) {
    let chosen = onfile.clone();
    let onchange = yew::Callback::from(move |e: web_sys::Event| {
        if let Some(file) = from_event(&e) {
            chosen.emit(file);
        }
    });
    let dropped = onfile.clone();
    let ondrop = yew::Callback::from(move |e: web_sys::DragEvent| {
        e.prevent_default();
        if let Some(file) = from_event(&e) {
            dropped.emit(file);
        }
    });
    let ondragover = yew::Callback::from(|e: web_sys::DragEvent| e.prevent_default());
    (onchange, ondrop, ondragover)
}
