#![cfg(not(target_arch = "wasm32"))]
//! Native tests for the Programme view model: metrics, tiers, periods,
//! problems, advice, role ordering, quick entry and formatting. Every
//! expected number is worked by hand in the test.

use csql_calculator::model::programme::advice::VOLUME_COMP_TIER_GAP;
use csql_calculator::model::programme::benchmarks::{INTERNAL_SOURCE, REFERENCE_SOURCE};
use csql_calculator::model::programme::words::{number, number_or_na, per_quarter, percent, points, tier_label, tier_word};
use csql_calculator::model::programme::{
    bullet, evaluate, from_query, sections_for, AdviceKind, Band, Benchmarks, CsmRow, Measure, Metrics, Period, Programme, ProgrammeField,
    ProgrammeInput, Role, Section, Segment, Stage, Tier, LOW_ACCEPTANCE_PERCENT, ONLY_PATH_SHARE_PERCENT,
};
use proptest::prelude::*;

const CLOSE: f64 = 1e-9;

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < CLOSE
}

fn row(name: &str, submitted: &str, accepted: &str, won: &str) -> CsmRow {
    CsmRow {
        submitted: submitted.to_owned(),
        accepted: accepted.to_owned(),
        won: won.to_owned(),
        ..CsmRow::named(name)
    }
}

fn input(segment: Segment, period: Period, rows: Vec<CsmRow>) -> ProgrammeInput {
    ProgrammeInput {
        segment,
        period,
        rows,
        ..ProgrammeInput::default()
    }
}

/// One team row standing for `csms` CSMs.
fn team_input(segment: Segment, period: Period, csms: u32, submitted: &str, accepted: &str, won: &str) -> ProgrammeInput {
    input(segment, period, vec![CsmRow::team(csms, submitted, accepted, won)])
}

fn team(programme: &Programme) -> &Metrics {
    match programme.team.as_ref() {
        Some(team) => team,
        None => panic!("expected team metrics, problems: {:?}", programme.problems),
    }
}

fn kinds(programme: &Programme) -> Vec<AdviceKind> {
    programme.advice.iter().map(|a| a.kind).collect()
}

fn has_advice(programme: &Programme, kind: AdviceKind) -> bool {
    programme.advice.iter().any(|a| a.kind == kind)
}

fn messages(programme: &Programme) -> Vec<String> {
    programme.problems.iter().map(|p| p.message.clone()).collect()
}

// ---------------------------------------------------------------- worked example

#[test]
fn worked_example_smb_quarter_three_csms() {
    // 15 accepted / 3 CSMs / 1 quarter = 5.0; 15 / 20 = 75%; 6 / 15 = 40%.
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 3, "20", "15", "6"),
        &Benchmarks::default(),
    );
    assert!(programme.problems.is_empty(), "{:?}", programme.problems);
    let t = team(&programme);
    assert!(close(t.per_csm_per_quarter, 5.0));
    assert_eq!(t.acceptance_rate, Some(75.0));
    assert_eq!(t.conversion_rate, Some(40.0));
    assert_eq!(t.csms, 3);
    assert_eq!(per_quarter(t.per_csm_per_quarter), "5.0");
    assert_eq!(percent(t.acceptance_rate), "75.0%");
    assert_eq!(percent(t.conversion_rate), "40.0%");
    // SMB volume 4-7 is great; 40% is the shared top of great and bottom of
    // world class, so the higher tier wins; overall is the lower of the two.
    assert_eq!(t.rating.volume, Tier::Great);
    assert_eq!(t.rating.conversion, Some(Tier::WorldClass));
    assert_eq!(t.rating.overall, Some(Tier::Great));
    assert_eq!(t.rating.note, None);
    assert_eq!(programme.quarters, Some(1.0));
}

#[test]
fn worked_example_from_a_link() {
    let (input, notices) = from_query("?view=programme&segment=smb&period=quarter&csms=3&submitted=20&accepted=15&won=6");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(input.segment, Segment::Smb);
    assert_eq!(input.period, Period::Quarter);
    assert_eq!(input.rows.len(), 1);
    assert_eq!(input.rows[0].name, "Team");
    assert_eq!(input.rows[0].headcount, "3");
    let programme = evaluate(&input, &Benchmarks::default());
    let t = team(&programme);
    assert!(close(t.per_csm_per_quarter, 5.0));
    assert_eq!(t.rating.overall, Some(Tier::Great));
    // The team row's own metrics match the team's.
    assert_eq!(
        programme.rows[0].as_ref(),
        Some(t)
            .map(|t| Metrics {
                name: "Team".to_owned(),
                ..t.clone()
            })
            .as_ref()
    );
}

// ---------------------------------------------------------------- volume tiers

#[test]
fn smb_volume_boundaries_go_to_the_higher_tier() {
    let smb = Benchmarks::default().smb.volume;
    assert_eq!(smb.tier(7.0), Tier::WorldClass);
    assert_eq!(smb.tier(6.99), Tier::Great);
    assert_eq!(smb.tier(4.0), Tier::Great);
    assert_eq!(smb.tier(3.99), Tier::Good);
    assert_eq!(smb.tier(2.0), Tier::Good);
    assert_eq!(smb.tier(1.99), Tier::Below);
    assert_eq!(smb.tier(0.0), Tier::Below);
    assert_eq!(smb.tier(f64::NAN), Tier::Below);
}

#[test]
fn smb_volume_boundaries_through_evaluate() {
    // 12 / 3 = 4.0 -> great; 399 / 100 = 3.99 -> good; 200 / 100 = 2.0 -> good; 199 / 100 = 1.99 -> below.
    for (csms, accepted, expected_rate, tier) in [
        (3, "12", 4.0, Tier::Great),
        (100, "399", 3.99, Tier::Good),
        (100, "200", 2.0, Tier::Good),
        (100, "199", 1.99, Tier::Below),
        (1, "7", 7.0, Tier::WorldClass),
    ] {
        let programme = evaluate(
            &team_input(Segment::Smb, Period::Quarter, csms, "", accepted, ""),
            &Benchmarks::default(),
        );
        let t = team(&programme);
        assert!(close(t.per_csm_per_quarter, expected_rate), "{accepted}/{csms}");
        assert_eq!(t.rating.volume, tier, "{accepted}/{csms}");
    }
}

#[test]
fn mid_market_and_enterprise_volume_boundaries() {
    let table = Benchmarks::default();
    let mm = table.mid_market.volume;
    assert_eq!(mm.tier(2.99), Tier::Below);
    assert_eq!(mm.tier(3.0), Tier::Good);
    assert_eq!(mm.tier(5.0), Tier::Great);
    assert_eq!(mm.tier(7.99), Tier::Great);
    assert_eq!(mm.tier(8.0), Tier::WorldClass);
    let ent = table.enterprise.volume;
    assert_eq!(ent.tier(0.99), Tier::Below);
    assert_eq!(ent.tier(1.0), Tier::Good);
    assert_eq!(ent.tier(3.0), Tier::Great);
    assert_eq!(ent.tier(5.0), Tier::WorldClass);
}

// ---------------------------------------------------------------- conversion tiers

#[test]
fn conversion_boundaries_per_segment() {
    let table = Benchmarks::default();
    let smb = table.smb.conversion;
    assert_eq!(smb.tier(19.99), Tier::Below);
    assert_eq!(smb.tier(20.0), Tier::Good);
    assert_eq!(smb.tier(30.0), Tier::Great);
    assert_eq!(smb.tier(40.0), Tier::WorldClass);
    let mm = table.mid_market.conversion;
    assert_eq!(mm.tier(24.9), Tier::Below);
    assert_eq!(mm.tier(25.0), Tier::Good);
    assert_eq!(mm.tier(35.0), Tier::Great);
    assert_eq!(mm.tier(45.0), Tier::WorldClass);
    let ent = table.enterprise.conversion;
    assert_eq!(ent.tier(29.9), Tier::Below);
    assert_eq!(ent.tier(30.0), Tier::Good);
    assert_eq!(ent.tier(40.0), Tier::Great);
    assert_eq!(ent.tier(54.99), Tier::Great);
    assert_eq!(ent.tier(55.0), Tier::WorldClass);
}

#[test]
fn enterprise_55_percent_is_world_class_through_evaluate() {
    // 11 won of 20 accepted = 55%; 20 accepted by 4 CSMs in a quarter = 5.0 -> world class.
    let programme = evaluate(
        &team_input(Segment::Enterprise, Period::Quarter, 4, "25", "20", "11"),
        &Benchmarks::default(),
    );
    let t = team(&programme);
    assert_eq!(t.conversion_rate, Some(55.0));
    assert_eq!(t.rating.conversion, Some(Tier::WorldClass));
    assert_eq!(t.rating.volume, Tier::WorldClass);
    assert_eq!(t.rating.overall, Some(Tier::WorldClass));
}

#[test]
fn overall_is_the_lower_of_volume_and_conversion() {
    // SMB: 8 accepted by 1 CSM = 8.0 (world class); 2 of 8 won = 25% (good) -> overall good.
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 1, "10", "8", "2"),
        &Benchmarks::default(),
    );
    let t = team(&programme);
    assert_eq!(t.rating.volume, Tier::WorldClass);
    assert_eq!(t.rating.conversion, Some(Tier::Good));
    assert_eq!(t.rating.overall, Some(Tier::Good));
    // SMB: 1 accepted = 1.0 (below); 1 of 1 won = 100% (world class) -> overall below.
    let programme = evaluate(&team_input(Segment::Smb, Period::Quarter, 1, "1", "1", "1"), &Benchmarks::default());
    assert_eq!(team(&programme).rating.overall, Some(Tier::Below));
}

#[test]
fn tier_words_and_labels() {
    assert_eq!(Tier::Below.word(), "below");
    assert_eq!(Tier::Good.word(), "good");
    assert_eq!(Tier::Great.word(), "great");
    assert_eq!(Tier::WorldClass.word(), "world-class");
    assert_eq!(Tier::WorldClass.label(), "World class");
    assert_eq!(Tier::Below.label(), "Below good");
    assert!(Tier::Below < Tier::Good && Tier::Good < Tier::Great && Tier::Great < Tier::WorldClass);
    assert_eq!(tier_label(None), "n/a");
    assert_eq!(tier_word(Some(Tier::Great)), "great");
}

// ---------------------------------------------------------------- n/a handling

#[test]
fn no_accepted_csqls_means_conversion_na_not_zero() {
    let programme = evaluate(&team_input(Segment::Smb, Period::Quarter, 2, "5", "0", "0"), &Benchmarks::default());
    let t = team(&programme);
    assert!(close(t.per_csm_per_quarter, 0.0));
    assert_eq!(t.acceptance_rate, Some(0.0));
    assert_eq!(t.conversion_rate, None);
    assert_eq!(percent(t.conversion_rate), "n/a");
    assert_eq!(t.rating.volume, Tier::Below);
    assert_eq!(t.rating.conversion, None);
    // 0 accepted is a volume of 0, below good's 2: the lower of volume and
    // any conversion is below good, so the overall tier is below good, not n/a.
    assert_eq!(t.rating.overall, Some(Tier::Below));
    assert_eq!(
        t.rating.note.as_deref(),
        Some("No accepted CSQLs, so conversion is n/a; volume is below good, so the overall tier is below good whatever the conversion.")
    );
}

