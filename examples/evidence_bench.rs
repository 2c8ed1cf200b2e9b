//! Benchmark of the evidence model (a benchmark, not a test): backtest and
//! sweep per weight change, and the fit with its cross-validation, at 100,000
//! accounts, natively.
//!
//! Run: `cargo run --release --example evidence_bench` (the release profile is
//! the one the WebAssembly build uses: `opt-level = "z"`, LTO, one codegen
//! unit). Writes `bench/out/evidence.json` and prints a table. Each figure is
//! the median (and the slowest) of repeated runs, timed with `Instant`.
//!
//! Books measured:
//! - the app's sample book at 100,000 accounts (about 13,700 of them labelled:
//!   only accepted accounts have a closed-won cell);
//! - a worst case: 100,000 accounts, every one labelled, with direct component
//!   scores (3, 6 or 12 components) drawn from a seeded logistic model.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

use csql_calculator::model::book::{import, sample_csv, score_all, BadRows, Book, SplitMix64, SAMPLE_SEED};
use csql_calculator::model::evidence::{
    backtest, book_segment, chart, compare_plans, fit, suggest_threshold, sweep, table_rows, BacktestView, FitData, FitJob, Outcome,
    ScenarioPlan, Step,
};
use csql_calculator::model::programme::{Benchmarks, Segment};
use csql_calculator::model::{Component, Model, ScoreMode};

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and maximum of the times, in milliseconds.
fn stats(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let max = times.last().copied().unwrap_or(0.0);
    (median, max)
}

/// A model of `p` directly typed components, `c0`..`c{p-1}`.
fn direct_model(p: usize) -> Model {
    Model {
        components: (0..p)
            .map(|j| Component {
                key: format!("c{j}"),
                name: format!("C{j}"),
                weight: "1".to_owned(),
                mode: ScoreMode::Direct,
                direct: String::new(),
                signals: Vec::new(),
            })
            .collect(),
        ..Model::default()
    }
}

/// 100,000 accounts, every one labelled: component j is a shared strength
/// plus its own noise; won with chance 1 / (1 + e^-z), z = sum(b_j (x_j - 50)).
fn labelled_book(rows: usize, p: usize, seed: u64) -> Book {
    let mut rng = SplitMix64::new(seed);
    let mut csv = String::with_capacity(rows * (6 + 4 * p));
    csv.push_str("id,segment,");
    for j in 0..p {
        let _ = write!(csv, "c{j},");
    }
    csv.push_str("won\n");
    let slopes: Vec<f64> = (0..p).map(|j| 0.08 / p as f64 * (1.0 + j as f64 % 3.0)).collect();
    for i in 0..rows {
        let strength = rng.unit();
        let mut z = -50.0 * slopes.iter().sum::<f64>();
        let _ = write!(csv, "A{i},smb,");
        for slope in &slopes {
            let x = (100.0 * (0.6 * strength + 0.4 * rng.unit())).round();
            z += slope * x;
            let _ = write!(csv, "{x},");
        }
        let won = rng.unit() < 1.0 / (1.0 + (-z).exp());
        csv.push_str(if won { "yes\n" } else { "no\n" });
    }
    match import(csv.as_bytes(), &direct_model(p), BadRows::Skip, TODAY) {
        Ok((book, _)) => book,
        Err(e) => panic!("{e}"),
    }
}

struct Row {
    measure: String,
    median: f64,
    max: f64,
    note: String,
}

/// Backtest, sweep and their view per weight change, 31 changes.
fn per_change(book: &Book, label: &str, rows: &mut Vec<Row>) {
    let p = book.components().len();
    let segment = book_segment(book).unwrap_or(Segment::Smb);
    let benchmarks = Benchmarks::default();
    let band = benchmarks.for_segment(segment).conversion;
    let mut scoring = Vec::new();
    let mut evidence = Vec::new();
    let mut backtest_only = Vec::new();
    let mut sweep_only = Vec::new();
    let mut view_only = Vec::new();
    let mut labelled = 0;
    for change in 0..31 {
        let weights: Vec<f64> = (0..p).map(|j| 10.0 + ((change * 7 + j * 13) % 40) as f64).collect();
        let t = Instant::now();
        let scores = score_all(book, &weights, 70.0);
        scoring.push(millis(t.elapsed()));

        let t = Instant::now();
        let b = backtest(book, &scores, Outcome::Won);
        let t_backtest = t.elapsed();
        let t2 = Instant::now();
        let s = sweep(book, &scores, Outcome::Won);
        let t_sweep = t2.elapsed();
        let t3 = Instant::now();
        let mut text = 0;
        if let (Ok(b), Ok(s)) = (&b, &s) {
            labelled = b.labelled();
            let v = BacktestView::new(b);
            let suggested = suggest_threshold(s, &benchmarks, segment).ok();
            let c = chart(s, 70.0, suggested, Some(&band), 640.0, 280.0);
            let table = table_rows(s, 70.0, suggested);
            text += v.conversion.len() + c.series.iter().map(|s| s.path.len()).sum::<usize>() + table.len();
        }
        // Acceptance too, when the book has the column.
        if let (Ok(b), Ok(s)) = (backtest(book, &scores, Outcome::Accepted), sweep(book, &scores, Outcome::Accepted)) {
            text += BacktestView::new(&b).auc.len() + s.points.len();
        }
        let t_view = t3.elapsed();
        std::hint::black_box(text);
        if change > 0 {
            // The first change warms caches and the allocator.
            backtest_only.push(millis(t_backtest));
            sweep_only.push(millis(t_sweep));
            view_only.push(millis(t_view));
            evidence.push(millis(t_backtest + t_sweep + t_view));
        }
    }
    let push = |rows: &mut Vec<Row>, measure: &str, times: Vec<f64>, note: String| {
        let (median, max) = stats(times);
        rows.push(Row {
            measure: format!("{measure} ({label})"),
            median,
            max,
            note,
        });
    };
    push(rows, "score_all (reference)", scoring, format!("{} accounts", book.len()));
    push(
        rows,
        "backtest, won",
        backtest_only,
        format!("{labelled} labelled: one pass, one sort"),
    );
    push(rows, "sweep, won", sweep_only, "one pass + 101".to_owned());
    push(
        rows,
        "suggestion, chart, table; acceptance backtest + sweep",
        view_only,
        String::new(),
    );
    push(
        rows,
        "evidence per weight change, all of the above",
        evidence,
        "added to the frame".to_owned(),
    );
}

