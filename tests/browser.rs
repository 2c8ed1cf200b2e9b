//! wasm-bindgen tests in headless Chromium: the real app mounted in a real DOM,
//! driven through real input events.
#![cfg(all(feature = "web", target_arch = "wasm32"))]

use std::time::Duration;

use csql_calculator::app::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app with a query string into a fresh element and lets it render.
async fn mount(query: &str) -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), yew::props!(AppProps { query: query.to_owned() })).render();
    settle().await;
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {id}"))
}

fn score(root: &Element) -> String {
    by_testid(root, "csql-score").text_content().unwrap()
}

fn verdict(root: &Element) -> String {
    by_testid(root, "csql-verdict").get_attribute("data-verdict").unwrap()
}

/// Types `text` into an input the way a browser reports it: value, then an `input` event.
async fn type_into(input: &Element, text: &str) {
    let input: HtmlInputElement = input.clone().dyn_into().unwrap();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    settle().await;
}

async fn toggle(input: &Element) {
    input.clone().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    settle().await;
}

const LINK: &str = "weights=50,30,20&threshold=70&engagement=80&fit=60&intent=40";

#[wasm_bindgen_test]
async fn a_weight_change_flips_the_verdict() {
    let root = mount(&format!("{LINK}&gates=product_fit,usage,stakeholder,budget,timing")).await;
    assert_eq!(score(&root), "66.0");
    assert_eq!(verdict(&root), "below-threshold");
    // Intent weight 0: (80 x 50 + 60 x 30) / 80 = 72.5.
    type_into(&by_testid(&root, "weight-intent"), "0").await;
    assert_eq!(score(&root), "72.5");
    assert_eq!(verdict(&root), "csql");
    // Untick Timing: the score still qualifies but a required gate is open.
    toggle(&by_testid(&root, "gate-timing")).await;
    assert_eq!(verdict(&root), "gates-missing");
    assert!(by_testid(&root, "csql-verdict").text_content().unwrap().contains("Timing"));
}

#[wasm_bindgen_test]
async fn bad_typing_shows_a_message_and_keeps_the_text() {
    let root = mount(LINK).await;
    let threshold = by_testid(&root, "threshold");
    type_into(&threshold, "7o").await;
    assert_eq!(verdict(&root), "invalid");
    assert_eq!(score(&root), "n/a");
    assert_eq!(threshold.clone().dyn_into::<HtmlInputElement>().unwrap().value(), "7o");
    let error = document().get_element_by_id("threshold-input-error").unwrap();
    assert_eq!(error.text_content().unwrap(), "Threshold: \u{201c}7o\u{201d} is not a number");
    assert!(!root.text_content().unwrap().contains("NaN"));
    // Fixing it restores the score: 66 against 60 qualifies on score (gates not ticked).
    type_into(&threshold, "60").await;
    assert_eq!(score(&root), "66.0");
    assert_eq!(verdict(&root), "gates-missing");
}

#[wasm_bindgen_test]
async fn signals_drive_the_component_score() {
    let root = mount("").await;
    let trend = root.query_selector("#signal-engagement-active_users_trend").unwrap().unwrap();
    // Trend 8/10 is 80 at weight 2 of 5: 80 x 2 / 5 = 32 for Engagement.
    type_into(&trend, "8").await;
    let engagement = by_testid(&root, "score-engagement").dyn_into::<HtmlInputElement>().unwrap();
    assert_eq!(engagement.value(), "32.0");
    // Engagement has 40% of the weight: 32 x 0.4 = 12.8.
    assert_eq!(score(&root), "12.8");
    // A yes/no signal is a checkbox: "Attended the last QBR" adds 100 x 1 / 5 = 20 -> 52.
    toggle(&root.query_selector("#signal-engagement-qbr_attended").unwrap().unwrap()).await;
    assert_eq!(engagement.value(), "52.0");
}