#[test]
fn nothing_submitted_means_acceptance_na() {
    let programme = evaluate(&team_input(Segment::Smb, Period::Quarter, 1, "0", "0", ""), &Benchmarks::default());
    let t = team(&programme);
    assert_eq!(t.acceptance_rate, None);
    assert_eq!(t.conversion_rate, None);
    // Submitted left blank: acceptance n/a too, and it is not a problem.
    let programme = evaluate(&team_input(Segment::Smb, Period::Quarter, 1, "", "4", "1"), &Benchmarks::default());
    assert!(programme.problems.is_empty());
    let t = team(&programme);
    assert_eq!(t.acceptance_rate, None);
    assert_eq!(t.conversion_rate, Some(25.0));
}

#[test]
fn won_left_blank_means_conversion_na_and_closed_loop_advice() {
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 1, "10", "6", " "),
        &Benchmarks::default(),
    );
    assert!(programme.problems.is_empty());
    let t = team(&programme);
    assert_eq!(t.conversion_rate, None);
    assert_eq!(t.rating.overall, None);
    assert!(t.rating.note.as_deref().is_some_and(|n| n.contains("Closed-won not entered")));
    assert_eq!(programme.won_missing, vec![("Team".to_owned(), 6.0)]);
    let advice = programme.advice.iter().find(|a| a.kind == AdviceKind::NoClosedLoop);
    assert!(
        advice.is_some_and(|a| a.detail.starts_with("6 accepted CSQLs have no closed-won count")),
        "{:?}",
        programme.advice
    );
}

#[test]
fn closed_loop_advice_names_the_rows_missing_won() {
    let programme = evaluate(
        &input(
            Segment::Smb,
            Period::Quarter,
            vec![row("Ana", "6", "5", "2"), row("Ben", "6", "4", ""), row("Cal", "2", "0", "")],
        ),
        &Benchmarks::default(),
    );
    assert!(programme.problems.is_empty());
    // Cal accepted nothing, so only Ben is missing a won figure.
    assert_eq!(programme.won_missing, vec![("Ben".to_owned(), 4.0)]);
    let t = team(&programme);
    // Team conversion uses only rows that reported won: Ana 2 / 5 and Cal 0 / 0 -> 2 / 5 = 40%.
    assert_eq!(t.won, Some(2.0));
    assert_eq!(t.conversion_rate, Some(40.0));
    let detail = programme
        .advice
        .iter()
        .find(|a| a.kind == AdviceKind::NoClosedLoop)
        .map(|a| a.detail.clone());
    assert!(detail.is_some_and(|d| d.starts_with("4 accepted CSQLs have no closed-won count (Ben)")));
}

#[test]
fn no_closed_loop_advice_when_nothing_was_accepted() {
    let programme = evaluate(&team_input(Segment::Smb, Period::Quarter, 1, "3", "0", ""), &Benchmarks::default());
    assert!(!has_advice(&programme, AdviceKind::NoClosedLoop));
}

// ---------------------------------------------------------------- periods

#[test]
#[allow(clippy::float_cmp)] // Exactness is the point: 2 x 3 / 1 is 6.0, not 6.000000000000001.
fn month_period_scales_to_a_quarter() {
    // 2 accepted by 1 CSM in a month: 2 / 1 / (1/3) = 6.0 per quarter.
    let programme = evaluate(&team_input(Segment::Smb, Period::Month, 1, "2", "2", "1"), &Benchmarks::default());
    let t = team(&programme);
    assert_eq!(t.per_csm_per_quarter, 6.0, "exact, not 6.000000000000001");
    assert_eq!(Period::Month.per_quarter_scale(), Ok(3.0));
    assert_eq!(per_quarter(t.per_csm_per_quarter), "6.0");
    assert_eq!(t.rating.volume, Tier::Great);
}

#[test]
fn half_and_year_periods_scale_to_a_quarter() {
    // Half: 8 / 2 CSMs / 2 quarters = 2.0. Year: 40 / 2 CSMs / 4 quarters = 5.0.
    let half = evaluate(&team_input(Segment::Smb, Period::Half, 2, "", "8", ""), &Benchmarks::default());
    assert!(close(team(&half).per_csm_per_quarter, 2.0));
    let year = evaluate(&team_input(Segment::Smb, Period::Year, 2, "", "40", ""), &Benchmarks::default());
    assert!(close(team(&year).per_csm_per_quarter, 5.0));
    assert_eq!(Period::Month.quarters(), Ok(1.0 / 3.0));
    assert_eq!(Period::Half.quarters(), Ok(2.0));
    assert_eq!(Period::Year.quarters(), Ok(4.0));
}

fn custom(start: &str, end: &str) -> Period {
    Period::Custom {
        start: start.to_owned(),
        end: end.to_owned(),
    }
}

#[test]
fn custom_period_counts_days_over_a_quarter_of_a_year() {
    // 2025-01-01 to 2025-04-02: 31 + 28 + 31 + 1 = 91 days; 91 / 91.3125 quarters.
    let quarters = 91.0 / (365.25 / 4.0);
    assert_eq!(custom("2025-01-01", "2025-04-02").quarters(), Ok(quarters));
    // Leap year: 2024-01-01 to 2025-01-01 is 366 days.
    assert_eq!(custom("2024-01-01", "2025-01-01").quarters(), Ok(366.0 / 91.3125));
    assert_eq!(custom("2024-01-01", "2025-01-01").per_quarter_scale(), Ok(91.3125 / 366.0));
    // 10 accepted by 2 CSMs over 91 days: 10 / 2 / (91 / 91.3125) = 5.0172...
    let programme = evaluate(
        &input(
            Segment::Smb,
            custom("2025-01-01", "2025-04-02"),
            vec![CsmRow::team(2, "", "10", "")],
        ),
        &Benchmarks::default(),
    );
    let t = team(&programme);
    assert!(close(t.per_csm_per_quarter, 5.0 * 91.3125 / 91.0));
    assert_eq!(per_quarter(t.per_csm_per_quarter), "5.0");
}

#[test]
fn custom_period_rejects_bad_dates() {
    let check = |start: &str, end: &str, fields: &[ProgrammeField], text: &str| {
        let programme = evaluate(
            &input(Segment::Smb, custom(start, end), vec![CsmRow::team(1, "1", "1", "1")]),
            &Benchmarks::default(),
        );
        let got: Vec<ProgrammeField> = programme.problems.iter().map(|p| p.field).collect();
        assert_eq!(got, fields, "{start}..{end}: {:?}", programme.problems);
        assert!(messages(&programme).join(" | ").contains(text), "{:?}", programme.problems);
        assert_eq!(programme.quarters, None);
        assert!(programme.team.is_none());
        assert!(programme.rows.iter().all(Option::is_none));
    };
    check(
        "2025-02-30",
        "2025-06-01",
        &[ProgrammeField::PeriodStart],
        "2025-02-30 is not a real date (February 2025 has 28 days)",
    );
    check("2025-01-01", "2025-13-01", &[ProgrammeField::PeriodEnd], "month 13 is not 01-12");
    check(
        "2025-04-01",
        "2025-01-01",
        &[ProgrammeField::PeriodEnd],
        "end date 2025-01-01 must be after the start date 2025-04-01",
    );
    check("2025-04-01", "2025-04-01", &[ProgrammeField::PeriodEnd], "must be after");
    // A blank start beside a wrong end: only the wrong one is marked.
    check("", "2025-14-01", &[ProgrammeField::PeriodEnd], "month 14 is not 01-12");
    check(
        "01/02/2025",
        "soon",
        &[ProgrammeField::PeriodStart, ProgrammeField::PeriodEnd],
        "Period start date: \u{201c}01/02/2025\u{201d} could be 2025-02-01 or 2025-01-02; use YYYY-MM-DD | \
         Period end date: \u{201c}soon\u{201d} is not a date; use YYYY-MM-DD",
    );
    check(
        "2024-02-29",
        "2023-02-29",
        &[ProgrammeField::PeriodEnd],
        "February 2023 has 28 days",
    );
}

// ---------------------------------------------------------------- several CSMs

#[test]
fn team_metrics_are_sums_over_csms() {
    // Ana 10/8/4, Ben 10/4/1: team 20 submitted, 12 accepted, 5 won, 2 CSMs.
    // 12 / 2 = 6.0 per CSM per quarter; 12 / 20 = 60%; 5 / 12 = 41.67%.
    let programme = evaluate(
        &input(
            Segment::Smb,
            Period::Quarter,
            vec![row("Ana", "10", "8", "4"), row("Ben", "10", "4", "1")],
        ),
        &Benchmarks::default(),
    );
    let t = team(&programme);
    assert_eq!(t.csms, 2);
    assert_eq!((t.submitted, t.accepted, t.won), (Some(20.0), 12.0, Some(5.0)));
    assert!(close(t.per_csm_per_quarter, 6.0));
    assert_eq!(t.acceptance_rate, Some(60.0));
    assert!(t.conversion_rate.is_some_and(|c| close(c, 500.0 / 12.0)));
    assert_eq!(percent(t.conversion_rate), "41.7%");
    // Per CSM: Ana 8.0 (world class), 50% (world class); Ben 4.0 (great), 25% (good).
    let ana = programme.rows[0]
        .as_ref()
        .map(|m| (m.name.clone(), m.per_csm_per_quarter, m.rating.overall));
    assert_eq!(ana, Some(("Ana".to_owned(), 8.0, Some(Tier::WorldClass))));
    let ben = programme.rows[1]
        .as_ref()
        .map(|m| (m.per_csm_per_quarter, m.conversion_rate, m.rating.overall));
    assert_eq!(ben, Some((4.0, Some(25.0), Some(Tier::Good))));
}

#[test]
fn segment_override_per_csm() {
    let mut ent = row("Eve", "4", "3", "2");
    ent.segment = Some(Segment::Enterprise);
    let programme = evaluate(
        &input(Segment::Smb, Period::Quarter, vec![ent, row("Sam", "4", "3", "2")]),
        &Benchmarks::default(),
    );
    // 3 per quarter: great for Enterprise (3-5), good for SMB (2-4).
    let eve = programme.rows[0].as_ref().map(|m| (m.segment, m.rating.volume));
    let sam = programme.rows[1].as_ref().map(|m| (m.segment, m.rating.volume));
    assert_eq!(eve, Some((Segment::Enterprise, Tier::Great)));
    assert_eq!(sam, Some((Segment::Smb, Tier::Good)));
    // The team is judged against the team's segment.
    assert_eq!(team(&programme).segment, Segment::Smb);
}

#[test]
fn blank_names_are_numbered_in_messages() {
    let programme = evaluate(
        &input(Segment::Smb, Period::Quarter, vec![row("", "1", "1", "1"), row(" ", "1", "x", "")]),
        &Benchmarks::default(),
    );
    assert_eq!(
        messages(&programme),
        vec!["CSM 2, accepted: \u{201c}x\u{201d} is not a number".to_owned()]
    );
}

// ---------------------------------------------------------------- bad inputs

#[test]
fn won_more_than_accepted_is_a_problem_on_won() {
    let programme = evaluate(
        &input(
            Segment::Smb,
            Period::Quarter,
            vec![row("Alice", "10", "6", "7"), row("Bob", "5", "5", "1")],
        ),
        &Benchmarks::default(),
    );
    assert_eq!(programme.problems.len(), 1);
    assert_eq!(programme.problems[0].field, ProgrammeField::Won(0));
    assert_eq!(
        programme.problems[0].message,
        "Alice, won: 7 is more than accepted (6); only accepted CSQLs can close won"
    );
    assert!(programme.rows[0].is_none());
    assert!(programme.rows[1].is_some(), "the other CSM keeps their metrics");
    assert!(programme.team.is_none(), "team totals would be wrong");
}

