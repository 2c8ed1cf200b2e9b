//! Getting accounts in: a file picker, a drop zone, a paste box and the sample book.

use yew::prelude::*;

use crate::model::book::ImportStage;
use crate::web;

/// Props of [`ImportPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ImportPanelProps {
    /// Loading progress or the last failure.
    pub stage: ImportStage,
    /// The paste box's text.
    pub paste: AttrValue,
    /// Receives a chosen or dropped file.
    pub onfile: Callback<web_sys::File>,
    /// Receives the paste box's text as it changes.
    pub onpastechange: Callback<String>,
    /// Scores the pasted rows.
    pub onpaste: Callback<()>,
    /// Loads the sample book.
    pub onsample: Callback<()>,
}

/// The import card.
#[component]
pub fn ImportPanel(props: &ImportPanelProps) -> Html {
    let (onchange, ondrop, ondragover) = web::files::handlers(&props.onfile);
    let oninput = props.onpastechange.reform(|e: InputEvent| web::textarea_value(&e));
    let busy = props.stage.busy();
    let failed = matches!(props.stage, ImportStage::Failed(_));
    html! {
        <section class="card book-import" aria-labelledby="book-import-title" {ondragover} {ondrop}>
            <h2 id="book-import-title">{ "Import accounts" }</h2>
            <p class="help">{ "A CSV or TSV export of your accounts, one row per account with a header row. Each column is matched to the model; you can change the matching below. Nothing leaves this page." }</p>
            <div class="book-import-buttons">
                <input type="file" id="book-file" data-testid="csv-input" class="visually-hidden"
                    accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" disabled={busy} {onchange} />
                <label class="button" for="book-file">{ "Choose a CSV file" }</label>
                <button type="button" data-testid="load-sample" disabled={busy} onclick={props.onsample.reform(|_| ())}>{ "Load the sample book" }</button>
                <span class="help book-drop">{ "or drop a file on this box" }</span>
            </div>
            <p class={classes!("book-status", failed.then_some("field-error"))} data-testid="book-status"
                role={if failed { "alert" } else { "status" }} aria-live="polite">{ props.stage.message() }</p>
            <details class="book-paste">
                <summary>{ "Paste rows from a spreadsheet" }</summary>
                <label for="book-paste">{ "Rows copied from a spreadsheet, with the header row" }</label>
                <textarea id="book-paste" data-testid="paste-input" rows="5" spellcheck="false" value={props.paste.clone()} {oninput} />
                <button type="button" data-testid="paste-submit" disabled={busy || props.paste.trim().is_empty()}
                    onclick={props.onpaste.reform(|_| ())}>{ "Score the pasted rows" }</button>
            </details>
        </section>
    }
}
