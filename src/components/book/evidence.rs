//! Evidence for the weights on a book with Sales outcomes: the backtest of
//! the current model, the threshold sweep (a chart with the table behind it),
//! weights fitted to the outcomes, and scenarios side by side. Every figure,
//! string and coordinate comes from the model (`model::evidence`).

use yew::prelude::*;

use crate::model::calc::state::CalcEvent;
use crate::model::evidence::page::{BacktestResult, EvidenceView, FitState};
use crate::model::evidence::state::{EvidenceEvent, EvidenceState};
use crate::model::evidence::ScenarioError;
use crate::model::evidence::{ChartView, ComparisonView, Scenario, SuggestionView};
use crate::model::root::AppEvent;
use crate::web::input_checked;

use crate::components::TextField;

/// Props of [`EvidenceSection`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct EvidenceSectionProps {
    /// The fit, the scenarios chosen, and the figures.
    pub evidence: EvidenceState,
    /// Saved scenarios.
    pub scenarios: Vec<Scenario>,
    /// The model is locked: no fit to apply, no scenario to save.
    pub locked: bool,
    /// Receives the section's events.
    pub onevent: Callback<AppEvent>,
}

/// The evidence section.
#[component]
pub fn EvidenceSection(props: &EvidenceSectionProps) -> Html {
    let evidence = &props.evidence;
    let Some(figures) = &evidence.figures else {
        return html! {};
    };
    let view = &figures.view;
    let on = &props.onevent;
    html! {
        <section class="card evidence" data-testid="backtest" aria-labelledby="evidence-title">
            <h2 id="evidence-title">{ "Evidence: would these accounts have converted?" }</h2>
            <p class="help">{ "Accounts whose closed-won cell says yes or no are the evidence; a blank cell is not counted as lost. Figures follow every change of the weights and threshold." }</p>
            <Backtest result={view.won.clone()} testids=true title="Against closed-won" />
            if let Some(accepted) = &view.accepted {
                <Backtest result={accepted.clone()} testids=false title="Against accepted by Sales" />
            }
            <Sweep view={view.clone()} open={evidence.sweep_open} onevent={on.clone()} />
            <FitPanel fit={evidence.fit.clone()} locked={props.locked} onevent={on.clone()} />
            <Scenarios scenarios={props.scenarios.clone()} compare={evidence.compare.clone()} name={AttrValue::from(evidence.scenario_name.clone())}
                comparison={figures.comparison.clone()} locked={props.locked} onevent={on.clone()} />
        </section>
    }
}

/// Props of [`Backtest`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct BacktestProps {
    result: BacktestResult,
    /// Carry the `backtest-*` hooks (the closed-won figures).
    testids: bool,
    title: AttrValue,
}

#[component]
fn Backtest(props: &BacktestProps) -> Html {
    let hook = |name: &str| props.testids.then(|| format!("backtest-{name}"));
    html! {
        <div class="backtest">
            <h3>{ props.title.clone() }</h3>
            {
                match &props.result {
                    Err(why) => html! { <p class="help">{ why.to_string() }</p> },
                    Ok(b) => html! {
                        <>
                            <dl class="figures">
                                <div><dt>{ "Qualified" }</dt><dd data-testid={hook("qualified")}>{ b.qualified.clone() }</dd></div>
                                <div><dt>{ "Conversion among qualified" }</dt><dd data-testid={hook("conversion")}>{ b.conversion.clone() }</dd></div>
                                <div><dt>{ "Conversion among the rest" }</dt><dd>{ b.rest.clone() }</dd></div>
                                <div><dt>{ "Won captured" }</dt><dd data-testid={hook("captured")}>{ b.captured.clone() }</dd></div>
                                <div><dt>{ "Lift" }</dt><dd data-testid={hook("lift")}>{ b.lift.clone() }</dd></div>
                                <div><dt>{ "Rank quality (AUC)" }</dt><dd data-testid={hook("auc")}>{ b.auc.clone() }</dd></div>
                            </dl>
                            <p class="help">{ format!("{} labelled accounts: {}.", b.labelled, b.outcomes) }</p>
                            if let Some(caution) = &b.caution {
                                <p class="caution" role="note">{ caution.clone() }</p>
                            }
                        </>
                    },
                }
            }
        </div>
    }
}