#[test]
fn accepted_more_than_submitted_is_a_problem_on_accepted() {
    let programme = evaluate(
        &input(Segment::Smb, Period::Quarter, vec![row("Alice", "5", "6", "1")]),
        &Benchmarks::default(),
    );
    let problems: Vec<_> = programme
        .problems_for(ProgrammeField::Accepted(0))
        .map(|p| p.message.clone())
        .collect();
    assert_eq!(
        problems,
        vec!["Alice, accepted: 6 is more than submitted (5); Sales can only accept what CS submitted".to_owned()]
    );
}

#[test]
fn negative_fractional_and_text_counts_are_problems() {
    let programme = evaluate(
        &input(Segment::Smb, Period::Quarter, vec![row("Alice", "-1", "2.5", "abc")]),
        &Benchmarks::default(),
    );
    assert_eq!(
        programme.problems.iter().map(|p| (p.field, p.message.as_str())).collect::<Vec<_>>(),
        vec![
            (ProgrammeField::Submitted(0), "Alice, submitted: -1 is below the minimum of 0"),
            (ProgrammeField::Accepted(0), "Alice, accepted: 2.5 is not a whole number"),
            (ProgrammeField::Won(0), "Alice, won: \u{201c}abc\u{201d} is not a number"),
        ]
    );
    assert!(programme.team.is_none());
}

#[test]
fn accepted_is_required_and_headcount_must_be_positive() {
    let mut bad = row("Alice", "3", "", "");
    bad.headcount = "0".to_owned();
    let programme = evaluate(&input(Segment::Smb, Period::Quarter, vec![bad]), &Benchmarks::default());
    assert_eq!(
        programme.problems.iter().map(|p| (p.field, p.message.as_str())).collect::<Vec<_>>(),
        vec![
            (ProgrammeField::Headcount(0), "Alice, CSMs: a row stands for at least 1 CSM"),
            (ProgrammeField::Accepted(0), "Alice, accepted: enter a number"),
        ]
    );
    // Blank headcount means one CSM.
    let mut one = row("Alice", "3", "3", "1");
    one.headcount = String::new();
    assert_eq!(
        team(&evaluate(&input(Segment::Smb, Period::Quarter, vec![one]), &Benchmarks::default())).csms,
        1
    );
}

#[test]
fn optional_values_are_checked_when_typed() {
    let mut alice = row("Alice", "3", "3", "1");
    alice.pipeline_value = "lots".to_owned();
    alice.won_value = "-5".to_owned();
    let mut programme_input = input(Segment::Smb, Period::Quarter, vec![alice]);
    programme_input.other_conversion = "120".to_owned();
    programme_input.total_pipeline = "0".to_owned();
    let programme = evaluate(&programme_input, &Benchmarks::default());
    let fields: Vec<ProgrammeField> = programme.problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        vec![
            ProgrammeField::PipelineValue(0),
            ProgrammeField::WonValue(0),
            ProgrammeField::TotalPipeline,
            ProgrammeField::OtherConversion
        ]
    );
    assert!(messages(&programme).contains(&"Conversion rate of other sources: 120 is above the maximum of 100".to_owned()));
}

#[test]
fn no_rows_is_a_problem() {
    let programme = evaluate(&input(Segment::Smb, Period::Quarter, Vec::new()), &Benchmarks::default());
    assert_eq!(programme.problems.len(), 1);
    assert_eq!(programme.problems[0].field, ProgrammeField::Rows);
    assert!(programme.team.is_none());
}

#[test]
fn decimal_comma_and_spaces_are_accepted() {
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 1, " 20 ", "15,0", "6"),
        &Benchmarks::default(),
    );
    assert!(programme.problems.is_empty(), "{:?}", programme.problems);
    assert!(close(team(&programme).accepted, 15.0));
}

// ---------------------------------------------------------------- pipeline share

fn with_pipeline(values: [&str; 2], total: &str, other_conversion: &str) -> ProgrammeInput {
    let ana = CsmRow {
        pipeline_value: values[0].to_owned(),
        ..row("Ana", "10", "8", "4")
    };
    let ben = CsmRow {
        pipeline_value: values[1].to_owned(),
        ..row("Ben", "10", "4", "1")
    };
    ProgrammeInput {
        total_pipeline: total.to_owned(),
        other_conversion: other_conversion.to_owned(),
        ..input(Segment::Smb, Period::Quarter, vec![ana, ben])
    }
}

#[test]
fn cs_share_of_expansion_pipeline() {
    // (300000 + 200000) / 1000000 = 50%.
    let programme = evaluate(&with_pipeline(["300000", "200000"], "1000000", ""), &Benchmarks::default());
    assert_eq!(team(&programme).pipeline_value, Some(500_000.0));
    assert_eq!(programme.cs_share, Some(50.0));
    assert!(!has_advice(&programme, AdviceKind::OnlyExpansionPath));
    // No total: no share.
    assert_eq!(
        evaluate(&with_pipeline(["300000", "200000"], "", ""), &Benchmarks::default()).cs_share,
        None
    );
    // A row without a value is left out of the sum: 300000 / 1000000 = 30%.
    assert_eq!(
        evaluate(&with_pipeline(["300000", ""], "1000000", ""), &Benchmarks::default()).cs_share,
        Some(30.0)
    );
}

#[test]
fn share_at_or_above_ninety_percent_flags_the_only_expansion_path() {
    // 450000 + 450000 = 900000 of 1000000 = 90%: at the threshold.
    let programme = evaluate(&with_pipeline(["450000", "450000"], "1000000", ""), &Benchmarks::default());
    assert_eq!(programme.cs_share, Some(ONLY_PATH_SHARE_PERCENT));
    let advice = programme.advice.iter().find(|a| a.kind == AdviceKind::OnlyExpansionPath);
    assert!(
        advice.is_some_and(|a| a.detail.contains("900000 is 90.0% of the 1000000")),
        "{:?}",
        programme.advice
    );
    // 100%: no other sources at all.
    assert!(has_advice(
        &evaluate(&with_pipeline(["500000", "500000"], "1000000", ""), &Benchmarks::default()),
        AdviceKind::OnlyExpansionPath
    ));
    // 89.9%: no advice.
    assert!(!has_advice(
        &evaluate(&with_pipeline(["449000", "450000"], "1000000", ""), &Benchmarks::default()),
        AdviceKind::OnlyExpansionPath
    ));
}

#[test]
fn total_below_cs_pipeline_is_a_problem() {
    let programme = evaluate(&with_pipeline(["300000", "200000"], "400000", ""), &Benchmarks::default());
    assert_eq!(programme.cs_share, None);
    let fields: Vec<ProgrammeField> = programme.problems.iter().map(|p| p.field).collect();
    assert_eq!(fields, vec![ProgrammeField::TotalPipeline]);
    assert!(messages(&programme)[0].contains("400000 is less than the CS-accepted pipeline (500000)"));
}

#[test]
fn conversion_against_other_sources_in_points() {
    // Team conversion 5 / 12 = 41.67%; other sources 25% -> +16.7 points.
    let programme = evaluate(&with_pipeline(["", ""], "", "25"), &Benchmarks::default());
    assert_eq!(programme.other_conversion, Some(25.0));
    assert!(programme.versus_other.is_some_and(|d| close(d, 500.0 / 12.0 - 25.0)));
    assert_eq!(points(programme.versus_other), "+16.7 points");
    let advice = programme.advice.iter().find(|a| a.kind == AdviceKind::VersusOtherSources);
    assert!(advice.is_some_and(|a| a.title == "CSQLs convert better than other sources" && a.detail.contains("41.7% against 25.0%")));
    // Other sources at 50%: -8.3 points, and the advice says so.
    let programme = evaluate(&with_pipeline(["", ""], "", "50"), &Benchmarks::default());
    assert_eq!(points(programme.versus_other), "-8.3 points");
    let advice = programme.advice.iter().find(|a| a.kind == AdviceKind::VersusOtherSources);
    assert!(advice.is_some_and(|a| a.title == "CSQLs convert no better than other sources"));
}

// ---------------------------------------------------------------- advice

#[test]
fn healthy_programme_gets_only_stage_advice() {
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 3, "20", "15", "6"),
        &Benchmarks::default(),
    );
    assert_eq!(kinds(&programme), vec![AdviceKind::Stage]);
}

#[test]
fn high_volume_low_conversion_flags_loose_qualification() {
    // SMB 5.0 per quarter (great), 3 of 15 won = 20% (good): loose qualification, gap 1 so no volume-comp.
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 3, "20", "15", "3"),
        &Benchmarks::default(),
    );
    assert!(has_advice(&programme, AdviceKind::LooseQualification));
    assert!(!has_advice(&programme, AdviceKind::VolumeComp));
    let advice = programme.advice.iter().find(|a| a.kind == AdviceKind::LooseQualification);
    assert!(advice.is_some_and(
        |a| a.detail.contains("5.0 accepted CSQLs per CSM per quarter is great for SMB (4-7)")
            && a.detail.contains("20.0% conversion is good (20-30%)")
            && a.detail.contains("budget, stakeholder and timing")
    ));
}

#[test]
fn volume_two_tiers_above_conversion_flags_volume_comp() {
    // SMB 8.0 per quarter (world class), 2 of 8 = 25% (good): gap 2.
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 1, "10", "8", "2"),
        &Benchmarks::default(),
    );
    assert!(has_advice(&programme, AdviceKind::VolumeComp));
    assert!(has_advice(&programme, AdviceKind::LooseQualification));
    assert_eq!(VOLUME_COMP_TIER_GAP, 2);
    // SMB 5.0 (great), 1 of 15 = 6.7% (below): gap 2 as well.
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 3, "20", "15", "1"),
        &Benchmarks::default(),
    );
    assert!(has_advice(&programme, AdviceKind::VolumeComp));
    // SMB 3.0 (good), 0 of 3 (below): gap 1, low volume: neither.
    let programme = evaluate(&team_input(Segment::Smb, Period::Quarter, 1, "3", "3", "0"), &Benchmarks::default());
    assert!(!has_advice(&programme, AdviceKind::VolumeComp));
    assert!(!has_advice(&programme, AdviceKind::LooseQualification));
}

#[test]
fn acceptance_below_half_flags_no_shared_definition() {
    assert!((LOW_ACCEPTANCE_PERCENT - 50.0).abs() < f64::EPSILON);
    // 9 of 20 = 45%.
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 3, "20", "9", "4"),
        &Benchmarks::default(),
    );
    let advice = programme.advice.iter().find(|a| a.kind == AdviceKind::NoSharedDefinition);
    assert!(advice.is_some_and(|a| a.detail.starts_with("Sales accepted 9 of 20 submitted CSQLs (45.0%), below 50.0%")));
    // 10 of 20 = 50%: at the threshold, no advice.
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 3, "20", "10", "4"),
        &Benchmarks::default(),
    );
    assert!(!has_advice(&programme, AdviceKind::NoSharedDefinition));
}

#[test]
fn coaching_names_csms_below_the_bar() {
    // Ana 10/8/4 fine; Ben 10/3/0: acceptance 30%, conversion 0% (below), 3.0 per quarter (good).
    let programme = evaluate(
        &input(
            Segment::Smb,
            Period::Quarter,
            vec![row("Ana", "10", "8", "4"), row("Ben", "10", "3", "0")],
        ),
        &Benchmarks::default(),
    );
    let advice = programme.advice.iter().find(|a| a.kind == AdviceKind::Coaching);
    assert!(
        advice.is_some_and(|a| a
            .detail
            .starts_with("Ben: acceptance 30.0% (3 of 10), conversion 0.0% (below good).")),
        "{:?}",
        programme.advice
    );
    assert!(!advice.is_some_and(|a| a.detail.contains("Ana")));
    // A single team row never gets coaching advice.
    let programme = evaluate(
        &team_input(Segment::Smb, Period::Quarter, 2, "20", "3", "0"),
        &Benchmarks::default(),
    );
    assert!(!has_advice(&programme, AdviceKind::Coaching));
}

