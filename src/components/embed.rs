//! The embed code for a wiki page: a locked, compact calculator in an iframe.

use yew::prelude::*;

use crate::model::share::{embed_height, encode_link, Document};

/// Props of [`EmbedPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct EmbedPanelProps {
    /// The model (and targets) to embed.
    pub document: Document,
    /// The page address the iframe loads.
    pub address: AttrValue,
}

/// A ready `<iframe>` snippet and how a host page resizes it.
#[component]
pub fn EmbedPanel(props: &EmbedPanelProps) -> Html {
    let src = format!("{}?embed=1&lock=1#m={}", props.address, encode_link(&props.document));
    let height = embed_height(&props.document.model);
    let snippet = format!(
        "<iframe id=\"csql-calculator\" title=\"CSQL calculator\" src=\"{src}\" width=\"100%\" height=\"{height}\" \
         style=\"border:0;max-width:1100px\" sandbox=\"allow-scripts allow-downloads\" loading=\"lazy\"></iframe>\n\
         <script>\n\
         addEventListener(\"message\", function (event) {{\n  \
           var frame = document.getElementById(\"csql-calculator\");\n  \
           if (frame && event.source === frame.contentWindow && event.data && event.data.type === \"csql-calculator:height\") {{\n    \
             frame.style.height = event.data.height + \"px\";\n  \
           }}\n\
         }});\n\
         </script>"
    );
    html! {
        <div class="embed-panel" id="embed-panel">
            <label for="embed-code">{ "Embed code for a wiki page" }</label>
            <textarea id="embed-code" data-testid="embed-code" readonly=true rows="9" value={snippet} />
            <p class="help">
                { format!("The frame shows this model locked: CSMs enter their account's signals, the weights, threshold and gates stay as agreed. It starts {height} px tall. ") }
                { "Inside a frame the calculator posts its height to the host page whenever it changes, as a message " }
                <code>{ "{ type: \"csql-calculator:height\", height: <pixels> }" }</code>
                { "; the script above listens for it and resizes the frame. Wikis that strip scripts keep the fixed height. " }
                { "In a frame sandboxed without allow-same-origin, the server hosting the calculator must send Access-Control-Allow-Origin: * so the frame can load its own files." }
            </p>
        </div>
    }
}
