//! The model's toolbar: edit, reset, share as a link, export and import a file,
//! and the embed code for a wiki page.

use yew::prelude::*;

use crate::model::notice::Notice;
use crate::model::share::{encode_link, from_json, to_json, Document, MAX_JSON_LEN};
use crate::model::state::Action;
use crate::web;

use super::EmbedPanel;

/// Props of [`ModelToolbar`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ModelToolbarProps {
    /// The model and targets to share or export.
    pub document: Document,
    /// The page address share links start from.
    pub address: AttrValue,
    /// Criteria are locked: no editing, reset or import.
    pub locked: bool,
    /// The editor is open.
    pub editing: bool,
    /// Receives the toolbar's actions.
    pub onaction: Callback<Action>,
}

/// Buttons above the calculator, plus the share link box.
#[component]
pub fn ModelToolbar(props: &ModelToolbarProps) -> Html {
    let embed_open = use_state(|| false);
    let link = format!("{}#m={}", props.address, encode_link(&props.document));
    let onaction = props.onaction.clone();

    let oncopy = {
        let (link, onaction) = (link.clone(), onaction.clone());
        Callback::from(move |_| {
            let (link, onaction) = (link.clone(), onaction.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let message = if web::copy_text(&link).await {
                    "Link copied: it carries the whole model and this account's inputs, and opens the same score anywhere."
                } else {
                    "This page may not use the clipboard here: copy the link from the Share link box."
                };
                onaction.emit(Action::Notify(Notice::new(message)));
            });
        })
    };
    let onexport = {
        let document = props.document.clone();
        Callback::from(move |_| {
            web::download("csql-model.json", "application/json", &to_json(&document));
        })
    };
    let onfile = {
        let onaction = onaction.clone();
        Callback::from(move |e: Event| import(&e, &onaction))
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let onaction = onaction.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            import(&e, &onaction);
        })
    };
    let editing = props.editing;
    let toggle_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |_| embed_open.set(!*embed_open))
    };

    html! {
        <section class="toolbar card" aria-label="Model" {ondragover} {ondrop}>
            <div class="toolbar-buttons">
                if props.locked {
                    <span class="badge">{ "Criteria locked by this link: enter the account's signals." }</span>
                } else {
                    <button type="button" aria-pressed={editing.to_string()} onclick={onaction.reform(move |_| Action::SetEditing(!editing))}>
                        { if editing { "Done editing" } else { "Edit model" } }
                    </button>
                    <button type="button" onclick={onaction.reform(|_| Action::ResetModel)}>{ "Reset to default" }</button>
                }
                <button type="button" onclick={oncopy}>{ "Copy link" }</button>
                <button type="button" onclick={onexport}>{ "Export JSON" }</button>
                if !props.locked {
                    <label class="button" for="import-json">{ "Import JSON" }</label>
                    <input type="file" id="import-json" class="visually-hidden" accept=".json,application/json" onchange={onfile} />
                }
                <button type="button" aria-expanded={embed_open.to_string()} aria-controls="embed-panel" onclick={toggle_embed}>{ "Embed" }</button>
            </div>
            <div class="share-row">
                <label for="share-link">{ "Share link" }</label>
                <input type="text" id="share-link" data-testid="share-link" readonly=true value={link} />
            </div>
            if !props.locked {
                <p class="help">{ "Drop a model JSON file here to import it." }</p>
            }
            if *embed_open {
                <EmbedPanel document={props.document.clone()} address={props.address.clone()} />
            }
        </section>
    }
}

/// Reads a chosen or dropped model file and replaces the model, or says what is wrong.
fn import(event: &Event, onaction: &Callback<Action>) {
    let Some(file) = web::event_file(event) else { return };
    let onaction = onaction.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        #[allow(clippy::cast_precision_loss)]
        let action = match web::read_text(file, MAX_JSON_LEN as f64).await {
            Err(message) => Action::Notify(Notice::new(format!("Import failed: {message}."))),
            Ok(text) => match from_json(&text) {
                Ok(document) => Action::ReplaceDocument(Box::new(document), format!("Imported the model from {name}.")),
                Err(e) => Action::Notify(Notice::new(format!("Import failed: {name} could not be used: {e}."))),
            },
        };
        onaction.emit(action);
    });
}