#[test]
fn stage_advice() {
    let at = |stage: Stage| {
        let mut programme_input = team_input(Segment::Smb, Period::Quarter, 3, "20", "15", "6");
        programme_input.stage = stage;
        evaluate(&programme_input, &Benchmarks::default())
    };
    let early = at(Stage::Early);
    assert_eq!(early.advice[0].kind, AdviceKind::Stage);
    assert!(early.advice[0].title.contains("skip this metric"));
    assert!(early.advice[0].detail.contains("adoption and renewal"));
    let growing = at(Stage::Growing);
    assert!(growing.advice[0].title.contains("informally"));
    assert!(growing.advice[0]
        .detail
        .contains("So far: 15 accepted CSQLs, 5.0 per CSM per quarter."));
    let scaling = at(Stage::Scaling);
    assert!(scaling.advice[0].title.contains("formal metric"));
    assert!(scaling.advice[0].detail.contains("weekly or monthly"));
    assert_eq!(Stage::from_key(" Growing "), Some(Stage::Growing));
}

#[test]
fn early_stage_advice_comes_first_for_every_role() {
    for role in Role::ALL {
        // Loose qualification and low acceptance present too.
        let mut programme_input = team_input(Segment::Smb, Period::Quarter, 3, "40", "15", "3");
        programme_input.stage = Stage::Early;
        programme_input.role = role;
        let programme = evaluate(&programme_input, &Benchmarks::default());
        assert!(programme.advice.len() > 1);
        assert_eq!(programme.advice[0].kind, AdviceKind::Stage, "{role:?}");
    }
}

// ---------------------------------------------------------------- roles

#[test]
fn sections_lead_with_what_each_role_needs() {
    assert_eq!(sections_for(Role::Csm)[0], Section::Rates);
    assert_eq!(sections_for(Role::CsManager)[0], Section::ByCsm);
    assert_eq!(sections_for(Role::VpCs)[0], Section::Advice);
    assert_eq!(sections_for(Role::Cro)[0], Section::Pipeline);
    for role in Role::ALL {
        let mut sections = sections_for(role).map(Section::key).to_vec();
        sections.sort_unstable();
        assert_eq!(
            sections,
            vec!["advice", "benchmarks", "by_csm", "pipeline", "rates", "volume"],
            "{role:?} lists every section once"
        );
        assert_eq!(Role::from_key(role.key()), Some(role));
        assert!(!role.guidance().is_empty());
    }
    let programme_input = ProgrammeInput {
        role: Role::Cro,
        ..ProgrammeInput::default()
    };
    assert_eq!(
        evaluate(&programme_input, &Benchmarks::default()).sections,
        sections_for(Role::Cro).to_vec()
    );
}

#[test]
fn advice_order_follows_the_role() {
    use AdviceKind::{LooseQualification, NoSharedDefinition, Stage as StageKind, VersusOtherSources};
    // SMB 5.0 (great), 3 of 15 = 20% (good) -> loose qualification; 15 of 40 = 37.5% -> no shared
    // definition; other sources 10% -> versus other sources; scaling stage.
    let order = |role: Role| {
        let mut programme_input = team_input(Segment::Smb, Period::Quarter, 3, "40", "15", "3");
        programme_input.other_conversion = "10".to_owned();
        programme_input.role = role;
        kinds(&evaluate(&programme_input, &Benchmarks::default()))
    };
    assert_eq!(
        order(Role::Csm),
        vec![NoSharedDefinition, LooseQualification, VersusOtherSources, StageKind]
    );
    assert_eq!(
        order(Role::CsManager),
        vec![LooseQualification, NoSharedDefinition, StageKind, VersusOtherSources]
    );
    assert_eq!(
        order(Role::VpCs),
        vec![StageKind, NoSharedDefinition, LooseQualification, VersusOtherSources]
    );
    assert_eq!(
        order(Role::Cro),
        vec![VersusOtherSources, StageKind, LooseQualification, NoSharedDefinition]
    );
}

// ---------------------------------------------------------------- benchmarks

#[test]
fn default_benchmarks_are_the_reference_table() {
    let table = Benchmarks::default();
    assert_eq!(table.smb.volume, Band::new(2.0, 4.0, 7.0));
    assert_eq!(table.smb.conversion, Band::new(20.0, 30.0, 40.0));
    assert_eq!(table.mid_market.volume, Band::new(3.0, 5.0, 8.0));
    assert_eq!(table.mid_market.conversion, Band::new(25.0, 35.0, 45.0));
    assert_eq!(table.enterprise.volume, Band::new(1.0, 3.0, 5.0));
    assert_eq!(table.enterprise.conversion, Band::new(30.0, 40.0, 55.0));
    assert_eq!(table.source, REFERENCE_SOURCE);
    assert!(table.source.contains("Customer Success Qualified Leads (CSQLs)"));
    assert!(table.source.contains("CS-Sourced Pipeline"));
    assert!(table.validate().is_empty());
    assert!(table.is_reference());
    assert_eq!(evaluate(&ProgrammeInput::default(), &table).benchmarks, table);
}

#[test]
fn internal_targets_replace_the_reference() {
    let programme_input = team_input(Segment::Smb, Period::Quarter, 3, "20", "15", "6");
    let mut targets = Benchmarks::default();
    targets.smb.volume = Band::new(3.0, 6.0, 9.0);
    targets.source = INTERNAL_SOURCE.to_owned();
    assert!(!targets.is_reference());
    let programme = evaluate(&programme_input, &targets);
    assert!(programme.problems.is_empty());
    // 5.0 is now good (3-6) rather than great.
    assert_eq!(team(&programme).rating.volume, Tier::Good);
    assert_eq!(programme.benchmarks.source, INTERNAL_SOURCE);
}

#[test]
fn invalid_benchmarks_are_reported_and_the_reference_is_used() {
    let mut table = Benchmarks::default();
    table.smb.volume = Band::new(5.0, 4.0, 7.0);
    table.enterprise.conversion.world_class = 120.0;
    table.mid_market.volume.good = -1.0;
    table.mid_market.conversion.great = f64::NAN;
    let problems = table.validate();
    let found: Vec<(Segment, Measure, Tier)> = problems.iter().map(|p| (p.segment, p.measure, p.tier)).collect();
    assert_eq!(
        found,
        vec![
            (Segment::Smb, Measure::Volume, Tier::Great),
            (Segment::MidMarket, Measure::Volume, Tier::Good),
            (Segment::MidMarket, Measure::Conversion, Tier::Great),
            (Segment::Enterprise, Measure::Conversion, Tier::WorldClass),
        ]
    );
    assert_eq!(
        problems[0].message,
        "SMB volume, great: starts at 4, below good (5); good <= great <= world class"
    );
    let programme_input = team_input(Segment::Smb, Period::Quarter, 3, "20", "15", "6");
    let programme = evaluate(&programme_input, &table);
    assert_eq!(programme.problems.len(), 4);
    assert_eq!(
        programme.problems[0].field,
        ProgrammeField::Benchmark(Segment::Smb, Measure::Volume, Tier::Great)
    );
    assert!(programme.problems[0]
        .message
        .ends_with("using the reference table until it is fixed"));
    assert_eq!(programme.benchmarks, Benchmarks::default());
    assert_eq!(team(&programme).rating.volume, Tier::Great);
}

#[test]
fn equal_bounds_are_valid() {
    let mut table = Benchmarks::default();
    table.smb.volume = Band::new(4.0, 4.0, 4.0);
    assert!(table.validate().is_empty());
    assert_eq!(table.smb.volume.tier(4.0), Tier::WorldClass);
    assert_eq!(table.smb.volume.tier(3.9), Tier::Below);
}

// ---------------------------------------------------------------- bullet chart

#[test]
fn bullet_geometry_for_smb_volume() {
    // Scale: 7 + (7 - 4) = 10 (more than 7 x 1.25 = 8.75).
    let chart = bullet(Some(5.0), &Benchmarks::default().smb.volume);
    assert!(close(chart.max, 10.0));
    let edges: Vec<(Tier, f64, f64)> = chart.bands.iter().map(|b| (b.tier, b.start, b.end)).collect();
    assert_eq!(
        edges,
        vec![
            (Tier::Below, 0.0, 2.0),
            (Tier::Good, 2.0, 4.0),
            (Tier::Great, 4.0, 7.0),
            (Tier::WorldClass, 7.0, 10.0)
        ]
    );
    let fractions: Vec<(f64, f64)> = chart.bands.iter().map(|b| (b.start_fraction, b.end_fraction)).collect();
    assert_eq!(fractions, vec![(0.0, 0.2), (0.2, 0.4), (0.4, 0.7), (0.7, 1.0)]);
    assert_eq!(chart.value_fraction, Some(0.5));
    assert_eq!(chart.tier, Some(Tier::Great));
}

#[test]
fn bullet_geometry_edge_cases() {
    // Enterprise conversion: 55 + 15 = 70 (more than 55 x 1.25 = 68.75).
    let chart = bullet(Some(35.0), &Benchmarks::default().enterprise.conversion);
    assert!(close(chart.max, 70.0));
    assert_eq!(chart.value_fraction, Some(0.5));
    // A value past the scale stretches it with 10% room: 20 -> 22.
    let chart = bullet(Some(20.0), &Benchmarks::default().smb.volume);
    assert!(close(chart.max, 22.0));
    assert!(chart.value_fraction.is_some_and(|f| close(f, 20.0 / 22.0)));
    // n/a conversion: bands without a marker.
    let chart = bullet(None, &Benchmarks::default().smb.conversion);
    assert_eq!((chart.value, chart.value_fraction, chart.tier), (None, None, None));
    assert_eq!(chart.bands.len(), 4);
    // All-zero targets still give a usable scale.
    let chart = bullet(Some(0.0), &Band::new(0.0, 0.0, 0.0));
    assert!(close(chart.max, 1.0));
    assert_eq!(chart.value_fraction, Some(0.0));
    // Garbage values have no marker.
    let chart = bullet(Some(f64::NAN), &Benchmarks::default().smb.volume);
    assert_eq!(chart.value_fraction, None);
}

// ---------------------------------------------------------------- quick entry

#[test]
fn link_sets_segment_period_stage_and_role() {
    let (input, notices) = from_query(
        "view=programme&segment=mid_market&period=custom&start=2025-01-01&end=2025-04-02&stage=growing&role=cro&csms=2&accepted=4&total_pipeline=100000&other_conversion=22.5",
    );
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(input.segment, Segment::MidMarket);
    assert_eq!(input.period, custom("2025-01-01", "2025-04-02"));
    assert_eq!(input.stage, Stage::Growing);
    assert_eq!(input.role, Role::Cro);
    assert_eq!(input.total_pipeline, "100000");
    assert_eq!(input.other_conversion, "22.5");
    assert_eq!(input.rows[0].accepted, "4");
    assert_eq!(input.rows[0].submitted, "");
}

