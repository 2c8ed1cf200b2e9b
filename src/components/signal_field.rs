//! One signal input: a checkbox for yes/no, a text box for numbers.

use yew::prelude::*;

use crate::model::calc::state::CalcEvent;
use crate::model::calc::view::SignalInput;
use crate::model::{Signal, SignalKind};
use crate::web::input_checked;

use super::{FieldError, TextField};

/// Props of [`SignalField`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SignalFieldProps {
    /// Index of the signal's component.
    pub component: usize,
    /// Index of the signal within its component.
    pub index: usize,
    /// The input's id, unique on the page.
    pub id: AttrValue,
    /// The signal.
    pub signal: Signal,
    /// Its words: problem, ticked, hint, example.
    pub input: SignalInput,
    /// Receives [`CalcEvent::SetSignal`].
    pub onaction: Callback<CalcEvent>,
}

/// A labelled signal input with its hint and error.
#[component]
pub fn SignalField(props: &SignalFieldProps) -> Html {
    let SignalFieldProps {
        component,
        index,
        id,
        signal,
        input,
        onaction,
    } = props;
    let message = input.problem.clone().map(AttrValue::from);
    let (c, s) = (*component, *index);
    let error_id = format!("{id}-error");
    if signal.kind == SignalKind::YesNo {
        let checked = input.checked;
        return html! {
            <div class="signal signal-yes-no">
                <input type="checkbox" id={id.clone()} {checked}
                    onchange={onaction.reform(move |e: Event| CalcEvent::SetSignal(c, s, if input_checked(&e) { "yes" } else { "no" }.to_owned()))} />
                <label for={id.clone()}>{ signal.label.clone() }</label>
                <FieldError id={error_id} message={message.clone()} />
            </div>
        };
    }
    html! {
        <TextField id={id.clone()} class="signal" label={signal.label.clone()} value={signal.value.clone()}
            hint={AttrValue::from(input.hint.clone())} placeholder={AttrValue::from(input.example.clone())}
            maxlength={crate::model::core::limits::MAX_NUMBER_LEN} error={message.clone()}
            oninput={onaction.reform(move |text| CalcEvent::SetSignal(c, s, text))} />
    }
}