/// Props of [`Sweep`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct SweepProps {
    view: std::rc::Rc<EvidenceView>,
    /// The data table is open.
    open: bool,
    onevent: Callback<AppEvent>,
}

/// The threshold sweep: chart, suggestion and the data table behind it.
#[component]
fn Sweep(props: &SweepProps) -> Html {
    let view = &props.view;
    html! {
        <div class="sweep">
            <h3>{ "Every threshold from 0 to 100" }</h3>
            <p data-testid="suggested-threshold" class="suggested">
                {
                    match &view.suggested {
                        Ok(t) => format!("Suggested threshold: {t}, the lowest whose conversion reaches the great band for {} with enough accounts.", view.segment),
                        Err(why) => format!("No suggested threshold: {why}."),
                    }
                }
            </p>
            <p class="help" data-testid="bands-segment">{ view.segment_note.clone() }</p>
            if let Some(chart) = &view.chart {
                <SweepChart chart={chart.clone()} />
                <details class="sweep-data" open={props.open}
                    ontoggle={props.onevent.reform(|e: Event| AppEvent::Evidence(EvidenceEvent::SweepData(crate::web::details_open(&e))))}>
                    <summary>{ "The numbers behind the chart" }</summary>
                    if props.open {
                    <div class="scroll-x" tabindex="0" role="region" aria-label="Threshold sweep table">
                        <table class="breakdown">
                            <caption class="visually-hidden">{ "Qualified accounts, conversion among them and wins captured at each threshold" }</caption>
                            <thead><tr><th scope="col">{ "Threshold" }</th><th scope="col" class="num">{ "Qualified" }</th><th scope="col" class="num">{ "Conversion" }</th><th scope="col" class="num">{ "Won captured" }</th></tr></thead>
                            <tbody>
                                for row in &view.table {
                                    <tr class={classes!(row.current.then_some("current"), row.suggested.then_some("suggested"))}>
                                        <th scope="row">{ row.threshold.clone() }{ if row.current { " (current)" } else if row.suggested { " (suggested)" } else { "" } }</th>
                                        <td class="num">{ row.qualified.clone() }</td>
                                        <td class="num">{ row.conversion.clone() }</td>
                                        <td class="num">{ row.captured.clone() }</td>
                                    </tr>
                                }
                            </tbody>
                        </table>
                    </div>
                    }
                </details>
            }
        </div>
    }
}

/// Props of [`SweepChart`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct SweepChartProps {
    chart: ChartView,
}