#[test]
fn bad_link_values_give_notices_and_defaults() {
    let (input, notices) =
        from_query("segment=galactic&period=fortnight&csms=0&submitted=lots&accepted=-2&won=1.5&stage=x&role=ceo&start=2025-01-01");
    assert_eq!(input.segment, Segment::Smb);
    assert_eq!(input.period, Period::Quarter);
    assert_eq!(input.stage, Stage::Scaling);
    assert_eq!(input.role, Role::CsManager);
    assert_eq!(input.rows[0].headcount, "1");
    assert_eq!(
        (
            input.rows[0].submitted.as_str(),
            input.rows[0].accepted.as_str(),
            input.rows[0].won.as_str()
        ),
        ("", "", "")
    );
    assert_eq!(
        notices,
        vec![
            "Link parameter segment=\u{201c}galactic\u{201d}: unknown segment (use smb, mid_market or enterprise). Using SMB instead.",
            "Link parameter period=\u{201c}fortnight\u{201d}: unknown period (use month, quarter, half, year or custom). Using quarter instead.",
            "Link parameter csms=\u{201c}0\u{201d}: the number of CSMs must be 1 to 100000. Using 1 CSM instead.",
            "Link parameter submitted=\u{201c}lots\u{201d}: \u{201c}lots\u{201d} is not a number. Left blank.",
            "Link parameter accepted=\u{201c}-2\u{201d}: -2 is below the minimum of 0. Left blank.",
            "Link parameter won=\u{201c}1.5\u{201d}: 1.5 is not a whole number. Left blank.",
            "Link parameter stage=\u{201c}x\u{201d}: unknown stage (use early, growing or scaling). Using scaling instead.",
            "Link parameter role=\u{201c}ceo\u{201d}: unknown role (use csm, cs_manager, vp_cs or cro). Using CS manager instead.",
            "Link parameters start and end are only used with period=custom; the period is quarter.",
        ]
    );
}

#[test]
fn link_with_inconsistent_counts_shows_the_problem_beside_the_field() {
    let (input, notices) = from_query("csms=2&submitted=5&accepted=4&won=9");
    assert!(notices.is_empty());
    let programme = evaluate(&input, &Benchmarks::default());
    assert_eq!(programme.problems.len(), 1);
    assert_eq!(programme.problems[0].field, ProgrammeField::Won(0));
    assert!(programme.problems[0].message.starts_with("Team, won: 9 is more than accepted (4)"));
}

#[test]
fn empty_link_gives_the_default_input() {
    let (input, notices) = from_query("");
    assert!(notices.is_empty());
    assert_eq!(input, ProgrammeInput::default());
    let (input, _) = from_query("?view=programme&unknown=1");
    assert_eq!(input, ProgrammeInput::default());
}

// ---------------------------------------------------------------- formatting

#[test]
fn view_formatting() {
    assert_eq!(per_quarter(5.0), "5.0");
    assert_eq!(per_quarter(2.0 / (1.0 / 3.0)), "6.0");
    assert_eq!(percent(Some(75.0)), "75.0%");
    assert_eq!(percent(Some(40.0)), "40.0%");
    assert_eq!(percent(None), "n/a");
    assert_eq!(points(None), "n/a");
    assert_eq!(number(15.0), "15");
    assert_eq!(number_or_na(None), "n/a");
    assert_eq!(Segment::MidMarket.key(), "mid_market");
    assert_eq!(Segment::from_key("Mid-Market"), Some(Segment::MidMarket));
    assert_eq!(Period::from_key("half").map(|p| p.key()), Some("half"));
}

// ---------------------------------------------------------------- properties

fn all_finite(m: &Metrics) -> bool {
    let rates = [m.acceptance_rate, m.conversion_rate];
    m.per_csm_per_quarter.is_finite()
        && m.per_csm_per_quarter >= 0.0
        && m.accepted.is_finite()
        && rates.iter().flatten().all(|r| r.is_finite() && (0.0..=100.0).contains(r))
        && [m.submitted, m.won, m.pipeline_value, m.won_value]
            .iter()
            .flatten()
            .all(|v| v.is_finite())
}

fn period_strategy() -> impl Strategy<Value = Period> {
    prop_oneof![
        Just(Period::Month),
        Just(Period::Quarter),
        Just(Period::Half),
        Just(Period::Year),
        (0_u32..3000, 1_u32..3000).prop_map(|(offset, length)| {
            // Days after 2000-01-01 for the start and the length, via the calendar.
            let start = day_to_date(offset);
            let end = day_to_date(offset + length);
            custom(&start, &end)
        }),
    ]
}

/// `YYYY-MM-DD` for `days` after 2000-01-01 (test helper, simple walk).
fn day_to_date(mut days: u32) -> String {
    let (mut year, mut month, mut day) = (2000_u32, 1_u32, 1_u32);
    while days > 0 {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let length = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day < length {
            day += 1;
        } else {
            day = 1;
            if month == 12 {
                month = 1;
                year += 1;
            } else {
                month += 1;
            }
        }
        days -= 1;
    }
    format!("{year:04}-{month:02}-{day:02}")
}

proptest! {
    #[test]
    fn metrics_are_always_finite_for_non_negative_counts(
        rows in prop::collection::vec((0_u64..1_000_000_000_000, 0_u64..1_000_000_000_000, 0_u64..1_000_000_000_000, 1_u32..1000, 0_u8..4), 1..5),
        period in period_strategy(),
        segment in prop_oneof![Just(Segment::Smb), Just(Segment::MidMarket), Just(Segment::Enterprise)],
    ) {
        let rows: Vec<CsmRow> = rows
            .iter()
            .enumerate()
            .map(|(i, &(a, b, c, csms, blanks))| {
                // Sort so that won <= accepted <= submitted.
                let mut counts = [a, b, c];
                counts.sort_unstable();
                let mut r = CsmRow::team(csms, &counts[2].to_string(), &counts[1].to_string(), &counts[0].to_string());
                r.name = format!("CSM {i}");
                if blanks & 1 == 1 { r.submitted.clear(); }
                if blanks & 2 == 2 { r.won.clear(); }
                r.pipeline_value = (a * 1000).to_string();
                r
            })
            .collect();
        let programme = evaluate(&input(segment, period, rows), &Benchmarks::default());
        prop_assert!(programme.problems.is_empty(), "{:?}", programme.problems);
        let t = team(&programme);
        prop_assert!(all_finite(t));
        for m in programme.rows.iter().flatten() {
            prop_assert!(all_finite(m));
        }
        prop_assert_eq!(programme.rows.iter().flatten().count(), programme.rows.len());
        // Overall is never above either tier.
        if let Some(overall) = t.rating.overall {
            prop_assert!(overall <= t.rating.volume);
            prop_assert!(t.rating.conversion.is_some_and(|c| overall <= c));
        }
        prop_assert!(t.rating.conversion.is_some() == t.conversion_rate.is_some());
    }

    #[test]
    fn any_typed_text_never_panics(
        fields in prop::collection::vec(".{0,12}", 11),
        period in prop_oneof![Just("month"), Just("custom"), Just("year")],
    ) {
        let mut programme_input = input(Segment::Smb, Period::Quarter, vec![CsmRow {
            name: fields[0].clone(),
            headcount: fields[1].clone(),
            submitted: fields[2].clone(),
            accepted: fields[3].clone(),
            won: fields[4].clone(),
            pipeline_value: fields[5].clone(),
            won_value: fields[6].clone(),
            segment: None,
            team: false,
        }]);
        programme_input.period = match Period::from_key(period) {
            Some(Period::Custom { .. }) => custom(&fields[7], &fields[8]),
            Some(p) => p,
            None => Period::Quarter,
        };
        programme_input.total_pipeline = fields[9].clone();
        programme_input.other_conversion = fields[10].clone();
        let programme = evaluate(&programme_input, &Benchmarks::default());
        if let Some(t) = programme.team.as_ref() {
            prop_assert!(all_finite(t));
        }
        prop_assert!(programme.cs_share.is_none_or(f64::is_finite));
        prop_assert!(programme.versus_other.is_none_or(f64::is_finite));
    }

    #[test]
    fn any_query_never_panics(query in ".{0,80}", counts in "[a-z_]{1,10}=[-0-9.,a-z]{0,6}") {
        let (input, _) = from_query(&query);
        let _ = evaluate(&input, &Benchmarks::default());
        let (input, _) = from_query(&format!("{counts}&csms=2&accepted=1"));
        let _ = evaluate(&input, &Benchmarks::default());
    }
}

// ---------------------------------------------------------------- page actions and paste

mod page_state {
    use csql_calculator::model::programme::paste::{clean_number, MAX_PASTE_ROWS};
    use csql_calculator::model::programme::state::MAX_ROWS;
    use csql_calculator::model::programme::words::{per_quarter, percent};
    use csql_calculator::model::programme::{
        evaluate, parse_rows, Benchmarks, CsmRow, Measure, Period, ProgrammeEvent, ProgrammeField, ProgrammeState, Role, RowField, Segment,
        Stage, Tier,
    };

    fn state(query: &str) -> ProgrammeState {
        ProgrammeState::from_query(query)
    }

    fn rows(text: &str) -> Vec<CsmRow> {
        match parse_rows(text) {
            Ok(rows) => rows,
            Err(problems) => panic!("{problems:?}"),
        }
    }

    fn problems(text: &str) -> Vec<String> {
        match parse_rows(text) {
            Ok(rows) => panic!("expected problems, got {rows:?}"),
            Err(problems) => problems.into_iter().map(|p| p.message).collect(),
        }
    }

    #[test]
    fn selects_send_keys_and_unknown_keys_change_nothing() {
        let mut s = state("");
        s.apply(ProgrammeEvent::SetSegment("mid_market".into()));
        s.apply(ProgrammeEvent::SetStage("growing".into()));
        s.apply(ProgrammeEvent::SetRole("cro".into()));
        s.apply(ProgrammeEvent::ChoosePeriod("half".into()));
        assert_eq!(s.input.segment, Segment::MidMarket);
        assert_eq!(s.input.stage, Stage::Growing);
        assert_eq!(s.input.role, Role::Cro);
        assert_eq!(s.input.period, Period::Half);
        let before = s.clone();
        for action in [
            ProgrammeEvent::SetSegment("galaxy".into()),
            ProgrammeEvent::SetStage("".into()),
            ProgrammeEvent::SetRole("ceo".into()),
            ProgrammeEvent::ChoosePeriod("week".into()),
            ProgrammeEvent::SetRowField(9, RowField::Won, "1".into()),
            ProgrammeEvent::SetRowSegment(9, "smb".into()),
            ProgrammeEvent::RemoveRow(9),
            ProgrammeEvent::DismissNotice(3),
            ProgrammeEvent::UndoPaste,
            // Dates only apply to a custom period.
            ProgrammeEvent::SetStart("2025-01-01".into()),
        ] {
            s.apply(action);
        }
        assert_eq!(s, before);
    }

    #[test]
    fn custom_dates_are_kept_when_custom_is_chosen_again() {
        let mut s = state("");
        s.apply(ProgrammeEvent::ChoosePeriod("custom".into()));
        s.apply(ProgrammeEvent::SetStart("2025-01-01".into()));
        s.apply(ProgrammeEvent::SetEnd("2025-07-01".into()));
        s.apply(ProgrammeEvent::ChoosePeriod("custom".into()));
        assert_eq!(
            s.input.period,
            Period::Custom {
                start: "2025-01-01".into(),
                end: "2025-07-01".into()
            }
        );
        // 181 days / (365.25 / 4) = 1.982 quarters.
        let quarters = evaluate(&s.input, &Benchmarks::default()).quarters.unwrap_or(0.0);
        assert!((quarters - 181.0 / 91.3125).abs() < 1e-9);
        s.apply(ProgrammeEvent::ChoosePeriod("year".into()));
        assert_eq!(s.input.period, Period::Year);
    }

