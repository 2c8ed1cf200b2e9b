//! The team-wide choices: segment, period (or custom dates), stage and role.

use yew::prelude::*;

use crate::model::programme::words::period_summary;
use crate::model::programme::{Period, ProgrammeEvent, ProgrammeField, ProgrammeInput, ProgrammeProblem, Role, Segment, Stage};

use super::choice::Choice;
use super::message;
use crate::components::TextField;

/// Props of [`SettingsPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SettingsPanelProps {
    /// The current input (segment, period, stage, role are read).
    pub input: ProgrammeInput,
    /// Current problems; the custom dates' own are shown beside them.
    pub problems: Vec<ProgrammeProblem>,
    /// Receives the settings' actions.
    pub onaction: Callback<ProgrammeEvent>,
}

const PERIODS: [&str; 5] = ["month", "quarter", "half", "year", "custom"];

/// Segment, period, stage and role, with custom dates when chosen.
#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let input = &props.input;
    let pair = |key: &'static str, label: &'static str| (AttrValue::Static(key), AttrValue::Static(label));
    let segments = Segment::ALL.iter().map(|s| pair(s.key(), s.label())).collect::<Vec<_>>();
    let periods = PERIODS
        .iter()
        .filter_map(|key| Period::from_key(key))
        .map(|p| pair(p.key(), p.label()))
        .collect::<Vec<_>>();
    let stages = Stage::ALL.iter().map(|s| pair(s.key(), s.label())).collect::<Vec<_>>();
    let roles = Role::ALL.iter().map(|r| pair(r.key(), r.label())).collect::<Vec<_>>();
    let on = |make: fn(String) -> ProgrammeEvent| props.onaction.reform(make);
    let tidy = props.onaction.reform(|()| ProgrammeEvent::TidyDates);
    html! {
        <section class="card programme-settings" aria-labelledby="programme-settings-title">
            <h2 id="programme-settings-title">{ "Team and period" }</h2>
            <div class="programme-fields">
                <Choice id="programme-segment" label="Team segment" options={segments}
                    selected={input.segment.key()} onchange={on(ProgrammeEvent::SetSegment)} />
                <Choice id="programme-period" label="Period the counts cover" options={periods}
                    selected={input.period.key()} onchange={on(ProgrammeEvent::ChoosePeriod)} />
                <Choice id="programme-stage" label="Company stage" options={stages}
                    selected={input.stage.key()} onchange={on(ProgrammeEvent::SetStage)} />
                <Choice id="programme-role" label="I read this as" options={roles}
                    selected={input.role.key()} onchange={on(ProgrammeEvent::SetRole)}
                    describedby="programme-role-hint" />
            </div>
            <p class="help" id="programme-role-hint">{ "Your role sets the order of the sections below and of the advice." }</p>
            if let Period::Custom { start, end } = &input.period {
                // Text boxes, not date pickers: a picker shows the browser's
                // own date format, and the page shows dates one way.
                <div class="programme-fields programme-dates" role="group" aria-label="Custom period">
                    <TextField id="programme-start" label="Start date" inputmode="text" placeholder="YYYY-MM-DD"
                        value={start.clone()} error={message(&props.problems, ProgrammeField::PeriodStart)}
                        hint="Or as typed elsewhere: 1 Jan 2025, 2025/1/1."
                        oninput={on(ProgrammeEvent::SetStart)} onchange={tidy.clone()} />
                    <TextField id="programme-end" label="End date, not counted" inputmode="text" placeholder="YYYY-MM-DD"
                        value={end.clone()} error={message(&props.problems, ProgrammeField::PeriodEnd)}
                        hint="2025-01-01 to 2025-04-01 is the first quarter of 2025."
                        oninput={on(ProgrammeEvent::SetEnd)} onchange={tidy} />
                    if let Some(summary) = period_summary(&input.period) {
                        <p class="period-summary" data-testid="period-summary">{ summary }</p>
                    }
                </div>
            }
        </section>
    }
}