/// The fit alone, and the whole job (fit + 5 folds), 5 runs each.
fn fitting(book: &Book, label: &str, rows: &mut Vec<Row>) {
    let data = FitData::from_book(book);
    let p = data.columns();
    let current = vec![1.0; p];
    let mut fits = Vec::new();
    let mut jobs = Vec::new();
    let mut steps_max = Vec::new();
    let mut iterations = 0;
    let mut step_count = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let f = fit(&data.x, &data.won, &data.names);
        fits.push(millis(t.elapsed()));
        iterations = f.as_ref().map_or(0, |f| f.iterations);
        if let Err(e) = &f {
            println!("{label}: {e}");
        }
        let mut job = FitJob::new(data.clone(), current.clone());
        let t = Instant::now();
        let mut longest = 0.0f64;
        step_count = 0;
        loop {
            let s = Instant::now();
            let step = job.step();
            longest = longest.max(millis(s.elapsed()));
            step_count += 1;
            if step == Step::Done {
                break;
            }
        }
        jobs.push(millis(t.elapsed()));
        steps_max.push(longest);
    }
    let (median, max) = stats(fits);
    rows.push(Row {
        measure: format!("fit ({label})"),
        median,
        max,
        note: format!("{} labelled, {p} components, {iterations} Newton iterations", data.won.len()),
    });
    let (median, max) = stats(jobs);
    rows.push(Row {
        measure: format!("fit + 5-fold cross-validation ({label})"),
        median,
        max,
        note: format!("{step_count} steps"),
    });
    let (median, max) = stats(steps_max);
    rows.push(Row {
        measure: format!("longest single step of the job ({label})"),
        median,
        max,
        note: "what one frame would carry".to_owned(),
    });
}

/// Three scenarios compared (for information).
fn scenarios(book: &Book, label: &str, rows: &mut Vec<Row>) {
    let p = book.components().len();
    let required: Vec<bool> = book.gates().iter().map(|g| g.required).collect();
    let plans: Vec<ScenarioPlan> = [
        (vec![1.0; p], 70.0),
        (vec![2.0; p], 60.0),
        ((0..p).map(|j| j as f64 + 1.0).collect(), 75.0),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (weights, threshold))| ScenarioPlan {
        name: format!("S{i}"),
        weights,
        threshold,
        required: required.clone(),
    })
    .collect();
    let mut times = Vec::new();
    let mut flips = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let c = compare_plans(book, &plans);
        times.push(millis(t.elapsed()));
        flips = c.flips.len();
    }
    let (median, max) = stats(times);
    rows.push(Row {
        measure: format!("compare 3 scenarios ({label})"),
        median,
        max,
        note: format!("{flips} flips"),
    });
}

fn main() {
    let mut rows = Vec::new();
    let t = Instant::now();
    let sample = match import(&sample_csv(100_000, SAMPLE_SEED), &Model::default(), BadRows::Skip, TODAY) {
        Ok((book, _)) => book,
        Err(e) => panic!("{e}"),
    };
    println!("sample book of 100,000 built in {:.0} ms", millis(t.elapsed()));
    per_change(&sample, "sample, 100,000", &mut rows);
    fitting(&sample, "sample, 100,000", &mut rows);
    scenarios(&sample, "sample, 100,000", &mut rows);
    for p in [3, 6, 12] {
        let book = labelled_book(100_000, p, 42 + p as u64);
        let label = format!("100,000 labelled, {p} components");
        if p == 3 {
            per_change(&book, &label, &mut rows);
        }
        fitting(&book, &label, &mut rows);
    }

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    println!("\n| Measure | Median | Slowest | Note |\n| --- | ---: | ---: | --- |");
    let mut json = String::from("{\n  \"how\": \"cargo run --release --example evidence_bench; native, release profile (opt-level z, LTO); Instant; median and slowest of the runs\",\n");
    let _ = writeln!(json, "  \"cpu\": {:?},\n  \"load_average\": {:?},\n  \"rows\": [", cpu, load.trim());
    for (i, r) in rows.iter().enumerate() {
        println!("| {} | {:.2} ms | {:.2} ms | {} |", r.measure, r.median, r.max, r.note);
        let _ = writeln!(
            json,
            "    {{\"measure\": {:?}, \"median_ms\": {:.3}, \"slowest_ms\": {:.3}, \"note\": {:?}}}{}",
            r.measure,
            r.median,
            r.max,
            r.note,
            if i + 1 < rows.len() { "," } else { "" }
        );
    }
    json.push_str("  ]\n}\n");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/out");
    let _ = std::fs::create_dir_all(dir);
    let path = format!("{dir}/evidence.json");
    match std::fs::write(&path, json) {
        Ok(()) => println!("\nwrote {path} (cpu {cpu}, load {})", load.trim()),
        Err(e) => println!("\ncould not write {path}: {e}"),
    }
}