    #[test]
    fn rows_are_added_edited_overridden_and_removed_but_never_the_last() {
        let mut s = state("csms=3&submitted=20&accepted=15&won=6");
        s.apply(ProgrammeEvent::AddRow);
        assert_eq!(s.input.rows.len(), 2);
        assert_eq!(s.input.rows[1], CsmRow::named(""));
        for (field, text) in [
            (RowField::Name, "Bo"),
            (RowField::Submitted, "10"),
            (RowField::Accepted, "4"),
            (RowField::Won, "1"),
            (RowField::PipelineValue, "40000"),
            (RowField::WonValue, "9000"),
        ] {
            s.apply(ProgrammeEvent::SetRowField(1, field, text.into()));
            assert_eq!(field.get(&s.input.rows[1]), text);
        }
        s.apply(ProgrammeEvent::SetRowSegment(1, "enterprise".into()));
        assert_eq!(s.input.rows[1].segment, Some(Segment::Enterprise));
        s.apply(ProgrammeEvent::SetRowSegment(1, "".into()));
        assert_eq!(s.input.rows[1].segment, None);
        // Team of 3 + Bo = 4 CSMs; 15 + 4 = 19 accepted / 4 = 4.75 -> 4.8.
        let team = evaluate(&s.input, &Benchmarks::default()).team.unwrap_or_else(|| panic!("team"));
        assert_eq!(per_quarter(team.per_csm_per_quarter), "4.8");
        // 19 / 30 = 63.3%; 7 / 19 = 36.8%.
        assert_eq!(percent(team.acceptance_rate), "63.3%");
        assert_eq!(percent(team.conversion_rate), "36.8%");
        s.apply(ProgrammeEvent::RemoveRow(0));
        assert_eq!(s.input.rows.len(), 1);
        assert_eq!(s.input.rows[0].name, "Bo");
        s.apply(ProgrammeEvent::RemoveRow(0));
        assert_eq!(s.input.rows.len(), 1, "the last row stays");
    }

    #[test]
    fn the_grid_stops_growing_at_its_maximum() {
        let mut s = state("");
        for _ in 0..MAX_ROWS + 5 {
            s.apply(ProgrammeEvent::AddRow);
        }
        assert_eq!(s.input.rows.len(), MAX_ROWS);
    }

    #[test]
    fn row_fields_map_to_the_problem_fields_evaluate_reports() {
        assert_eq!(RowField::Name.problem_field(2), None);
        assert_eq!(RowField::Won.problem_field(2), Some(ProgrammeField::Won(2)));
        assert_eq!(RowField::WonValue.problem_field(0), Some(ProgrammeField::WonValue(0)));
        assert_eq!(RowField::ALL.iter().filter(|f| f.is_number()).count(), 6);
    }

    #[test]
    fn notices_come_from_the_link_and_can_be_dismissed() {
        let mut s = state("segment=galaxy&csms=0");
        assert_eq!(s.notices.len(), 2);
        assert!(s.notices[0].message.starts_with("Link parameter segment="));
        s.apply(ProgrammeEvent::DismissNotice(0));
        assert_eq!(s.notices.len(), 1);
        assert!(s.notices[0].message.starts_with("Link parameter csms="));
    }

    #[test]
    fn link_csm_rows_replace_the_team_totals() {
        let s = state("csm=Ann,12,9,4&csm=Bo;10;4;1&csms=5&accepted=3");
        let names: Vec<&str> = s.input.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Ann", "Bo"]);
        assert_eq!(s.notices.len(), 1, "{:?}", s.notices);
        assert!(s.notices[0].message.contains("not used when the link has csm rows"));
        let bad = state("csm=Ann,12,9,4&csm=Cy,2,3,1");
        assert_eq!(bad.input.rows.len(), 1);
        assert_eq!(
            bad.notices.iter().map(|n| n.message.as_str()).collect::<Vec<_>>(),
            ["Link parameter csm=\u{201c}Cy,2,3,1\u{201d}: Cy, accepted: 3 is more than submitted (2); Sales can only accept what CS submitted. Row left out."]
        );
    }

    #[test]
    fn a_spreadsheet_paste_replaces_the_rows_and_can_be_undone() {
        let mut s = state("csms=3&submitted=20&accepted=15&won=6");
        let before = s.input.rows.clone();
        s.apply(ProgrammeEvent::SetPaste(
            "Name\tSubmitted\tAccepted\tWon\nAnn\t12\t9\t4\nBo\t10\t4\t1\n\n".into(),
        ));
        s.apply(ProgrammeEvent::ApplyPaste);
        assert!(s.paste_problems.is_empty());
        assert_eq!(s.paste, "");
        assert_eq!(s.paste_done.as_deref(), Some("Replaced the table with 2 rows from the paste."));
        assert_eq!(s.input.rows.len(), 2);
        assert_eq!(s.input.rows[1].accepted, "4");
        s.apply(ProgrammeEvent::UndoPaste);
        assert_eq!(s.input.rows, before);
        assert_eq!(s.paste_done, None);
    }

    #[test]
    fn a_bad_paste_changes_nothing_and_names_each_line() {
        let mut s = state("csms=3&submitted=20&accepted=15&won=6");
        let before = s.input.rows.clone();
        s.apply(ProgrammeEvent::SetPaste("Ann;12;9;4\nBo;10;4\nCy;5;6;1\nDee;x;2;1".into()));
        s.apply(ProgrammeEvent::ApplyPaste);
        assert_eq!(s.input.rows, before);
        let messages: Vec<&str> = s.paste_problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Line 2: found 3 cells; a line needs at least 4 (name, submitted, accepted, won)",
                "Line 3: Cy, accepted: 6 is more than submitted (5); Sales can only accept what CS submitted",
                "Line 4: Dee, submitted: \u{201c}x\u{201d} is not a number",
            ]
        );
        assert_eq!(s.paste_problems.iter().map(|p| p.line).collect::<Vec<_>>(), [2, 3, 4]);
        // The text stays for fixing.
        assert!(s.paste.starts_with("Ann;12"));
    }

    #[test]
    fn paste_reads_tabs_semicolons_commas_quotes_and_optional_values() {
        let tab = rows("Ann\t12\t9\t4\t$45,000\t$12,000.50\t\t\n");
        assert_eq!(tab[0].pipeline_value, "45000");
        assert_eq!(tab[0].won_value, "12000.50");
        assert_eq!(tab[0].headcount, "1");
        assert_eq!(tab[0].segment, None);
        let semi = rows("Ann;12;9;4;1.200.000,50\nBo;10;4;;");
        assert_eq!(semi[0].pipeline_value, "1200000.50");
        assert_eq!(semi[1].won, "", "won may be left blank");
        let comma = rows("\"Lee, Ann\",12,9,4\n ,3,2,1");
        assert_eq!(comma[0].name, "Lee, Ann");
        // A blank name is allowed; the grid calls it by its place.
        assert_eq!(comma[1].name, "");
        assert_eq!(comma[1].display_name(1), "CSM 2");
    }

    #[test]
    fn paste_rejects_empty_text_extra_cells_and_too_many_rows() {
        assert_eq!(
            problems(" \n\n"),
            ["Nothing to add: paste one line per CSM with name, submitted, accepted and won."]
        );
        assert_eq!(
            problems("Name,Submitted,Accepted,Won"),
            ["Nothing to add: paste one line per CSM with name, submitted, accepted and won."]
        );
        assert_eq!(
            problems("Ann,1,1,1,0,0,extra"),
            ["Line 1: found 7 cells; use at most 6 (name, submitted, accepted, won, pipeline value, closed-won value)"]
        );
        assert_eq!(problems("Ann,1,1,0.5"), ["Line 1: Ann, won: 0.5 is not a whole number"]);
        assert_eq!(problems("Ann,1,,0"), ["Line 1: Ann, accepted: enter a number"]);
        let many = "A,1,1,1\n".repeat(MAX_PASTE_ROWS + 1);
        assert_eq!(
            problems(&many),
            [format!(
                "The paste has more than {MAX_PASTE_ROWS} rows; paste at most {MAX_PASTE_ROWS} at a time."
            )]
        );
        // Exactly the maximum is fine.
        assert_eq!(rows(&"A,1,1,1\n".repeat(MAX_PASTE_ROWS)).len(), MAX_PASTE_ROWS);
    }

    #[test]
    fn pasted_numbers_lose_currency_spaces_and_thousands_separators() {
        assert_eq!(clean_number("\u{20ac} 1 234"), "1234");
        assert_eq!(clean_number("\u{a3}1,234,567"), "1234567");
        assert_eq!(clean_number("12,5"), "12,5", "a lone decimal comma is left for the number parser");
        assert_eq!(clean_number("1,23"), "1,23");
        assert_eq!(clean_number("1.234"), "1.234", "one dot group is a decimal point");
    }

    #[test]
    fn benchmark_edits_keep_the_typed_text_and_restore_puts_back_the_reference() {
        let mut s = state("csms=3&submitted=20&accepted=15&won=6");
        // The targets live in the calculator's document; the page edits them there.
        let mut targets: Option<Benchmarks> = None;
        let text = |s: &ProgrammeState, targets: &Option<Benchmarks>| {
            s.benchmark_texts(targets.as_ref())
                .into_iter()
                .find(|(seg, m, t, _)| (*seg, *m, *t) == (Segment::Smb, Measure::Volume, Tier::Great))
                .map(|(.., text)| text)
                .unwrap_or_default()
        };
        assert_eq!(text(&s, &targets), "4");
        assert_eq!(s.benchmark_texts(None).len(), 18);
        // Raise SMB great to 6: 5.0 per CSM is now good, overall good.
        s.update(
            ProgrammeEvent::SetBenchmark(Segment::Smb, Measure::Volume, Tier::Great, "6".into()),
            Some(&mut targets),
        );
        let table = targets.clone().unwrap_or_else(|| panic!("the edit made targets"));
        assert_eq!(table.smb.volume.great, 6.0);
        assert!(!table.is_reference());
        assert!(table.source.starts_with("Your internal targets"));
        assert_eq!(s.draft, None);
        let team = evaluate(&s.input, &s.table(targets.as_ref()))
            .team
            .unwrap_or_else(|| panic!("team"));
        assert_eq!(team.rating.volume, Tier::Good);
        assert_eq!(team.rating.overall, Some(Tier::Good));
        // A half-typed bound stays as typed, is reported beside its box, and the
        // calculation falls back to the reference table (great again); the
        // targets keep their last usable value.
        s.update(
            ProgrammeEvent::SetBenchmark(Segment::Smb, Measure::Volume, Tier::Great, "6x".into()),
            Some(&mut targets),
        );
        assert_eq!(text(&s, &targets), "6x");
        assert_eq!(targets.as_ref().map(|t| t.smb.volume.great), Some(6.0));
        let programme = evaluate(&s.input, &s.table(targets.as_ref()));
        assert!(programme
            .problems_for(ProgrammeField::Benchmark(Segment::Smb, Measure::Volume, Tier::Great))
            .any(|p| p.message.contains("enter a number")));
        assert_eq!(programme.team.map(|t| t.rating.volume), Some(Tier::Great));
        // "6." while typing 6.5 stays as typed, though the table already uses 6.
        s.update(
            ProgrammeEvent::SetBenchmark(Segment::Smb, Measure::Volume, Tier::Great, "6.".into()),
            Some(&mut targets),
        );
        assert_eq!(text(&s, &targets), "6.");
        assert_eq!(s.draft, None);
        s.update(ProgrammeEvent::RestoreBenchmarks, Some(&mut targets));
        assert_eq!(targets, None);
        assert!(s.typed.is_empty());
        assert_eq!(text(&s, &targets), "4");
        // "Below" has no bound of its own: nothing changes.
        let before = (s.clone(), targets.clone());
        s.update(
            ProgrammeEvent::SetBenchmark(Segment::Smb, Measure::Volume, Tier::Below, "1".into()),
            Some(&mut targets),
        );
        assert_eq!((s, targets), before);
    }

    #[test]
    fn a_locked_model_keeps_its_targets() {
        let mut s = state("");
        let mut targets = Some(Benchmarks::default());
        s.update(
            ProgrammeEvent::SetBenchmark(Segment::Smb, Measure::Volume, Tier::Great, "6".into()),
            None,
        );
        s.update(ProgrammeEvent::RestoreBenchmarks, None);
        assert_eq!(targets.take(), Some(Benchmarks::default()));
        assert!(s.typed.is_empty());
    }
}

