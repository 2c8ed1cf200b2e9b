//! The only code that touches browser APIs: the shell that carries out the
//! model's effects ([`shell`]), the page's address, focus and clipboard
//! ([`page`]), storage ([`storage`]), files ([`files`]) and the host frame
//! ([`host`]). gloo does what it does; what it cannot do here is said in each
//! module. Decisions live in the model.

pub mod bench;
pub mod files;
pub mod host;
pub mod page;
pub mod shell;
pub mod storage;

pub use page::{details_open, input_checked, input_value, select_value, textarea_value};

use crate::model::calc::state::Startup;
use crate::model::core::effect::StorageKey;
use crate::model::root::AppStartup;

/// What the page starts from: its address, storage and frame.
#[must_use]
pub fn startup() -> AppStartup {
    AppStartup {
        calc: Startup {
            query: page::query(),
            fragment: page::fragment(),
            stored: storage::read_model(),
            backup: storage::read(StorageKey::Backup.key()),
            address: page::address(),
            in_frame: host::in_frame(),
            embedded: false,
            today: today(),
        },
        saved_mapping: storage::read(StorageKey::Mapping.key()),
    }
}

/// Puts the theme in force on `<html data-theme="light|dark">`: the
/// address's `theme`, or the system's `prefers-color-scheme`, followed as it
/// changes while the page is open.
pub fn apply_theme(query: &str) {
    use crate::model::share::route::Theme;
    let theme = Theme::from_query(query);
    let Some(media) = gloo_utils::window().match_media("(prefers-color-scheme: dark)").ok().flatten() else {
        set_theme(theme.in_force(false));
        return;
    };
    set_theme(theme.in_force(media.matches()));
    if theme == Theme::Auto {
        let watched = media.clone();
        gloo_events::EventListener::new(&media, "change", move |_| set_theme(theme.in_force(watched.matches()))).forget();
    }
}

fn set_theme(theme: &str) {
    // An attribute on the root element: nothing to report if it cannot be set.
    let _ = gloo_utils::document_element().set_attribute("data-theme", theme);
}

/// The browser's date (its own time zone), or the system's in native
/// server-side render tests, where there is no browser.
#[must_use]
pub fn today() -> crate::model::core::date::Date {
    #[cfg(target_arch = "wasm32")]
    {
        let now = js_sys::Date::new_0();
        // Year, month (0-based) and day of the month, as JavaScript gives them.
        crate::model::core::date::Date::from_ymd(
            i64::from(now.get_full_year()),
            i64::from(now.get_month()) + 1,
            i64::from(now.get_date()),
        )
        .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        crate::model::core::date::Date::from_days(i64::try_from(seconds / 86_400).unwrap_or(0))
    }
}

/// Removes the loading placeholder the page shows until the module is ready.
pub fn remove_placeholder() {
    if let Some(boot) = gloo_utils::document().get_element_by_id("boot") {
        boot.remove();
    }
}

/// Replaces the page with a short message if the app ever panics, instead of
/// leaving a frozen page: a panic in WebAssembly stops the whole app.
pub fn install_panic_page() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("CSQL calculator stopped: {info}").into());
        gloo_utils::body().set_text_content(Some(
            "Sorry, the CSQL calculator hit an internal error and stopped. Reload the page to start again.",
        ));
    }));
}
