//! The result: score, verdict in words, contribution bar and what each
//! component would take. Everything shown comes from the model's view.

use yew::prelude::*;

use crate::model::calc::view::ResultView;

/// Props of [`ResultCard`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ResultCardProps {
    /// The result to show.
    pub result: ResultView,
}

/// The result card, announced politely to screen readers as it changes.
#[component]
pub fn ResultCard(props: &ResultCardProps) -> Html {
    let r = &props.result;
    html! {
        <section class={classes!("card", "result", format!("verdict-{}", r.verdict), r.blank.then_some("blank"))} aria-labelledby="result-title">
            <h2 id="result-title">{ "CSQL score" }</h2>
            <div class="result-summary" aria-live="polite" aria-atomic="true">
                <p class="score"><span data-testid="csql-score">{ r.score.clone() }</span><span class="of">{ " / 100" }</span></p>
                <p class="verdict" data-testid="csql-verdict" data-verdict={r.verdict}>
                    <strong>{ r.headline.clone() }</strong>
                    <span class="reason">{ r.reason.clone() }</span>
                </p>
            </div>
            if !r.blank {
                <figure class="contribution">
                    <svg viewBox="0 0 100 14" preserveAspectRatio="none" role="img" aria-label={r.bar_label.clone()} class="bar">
                        <rect class="track" x="0" y="0" width="100" height="10" />
                        for segment in &r.bar {
                            <rect class={segment.class.clone()} x={format!("{:.3}", segment.x)} y="0" width={format!("{:.3}", segment.width)} height="10" />
                        }
                        if let Some(t) = r.threshold_x {
                            <line class="threshold-mark" x1={format!("{t:.3}")} x2={format!("{t:.3}")} y1="-1" y2="14" />
                        }
                    </svg>
                    if let Some((x, anchor, words)) = &r.threshold_label {
                        <svg class="bar-scale" width="100%" height="16" aria-hidden="true">
                            <text x={x.clone()} y="12" text-anchor={*anchor} data-testid="threshold-label">{ words.clone() }</text>
                        </svg>
                    }
                </figure>
            }
            if !r.problems.is_empty() {
                <ul class="problems" aria-label="Inputs to fix">
                    for problem in &r.problems {
                        <li>{ problem.clone() }</li>
                    }
                </ul>
            } else if !r.blank {
                <table class="breakdown">
                    <caption class="visually-hidden">{ "What each component contributes, and what it would need alone" }</caption>
                    <thead>
                        <tr><th scope="col">{ "Component" }</th><th scope="col" class="num">{ "Score" }</th><th scope="col" class="num">{ "Points" }</th><th scope="col" class="lever">{ "To qualify" }</th></tr>
                    </thead>
                    <tbody>
                        for row in &r.rows {
                            <tr key={row.key.clone()}>
                                <th scope="row"><span class={classes!("swatch", row.class.clone())} aria-hidden="true"></span>{ row.name.clone() }
                                    // Where the card is narrow the last column goes, and its words stand under the name.
                                    <span class="lever-inline">{ row.to_qualify.clone() }</span></th>
                                <td class="num">{ row.score.clone() }</td>
                                <td class="num" data-testid={format!("points-{}", row.key)}>{ row.points.clone() }</td>
                                <td class="lever">{ row.to_qualify.clone() }</td>
                            </tr>
                            for signal in &row.signals {
                                <tr key={format!("{}-{}", row.key, signal.key)} class="signal-points">
                                    <th scope="row">{ signal.label.clone() }<span class="counts">{ signal.counts.clone() }</span></th>
                                    <td></td>
                                    <td class="num" data-testid={format!("signal-points-{}-{}", row.key, signal.key)}>{ signal.points.clone() }</td>
                                    <td class="lever"></td>
                                </tr>
                            }
                        }
                    </tbody>
                </table>
            }
        </section>
    }
}