#[test]
fn rows_from_a_book_replace_the_table_and_can_be_undone() {
    use csql_calculator::model::programme::{CsmRow, ProgrammeEvent, ProgrammeState};
    let mut state = ProgrammeState::default();
    let before = state.input.rows.clone();
    let ann = CsmRow {
        submitted: "3".into(),
        accepted: "2".into(),
        won: "1".into(),
        ..CsmRow::named("Ann")
    };
    state.apply(ProgrammeEvent::UseBookRows(vec![ann.clone()], "book.csv".into()));
    assert_eq!(state.input.rows, vec![ann]);
    assert!(state
        .paste_done
        .as_deref()
        .unwrap()
        .starts_with("Filled the table with 1 owner from book.csv"));
    // 2 accepted of 3 submitted: 66.7 %; 1 won of 2 accepted: 50.0 %.
    let programme = csql_calculator::model::programme::evaluate(&state.input, &Benchmarks::default());
    let team = programme.team.expect("valid rows");
    assert!((team.acceptance_rate.unwrap() - 200.0 / 3.0).abs() < 1e-9);
    assert!((team.conversion_rate.unwrap() - 50.0).abs() < 1e-9);
    state.apply(ProgrammeEvent::UndoPaste);
    assert_eq!(state.input.rows, before);
    // An empty list changes nothing.
    state.apply(ProgrammeEvent::UseBookRows(Vec::new(), "empty.csv".into()));
    assert_eq!(state.input.rows, before);
}

// ------------------------------------------- dates, team rows, small samples

mod dates_rows_and_samples {
    use csql_calculator::model::core::effect::Effect;
    use csql_calculator::model::programme::state::MAX_ROWS;
    use csql_calculator::model::programme::words::{caution_legend, overall_explanation, per_quarter, period_summary, tier_label};
    use csql_calculator::model::programme::{
        evaluate, Benchmarks, CsmRow, Measure, Period, PeriodDate, PeriodDateError, ProgrammeEvent, ProgrammeInput, ProgrammeState,
        RowField, Segment, Tier,
    };

    fn custom(start: &str, end: &str) -> Period {
        Period::Custom {
            start: start.to_owned(),
            end: end.to_owned(),
        }
    }

    fn row(name: &str, submitted: &str, accepted: &str, won: &str) -> CsmRow {
        CsmRow {
            submitted: submitted.to_owned(),
            accepted: accepted.to_owned(),
            won: won.to_owned(),
            ..CsmRow::named(name)
        }
    }

    fn rows_input(rows: Vec<CsmRow>) -> ProgrammeInput {
        ProgrammeInput {
            rows,
            ..ProgrammeInput::default()
        }
    }

