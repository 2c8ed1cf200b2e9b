//! Advice in plain words, shown only when the data calls for it, and the
//! order of the view's sections for the reader's role.
//!
//! Rules (team metrics unless stated; thresholds are constants below):
//! - [`AdviceKind::Stage`]: always one item, from the company's stage
//!   (early: skip the metric; growing: track informally; scaling: formalise).
//! - [`AdviceKind::LooseQualification`]: volume tier great or world class
//!   while the conversion tier is good or below, i.e. any usage uptick is
//!   counted as a CSQL without budget, stakeholder and timing checks.
//! - [`AdviceKind::NoSharedDefinition`]: acceptance rate below
//!   [`LOW_ACCEPTANCE_PERCENT`] (50%): Sales rejects more than half of what CS
//!   submits, so the two teams do not share a definition of qualified.
//! - [`AdviceKind::NoClosedLoop`]: a row has accepted CSQLs but its won
//!   count is blank, so CSMs never learn which CSQLs converted.
//! - [`AdviceKind::OnlyExpansionPath`]: CS share of expansion pipeline at or
//!   above [`ONLY_PATH_SHARE_PERCENT`] (90%, which includes "no other sources").
//! - [`AdviceKind::VolumeComp`]: the volume tier is at least
//!   [`VOLUME_COMP_TIER_GAP`] (2) tiers above the conversion tier, the mark of
//!   judging (and paying) CSMs on volume alone.
//! - [`AdviceKind::VersusOtherSources`]: both conversion rates are known; says
//!   whether CSQLs convert above other sources (a case for CS capacity) or not.
//! - [`AdviceKind::Coaching`]: two or more rows, and some rows have an
//!   acceptance rate below the threshold or a tier below good.

use crate::model::programme::audience::{Advice, AdviceKind, Role, Stage};
use crate::model::programme::benchmarks::Tier;
use crate::model::programme::metrics::{Metrics, Programme};
use crate::model::programme::words::{number, per_quarter, percent, points, range};
use crate::model::programme::{ProgrammeInput, Segment};

/// Acceptance rates below this (in percent) show [`AdviceKind::NoSharedDefinition`]:
/// when Sales turns down more than half of what CS submits, the teams are not
/// working to one definition of a qualified lead.
pub const LOW_ACCEPTANCE_PERCENT: f64 = 50.0;

/// A CS share of expansion pipeline at or above this (in percent) shows
/// [`AdviceKind::OnlyExpansionPath`].
pub const ONLY_PATH_SHARE_PERCENT: f64 = 90.0;

/// Volume this many tiers above conversion shows [`AdviceKind::VolumeComp`].
pub const VOLUME_COMP_TIER_GAP: u8 = 2;

/// The advice kinds in the order `role` should read them.
fn priority(role: Role) -> [AdviceKind; 8] {
    use AdviceKind::{
        Coaching, LooseQualification, NoClosedLoop, NoSharedDefinition, OnlyExpansionPath, Stage, VersusOtherSources, VolumeComp,
    };
    match role {
        Role::Csm => [
            NoSharedDefinition,
            LooseQualification,
            NoClosedLoop,
            Coaching,
            VolumeComp,
            VersusOtherSources,
            OnlyExpansionPath,
            Stage,
        ],
        Role::CsManager => [
            Coaching,
            LooseQualification,
            NoSharedDefinition,
            VolumeComp,
            NoClosedLoop,
            Stage,
            VersusOtherSources,
            OnlyExpansionPath,
        ],
        Role::VpCs => [
            Stage,
            NoSharedDefinition,
            LooseQualification,
            NoClosedLoop,
            VolumeComp,
            VersusOtherSources,
            OnlyExpansionPath,
            Coaching,
        ],
        Role::Cro => [
            VersusOtherSources,
            OnlyExpansionPath,
            Stage,
            LooseQualification,
            VolumeComp,
            NoSharedDefinition,
            NoClosedLoop,
            Coaching,
        ],
    }
}

