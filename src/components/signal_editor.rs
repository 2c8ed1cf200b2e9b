//! Editing one signal's definition: label, kind, cap and scale, sub-weight, direction.

use yew::prelude::*;

use crate::model::calc::state::{CalcEvent, KindChoice};
use crate::model::{Direction, Scale, Signal, SignalKind};
use crate::web::{input_value, select_value};

/// Props of [`SignalEditor`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SignalEditorProps {
    /// Index of the signal's component.
    pub component: usize,
    /// Index of the signal.
    pub index: usize,
    /// Prefix for element ids, unique on the page.
    pub id: AttrValue,
    /// The signal.
    pub signal: Signal,
    /// Receives the editing actions.
    pub onaction: Callback<CalcEvent>,
}

/// A row of controls that define one signal.
#[component]
pub fn SignalEditor(props: &SignalEditorProps) -> Html {
    let SignalEditorProps {
        component,
        index,
        id,
        signal,
        onaction,
    } = props;
    let (c, s) = (*component, *index);
    let kind = match signal.kind {
        SignalKind::Count { .. } => "count",
        SignalKind::YesNo => "yes_no",
        SignalKind::Rating => "rating",
        SignalKind::Percent => "percent",
        SignalKind::Date { .. } => "date",
    };
    let number = |e: &InputEvent| input_value(e).trim().parse::<f64>().ok();
    html! {
        <fieldset class="signal-editor">
            <legend class="visually-hidden">{ format!("Signal {}", signal.label) }</legend>
            <div class="editor-field wide">
                <label for={format!("{id}-label")}>{ "Signal" }</label>
                <input type="text" id={format!("{id}-label")} value={signal.label.clone()} maxlength={crate::model::core::limits::MAX_NAME_LEN.to_string()}
                    oninput={onaction.reform(move |e: InputEvent| CalcEvent::RenameSignal(c, s, input_value(&e)))} />
            </div>
            <div class="editor-field">
                <label for={format!("{id}-kind")}>{ "Kind" }</label>
                <select id={format!("{id}-kind")} onchange={onaction.reform(move |e: Event| CalcEvent::SetSignalKind(c, s, match select_value(&e).as_str() {
                    "count" => KindChoice::Count,
                    "yes_no" => KindChoice::YesNo,
                    "percent" => KindChoice::Percent,
                    "date" => KindChoice::Date,
                    _ => KindChoice::Rating,
                }))}>
                    <option value="count" selected={kind == "count"}>{ "Count" }</option>
                    <option value="yes_no" selected={kind == "yes_no"}>{ "Yes / no" }</option>
                    <option value="rating" selected={kind == "rating"}>{ "Rating 0-10" }</option>
                    <option value="percent" selected={kind == "percent"}>{ "Percent" }</option>
                    <option value="date" selected={kind == "date"}>{ "Date (recency)" }</option>
                </select>
            </div>
            if let SignalKind::Count { cap, scale } = signal.kind {
                <div class="editor-field">
                    <label for={format!("{id}-cap")}>{ "Full marks at" }</label>
                    <input type="number" id={format!("{id}-cap")} min="0" step="any" value={cap.to_string()}
                        oninput={onaction.reform(move |e: InputEvent| CalcEvent::SetSignalCap(c, s, number(&e).unwrap_or(f64::NAN)))} />
                </div>
                <div class="editor-field">
                    <label for={format!("{id}-scale")}>{ "Scale" }</label>
                    <select id={format!("{id}-scale")} onchange={onaction.reform(move |e: Event| CalcEvent::SetSignalScale(c, s, if select_value(&e) == "log" { Scale::Log } else { Scale::Linear }))}>
                        <option value="linear" selected={scale == Scale::Linear}>{ "Linear" }</option>
                        <option value="log" selected={scale == Scale::Log}>{ "Log" }</option>
                    </select>
                </div>
            }
            if let SignalKind::Date { half_life_days } = signal.kind {
                <div class="editor-field">
                    <label for={format!("{id}-half-life")}>{ "Halves every (days)" }</label>
                    <input type="number" id={format!("{id}-half-life")} min="1" step="any" value={half_life_days.to_string()}
                        oninput={onaction.reform(move |e: InputEvent| CalcEvent::SetSignalHalfLife(c, s, number(&e).unwrap_or(f64::NAN)))} />
                </div>
            }
            <div class="editor-field">
                <label for={format!("{id}-weight")}>{ "Weight" }</label>
                <input type="number" id={format!("{id}-weight")} min="0" step="any" value={signal.weight.to_string()}
                    oninput={onaction.reform(move |e: InputEvent| CalcEvent::SetSignalWeight(c, s, number(&e).unwrap_or(f64::NAN)))} />
            </div>
            <div class="editor-field">
                <label for={format!("{id}-direction")}>{ "Counts" }</label>
                <select id={format!("{id}-direction")} onchange={onaction.reform(move |e: Event| CalcEvent::SetSignalDirection(c, s, if select_value(&e) == "negative" { Direction::Negative } else { Direction::Positive }))}>
                    <option value="positive" selected={signal.direction == Direction::Positive}>{ "for the score" }</option>
                    <option value="negative" selected={signal.direction == Direction::Negative}>{ "against the score" }</option>
                </select>
            </div>
            <button type="button" class="remove" onclick={onaction.reform(move |_| CalcEvent::RemoveSignal(c, s))}>
                { "Remove" }<span class="visually-hidden">{ format!(" signal {}", signal.label) }</span>
            </button>
        </fieldset>
    }
}
