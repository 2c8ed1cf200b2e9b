//! The view tabs: real links (`?view=book`), so middle-click opens a view in a
//! new tab and the address always says where you are; a plain click switches
//! in place and records the view in the browser's history.

use yew::prelude::*;

use crate::model::share::route::View;

/// Props of [`ViewTabs`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ViewTabsProps {
    /// The view showing.
    pub current: View,
    /// The page's query string, which each tab's address is built from.
    pub query: AttrValue,
    /// Receives the view a plain click chose.
    pub onshow: Callback<View>,
}

/// The tabs.
#[component]
pub fn ViewTabs(props: &ViewTabsProps) -> Html {
    html! {
        <nav class="views" aria-label="Views">
            for view in View::ALL {
                {{
                    let query = view.query(&props.query);
                    let href = if query.is_empty() { "./".to_owned() } else { query };
                    let onshow = props.onshow.clone();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        // Let the browser handle a new tab or window (middle click, modifiers).
                        if e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
                            e.prevent_default();
                            onshow.emit(view);
                        }
                    });
                    html! {
                        <a class={classes!("view-tab", (props.current == view).then_some("current"))} {href}
                            aria-current={(props.current == view).then_some("page")} data-testid={format!("tab-{}", view.key())}
                            {onclick}>{ view.label() }</a>
                    }
                }}
            }
        </nav>
    }
}
