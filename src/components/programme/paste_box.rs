//! Rows pasted from a spreadsheet; the model parses them and names bad lines.

use yew::prelude::*;

use crate::model::programme::{PasteProblem, ProgrammeEvent};
use crate::web::textarea_value;

/// Props of [`PasteBox`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct PasteBoxProps {
    /// The box's text.
    pub text: AttrValue,
    /// Problems of the last paste, by line.
    pub problems: Vec<PasteProblem>,
    /// What the last paste did, when it worked.
    pub done: Option<AttrValue>,
    /// Whether the last paste can be undone.
    pub can_undo: bool,
    /// Receives [`ProgrammeEvent::SetPaste`], `ApplyPaste` and `UndoPaste`.
    pub onaction: Callback<ProgrammeEvent>,
}

/// A textarea, a button that turns its lines into rows, and the problems by line.
#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let described = if props.problems.is_empty() {
        "paste-help"
    } else {
        "paste-help paste-problems"
    };
    html! {
        <section class="card programme-paste" aria-labelledby="paste-title">
            <h2 id="paste-title">{ "Paste from a spreadsheet" }</h2>
            <p class="help" id="paste-help">
                { "One line per CSM: name, submitted, accepted, won, and optionally accepted pipeline value and closed-won value, \
                   separated by tabs (as a spreadsheet copies them), semicolons or commas. A header line is skipped. \
                   The rows replace the table above." }
            </p>
            <label for="paste-rows">{ "Paste rows from a spreadsheet" }</label>
            <textarea id="paste-rows" data-testid="paste-rows" rows="4" spellcheck="false" value={props.text.clone()}
                aria-invalid={(!props.problems.is_empty()).to_string()} aria-describedby={described}
                oninput={props.onaction.reform(|e: InputEvent| ProgrammeEvent::SetPaste(textarea_value(&e)))} />
            <div class="paste-actions">
                <button type="button" data-testid="paste-apply" onclick={props.onaction.reform(|_| ProgrammeEvent::ApplyPaste)}>
                    { "Use these rows" }
                </button>
                if props.can_undo {
                    <button type="button" class="secondary" onclick={props.onaction.reform(|_| ProgrammeEvent::UndoPaste)}>
                        { "Undo the paste" }
                    </button>
                }
            </div>
            if !props.problems.is_empty() {
                <div id="paste-problems" class="field-error" role="alert" data-testid="paste-problems">
                    <p>{ "Nothing was changed. Fix these lines and try again:" }</p>
                    <ul>
                        for problem in &props.problems {
                            <li>{ problem.message.clone() }</li>
                        }
                    </ul>
                </div>
            }
            if let Some(done) = &props.done {
                <p class="paste-done" role="status">{ done.clone() }</p>
            }
        </section>
    }
}