#[component]
fn SweepChart(props: &SweepChartProps) -> Html {
    let c = &props.chart;
    let (left, top, right, bottom) = c.plot;
    html! {
        <figure class="sweep-chart">
            <svg viewBox={format!("0 0 {} {}", c.width, c.height)} role="img" aria-label={c.summary.clone()} focusable="false">
                for band in &c.bands {
                    <rect class={format!("band band-{}", band.word)} x={band.x.to_string()} y={band.y.to_string()}
                        width={band.width.to_string()} height={band.height.to_string()}>
                        <title>{ band.label.clone() }</title>
                    </rect>
                }
                <line class="axis" x1={left.to_string()} x2={right.to_string()} y1={bottom.to_string()} y2={bottom.to_string()} />
                for tick in &c.threshold_ticks {
                    <text class="tick" x={tick.position.to_string()} y={(bottom + 16.0).to_string()} text-anchor="middle">{ tick.label.clone() }</text>
                }
                for tick in &c.count_ticks {
                    <text class="tick" x={(left - 6.0).to_string()} y={(tick.position + 4.0).to_string()} text-anchor="end">{ tick.label.clone() }</text>
                }
                for tick in &c.percent_ticks {
                    <text class="tick" x={(right + 6.0).to_string()} y={(tick.position + 4.0).to_string()} text-anchor="start">{ tick.label.clone() }</text>
                }
                for series in &c.series {
                    <path class={format!("series series-{}", series.key)} d={series.path.clone()} />
                }
                <line class="mark mark-current" x1={c.current.x.to_string()} x2={c.current.x.to_string()} y1={top.to_string()} y2={bottom.to_string()}>
                    <title>{ c.current.label.clone() }</title>
                </line>
                if let Some(s) = &c.suggested {
                    <line class="mark mark-suggested" x1={s.x.to_string()} x2={s.x.to_string()} y1={top.to_string()} y2={bottom.to_string()}>
                        <title>{ s.label.clone() }</title>
                    </line>
                }
            </svg>
            <figcaption class="legend">
                for series in &c.series {
                    <span class="legend-item"><span class={format!("swatch swatch-{}", series.key)} aria-hidden="true"></span>{ series.label }</span>
                }
                <span class="legend-item"><span class="swatch swatch-current" aria-hidden="true"></span>{ c.current.label.clone() }</span>
                if let Some(s) = &c.suggested {
                    <span class="legend-item"><span class="swatch swatch-suggested" aria-hidden="true"></span>{ s.label.clone() }</span>
                }
            </figcaption>
        </figure>
    }
}

/// Props of [`FitPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct FitPanelProps {
    fit: FitState,
    locked: bool,
    onevent: Callback<AppEvent>,
}

#[component]
fn FitPanel(props: &FitPanelProps) -> Html {
    let on = &props.onevent;
    let running = matches!(props.fit, FitState::Running { .. });
    html! {
        <div class="fit">
            <h3>{ "Weights fitted to the outcomes" }</h3>
            <p class="help">{ "A logistic regression of closed-won on the component scores, with weights kept at 0 or more and a small ridge penalty so small books stay stable; checked by 5-fold cross-validation." }</p>
            <button type="button" data-testid="fit-weights" disabled={running}
                onclick={on.reform(|_| AppEvent::Evidence(EvidenceEvent::Fit))}>{ "Fit weights to outcomes" }</button>
            {
                match &props.fit {
                    FitState::Idle => html! {},
                    FitState::Running { done, of, .. } => html! {
                        <p role="status" class="help">{ format!("Fitting\u{2026} {done} of {of} steps done.") }</p>
                    },
                    FitState::Refused(why) => html! { <p role="alert" class="field-error" data-testid="fit-refused">{ format!("No fit: {why}.") }</p> },
                    FitState::Ready { view, .. } => html! { <Suggested view={(**view).clone()} locked={props.locked} onevent={on.clone()} /> },
                }
            }
        </div>
    }
}

/// Props of [`Suggested`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct SuggestedProps {
    view: SuggestionView,
    locked: bool,
    onevent: Callback<AppEvent>,
}

