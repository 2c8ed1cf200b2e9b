//! Which accounts moved into or out of CSQL with the last weight or threshold change.

use yew::prelude::*;

use crate::model::book::Moved;

/// At most this many ids are listed per direction.
const SHOWN: usize = 30;

/// Props of [`MovedList`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct MovedListProps {
    /// What moved; `None` before any change of weights or threshold.
    pub moved: Option<Moved>,
}

fn ids(list: &[String]) -> String {
    let mut text = list.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if list.len() > SHOWN {
        text.push_str(&format!(" and {} more", list.len() - SHOWN));
    }
    text
}

/// Two short lists, or a hint to move a weight.
#[component]
pub fn MovedList(props: &MovedListProps) -> Html {
    let Some(moved) = &props.moved else {
        return html! {
            <div class="book-moved" aria-live="polite">
                <h3>{ "Moved" }</h3>
                <p class="help">{ "Change a weight or the threshold to see which accounts move in or out of CSQL." }</p>
            </div>
        };
    };
    html! {
        <div class="book-moved" aria-live="polite">
            <h3>{ "Moved with the last change" }</h3>
            <p><strong data-testid="moved-in">{ moved.into.len() }</strong>{ " became CSQLs" }
                if !moved.into.is_empty() { <span class="book-ids">{ format!(": {}", ids(&moved.into)) }</span> }</p>
            <p><strong data-testid="moved-out">{ moved.out_of.len() }</strong>{ " no longer CSQLs" }
                if !moved.out_of.is_empty() { <span class="book-ids">{ format!(": {}", ids(&moved.out_of)) }</span> }</p>
        </div>
    }
}