    fn date(text: &str) -> String {
        match PeriodDate::parse(text) {
            Ok(date) => date.to_string(),
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn refused(text: &str) -> String {
        match PeriodDate::parse(text) {
            Ok(date) => panic!("{text:?} read as {date}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn choosing_custom_dates_shows_no_error_and_says_what_to_enter() {
        let mut s = ProgrammeState::default();
        s.apply(ProgrammeEvent::SetRowField(0, RowField::Accepted, "6".into()));
        s.apply(ProgrammeEvent::ChoosePeriod("custom".into()));
        let programme = evaluate(&s.input, &Benchmarks::default());
        assert_eq!(programme.problems, Vec::new(), "nothing typed, nothing wrong");
        assert_eq!(programme.quarters, None);
        assert!(programme.team.is_none());
        assert_eq!(
            programme.waiting.as_deref(),
            Some("Enter the period's start and end dates (YYYY-MM-DD) to see the figures.")
        );
        assert_eq!(
            programme.pending(),
            "n/a until then: enter the period's start and end dates (YYYY-MM-DD) to see the figures."
        );
        assert_eq!(
            overall_explanation(&programme),
            "Enter the period's start and end dates (YYYY-MM-DD) to see the figures."
        );

        s.apply(ProgrammeEvent::SetStart("2025-01-01".into()));
        let programme = evaluate(&s.input, &Benchmarks::default());
        assert_eq!(programme.problems, Vec::new());
        assert_eq!(
            programme.waiting.as_deref(),
            Some("Enter the period's end date (YYYY-MM-DD) to see the figures.")
        );

        // A wrong date is marked; the blank one is still only waited for.
        s.apply(ProgrammeEvent::SetStart("2025-02-30".into()));
        let programme = evaluate(&s.input, &Benchmarks::default());
        assert_eq!(programme.problems.len(), 1);
        assert_eq!(programme.pending(), "n/a until the inputs marked in red are fixed.");
        assert_eq!(
            overall_explanation(&programme),
            "Fix the inputs marked in red to see the team's result."
        );

        // Both dates: 2025-01-01 to 2025-04-01 is 31 + 28 + 31 = 90 days,
        // 90 / 91.3125 = 0.9856 quarters; 6 accepted / 1 CSM / 0.9856 = 6.0875 -> 6.1.
        s.apply(ProgrammeEvent::SetStart("2025-01-01".into()));
        s.apply(ProgrammeEvent::SetEnd("2025-04-01".into()));
        let programme = evaluate(&s.input, &Benchmarks::default());
        assert_eq!(programme.waiting, None);
        assert_eq!(
            programme.team.as_ref().map(|t| per_quarter(t.per_csm_per_quarter)).as_deref(),
            Some("6.1")
        );
        assert_eq!(
            period_summary(&s.input.period).as_deref(),
            Some("2025-01-01 to 2025-04-01: 90 days, 0.99 quarters.")
        );
    }

    #[test]
    fn dates_are_read_in_the_forms_people_type_and_shown_as_yyyy_mm_dd() {
        for typed in [
            "2025-01-31",
            " 2025-01-31 ",
            "2025/1/31",
            "2025.01.31",
            "2025 01 31",
            "20250131",
            "31 Jan 2025",
            "31 january 2025",
            "January 31, 2025",
            "JAN 31 2025",
            "31-Jan-2025",
            "31st January 2025",
            "Janu 31 2025",
            "2025-01-31T09:30",
            "2025-01-31t09:30:00Z",
            "2025-01-31 00:00:00",
            "2025-01-31 00:00:00 +01:00",
            "31/01/2025",
            "01/31/2025",
            "31.01.2025",
        ] {
            assert_eq!(date(typed), "2025-01-31", "{typed:?}");
        }
        assert_eq!(date("1 Sept 2025"), "2025-09-01");
        assert_eq!(date("May 2nd, 2025"), "2025-05-02");
        assert_eq!(date("05/05/2025"), "2025-05-05", "both readings are the same day");
        assert_eq!(date("29 Feb 2024"), "2024-02-29");
        assert_eq!(date("9999-12-31"), "9999-12-31");
    }

    #[test]
    fn dates_that_cannot_be_read_say_why() {
        assert_eq!(PeriodDate::parse(""), Err(PeriodDateError::Empty));
        assert_eq!(PeriodDate::parse("  \t "), Err(PeriodDateError::Empty));
        // Both numbers could be the month: 1 February or 2 January.
        assert_eq!(
            refused("01/02/2025"),
            "\u{201c}01/02/2025\u{201d} could be 2025-02-01 or 2025-01-02; use YYYY-MM-DD"
        );
        for typed in [
            "soon",
            "2025-01",
            "1/2/25",
            "25-01-31",
            "99999-01-01",
            "2025-001-01",
            "Janvier 5 2025",
            "ju 5 2025",
            "2025 Jan",
            "2025-01-31 and more",
            "2025-01-31;",
            "=2025-01-31",
            "2025-01-31-01",
        ] {
            assert!(
                refused(typed).ends_with("is not a date; use YYYY-MM-DD, e.g. 2025-01-31"),
                "{typed:?}: {}",
                refused(typed)
            );
        }
        assert_eq!(refused("2025-02-29"), "2025-02-29 is not a real date (February 2025 has 28 days)");
        assert_eq!(refused("31/31/2025"), "31/31/2025 is not a real date (month 31 is not 01-12)");
        assert_eq!(refused("31 Apr 2025"), "31 Apr 2025 is not a real date (April 2025 has 30 days)");
        assert_eq!(refused("0000-01-01"), "0000-01-01 is not a real date (years start at 0001)");
        // A pasted paragraph is refused unread, and quoted short: its first
        // 24 characters are "2025-01-31 " twice (22) and "20".
        let long = "2025-01-31 ".repeat(10_000);
        assert_eq!(
            refused(&long),
            "\u{201c}2025-01-31 2025-01-31 20\u{2026}\u{201d} is not a date; use YYYY-MM-DD, e.g. 2025-01-31"
        );
    }

    #[test]
    fn leaving_a_date_box_rewrites_what_was_read_as_yyyy_mm_dd() {
        let mut s = ProgrammeState::default();
        s.apply(ProgrammeEvent::ChoosePeriod("custom".into()));
        s.apply(ProgrammeEvent::SetStart(" 31 Jan 2025".into()));
        s.apply(ProgrammeEvent::SetEnd("2025/4/1".into()));
        s.apply(ProgrammeEvent::TidyDates);
        assert_eq!(s.input.period, custom("2025-01-31", "2025-04-01"));
        // 2025-01-31 to 2025-04-01: 28 (to 28 Feb) + 31 (to 31 Mar) + 1 = 60 days;
        // 60 / 91.3125 = 0.657 quarters.
        assert_eq!(
            period_summary(&s.input.period).as_deref(),
            Some("2025-01-31 to 2025-04-01: 60 days, 0.66 quarters.")
        );
        // What cannot be read stays as typed, to be corrected.
        s.apply(ProgrammeEvent::SetEnd("soon".into()));
        s.apply(ProgrammeEvent::TidyDates);
        assert_eq!(s.input.period, custom("2025-01-31", "soon"));
        assert_eq!(period_summary(&s.input.period), None);
        // A named period has no dates to tidy.
        let mut quarter = ProgrammeState::default();
        quarter.apply(ProgrammeEvent::TidyDates);
        assert_eq!(quarter, ProgrammeState::default());
        assert_eq!(period_summary(&Period::Quarter), None);
        // One day: 2024-02-28 to 2024-02-29 (a leap year); 1 / 91.3125 = 0.011 quarters.
        assert_eq!(
            period_summary(&custom("2024-02-28", "2024-02-29")).as_deref(),
            Some("2024-02-28 to 2024-02-29: 1 day, 0.01 quarters.")
        );
    }

    #[test]
    fn a_link_reads_dates_in_the_same_forms() {
        let s = ProgrammeState::from_query("period=custom&start=1+Jan+2025&end=2025%2F4%2F1&csms=1&accepted=6");
        assert!(s.notices.is_empty(), "{:?}", s.notices);
        // 90 days, as above: 6 / 0.9856 = 6.0875 -> 6.1.
        let programme = evaluate(&s.input, &Benchmarks::default());
        assert_eq!(programme.problems, Vec::new());
        assert_eq!(
            programme.team.as_ref().map(|t| per_quarter(t.per_csm_per_quarter)).as_deref(),
            Some("6.1")
        );
    }

    #[test]
    fn the_first_csm_added_replaces_the_empty_team_row() {
        let mut s = ProgrammeState::default();
        assert!(s.input.rows[0].team && s.input.rows[0].has_no_counts());
        assert_eq!(s.update(ProgrammeEvent::AddRow, None), vec![Effect::Focus("csm-0-name".into())]);
        assert_eq!(s.input.rows, vec![CsmRow::named("")]);
        assert_eq!(s.update(ProgrammeEvent::AddRow, None), vec![Effect::Focus("csm-1-name".into())]);
        assert_eq!(s.input.rows, vec![CsmRow::named(""), CsmRow::named("")]);
        assert_eq!(evaluate(&s.input, &Benchmarks::default()).rows_add_up, None);

        // A link's team row with a headcount but no counts holds nothing to lose.
        let mut s = ProgrammeState::from_query("csms=3");
        assert_eq!(s.update(ProgrammeEvent::AddRow, None), vec![Effect::Focus("csm-0-name".into())]);
        assert_eq!(s.input.rows, vec![CsmRow::named("")]);

        // Counts typed and then cleared: the row is empty again.
        let mut s = ProgrammeState::default();
        s.apply(ProgrammeEvent::SetRowField(0, RowField::Accepted, "4".into()));
        s.apply(ProgrammeEvent::SetRowField(0, RowField::Accepted, " ".into()));
        s.apply(ProgrammeEvent::AddRow);
        assert_eq!(s.input.rows, vec![CsmRow::named("")]);
    }

    #[test]
    fn csm_rows_beside_a_team_row_with_counts_add_up_and_the_page_says_so() {
        let mut s = ProgrammeState::from_query("csms=3&submitted=20&accepted=15&won=6");
        assert_eq!(
            evaluate(&s.input, &Benchmarks::default()).rows_add_up,
            None,
            "one row adds to nothing"
        );
        // The Team row holds counts: it is kept, and the new row goes after it.
        assert_eq!(s.update(ProgrammeEvent::AddRow, None), vec![Effect::Focus("csm-1-name".into())]);
        assert_eq!(s.input.rows.len(), 2);
        assert!(s.input.rows[0].team && !s.input.rows[1].team);
        for (field, text) in [
            (RowField::Name, "Bo"),
            (RowField::Submitted, "10"),
            (RowField::Accepted, "4"),
            (RowField::Won, "1"),
        ] {
            s.apply(ProgrammeEvent::SetRowField(1, field, text.into()));
        }
        let programme = evaluate(&s.input, &Benchmarks::default());
        // Team of 3 + Bo = 4 CSMs: (15 + 4) / 4 = 4.75 -> 4.8.
        let team = programme.team.as_ref().unwrap_or_else(|| panic!("{:?}", programme.problems));
        assert_eq!(team.csms, 4);
        assert_eq!(per_quarter(team.per_csm_per_quarter), "4.8");
        assert_eq!(
            programme.rows_add_up.as_deref(),
            Some(
                "The team figures add up every row (4 CSMs in all): \u{201c}Team\u{201d} holds team totals and the row beside it adds to them. \
                 If that CSM is already counted in \u{201c}Team\u{201d}, remove that row so no CSM counts twice."
            )
        );
        // Renamed, the row still holds totals; two rows beside it.
        s.apply(ProgrammeEvent::SetRowField(0, RowField::Name, "EMEA".into()));
        s.apply(ProgrammeEvent::AddRow);
        s.apply(ProgrammeEvent::SetRowField(2, RowField::Accepted, "1".into()));
        let programme = evaluate(&s.input, &Benchmarks::default());
        let text = programme.rows_add_up.unwrap_or_default();
        assert!(text.starts_with("The team figures add up every row (5 CSMs in all): \u{201c}EMEA\u{201d} holds team totals and the rows beside it add to them."), "{text}");
        assert!(
            text.ends_with("If those CSMs are already counted in \u{201c}EMEA\u{201d}, remove that row so no CSM counts twice."),
            "{text}"
        );
        // While a row has a problem the CSM total is unknown: the sentence stays, without it.
        s.apply(ProgrammeEvent::SetRowField(2, RowField::Accepted, "x".into()));
        let text = evaluate(&s.input, &Benchmarks::default()).rows_add_up.unwrap_or_default();
        assert!(text.starts_with("The team figures add up every row: "), "{text}");
        // Removing the team row removes the sentence.
        s.apply(ProgrammeEvent::RemoveRow(0));
        assert_eq!(evaluate(&s.input, &Benchmarks::default()).rows_add_up, None);
        // Pasted rows are CSMs, never team totals.
        assert!(csql_calculator::model::programme::parse_rows("Ann,3,2,1\nBo,4,3,1")
            .unwrap_or_default()
            .iter()
            .all(|r| !r.team));
    }

    #[test]
    fn a_csm_with_nothing_accepted_is_below_good_not_na() {
        let programme = evaluate(
            &rows_input(vec![row("Ann", "12", "9", "4"), row("Cy", "6", "0", "0")]),
            &Benchmarks::default(),
        );
        let cy = programme.rows[1].as_ref().unwrap_or_else(|| panic!("{:?}", programme.problems));
        // 0 accepted / 1 CSM / 1 quarter = 0.0, under SMB good's 2: below good.
        assert_eq!(cy.rating.volume, Tier::Below);
        assert_eq!(cy.conversion_rate, None);
        assert_eq!(cy.rating.conversion, None);
        assert_eq!(cy.rating.overall, Some(Tier::Below));
        assert_eq!(tier_label(cy.rating.overall), "Below good");
        // Closed won left blank with a low volume: 1 accepted is below good's 2.
        let programme = evaluate(&rows_input(vec![row("Di", "3", "1", "")]), &Benchmarks::default());
        let di = programme.rows[0].as_ref().unwrap_or_else(|| panic!("{:?}", programme.problems));
        assert_eq!(di.rating.overall, Some(Tier::Below));
        assert_eq!(
            di.rating.note.as_deref(),
            Some("Closed-won not entered, so conversion is n/a; volume is below good, so the overall tier is below good whatever the conversion.")
        );
        // Volume good or better with no conversion: still no verdict on volume alone.
        let programme = evaluate(&rows_input(vec![row("Ed", "9", "5", "")]), &Benchmarks::default());
        let ed = programme.rows[0].as_ref().unwrap_or_else(|| panic!("{:?}", programme.problems));
        assert_eq!(ed.rating.volume, Tier::Great, "5 is in SMB great 4-7");
        assert_eq!(ed.rating.overall, None);
        // Where good starts at 0, a volume of 0 is good: no overall tier from it.
        let mut targets = Benchmarks::default();
        if let Some(bound) = targets
            .for_segment_mut(Segment::Smb)
            .band_mut(Measure::Volume)
            .bound_mut(Tier::Good)
        {
            *bound = 0.0;
        }
        let programme = evaluate(&rows_input(vec![row("Cy", "6", "0", "0")]), &targets);
        let cy = programme.rows[0].as_ref().unwrap_or_else(|| panic!("{:?}", programme.problems));
        assert_eq!(cy.rating.volume, Tier::Good);
        assert_eq!(cy.rating.overall, None);
        assert_eq!(
            cy.rating.note.as_deref(),
            Some("No accepted CSQLs, so conversion is n/a and there is no overall tier.")
        );
    }

    #[test]
    fn rates_on_fewer_than_five_carry_a_caution() {
        let programme = evaluate(
            &rows_input(vec![
                row("Ann", "3", "2", "1"),
                row("Bo", "5", "5", "2"),
                row("Cy", "4", "4", ""),
                row("Di", "6", "0", "0"),
            ]),
            &Benchmarks::default(),
        );
        let metrics = |i: usize| programme.rows[i].as_ref().unwrap_or_else(|| panic!("{:?}", programme.problems));
        // Ann: 2 of 3 submitted (66.7%), 1 of 2 accepted (50%): both on fewer than 5.
        let ann = metrics(0);
        let acceptance = ann.acceptance_caution.as_ref().map(|c| (c.short.as_str(), c.sentence.as_str()));
        assert_eq!(
            acceptance,
            Some((
                "only 3 submitted",
                "Only 3 submitted: with fewer than 5, one CSQL accepted or not moves the rate by 25 points or more, so read it with care."
            ))
        );
        let conversion = ann.conversion_caution.as_ref().map(|c| (c.short.as_str(), c.sentence.as_str()));
        assert_eq!(
            conversion,
            Some((
                "only 2 accepted",
                "Only 2 accepted: with fewer than 5, one deal won or lost moves the rate by 25 points or more, so read it with care."
            ))
        );
        // Bo: 5 submitted and 5 accepted are not fewer than 5.
        assert_eq!(
            (metrics(1).acceptance_caution.as_ref(), metrics(1).conversion_caution.as_ref()),
            (None, None)
        );
        // Cy: 4 submitted (a caution); won blank, so no conversion rate to caution.
        assert_eq!(
            metrics(2).acceptance_caution.as_ref().map(|c| c.short.as_str()),
            Some("only 4 submitted")
        );
        assert_eq!(metrics(2).conversion_caution, None);
        // Di: 0 accepted, so no conversion rate; 6 submitted is enough.
        assert_eq!(
            (metrics(3).acceptance_caution.as_ref(), metrics(3).conversion_caution.as_ref()),
            (None, None)
        );
        // Team: 18 submitted; conversion counts only rows with won entered:
        // Ann 2 + Bo 5 + Di 0 = 7 accepted, so no caution.
        let team = programme.team.as_ref().unwrap_or_else(|| panic!("team"));
        assert_eq!((team.acceptance_caution.as_ref(), team.conversion_caution.as_ref()), (None, None));
        // Team conversion over the rows that entered won: Ann 2 + Cy's blank = 2 accepted.
        let programme = evaluate(
            &rows_input(vec![row("Ann", "3", "2", "1"), row("Cy", "9", "9", "")]),
            &Benchmarks::default(),
        );
        let team = programme.team.as_ref().unwrap_or_else(|| panic!("team"));
        assert_eq!(team.conversion_caution.as_ref().map(|c| c.short.as_str()), Some("only 2 accepted"));
        assert_eq!(team.acceptance_caution, None, "12 submitted");
        // The coaching table says once what its short cautions mean.
        assert_eq!(
            caution_legend(),
            "A rate marked \u{201c}only 3 accepted\u{201d} rests on fewer than 5, which one deal moves a long way."
        );
    }

    #[test]
    fn book_owners_past_the_limit_are_counted_in_a_notice() {
        let owners = |n: usize| (1..=n).map(|i| row(&format!("Owner {i}"), "2", "1", "0")).collect::<Vec<_>>();
        let mut s = ProgrammeState::default();
        s.apply(ProgrammeEvent::UseBookRows(owners(MAX_ROWS + 3), "book.csv".into()));
        assert_eq!(s.input.rows.len(), MAX_ROWS);
        assert_eq!(s.input.rows[MAX_ROWS - 1].name, "Owner 500");
        assert_eq!(
            s.notices.iter().map(|n| n.message.clone()).collect::<Vec<_>>(),
            vec![
                "book.csv has 503 owners; the table holds 500, so the 3 that come last in the file were left out, \
                  and the team figures do not count them."
                    .to_owned()
            ]
        );
        // Exactly the limit: nothing is left out, nothing is said.
        let mut s = ProgrammeState::default();
        s.apply(ProgrammeEvent::UseBookRows(owners(MAX_ROWS), "book.csv".into()));
        assert_eq!(s.input.rows.len(), MAX_ROWS);
        assert!(s.notices.is_empty());
    }
}