#[component]
fn Suggested(props: &SuggestedProps) -> Html {
    let v = &props.view;
    let on = &props.onevent;
    html! {
        <div class="suggestion" role="status">
            <table class="breakdown">
                <caption>{ "Suggested weights beside the current ones (shares of the score)" }</caption>
                <thead><tr><th scope="col">{ "Component" }</th><th scope="col" class="num">{ "Current" }</th><th scope="col" class="num">{ "Suggested" }</th></tr></thead>
                <tbody>
                    for row in &v.weights {
                        <tr key={row.key.clone()}>
                            <th scope="row">{ row.name.clone() }</th>
                            <td class="num">{ row.current.clone() }</td>
                            <td class="num" data-testid={format!("fitted-weight-{}", row.key)}>{ row.suggested.clone() }</td>
                        </tr>
                    }
                </tbody>
            </table>
            <p>{ format!("Cross-validated rank quality (AUC): current {}, suggested {}. {}", v.cv_current, v.cv_suggested, v.cv_note) }</p>
            <p>{ format!("At the threshold of {}: {} accounts would become CSQLs and {} would stop being CSQLs.", v.threshold, v.moved_in, v.moved_out) }</p>
            <ComparisonTable view={v.change.clone()} />
            if let Some(warning) = &v.warning {
                <p class="field-error" role="alert" data-testid="fit-warning">{ warning.clone() }</p>
            }
            <div class="button-row">
                if !props.locked {
                    if v.warning.is_some() {
                        <button type="button" class="secondary" onclick={on.reform(|_| AppEvent::SaveFitted)}>{ "Keep as a scenario" }</button>
                        <button type="button" class="secondary" data-testid="apply-fitted" onclick={on.reform(|_| AppEvent::ApplyFitted)}>{ "Apply anyway" }</button>
                    } else {
                        <button type="button" data-testid="apply-fitted" onclick={on.reform(|_| AppEvent::ApplyFitted)}>{ "Apply suggested weights" }</button>
                        <button type="button" class="secondary" onclick={on.reform(|_| AppEvent::SaveFitted)}>{ "Keep as a scenario" }</button>
                    }
                }
                <button type="button" class="secondary" onclick={on.reform(|_| AppEvent::Evidence(EvidenceEvent::DismissFit))}>{ "Close" }</button>
            </div>
        </div>
    }
}

/// Props of [`Scenarios`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct ScenariosProps {
    scenarios: Vec<Scenario>,
    compare: Vec<String>,
    name: AttrValue,
    comparison: Option<Result<std::rc::Rc<ComparisonView>, ScenarioError>>,
    locked: bool,
    onevent: Callback<AppEvent>,
}

#[component]
fn Scenarios(props: &ScenariosProps) -> Html {
    let on = &props.onevent;
    let name = props.name.to_string();
    html! {
        <div class="scenarios">
            <h3>{ "Scenarios side by side" }</h3>
            <p class="help">{ "Keep the current weights, threshold and required gates under a name (\u{201c}current\u{201d}, \u{201c}what Sales proposed\u{201d}), then compare two or three on this book. Scenarios are saved with the model and travel in its share link." }</p>
            if !props.locked {
                <div class="scenario-save">
                    <TextField id="scenario-name" label="Scenario name" inputmode="text" value={props.name.clone()}
                        placeholder={AttrValue::from("e.g. What Sales proposed")} maxlength={crate::model::core::limits::MAX_NAME_LEN}
                        oninput={on.reform(|text| AppEvent::Evidence(EvidenceEvent::ScenarioName(text)))} />
                    <button type="button" data-testid="scenario-save" disabled={name.trim().is_empty()}
                        onclick={on.reform(move |_| AppEvent::SaveScenario(name.clone()))}>{ "Save the current criteria as a scenario" }</button>
                </div>
            }
            if !props.scenarios.is_empty() {
                <fieldset class="scenario-list">
                    <legend>{ "Compare (choose two or three)" }</legend>
                    for (index, scenario) in props.scenarios.iter().enumerate() {
                        {{
                            let id = format!("scenario-{index}");
                            let chosen = props.compare.contains(&scenario.name);
                            let scenario_name = scenario.name.clone();
                            html! {
                                <div class="scenario" key={scenario.name.clone()}>
                                    <input type="checkbox" id={id.clone()} checked={chosen}
                                        onchange={on.reform(move |e: Event| AppEvent::Evidence(EvidenceEvent::Choose(scenario_name.clone(), input_checked(&e))))} />
                                    <label for={id}>{ scenario.name.clone() }</label>
                                    if !props.locked {
                                        <button type="button" class="secondary" onclick={on.reform(move |_| AppEvent::Calc(CalcEvent::UseScenario(index)))}>
                                            { "Use" }<span class="visually-hidden">{ format!(" {}", scenario.name) }</span>
                                        </button>
                                        <button type="button" class="remove" onclick={on.reform(move |_| AppEvent::Calc(CalcEvent::RemoveScenario(index)))}>
                                            { "Remove" }<span class="visually-hidden">{ format!(" {}", scenario.name) }</span>
                                        </button>
                                    }
                                </div>
                            }
                        }}
                    }
                </fieldset>
            }
            {
                match &props.comparison {
                    None => html! {},
                    Some(Err(why)) => html! { <p class="field-error" role="alert">{ why.to_string() }</p> },
                    Some(Ok(view)) => html! {
                        <>
                            <ComparisonTable view={(**view).clone()} />
                            <button type="button" class="secondary" onclick={on.reform(|_| AppEvent::Evidence(EvidenceEvent::ExportFlips))}>{ "Export the accounts that flip" }</button>
                        </>
                    },
                }
            }
        </div>
    }
}

