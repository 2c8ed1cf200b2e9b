//! The embed code for a wiki page: a locked, compact calculator in an iframe,
//! and the host API a wiki page or internal tool can use.

use yew::prelude::*;

use crate::model::calc::state::CalcEvent;
use crate::model::share::route::Theme;
use crate::model::share::{embed_height, embed_snippet, Document};

/// A host page that fills two inputs and reads the result: the same text the README shows.
pub const HOST_EXAMPLE: &str = r#"<script>
var frame = document.getElementById("csql-calculator");
addEventListener("message", function (event) {
  if (event.source !== frame.contentWindow || !event.data) return;
  if (event.data.type === "csql-calculator:result")
    console.log(event.data.score, event.data.verdict, event.data.gates_missing);
});
frame.addEventListener("load", function () {
  frame.contentWindow.postMessage({ type: "csql-calculator:set",
    values: { seats_active: "85" }, gates: { budget: true } }, "*");
});
</script>"#;

/// Props of [`EmbedPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct EmbedPanelProps {
    /// The model (and targets) to embed.
    pub document: Document,
    /// The page address the frame's address starts from.
    pub address: AttrValue,
    /// The theme the frame is asked for.
    #[prop_or_default]
    pub theme: Theme,
    /// Receives [`CalcEvent::CopyEmbed`].
    pub onaction: Callback<CalcEvent>,
}

/// A ready `<iframe>` snippet, how a host page resizes it, and the host API.
#[component]
pub fn EmbedPanel(props: &EmbedPanelProps) -> Html {
    let snippet = embed_snippet(&props.address, &props.document, props.theme);
    let theme_choice = |theme: Theme, label: &'static str| {
        html! {
            <label class="choice">
                <input type="radio" name="embed-theme" checked={props.theme == theme}
                    onchange={props.onaction.reform(move |_| CalcEvent::SetEmbedTheme(theme))} />
                { label }
            </label>
        }
    };
    let height = embed_height(&props.document.model);
    html! {
        <div class="embed-panel" id="embed-panel">
            <label for="embed-code">{ "Embed code for a wiki page" }</label>
            <fieldset class="embed-theme">
                <legend>{ "Colours of the frame" }</legend>
                { theme_choice(Theme::Auto, "Follow the reader's system") }
                { theme_choice(Theme::Light, "Light") }
                { theme_choice(Theme::Dark, "Dark") }
            </fieldset>
            <textarea id="embed-code" data-testid="embed-code" readonly=true rows="9" value={snippet} />
            <button type="button" onclick={props.onaction.reform(|_| CalcEvent::CopyEmbed)}>{ "Copy embed code" }</button>
            <p class="help">
                { format!("The frame shows this model locked: CSMs enter their account's signals; the weights, threshold and gates stay as agreed. It starts {height} px tall, and the script resizes it from the height the calculator posts ") }
                <code>{ "{ type: \"csql-calculator:height\", height }" }</code>
                { ". Wikis that strip scripts keep the fixed height. The server hosting the calculator must send Access-Control-Allow-Origin: * so the sandboxed frame can load its own files." }
            </p>
            <h3>{ "Host API" }</h3>
            <p class="help">
                { "After loading and after every change the frame posts " }
                <code>{ "{ type: \"csql-calculator:result\", score, verdict, components, gates_missing, model_link }" }</code>
                { ". A host may post " }
                <code>{ "{ type: \"csql-calculator:set\", values: { key: \"text\" }, gates: { key: true } }" }</code>
                { " to fill inputs as if typed (never a locked model's criteria); the frame answers with a result. Add " }
                <code>{ "origin=https://your.wiki" }</code>
                { " to the frame's query to accept messages from that origin only." }
            </p>
            <label for="host-example">{ "Example host script" }</label>
            <textarea id="host-example" readonly=true rows="12" value={HOST_EXAMPLE} />
        </div>
    }
}
