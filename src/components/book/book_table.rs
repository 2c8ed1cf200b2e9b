//! The ranked accounts, virtually scrolled: only the rows in view (plus a few
//! either side) are in the page. Rows have a fixed height (`ROW_HEIGHT`, fixed
//! in `book.css`); two spacer rows stand in for the rest, their height set by
//! the `height` attribute of an empty SVG (an attribute, not an inline style, so
//! the page's CSP allows it). The scroll box keeps the page from scrolling
//! sideways: a wide table scrolls inside it.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::book::DEFAULT_VIEWPORT;
use crate::model::book::{first_visible, rows_height, window, Book, Scores, Shared, SortKey};
use crate::web;

use super::{BookRow, SortHeader};

/// Props of [`BookTable`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BookTableProps {
    /// The book.
    pub book: Shared<Book>,
    /// Its scores.
    pub scores: Shared<Scores>,
    /// The accounts to show, in order.
    pub order: Shared<Vec<usize>>,
    /// Sort key and direction (descending).
    pub sort: (SortKey, bool),
    /// The account shown in detail.
    pub selected: Option<usize>,
    /// Receives a sort key.
    pub onsort: Callback<SortKey>,
    /// Receives the account to show in detail.
    pub onselect: Callback<usize>,
}

fn spacer(columns: usize, rows: usize) -> Html {
    if rows == 0 {
        return html! {};
    }
    html! {
        <tr class="spacer" aria-hidden="true">
            <td colspan={columns.to_string()}><svg class="spacer-fill" width="1" height={rows_height(rows).to_string()} focusable="false" /></td>
        </tr>
    }
}

/// The table in its scroll box.
#[component]
pub fn BookTable(props: &BookTableProps) -> Html {
    // (first visible row, box height in pixels)
    let scroll = use_state_eq(|| (0usize, DEFAULT_VIEWPORT));
    let boxed = use_node_ref();
    // A new order (sort, filter, search, rescore) starts again at the top.
    {
        let (scroll, boxed) = (scroll.clone(), boxed.clone());
        use_effect_with(props.order.clone(), move |_| {
            if let Some(element) = boxed.cast::<web_sys::Element>() {
                web::page::scroll_to_top(&element);
            }
            scroll.set((0, scroll.1));
        });
    }
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            if let Some((top, height)) = web::page::scroll_metrics(&e) {
                let next = (first_visible(top), height);
                if next != *scroll {
                    scroll.set(next);
                }
            }
        })
    };
    let order: &Rc<Vec<usize>> = &props.order.0;
    let total = order.len();
    let (start, end) = window(scroll.0, scroll.1, total);
    let components = props.book.components();
    let columns = components.len() + 7;
    let header = |label: String, column: SortKey, class: &str| {
        html! { <SortHeader label={label} column={column} sort={props.sort} class={AttrValue::from(class.to_owned())} onsort={props.onsort.clone()} /> }
    };
    html! {
        <div class="book-scroll" ref={boxed} tabindex="0" role="region" aria-label="Ranked accounts (scrolls)" data-testid="book-table" {onscroll}>
            <table class="book-table" aria-rowcount={(total + 1).to_string()}>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class="c-rank">{ "#" }</th>
                        { header("Id".into(), SortKey::Id, "c-id") }
                        { header("Score".into(), SortKey::Score, "c-num") }
                        <th scope="col" class="c-verdict">{ "Verdict" }</th>
                        { header("Name".into(), SortKey::Name, "c-name") }
                        { header("Owner".into(), SortKey::Owner, "c-owner") }
                        { header("Segment".into(), SortKey::Segment, "c-seg") }
                        for (i, c) in components.iter().enumerate() {
                            { header(c.name.clone(), SortKey::Component(i), "c-num") }
                        }
                    </tr>
                </thead>
                <tbody>
                    { spacer(columns, start) }
                    for position in start..end {
                        <BookRow key={order[position]} book={props.book.clone()} scores={props.scores.clone()}
                            position={position} row={order[position]} selected={props.selected == Some(order[position])}
                            onselect={props.onselect.clone()} />
                    }
                    { spacer(columns, total - end) }
                    if total == 0 {
                        <tr><td colspan={columns.to_string()} class="book-empty">{ "No account matches." }</td></tr>
                    }
                </tbody>
            </table>
        </div>
    }
}