/// Props of [`ComparisonTable`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct ComparisonTableProps {
    view: ComparisonView,
}

#[component]
fn ComparisonTable(props: &ComparisonTableProps) -> Html {
    let v = &props.view;
    html! {
        <div class="comparison">
            <div class="scroll-x" tabindex="0" role="region" aria-label="Scenarios compared">
                <table class="breakdown">
                    <thead>
                        <tr>
                            <th scope="col">{ "" }<span class="visually-hidden">{ "Figure" }</span></th>
                            for column in &v.columns { <th scope="col" class="num">{ column.name.clone() }</th> }
                        </tr>
                    </thead>
                    <tbody>
                        <tr><th scope="row">{ "CSQLs" }</th>{ for v.columns.iter().map(|c| html! { <td class="num">{ c.csqls.clone() }</td> }) }</tr>
                        <tr><th scope="row">{ "Conversion among qualified" }</th>{ for v.columns.iter().map(|c| html! { <td class="num">{ c.conversion.clone() }</td> }) }</tr>
                        <tr><th scope="row">{ "Won captured" }</th>{ for v.columns.iter().map(|c| html! { <td class="num">{ c.captured.clone() }</td> }) }</tr>
                        <tr><th scope="row">{ "Rank quality (AUC)" }</th>{ for v.columns.iter().map(|c| html! { <td class="num">{ c.auc.clone() }</td> }) }</tr>
                    </tbody>
                </table>
            </div>
            <p><strong data-testid="scenario-flips">{ v.flips.clone() }</strong>{ " accounts have a different verdict between these scenarios." }</p>
            if !v.flip_rows.is_empty() {
                <div class="scroll-x" tabindex="0" role="region" aria-label="Accounts that flip">
                    <table class="breakdown">
                        <thead>
                            <tr>
                                <th scope="col">{ "Account" }</th>
                                for column in &v.columns { <th scope="col">{ column.name.clone() }</th> }
                            </tr>
                        </thead>
                        <tbody>
                            for row in &v.flip_rows {
                                <tr key={row.row}>
                                    <th scope="row">{ if row.name.is_empty() { row.id.clone() } else { format!("{} ({})", row.id, row.name) } }</th>
                                    for cell in &row.cells { <td data-verdict={cell.verdict}>{ cell.text.clone() }</td> }
                                </tr>
                            }
                        </tbody>
                    </table>
                </div>
            }
            if !v.owners.is_empty() {
                <div class="scroll-x" tabindex="0" role="region" aria-label="CSQLs per owner, by scenario">
                    <table class="breakdown">
                        <caption>{ "CSQLs per owner" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Owner" }</th>
                                for column in &v.columns { <th scope="col" class="num">{ column.name.clone() }</th> }
                                for column in v.columns.iter().skip(1) { <th scope="col" class="num">{ format!("Change, {}", column.name) }</th> }
                            </tr>
                        </thead>
                        <tbody>
                            for owner in &v.owners {
                                <tr key={owner.owner.clone()}>
                                    <th scope="row">{ owner.owner.clone() }</th>
                                    for count in &owner.csqls { <td class="num">{ count.clone() }</td> }
                                    for change in &owner.changes { <td class="num">{ change.clone() }</td> }
                                </tr>
                            }
                        </tbody>
                    </table>
                </div>
            }
        </div>
    }
}