/// Sorts advice for `role`. At the early stage the stage item ("skip this
/// metric for now") comes first for every role, since it outweighs the rest.
/// The sort is stable: items of one kind keep their order.
pub fn order_advice(advice: &mut [Advice], role: Role, stage: Stage) {
    let order = priority(role);
    advice.sort_by_key(|item| {
        if stage == Stage::Early && item.kind == AdviceKind::Stage {
            0
        } else {
            1 + order.iter().position(|k| *k == item.kind).unwrap_or(order.len())
        }
    });
}

/// The advice the data calls for, ordered for the input's role.
#[must_use]
pub fn advise(input: &ProgrammeInput, programme: &Programme) -> Vec<Advice> {
    let mut advice = vec![stage_advice(input.stage, programme.team.as_ref())];
    if let Some(team) = &programme.team {
        advice.extend(team_advice(team, programme, input.segment));
    }
    if let Some(item) = closed_loop(programme) {
        advice.push(item);
    }
    if let Some(item) = coaching(programme) {
        advice.push(item);
    }
    order_advice(&mut advice, input.role, input.stage);
    advice
}

fn stage_advice(stage: Stage, team: Option<&Metrics>) -> Advice {
    match stage {
        Stage::Early => Advice::new(
            AdviceKind::Stage,
            "Early stage: skip this metric for now",
            "CSQLs need a stable retention base and a working CS-to-Sales handoff, and neither is in place yet. Focus on adoption and renewal first; read the numbers here as a reference, not a target.".to_owned(),
        ),
        Stage::Growing => {
            let so_far = team.map_or_else(String::new, |t| {
                format!(
                    " So far: {} accepted CSQLs, {} per CSM per quarter.",
                    number(t.accepted),
                    per_quarter(t.per_csm_per_quarter)
                )
            });
            Advice::new(
                AdviceKind::Stage,
                "Growing: track CSQLs informally, without formal targets",
                format!("Log CS-sourced expansion ideas and use the data to learn which usage and relationship signals come before genuine expansion. Do not set formal CSQL targets yet.{so_far}"),
            )
        }
        Stage::Scaling => Advice::new(
            AdviceKind::Stage,
            "Scaling: make CSQLs a formal metric",
            "Agree shared qualification criteria with Sales, document the handoff, and report volume and conversion weekly or monthly.".to_owned(),
        ),
    }
}

fn team_advice(team: &Metrics, programme: &Programme, segment: Segment) -> Vec<Advice> {
    let mut advice = Vec::new();
    let bands = programme.benchmarks.for_segment(segment);
    let volume = team.rating.volume;
    let volume_text = format!(
        "{} accepted CSQLs per CSM per quarter is {} for {} ({})",
        per_quarter(team.per_csm_per_quarter),
        volume.label().to_ascii_lowercase(),
        segment.label(),
        range(bands.volume.lower_bound(volume), bands.volume.upper_bound(volume), false, volume)
    );
    let conversion_text = |tier: Tier| {
        format!(
            "{} conversion is {} ({})",
            percent(team.conversion_rate),
            tier.label().to_ascii_lowercase(),
            range(bands.conversion.lower_bound(tier), bands.conversion.upper_bound(tier), true, tier)
        )
    };

    if let Some(conversion) = team.rating.conversion {
        if volume >= Tier::Great && conversion <= Tier::Good {
            advice.push(Advice::new(
                AdviceKind::LooseQualification,
                "High volume, low conversion: qualification is too loose",
                format!(
                    "{volume_text}, but {}. This is the pattern of counting any usage uptick or positive signal as a CSQL. Check budget, stakeholder and timing before submitting.",
                    conversion_text(conversion)
                ),
            ));
        }
        if volume.rank() >= conversion.rank() + VOLUME_COMP_TIER_GAP {
            advice.push(Advice::new(
                AdviceKind::VolumeComp,
                "Volume is far ahead of conversion: do not reward volume alone",
                format!(
                    "Volume is {} tiers above conversion: {volume_text}; {}. Paying CSMs on CSQL volume alone invites low-quality submissions; tie at least part of the incentive to closed-won conversion or acceptance rate.",
                    volume.rank() - conversion.rank(),
                    conversion_text(conversion)
                ),
            ));
        }
    }

    if let (Some(rate), Some(submitted)) = (team.acceptance_rate, team.submitted) {
        if rate < LOW_ACCEPTANCE_PERCENT {
            advice.push(Advice::new(
                AdviceKind::NoSharedDefinition,
                "Low acceptance: agree one definition of qualified with Sales",
                format!(
                    "Sales accepted {} of {} submitted CSQLs ({}), below {}. When Sales rejects most of what CS submits, the teams are not working to a shared qualification definition, and trust erodes. Write the criteria down together and review them quarterly.",
                    number(team.accepted.min(submitted)),
                    number(submitted),
                    percent(Some(rate)),
                    percent(Some(LOW_ACCEPTANCE_PERCENT))
                ),
            ));
        }
    }

    if let Some(share) = programme.cs_share {
        if share >= ONLY_PATH_SHARE_PERCENT {
            advice.push(Advice::new(
                AdviceKind::OnlyExpansionPath,
                "CSQLs are nearly all the expansion pipeline",
                format!(
                    "CS-accepted pipeline of {} is {} of the {} total expansion pipeline. Some accounts expand product-led or through direct Sales outreach; CSQLs should complement those motions, not replace them.",
                    number(team.pipeline_value.unwrap_or(0.0)),
                    percent(Some(share)),
                    number(programme.total_pipeline.unwrap_or(0.0))
                ),
            ));
        }
    }

    if let (Some(difference), Some(csql), Some(other)) = (programme.versus_other, team.conversion_rate, programme.other_conversion) {
        let (title, verdict) = if difference > 0.0 {
            (
                "CSQLs convert better than other sources",
                "CS-sourced pipeline converting above other sources justifies further investment in CS capacity.",
            )
        } else {
            (
                "CSQLs convert no better than other sources",
                "CS-sourced pipeline should convert better than colder sources; review the qualification criteria and the handoff with Sales.",
            )
        };
        advice.push(Advice::new(
            AdviceKind::VersusOtherSources,
            title,
            format!(
                "CSQL conversion {} against {} for other sources: {}. {verdict}",
                percent(Some(csql)),
                percent(Some(other)),
                points(Some(difference))
            ),
        ));
    }
    advice
}

