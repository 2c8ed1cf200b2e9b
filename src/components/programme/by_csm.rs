//! The coaching table: every CSM's metrics side by side.

use yew::prelude::*;

use crate::model::programme::words::caution_legend;
use crate::model::programme::{Benchmarks, Metrics};

use super::coach_row::{CoachRow, COLUMNS};

/// Props of [`ByCsmSection`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ByCsmSectionProps {
    /// Each row's display name, in grid order.
    pub names: Vec<AttrValue>,
    /// Each row's metrics, in grid order (`None` for a row with a problem).
    pub rows: Vec<Option<Metrics>>,
    /// The benchmark table in use.
    pub benchmarks: Benchmarks,
}

/// A table by CSM with tiers and bullet charts (a card per CSM where the
/// card is narrow), once there are two rows or more.
#[component]
pub fn ByCsmSection(props: &ByCsmSectionProps) -> Html {
    html! {
        <section class="card programme-section" id="programme-by-csm" data-section="by_csm" aria-labelledby="by-csm-title">
            <h2 id="by-csm-title">{ "By CSM" }</h2>
            if props.rows.len() < 2 {
                <p class="help" data-testid="coaching-hint">
                    { "Add a row per CSM (or paste them from a spreadsheet) to compare CSMs and find who to coach." }
                </p>
            } else {
                <p class="help" id="by-csm-help">
                    { "Each CSM against the benchmarks of their segment. A tier below good marks a coaching opportunity; the benchmarks give acceptance no tier, so compare each CSM's acceptance with the team's; \
                       the CSMs whose CSQLs close won show which signals work. " }
                    { caution_legend() }
                </p>
                <div class="table-scroll programme-scroll" tabindex="0" role="region" aria-label="Coaching table by CSM">
                    <table class="coaching" data-testid="coaching-table" aria-describedby="by-csm-help">
                        <thead>
                            <tr>
                                <th scope="col">{ "CSM" }</th>
                                for column in COLUMNS {
                                    <th scope="col">{ column }</th>
                                }
                            </tr>
                        </thead>
                    <tbody>
                            for (index, (name, metrics)) in props.names.iter().zip(&props.rows).enumerate() {
                                <CoachRow key={index} {index} name={name.clone()} metrics={metrics.clone()}
                                    benchmarks={props.benchmarks.clone()} />
                            }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}
