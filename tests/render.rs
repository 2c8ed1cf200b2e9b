//! Component render tests: the page rendered to HTML natively (server-side
//! rendering), checked for the values, hooks and labels a user relies on.
#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

use csql_calculator::app::{App, AppProps};

async fn render(query: &str) -> String {
    yew::LocalServerRenderer::<App>::with_props(yew::props!(AppProps { query: query.to_owned() }))
        .hydratable(false)
        .render()
        .await
}

/// The text between `marker` and the next `<`.
fn text_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html.find(marker).unwrap_or_else(|| panic!("{marker} not found")) + marker.len();
    let rest = &html[start..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    &rest[..rest.find('<').unwrap()]
}

fn attribute<'a>(html: &'a str, marker: &str, name: &str) -> &'a str {
    let start = html.find(marker).unwrap_or_else(|| panic!("{marker} not found"));
    let tag = &html[html[..start].rfind('<').unwrap()..];
    let tag = &tag[..tag.find('>').unwrap()];
    let key = format!("{name}=\"");
    let at = tag.find(&key).unwrap_or_else(|| panic!("{name} not in {tag}")) + key.len();
    &tag[at..at + tag[at..].find('"').unwrap()]
}

#[tokio::test]
async fn the_documented_link_renders_66_and_below_threshold() {
    let html = render("weights=50,30,20&threshold=70&engagement=80&fit=60&intent=40").await;
    assert_eq!(text_after(&html, "data-testid=\"csql-score\""), "66.0");
    assert_eq!(attribute(&html, "data-testid=\"csql-verdict\"", "data-verdict"), "below-threshold");
    assert_eq!(attribute(&html, "data-testid=\"weight-engagement\"", "value"), "50");
    assert_eq!(attribute(&html, "data-testid=\"score-intent\"", "value"), "40");
    assert_eq!(attribute(&html, "data-testid=\"threshold\"", "value"), "70");
    assert_eq!(text_after(&html, "data-testid=\"points-fit\""), "18.0");
    assert!(html.contains("Needs 88.0, the others unchanged"));
    assert!(!html.contains("data-testid=\"notice\""));
}

#[tokio::test]
async fn the_default_page_scores_unanswered_signals_as_zero() {
    let html = render("").await;
    assert_eq!(text_after(&html, "data-testid=\"csql-score\""), "0.0");
    assert_eq!(attribute(&html, "data-testid=\"csql-verdict\"", "data-verdict"), "below-threshold");
    // Signals mode: the score box is read-only and shows the derived score.
    assert_eq!(attribute(&html, "data-testid=\"score-engagement\"", "value"), "0.0");
    assert!(html.contains("0 of 3 number signals filled in"));
    for hook in [
        "weight-engagement",
        "weight-fit",
        "weight-intent",
        "threshold",
        "score-engagement",
        "score-fit",
        "score-intent",
        "csql-score",
        "csql-verdict",
    ] {
        assert!(html.contains(&format!("data-testid=\"{hook}\"")), "missing hook {hook}");
    }
}

#[tokio::test]
async fn bad_link_values_render_notices_and_no_nan() {
    let html = render("weights=0,0,0&threshold=abc").await;
    assert_eq!(html.matches("data-testid=\"notice\"").count(), 2);
    assert!(!html.contains("NaN"));
    // Defaults kept: 40/30/30 and threshold 70.
    assert_eq!(attribute(&html, "data-testid=\"weight-engagement\"", "value"), "40");
    assert_eq!(attribute(&html, "data-testid=\"threshold\"", "value"), "70");
}

#[tokio::test]
async fn hostile_text_in_a_link_is_escaped() {
    let html = render("gates=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E").await;
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[tokio::test]
async fn every_input_has_a_label() {
    let html = render("").await;
    let mut inputs = 0;
    for chunk in html.split("<input").skip(1) {
        let tag = &chunk[..chunk.find('>').unwrap()];
        inputs += 1;
        if tag.contains("aria-label=\"") {
            continue;
        }
        let id = tag.split("id=\"").nth(1).map(|rest| &rest[..rest.find('"').unwrap()]);
        let labelled = id.is_some_and(|id| html.contains(&format!("for=\"{id}\"")));
        // Radio buttons are wrapped by their label.
        let wrapped = tag.contains("type=\"radio\"");
        assert!(labelled || wrapped, "unlabelled input: <input{tag}>");
    }
    // 3 sliders + 3 weights + 1 threshold slider + 1 threshold + 6 mode radios + 3 score boxes
    // + 11 signals + 5 gates x 2 checkboxes + the share link + the JSON import + the account name = 41.
    assert_eq!(inputs, 41);
}

#[tokio::test]
async fn every_signal_shows_its_points_towards_the_score() {
    // Issue 19's example: default model (weights 40/30/30), only "Licensed seats
    // active" = 65%. Engagement's signal weights are 2 (trend), 1, 1, 1: seats
    // is 1 of 5 shares, so it adds 65 x 1/5 x 40/100 = 5.2 points.
    use csql_calculator::components::{ResultCard, ResultCardProps};
    use csql_calculator::model::calc::view::calculator;
    let mut model = csql_calculator::model::Model::default();
    model.components[0].signals[1].value = "65".to_owned();
    assert_eq!(model.components[0].signals[1].key, "seats_active");
    let result = calculator(&model, csql_calculator::model::core::date::Date::default()).result;
    let html = yew::LocalServerRenderer::<ResultCard>::with_props(ResultCardProps { result })
        .hydratable(false)
        .render()
        .await;
    assert_eq!(text_after(&html, "data-testid=\"signal-points-engagement-seats_active\""), "+5.2");
    assert_eq!(
        text_after(&html, "data-testid=\"signal-points-engagement-active_users_trend\""),
        "+0.0"
    );
    assert_eq!(text_after(&html, "data-testid=\"points-engagement\""), "5.2");
    assert_eq!(text_after(&html, "data-testid=\"csql-score\""), "5.2");
    assert!(html.contains("counts 2 of 5"), "the trend counts twice among five shares");
}

#[tokio::test]
async fn the_threshold_tick_carries_its_label_inside_the_bar() {
    use csql_calculator::components::{ResultCard, ResultCardProps};
    use csql_calculator::model::calc::view::calculator;
    let render = |threshold: &str| {
        let mut model = csql_calculator::model::Model {
            threshold: threshold.to_owned(),
            ..csql_calculator::model::Model::default()
        };
        model.components[0].signals[1].value = "65".to_owned();
        let result = calculator(&model, csql_calculator::model::core::date::Date::default()).result;
        yew::LocalServerRenderer::<ResultCard>::with_props(ResultCardProps { result })
            .hydratable(false)
            .render()
    };
    let html = render("70").await;
    assert_eq!(text_after(&html, "data-testid=\"threshold-label\""), "threshold 70");
    assert!(html.contains("x=\"70.000%\" y=\"12\" text-anchor=\"middle\""), "{html}");
    // Near the ends the words stay inside the bar.
    assert!(render("95").await.contains("x=\"95.000%\" y=\"12\" text-anchor=\"end\""));
    assert!(render("5").await.contains("x=\"5.000%\" y=\"12\" text-anchor=\"start\""));
    // An unusable threshold has no tick and no label.
    assert!(!render("abc").await.contains("threshold-label"));
}
