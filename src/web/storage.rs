//! `localStorage`, through a thin adapter of its own: `gloo-storage` throws
//! (`expect_throw`) when storage is not available, which is the normal case in
//! a frame sandboxed without `allow-same-origin` and in some private windows,
//! and a throw there would stop the page. Here every failure is a value.

use crate::model::calc::state::Stored;
use crate::model::core::effect::StorageKey;

fn storage() -> Option<web_sys::Storage> {
    // Access itself throws in sandboxed frames and some private modes.
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the saved model text, telling apart "nothing saved" and "cannot save".
#[must_use]
pub fn read_model() -> Stored {
    let Some(storage) = storage() else { return Stored::Unavailable };
    match storage.get_item(StorageKey::Model.key()) {
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

/// Reads a saved value; `None` when absent or unavailable.
#[must_use]
pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves a value; `false` when the browser refuses (the old value then stays).
pub fn write(key: &str, text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, text).is_ok())
}

/// Removes a value, if storage is there.
pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}