fn closed_loop(programme: &Programme) -> Option<Advice> {
    if programme.won_missing.is_empty() {
        return None;
    }
    let accepted: f64 = programme.won_missing.iter().map(|(_, a)| a).sum();
    let whose = if programme.won_missing.len() == programme.rows.len() {
        String::new()
    } else {
        let names: Vec<&str> = programme.won_missing.iter().map(|(n, _)| n.as_str()).collect();
        format!(" ({})", names.join(", "))
    };
    Some(Advice::new(
        AdviceKind::NoClosedLoop,
        "No closed-won figures: close the loop back to CS",
        format!(
            "{} accepted CSQLs have no closed-won count{whose}, so conversion is n/a. If CSMs never learn which CSQLs converted and why, the qualification criteria never improve. Ask Sales for the outcome of every accepted CSQL.",
            number(accepted)
        ),
    ))
}

fn coaching(programme: &Programme) -> Option<Advice> {
    if programme.rows.len() < 2 {
        return None;
    }
    let notes: Vec<String> = programme
        .rows
        .iter()
        .flatten()
        .filter_map(|m| {
            let mut reasons = Vec::new();
            if let (Some(rate), Some(submitted)) = (m.acceptance_rate, m.submitted) {
                if rate < LOW_ACCEPTANCE_PERCENT {
                    reasons.push(format!(
                        "acceptance {} ({} of {})",
                        percent(Some(rate)),
                        number(m.accepted),
                        number(submitted)
                    ));
                }
            }
            if m.rating.conversion == Some(Tier::Below) {
                reasons.push(format!("conversion {} (below good)", percent(m.conversion_rate)));
            }
            if m.rating.volume == Tier::Below {
                reasons.push(format!("{} accepted per quarter (below good)", per_quarter(m.per_csm_per_quarter)));
            }
            (!reasons.is_empty()).then(|| format!("{}: {}", m.name, reasons.join(", ")))
        })
        .collect();
    if notes.is_empty() {
        return None;
    }
    Some(Advice::new(
        AdviceKind::Coaching,
        "Who to coach first",
        format!(
            "{}. Compare their submissions with the CSQLs that closed won to find the signals that work.",
            notes.join("; ")
        ),
    ))
}
