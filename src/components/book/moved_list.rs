//! Which accounts moved into or out of CSQL since the baseline: the book as
//! loaded, or a scoring the user pinned.

use yew::prelude::*;

use crate::model::book::{BookEvent, Moved};

/// At most this many ids are listed per direction.
const SHOWN: usize = 30;

/// Props of [`MovedList`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct MovedListProps {
    /// What moved; `None` while the book cannot be scored.
    pub moved: Option<Moved>,
    /// The baseline was pinned by the user (else: the book as loaded).
    pub pinned: bool,
    /// Receives pin, unpin and export.
    pub ondispatch: Callback<BookEvent>,
}

fn ids(list: &[String]) -> String {
    let mut text = list.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if list.len() > SHOWN {
        text.push_str(&format!(" and {} more", list.len() - SHOWN));
    }
    text
}

/// The net change, who moved in and out, pin and export.
#[component]
pub fn MovedList(props: &MovedListProps) -> Html {
    let since = if props.pinned {
        "since the pinned baseline"
    } else {
        "since the book was loaded"
    };
    let d = &props.ondispatch;
    html! {
        <div class="book-moved" aria-live="polite">
            <h3>{ format!("Moved {since}") }</h3>
            if let Some(moved) = &props.moved {
                <p>
                    { "Net change in CSQLs: " }
                    <strong data-testid="moved-net">{ crate::model::core::format::signed(moved.into.len(), moved.out_of.len()) }</strong>
                    { " (" }<strong data-testid="moved-in">{ moved.into.len() }</strong>{ " in, " }
                    <strong data-testid="moved-out">{ moved.out_of.len() }</strong>{ " out)." }
                </p>
                if !moved.into.is_empty() { <p class="book-ids">{ format!("In: {}", ids(&moved.into)) }</p> }
                if !moved.out_of.is_empty() { <p class="book-ids">{ format!("Out: {}", ids(&moved.out_of)) }</p> }
                <div class="button-row">
                    <button type="button" data-testid="pin-baseline" onclick={d.reform(|_| BookEvent::PinBaseline)}>{ "Pin as baseline" }</button>
                    if props.pinned {
                        <button type="button" class="secondary" onclick={d.reform(|_| BookEvent::UnpinBaseline)}>{ "Compare with the book as loaded" }</button>
                    }
                    if !moved.into.is_empty() || !moved.out_of.is_empty() {
                        <button type="button" class="secondary" data-testid="export-movers" onclick={d.reform(|_| BookEvent::ExportMovers)}>{ "Export the movers" }</button>
                    }
                </div>
            } else {
                <p class="help">{ "Fix the weights or threshold to compare." }</p>
            }
        </div>
    }
}
