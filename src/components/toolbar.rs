//! The model's toolbar: edit, reset, share as a link, export and import a file,
//! and the embed code for a wiki page.

use yew::prelude::*;

use crate::model::calc::state::CalcEvent;
use crate::model::share::Document;
use crate::web::files;

use super::EmbedPanel;

/// Props of [`ModelToolbar`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ModelToolbarProps {
    /// The share link of the current model.
    pub link: AttrValue,
    /// Said beside the link when it is too long to paste comfortably.
    #[prop_or_default]
    pub link_note: Option<AttrValue>,
    /// The page address (for the embed snippet).
    pub address: AttrValue,
    /// The model and targets, for the embed snippet.
    pub document: Document,
    /// Criteria are locked: no editing, reset or import.
    pub locked: bool,
    /// The editor is open.
    pub editing: bool,
    /// The theme the embed code asks for.
    #[prop_or_default]
    pub embed_theme: crate::model::share::route::Theme,
    /// Receives the toolbar's events.
    pub onaction: Callback<CalcEvent>,
    /// Receives a model file chosen or dropped.
    pub onfile: Callback<web_sys::File>,
}

/// Buttons above the calculator, plus the share link box.
#[component]
pub fn ModelToolbar(props: &ModelToolbarProps) -> Html {
    // Whether the embed panel is open is this toolbar's own view state.
    let embed_open = use_state(|| false);
    let onaction = props.onaction.clone();
    let (onfile, ondrop, ondragover) = files::handlers(&props.onfile);
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
                    <button type="button" aria-pressed={editing.to_string()} onclick={onaction.reform(move |_| CalcEvent::SetEditing(!editing))}>
                        { if editing { "Done editing" } else { "Edit model" } }
                    </button>
                    <button type="button" onclick={onaction.reform(|_| CalcEvent::ResetModel)}>{ "Reset to default" }</button>
                }
                <button type="button" onclick={onaction.reform(|_| CalcEvent::CopyLink)}>{ "Copy link" }</button>
                <button type="button" data-testid="copy-result" onclick={onaction.reform(|_| CalcEvent::CopyResult)}>{ "Copy result" }</button>
                <button type="button" onclick={onaction.reform(|_| CalcEvent::ExportJson)}>{ "Export JSON" }</button>
                if !props.locked {
                    <input type="file" id="import-json" class="file-input" accept=".json,application/json" onchange={onfile} />
                    <label class="button" for="import-json">{ "Import JSON" }</label>
                }
                <button type="button" aria-expanded={embed_open.to_string()} aria-controls="embed-panel" onclick={toggle_embed}>{ "Embed" }</button>
            </div>
            <div class="share-row">
                <label for="share-link">{ "Share link" }</label>
                <input type="text" id="share-link" data-testid="share-link" readonly=true value={props.link.clone()}
                    aria-describedby={props.link_note.as_ref().map(|_| "share-link-note")} />
            </div>
            if let Some(note) = &props.link_note {
                <p class="help share-link-note" id="share-link-note" data-testid="long-link">
                    { note.clone() }{ " " }
                    <button type="button" onclick={onaction.reform(|_| CalcEvent::ExportJson)}>{ "Export JSON" }</button>
                </p>
            }
            if !props.locked {
                <p class="help">{ "Drop a model JSON file here to import it." }</p>
            }
            if *embed_open {
                <EmbedPanel document={props.document.clone()} address={props.address.clone()} theme={props.embed_theme} onaction={props.onaction.clone()} />
            }
        </section>
    }
}
