//! The file's columns before mapping: kind, samples, blanks and range, one
//! row per column (hooks: `column-profile`, `data-column`, `data-kind`).

use std::rc::Rc;

use yew::prelude::*;

use crate::model::book::profile::Profile;

/// Props of [`ColumnProfileTable`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ColumnProfileProps {
    /// The profiled file.
    pub profile: Rc<Profile>,
    /// Shown open (the file cannot be scored yet, say).
    #[prop_or_default]
    pub open: bool,
}

/// One row per column of the file; the rows stack as cards on narrow screens.
#[component]
pub fn ColumnProfileTable(props: &ColumnProfileProps) -> Html {
    let profile = &props.profile;
    html! {
        <details class="card book-profile" open={props.open}>
            <summary><h2>{ "Your file" }</h2>{ " " }<span data-testid="profile-kinds">{ profile.kinds_line() }</span></summary>
            <p class="help">{ format!("What each column's values read as, before any mapping. {}", profile.read_from()) }</p>
            <div class="table-scroll profile-scroll" tabindex="0" role="region" aria-label="Columns of the file">
                <table class="profile-table" data-testid="column-profile">
                    <thead><tr>
                        <th scope="col">{ "Column" }</th><th scope="col">{ "Kind" }</th><th scope="col">{ "Sample values" }</th>
                        <th scope="col">{ "Blank" }</th><th scope="col">{ "Range or values" }</th>
                    </tr></thead>
                    <tbody>
                        for column in &profile.columns {
                            <tr key={column.header.clone()} data-column={column.header.clone()} data-kind={column.kind.word()}>
                                <th scope="row" class="profile-name">{ column.header.clone() }</th>
                                <td><span class="cell-heading">{ "Kind: " }</span>{ column.kind.word() }</td>
                                <td><span class="cell-heading">{ "Samples: " }</span>{ column.shown.samples.clone() }</td>
                                <td><span class="cell-heading">{ "Blank: " }</span>{ column.shown.blanks.clone() }</td>
                                <td><span class="cell-heading">{ "Range: " }</span>{ column.spread.clone() }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
        </details>
    }
}
