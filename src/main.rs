//! Entry point: installs the panic page and mounts the app with the page's query string.

use csql_calculator::app::{App, AppProps};

fn main() {
    csql_calculator::web::install_panic_page();
    let query = csql_calculator::web::location_query();
    yew::Renderer::<App>::with_props(AppProps { query: query.into() }).render();
}
