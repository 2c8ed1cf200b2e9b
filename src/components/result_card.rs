//! The result: score, verdict in words, contribution bar and what it takes.

use yew::prelude::*;

use crate::model::format::{headline, lever, one_decimal, percent, reason};
use crate::model::{Evaluation, Verdict};

/// Props of [`ResultCard`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ResultCardProps {
    /// The evaluation to show.
    pub evaluation: Evaluation,
}

/// The result card, announced politely to screen readers as it changes.
#[component]
pub fn ResultCard(props: &ResultCardProps) -> Html {
    let evaluation = &props.evaluation;
    let verdict = &evaluation.verdict;
    html! {
        <section class={classes!("card", "result", format!("verdict-{}", verdict.word()))} aria-labelledby="result-title">
            <h2 id="result-title">{ "CSQL score" }</h2>
            <div class="result-summary" aria-live="polite" aria-atomic="true">
                <p class="score"><span data-testid="csql-score">{ one_decimal(evaluation.score) }</span><span class="of">{ " / 100" }</span></p>
                <p class="verdict" data-testid="csql-verdict" data-verdict={verdict.word()}>
                    <strong>{ headline(verdict) }</strong>
                    <span class="reason">{ reason(evaluation) }</span>
                </p>
            </div>
            <ContributionBar evaluation={evaluation.clone()} />
            if *verdict == Verdict::Invalid {
                <ul class="problems" aria-label="Inputs to fix">
                    for problem in &evaluation.problems {
                        <li>{ problem.message.clone() }</li>
                    }
                </ul>
            } else {
                <table class="breakdown">
                    <caption class="visually-hidden">{ "What each component contributes" }</caption>
                    <thead>
                        <tr><th scope="col">{ "Component" }</th><th scope="col">{ "Score" }</th><th scope="col">{ "Share" }</th><th scope="col">{ "Points" }</th><th scope="col">{ "On its own" }</th></tr>
                    </thead>
                    <tbody>
                        for part in &evaluation.parts {
                            <tr key={part.key.clone()}>
                                <th scope="row">{ part.name.clone() }</th>
                                <td>{ one_decimal(part.score) }</td>
                                <td>{ percent(part.share) }</td>
                                <td data-testid={format!("points-{}", part.key)}>{ one_decimal(part.points) }</td>
                                <td>{ lever(part.lever) }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            }
        </section>
    }
}

/// Props of [`ContributionBar`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct ContributionBarProps {
    evaluation: Evaluation,
}

/// A 0-100 bar split into each component's points, with the threshold marked.
/// Drawn in SVG so the widths need no inline style (the CSP forbids it).
#[component]
fn ContributionBar(props: &ContributionBarProps) -> Html {
    let evaluation = &props.evaluation;
    let mut x = 0.0;
    let segments: Vec<Html> = evaluation
        .parts
        .iter()
        .enumerate()
        .filter_map(|(i, part)| {
            let width = part.points?;
            let start = x;
            x += width;
            Some(html! { <rect class={format!("seg seg-{}", i % 6)} x={format!("{start:.3}")} y="0" width={format!("{width:.3}")} height="10" /> })
        })
        .collect();
    let label = if evaluation.score.is_some() {
        let parts: Vec<String> = evaluation
            .parts
            .iter()
            .map(|p| format!("{} {} points", p.name, one_decimal(p.points)))
            .collect();
        format!(
            "Contributions: {}; threshold {}",
            parts.join(", "),
            one_decimal(evaluation.threshold)
        )
    } else {
        "No contributions until the inputs are fixed".to_owned()
    };
    html! {
        <figure class="contribution">
            <svg viewBox="0 0 100 14" preserveAspectRatio="none" role="img" aria-label={label} class="bar">
                <rect class="track" x="0" y="0" width="100" height="10" />
                { for segments }
                if let Some(t) = evaluation.threshold {
                    <line class="threshold-mark" x1={format!("{t:.3}")} x2={format!("{t:.3}")} y1="-1" y2="14" />
                }
            </svg>
            <figcaption class="legend">
                for (i, part) in evaluation.parts.iter().enumerate() {
                    <span class="legend-item"><span class={format!("swatch seg-{}", i % 6)} aria-hidden="true"></span>{ format!("{} {}", part.name, one_decimal(part.points)) }</span>
                }
                <span class="legend-item"><span class="swatch threshold-swatch" aria-hidden="true"></span>{ format!("Threshold {}", one_decimal(evaluation.threshold)) }</span>
            </figcaption>
        </figure>
    }
}
