//! A column header that sorts the table.

use yew::prelude::*;

use crate::model::book::SortKey;

/// Props of [`SortHeader`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SortHeaderProps {
    /// The column's name.
    pub label: AttrValue,
    /// The key this column sorts by.
    pub column: SortKey,
    /// The table's sort now: key and direction.
    pub sort: (SortKey, bool),
    /// A class for the column width.
    pub class: AttrValue,
    /// Receives the key when the header is pressed.
    pub onsort: Callback<SortKey>,
}

/// A `<th>` with a button and `aria-sort`.
#[component]
pub fn SortHeader(props: &SortHeaderProps) -> Html {
    let (key, descending) = props.sort;
    let active = key == props.column;
    let aria = match (active, descending) {
        (false, _) => "none",
        (true, true) => "descending",
        (true, false) => "ascending",
    };
    let arrow = match aria {
        "descending" => " \u{2193}",
        "ascending" => " \u{2191}",
        _ => "",
    };
    let key = props.column;
    html! {
        <th scope="col" class={props.class.clone()} aria-sort={aria}>
            <button type="button" class="book-sort" onclick={props.onsort.reform(move |_| key)}>
                { props.label.clone() }<span aria-hidden="true">{ arrow }</span>
            </button>
        </th>
    }
}
