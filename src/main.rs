//! Entry point of the full app (`index.html`): installs the panic page and
//! mounts the app with what the page starts from.

use csql_calculator::app::{App, AppProps};
use csql_calculator::web;

fn main() {
    web::install_panic_page();
    web::remove_placeholder();
    let startup = web::startup();
    web::apply_theme(&startup.calc.query);
    let props = AppProps {
        query: startup.calc.query.into(),
        fragment: startup.calc.fragment.into(),
        stored: startup.calc.stored,
        backup: startup.calc.backup,
        saved_mapping: startup.saved_mapping,
        address: startup.calc.address.into(),
        live: true,
        in_frame: startup.calc.in_frame,
    };
    yew::Renderer::<App>::with_props(props).render();
}
