//! Entry point of the embedded calculator (`embed.html`): the calculator
//! alone, for a wiki page's frame, in a bundle of its own.

use csql_calculator::embed::{EmbedApp, EmbedProps};
use csql_calculator::web;

fn main() {
    web::install_panic_page();
    web::remove_placeholder();
    let mut startup = web::startup().calc;
    web::apply_theme(&startup.query);
    startup.embedded = true;
    let props = EmbedProps { startup, live: true };
    yew::Renderer::<EmbedApp>::with_props(props).render();
}
