//! Entry point: installs the panic page and mounts the app with what the page starts from.

use csql_calculator::app::{App, AppProps};
use csql_calculator::web;

fn main() {
    web::install_panic_page();
    let props = AppProps {
        query: web::location_query().into(),
        fragment: web::location_fragment().into(),
        stored: web::read_saved(),
        address: web::page_address().into(),
        live: true,
    };
    yew::Renderer::<App>::with_props(props).render();
}
